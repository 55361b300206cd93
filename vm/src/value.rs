//! `Value`, the 16-byte `Copy` representation of every Lua value.

use gc_arena::{Collect, Gc};

use crate::closure::{Function, LuaClosure, Native};
use crate::string::LuaString;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::UserData;

/// A Lua value. Integers and floats are distinct subtypes of `number`, as in
/// Lua 5.4. Heap values are `Gc` handles, so copying a `Value` is cheap.
///
/// `repr(u64)`: the tag fills the first eight bytes and every payload sits
/// in the second eight, so a value is copied as two machine words. With a
/// one-byte tag, the padding bytes after it (where a `bool` payload lived)
/// were copied with narrow overlapping loads that defeated store
/// forwarding (measured: a fifth of `sieve` on one such reload).
#[derive(Clone, Copy, Debug, Default, Collect)]
#[collect(no_drop)]
#[repr(u64)]
pub enum Value<'gc> {
    #[default]
    Nil,
    Boolean(bool),
    Integer(i64),
    Number(f64),
    String(LuaString<'gc>),
    Table(Table<'gc>),
    /// A Lua function. Functions are two variants rather than one holding
    /// a [`Function`]: a nested enum would share this enum's tag byte (a
    /// niche), and every type test would decode it with extra instructions.
    /// [`Value::as_function`] and `From<Function>` give the single view.
    LuaFunction(LuaClosure<'gc>),
    /// A Rust function.
    NativeFunction(Native<'gc>),
    Thread(Thread<'gc>),
    UserData(UserData<'gc>),
    LightUserData(usize),
}

impl<'gc> Value<'gc> {
    /// The function this value holds, if it is one.
    #[inline]
    pub fn as_function(self) -> Option<Function<'gc>> {
        match self {
            Value::LuaFunction(c) => Some(Function::Lua(c)),
            Value::NativeFunction(n) => Some(Function::Native(n)),
            _ => None,
        }
    }

    /// The name `type()` returns.
    pub fn type_name(self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Boolean(_) => "boolean",
            Value::Integer(_) | Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Table(_) => "table",
            Value::LuaFunction(_) | Value::NativeFunction(_) => "function",
            Value::Thread(_) => "thread",
            Value::UserData(_) | Value::LightUserData(_) => "userdata",
        }
    }

    /// `nil` and `false` are false; everything else is true.
    #[inline]
    pub fn is_falsy(self) -> bool {
        matches!(self, Value::Nil | Value::Boolean(false))
    }

    #[inline]
    pub fn is_nil(self) -> bool {
        matches!(self, Value::Nil)
    }

    #[inline]
    pub fn is_number(self) -> bool {
        matches!(self, Value::Integer(_) | Value::Number(_))
    }

    /// Primitive equality (`rawequal`): numbers by value across subtypes,
    /// strings by contents, everything else by identity.
    #[inline]
    pub fn raw_eq(self, other: Value<'gc>) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Boolean(a), Value::Boolean(b)) => a == b,
            (Value::Integer(a), Value::Integer(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::Integer(i), Value::Number(f)) | (Value::Number(f), Value::Integer(i)) => {
                crate::number::eq_int_float(i, f)
            }
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Table(a), Value::Table(b)) => Table::ptr_eq(a, b),
            (Value::LuaFunction(a), Value::LuaFunction(b)) => Gc::ptr_eq(a, b),
            (Value::NativeFunction(a), Value::NativeFunction(b)) => Gc::ptr_eq(a, b),
            (Value::Thread(a), Value::Thread(b)) => a.ptr_eq(b),
            (Value::UserData(a), Value::UserData(b)) => a.ptr_eq(b),
            (Value::LightUserData(a), Value::LightUserData(b)) => a == b,
            _ => false,
        }
    }

    /// Appends the string form of a string or number (what `..` and
    /// `tostring` produce); `false` for other values.
    pub fn push_str_form(self, buf: &mut Vec<u8>) -> bool {
        match self {
            Value::String(s) => buf.extend_from_slice(s.as_bytes()),
            Value::Integer(i) => crate::number::push_int(buf, i),
            Value::Number(n) => crate::number::push_float(buf, n),
            _ => return false,
        }
        true
    }

    /// The basic `tostring` text, without metamethods: `nil`, `true`, `10`,
    /// `1.5`, the string itself, or `table: 0x...` for objects.
    pub fn to_display_bytes(self) -> Vec<u8> {
        let mut out = Vec::new();
        match self {
            Value::Nil => out.extend_from_slice(b"nil"),
            Value::Boolean(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
            Value::String(_) | Value::Integer(_) | Value::Number(_) => {
                self.push_str_form(&mut out);
            }
            Value::Table(t) => out.extend_from_slice(format!("table: {:p}", t.as_ptr()).as_bytes()),
            Value::LuaFunction(f) => {
                out.extend_from_slice(format!("function: {:p}", Gc::as_ptr(f)).as_bytes())
            }
            Value::NativeFunction(f) => {
                out.extend_from_slice(format!("function: {:p}", Gc::as_ptr(f)).as_bytes())
            }
            Value::Thread(t) => {
                out.extend_from_slice(format!("thread: {:p}", t.as_ptr()).as_bytes())
            }
            Value::UserData(u) => {
                out.extend_from_slice(format!("userdata: {:p}", u.as_ptr()).as_bytes())
            }
            Value::LightUserData(p) => {
                out.extend_from_slice(format!("userdata: {:#x}", p).as_bytes())
            }
        }
        out
    }
}

impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value::Boolean(b)
    }
}

impl From<i64> for Value<'_> {
    fn from(i: i64) -> Self {
        Value::Integer(i)
    }
}

impl From<f64> for Value<'_> {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl<'gc> From<LuaString<'gc>> for Value<'gc> {
    fn from(s: LuaString<'gc>) -> Self {
        Value::String(s)
    }
}

impl<'gc> From<Table<'gc>> for Value<'gc> {
    fn from(t: Table<'gc>) -> Self {
        Value::Table(t)
    }
}

impl<'gc> From<Thread<'gc>> for Value<'gc> {
    fn from(t: Thread<'gc>) -> Self {
        Value::Thread(t)
    }
}

impl<'gc> From<UserData<'gc>> for Value<'gc> {
    fn from(u: UserData<'gc>) -> Self {
        Value::UserData(u)
    }
}

impl<'gc> From<Function<'gc>> for Value<'gc> {
    fn from(f: Function<'gc>) -> Self {
        match f {
            Function::Lua(c) => Value::LuaFunction(c),
            Function::Native(n) => Value::NativeFunction(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Value<'static>>(), 16);
    }
}
