//! Reading a binary chunk back into a prototype (`load` of a chunk that
//! starts with `"\x1bLua"`).

use std::rc::Rc;

use super::encoding::{Malformed, Reader, TRUNCATED, get_instruction};
use super::*;
use crate::bytecode::{Constant, LocalVar, Proto, UpvalDesc, VarKind};

/// Loads the binary chunk `bytes` named `chunkname`. The error is PUC's
/// message: `name: bad binary format (why)`, where the name is the chunk
/// name without its `@`/`=` prefix, or `binary string` when the chunk name
/// is the chunk itself.
pub fn undump(bytes: &[u8], chunkname: &[u8]) -> Result<Proto, Vec<u8>> {
    read_chunk(bytes).map_err(|why| message(chunkname, why))
}

/// Loads the start of a binary chunk being read piece by piece: `None`
/// when `bytes` end before the chunk does (more may follow), else what
/// [`undump`] gives (bytes after a whole chunk are never looked at, so the
/// error or the function is final).
pub fn undump_prefix(bytes: &[u8], chunkname: &[u8]) -> Option<Result<Proto, Vec<u8>>> {
    match read_chunk(bytes) {
        Err(TRUNCATED) => None,
        result => Some(result.map_err(|why| message(chunkname, why))),
    }
}

/// `name: bad binary format (why)`.
fn message(chunkname: &[u8], Malformed(why): Malformed) -> Vec<u8> {
    let mut message = display_name(chunkname).to_vec();
    message.extend_from_slice(b": bad binary format (");
    message.extend_from_slice(why.as_bytes());
    message.push(b')');
    message
}

/// The name PUC's `luaU_undump` uses in its messages.
fn display_name(chunkname: &[u8]) -> &[u8] {
    match chunkname.first() {
        Some(b'@' | b'=') => &chunkname[1..],
        Some(&first) if first == SIGNATURE[0] => b"binary string",
        _ => chunkname,
    }
}

fn read_chunk(bytes: &[u8]) -> Result<Proto, Malformed> {
    let mut r = Reader::new(bytes);
    header(&mut r)?;
    let upvalues = r.byte()?;
    let proto = function(&mut r, None, 0)?;
    if proto.upvalues.len() != upvalues as usize {
        return Err(Malformed("corrupted chunk"));
    }
    super::verify::verify(&proto)?;
    Ok(proto)
}

/// PUC's `checkHeader`, with its messages, in its order.
fn header(r: &mut Reader<'_>) -> Result<(), Malformed> {
    literal(r, SIGNATURE, "not a binary chunk")?;
    if r.byte()? != VERSION {
        return Err(Malformed("version mismatch"));
    }
    if r.byte()? != FORMAT {
        return Err(Malformed("format mismatch"));
    }
    literal(r, DATA, "corrupted chunk")?;
    size(r, INSTRUCTION_SIZE, "Instruction size mismatch")?;
    size(r, INTEGER_SIZE, "lua_Integer size mismatch")?;
    size(r, NUMBER_SIZE, "lua_Number size mismatch")?;
    if r.integer()? != CHECK_INTEGER {
        return Err(Malformed("integer format mismatch"));
    }
    if r.number()? != CHECK_NUMBER {
        return Err(Malformed("float format mismatch"));
    }
    Ok(())
}

fn literal(r: &mut Reader<'_>, expected: &[u8], why: &'static str) -> Result<(), Malformed> {
    if r.raw(expected.len())? != expected {
        return Err(Malformed(why));
    }
    Ok(())
}

fn size(r: &mut Reader<'_>, expected: u8, why: &'static str) -> Result<(), Malformed> {
    if r.byte()? != expected {
        return Err(Malformed(why));
    }
    Ok(())
}

/// One function, nested `depth` levels deep; `parent_source` is inherited
/// when the function has none of its own.
fn function(
    r: &mut Reader<'_>,
    parent_source: Option<&Rc<[u8]>>,
    depth: usize,
) -> Result<Proto, Malformed> {
    if depth > MAX_NESTING {
        return Err(Malformed("functions nested too deeply"));
    }
    let source = match (r.string()?, parent_source) {
        (Some(own), _) => Rc::from(own),
        (None, Some(parent)) => Rc::clone(parent),
        // A stripped chunk: PUC's `"=?"`.
        (None, None) => Rc::from(&b"=?"[..]),
    };
    let line_defined = r.int()?;
    let last_line_defined = r.int()?;
    let num_params = r.byte()?;
    let is_vararg = match r.byte()? {
        0 => false,
        1 => true,
        _ => return Err(Malformed("bad vararg flag")),
    };
    let max_stack = u16::try_from(r.int()?).map_err(|_| Malformed("bad stack size"))?;

    let n = r.count()?;
    let mut code = Vec::with_capacity(n);
    for _ in 0..n {
        code.push(get_instruction(r)?);
    }

    let n = r.count()?;
    let mut constants = Vec::with_capacity(n);
    for _ in 0..n {
        constants.push(constant(r)?);
    }

    let n = r.count()?;
    let mut upvalues = Vec::with_capacity(n);
    for _ in 0..n {
        let in_stack = match r.byte()? {
            0 => false,
            1 => true,
            _ => return Err(Malformed("bad upvalue")),
        };
        let index = r.byte()?;
        let kind = var_kind(r.byte()?)?;
        upvalues.push(UpvalDesc {
            name: None,
            in_stack,
            index,
            kind,
        });
    }

    let n = r.count()?;
    let mut protos = Vec::with_capacity(n);
    for _ in 0..n {
        protos.push(Rc::new(function(r, Some(&source), depth + 1)?));
    }

    let mut proto = Proto {
        source,
        line_defined,
        last_line_defined,
        num_params,
        is_vararg,
        max_stack,
        code,
        lines: Vec::new(),
        constants,
        upvalues,
        protos,
        locals: Vec::new(),
    };
    debug(r, &mut proto)?;
    Ok(proto)
}

fn constant(r: &mut Reader<'_>) -> Result<Constant, Malformed> {
    Ok(match r.byte()? {
        tag::NIL => Constant::Nil,
        tag::FALSE => Constant::Boolean(false),
        tag::TRUE => Constant::Boolean(true),
        tag::INTEGER => Constant::Integer(r.integer()?),
        tag::FLOAT => Constant::Number(r.number()?),
        tag::SHORT_STRING | tag::LONG_STRING => match r.string()? {
            Some(s) => Constant::String(s.into()),
            None => return Err(Malformed("bad format for constant string")),
        },
        _ => return Err(Malformed("bad constant")),
    })
}

fn var_kind(code: u8) -> Result<VarKind, Malformed> {
    Ok(match code {
        0 => VarKind::Regular,
        1 => VarKind::Const,
        2 => VarKind::ToBeClosed,
        3 => VarKind::CompileTimeConst,
        _ => return Err(Malformed("bad upvalue")),
    })
}

/// Line numbers, local variables and upvalue names (each list may be
/// empty: stripped).
fn debug(r: &mut Reader<'_>, proto: &mut Proto) -> Result<(), Malformed> {
    let n = r.count()?;
    if n != 0 && n != proto.code.len() {
        return Err(Malformed("bad line information"));
    }
    let mut line = i64::from(proto.line_defined);
    for _ in 0..n {
        line = line
            .checked_add(r.signed()?)
            .filter(|l| (0..=i64::from(i32::MAX)).contains(l))
            .ok_or(Malformed("bad line information"))?;
        proto.lines.push(line as u32);
    }

    let n = r.count()?;
    for _ in 0..n {
        let name = r.string()?.ok_or(Malformed("bad local variable"))?;
        let start_pc = r.int()?;
        let end_pc = r.int()?;
        proto.locals.push(LocalVar {
            name: name.into(),
            start_pc,
            end_pc,
        });
    }

    let n = r.count()?;
    if n != 0 {
        // As PUC: any count means "names for every upvalue".
        for i in 0..proto.upvalues.len() {
            proto.upvalues[i].name = r.string()?.map(Into::into);
        }
    }
    Ok(())
}
