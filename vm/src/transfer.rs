//! [`Transfer`]: the values that may leave a state (DESIGN §7).
//!
//! A `Value<'gc>` is branded by its arena and cannot cross to another state
//! or thread; a `Transfer` owns its data, is `'static + Send`, and is what
//! rings, the event queue and host jobs exchange. The conversion follows the
//! Rings rules: a full userdata becomes a light userdata holding its address,
//! and tables, functions and threads (which live in one heap only) become
//! nil, in place, so the values around them keep their positions.

use crate::state::Context;
use crate::value::Value;

/// A value that can cross between states and OS threads.
#[derive(Clone, Debug, PartialEq)]
pub enum Transfer {
    Nil,
    Boolean(bool),
    Integer(i64),
    Number(f64),
    /// The bytes of a string, `\0` included.
    String(Vec<u8>),
    /// A light userdata, or the address of a full userdata.
    LightUserData(usize),
}

impl Transfer {
    /// The transfer form of `value` (see the module docs for what is lost).
    pub fn from_value(value: Value<'_>) -> Transfer {
        match value {
            Value::Nil => Transfer::Nil,
            Value::Boolean(b) => Transfer::Boolean(b),
            Value::Integer(i) => Transfer::Integer(i),
            Value::Number(n) => Transfer::Number(n),
            Value::String(s) => Transfer::String(s.as_bytes().to_vec()),
            Value::LightUserData(p) => Transfer::LightUserData(p),
            Value::UserData(u) => Transfer::LightUserData(u.as_ptr() as usize),
            Value::Table(_)
            | Value::LuaFunction(_)
            | Value::NativeFunction(_)
            | Value::Thread(_) => Transfer::Nil,
        }
    }

    /// Converts every value of `values`, keeping their positions.
    pub fn from_values(values: &[Value<'_>]) -> Vec<Transfer> {
        values.iter().map(|&v| Transfer::from_value(v)).collect()
    }

    /// The value this stands for in the state of `ctx` (strings are
    /// interned there).
    pub fn to_value<'gc>(&self, ctx: Context<'gc>) -> Value<'gc> {
        match self {
            Transfer::Nil => Value::Nil,
            Transfer::Boolean(b) => Value::Boolean(*b),
            Transfer::Integer(i) => Value::Integer(*i),
            Transfer::Number(n) => Value::Number(*n),
            Transfer::String(bytes) => Value::String(ctx.intern(bytes)),
            Transfer::LightUserData(p) => Value::LightUserData(*p),
        }
    }
}

impl From<&str> for Transfer {
    fn from(s: &str) -> Self {
        Transfer::String(s.as_bytes().to_vec())
    }
}

impl From<i64> for Transfer {
    fn from(i: i64) -> Self {
        Transfer::Integer(i)
    }
}

impl From<f64> for Transfer {
    fn from(n: f64) -> Self {
        Transfer::Number(n)
    }
}

impl From<bool> for Transfer {
    fn from(b: bool) -> Self {
        Transfer::Boolean(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Lua;

    #[test]
    fn transfer_is_send_and_static() {
        fn assert_send<T: Send + 'static>() {}
        assert_send::<Transfer>();
    }

    #[test]
    fn values_round_trip_and_heap_objects_become_nil_in_place() {
        let lua = Lua::new();
        lua.enter(|ctx| {
            let values = [
                Value::Integer(i64::MAX),
                Value::Number(-0.0),
                Value::Table(ctx.new_table()),
                ctx.str("a\0b"),
                Value::Boolean(false),
            ];
            let moved = Transfer::from_values(&values);
            assert_eq!(moved[2], Transfer::Nil);
            assert_eq!(moved[3], Transfer::String(b"a\0b".to_vec()));
            let back = moved[1].to_value(ctx);
            assert!(matches!(back, Value::Number(n) if n == 0.0 && n.is_sign_negative()));
            assert!(matches!(moved[0].to_value(ctx), Value::Integer(i64::MAX)));
            assert!(matches!(moved[4].to_value(ctx), Value::Boolean(false)));
        });
    }
}
