//! What the debug library reads from a thread's frames and from function
//! prototypes: stack levels, current lines, active lines, and local
//! variables by index (PUC's `lua_getstack`, `luaG_findlocal`,
//! `collectvalidlines`).

use crate::bytecode::{Op, Proto};
use crate::thread::{Frame, ThreadState};

/// The index in `ts.frames` of stack level `level`, counting down from the
/// frame just below `top` (level 0 is `frames[top - 1]`). `Frame::Unwind`
/// entries are not levels.
pub fn frame_at_level(ts: &ThreadState<'_>, top: usize, level: usize) -> Option<usize> {
    let mut remaining = level;
    for index in (0..top.min(ts.frames.len())).rev() {
        if matches!(ts.frames[index], Frame::Unwind { .. }) {
            continue;
        }
        if remaining == 0 {
            return Some(index);
        }
        remaining -= 1;
    }
    None
}

/// The instruction frame `index` is executing (Lua frames only).
fn current_pc(ts: &ThreadState<'_>, index: usize) -> Option<usize> {
    match &ts.frames[index] {
        Frame::Lua(f) => Some(f.pc.saturating_sub(1)),
        _ => None,
    }
}

/// The line frame `index` is executing; `None` for a native or without
/// line information (getinfo's `currentline` -1).
pub fn current_line(ts: &ThreadState<'_>, index: usize) -> Option<u32> {
    match &ts.frames[index] {
        Frame::Lua(f) => f.closure.proto.proto.line_at(f.pc.saturating_sub(1)),
        _ => None,
    }
}

/// Whether frame `index` was entered through a tail call.
pub fn is_tail_call(ts: &ThreadState<'_>, index: usize) -> bool {
    match &ts.frames[index] {
        Frame::Lua(f) => f.tail,
        Frame::Native(f) => f.tail,
        Frame::Unwind { .. } => false,
    }
}

/// The lines holding code of `proto` (getinfo's `activelines`); the
/// `VARARGPREP` of a vararg function does not count.
pub fn active_lines(proto: &Proto) -> Vec<u32> {
    let skip =
        usize::from(proto.is_vararg && matches!(proto.code.first(), Some(Op::VarArgPrep { .. })));
    proto.lines.iter().skip(skip).copied().collect()
}

/// The name of parameter `n` (1-based) of `proto`, as getlocal reports for
/// a function that is not running.
pub fn parameter_name(proto: &Proto, n: usize) -> Option<&[u8]> {
    if n == 0 {
        return None;
    }
    proto.local_name(n, 0)
}

/// A local variable found in a frame: its name and stack slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalSlot {
    pub name: Vec<u8>,
    pub slot: usize,
}

/// Local `n` of frame `index` (PUC's `luaG_findlocal`): a named variable
/// active at the frame's current instruction, a vararg for negative `n`
/// ("(vararg)"), or another slot of the frame's stack ("(temporary)",
/// "(C temporary)"). `top` is the end of the thread's live frames, so that
/// the frame just below it may reach the top of the stack.
pub fn find_local(ts: &ThreadState<'_>, index: usize, top: usize, n: i64) -> Option<LocalSlot> {
    let (base, is_lua) = match &ts.frames[index] {
        Frame::Lua(f) => (f.base, true),
        Frame::Native(f) => (f.base, false),
        Frame::Unwind { .. } => return None,
    };
    if let Frame::Lua(f) = &ts.frames[index] {
        let proto = &f.closure.proto.proto;
        if n < 0 {
            if !proto.is_vararg {
                return None;
            }
            let nextra = (f.base - f.func - 1).saturating_sub(proto.num_params as usize);
            let i = n.unsigned_abs() as usize;
            if i > nextra {
                return None;
            }
            return Some(LocalSlot {
                name: b"(vararg)".to_vec(),
                slot: base - nextra + (i - 1),
            });
        }
        if n > 0
            && let Some(name) =
                current_pc(ts, index).and_then(|pc| proto.local_name(n as usize, pc))
        {
            return Some(LocalSlot {
                name: name.to_vec(),
                slot: base + n as usize - 1,
            });
        }
    }
    if n <= 0 {
        return None;
    }
    let limit = ts.frames[index + 1..top.min(ts.frames.len())]
        .iter()
        .find_map(|f| match f {
            Frame::Lua(f) => Some(f.func),
            Frame::Native(f) => Some(f.func),
            Frame::Unwind { .. } => None,
        })
        .unwrap_or(ts.stack.len());
    let n = n as usize;
    if limit.saturating_sub(base) >= n {
        let name: &[u8] = if is_lua {
            b"(temporary)"
        } else {
            b"(C temporary)"
        };
        Some(LocalSlot {
            name: name.to_vec(),
            slot: base + n - 1,
        })
    } else {
        None
    }
}

/// An identity for an upvalue cell (`debug.upvalueid`): closures sharing
/// a variable share the cell.
pub fn upvalue_identity(uv: crate::closure::UpValue<'_>) -> usize {
    gc_arena::Gc::as_ptr(uv) as usize
}
