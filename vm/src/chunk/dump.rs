//! Writing a prototype as a binary chunk (`string.dump`).

use super::encoding::{Writer, put_instruction};
use super::*;
use crate::bytecode::{Constant, Proto, VarKind};

/// The binary chunk of `proto`; `strip` leaves out debug information (line
/// numbers, names of locals and upvalues, the source name), as PUC's
/// `lua_dump` does.
pub fn dump(proto: &Proto, strip: bool) -> Vec<u8> {
    let mut w = Writer::default();
    header(&mut w);
    w.byte(proto.upvalues.len() as u8);
    function(&mut w, proto, None, strip);
    w.bytes
}

/// `proto` without debug information: what loading its stripped dump gives.
pub fn strip(proto: &Proto) -> Proto {
    let source: std::rc::Rc<[u8]> = std::rc::Rc::from(&b"=?"[..]);
    strip_with(proto, &source)
}

fn strip_with(proto: &Proto, source: &std::rc::Rc<[u8]>) -> Proto {
    Proto {
        source: source.clone(),
        lines: Vec::new(),
        locals: Vec::new(),
        upvalues: proto
            .upvalues
            .iter()
            .map(|u| crate::bytecode::UpvalDesc {
                name: None,
                ..u.clone()
            })
            .collect(),
        protos: proto
            .protos
            .iter()
            .map(|p| std::rc::Rc::new(strip_with(p, source)))
            .collect(),
        ..proto.clone()
    }
}

fn header(w: &mut Writer) {
    w.raw(SIGNATURE);
    w.byte(VERSION);
    w.byte(FORMAT);
    w.raw(DATA);
    w.byte(INSTRUCTION_SIZE);
    w.byte(INTEGER_SIZE);
    w.byte(NUMBER_SIZE);
    w.integer(CHECK_INTEGER);
    w.number(CHECK_NUMBER);
}

/// One function; its source is written only when it differs from its
/// parent's (`parent_source`), and never when stripping.
fn function(w: &mut Writer, proto: &Proto, parent_source: Option<&[u8]>, strip: bool) {
    let source: &[u8] = &proto.source;
    let own_source = !strip && parent_source != Some(source);
    w.string(own_source.then_some(source));
    w.size(proto.line_defined.into());
    w.size(proto.last_line_defined.into());
    w.byte(proto.num_params);
    w.byte(proto.is_vararg as u8);
    w.size(proto.max_stack.into());

    w.size(proto.code.len() as u64);
    for &op in &proto.code {
        put_instruction(w, op);
    }

    w.size(proto.constants.len() as u64);
    for constant in &proto.constants {
        put_constant(w, constant);
    }

    w.size(proto.upvalues.len() as u64);
    for up in &proto.upvalues {
        w.byte(up.in_stack as u8);
        w.byte(up.index);
        w.byte(kind_code(up.kind));
    }

    w.size(proto.protos.len() as u64);
    for child in &proto.protos {
        function(w, child, Some(source), strip);
    }

    debug(w, proto, strip);
}

fn put_constant(w: &mut Writer, constant: &Constant) {
    match constant {
        Constant::Nil => w.byte(tag::NIL),
        Constant::Boolean(false) => w.byte(tag::FALSE),
        Constant::Boolean(true) => w.byte(tag::TRUE),
        Constant::Integer(i) => {
            w.byte(tag::INTEGER);
            w.integer(*i);
        }
        Constant::Number(n) => {
            w.byte(tag::FLOAT);
            w.number(*n);
        }
        Constant::String(s) => {
            w.byte(if s.len() <= MAX_SHORT_LEN {
                tag::SHORT_STRING
            } else {
                tag::LONG_STRING
            });
            w.string(Some(s));
        }
    }
}

/// PUC's codes for variable kinds (`VDKREG`, `RDKCONST`, ...).
pub(super) fn kind_code(kind: VarKind) -> u8 {
    match kind {
        VarKind::Regular => 0,
        VarKind::Const => 1,
        VarKind::ToBeClosed => 2,
        VarKind::CompileTimeConst => 3,
    }
}

/// Line numbers (as differences from the previous line, starting from
/// the line where the function is defined), local variables and upvalue
/// names; three empty lists when stripping.
fn debug(w: &mut Writer, proto: &Proto, strip: bool) {
    if strip {
        w.size(0);
        w.size(0);
        w.size(0);
        return;
    }
    w.size(proto.lines.len() as u64);
    let mut previous = i64::from(proto.line_defined);
    for &line in &proto.lines {
        w.signed(i64::from(line) - previous);
        previous = i64::from(line);
    }
    w.size(proto.locals.len() as u64);
    for local in &proto.locals {
        w.string(Some(&local.name));
        w.size(local.start_pc.into());
        w.size(local.end_pc.into());
    }
    w.size(proto.upvalues.len() as u64);
    for up in &proto.upvalues {
        w.string(up.name.as_deref());
    }
}
