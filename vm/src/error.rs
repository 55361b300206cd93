//! Runtime errors as PUC Lua words them, and the Rust-side error type.
//!
//! Variable descriptions (`(local 't')`, `(global 'x')`, `(field 'y')`, ...)
//! and function names in tracebacks are found the way `ldebug.c` finds them:
//! by reading the bytecode back. [`object_name`] performs PUC's symbolic
//! execution (`getobjname`) over our instruction enum; [`function_name`]
//! names the function called by an instruction (`funcnamefromcode`).

use std::fmt;

use crate::bytecode::{Op, Proto, RK, chunk_id};
use crate::meta::MetaEvent;
use crate::value::Value;

/// The instruction index of the last instruction before `lastpc` that
/// writes register `reg` (PUC's `findsetreg`), or `None`.
fn find_set_reg(proto: &Proto, lastpc: usize, reg: u8) -> Option<usize> {
    let reg = reg as u32;
    let mut setreg = None;
    let mut jump_target = 0usize;
    for (pc, op) in proto.code.iter().enumerate().take(lastpc) {
        let change = match *op {
            Op::LoadNil { a, b } => (a as u32) <= reg && reg <= a as u32 + b as u32,
            Op::TForCall { a, .. } => reg >= a as u32 + 2,
            Op::Call { a, .. } | Op::TailCall { a, .. } => reg >= a as u32,
            Op::Jmp { target } => {
                let dest = target as usize;
                if dest <= lastpc && dest > jump_target {
                    jump_target = dest;
                }
                false
            }
            _ => sets_register_a(op) == Some(reg as u8),
        };
        if change {
            // An instruction inside a conditional block may not have run.
            setreg = if pc < jump_target { None } else { Some(pc) };
        }
    }
    setreg
}

/// Register `A` written by instructions that set one (PUC's `testAMode`).
fn sets_register_a(op: &Op) -> Option<u8> {
    if let Some(arith) = op.as_arith() {
        return Some(arith.a);
    }
    Some(match *op {
        Op::Move { a, .. }
        | Op::LoadI { a, .. }
        | Op::LoadF { a, .. }
        | Op::LoadK { a, .. }
        | Op::LoadFalse { a }
        | Op::LFalseSkip { a }
        | Op::LoadTrue { a }
        | Op::GetUpval { a, .. }
        | Op::GetTabUp { a, .. }
        | Op::GetTable { a, .. }
        | Op::GetI { a, .. }
        | Op::GetField { a, .. }
        | Op::NewTable { a, .. }
        | Op::SelfOp { a, .. }
        | Op::AddI { a, .. }
        | Op::ShrI { a, .. }
        | Op::ShlI { a, .. }
        | Op::Unm { a, .. }
        | Op::BNot { a, .. }
        | Op::Not { a, .. }
        | Op::Len { a, .. }
        | Op::Concat { a, .. }
        | Op::TestSet { a, .. }
        | Op::ForLoop { a, .. }
        | Op::ForPrep { a, .. }
        | Op::TForLoop { a, .. }
        | Op::Closure { a, .. }
        | Op::VarArg { a, .. } => a,
        _ => return None,
    })
}

fn upvalue_name(proto: &Proto, index: u8) -> String {
    match proto
        .upvalues
        .get(index as usize)
        .and_then(|u| u.name.as_ref())
    {
        Some(name) => String::from_utf8_lossy(name).into_owned(),
        None => "?".to_string(),
    }
}

/// A string constant used as a name. PUC formats names as C strings, so a
/// name stops at its first `\0`.
fn constant_name(proto: &Proto, index: usize) -> Option<String> {
    match proto.constants.get(index) {
        Some(crate::bytecode::Constant::String(s)) => {
            let c_string = s.split(|&b| b == 0).next().unwrap_or_default();
            Some(String::from_utf8_lossy(c_string).into_owned())
        }
        _ => None,
    }
}

/// PUC's `basicgetobjname`: locals, upvalues, constants and moves. Returns
/// the kind, the name and the pc where the register was last set.
fn basic_object_name(
    proto: &Proto,
    pc: usize,
    reg: u8,
) -> (Option<(&'static str, String)>, Option<usize>) {
    if let Some(name) = proto.local_name(reg as usize + 1, pc) {
        return (
            Some(("local", String::from_utf8_lossy(name).into_owned())),
            Some(pc),
        );
    }
    let Some(setpc) = find_set_reg(proto, pc, reg) else {
        return (None, None);
    };
    let found = match proto.code[setpc] {
        Op::Move { a, b } if b < a => return basic_object_name(proto, setpc, b),
        Op::GetUpval { b, .. } => Some(("upvalue", upvalue_name(proto, b))),
        Op::LoadK { k, .. } => constant_name(proto, k as usize).map(|n| ("constant", n)),
        _ => None,
    };
    (found, Some(setpc))
}

/// A name for a register holding a key: only constants count.
fn register_key_name(proto: &Proto, pc: usize, reg: u8) -> String {
    match basic_object_name(proto, pc, reg).0 {
        Some(("constant", name)) => name,
        _ => "?".to_string(),
    }
}

/// `"global"` when the indexed table is the variable `_ENV`, else `"field"`.
fn env_kind(proto: &Proto, pc: usize, table: Table) -> &'static str {
    let name = match table {
        Table::Upvalue(u) => Some(upvalue_name(proto, u)),
        Table::Register(r) => match basic_object_name(proto, pc, r).0 {
            Some(("local", n)) | Some(("upvalue", n)) => Some(n),
            _ => None,
        },
    };
    if name.as_deref() == Some("_ENV") {
        "global"
    } else {
        "field"
    }
}

enum Table {
    Upvalue(u8),
    Register(u8),
}

/// PUC's `getobjname`: a kind (`local`, `global`, `field`, `upvalue`,
/// `constant`, `method`) and a name for register `reg` at instruction `pc`.
pub fn object_name(proto: &Proto, pc: usize, reg: u8) -> Option<(&'static str, String)> {
    let (found, setpc) = basic_object_name(proto, pc, reg);
    if found.is_some() {
        return found;
    }
    let setpc = setpc?;
    match proto.code[setpc] {
        Op::GetTabUp { b, key, .. } => {
            let name = constant_name(proto, key as usize).unwrap_or_else(|| "?".into());
            Some((env_kind(proto, setpc, Table::Upvalue(b)), name))
        }
        Op::GetTable { b, c, .. } => {
            let name = register_key_name(proto, setpc, c);
            Some((env_kind(proto, setpc, Table::Register(b)), name))
        }
        Op::GetI { .. } => Some(("field", "integer index".into())),
        Op::GetField { b, key, .. } => {
            let name = constant_name(proto, key as usize).unwrap_or_else(|| "?".into());
            Some((env_kind(proto, setpc, Table::Register(b)), name))
        }
        Op::SelfOp { key, .. } => {
            let name = match key {
                RK::Const(k) => constant_name(proto, k as usize).unwrap_or_else(|| "?".into()),
                RK::Reg(r) => register_key_name(proto, setpc, r),
            };
            Some(("method", name))
        }
        _ => None,
    }
}

/// Where an erroneous operand came from, for [`variable_info`].
#[derive(Clone, Copy, Debug)]
pub enum Operand {
    Register(u8),
    Upvalue(u8),
    /// A temporary or a value found through a metamethod chain: no name.
    Unnamed,
}

/// The ` (kind 'name')` suffix of a type error (PUC's `varinfo`).
pub fn variable_info(proto: &Proto, pc: usize, operand: Operand) -> String {
    let found = match operand {
        Operand::Register(r) => object_name(proto, pc, r),
        Operand::Upvalue(u) => Some(("upvalue", upvalue_name(proto, u))),
        Operand::Unnamed => None,
    };
    match found {
        Some((kind, name)) => format!(" ({kind} '{name}')"),
        None => String::new(),
    }
}

/// PUC's `funcnamefromcode`: how the instruction at `pc` calls a function.
pub fn function_name(proto: &Proto, pc: usize) -> Option<(&'static str, String)> {
    let op = proto.code.get(pc)?;
    if let Some(arith) = op.as_arith() {
        let event = &MetaEvent::of_arith(arith.op).name()[2..];
        return Some(("metamethod", event.to_string()));
    }
    let event = match *op {
        Op::Call { a, .. } | Op::TailCall { a, .. } => return object_name(proto, pc, a),
        Op::TForCall { .. } => return Some(("for iterator", "for iterator".into())),
        Op::SelfOp { .. }
        | Op::GetTabUp { .. }
        | Op::GetTable { .. }
        | Op::GetI { .. }
        | Op::GetField { .. } => "index",
        Op::SetTabUp { .. } | Op::SetTable { .. } | Op::SetI { .. } | Op::SetField { .. } => {
            "newindex"
        }
        Op::AddI { .. } => "add",
        Op::ShrI { .. } => "shr",
        Op::ShlI { .. } => "shl",
        Op::Unm { .. } => "unm",
        Op::BNot { .. } => "bnot",
        Op::Len { .. } => "len",
        Op::Concat { .. } => "concat",
        Op::Eq { .. } => "eq",
        Op::Lt { .. } | Op::LtI { .. } | Op::GtI { .. } => "lt",
        Op::Le { .. } | Op::LeI { .. } | Op::GeI { .. } => "le",
        Op::Close { .. } | Op::Return { .. } => "close",
        _ => return None,
    };
    Some(("metamethod", event.to_string()))
}

/// `chunkid:line:` for instruction `pc` of `proto` (line -1 without line info).
pub fn position(proto: &Proto, pc: usize) -> String {
    let chunk = String::from_utf8_lossy(&chunk_id(&proto.source)).into_owned();
    match proto.line_at(pc) {
        Some(line) => format!("{chunk}:{line}:"),
        // Stripped of line information: PUC's `currentline` is -1.
        None => format!("{chunk}:-1:"),
    }
}

/// The kind of failure a [`LuaError`] reports (PUC's status codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A syntax error from `load`.
    Syntax,
    /// A runtime error (`LUA_ERRRUN`).
    Runtime,
    /// Out of memory (`LUA_ERRMEM`).
    Memory,
    /// An error in a message handler (`LUA_ERRERR`).
    Handler,
}

/// A Lua error seen from Rust: `'static`, printable, with the traceback
/// taken where the error was raised (when there was one).
#[derive(Clone, Debug)]
pub struct LuaError {
    pub kind: ErrorKind,
    /// The error value as text, as `lua.c` prints it: strings and numbers as
    /// themselves, other values as `(error object is a X value)` unless they
    /// have `__tostring`.
    pub message: Vec<u8>,
    /// The Lua type of the error value (`"string"` for messages): PUC's
    /// warnings and handlers treat string and non-string errors apart.
    pub value_type: &'static str,
    /// `stack traceback:\n\t...` (empty when not available).
    pub traceback: String,
}

impl LuaError {
    pub fn new(kind: ErrorKind, message: impl Into<Vec<u8>>) -> LuaError {
        LuaError {
            kind,
            message: message.into(),
            value_type: "string",
            traceback: String::new(),
        }
    }

    pub fn message_lossy(&self) -> String {
        String::from_utf8_lossy(&self.message).into_owned()
    }
}

impl fmt::Display for LuaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_lossy())
    }
}

impl std::error::Error for LuaError {}

impl From<crate::lex::SyntaxError> for LuaError {
    fn from(e: crate::lex::SyntaxError) -> Self {
        LuaError::new(ErrorKind::Syntax, e.message)
    }
}

/// The text `lua.c` prints for an error value that is not a string or a
/// number (and has no `__tostring`).
pub fn error_object_text(value: Value<'_>) -> String {
    format!("(error object is a {} value)", value.type_name())
}
