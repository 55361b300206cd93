//! `math.min` and `math.max`: they compare their arguments with `<`, so
//! besides numbers they accept strings and values with `__lt`, whose
//! handler is called through the executor (it may yield). The chosen
//! argument is returned unchanged, keeping its subtype.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;

use crate::args::arg_error;
use crate::order::{Less, less_than};
use crate::results::return_one;

/// `math.min(x, ...)`.
pub fn min<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    start(ctx, call, Extreme::Min)
}

/// `math.max(x, ...)`.
pub fn max<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    start(ctx, call, Extreme::Max)
}

/// Which end of the order is wanted.
#[derive(Clone, Copy)]
enum Extreme {
    Min,
    Max,
}

/// The scan's position, kept in the continuation's state while an `__lt`
/// handler runs: how many arguments there are, the one being compared, the
/// best so far, and which extreme. A window holds at most about 2^20
/// values, so each count fits in 21 bits.
#[derive(Clone, Copy)]
struct Scan {
    count: usize,
    next: usize,
    best: usize,
    extreme: Extreme,
}

const FIELD_BITS: u32 = 21;
const FIELD_MASK: i64 = (1 << FIELD_BITS) - 1;

impl Scan {
    fn pack(self) -> i64 {
        let extreme = matches!(self.extreme, Extreme::Max) as i64;
        ((self.count as i64) << (2 * FIELD_BITS + 1))
            | ((self.next as i64) << (FIELD_BITS + 1))
            | ((self.best as i64) << 1)
            | extreme
    }

    fn unpack(state: i64) -> Scan {
        Scan {
            count: ((state >> (2 * FIELD_BITS + 1)) & FIELD_MASK) as usize,
            next: ((state >> (FIELD_BITS + 1)) & FIELD_MASK) as usize,
            best: ((state >> 1) & FIELD_MASK) as usize,
            extreme: if state & 1 == 1 {
                Extreme::Max
            } else {
                Extreme::Min
            },
        }
    }
}

fn start<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    extreme: Extreme,
) -> Result<Action<'gc>, Error<'gc>> {
    if call.is_empty() {
        return Err(arg_error(ctx, call, 1, "value expected"));
    }
    let scan = Scan {
        count: call.len(),
        next: 1,
        best: 0,
        extreme,
    };
    run(ctx, call, scan)
}

/// Compares the remaining arguments with the best one; stops to call an
/// `__lt` handler when one is needed.
fn run<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    mut scan: Scan,
) -> Result<Action<'gc>, Error<'gc>> {
    while scan.next < scan.count {
        let candidate = call.get(scan.next);
        let best = call.get(scan.best);
        // min: candidate < best; max: best < candidate.
        let (a, b) = match scan.extreme {
            Extreme::Min => (candidate, best),
            Extreme::Max => (best, candidate),
        };
        match less_than(ctx, a, b)? {
            Less::Known(true) => scan.best = scan.next,
            Less::Known(false) => {}
            Less::CallHandler(handler) => {
                call.extend([handler, a, b])?;
                return Ok(Action::Call {
                    nargs: 2,
                    then: Continuation::new(handled, scan.pack()),
                });
            }
        }
        scan.next += 1;
    }
    return_one(call, call.get(scan.best))
}

/// After an `__lt` handler answered: its results sit above the arguments.
fn handled<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let mut scan = Scan::unpack(state);
    // The handler's results sit right above the arguments.
    let arguments = scan.count;
    if !call.get(arguments).is_falsy() {
        scan.best = scan.next;
    }
    call.truncate(arguments);
    scan.next += 1;
    run(ctx, call, scan)
}
