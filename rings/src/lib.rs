//! saturn-rings: Lua states that create Lua states (DESIGN §7).
//!
//! A master creates slaves with `rings.new`, each a state with its own
//! gc-arena heap, runs code in them with `state:dostring(code, ...)`, and
//! a slave runs code in its master with `remotedostring(code, ...)`; `stable`
//! is a table kept in the master for its slaves. Only [`Transfer`] values
//! cross between states: nil, booleans, integers and floats (kept apart),
//! strings (byte-exact) and light userdata; a full userdata becomes a light
//! userdata holding its address; tables, functions and threads become nil
//! in place, without shifting the values after them.
//!
//! Beyond Rings 1.3: slaves draw on their master's ring memory budget
//! ([`saturn_vm::state::Lua::set_ring_memory_limit`]) and collector
//! parameters; `rings.new(env, {memory = bytes, instructions = n})` limits
//! one slave (a `dostring` past them returns `false, "not enough memory"`
//! or `false, "instruction limit exceeded"`, and the slave stays usable);
//! closing a running state is a Lua error; nesting of calls between states
//! is bounded ([`run::MAX_NESTING`]).
//!
//! From Rust, without Lua in between:
//!
//! ```
//! use saturn_rings::{Limits, Ring};
//! use saturn_vm::transfer::Transfer;
//!
//! let mut ring = Ring::new();
//! let slave = ring.open_state(Limits::default());
//! let sum = ring
//!     .dostring(&slave, "local a, b = ... return a + b", &[Transfer::Integer(2), Transfer::Integer(3)])
//!     .unwrap();
//! assert_eq!(sum, vec![Transfer::Integer(5)]);
//!
//! // A Rust function installed in the slave.
//! fn twice<'gc>(
//!     _ctx: saturn_vm::state::Context<'gc>,
//!     call: &mut saturn_vm::executor::Call<'gc, '_>,
//! ) -> Result<saturn_vm::executor::Action<'gc>, saturn_vm::executor::Error<'gc>> {
//!     let n = match call.get(0) {
//!         saturn_vm::value::Value::Integer(n) => n,
//!         _ => 0,
//!     };
//!     call.clear();
//!     call.push(saturn_vm::value::Value::Integer(2 * n))?;
//!     Ok(saturn_vm::executor::Action::Return(1))
//! }
//! slave.set_function("twice", twice).unwrap();
//! let doubled = ring.dostring(&slave, "return twice(21)", &[]).unwrap();
//! assert_eq!(doubled, vec![Transfer::Integer(42)]);
//! ring.close(&slave).unwrap();
//! ```
#![forbid(unsafe_code)]

mod environments;
pub mod module;
mod ring;
pub mod run;
mod slave;
mod stable;

use saturn_vm::state::Context;

pub use ring::{DoStringError, Ring};
pub use saturn_vm::transfer::Transfer;
pub use slave::{Limits, Slave, SlaveError};

/// Makes `rings` and `stable` available to `require` in the state of
/// `ctx` (through `package.preload`); neither is loaded yet.
pub fn open(ctx: Context<'_>) {
    let preload = saturn_stdlib::package::preload_table(ctx);
    preload.set_str(ctx.mc, ctx.intern(b"rings"), ctx.native(module::load_rings));
    preload.set_str(
        ctx.mc,
        ctx.intern(b"stable"),
        ctx.native(stable::load_stable),
    );
}
