//! A disassembler in the spirit of `luac -l -l`, for tests and debugging.
//!
//! Instruction numbers in the listing are 1-based as in `luac`, and so are
//! jump targets (`to 7`), while the operands themselves are printed as
//! stored: registers, upvalue indices, constants as `K3`.

use std::fmt::Write;

use crate::bytecode::{ArithInstr, ArithOp, Constant, Op, Proto, RK, chunk_id};

/// The full listing of `proto` and, after it, of its nested functions.
pub fn listing(proto: &Proto) -> String {
    let mut out = String::new();
    list_function(proto, true, &mut out);
    out
}

fn list_function(proto: &Proto, is_main: bool, out: &mut String) {
    let source = String::from_utf8_lossy(&chunk_id(&proto.source)).into_owned();
    let _ = writeln!(
        out,
        "{} <{}:{},{}> ({} instructions)",
        if is_main { "main" } else { "function" },
        source,
        proto.line_defined,
        proto.last_line_defined,
        proto.code.len()
    );
    let _ = writeln!(
        out,
        "{}{} params, {} slots, {} upvalues, {} locals, {} constants, {} functions",
        proto.num_params,
        if proto.is_vararg { "+" } else { "" },
        proto.max_stack,
        proto.upvalues.len(),
        proto.locals.len(),
        proto.constants.len(),
        proto.protos.len()
    );
    for pc in 0..proto.code.len() {
        let line = proto.line_at(pc).map_or("-".to_string(), |l| l.to_string());
        let _ = writeln!(
            out,
            "\t{}\t[{}]\t{}",
            pc + 1,
            line,
            instruction_text(proto, pc)
        );
    }
    let _ = writeln!(out, "constants ({}):", proto.constants.len());
    for (i, k) in proto.constants.iter().enumerate() {
        let _ = writeln!(out, "\t{i}\t{}", constant_text(k));
    }
    let _ = writeln!(out, "locals ({}):", proto.locals.len());
    for (i, var) in proto.locals.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{i}\t{}\t{}\t{}",
            String::from_utf8_lossy(&var.name),
            var.start_pc + 1,
            var.end_pc + 1
        );
    }
    let _ = writeln!(out, "upvalues ({}):", proto.upvalues.len());
    for (i, up) in proto.upvalues.iter().enumerate() {
        let name = up
            .name
            .as_deref()
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
        let _ = writeln!(out, "\t{i}\t{name}\t{}\t{}", up.in_stack as u8, up.index);
    }
    for child in &proto.protos {
        out.push('\n');
        list_function(child, false, out);
    }
}

/// A constant as `luac` prints it: strings quoted, floats with a point.
fn constant_text(k: &Constant) -> String {
    match k {
        Constant::Nil => "nil".into(),
        Constant::Boolean(b) => b.to_string(),
        Constant::Integer(i) => i.to_string(),
        Constant::Number(n) => {
            let text = format_g14(*n);
            if text.contains(['.', 'e', 'n', 'i']) {
                text
            } else {
                text + ".0"
            }
        }
        Constant::String(s) => format!("{:?}", String::from_utf8_lossy(s)),
    }
}

fn arith_name(op: ArithOp) -> &'static str {
    match op {
        ArithOp::Add => "ADD",
        ArithOp::Sub => "SUB",
        ArithOp::Mul => "MUL",
        ArithOp::Mod => "MOD",
        ArithOp::Pow => "POW",
        ArithOp::Div => "DIV",
        ArithOp::IDiv => "IDIV",
        ArithOp::BAnd => "BAND",
        ArithOp::BOr => "BOR",
        ArithOp::BXor => "BXOR",
        ArithOp::Shl => "SHL",
        ArithOp::Shr => "SHR",
    }
}

fn rk(operand: RK) -> String {
    match operand {
        RK::Reg(r) => r.to_string(),
        RK::Const(k) => format!("K{k}"),
    }
}

fn flag(k: bool) -> u8 {
    k as u8
}

/// One instruction, without comments: `GETFIELD 1 0 K2`, `JMP to 5`.
pub fn instruction_text(proto: &Proto, pc: usize) -> String {
    let Some(op) = proto.code.get(pc) else {
        return String::new();
    };
    let to = |target: u32| format!("to {}", target + 1);
    let imm = |imm: i16, is_float: bool| {
        if is_float {
            format!("{imm}.0")
        } else {
            imm.to_string()
        }
    };
    match *op {
        Op::Move { a, b } => format!("MOVE {a} {b}"),
        Op::LoadI { a, value } => format!("LOADI {a} {value}"),
        Op::LoadF { a, value } => format!("LOADF {a} {value}"),
        Op::LoadK { a, k } => format!("LOADK {a} K{k}"),
        Op::LoadFalse { a } => format!("LOADFALSE {a}"),
        Op::LFalseSkip { a } => format!("LFALSESKIP {a}"),
        Op::LoadTrue { a } => format!("LOADTRUE {a}"),
        Op::LoadNil { a, b } => format!("LOADNIL {a} {b}"),
        Op::GetUpval { a, b } => format!("GETUPVAL {a} {b}"),
        Op::SetUpval { a, b } => format!("SETUPVAL {a} {b}"),
        Op::GetTabUp { a, b, key } => format!("GETTABUP {a} {b} K{key}"),
        Op::GetTable { a, b, c } => format!("GETTABLE {a} {b} {c}"),
        Op::GetI { a, b, c } => format!("GETI {a} {b} {c}"),
        Op::GetField { a, b, key } => format!("GETFIELD {a} {b} K{key}"),
        Op::SetTabUp { a, key, value } => format!("SETTABUP {a} K{key} {}", rk(value)),
        Op::SetTable { a, b, value } => format!("SETTABLE {a} {b} {}", rk(value)),
        Op::SetI { a, b, value } => format!("SETI {a} {b} {}", rk(value)),
        Op::SetField { a, key, value } => format!("SETFIELD {a} K{key} {}", rk(value)),
        Op::NewTable { a, array, hash } => format!("NEWTABLE {a} {array} {hash}"),
        Op::SelfOp { a, b, key } => format!("SELF {a} {b} {}", rk(key)),
        Op::AddI { a, b, imm } => format!("ADDI {a} {b} {imm}"),
        Op::ShrI { a, b, imm } => format!("SHRI {a} {b} {imm}"),
        Op::ShlI { a, b, imm } => format!("SHLI {a} {b} {imm}"),
        Op::Unm { a, b } => format!("UNM {a} {b}"),
        Op::BNot { a, b } => format!("BNOT {a} {b}"),
        Op::Not { a, b } => format!("NOT {a} {b}"),
        Op::Len { a, b } => format!("LEN {a} {b}"),
        Op::Concat { a, n } => format!("CONCAT {a} {n}"),
        Op::Close { a } => format!("CLOSE {a}"),
        Op::Tbc { a } => format!("TBC {a}"),
        Op::Jmp { target } => format!("JMP {}", to(target)),
        Op::Eq { a, b, k } => format!("EQ {a} {b} {}", flag(k)),
        Op::Lt { a, b, k } => format!("LT {a} {b} {}", flag(k)),
        Op::Le { a, b, k } => format!("LE {a} {b} {}", flag(k)),
        Op::EqK { a, b, k } => format!("EQK {a} K{b} {}", flag(k)),
        Op::EqI {
            a,
            imm: i,
            is_float,
            k,
        } => format!("EQI {a} {} {}", imm(i, is_float), flag(k)),
        Op::LtI {
            a,
            imm: i,
            is_float,
            k,
        } => format!("LTI {a} {} {}", imm(i, is_float), flag(k)),
        Op::LeI {
            a,
            imm: i,
            is_float,
            k,
        } => format!("LEI {a} {} {}", imm(i, is_float), flag(k)),
        Op::GtI {
            a,
            imm: i,
            is_float,
            k,
        } => format!("GTI {a} {} {}", imm(i, is_float), flag(k)),
        Op::GeI {
            a,
            imm: i,
            is_float,
            k,
        } => format!("GEI {a} {} {}", imm(i, is_float), flag(k)),
        Op::Test { a, k } => format!("TEST {a} {}", flag(k)),
        Op::TestSet { a, b, k } => format!("TESTSET {a} {b} {}", flag(k)),
        Op::Call { a, b, c } => format!("CALL {a} {b} {c}"),
        Op::TailCall {
            a,
            b,
            close,
            nparams1,
        } => {
            format!(
                "TAILCALL {a} {b} {nparams1}{}",
                if close { " (k)" } else { "" }
            )
        }
        Op::Return {
            a,
            b,
            close,
            nparams1,
        } => {
            format!(
                "RETURN {a} {b} {nparams1}{}",
                if close { " (k)" } else { "" }
            )
        }
        Op::Return0 => "RETURN0".into(),
        Op::Return1 { a } => format!("RETURN1 {a}"),
        Op::ForLoop { a, target } => format!("FORLOOP {a} {}", to(target)),
        Op::ForPrep { a, target } => format!("FORPREP {a} {}", to(target)),
        Op::TForPrep { a, target } => format!("TFORPREP {a} {}", to(target)),
        Op::TForCall { a, c } => format!("TFORCALL {a} {c}"),
        Op::TForLoop { a, target } => format!("TFORLOOP {a} {}", to(target)),
        Op::SetList { a, n, offset } => format!("SETLIST {a} {n} {offset}"),
        Op::Closure { a, proto } => format!("CLOSURE {a} {proto}"),
        Op::VarArg { a, c } => format!("VARARG {a} {c}"),
        Op::VarArgPrep { nparams } => format!("VARARGPREP {nparams}"),
        ref other => arith_text(other),
    }
}

/// `ADD a b c` or `ADDK a b Kk`: the one family listed through its operator.
fn arith_text(op: &Op) -> String {
    match op.as_arith() {
        Some(ArithInstr { op, a, b, second }) => match second {
            RK::Reg(c) => format!("{} {a} {b} {c}", arith_name(op)),
            RK::Const(k) => format!("{}K {a} {b} K{k}", arith_name(op)),
        },
        None => format!("{op:?}"),
    }
}

/// C's `%.14g` (PUC's `LUAI_NUMFFORMAT`), so floats print as `luac` does.
fn format_g14(n: f64) -> String {
    const PRECISION: i32 = 14;
    if !n.is_finite() {
        return if n.is_nan() {
            "nan".into()
        } else if n > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    if n == 0.0 {
        return if n.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let scientific = format!("{:.*e}", (PRECISION - 1) as usize, n);
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let strip = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if !(-4..PRECISION).contains(&exponent) {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", strip(mantissa), exponent.abs())
    } else {
        let decimals = (PRECISION - 1 - exponent).max(0) as usize;
        strip(&format!("{n:.decimals$}"))
    }
}
