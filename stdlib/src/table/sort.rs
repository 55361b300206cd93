//! `table.sort(t [, comp])`: PUC Lua's quicksort (median of three, the
//! pivot parked at `up - 1`, randomised pivots for unbalanced partitions),
//! performing the same reads, writes and comparisons in the same order, so
//! results, errors and "invalid order function for sorting" agree with
//! PUC even for inconsistent comparators.
//!
//! The algorithm is a resumable machine ([`Sorter`]): each step asks for
//! one operation — read an element, write one, compare two. The driver
//! does it at once when it can (a plain table, numbers or strings compared
//! with `<`), which keeps sorting without a comparator a tight loop. When
//! a comparator, an `__lt`, `__index` or `__newindex` handler must be
//! called, the machine's registers go into the window and the executor
//! calls the handler; the continuation loads them back. PUC recurses into
//! the smaller part of each partition; here the larger part waits on a
//! stack of ranges kept in the window (at most log2(n) entries), which
//! gives the same order of work without Rust recursion.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::access::{
    LENGTH, READ_WRITE_LENGTH, Store, check_table_like, get, int_slot, length_of, pack, set,
    take_result, unpack, with_length,
};
use crate::args::{arg_error, check_function, is_none_or_nil};
use crate::lookup::Lookup;
use crate::order::{Less, less_than};

/// Window layout: the table, the comparator (or nil), the machine's
/// registers while a handler runs, then the stack of waiting ranges.
const TABLE: usize = 0;
const COMPARATOR: usize = 1;
const REGISTERS: usize = 2;
const REGISTER_COUNT: usize = 7;
const RANGES: usize = REGISTERS + REGISTER_COUNT;

/// Phase: a handler called by the machine returned.
const MACHINE: i64 = 1;

/// Partitions smaller than this always take the middle element as pivot.
const RANDOM_PIVOT_LIMIT: i64 = 100;

/// `table.sort`.
pub fn sort<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    check_table_like(ctx, call, 1, READ_WRITE_LENGTH)?;
    with_length(ctx, call, resume, sort_with_length)
}

fn sort_with_length<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    n: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    if n > 1 {
        if n >= i32::MAX as i64 {
            return Err(arg_error(ctx, call, 1, "array too big"));
        }
        if !is_none_or_nil(call, 2) {
            check_function(ctx, call, 2)?;
        }
        call.set_len(RANGES)?;
        let mut sorter = Sorter::new(n);
        return drive(ctx, call, &mut sorter);
    }
    call.clear();
    Ok(Action::Return(0))
}

fn resume<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let (phase, mark) = unpack(state);
    let result = take_result(call, mark);
    if phase == LENGTH {
        let n = length_of(result)?;
        return sort_with_length(ctx, call, n);
    }
    let mut sorter = Sorter::load(call);
    sorter.deliver(sorter.pending, result);
    drive(ctx, call, &mut sorter)
}

/// Runs the machine, doing its operations, until it is done or a handler
/// must be called.
fn drive<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    sorter: &mut Sorter<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    let table = call.get(TABLE);
    let comparator = call.get(COMPARATOR);
    // The reads the machine may do itself: those of a table without a
    // metatable (checked at each read: a comparator may set one).
    let read_plain = |index: i64| match table {
        Value::Table(t) if t.metatable().is_none() => Some(t.get_int(ctx.mc, index)),
        _ => None,
    };
    loop {
        match sorter.step(call, read_plain)? {
            Op::Done => {
                call.clear();
                return Ok(Action::Return(0));
            }
            Op::Get(index, register) => match get(ctx, table, index)? {
                Lookup::Found(value) => sorter.deliver(register, value),
                Lookup::CallHandler { handler, object } => {
                    sorter.pending = register;
                    return sorter.suspend(call, handler, [object, Value::Integer(index)]);
                }
            },
            Op::Set(index, value) => match set(ctx, table, index, value)? {
                Store::Done => {}
                Store::CallHandler { handler, object } => {
                    sorter.pending = Register::Nothing;
                    return sorter.suspend(call, handler, [object, Value::Integer(index), value]);
                }
            },
            Op::Less(a, b) => {
                sorter.pending = Register::Flag;
                if !comparator.is_nil() {
                    return sorter.suspend(call, comparator, [a, b]);
                }
                match less_than(ctx, a, b)? {
                    Less::Known(less) => sorter.flag = less,
                    Less::CallHandler(handler) => return sorter.suspend(call, handler, [a, b]),
                }
            }
        }
    }
}

/// One operation the machine needs done.
enum Op<'gc> {
    /// Read element `index` into a register.
    Get(i64, Register),
    /// Write `value` at `index`.
    Set(i64, Value<'gc>),
    /// Is `a < b` in the sort's order? The answer goes into the flag.
    Less(Value<'gc>, Value<'gc>),
    Done,
}

/// Where an operation's result goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum Register {
    A,
    B,
    Pivot,
    Flag,
    Nothing,
}

impl Register {
    /// Every register, in declaration order (indexed by `as u8`).
    const ALL: [Register; 5] = [
        Register::A,
        Register::B,
        Register::Pivot,
        Register::Flag,
        Register::Nothing,
    ];
}

/// The machine's program counter: the step to run next. The names follow
/// the parts of PUC's `auxsort` and `partition`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum Pc {
    /// Start on the range `lo..=up` (or take the next waiting range).
    Range,
    /// `a[lo]` read; read `a[up]`.
    EndsRead,
    /// Compare `a[up] < a[lo]`.
    EndsCompare,
    /// Swap them if so (first store).
    EndsSwap,
    /// Second store of the swap.
    EndsSwapped,
    /// Choose the pivot index and read `a[p]`.
    Middle,
    /// Read `a[lo]` to compare with `a[p]`.
    MiddleRead,
    /// Compare `a[p] < a[lo]`.
    MiddleCompare,
    /// Swap `a[p]` and `a[lo]`, or read `a[up]`.
    MiddleSwapLow,
    /// Second store of the swap with `a[lo]`.
    MiddleSwappedLow,
    /// Compare `a[up] < a[p]`.
    MiddleCompareHigh,
    /// Swap `a[p]` and `a[up]` if so.
    MiddleSwapHigh,
    /// Second store of the swap with `a[up]`.
    MiddleSwappedHigh,
    /// Read the pivot `P = a[p]`.
    PivotRead,
    /// Read `a[up - 1]`.
    PivotReadNeighbour,
    /// Store `a[up - 1]` at `p`.
    PivotPark,
    /// Store `P` at `up - 1`; the partition starts.
    PivotParked,
    /// Read `a[++i]`.
    ScanUp,
    /// Compare `a[i] < P`.
    ScanUpCompare,
    /// Go on up, or start down.
    ScanUpTest,
    /// Read `a[--j]`.
    ScanDown,
    /// Compare `P < a[j]`.
    ScanDownCompare,
    /// Go on down, or swap, or finish.
    ScanDownTest,
    /// Second store of the final swap (`P` at `i`).
    PlacePivot,
    /// Second store of a swap of `a[i]` and `a[j]`.
    Exchanged,
    /// The partition is done at `i`: split the range.
    Split,
}

impl Pc {
    /// Every step, in declaration order (indexed by `as u8`).
    const ALL: [Pc; 26] = [
        Pc::Range,
        Pc::EndsRead,
        Pc::EndsCompare,
        Pc::EndsSwap,
        Pc::EndsSwapped,
        Pc::Middle,
        Pc::MiddleRead,
        Pc::MiddleCompare,
        Pc::MiddleSwapLow,
        Pc::MiddleSwappedLow,
        Pc::MiddleCompareHigh,
        Pc::MiddleSwapHigh,
        Pc::MiddleSwappedHigh,
        Pc::PivotRead,
        Pc::PivotReadNeighbour,
        Pc::PivotPark,
        Pc::PivotParked,
        Pc::ScanUp,
        Pc::ScanUpCompare,
        Pc::ScanUpTest,
        Pc::ScanDown,
        Pc::ScanDownCompare,
        Pc::ScanDownTest,
        Pc::PlacePivot,
        Pc::Exchanged,
        Pc::Split,
    ];
}

/// The quicksort's registers.
struct Sorter<'gc> {
    /// The range being sorted.
    lo: i64,
    up: i64,
    /// Randomises pivots of this range (0: take the middle).
    rnd: u32,
    /// The pivot's index.
    p: i64,
    /// The partition's scanning indices.
    i: i64,
    j: i64,
    pc: Pc,
    /// Where the result of the operation in progress goes.
    pending: Register,
    /// The last comparison's answer.
    flag: bool,
    /// Elements in hand (`a`, `b`) and the pivot value.
    a: Value<'gc>,
    b: Value<'gc>,
    pivot: Value<'gc>,
}

impl<'gc> Sorter<'gc> {
    fn new(n: i64) -> Self {
        Sorter {
            lo: 1,
            up: n,
            rnd: 0,
            p: 0,
            i: 0,
            j: 0,
            pc: Pc::Range,
            pending: Register::Nothing,
            flag: false,
            a: Value::Nil,
            b: Value::Nil,
            pivot: Value::Nil,
        }
    }

    fn deliver(&mut self, register: Register, value: Value<'gc>) {
        match register {
            Register::A => self.a = value,
            Register::B => self.b = value,
            Register::Pivot => self.pivot = value,
            Register::Flag => self.flag = !value.is_falsy(),
            Register::Nothing => {}
        }
    }

    /// Saves the registers in the window and calls `handler(args)`. The
    /// indices are below 2^31 (the length is checked), so they travel two
    /// to a slot.
    fn suspend<const N: usize>(
        &self,
        call: &mut Call<'gc, '_>,
        handler: Value<'gc>,
        args: [Value<'gc>; N],
    ) -> Result<Action<'gc>, Error<'gc>> {
        let modes = ((self.pc as i64) << 8) | ((self.pending as i64) << 1) | self.flag as i64;
        let registers = [
            self.a,
            self.b,
            self.pivot,
            Value::Integer(pair(self.lo, self.up)),
            Value::Integer(pair(self.i, self.j)),
            Value::Integer(pair(self.p, self.rnd as i64)),
            Value::Integer(modes),
        ];
        // The window always holds the register slots while the machine runs.
        call.args_mut()[REGISTERS..RANGES].copy_from_slice(&registers);
        let then = Continuation::new(resume, pack(MACHINE, call.len()));
        // Pushed here rather than by `call_handler`: with the count known,
        // the copy is a few stores (this runs once per comparison).
        call.push(handler)?;
        call.push_slice(&args)?;
        Ok(Action::Call { nargs: N, then })
    }

    /// The registers [`suspend`](Self::suspend) saved.
    fn load(call: &Call<'gc, '_>) -> Self {
        let mut saved = [Value::Nil; REGISTER_COUNT];
        if let Some(slots) = call.args().get(REGISTERS..RANGES) {
            saved.copy_from_slice(slots);
        }
        let int = |k: usize| match saved[k] {
            Value::Integer(i) => i,
            _ => 0,
        };
        let ((lo, up), (i, j), (p, rnd)) = (unpair(int(3)), unpair(int(4)), unpair(int(5)));
        let modes = int(6);
        Sorter {
            a: saved[0],
            b: saved[1],
            pivot: saved[2],
            lo,
            up,
            rnd: rnd as u32,
            p,
            i,
            j,
            pc: Pc::ALL[((modes >> 8) as usize).min(Pc::ALL.len() - 1)],
            pending: Register::ALL[(((modes >> 1) & 0x7f) as usize).min(Register::ALL.len() - 1)],
            flag: modes & 1 == 1,
        }
    }

    /// Runs the algorithm up to its next operation. In the partition's
    /// scans, which make most of the comparisons, an element `read_plain`
    /// can read is read at once and the comparison is the next operation.
    fn step(
        &mut self,
        call: &mut Call<'gc, '_>,
        read_plain: impl Fn(i64) -> Option<Value<'gc>>,
    ) -> Result<Op<'gc>, Error<'gc>> {
        loop {
            match self.pc {
                Pc::Range => {
                    if self.lo >= self.up {
                        if !self.next_range(call) {
                            return Ok(Op::Done);
                        }
                        continue;
                    }
                    self.pc = Pc::EndsRead;
                    return Ok(Op::Get(self.lo, Register::A));
                }
                Pc::EndsRead => {
                    self.pc = Pc::EndsCompare;
                    return Ok(Op::Get(self.up, Register::B));
                }
                Pc::EndsCompare => {
                    self.pc = Pc::EndsSwap;
                    return Ok(Op::Less(self.b, self.a));
                }
                Pc::EndsSwap => {
                    if self.flag {
                        self.pc = Pc::EndsSwapped;
                        return Ok(Op::Set(self.lo, self.b));
                    }
                    self.pc = Pc::Middle;
                }
                Pc::EndsSwapped => {
                    self.pc = Pc::Middle;
                    return Ok(Op::Set(self.up, self.a));
                }
                Pc::Middle => {
                    if self.up - self.lo == 1 {
                        self.finish_range();
                        continue;
                    }
                    self.p = self.choose_pivot();
                    self.pc = Pc::MiddleRead;
                    return Ok(Op::Get(self.p, Register::A));
                }
                Pc::MiddleRead => {
                    self.pc = Pc::MiddleCompare;
                    return Ok(Op::Get(self.lo, Register::B));
                }
                Pc::MiddleCompare => {
                    self.pc = Pc::MiddleSwapLow;
                    return Ok(Op::Less(self.a, self.b));
                }
                Pc::MiddleSwapLow => {
                    if self.flag {
                        self.pc = Pc::MiddleSwappedLow;
                        return Ok(Op::Set(self.p, self.b));
                    }
                    self.pc = Pc::MiddleCompareHigh;
                    return Ok(Op::Get(self.up, Register::B));
                }
                Pc::MiddleSwappedLow => {
                    self.pc = Pc::PivotRead;
                    return Ok(Op::Set(self.lo, self.a));
                }
                Pc::MiddleCompareHigh => {
                    self.pc = Pc::MiddleSwapHigh;
                    return Ok(Op::Less(self.b, self.a));
                }
                Pc::MiddleSwapHigh => {
                    if self.flag {
                        self.pc = Pc::MiddleSwappedHigh;
                        return Ok(Op::Set(self.p, self.b));
                    }
                    self.pc = Pc::PivotRead;
                }
                Pc::MiddleSwappedHigh => {
                    self.pc = Pc::PivotRead;
                    return Ok(Op::Set(self.up, self.a));
                }
                Pc::PivotRead => {
                    if self.up - self.lo == 2 {
                        self.finish_range();
                        continue;
                    }
                    self.pc = Pc::PivotReadNeighbour;
                    return Ok(Op::Get(self.p, Register::Pivot));
                }
                Pc::PivotReadNeighbour => {
                    self.pc = Pc::PivotPark;
                    return Ok(Op::Get(self.up - 1, Register::B));
                }
                Pc::PivotPark => {
                    self.pc = Pc::PivotParked;
                    return Ok(Op::Set(self.p, self.b));
                }
                Pc::PivotParked => {
                    self.i = self.lo;
                    self.j = self.up - 1;
                    self.pc = Pc::ScanUp;
                    return Ok(Op::Set(self.up - 1, self.pivot));
                }
                Pc::ScanUp => {
                    self.i += 1;
                    if let Some(value) = read_plain(self.i) {
                        self.a = value;
                        self.pc = Pc::ScanUpTest;
                        return Ok(Op::Less(self.a, self.pivot));
                    }
                    self.pc = Pc::ScanUpCompare;
                    return Ok(Op::Get(self.i, Register::A));
                }
                Pc::ScanUpCompare => {
                    self.pc = Pc::ScanUpTest;
                    return Ok(Op::Less(self.a, self.pivot));
                }
                Pc::ScanUpTest => {
                    if self.flag {
                        // a[i] < P, but a[up - 1] is P itself.
                        if self.i == self.up - 1 {
                            return Err(invalid_order());
                        }
                        self.pc = Pc::ScanUp;
                    } else {
                        self.pc = Pc::ScanDown;
                    }
                }
                Pc::ScanDown => {
                    self.j -= 1;
                    if let Some(value) = read_plain(self.j) {
                        self.b = value;
                        self.pc = Pc::ScanDownTest;
                        return Ok(Op::Less(self.pivot, self.b));
                    }
                    self.pc = Pc::ScanDownCompare;
                    return Ok(Op::Get(self.j, Register::B));
                }
                Pc::ScanDownCompare => {
                    self.pc = Pc::ScanDownTest;
                    return Ok(Op::Less(self.pivot, self.b));
                }
                Pc::ScanDownTest => {
                    if self.flag {
                        // P < a[j], but everything below i is <= P.
                        if self.j < self.i {
                            return Err(invalid_order());
                        }
                        self.pc = Pc::ScanDown;
                    } else if self.j < self.i {
                        // Put the pivot in its place: a[up - 1] = a[i], a[i] = P.
                        self.pc = Pc::PlacePivot;
                        return Ok(Op::Set(self.up - 1, self.a));
                    } else {
                        self.pc = Pc::Exchanged;
                        return Ok(Op::Set(self.i, self.b));
                    }
                }
                Pc::PlacePivot => {
                    self.pc = Pc::Split;
                    return Ok(Op::Set(self.i, self.pivot));
                }
                Pc::Exchanged => {
                    self.pc = Pc::ScanUp;
                    return Ok(Op::Set(self.j, self.a));
                }
                Pc::Split => {
                    self.split(call)?;
                    self.pc = Pc::Range;
                }
            }
        }
    }

    /// The pivot index: the middle, or for a large range with a random
    /// seed a point in its second or third quarter.
    fn choose_pivot(&self) -> i64 {
        if self.up - self.lo < RANDOM_PIVOT_LIMIT || self.rnd == 0 {
            return (self.lo + self.up) / 2;
        }
        let quarter = (self.up - self.lo) / 4;
        self.rnd as i64 % (quarter * 2) + self.lo + quarter
    }

    /// After a partition at `i`: the smaller part is sorted next, the
    /// larger part waits on the range stack. A very unbalanced partition
    /// gives the larger part a random pivot seed.
    fn split(&mut self, call: &mut Call<'gc, '_>) -> Result<(), Error<'gc>> {
        let p = self.i;
        let (waiting_lo, waiting_up, smaller) = if p - self.lo < self.up - p {
            let waiting = (p + 1, self.up, p - self.lo);
            self.up = p - 1;
            waiting
        } else {
            let waiting = (self.lo, p - 1, self.up - p);
            self.lo = p + 1;
            waiting
        };
        let rnd = if (waiting_up - waiting_lo) / 128 > smaller {
            random_seed()
        } else {
            self.rnd
        };
        call.extend([
            Value::Integer(waiting_lo),
            Value::Integer(waiting_up),
            Value::Integer(rnd as i64),
        ])
    }

    /// The current range is sorted: continue with the next waiting one.
    fn finish_range(&mut self) {
        self.up = self.lo;
        self.pc = Pc::Range;
    }

    /// Takes the most recently pushed waiting range; `false` when none.
    fn next_range(&mut self, call: &mut Call<'gc, '_>) -> bool {
        if call.len() < RANGES + 3 {
            return false;
        }
        let top = call.len() - 3;
        self.lo = int_slot(call, top);
        self.up = int_slot(call, top + 1);
        self.rnd = int_slot(call, top + 2) as u32;
        call.truncate(top);
        true
    }
}

/// Two 32-bit numbers as one integer (`low` keeps only its 32 bits: it
/// comes back as an `i32`, which `as u32` turns back into the seed).
fn pair(high: i64, low: i64) -> i64 {
    (high << 32) | (low as u32 as i64)
}

/// The numbers [`pair`] packed.
fn unpair(packed: i64) -> (i64, i64) {
    (packed >> 32, packed as i32 as i64)
}

/// PUC's `l_randomizePivot`: some bits of the clock.
fn random_seed() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    ((nanos as u32) ^ ((nanos >> 32) as u32)) | 1
}

fn invalid_order<'gc>() -> Error<'gc> {
    Error::runtime("invalid order function for sorting")
}

#[cfg(test)]
mod tests {
    use super::{Pc, Register};

    #[test]
    fn index_pairs_round_trip() {
        for (high, low) in [(1, 2), (0, -1), (i32::MAX as i64, 0), (5, u32::MAX as i64)] {
            let (h, l) = super::unpair(super::pair(high, low));
            assert_eq!((h, l as u32), (high, low as u32));
        }
    }

    #[test]
    fn step_and_register_tables_are_in_declaration_order() {
        assert!(Pc::ALL.iter().enumerate().all(|(i, &pc)| pc as usize == i));
        assert!(
            Register::ALL
                .iter()
                .enumerate()
                .all(|(i, &r)| r as usize == i)
        );
    }
}
