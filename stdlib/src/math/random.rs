//! `math.random` and `math.randomseed`: PUC Lua 5.4's xoshiro256**
//! generator, seeded and projected onto ranges exactly as `lmathlib.c`
//! does, so that a program seeding with `math.randomseed(n)` draws the same
//! numbers as under PUC Lua.
//!
//! The generator state lives in a userdata shared as upvalue 0 by both
//! functions.

use std::cell::Cell;
use std::time::{SystemTime, UNIX_EPOCH};

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::userdata::UserData;
use saturn_vm::value::Value;

use crate::args::{arg_error, check_integer, is_none, opt_integer};
use crate::results::{return_one, return_values};

/// The four 64-bit words of xoshiro256**.
struct Generator {
    state: Cell<[u64; 4]>,
}

impl Generator {
    /// Seeds as PUC's `setseed`: the two seed words around a fixed nonzero
    /// word, then 16 draws discarded to spread the seed.
    fn seed(&self, n1: u64, n2: u64) {
        self.state.set([n1, 0xff, n2, 0]);
        for _ in 0..16 {
            self.next();
        }
    }

    /// The next 64 random bits.
    fn next(&self) -> u64 {
        let [s0, s1, s2, s3] = self.state.get();
        let s2 = s2 ^ s0;
        let s3 = s3 ^ s1;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        self.state
            .set([s0 ^ s3, s1 ^ s2, s2 ^ (s1 << 17), s3.rotate_left(45)]);
        result
    }

    /// Projects `random` into `[0, n]` without bias: keep the bits below
    /// the smallest `2^b - 1 >= n`, drawing again while the result is
    /// above `n`.
    fn project(&self, mut random: u64, n: u64) -> u64 {
        if n & n.wrapping_add(1) == 0 {
            return random & n;
        }
        let mask = u64::MAX >> n.leading_zeros();
        loop {
            random &= mask;
            if random <= n {
                return random;
            }
            random = self.next();
        }
    }
}

/// A float in `[0, 1)` from the high 53 bits (PUC's `I2d`).
fn to_unit_float(random: u64) -> f64 {
    (random >> 11) as f64 * (0.5 / (1u64 << 52) as f64)
}

/// Adds `random` and `randomseed` to `library`, sharing a generator seeded
/// from the clock, as PUC seeds it at start-up.
pub fn install<'gc>(ctx: Context<'gc>, library: Table<'gc>) {
    let generator = Generator {
        state: Cell::new([0; 4]),
    };
    let userdata = UserData::new(ctx.mc, Box::new(generator));
    if let Some(generator) = userdata.downcast_ref::<Generator>() {
        let (n1, n2) = clock_seed(userdata);
        generator.seed(n1, n2);
    }
    let upvalue = Value::UserData(userdata);
    for (name, function) in [
        ("random", random as saturn_vm::closure::NativeFn),
        ("randomseed", randomseed),
    ] {
        let native = ctx.native_with_upvalues(function, [upvalue]);
        library.set_str(ctx.mc, ctx.intern(name.as_bytes()), native);
    }
}

/// A seed that varies between runs: the time in seconds and an address
/// (PUC uses the address of the state, for address-space randomisation).
fn clock_seed(userdata: UserData<'_>) -> (u64, u64) {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (seconds, userdata.as_ptr() as usize as u64)
}

/// Runs `f` on the generator in upvalue 0. `debug.setupvalue` can replace
/// that upvalue; then the functions fail instead of crashing.
fn with_generator<'gc, R>(
    call: &Call<'gc, '_>,
    f: impl FnOnce(&Generator, UserData<'gc>) -> R,
) -> Result<R, Error<'gc>> {
    if let Value::UserData(userdata) = call.upvalue(0)
        && let Some(generator) = userdata.downcast_ref::<Generator>()
    {
        return Ok(f(&generator, userdata));
    }
    Err(Error::runtime("random generator state is missing"))
}

/// `math.random()`: a float in `[0, 1)`; `math.random(0)`: 64 random bits
/// as an integer; `math.random(m)`: an integer in `[1, m]`;
/// `math.random(m, n)`: an integer in `[m, n]`.
fn random<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let bits = with_generator(call, |g, _| g.next())?;
    let (low, high) = match call.len() {
        0 => return return_one(call, Value::Number(to_unit_float(bits))),
        1 => {
            let high = check_integer(ctx, call, 1)?;
            if high == 0 {
                return return_one(call, Value::Integer(bits as i64));
            }
            (1, high)
        }
        2 => (check_integer(ctx, call, 1)?, check_integer(ctx, call, 2)?),
        _ => return Err(Error::runtime("wrong number of arguments")),
    };
    if low > high {
        return Err(arg_error(ctx, call, 1, "interval is empty"));
    }
    let span = (high as u64).wrapping_sub(low as u64);
    let offset = with_generator(call, |g, _| g.project(bits, span))?;
    return_one(call, Value::Integer(offset.wrapping_add(low as u64) as i64))
}

/// `math.randomseed([n1 [, n2]])`: seeds the generator (from the clock
/// when called without arguments) and returns the two seed words.
fn randomseed<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let (n1, n2) = if is_none(call, 1) {
        with_generator(call, |_, userdata| clock_seed(userdata))?
    } else {
        let n1 = check_integer(ctx, call, 1)?;
        let n2 = opt_integer(ctx, call, 2, 0)?;
        (n1 as u64, n2 as u64)
    };
    with_generator(call, |g, _| g.seed(n1, n2))?;
    return_values(call, [Value::Integer(n1 as i64), Value::Integer(n2 as i64)])
}
