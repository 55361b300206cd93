//! Full userdata: a Rust payload with a metatable and a user value.
//!
//! The payload is any `'static` Rust value (`Box<dyn Any>`); a library finds
//! its own payloads again with [`UserData::downcast_ref`] and friends. Heap
//! values a userdata needs go in its user value (usually a table). Light
//! userdata is not an object: it is `Value::LightUserData(usize)`.

use std::any::Any;
use std::cell::{Ref, RefMut};

use gc_arena::{Collect, Gc, Mutation, RefLock};

use crate::table::Table;
use crate::value::Value;

#[derive(Collect)]
#[collect(no_drop)]
pub struct UserDataState<'gc> {
    #[collect(require_static)]
    pub data: Box<dyn Any>,
    pub metatable: Option<Table<'gc>>,
    pub user_value: Value<'gc>,
    /// How many user values the userdata has, 0 or 1 (PUC's
    /// `lua_newuserdatauv`; `debug.getuservalue` reports the others absent).
    #[collect(require_static)]
    pub user_values: u8,
}

/// The heap cell behind a [`UserData`] handle.
pub type UserDataInner<'gc> = RefLock<UserDataState<'gc>>;

/// A full userdata object.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct UserData<'gc>(pub Gc<'gc, UserDataInner<'gc>>);

impl<'gc> UserData<'gc> {
    /// A userdata with one user value (PUC's `lua_newuserdata`).
    pub fn new(mc: &Mutation<'gc>, data: Box<dyn Any>) -> UserData<'gc> {
        UserData::with_user_values(mc, data, 1)
    }

    /// A userdata with `count` user values, at most one (PUC's
    /// `lua_newuserdatauv`; its files have none).
    pub fn with_user_values(mc: &Mutation<'gc>, data: Box<dyn Any>, count: u8) -> UserData<'gc> {
        UserData(Gc::new(
            mc,
            RefLock::new(UserDataState {
                data,
                metatable: None,
                user_value: Value::Nil,
                user_values: count.min(1),
            }),
        ))
    }

    /// How many user values the userdata has (0 or 1).
    pub fn user_value_count(self) -> u8 {
        self.0.borrow().user_values
    }

    pub fn metatable(self) -> Option<Table<'gc>> {
        self.0.borrow().metatable
    }

    pub fn set_metatable(self, mc: &Mutation<'gc>, mt: Option<Table<'gc>>) {
        self.0.borrow_mut(mc).metatable = mt;
    }

    pub fn user_value(self) -> Value<'gc> {
        self.0.borrow().user_value
    }

    pub fn set_user_value(self, mc: &Mutation<'gc>, v: Value<'gc>) {
        self.0.borrow_mut(mc).user_value = v;
    }

    pub fn is<T: 'static>(self) -> bool {
        self.0.borrow().data.is::<T>()
    }

    /// The payload, if it is a `T`.
    pub fn downcast_ref<T: 'static>(&self) -> Option<Ref<'gc, T>> {
        Ref::filter_map(self.0.as_ref().borrow(), |s| s.data.downcast_ref::<T>()).ok()
    }

    /// The payload, mutably, if it is a `T`.
    pub fn downcast_mut<T: 'static>(&self, mc: &Mutation<'gc>) -> Option<RefMut<'gc, T>> {
        RefMut::filter_map(self.0.borrow_mut(mc), |s| s.data.downcast_mut::<T>()).ok()
    }

    pub fn ptr_eq(self, other: UserData<'gc>) -> bool {
        Gc::ptr_eq(self.0, other.0)
    }

    pub fn as_ptr(self) -> *const () {
        Gc::as_ptr(self.0) as *const ()
    }
}

impl std::fmt::Debug for UserData<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "userdata: {:p}", self.as_ptr())
    }
}
