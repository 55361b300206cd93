//! The instruction set and compiled function prototypes.
//!
//! This is the contract between the compiler (`compile`) and the interpreter
//! (`interp`). It follows Lua 5.4's register machine closely — the same
//! instructions, operands and conditional-skip conventions as PUC's `lopcodes.h`
//! — so that the compiler can mirror `lcode.c`'s jump logic and the interpreter
//! can name variables in error messages by reading the bytecode back, as
//! `ldebug.c` does. Two deliberate differences:
//!
//! - Instructions are a decoded Rust enum, built once by the compiler (or by the
//!   binary-chunk loader), never re-decoded during execution.
//! - Jump targets are absolute instruction indices (`target`), and operands are
//!   wide enough that `EXTRAARG`/`LOADKX` are unnecessary. There is no `MMBIN`:
//!   arithmetic instructions fall back to metamethods themselves.
//!
//! Everything here is `'static` and free of the garbage-collected heap: a
//! `Proto` is what `load` produces from text or binary chunks, and what
//! `string.dump` serialises. The interpreter turns constants into heap values
//! once, when a prototype is loaded into a state.

use std::rc::Rc;

/// A register index in the current frame (PUC's limit: 255 registers).
pub type Reg = u8;
/// An index into `Proto::constants`.
pub type ConstIdx = u32;
/// A constant index embedded beside other operands; constants past
/// `u16::MAX` must first be loaded into a register with `LoadK`.
pub type ShortConstIdx = u16;
/// An index into the current closure's upvalues.
pub type UpIdx = u8;
/// An absolute index into `Proto::code`.
pub type Target = u32;

/// Binary arithmetic and bitwise operators, in PUC's `TM_*` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
}

impl ArithOp {
    /// Bitwise operators need integer-convertible operands.
    pub fn is_bitwise(self) -> bool {
        matches!(
            self,
            ArithOp::BAnd | ArithOp::BOr | ArithOp::BXor | ArithOp::Shl | ArithOp::Shr
        )
    }
}

/// One decoded instruction. Comments use PUC's notation: `R[x]` is a register,
/// `K[x]` a constant, `U[x]` an upvalue, `RK(x)` a register or a constant
/// according to the operand's type, and "skip" means `pc += 1` (skip the next
/// instruction, which for tests is always a `Jmp`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// `R[a] = R[b]`
    Move { a: Reg, b: Reg },
    /// `R[a] = value` (integer)
    LoadI { a: Reg, value: i32 },
    /// `R[a] = value as float`
    LoadF { a: Reg, value: i32 },
    /// `R[a] = K[k]`
    LoadK { a: Reg, k: ConstIdx },
    /// `R[a] = false`
    LoadFalse { a: Reg },
    /// `R[a] = false; skip`
    LFalseSkip { a: Reg },
    /// `R[a] = true`
    LoadTrue { a: Reg },
    /// `R[a], R[a+1], ..., R[a+b] = nil` (note: `b + 1` registers)
    LoadNil { a: Reg, b: u8 },
    /// `R[a] = U[b]`
    GetUpval { a: Reg, b: UpIdx },
    /// `U[b] = R[a]`
    SetUpval { a: Reg, b: UpIdx },

    /// `R[a] = U[b][K[key]]` (`K[key]` is a string; `U[b]` is usually `_ENV`)
    GetTabUp {
        a: Reg,
        b: UpIdx,
        key: ShortConstIdx,
    },
    /// `R[a] = R[b][R[c]]`
    GetTable { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b][c]` (integer key `c`)
    GetI { a: Reg, b: Reg, c: u8 },
    /// `R[a] = R[b][K[key]]` (`K[key]` is a short string)
    GetField { a: Reg, b: Reg, key: ShortConstIdx },
    /// `U[a][K[key]] = RK(value)`
    SetTabUp {
        a: UpIdx,
        key: ShortConstIdx,
        value: RK,
    },
    /// `R[a][R[b]] = RK(value)`
    SetTable { a: Reg, b: Reg, value: RK },
    /// `R[a][b] = RK(value)` (integer key `b`)
    SetI { a: Reg, b: u8, value: RK },
    /// `R[a][K[key]] = RK(value)` (`K[key]` is a short string)
    SetField {
        a: Reg,
        key: ShortConstIdx,
        value: RK,
    },
    /// `R[a] = {}` with size hints for the array and hash parts (the hash
    /// hint saturates at `u16::MAX`).
    NewTable { a: Reg, array: u32, hash: u16 },
    /// `R[a+1] = R[b]; R[a] = R[b][RK(key)]` (method lookup for `obj:m()`)
    SelfOp { a: Reg, b: Reg, key: RK },

    /// `R[a] = R[b] + imm`
    AddI { a: Reg, b: Reg, imm: i8 },
    /// `R[a] = R[b] >> imm`
    ShrI { a: Reg, b: Reg, imm: i8 },
    /// `R[a] = imm << R[b]`
    ShlI { a: Reg, b: Reg, imm: i8 },
    // One instruction per operator, so that dispatch selects the operation
    // at once (a shared instruction with an operator field costs a second
    // indirect jump on every arithmetic step). [`Op::arith`], [`Op::arith_k`]
    // and [`Op::as_arith`] give the uniform view.
    /// `R[a] = R[b] + R[c]`
    Add { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] - R[c]`
    Sub { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] * R[c]`
    Mul { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] % R[c]`
    Mod { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] ^ R[c]`
    Pow { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] / R[c]`
    Div { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] // R[c]`
    IDiv { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] & R[c]`
    BAnd { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] | R[c]`
    BOr { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] ~ R[c]`
    BXor { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] << R[c]`
    Shl { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] >> R[c]`
    Shr { a: Reg, b: Reg, c: Reg },
    /// `R[a] = R[b] + K[k]` (`K[k]` is a number)
    AddK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] - K[k]` (`K[k]` is a number)
    SubK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] * K[k]` (`K[k]` is a number)
    MulK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] % K[k]` (`K[k]` is a number)
    ModK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] ^ K[k]` (`K[k]` is a number)
    PowK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] / K[k]` (`K[k]` is a number)
    DivK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] // K[k]` (`K[k]` is a number)
    IDivK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] & K[k]` (`K[k]` is a number)
    BAndK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] | K[k]` (`K[k]` is a number)
    BOrK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] ~ K[k]` (`K[k]` is a number)
    BXorK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] << K[k]` (`K[k]` is a number)
    ShlK { a: Reg, b: Reg, k: ShortConstIdx },
    /// `R[a] = R[b] >> K[k]` (`K[k]` is a number)
    ShrK { a: Reg, b: Reg, k: ShortConstIdx },

    /// `R[a] = -R[b]`
    Unm { a: Reg, b: Reg },
    /// `R[a] = ~R[b]`
    BNot { a: Reg, b: Reg },
    /// `R[a] = not R[b]`
    Not { a: Reg, b: Reg },
    /// `R[a] = #R[b]`
    Len { a: Reg, b: Reg },
    /// `R[a] = R[a] .. ... .. R[a + n - 1]`
    Concat { a: Reg, n: u8 },

    /// Close upvalues and to-be-closed variables at registers `>= a`.
    Close { a: Reg },
    /// Mark `R[a]` as a to-be-closed variable.
    Tbc { a: Reg },
    /// `pc = target`
    Jmp { target: Target },

    /// `if ((R[a] == R[b]) ~= k) then skip`
    Eq { a: Reg, b: Reg, k: bool },
    /// `if ((R[a] < R[b]) ~= k) then skip`
    Lt { a: Reg, b: Reg, k: bool },
    /// `if ((R[a] <= R[b]) ~= k) then skip`
    Le { a: Reg, b: Reg, k: bool },
    /// `if ((R[a] == K[b]) ~= k) then skip`
    EqK { a: Reg, b: ShortConstIdx, k: bool },
    /// `if ((R[a] == imm) ~= k) then skip`; `is_float` says the literal was a
    /// float (for error messages and `-0.0` cases the compiler excludes).
    EqI {
        a: Reg,
        imm: i16,
        is_float: bool,
        k: bool,
    },
    /// `if ((R[a] < imm) ~= k) then skip`
    LtI {
        a: Reg,
        imm: i16,
        is_float: bool,
        k: bool,
    },
    /// `if ((R[a] <= imm) ~= k) then skip`
    LeI {
        a: Reg,
        imm: i16,
        is_float: bool,
        k: bool,
    },
    /// `if ((R[a] > imm) ~= k) then skip`
    GtI {
        a: Reg,
        imm: i16,
        is_float: bool,
        k: bool,
    },
    /// `if ((R[a] >= imm) ~= k) then skip`
    GeI {
        a: Reg,
        imm: i16,
        is_float: bool,
        k: bool,
    },

    /// `if (not R[a] == k) then skip` (truthiness of `R[a]`)
    Test { a: Reg, k: bool },
    /// `if (not R[b] == k) then skip else R[a] = R[b]`
    TestSet { a: Reg, b: Reg, k: bool },

    /// `R[a], ..., R[a+c-2] = R[a](R[a+1], ..., R[a+b-1])`.
    /// `b == 0`: arguments up to the stack top (set by the previous
    /// multi-result instruction). `c == 0`: keep all results and set the top.
    Call { a: Reg, b: u8, c: u8 },
    /// `return R[a](R[a+1], ..., R[a+b-1])`, same `b` convention as `Call`.
    /// `close`: the function has upvalues or to-be-closed variables to close
    /// first. `nparams1`: when the function is vararg, its `num_params + 1`
    /// (0 otherwise), as PUC's `C` operand, so the frame can be restored.
    TailCall {
        a: Reg,
        b: u8,
        close: bool,
        nparams1: u8,
    },
    /// `return R[a], ..., R[a+b-2]`; `b == 0` returns up to the stack top.
    /// `close` and `nparams1` as for `TailCall`.
    Return {
        a: Reg,
        b: u8,
        close: bool,
        nparams1: u8,
    },
    /// `return` (no values, nothing to close, not vararg)
    Return0,
    /// `return R[a]` (nothing to close, not vararg)
    Return1 { a: Reg },

    /// Numeric `for`: update counters; if the loop continues, `pc = target`
    /// (the first instruction of the body).
    ForLoop { a: Reg, target: Target },
    /// Numeric `for`: check and prepare counters; if the loop does not run,
    /// `pc = target` (the instruction after the matching `ForLoop`).
    ForPrep { a: Reg, target: Target },
    /// Generic `for`: mark `R[a+3]` as to-be-closed, `pc = target` (the
    /// matching `TForCall`).
    TForPrep { a: Reg, target: Target },
    /// `R[a+4], ..., R[a+3+c] = R[a](R[a+1], R[a+2])`
    TForCall { a: Reg, c: u8 },
    /// `if R[a+4] ~= nil then { R[a+2] = R[a+4]; pc = target }`
    TForLoop { a: Reg, target: Target },

    /// `R[a][offset+i] = R[a+i], 1 <= i <= n`; `n == 0` means up to the top.
    SetList { a: Reg, n: u8, offset: u32 },
    /// `R[a] = closure(protos[proto])`
    Closure { a: Reg, proto: u32 },
    /// `R[a], ..., R[a+c-2] = vararg`; `c == 0` keeps all and sets the top.
    VarArg { a: Reg, c: u8 },
    /// Adjust the frame of a vararg function with `nparams` fixed parameters.
    VarArgPrep { nparams: u8 },
}

/// A register-or-constant operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RK {
    Reg(Reg),
    Const(ShortConstIdx),
}

/// An arithmetic or bitwise instruction seen through its operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArithInstr {
    pub op: ArithOp,
    pub a: Reg,
    pub b: Reg,
    /// `R[c]` or `K[k]`.
    pub second: RK,
}

/// Maps each operator to its two instructions (registers; constant).
macro_rules! arith_instructions {
    ($($op:ident => $rr:ident, $rk:ident;)*) => {
        impl Op {
            /// `R[a] = R[b] op R[c]`.
            pub fn arith(op: ArithOp, a: Reg, b: Reg, c: Reg) -> Op {
                match op {
                    $(ArithOp::$op => Op::$rr { a, b, c },)*
                }
            }

            /// `R[a] = R[b] op K[k]`.
            pub fn arith_k(op: ArithOp, a: Reg, b: Reg, k: ShortConstIdx) -> Op {
                match op {
                    $(ArithOp::$op => Op::$rk { a, b, k },)*
                }
            }

            /// The operator and operands of a binary arithmetic instruction
            /// (not the immediate forms `AddI`, `ShrI`, `ShlI`).
            pub fn as_arith(&self) -> Option<ArithInstr> {
                Some(match *self {
                    $(
                        Op::$rr { a, b, c } => ArithInstr { op: ArithOp::$op, a, b, second: RK::Reg(c) },
                        Op::$rk { a, b, k } => ArithInstr { op: ArithOp::$op, a, b, second: RK::Const(k) },
                    )*
                    _ => return None,
                })
            }
        }
    };
}

arith_instructions! {
    Add => Add, AddK;
    Sub => Sub, SubK;
    Mul => Mul, MulK;
    Mod => Mod, ModK;
    Pow => Pow, PowK;
    Div => Div, DivK;
    IDiv => IDiv, IDivK;
    BAnd => BAnd, BAndK;
    BOr => BOr, BOrK;
    BXor => BXor, BXorK;
    Shl => Shl, ShlK;
    Shr => Shr, ShrK;
}

/// A constant of a prototype, independent of any heap.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    Nil,
    Boolean(bool),
    Integer(i64),
    Number(f64),
    String(Box<[u8]>),
}

/// How a closure captures one upvalue when it is created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpvalDesc {
    /// Name for debug information (`None` when stripped).
    pub name: Option<Box<[u8]>>,
    /// `true`: capture register `index` of the enclosing function's frame;
    /// `false`: share upvalue `index` of the enclosing closure.
    pub in_stack: bool,
    pub index: u8,
    /// Declared `<const>` or `<close>` (PUC's `kind`), kept for `string.dump`.
    pub kind: VarKind,
}

/// The declaration kind of a local variable (PUC's `VDKREG` etc.).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum VarKind {
    #[default]
    Regular,
    Const,
    ToBeClosed,
    /// A compile-time constant: never occupies a register.
    CompileTimeConst,
}

/// Debug information about one local variable: active for instructions in
/// `start_pc..end_pc`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalVar {
    pub name: Box<[u8]>,
    pub start_pc: u32,
    pub end_pc: u32,
}

/// A compiled function.
#[derive(Clone, Debug, PartialEq)]
pub struct Proto {
    /// The chunk name (`@file.lua`, `=stdin`, or the source text itself), as
    /// PUC's `source`; shared by every prototype of one chunk.
    pub source: Rc<[u8]>,
    /// Line of `function` (0 for the main chunk).
    pub line_defined: u32,
    /// Line of the closing `end` (0 for the main chunk).
    pub last_line_defined: u32,
    pub num_params: u8,
    pub is_vararg: bool,
    /// Registers this function needs (at most 255 + call slack).
    pub max_stack: u16,
    pub code: Vec<Op>,
    /// Source line of each instruction (`lines.len() == code.len()`; empty
    /// when stripped).
    pub lines: Vec<u32>,
    pub constants: Vec<Constant>,
    pub upvalues: Vec<UpvalDesc>,
    pub protos: Vec<Rc<Proto>>,
    pub locals: Vec<LocalVar>,
}

impl Proto {
    /// The line of instruction `pc`, or `None` when line information was
    /// stripped.
    pub fn line_at(&self, pc: usize) -> Option<u32> {
        self.lines.get(pc).copied()
    }

    /// The name of the `n`-th (1-based) local variable active at `pc`, as
    /// PUC's `luaF_getlocalname`.
    pub fn local_name(&self, mut n: usize, pc: usize) -> Option<&[u8]> {
        let pc = pc as u32;
        for var in self.locals.iter() {
            if var.start_pc > pc {
                break;
            }
            if pc < var.end_pc {
                n -= 1;
                if n == 0 {
                    return Some(&var.name);
                }
            }
        }
        None
    }
}

/// The printable form of a chunk name, as PUC's `luaO_chunkid`
/// (`LUA_IDSIZE` 60): `=name` prints as `name`, `@file` as `file` (keeping
/// its end when long), and source text as `[string "first line..."]`.
pub fn chunk_id(source: &[u8]) -> Vec<u8> {
    const ID_SIZE: usize = 60;
    const ELLIPSIS: &[u8] = b"...";
    match source.first() {
        Some(b'=') => {
            let name = &source[1..];
            name[..name.len().min(ID_SIZE - 1)].to_vec()
        }
        Some(b'@') => {
            let name = &source[1..];
            if source.len() <= ID_SIZE {
                name.to_vec()
            } else {
                let keep = ID_SIZE - ELLIPSIS.len() - 1;
                let mut out = ELLIPSIS.to_vec();
                out.extend_from_slice(&name[name.len() - keep..]);
                out
            }
        }
        _ => {
            const PREFIX: &[u8] = b"[string \"";
            const SUFFIX: &[u8] = b"\"]";
            let room = ID_SIZE - (PREFIX.len() + ELLIPSIS.len() + SUFFIX.len()) - 1;
            let newline = source.iter().position(|&b| b == b'\n');
            let mut out = PREFIX.to_vec();
            if source.len() < room && newline.is_none() {
                out.extend_from_slice(source);
            } else {
                let len = newline.unwrap_or(source.len()).min(room);
                out.extend_from_slice(&source[..len]);
                out.extend_from_slice(ELLIPSIS);
            }
            out.extend_from_slice(SUFFIX);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_ids_match_puc() {
        let id = |s: &str| String::from_utf8(chunk_id(s.as_bytes())).unwrap();
        assert_eq!(id("=stdin"), "stdin");
        assert_eq!(id("@script.lua"), "script.lua");
        assert_eq!(id("x = "), "[string \"x = \"]");
        assert_eq!(id("a\nb"), "[string \"a...\"]");
        let long = "x".repeat(50);
        assert_eq!(id(&long), format!("[string \"{}...\"]", "x".repeat(45)));
        let path = format!("@{}", "d/".repeat(40));
        assert_eq!(id(&path), format!("...{}", &"d/".repeat(40)[80 - 56..]));
    }

    #[test]
    fn instructions_stay_small() {
        assert!(
            std::mem::size_of::<Op>() <= 8,
            "{}",
            std::mem::size_of::<Op>()
        );
    }

    #[test]
    fn local_names_follow_activity_ranges() {
        let var = |name: &str, start_pc, end_pc| LocalVar {
            name: name.as_bytes().into(),
            start_pc,
            end_pc,
        };
        let proto = Proto {
            source: Rc::from(&b"=test"[..]),
            line_defined: 0,
            last_line_defined: 0,
            num_params: 0,
            is_vararg: true,
            max_stack: 2,
            code: vec![],
            lines: vec![],
            constants: vec![],
            upvalues: vec![],
            protos: vec![],
            locals: vec![var("a", 0, 10), var("b", 2, 5), var("c", 5, 10)],
        };
        assert_eq!(proto.local_name(1, 0), Some(&b"a"[..]));
        assert_eq!(proto.local_name(2, 1), None);
        assert_eq!(proto.local_name(2, 3), Some(&b"b"[..]));
        assert_eq!(proto.local_name(2, 6), Some(&b"c"[..]));
    }
}
