//! Lua tables: an array part for the keys `1..=n` and a hash part for the rest.
//!
//! # Layout
//!
//! The array part holds the logical array size's slots (nils included):
//! up to two inside the table object, more in a boxed slice of exactly that
//! length. The hash part is a power-of-two slice of nodes using PUC Lua's
//! scheme: chained scatter with Brent's variation. A key lives in its *main
//! position* (where it hashes) unless that node is taken by a key that itself
//! belongs elsewhere, in which case the intruder is moved; colliding keys are
//! linked through `next` and take free nodes from the top of the vector down
//! (`last_free`). When no free node is left the table is *rehashed*: every
//! integer key is counted and the array part gets the largest power-of-two
//! size `n` such that more than `n/2` of the slots `1..=n` would be in use
//! (PUC's `computesizes`); the rest goes to a hash part sized to fit. Sizing
//! like PUC keeps `#t` returning the same border PUC returns in the common
//! cases, because the border search depends on the array size.
//!
//! When the rehash happens depends on which keys collide, so integer, float
//! and boolean keys take PUC's main positions (`hashint`, `l_hashfloat`,
//! `hashboolean`). Strings and objects cannot: PUC seeds string hashes per
//! process and hashes objects by address, so after deletions its own border
//! can change from one run to the next.
//!
//! # Removal and `next`
//!
//! Assigning nil never moves a node: the value becomes nil and the key stays
//! as a *tombstone*, so `next` can still find it and continue the traversal
//! while fields are cleared. A tombstone holding a heap key keeps only a weak
//! reference to it (PUC's "dead keys"), so clearing `t[obj]` lets `obj` be
//! collected. Tombstones disappear at the next rehash.
//!
//! # Weak tables
//!
//! Entries are [`Slot`]s: either a strong [`Value`] or a weak reference to a
//! heap object. [`Table::set_weakness`] (called when a metatable with `__mode`
//! is set) re-stores the entries: with weak values every collectable value is
//! held weakly; with weak keys every collectable key is held weakly, and so is
//! its value (an *ephemeron*: the value is kept alive only through its key).
//! Strings are values, not objects, in Lua: they are always held strongly.
//! Reads treat a weak reference whose object is gone as nil.
//!
//! The GC driver runs this protocol in gc-arena's finalize phase, for every
//! weak table it knows of (it keeps a list of [`WeakTable`]s of the tables
//! whose weakness was set, and drops those that died):
//!
//! 1. **Ephemerons.** Call [`Table::mark_ephemerons`] on each weak table: for
//!    tables with weak keys and strong values it resurrects each value whose
//!    key is alive, and reports whether it resurrected anything. If any table
//!    did, finish marking again (`Arena::finish_marking`) and repeat: a
//!    resurrected value can make other keys alive. Stop at the fixed point.
//! 2. **Weak values.** Call [`Table::clear_dead_values`]: entries whose weakly
//!    held value is dead are removed. As in PUC Lua this happens *before*
//!    objects with `__gc` are resurrected for finalization, so a weak value
//!    never shows an object that is being finalized.
//! 3. **Finalizers.** The driver resurrects the objects it will finalize,
//!    finishes marking, and runs step 1 again (a resurrected object can keep
//!    ephemeron values alive).
//! 4. **Weak keys.** Call [`Table::clear_dead_entries`]: entries whose weak
//!    key or value is still dead are removed. Keys of objects being
//!    finalized survive this cycle, as in PUC.
//!
//! Without finalizers, steps 2–4 collapse to one [`Table::clear_dead_entries`]
//! after step 1. Step 1 is required whenever a table has weak keys: the
//! driver must stop every cycle at the marked phase (`Arena::mark_debt` /
//! `finish_marking`) and run it, or values held only through live weak keys
//! are lost. The clearing steps only make memory reclaimable sooner: reads and
//! `next` already treat a weak reference to a dead object as nil. After the
//! protocol, start sweeping (`MarkedArena::start_sweeping`) before mutating
//! again; if marking has to resume, run the protocol again when it ends.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use gc_arena::{Collect, Finalization, Gc, GcWeak, Mutation, RefLock};

use crate::closure::{LuaClosureInner, NativeInner};
use crate::memory::{GC_HEADER_BYTES, MemoryAccount, charge_debt};
use crate::number::float_to_int;
use crate::string::{LuaString, WeakLuaString};
use crate::thread::{Thread, ThreadState};
use crate::userdata::{UserData, UserDataInner};
use crate::value::Value;

/// Why a value cannot be used as a table key (or a `next` key).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum InvalidKey {
    Nil,
    NaN,
    /// `next` was given a key that is not in the table.
    NotInTable,
}

impl InvalidKey {
    /// The message PUC Lua raises.
    pub fn message(&self) -> &'static str {
        match self {
            InvalidKey::Nil => "table index is nil",
            InvalidKey::NaN => "table index is NaN",
            InvalidKey::NotInTable => "invalid key to 'next'",
        }
    }
}

impl fmt::Display for InvalidKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for InvalidKey {}

/// Which references of a weak table are weak (`__mode` "k", "v" or "kv").
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Weakness {
    pub keys: bool,
    pub values: bool,
}

impl Weakness {
    pub const STRONG: Weakness = Weakness {
        keys: false,
        values: false,
    };

    /// Whether anything is weak.
    #[inline]
    pub fn is_weak(self) -> bool {
        self.keys || self.values
    }

    /// Weak keys with strong values: values live only through their keys.
    #[inline]
    fn is_ephemeron(self) -> bool {
        self.keys && !self.values
    }
}

type TableCell<'gc> = RefLock<TableState<'gc>>;

/// A Lua table: a `Copy` handle to a table on the heap.
#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
pub struct Table<'gc>(pub Gc<'gc, TableCell<'gc>>);

/// A weak handle to a table (for the GC driver's list of weak tables).
#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
pub struct WeakTable<'gc>(GcWeak<'gc, TableCell<'gc>>);

impl<'gc> WeakTable<'gc> {
    #[inline]
    pub fn upgrade(self, mc: &Mutation<'gc>) -> Option<Table<'gc>> {
        self.0.upgrade(mc).map(Table)
    }

    #[inline]
    pub fn is_dead(self, fc: &Finalization<'gc>) -> bool {
        self.0.is_dead(fc)
    }

    /// The table, if it has not been dropped (it may be dead in this cycle:
    /// check [`is_dead`](Self::is_dead) first if that matters).
    pub fn resurrect(self, fc: &Finalization<'gc>) -> Option<Table<'gc>> {
        self.0.resurrect(fc).map(Table)
    }
}

/// A stored key or value: a strong value, or a weak reference to a heap
/// object (weak tables, and tombstone keys).
#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
enum Slot<'gc> {
    Strong(Value<'gc>),
    WeakString(WeakLuaString<'gc>),
    WeakTable(GcWeak<'gc, TableCell<'gc>>),
    WeakLuaClosure(GcWeak<'gc, LuaClosureInner<'gc>>),
    WeakNative(GcWeak<'gc, NativeInner<'gc>>),
    WeakThread(GcWeak<'gc, RefLock<ThreadState<'gc>>>),
    WeakUserData(GcWeak<'gc, UserDataInner<'gc>>),
}

impl<'gc> Slot<'gc> {
    const NIL: Slot<'gc> = Slot::Strong(Value::Nil);

    /// A weak reference to `value`'s object, if it has one.
    fn weak(value: Value<'gc>) -> Option<Slot<'gc>> {
        Some(match value {
            Value::String(s) => Slot::WeakString(s.downgrade()),
            Value::Table(t) => Slot::WeakTable(Gc::downgrade(t.0)),
            Value::LuaFunction(f) => Slot::WeakLuaClosure(Gc::downgrade(f)),
            Value::NativeFunction(f) => Slot::WeakNative(Gc::downgrade(f)),
            Value::Thread(t) => Slot::WeakThread(Gc::downgrade(t.0)),
            Value::UserData(u) => Slot::WeakUserData(Gc::downgrade(u.0)),
            _ => return None,
        })
    }

    /// The value, or nil if it was weakly held and its object is gone.
    #[inline]
    fn load(self, mc: &Mutation<'gc>) -> Value<'gc> {
        match self {
            Slot::Strong(v) => v,
            weak => weak.upgrade(mc),
        }
    }

    #[cold]
    fn upgrade(self, mc: &Mutation<'gc>) -> Value<'gc> {
        let value = match self {
            Slot::Strong(v) => Some(v),
            Slot::WeakString(s) => s.upgrade(mc).map(Value::String),
            Slot::WeakTable(t) => t.upgrade(mc).map(|t| Value::Table(Table(t))),
            Slot::WeakLuaClosure(f) => f.upgrade(mc).map(Value::LuaFunction),
            Slot::WeakNative(f) => f.upgrade(mc).map(Value::NativeFunction),
            Slot::WeakThread(t) => t.upgrade(mc).map(|t| Value::Thread(Thread(t))),
            Slot::WeakUserData(u) => u.upgrade(mc).map(|u| Value::UserData(UserData(u))),
        };
        value.unwrap_or(Value::Nil)
    }

    /// Structurally empty: a strong nil. (A weak value whose object died is
    /// still occupying its node until the collector clears it.)
    #[inline]
    fn is_nil(self) -> bool {
        matches!(self, Slot::Strong(Value::Nil))
    }

    /// The address of the object, for identity comparison of heap keys
    /// other than strings.
    #[inline]
    fn object_ptr(self) -> Option<*const ()> {
        match self {
            Slot::Strong(v) => object_ptr(v),
            Slot::WeakString(_) => None,
            Slot::WeakTable(w) => Some(w.as_ptr() as *const ()),
            Slot::WeakLuaClosure(w) => Some(w.as_ptr() as *const ()),
            Slot::WeakNative(w) => Some(w.as_ptr() as *const ()),
            Slot::WeakThread(w) => Some(w.as_ptr() as *const ()),
            Slot::WeakUserData(w) => Some(w.as_ptr() as *const ()),
        }
    }

    /// Whether this stored key is `key` (a normalised, non-nil key).
    /// Tombstone keys match by identity.
    #[inline]
    fn is_key(self, key: Value<'gc>) -> bool {
        match (self, key) {
            (Slot::Strong(Value::Integer(a)), Value::Integer(b)) => a == b,
            (Slot::Strong(Value::String(a)), Value::String(b)) => a == b,
            (Slot::WeakString(a), Value::String(b)) => a.as_ptr() == b.as_ptr(),
            (Slot::Strong(Value::Number(a)), Value::Number(b)) => a == b,
            (Slot::Strong(Value::Boolean(a)), Value::Boolean(b)) => a == b,
            (Slot::Strong(Value::LightUserData(a)), Value::LightUserData(b)) => a == b,
            (slot, key) => match (slot.object_ptr(), object_ptr(key)) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// Whether the weakly held object died in this collection cycle.
    fn is_dead(self, fc: &Finalization<'gc>) -> bool {
        match self {
            Slot::Strong(_) => false,
            Slot::WeakString(s) => s.is_dead(fc),
            Slot::WeakTable(w) => w.is_dead(fc),
            Slot::WeakLuaClosure(w) => w.is_dead(fc),
            Slot::WeakNative(w) => w.is_dead(fc),
            Slot::WeakThread(w) => w.is_dead(fc),
            Slot::WeakUserData(w) => w.is_dead(fc),
        }
    }

    /// Keeps a weakly held object alive for this cycle.
    fn resurrect(self, fc: &Finalization<'gc>) {
        match self {
            Slot::Strong(_) | Slot::WeakString(_) => {}
            Slot::WeakTable(w) => drop(w.resurrect(fc)),
            Slot::WeakLuaClosure(w) => drop(w.resurrect(fc)),
            Slot::WeakNative(w) => drop(w.resurrect(fc)),
            Slot::WeakThread(w) => drop(w.resurrect(fc)),
            Slot::WeakUserData(w) => drop(w.resurrect(fc)),
        }
    }
}

/// The address of a heap object other than a string.
#[inline]
fn object_ptr(value: Value<'_>) -> Option<*const ()> {
    match value {
        Value::Table(t) => Some(Gc::as_ptr(t.0) as *const ()),
        Value::LuaFunction(f) => Some(Gc::as_ptr(f) as *const ()),
        Value::NativeFunction(f) => Some(Gc::as_ptr(f) as *const ()),
        Value::Thread(t) => Some(t.as_ptr()),
        Value::UserData(u) => Some(Gc::as_ptr(u.0) as *const ()),
        _ => None,
    }
}

/// Collectable values that weak tables hold weakly (strings are values).
#[inline]
fn is_weakable(value: Value<'_>) -> bool {
    matches!(
        value,
        Value::Table(_)
            | Value::LuaFunction(_)
            | Value::NativeFunction(_)
            | Value::Thread(_)
            | Value::UserData(_)
    )
}

/// How a key is stored under `weakness`.
#[inline]
fn store_key<'gc>(key: Value<'gc>, weakness: Weakness) -> Slot<'gc> {
    if weakness.keys && is_weakable(key) {
        Slot::weak(key).unwrap_or(Slot::Strong(key))
    } else {
        Slot::Strong(key)
    }
}

/// How a value is stored under `weakness`, given its key.
#[inline]
fn store_value<'gc>(key: Value<'gc>, value: Value<'gc>, weakness: Weakness) -> Slot<'gc> {
    if weakness.is_weak() && is_weakable(value) && (weakness.values || is_weakable(key)) {
        Slot::weak(value).unwrap_or(Slot::Strong(value))
    } else {
        Slot::Strong(value)
    }
}

/// The key a value stands for: floats with an integral value are integers,
/// nil and NaN are not keys.
#[inline]
fn normalize_key(key: Value<'_>) -> Result<Value<'_>, InvalidKey> {
    match key {
        Value::Nil => Err(InvalidKey::Nil),
        Value::Number(n) => match float_to_int(n) {
            Some(i) => Ok(Value::Integer(i)),
            None if n.is_nan() => Err(InvalidKey::NaN),
            None => Ok(key),
        },
        _ => Ok(key),
    }
}

/// No next node in a collision chain.
const NO_NEXT: u32 = u32::MAX;

/// An entry of the hash part.
#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
struct Node<'gc> {
    /// Strong nil: this node was never used since the last rehash.
    key: Slot<'gc>,
    /// Strong nil: no value (the key, if any, is a tombstone).
    value: Slot<'gc>,
    /// The index of the next node in this collision chain, or `NO_NEXT`.
    next: u32,
}

impl<'gc> Node<'gc> {
    const EMPTY: Node<'gc> = Node {
        key: Slot::NIL,
        value: Slot::NIL,
        next: NO_NEXT,
    };
}

/// A hash part of `count` empty nodes.
#[inline]
fn new_nodes<'gc>(count: usize) -> Box<[Node<'gc>]> {
    if count == 0 {
        Box::default()
    } else {
        vec![Node::EMPTY; count].into_boxed_slice()
    }
}

/// Array sizes are powers of two up to 2^MAX_ARRAY_BITS (PUC's MAXABITS).
const MAX_ARRAY_BITS: usize = 31;
const MAX_ARRAY_SIZE: u64 = 1 << MAX_ARRAY_BITS;

/// Arrays of up to this many slots are stored in the table itself.
const INLINE_ARRAY: usize = 2;

/// The array part's storage: up to [`INLINE_ARRAY`] slots inside the table
/// (the slots past the array's length are nil), more in a boxed slice of
/// exactly the array's length. Which one is used depends only on the
/// length, kept in [`TableInfo::array_len`].
#[derive(Collect)]
#[collect(no_drop)]
enum ArrayPart<'gc> {
    Inline([Slot<'gc>; INLINE_ARRAY]),
    Heap(Box<[Slot<'gc>]>),
}

impl<'gc> ArrayPart<'gc> {
    /// Storage for an array of `len` nil slots.
    fn new(len: usize) -> Self {
        if len <= INLINE_ARRAY {
            ArrayPart::Inline([Slot::NIL; INLINE_ARRAY])
        } else {
            ArrayPart::Heap(vec![Slot::NIL; len].into_boxed_slice())
        }
    }

    /// Every stored slot (for an inline array, also those past its length).
    #[inline(always)]
    fn slots(&self) -> &[Slot<'gc>] {
        match self {
            ArrayPart::Inline(slots) => slots,
            ArrayPart::Heap(slots) => slots,
        }
    }

    #[inline(always)]
    fn slots_mut(&mut self) -> &mut [Slot<'gc>] {
        match self {
            ArrayPart::Inline(slots) => slots,
            ArrayPart::Heap(slots) => slots,
        }
    }

    /// The slot at `index` of an array of `len` slots. A boxed array is
    /// exactly `len` long: its own bounds check is the only one.
    #[inline(always)]
    fn get(&self, index: u64, len: u32) -> Option<&Slot<'gc>> {
        match self {
            ArrayPart::Heap(slots) if index < slots.len() as u64 => Some(&slots[index as usize]),
            ArrayPart::Inline(slots) if index < len as u64 => {
                Some(&slots[index as usize % INLINE_ARRAY])
            }
            _ => None,
        }
    }

    #[inline(always)]
    fn get_mut(&mut self, index: u64, len: u32) -> Option<&mut Slot<'gc>> {
        match self {
            ArrayPart::Heap(slots) if index < slots.len() as u64 => {
                Some(&mut slots[index as usize])
            }
            ArrayPart::Inline(slots) if index < len as u64 => {
                Some(&mut slots[index as usize % INLINE_ARRAY])
            }
            _ => None,
        }
    }
}

/// Moves the border hint past an accessed array index (the index is below
/// the array's length).
#[inline(always)]
fn note_array_access(border_hint: &Cell<u32>, index: u64) {
    if index >= border_hint.get() as u64 {
        border_hint.set(index as u32 + 1);
    }
}

/// Array slots stored outside the table for an array of `len` slots.
#[inline]
fn heap_array_slots(len: usize) -> usize {
    if len <= INLINE_ARRAY { 0 } else { len }
}

/// The contents of a table.
///
/// Kept at 80 bytes (a gc-arena object of 104 bytes with the header and the
/// `RefLock`: a 112-byte malloc chunk, where 96 bytes and a separate array
/// made 128 and more): arrays of up to [`INLINE_ARRAY`] slots need no
/// allocation of their own, the other parts are boxed slices (their lengths
/// only change in [`resize`]), and every field without a `Gc` pointer shares
/// one block, [`TableInfo`].
///
/// [`resize`]: TableState::resize
#[derive(Collect)]
#[collect(no_drop)]
pub struct TableState<'gc> {
    /// Values for the keys `1..=info.array_len`.
    array: ArrayPart<'gc>,
    /// The hash part: empty, or a power-of-two number of nodes.
    nodes: Box<[Node<'gc>]>,
    metatable: Option<Table<'gc>>,
    #[collect(require_static)]
    info: TableInfo,
}

/// The fields of a table that hold no `Gc` pointer, in one struct so that
/// the small ones pack together (24 bytes). It is also the table's memory
/// guard: it charges the table's bytes to the account and credits them back
/// when the table is dropped (a struct holding `Gc` pointers cannot have a
/// `Drop` of its own). The charge follows from the sizes of the two parts,
/// which it records ([`table_bytes`]).
struct TableInfo {
    account: Rc<MemoryAccount>,
    /// The array part's length (at most `MAX_ARRAY_SIZE`).
    array_len: u32,
    /// Free nodes are only searched below this index.
    last_free: u32,
    /// PUC's `alimit`: a hint for `#`, at most `array_len`.
    border_hint: Cell<u32>,
    /// "This metamethod is absent" bits, valid while no key is assigned.
    meta_absent: Cell<u8>,
    weakness: Weakness,
    /// The hash part's size: 0 for no nodes, `k + 1` for `2^k`.
    node_bits: u8,
}

impl TableInfo {
    /// The fields of a new table of `array` slots and `nodes` nodes (a
    /// power of two or 0), whose bytes it charges to `account`.
    #[inline]
    fn new(account: &Rc<MemoryAccount>, array: usize, nodes: usize) -> Self {
        debug_assert!(array as u64 <= MAX_ARRAY_SIZE && (nodes == 0 || nodes.is_power_of_two()));
        let info = TableInfo {
            account: Rc::clone(account),
            array_len: array as u32,
            last_free: nodes as u32,
            border_hint: Cell::new(array as u32),
            meta_absent: Cell::new(0),
            weakness: Weakness::STRONG,
            node_bits: node_bits(nodes),
        };
        info.account.charge(info.charged());
        info
    }

    /// The bytes charged now.
    #[inline]
    fn charged(&self) -> usize {
        // 0 for 0, 2^k for k + 1.
        let nodes = (1usize << self.node_bits) >> 1;
        table_bytes(self.array_len as usize, nodes)
    }

    /// Records new part sizes (`nodes` a power of two or 0) and changes the
    /// charge to match; returns the bytes added (0 if it shrank).
    #[inline]
    fn set_sizes(&mut self, array: usize, nodes: usize) -> usize {
        debug_assert!(array as u64 <= MAX_ARRAY_SIZE && (nodes == 0 || nodes.is_power_of_two()));
        let before = self.charged();
        self.array_len = array as u32;
        self.node_bits = node_bits(nodes);
        let after = self.charged();
        if after >= before {
            self.account.charge(after - before);
        } else {
            self.account.credit(before - after);
        }
        after.saturating_sub(before)
    }
}

impl Drop for TableInfo {
    fn drop(&mut self) {
        self.account.credit(self.charged());
    }
}

/// [`TableInfo::node_bits`] for a hash part of `nodes` nodes.
#[inline]
fn node_bits(nodes: usize) -> u8 {
    // For 0 or a power of two, the number of significant bits.
    (usize::BITS - nodes.leading_zeros()) as u8
}

/// The memory a table of `array` slots and `nodes` nodes occupies.
#[inline]
fn table_bytes(array: usize, nodes: usize) -> usize {
    GC_HEADER_BYTES
        + std::mem::size_of::<TableCell<'static>>()
        + heap_array_slots(array) * std::mem::size_of::<Slot<'static>>()
        + nodes * std::mem::size_of::<Node<'static>>()
}

impl<'gc> Table<'gc> {
    pub fn new(mc: &Mutation<'gc>, account: &Rc<MemoryAccount>) -> Self {
        Self::with_capacity(mc, account, 0, 0)
    }

    /// A table with room for `array` sequence values and `hash` other keys
    /// (what the `NEWTABLE` instruction knows from a constructor).
    pub fn with_capacity(
        mc: &Mutation<'gc>,
        account: &Rc<MemoryAccount>,
        array: usize,
        hash: usize,
    ) -> Self {
        let array = array.min(MAX_ARRAY_SIZE as usize);
        let node_count = if hash == 0 {
            0
        } else {
            hash.next_power_of_two()
        };
        let info = TableInfo::new(account, array, node_count);
        charge_debt(mc, info.charged());
        let state = TableState {
            array: ArrayPart::new(array),
            nodes: new_nodes(node_count),
            metatable: None,
            info,
        };
        Table(Gc::new(mc, RefLock::new(state)))
    }

    #[inline]
    pub fn ptr_eq(a: Self, b: Self) -> bool {
        Gc::ptr_eq(a.0, b.0)
    }

    /// The address printed by `tostring`.
    #[inline]
    pub fn as_ptr(self) -> *const () {
        Gc::as_ptr(self.0) as *const ()
    }

    pub fn downgrade(self) -> WeakTable<'gc> {
        WeakTable(Gc::downgrade(self.0))
    }

    /// Raw get (`rawget`): no metamethods.
    #[inline]
    pub fn get(self, mc: &Mutation<'gc>, key: Value<'gc>) -> Value<'gc> {
        match key {
            Value::Integer(i) => self.get_int(mc, i),
            Value::String(s) => self.get_str(mc, s),
            Value::Nil => Value::Nil,
            Value::Number(n) => match float_to_int(n) {
                Some(i) => self.get_int(mc, i),
                None if n.is_nan() => Value::Nil,
                None => self.0.borrow().get_hashed(mc, key),
            },
            _ => self.0.borrow().get_hashed(mc, key),
        }
    }

    /// Raw get of an integer key. Always inlined: the array-part hit is
    /// what `t[i]` in a loop costs; the hash part stays out of line.
    #[inline(always)]
    pub fn get_int(self, mc: &Mutation<'gc>, key: i64) -> Value<'gc> {
        let state = self.0.borrow();
        match state.array_slot(key) {
            Some(slot) => slot.load(mc),
            None => state.get_int_hashed(mc, key),
        }
    }

    /// Raw get of a string key that is usually short, as `GETFIELD`'s
    /// constant keys are: inlined into the instruction, where [`get_str`]
    /// is a call.
    ///
    /// [`get_str`]: Self::get_str
    #[inline(always)]
    pub fn get_short_str(self, mc: &Mutation<'gc>, key: LuaString<'gc>) -> Value<'gc> {
        if !key.is_short() {
            // Only a hand-made binary chunk puts a long key here.
            return self.get_str(mc, key);
        }
        let state = self.0.borrow();
        if state.nodes.is_empty() {
            return Value::Nil;
        }
        match state.find_short_str(key) {
            Some(index) => state.nodes[index].value.load(mc),
            None => Value::Nil,
        }
    }

    /// Raw get of a string key.
    #[inline]
    pub fn get_str(self, mc: &Mutation<'gc>, key: LuaString<'gc>) -> Value<'gc> {
        self.0.borrow().get_str(mc, key)
    }

    /// Raw set (`rawset`): no metamethods. Assigning nil removes the key.
    pub fn set(
        self,
        mc: &Mutation<'gc>,
        key: Value<'gc>,
        value: Value<'gc>,
    ) -> Result<(), InvalidKey> {
        let key = normalize_key(key)?;
        let mut state = self.0.borrow_mut(mc);
        state.info.meta_absent.set(0);
        state.set(mc, key, value);
        Ok(())
    }

    /// Raw set of an integer key (inlined for the array-part store).
    #[inline(always)]
    pub fn set_int(self, mc: &Mutation<'gc>, key: i64, value: Value<'gc>) {
        let mut state = self.0.borrow_mut(mc);
        state.info.meta_absent.set(0);
        let weakness = state.info.weakness;
        if let Some(slot) = state.array_slot_mut(key) {
            *slot = store_value(Value::Integer(key), value, weakness);
        } else {
            state.set(mc, Value::Integer(key), value);
        }
    }

    /// Raw set of a string key. The overwrite of an existing field is
    /// inlined into `SETFIELD`/`SETTABLE`; anything else is a call.
    #[inline(always)]
    pub fn set_str(self, mc: &Mutation<'gc>, key: LuaString<'gc>, value: Value<'gc>) {
        let mut state = self.0.borrow_mut(mc);
        state.info.meta_absent.set(0);
        // Fast path for `obj.field = v` on an existing field of a strong
        // table: overwrite the value in place (no key re-store, no insert).
        if key.is_short()
            && !value.is_nil()
            && !state.info.weakness.is_weak()
            && !state.nodes.is_empty()
            && let Some(index) = state.find_short_str(key)
            && !state.nodes[index].value.is_nil()
        {
            state.nodes[index].value = Slot::Strong(value);
            return;
        }
        drop(state);
        self.set_str_slow(mc, key, value);
    }

    /// [`set_str`](Self::set_str) after its fast path declined.
    #[inline(never)]
    fn set_str_slow(self, mc: &Mutation<'gc>, key: LuaString<'gc>, value: Value<'gc>) {
        self.0.borrow_mut(mc).set(mc, Value::String(key), value);
    }

    /// Grows the array part to at least `len` slots at once, keeping the hash
    /// part's size (PUC's `luaH_resizearray`, which `SETLIST` calls before
    /// storing a constructor's values: `{f(), g()}` then never rehashes).
    pub fn reserve_array(self, mc: &Mutation<'gc>, len: usize) {
        let len = len.min(MAX_ARRAY_SIZE as usize);
        let mut state = self.0.borrow_mut(mc);
        if len > state.array_len() {
            let nodes = state.nodes.len();
            state.resize(mc, len, nodes);
        }
    }

    /// The length operator without metamethods: a border, the one PUC Lua
    /// finds.
    pub fn length(self, mc: &Mutation<'gc>) -> i64 {
        self.0.borrow().length(mc)
    }

    /// The entry after `key` in traversal order (`key` nil: the first entry),
    /// or `None` at the end.
    pub fn next(
        self,
        mc: &Mutation<'gc>,
        key: Value<'gc>,
    ) -> Result<Option<(Value<'gc>, Value<'gc>)>, InvalidKey> {
        self.0.borrow().next(mc, key)
    }

    pub fn metatable(self) -> Option<Table<'gc>> {
        self.0.borrow().metatable
    }

    pub fn set_metatable(self, mc: &Mutation<'gc>, metatable: Option<Table<'gc>>) {
        self.0.borrow_mut(mc).metatable = metatable;
    }

    /// Whether metamethod number `bit` (< 8: the cache has room for the
    /// events the interpreter checks most, as PUC's `flags` byte) is known to
    /// be absent from this table (when it serves as a metatable).
    #[inline]
    pub fn is_meta_absent(self, bit: u8) -> bool {
        debug_assert!(bit < 8);
        self.0.borrow().info.meta_absent.get() & (1 << bit) != 0
    }

    /// Records that metamethod number `bit` is absent; any raw set forgets it.
    #[inline]
    pub fn set_meta_absent(self, bit: u8) {
        debug_assert!(bit < 8);
        let state = self.0.borrow();
        state
            .info
            .meta_absent
            .set(state.info.meta_absent.get() | (1 << bit));
    }

    /// Makes keys and/or values weak (from a metatable's `__mode`), re-storing
    /// every entry accordingly.
    pub fn set_weakness(self, mc: &Mutation<'gc>, weak_keys: bool, weak_values: bool) {
        let weakness = Weakness {
            keys: weak_keys,
            values: weak_values,
        };
        let mut state = self.0.borrow_mut(mc);
        if state.info.weakness != weakness {
            state.restore_entries(mc, weakness);
        }
    }

    pub fn weakness(self) -> Weakness {
        self.0.borrow().info.weakness
    }

    /// Number of slots in the array part and nodes in the hash part.
    pub fn capacity(self) -> (usize, usize) {
        let state = self.0.borrow();
        (state.array_len(), state.nodes.len())
    }

    /// GC protocol step 1, for tables with weak keys and strong values:
    /// resurrects every value whose key is alive. Returns whether anything
    /// was resurrected (the driver then marks again and repeats).
    pub fn mark_ephemerons(self, fc: &Finalization<'gc>) -> bool {
        let state = self.0.borrow();
        if !state.info.weakness.is_ephemeron() {
            return false;
        }
        let mut resurrected = false;
        for node in &state.nodes {
            if !node.value.is_nil() && !node.key.is_dead(fc) && node.value.is_dead(fc) {
                node.value.resurrect(fc);
                resurrected = true;
            }
        }
        resurrected
    }

    /// GC protocol step 2a: entries whose weakly held value died become
    /// tombstones. Returns whether one of them had a string key: the key was
    /// marked in this cycle (strings are held strongly), so only the next
    /// cycle can free it, where PUC frees it at once.
    pub fn clear_dead_values(self, fc: &Finalization<'gc>) -> bool {
        let mut state = self.0.borrow_mut(fc);
        if !state.info.weakness.values {
            return false;
        }
        for slot in state.array.slots_mut() {
            if slot.is_dead(fc) {
                *slot = Slot::NIL;
            }
        }
        let mut string_key_dropped = false;
        for node in state.nodes.iter_mut() {
            if node.value.is_dead(fc) {
                string_key_dropped |= matches!(node.key, Slot::Strong(Value::String(_)));
                node.value = Slot::NIL;
                node.key = tombstone(node.key);
            }
        }
        string_key_dropped
    }

    /// GC protocol step 2b: entries whose weakly held key died are removed.
    pub fn clear_dead_keys(self, fc: &Finalization<'gc>) {
        let mut state = self.0.borrow_mut(fc);
        if !state.info.weakness.keys {
            return;
        }
        for node in state.nodes.iter_mut() {
            if !node.value.is_nil() && node.key.is_dead(fc) {
                node.value = Slot::NIL;
            }
        }
    }

    /// Both clearing steps.
    pub fn clear_dead_entries(self, fc: &Finalization<'gc>) {
        let _ = self.clear_dead_values(fc);
        self.clear_dead_keys(fc);
    }
}

/// The key of a node whose value was removed: heap keys are kept only weakly.
#[inline]
fn tombstone(key: Slot<'_>) -> Slot<'_> {
    match key {
        Slot::Strong(v) => Slot::weak(v).unwrap_or(key),
        weak => weak,
    }
}

/// `i` such that `2^(i-1) < k <= 2^i` (PUC's `luaO_ceillog2`), for `k >= 1`.
#[inline]
fn ceil_log2(k: u64) -> usize {
    (64 - (k - 1).leading_zeros()) as usize
}

/// PUC's `computesizes`: the largest power-of-two array size `n` such that
/// more than `n/2` of the slots `1..=n` would be in use, given `nums[i]`
/// integer keys in `(2^(i-1), 2^i]` and `int_keys` integer keys in all.
/// Returns the size and how many keys it holds.
fn optimal_array_size(nums: &[usize; MAX_ARRAY_BITS + 1], int_keys: usize) -> (usize, usize) {
    let mut below = 0;
    let mut size = 0;
    let mut held = 0;
    let mut two_to_i: usize = 1;
    for &count in nums.iter() {
        if int_keys <= two_to_i / 2 {
            break;
        }
        below += count;
        if below > two_to_i / 2 {
            size = two_to_i;
            held = below;
        }
        two_to_i *= 2;
    }
    (size, held)
}

/// Counts an integer key that could live in the array part.
#[inline]
fn count_int_key(key: i64, nums: &mut [usize; MAX_ARRAY_BITS + 1]) -> bool {
    if key >= 1 && (key as u64) <= MAX_ARRAY_SIZE {
        nums[ceil_log2(key as u64)] += 1;
        true
    } else {
        false
    }
}

impl<'gc> TableState<'gc> {
    /// The array part's length.
    #[inline(always)]
    fn array_len(&self) -> usize {
        self.info.array_len as usize
    }

    /// The array part.
    #[inline]
    fn array(&self) -> &[Slot<'gc>] {
        &self.array.slots()[..self.array_len()]
    }

    /// PUC's `alimit`.
    #[inline(always)]
    fn border_hint(&self) -> usize {
        self.info.border_hint.get() as usize
    }

    #[inline(always)]
    fn set_border_hint(&self, hint: usize) {
        debug_assert!(hint <= self.array_len());
        self.info.border_hint.set(hint as u32);
    }

    /// The array slot of integer key `key`, if it is in the array part.
    ///
    /// Like PUC's `luaH_getint`, an access past the border hint moves the
    /// hint up to the key: `#` depends on this.
    #[inline(always)]
    fn array_slot(&self, key: i64) -> Option<&Slot<'gc>> {
        // Keys 1..=len map to 0..len; everything else wraps to a huge index.
        let index = (key as u64).wrapping_sub(1);
        let slot = self.array.get(index, self.info.array_len)?;
        note_array_access(&self.info.border_hint, index);
        Some(slot)
    }

    /// [`array_slot`](Self::array_slot), for writing.
    #[inline(always)]
    fn array_slot_mut(&mut self, key: i64) -> Option<&mut Slot<'gc>> {
        let index = (key as u64).wrapping_sub(1);
        let slot = self.array.get_mut(index, self.info.array_len)?;
        note_array_access(&self.info.border_hint, index);
        Some(slot)
    }

    #[inline]
    fn main_position(&self, key: Value<'gc>) -> usize {
        let mask = self.nodes.len() - 1;
        match key {
            Value::Integer(i) => {
                // PUC's hashint: spreads consecutive integers over the nodes.
                let divisor = (mask as u64) | 1;
                let key = i as u64;
                // Same result, but a 32-bit division is several times
                // faster than a 64-bit one on common CPUs (PUC does the same).
                if key | divisor <= u32::MAX as u64 {
                    (key as u32 % divisor as u32) as usize
                } else {
                    (key % divisor) as usize
                }
            }
            Value::String(s) => s.hash() as usize & mask,
            Value::Boolean(b) => b as usize & mask,
            Value::Number(n) => (float_hash(n) as u64 % (mask as u64 | 1)) as usize,
            Value::LightUserData(p) => mix(p as u64) & mask,
            other => mix(object_ptr(other).map_or(0, |p| p as usize as u64)) & mask,
        }
    }

    /// The main position of a stored (non-tombstone) key.
    fn slot_main_position(&self, key: Slot<'gc>) -> usize {
        match key {
            Slot::Strong(v) => self.main_position(v),
            weak => {
                mix(weak.object_ptr().map_or(0, |p| p as usize as u64)) & (self.nodes.len() - 1)
            }
        }
    }

    /// Index of the node holding `key` (normalised), tombstones included.
    #[inline]
    fn find_node(&self, key: Value<'gc>) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        match key {
            Value::Integer(i) => self.find_int(i),
            Value::String(s) if s.is_short() => self.find_short_str(s),
            _ => self.find_other(key),
        }
    }

    /// [`find_node`](Self::find_node) for keys without a fast path.
    #[inline(never)]
    fn find_other(&self, key: Value<'gc>) -> Option<usize> {
        self.walk_chain(self.main_position(key), |slot| slot.is_key(key))
    }

    /// Follows the collision chain from `index` to the node whose key
    /// satisfies `is_wanted`.
    #[inline(always)]
    fn walk_chain(&self, mut index: usize, is_wanted: impl Fn(Slot<'gc>) -> bool) -> Option<usize> {
        loop {
            if is_wanted(self.nodes[index].key) {
                return Some(index);
            }
            match self.nodes[index].next {
                NO_NEXT => return None,
                next => index = next as usize,
            }
        }
    }

    /// [`find_node`](Self::find_node) for an integer key (hash part not empty).
    #[inline]
    fn find_int(&self, key: i64) -> Option<usize> {
        self.walk_chain(
            self.main_position(Value::Integer(key)),
            |slot| matches!(slot, Slot::Strong(Value::Integer(k)) if k == key),
        )
    }

    /// [`find_node`](Self::find_node) for an interned string (hash part not
    /// empty): identity is equality.
    #[inline]
    fn find_short_str(&self, key: LuaString<'gc>) -> Option<usize> {
        let home = key.hash() as usize & (self.nodes.len() - 1);
        self.walk_chain(home, |slot| match slot {
            Slot::Strong(Value::String(k)) => LuaString::ptr_eq(k, key),
            Slot::WeakString(k) => k.as_ptr() == key.as_ptr(),
            _ => false,
        })
    }

    #[inline]
    fn get_hashed(&self, mc: &Mutation<'gc>, key: Value<'gc>) -> Value<'gc> {
        match self.find_node(key) {
            Some(index) => self.nodes[index].value.load(mc),
            None => Value::Nil,
        }
    }

    #[inline(never)]
    fn get_int_hashed(&self, mc: &Mutation<'gc>, key: i64) -> Value<'gc> {
        if self.nodes.is_empty() {
            return Value::Nil;
        }
        match self.find_int(key) {
            Some(index) => self.nodes[index].value.load(mc),
            None => Value::Nil,
        }
    }

    #[inline]
    fn get_str(&self, mc: &Mutation<'gc>, key: LuaString<'gc>) -> Value<'gc> {
        if self.nodes.is_empty() {
            return Value::Nil;
        }
        let found = if key.is_short() {
            self.find_short_str(key)
        } else {
            self.find_other(Value::String(key))
        };
        match found {
            Some(index) => self.nodes[index].value.load(mc),
            None => Value::Nil,
        }
    }

    /// Sets a normalised key.
    #[inline(never)]
    fn set(&mut self, mc: &Mutation<'gc>, key: Value<'gc>, value: Value<'gc>) {
        let weakness = self.info.weakness;
        if let Value::Integer(i) = key
            && let Some(slot) = self.array_slot_mut(i)
        {
            *slot = store_value(key, value, weakness);
            return;
        }
        if let Some(index) = self.find_node(key) {
            let node = &mut self.nodes[index];
            if value.is_nil() {
                node.value = Slot::NIL;
                node.key = tombstone(node.key);
            } else {
                node.key = store_key(key, weakness);
                node.value = store_value(key, value, weakness);
            }
        } else if !value.is_nil() {
            self.insert_new(mc, key, value);
        }
    }

    /// Inserts a key known to be absent (PUC's `luaH_newkey`).
    fn insert_new(&mut self, mc: &Mutation<'gc>, key: Value<'gc>, value: Value<'gc>) {
        if self.nodes.is_empty() {
            self.rehash(mc, key);
            return self.set(mc, key, value);
        }
        let mut target = self.main_position(key);
        if !self.nodes[target].value.is_nil() {
            let Some(free) = self.free_node() else {
                self.rehash(mc, key);
                return self.set(mc, key, value);
            };
            let occupant_home = self.slot_main_position(self.nodes[target].key);
            if occupant_home != target {
                // The occupant is a collision from another chain: move it to
                // the free node and take its place.
                let mut previous = occupant_home;
                while self.nodes[previous].next as usize != target {
                    previous = self.nodes[previous].next as usize;
                }
                self.nodes[previous].next = free as u32;
                self.nodes[free] = self.nodes[target];
                self.nodes[target].next = NO_NEXT;
                self.nodes[target].value = Slot::NIL;
            } else {
                // The occupant is at home: chain the new key after it.
                self.nodes[free].next = self.nodes[target].next;
                self.nodes[target].next = free as u32;
                target = free;
            }
        }
        let weakness = self.info.weakness;
        let node = &mut self.nodes[target];
        node.key = store_key(key, weakness);
        node.value = store_value(key, value, weakness);
    }

    /// A never-used node below `last_free`, if any.
    fn free_node(&mut self) -> Option<usize> {
        while self.info.last_free > 0 {
            self.info.last_free -= 1;
            let index = self.info.last_free as usize;
            if self.nodes[index].key.is_nil() {
                return Some(index);
            }
        }
        None
    }

    /// Resizes both parts to fit the current keys plus `extra_key`
    /// (PUC's `rehash`).
    fn rehash(&mut self, mc: &Mutation<'gc>, extra_key: Value<'gc>) {
        let mut nums = [0usize; MAX_ARRAY_BITS + 1];
        let mut int_keys = 0;
        let mut total = 0;
        for (i, slot) in self.array().iter().enumerate() {
            if !slot.load(mc).is_nil() {
                nums[ceil_log2(i as u64 + 1)] += 1;
                int_keys += 1;
            }
        }
        total += int_keys;
        for node in &self.nodes {
            if node.value.load(mc).is_nil() {
                continue;
            }
            match node.key.load(mc) {
                Value::Nil => continue,
                Value::Integer(k) => int_keys += count_int_key(k, &mut nums) as usize,
                _ => {}
            }
            total += 1;
        }
        if let Value::Integer(k) = extra_key {
            int_keys += count_int_key(k, &mut nums) as usize;
        }
        total += 1;
        let (array_size, in_array) = optimal_array_size(&nums, int_keys);
        self.resize(mc, array_size, total - in_array);
    }

    /// Gives the array part `array_size` slots and the hash part room for
    /// `hash_count` keys, moving entries between the parts as needed.
    fn resize(&mut self, mc: &Mutation<'gc>, array_size: usize, hash_count: usize) {
        let node_count = if hash_count == 0 {
            0
        } else {
            hash_count.next_power_of_two()
        };
        let old_nodes = std::mem::replace(&mut self.nodes, new_nodes(node_count));
        self.info.last_free = node_count as u32;
        let mut displaced = Vec::new();
        let old_size = self.array_len();
        if array_size != old_size {
            let old = self.array();
            for (i, slot) in old.iter().enumerate().skip(array_size) {
                let value = slot.load(mc);
                if !value.is_nil() {
                    displaced.push((Value::Integer(i as i64 + 1), value));
                }
            }
            let kept = array_size.min(old_size);
            if array_size <= INLINE_ARRAY {
                let mut slots = [Slot::NIL; INLINE_ARRAY];
                slots[..kept].copy_from_slice(&old[..kept]);
                self.array = ArrayPart::Inline(slots);
            } else {
                // A boxed array is resized in place (`realloc`: large ones
                // grow without a copy).
                let mut slots = match std::mem::replace(&mut self.array, ArrayPart::new(0)) {
                    ArrayPart::Heap(slots) => slots.into_vec(),
                    ArrayPart::Inline(slots) => {
                        let mut heap = Vec::with_capacity(array_size);
                        heap.extend_from_slice(&slots[..kept]);
                        heap
                    }
                };
                slots.truncate(array_size);
                slots.reserve_exact(array_size - kept);
                slots.resize(array_size, Slot::NIL);
                self.array = ArrayPart::Heap(slots.into_boxed_slice());
            }
        }
        let added = self.info.set_sizes(array_size, node_count);
        self.set_border_hint(array_size);
        for (key, value) in displaced {
            self.insert_new(mc, key, value);
        }
        for node in old_nodes.iter() {
            let value = node.value.load(mc);
            if value.is_nil() {
                continue;
            }
            let key = node.key.load(mc);
            if key.is_nil() {
                continue;
            }
            match key {
                Value::Integer(i) if (i as u64).wrapping_sub(1) < array_size as u64 => {
                    self.array.slots_mut()[i as usize - 1] = node.value;
                }
                _ => self.insert_new(mc, key, value),
            }
        }
        charge_debt(mc, added);
    }

    /// Re-stores every entry for a new weakness mode.
    fn restore_entries(&mut self, mc: &Mutation<'gc>, weakness: Weakness) {
        self.info.weakness = weakness;
        let len = self.array_len();
        for (i, slot) in self.array.slots_mut()[..len].iter_mut().enumerate() {
            let value = slot.load(mc);
            *slot = store_value(Value::Integer(i as i64 + 1), value, weakness);
        }
        for node in self.nodes.iter_mut() {
            if node.value.is_nil() {
                continue;
            }
            let (key, value) = (node.key.load(mc), node.value.load(mc));
            if key.is_nil() || value.is_nil() {
                node.value = Slot::NIL;
                node.key = tombstone(node.key);
            } else {
                node.key = store_key(key, weakness);
                node.value = store_value(key, value, weakness);
            }
        }
    }

    #[inline]
    fn array_is_nil(&self, mc: &Mutation<'gc>, position: usize) -> bool {
        self.array()[position - 1].load(mc).is_nil()
    }

    /// A border in the array between `present` (0 or a non-nil position) and
    /// `absent` (a nil position).
    fn array_border(&self, mc: &Mutation<'gc>, mut present: usize, mut absent: usize) -> usize {
        while absent - present > 1 {
            let middle = present + (absent - present) / 2;
            if self.array_is_nil(mc, middle) {
                absent = middle;
            } else {
                present = middle;
            }
        }
        present
    }

    /// PUC's `luaH_getn`, including its use of the border hint, so that `#`
    /// agrees with PUC Lua.
    fn length(&self, mc: &Mutation<'gc>) -> i64 {
        let size = self.array_len();
        let mut limit = self.border_hint();
        let size_is_pow2 = size.is_power_of_two();
        if limit > 0 && self.array_is_nil(mc, limit) {
            // A border lies below the hint.
            if limit >= 2 && !self.array_is_nil(mc, limit - 1) {
                if size_is_pow2 && !(limit - 1).is_power_of_two() {
                    self.set_border_hint(limit - 1);
                }
                return (limit - 1) as i64;
            }
            let border = self.array_border(mc, 0, limit);
            if size_is_pow2 && border > size / 2 {
                self.set_border_hint(border);
            }
            return border as i64;
        }
        if limit < size {
            if self.array_is_nil(mc, limit + 1) {
                return limit as i64;
            }
            limit = size;
            if self.array_is_nil(mc, limit) {
                let border = self.array_border(mc, self.border_hint(), limit);
                self.set_border_hint(border);
                return border as i64;
            }
            self.set_border_hint(size);
        }
        // The whole array part is non-nil: continue into the hash part.
        if self.nodes.is_empty() || self.get_int_hashed(mc, limit as i64 + 1).is_nil() {
            return limit as i64;
        }
        self.hash_border(mc, limit as u64)
    }

    /// PUC's `hash_search`: `present + 1` is in the table; find a border by
    /// doubling, then binary search.
    fn hash_border(&self, mc: &Mutation<'gc>, present: u64) -> i64 {
        let is_present = |k: u64| !self.get_int_hashed(mc, k as i64).is_nil();
        let mut absent = present.max(1);
        let mut present;
        loop {
            present = absent;
            if absent <= i64::MAX as u64 / 2 {
                absent *= 2;
            } else {
                absent = i64::MAX as u64;
                if is_present(absent) {
                    return i64::MAX;
                }
                break;
            }
            if !is_present(absent) {
                break;
            }
        }
        while absent - present > 1 {
            let middle = present + (absent - present) / 2;
            if is_present(middle) {
                present = middle;
            } else {
                absent = middle;
            }
        }
        present as i64
    }

    fn next(
        &self,
        mc: &Mutation<'gc>,
        key: Value<'gc>,
    ) -> Result<Option<(Value<'gc>, Value<'gc>)>, InvalidKey> {
        let array_size = self.array_len();
        // Positions number array slots 0.. then nodes after them.
        let start = match key {
            Value::Nil => 0,
            // Like PUC, a float is not converted here: keys with an integer
            // value are stored as integers, so a float one is not found.
            Value::Number(n) if n.is_nan() || float_to_int(n).is_some() => {
                return Err(InvalidKey::NotInTable);
            }
            key => match key {
                Value::Integer(i) if (i as u64).wrapping_sub(1) < array_size as u64 => i as usize,
                _ => match self.find_node(key) {
                    Some(index) => array_size + index + 1,
                    None => return Err(InvalidKey::NotInTable),
                },
            },
        };
        for i in start.min(array_size)..array_size {
            let value = self.array()[i].load(mc);
            if !value.is_nil() {
                return Ok(Some((Value::Integer(i as i64 + 1), value)));
            }
        }
        for node in &self.nodes[start.saturating_sub(array_size)..] {
            if node.value.is_nil() {
                continue;
            }
            let value = node.value.load(mc);
            let key = node.key.load(mc);
            if !value.is_nil() && !key.is_nil() {
                return Ok(Some((key, value)));
            }
        }
        Ok(None)
    }
}

/// PUC's `l_hashfloat`: the binary exponent plus the first 31 bits of the
/// mantissa, folded into a non-negative `i32` (0 for infinities). Float keys
/// must land where PUC puts them: which keys collide decides when the hash
/// part fills up and is rehashed, and so which border `#` finds.
fn float_hash(n: f64) -> u32 {
    let Some((mantissa, exponent)) = split_float(n) else {
        return 0;
    };
    // |mantissa| < 1, so this is below 2^31 and truncates like C's cast.
    let scaled = (mantissa * 2_147_483_648.0) as i64;
    let sum = (exponent as u32).wrapping_add(scaled as u32);
    if sum <= i32::MAX as u32 { sum } else { !sum }
}

/// C's `frexp` for a finite `n`: `(m, e)` with `n = m * 2^e` and
/// `0.5 <= |m| < 1` (`(0, 0)` for zero); `None` for infinities and NaN.
fn split_float(n: f64) -> Option<(f64, i32)> {
    const EXPONENT_MASK: u64 = 0x7ff << 52;
    if !n.is_finite() {
        return None;
    }
    if n == 0.0 {
        return Some((n, 0));
    }
    // A subnormal is scaled into the normal range first.
    let (n, shift) = if n.to_bits() & EXPONENT_MASK == 0 {
        (n * f64::from_bits((1023 + 64) << 52), 64)
    } else {
        (n, 0)
    };
    let bits = n.to_bits();
    let biased = ((bits & EXPONENT_MASK) >> 52) as i32;
    // Exponent field 1022: the mantissa's magnitude is in [0.5, 1).
    let mantissa = f64::from_bits((bits & !EXPONENT_MASK) | (1022 << 52));
    Some((mantissa, biased - 1022 - shift))
}

/// Spreads the bits of a pointer over the low bits.
#[inline]
fn mix(x: u64) -> usize {
    let x = x ^ (x >> 29);
    (x.wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 24) as usize
}

impl fmt::Debug for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "table: {:p}", self.as_ptr())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::string::Interner;
    use gc_arena::arena::rootless_mutate;
    use gc_arena::{Arena, Rootable};

    fn int<'gc>(i: i64) -> Value<'gc> {
        Value::Integer(i)
    }

    fn as_int(v: Value<'_>) -> Option<i64> {
        match v {
            Value::Integer(i) => Some(i),
            _ => None,
        }
    }

    /// A table built like the constructor `{v1, v2, ...}` (nil for `None`).
    fn constructor<'gc>(
        mc: &Mutation<'gc>,
        account: &Rc<MemoryAccount>,
        items: &[Option<i64>],
    ) -> Table<'gc> {
        let t = Table::with_capacity(mc, account, items.len(), 0);
        for (i, item) in items.iter().enumerate() {
            t.set_int(mc, i as i64 + 1, item.map_or(Value::Nil, Value::Integer));
        }
        t
    }

    #[test]
    fn keys_are_normalised() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let t = Table::new(mc, &account);
            t.set(mc, Value::Number(1.0), int(10)).unwrap();
            assert_eq!(as_int(t.get_int(mc, 1)), Some(10));
            assert_eq!(as_int(t.get(mc, Value::Number(1.0))), Some(10));
            t.set(mc, Value::Number(-0.0), int(20)).unwrap();
            assert_eq!(as_int(t.get_int(mc, 0)), Some(20));
            assert_eq!(as_int(t.get(mc, Value::Number(0.0))), Some(20));
            t.set(mc, Value::Number(2.5), int(30)).unwrap();
            assert_eq!(as_int(t.get(mc, Value::Number(2.5))), Some(30));
            assert!(t.get_int(mc, 2).is_nil());
            t.set(mc, Value::Number(9007199254740992.0), int(40))
                .unwrap();
            assert_eq!(as_int(t.get_int(mc, 1 << 53)), Some(40));
            t.set(mc, Value::Boolean(true), int(50)).unwrap();
            t.set(mc, Value::Boolean(false), int(60)).unwrap();
            assert_eq!(as_int(t.get(mc, Value::Boolean(true))), Some(50));
            assert_eq!(as_int(t.get(mc, Value::Boolean(false))), Some(60));
            t.set(mc, Value::LightUserData(0x1234), int(70)).unwrap();
            assert_eq!(as_int(t.get(mc, Value::LightUserData(0x1234))), Some(70));
            assert_eq!(t.set(mc, Value::Nil, int(1)), Err(InvalidKey::Nil));
            assert_eq!(
                t.set(mc, Value::Number(f64::NAN), int(1)),
                Err(InvalidKey::NaN)
            );
            // lua5.4: t[nil] = 1 and t[0/0] = 1
            assert_eq!(InvalidKey::Nil.message(), "table index is nil");
            assert_eq!(InvalidKey::NaN.message(), "table index is NaN");
            assert!(t.get(mc, Value::Nil).is_nil());
            assert!(t.get(mc, Value::Number(f64::NAN)).is_nil());
            t.set_int(mc, i64::MIN, int(80));
            t.set_int(mc, i64::MAX, int(90));
            assert_eq!(as_int(t.get_int(mc, i64::MIN)), Some(80));
            assert_eq!(
                as_int(t.get(mc, Value::Number(-9.223372036854776e18))),
                Some(80)
            );
            assert_eq!(as_int(t.get_int(mc, i64::MAX)), Some(90));
        });
    }

    #[test]
    fn string_and_table_keys() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let interner = Interner::new(mc, account.clone());
            let t = Table::new(mc, &account);
            let long = vec![b'k'; 100];
            for i in 0..200 {
                let key = interner.intern(mc, format!("key{i}").as_bytes());
                t.set_str(mc, key, int(i));
            }
            t.set(mc, Value::String(interner.intern(mc, &long)), int(-1))
                .unwrap();
            for i in 0..200 {
                let key = interner.intern(mc, format!("key{i}").as_bytes());
                assert_eq!(as_int(t.get_str(mc, key)), Some(i));
                assert_eq!(as_int(t.get(mc, Value::String(key))), Some(i));
            }
            // A different object with the same long content is the same key.
            let other_long = interner.intern(mc, &long);
            assert_eq!(as_int(t.get_str(mc, other_long)), Some(-1));
            let k1 = Table::new(mc, &account);
            let k2 = Table::new(mc, &account);
            t.set(mc, Value::Table(k1), int(1)).unwrap();
            assert_eq!(as_int(t.get(mc, Value::Table(k1))), Some(1));
            assert!(t.get(mc, Value::Table(k2)).is_nil());
            // Removing keys.
            let key5 = interner.intern(mc, b"key5");
            t.set_str(mc, key5, Value::Nil);
            assert!(t.get_str(mc, key5).is_nil());
            t.set_str(mc, key5, int(55));
            assert_eq!(as_int(t.get_str(mc, key5)), Some(55));
            t.set(mc, Value::Table(k1), Value::Nil).unwrap();
            assert!(t.get(mc, Value::Table(k1)).is_nil());
            t.set(mc, Value::Table(k1), int(2)).unwrap();
            assert_eq!(as_int(t.get(mc, Value::Table(k1))), Some(2));
        });
    }

    #[test]
    fn reserve_array_moves_hash_entries_and_keeps_values() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let t = Table::with_capacity(mc, &account, 1, 0);
            t.set_int(mc, 1, int(1));
            t.set_int(mc, 3, int(3));
            t.set_int(mc, 100, int(100));
            t.reserve_array(mc, 3);
            assert_eq!(t.capacity().0, 3);
            t.set_int(mc, 2, int(2));
            for i in [1, 2, 3, 100] {
                assert_eq!(as_int(t.get_int(mc, i)), Some(i));
            }
            assert_eq!(t.length(mc), 3);
            t.reserve_array(mc, 2);
            assert_eq!(t.capacity().0, 3);
        });
    }

    #[test]
    fn sequences_move_into_the_array_part() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let t = Table::new(mc, &account);
            for i in 1..=100 {
                t.set_int(mc, i, int(i * 10));
            }
            assert_eq!(t.capacity(), (128, 0));
            for i in 1..=100 {
                assert_eq!(as_int(t.get_int(mc, i)), Some(i * 10));
            }
            // Filled backwards, keys go through the hash part first.
            let r = Table::new(mc, &account);
            for i in (1..=100).rev() {
                r.set_int(mc, i, int(i));
            }
            assert_eq!(r.length(mc), 100);
            for i in 1..=100 {
                assert_eq!(as_int(r.get_int(mc, i)), Some(i));
            }
            // A sparse table keeps its integer keys in the hash part.
            let s = Table::new(mc, &account);
            for i in 0..50 {
                s.set_int(mc, i * 1000 + 1, int(i));
            }
            assert!(s.capacity().0 <= 1);
            for i in 0..50 {
                assert_eq!(as_int(s.get_int(mc, i * 1000 + 1)), Some(i));
            }
        });
    }

    #[test]
    fn array_shrinks_when_it_becomes_sparse() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let interner = Interner::new(mc, account.clone());
            let t = Table::new(mc, &account);
            for i in 1..=64 {
                t.set_int(mc, i, int(i));
            }
            for i in 2..=64 {
                t.set_int(mc, i, Value::Nil);
            }
            // New hash keys force a rehash, which recomputes the array size.
            for i in 0..10 {
                t.set_str(mc, interner.intern(mc, format!("s{i}").as_bytes()), int(i));
            }
            assert_eq!(t.capacity().0, 1);
            assert_eq!(as_int(t.get_int(mc, 1)), Some(1));
            assert_eq!(t.length(mc), 1);
        });
    }

    /// `#t` after the same operations as /tmp len.lua gave under lua5.4:
    /// 10,9,9,5,4,3,0,3,5,19,...
    #[test]
    fn length_matches_puc() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let interner = Interner::new(mc, account.clone());
            let mut out = Vec::new();
            let new = || Table::new(mc, &account);

            let t = new();
            for i in 1..=10 {
                t.set_int(mc, i, int(i));
            }
            out.push(t.length(mc));
            t.set_int(mc, 10, Value::Nil);
            out.push(t.length(mc));
            t.set_int(mc, 5, Value::Nil);
            out.push(t.length(mc));

            let t = constructor(mc, &account, &[Some(1), Some(2), Some(3), None, Some(5)]);
            out.push(t.length(mc));

            let t = new();
            for k in [1, 2, 4] {
                t.set_int(mc, k, int(k));
            }
            out.push(t.length(mc));

            let t = constructor(mc, &account, &[None, None, Some(3)]);
            out.push(t.length(mc));

            let t = new();
            t.set_int(mc, 2, int(2));
            out.push(t.length(mc));

            let t = constructor(mc, &account, &[Some(1), Some(2), Some(3)]);
            t.set_int(mc, 5, int(5));
            out.push(t.length(mc));
            t.set_int(mc, 4, int(4));
            out.push(t.length(mc));

            let t = new();
            for i in 1..=20 {
                t.set_int(mc, i, int(i));
            }
            for _ in 0..10 {
                let n = t.length(mc);
                t.set_int(mc, n, Value::Nil);
                out.push(t.length(mc));
            }

            let t = new();
            for i in 1..=8 {
                t.set_int(mc, i, int(i));
            }
            for k in [8, 7, 2] {
                t.set_int(mc, k, Value::Nil);
            }
            out.push(t.length(mc));

            let t = new();
            for i in (1..=100).rev() {
                t.set_int(mc, i, int(i));
            }
            out.push(t.length(mc));

            let t = Table::with_capacity(mc, &account, 3, 1);
            t.set_str(mc, interner.intern(mc, b"n"), int(1));
            for i in 1..=3 {
                t.set_int(mc, i, int(i));
            }
            out.push(t.length(mc));

            let t = new();
            for i in 1..=16 {
                t.set_int(mc, i, int(i));
            }
            for i in 1..=16 {
                t.set_int(mc, i, Value::Nil);
            }
            out.push(t.length(mc));
            t.set_int(mc, 1, int(1));
            out.push(t.length(mc));
            t.set_int(mc, 3, int(3));
            out.push(t.length(mc));

            let t = constructor(mc, &account, &[1, 2, 3, 4, 5, 6, 7, 8].map(Some));
            t.set_int(mc, 2, Value::Nil);
            t.set_int(mc, 8, Value::Nil);
            out.push(t.length(mc));
            for k in [7, 6, 5, 4] {
                t.set_int(mc, k, Value::Nil);
                out.push(t.length(mc));
            }

            let t = new();
            for k in [1, 2, 3, 5, 6, 7, 8, 9] {
                t.set_int(mc, k, int(k));
            }
            out.push(t.length(mc));

            let t = new();
            for i in 1..=5 {
                t.set_int(mc, i, int(i));
            }
            for name in ["x", "y", "z"] {
                t.set_str(mc, interner.intern(mc, name.as_bytes()), int(1));
            }
            for i in 6..=40 {
                t.set_int(mc, i, int(i));
            }
            out.push(t.length(mc));
            t.set_int(mc, 41, Value::Nil);
            t.set_int(mc, 20, Value::Nil);
            out.push(t.length(mc));

            let t = constructor(mc, &account, &[Some(10), Some(20), Some(30), None]);
            out.push(t.length(mc));

            let t = constructor(mc, &account, &[None]);
            out.push(t.length(mc));

            let t = new();
            t.set(mc, Value::Number(1.0), int(1)).unwrap();
            t.set_int(mc, 2, int(2));
            out.push(t.length(mc));

            let t = new();
            t.set_int(mc, 1, int(1));
            t.set_int(mc, 3, int(3));
            out.push(t.length(mc));
            t.set_int(mc, 2, int(2));
            out.push(t.length(mc));

            let expected = [
                10, 9, 9, 5, 4, 3, 0, 3, 5, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 6, 100, 3, 0,
                1, 1, 7, 6, 5, 4, 1, 9, 40, 40, 3, 0, 2, 1, 3,
            ];
            assert_eq!(out, expected);
        });
    }

    /// A long pseudo-random sequence of sets, clears, reads and `#`, run
    /// under lua5.4 with the same generator:
    ///
    /// ```lua
    /// local seed = 12345
    /// local function rnd(n) seed = seed * 6364136223846793005 + 1442695040888963407; return (seed >> 33) % n end
    /// -- for 5000 steps: r = rnd(10); k = rnd(maxk) - 2
    /// -- r < 5: t[k] = k; r < 7: t[k] = nil; r < 8: read t[k]; else hash #t into h
    /// ```
    #[test]
    fn length_matches_puc_on_random_operations() {
        let expected = [
            (
                20,
                977,
                1042690254u64,
                vec![1, 1, 1, 2, 1, 2, 2, 2, 2, 2, 2, 17],
            ),
            (70, 977, 1823004942, vec![0; 12]),
            (300, 977, 2351786406, vec![0; 12]),
        ];
        for (max_key, expected_count, expected_digest, expected_first) in expected {
            rootless_mutate(|mc| {
                let account = MemoryAccount::new();
                let t = Table::new(mc, &account);
                let mut seed: u64 = 12345;
                let mut rnd = |n: u64| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 33) % n
                };
                let (mut digest, mut count, mut first) = (0u64, 0, Vec::new());
                for _ in 0..5000 {
                    let r = rnd(10);
                    let k = rnd(max_key) as i64 - 2;
                    match r {
                        0..5 => t.set_int(mc, k, int(k)),
                        5..7 => t.set_int(mc, k, Value::Nil),
                        7 => drop(t.get_int(mc, k)),
                        _ => {
                            let n = t.length(mc);
                            digest = (digest * 31 + n as u64) & 0xffff_ffff;
                            count += 1;
                            if first.len() < 12 {
                                first.push(n);
                            }
                        }
                    }
                }
                assert_eq!(count, expected_count);
                assert_eq!(first, expected_first, "max key {max_key}");
                assert_eq!(digest, expected_digest, "max key {max_key}");
            });
        }
    }

    #[test]
    fn length_continues_into_the_hash_part() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let t = Table::with_capacity(mc, &account, 0, 64);
            for i in 1..=40 {
                t.set_int(mc, i, int(i));
            }
            assert_eq!(t.length(mc), 40);
            let u = Table::with_capacity(mc, &account, 0, 4);
            u.set_int(mc, i64::MAX, int(1));
            assert_eq!(u.length(mc), 0);
        });
    }

    fn collect_entries<'gc>(mc: &Mutation<'gc>, t: Table<'gc>) -> Vec<(i64, i64)> {
        let mut entries = Vec::new();
        let mut key = Value::Nil;
        while let Some((k, v)) = t.next(mc, key).unwrap() {
            entries.push((as_int(k).unwrap_or(-1), as_int(v).unwrap_or(-1)));
            key = k;
        }
        entries.sort();
        entries
    }

    #[test]
    fn next_visits_every_entry_once() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let t = Table::new(mc, &account);
            for i in 1..=10 {
                t.set_int(mc, i, int(i));
            }
            for i in [100, 200, -5, 0] {
                t.set_int(mc, i, int(i));
            }
            let expected: Vec<(i64, i64)> = {
                let mut e: Vec<_> = (1..=10).chain([100, 200, -5, 0]).map(|i| (i, i)).collect();
                e.sort();
                e
            };
            assert_eq!(collect_entries(mc, t), expected);
            assert!(matches!(
                t.next(mc, int(12345)),
                Err(InvalidKey::NotInTable)
            ));
            // lua5.4: next({10, 20, 30}, 1.0) is "invalid key to 'next'".
            assert!(matches!(
                t.next(mc, Value::Number(1.0)),
                Err(InvalidKey::NotInTable)
            ));
            assert!(matches!(
                t.next(mc, Value::Number(f64::NAN)),
                Err(InvalidKey::NotInTable)
            ));
            t.set(mc, Value::Number(0.5), int(1)).unwrap();
            assert!(t.next(mc, Value::Number(0.5)).is_ok());
            assert_eq!(InvalidKey::NotInTable.message(), "invalid key to 'next'");
            let empty = Table::new(mc, &account);
            assert!(empty.next(mc, Value::Nil).unwrap().is_none());
        });
    }

    #[test]
    fn next_survives_clearing_and_assignment_during_traversal() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let interner = Interner::new(mc, account.clone());
            let t = Table::new(mc, &account);
            for i in 1..=20 {
                t.set_int(mc, i, int(i));
                t.set_str(mc, interner.intern(mc, format!("k{i}").as_bytes()), int(i));
                let key_table = Table::new(mc, &account);
                t.set(mc, Value::Table(key_table), int(i)).unwrap();
            }
            // Clear every entry while traversing, and double the ones seen
            // before clearing: each key must be visited exactly once.
            let mut seen = 0;
            let mut key = Value::Nil;
            while let Some((k, v)) = t.next(mc, key).unwrap() {
                seen += 1;
                t.set(mc, k, int(as_int(v).unwrap() * 2)).unwrap();
                t.set(mc, k, Value::Nil).unwrap();
                key = k;
            }
            assert_eq!(seen, 60);
            assert!(t.next(mc, Value::Nil).unwrap().is_none());
        });
    }

    /// Random operations on many kinds of keys, checked against a model.
    #[test]
    fn random_operations_agree_with_a_model() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let interner = Interner::new(mc, account.clone());
            let object_keys: Vec<Table<'_>> = (0..50).map(|_| Table::new(mc, &account)).collect();
            let mut seed: u64 = 0x5eed;
            let mut rnd = |n: u64| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (seed >> 33) % n
            };
            // Key number k of the universe, and its model name.
            let key = |k: u64| -> Value<'_> {
                match k % 6 {
                    0 => Value::Integer(k as i64 / 6 - 3),
                    1 => Value::Integer(-1000 * (k as i64 / 6) - 1000),
                    2 => Value::String(interner.intern(mc, format!("s{}", k / 6).as_bytes())),
                    3 => Value::String(interner.intern(mc, format!("{:050}", k / 6).as_bytes())),
                    4 => Value::Number(k as f64 / 6.0 + 0.5),
                    _ => Value::Table(object_keys[(k / 6) as usize]),
                }
            };
            let t = Table::new(mc, &account);
            let mut model = std::collections::HashMap::new();
            for step in 0..20_000i64 {
                let k = rnd(300);
                match rnd(10) {
                    0..5 => {
                        t.set(mc, key(k), int(step)).unwrap();
                        model.insert(k, step);
                    }
                    5..8 => {
                        t.set(mc, key(k), Value::Nil).unwrap();
                        model.remove(&k);
                    }
                    8 => {
                        assert_eq!(as_int(t.get(mc, key(k))), model.get(&k).copied());
                    }
                    _ => {
                        // A full traversal that clears some entries as it goes.
                        let mut seen = 0;
                        let mut cursor = Value::Nil;
                        while let Some((k, v)) = t.next(mc, cursor).unwrap() {
                            seen += 1;
                            assert!(!v.is_nil());
                            if rnd(4) == 0 {
                                t.set(mc, k, Value::Nil).unwrap();
                            }
                            cursor = k;
                        }
                        assert_eq!(seen, model.len());
                        model.retain(|k, _| !t.get(mc, key(*k)).is_nil());
                    }
                }
            }
            for k in 0..300 {
                assert_eq!(as_int(t.get(mc, key(k))), model.get(&k).copied());
            }
        });
    }

    #[test]
    fn metamethod_absence_bits_reset_on_any_set() {
        rootless_mutate(|mc| {
            let account = MemoryAccount::new();
            let t = Table::new(mc, &account);
            assert!(!t.is_meta_absent(0));
            t.set_meta_absent(0);
            t.set_meta_absent(7);
            assert!(t.is_meta_absent(0));
            assert!(t.is_meta_absent(7));
            assert!(!t.is_meta_absent(5));
            t.set_int(mc, 1, int(1));
            assert!(!t.is_meta_absent(0));
            assert!(!t.is_meta_absent(7));
            t.set_meta_absent(3);
            t.set(mc, Value::Boolean(true), Value::Nil).unwrap();
            assert!(!t.is_meta_absent(3));
            let mt = Table::new(mc, &account);
            t.set_metatable(mc, Some(mt));
            assert!(Table::ptr_eq(t.metatable().unwrap(), mt));
            t.set_metatable(mc, None);
            assert!(t.metatable().is_none());
        });
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn table_state_stays_small() {
        // With gc-arena's 16-byte header and the `RefLock`, a 104-byte
        // allocation: glibc's 112-byte chunk.
        assert_eq!(std::mem::size_of::<ArrayPart<'static>>(), 32);
        assert_eq!(std::mem::size_of::<TableState<'static>>(), 80);
        assert_eq!(std::mem::size_of::<TableInfo>(), 24);
    }

    #[test]
    fn small_arrays_move_in_and_out_of_the_table() {
        let account = MemoryAccount::new();
        rootless_mutate(|mc| {
            let interner = Interner::new(mc, account.clone());
            let keys: Vec<_> = (0..4)
                .map(|i| interner.intern(mc, format!("k{i}").as_bytes()))
                .collect();
            let base = account.total();
            let t = constructor(mc, &account, &[Some(1), Some(2)]);
            assert_eq!(account.total() - base, table_bytes(0, 0));
            assert_eq!(t.capacity(), (2, 0));
            t.set_int(mc, 3, int(3));
            assert_eq!(t.capacity(), (4, 0));
            assert_eq!(account.total() - base, table_bytes(4, 0));
            assert!(table_bytes(4, 0) > table_bytes(2, 0));
            // Clear 2..=3 and rehash: the array part shrinks back inside.
            t.set_int(mc, 2, Value::Nil);
            t.set_int(mc, 3, Value::Nil);
            for (i, &key) in keys.iter().enumerate() {
                t.set_str(mc, key, int(i as i64));
            }
            assert_eq!(t.capacity().0, 1);
            assert_eq!(account.total() - base, table_bytes(1, 4));
            assert_eq!(as_int(t.get_int(mc, 1)), Some(1));
            assert!(t.get_int(mc, 2).is_nil());
            assert_eq!(t.length(mc), 1);
            t.set_int(mc, 2, int(20));
            assert_eq!(as_int(t.get_int(mc, 2)), Some(20));
            assert_eq!(collect_entries(mc, t).len(), 6);
        });
        assert_eq!(account.total(), 0);
    }

    #[test]
    fn memory_is_charged_for_capacity() {
        let account = MemoryAccount::new();
        rootless_mutate(|mc| {
            let t = Table::new(mc, &account);
            let small = account.total();
            for i in 1..=1000 {
                t.set_int(mc, i, int(i));
            }
            assert!(account.total() >= small + 1000 * 16);
        });
        assert_eq!(account.total(), 0);
    }

    #[derive(Collect)]
    #[collect(no_drop)]
    struct Root<'gc> {
        interner: Interner<'gc>,
        weak_values: Table<'gc>,
        weak_keys: Table<'gc>,
        strong: Table<'gc>,
        kept: Table<'gc>,
    }

    type TestArena = Arena<Rootable![Root<'_>]>;

    /// Runs the weak-table protocol of the module docs on the root's tables.
    fn collect_with_weak_tables(arena: &mut TestArena) {
        loop {
            let marked = arena.finish_marking().unwrap();
            let resurrected = marked.finalize(|fc, root| {
                root.weak_keys.mark_ephemerons(fc) | root.weak_values.mark_ephemerons(fc)
            });
            if !resurrected {
                break;
            }
        }
        arena.finish_marking().unwrap().finalize(|fc, root| {
            root.weak_values.clear_dead_entries(fc);
            root.weak_keys.clear_dead_entries(fc);
        });
        arena.finish_cycle();
        arena.mutate(|mc, root| root.interner.prune(mc));
    }

    fn count<'gc>(mc: &Mutation<'gc>, t: Table<'gc>) -> usize {
        let mut n = 0;
        let mut key = Value::Nil;
        while let Some((k, _)) = t.next(mc, key).unwrap() {
            n += 1;
            key = k;
        }
        n
    }

    #[test]
    fn weak_tables_lose_dead_entries() {
        let account = MemoryAccount::new();
        let mut arena = TestArena::new(|mc| {
            let root = Root {
                interner: Interner::new(mc, account.clone()),
                weak_values: Table::new(mc, &account),
                weak_keys: Table::new(mc, &account),
                strong: Table::new(mc, &account),
                kept: Table::new(mc, &account),
            };
            root.weak_values.set_weakness(mc, false, true);
            root.weak_keys.set_weakness(mc, true, false);
            root
        });
        arena.mutate(|mc, root| {
            for i in 1..=10 {
                let value = Table::new(mc, &account);
                root.weak_values.set_int(mc, i, Value::Table(value));
                if i % 2 == 0 {
                    root.kept.set_int(mc, i, Value::Table(value));
                }
                // Strings and numbers are never removed from weak tables.
                let s = root.interner.intern(mc, format!("str{i}").as_bytes());
                root.weak_values.set_str(mc, s, Value::String(s));
                root.weak_keys.set_str(mc, s, int(i));
            }
            // Ephemerons: values kept alive only through a live key.
            for i in 1..=10 {
                let key = Table::new(mc, &account);
                let value = Table::new(mc, &account);
                root.weak_keys
                    .set(mc, Value::Table(key), Value::Table(value))
                    .unwrap();
                if i <= 3 {
                    root.strong.set_int(mc, i, Value::Table(key));
                }
            }
            // A chain: key A -> value B, B is the key of value C. Only A is
            // held, so B and C live through the ephemeron fixed point.
            let a = Table::new(mc, &account);
            let b = Table::new(mc, &account);
            let c = Table::new(mc, &account);
            root.weak_keys
                .set(mc, Value::Table(b), Value::Table(c))
                .unwrap();
            root.weak_keys
                .set(mc, Value::Table(a), Value::Table(b))
                .unwrap();
            root.strong.set_int(mc, 100, Value::Table(a));
            // An ephemeron whose value refers back to its key is not a reason
            // to keep the key.
            let cyclic_key = Table::new(mc, &account);
            let cyclic_value = Table::new(mc, &account);
            cyclic_value.set_int(mc, 1, Value::Table(cyclic_key));
            root.weak_keys
                .set(mc, Value::Table(cyclic_key), Value::Table(cyclic_value))
                .unwrap();
        });
        collect_with_weak_tables(&mut arena);
        collect_with_weak_tables(&mut arena);
        arena.mutate(|mc, root| {
            // 5 kept tables + 10 strings.
            assert_eq!(count(mc, root.weak_values), 15);
            for i in 1..=10 {
                let present = !root.weak_values.get_int(mc, i).is_nil();
                assert_eq!(present, i % 2 == 0, "weak value {i}");
            }
            // 10 string keys + 3 held keys + the A -> B -> C chain (2).
            assert_eq!(count(mc, root.weak_keys), 15);
            for i in 1..=3 {
                let key = root.strong.get_int(mc, i);
                assert!(matches!(root.weak_keys.get(mc, key), Value::Table(_)));
            }
            let a = root.strong.get_int(mc, 100);
            let b = root.weak_keys.get(mc, a);
            assert!(matches!(b, Value::Table(_)));
            assert!(matches!(root.weak_keys.get(mc, b), Value::Table(_)));
            // Dropping the last strong reference releases the rest.
            root.strong.set_int(mc, 100, Value::Nil);
            root.weak_values.set_weakness(mc, false, false);
        });
        collect_with_weak_tables(&mut arena);
        arena.mutate(|mc, root| {
            assert_eq!(count(mc, root.weak_keys), 13);
            // Once strong again, the table keeps what it holds.
            assert_eq!(count(mc, root.weak_values), 15);
            root.kept.set_int(mc, 2, Value::Nil);
        });
        collect_with_weak_tables(&mut arena);
        arena.mutate(|mc, root| {
            assert_eq!(count(mc, root.weak_values), 15);
        });
    }

    #[test]
    fn weak_tables_hold_userdata_and_threads_weakly() {
        let account = MemoryAccount::new();
        let mut arena = TestArena::new(|mc| {
            let root = Root {
                interner: Interner::new(mc, account.clone()),
                weak_values: Table::new(mc, &account),
                weak_keys: Table::new(mc, &account),
                strong: Table::new(mc, &account),
                kept: Table::new(mc, &account),
            };
            root.weak_values.set_weakness(mc, false, true);
            root.weak_keys.set_weakness(mc, true, true);
            root
        });
        arena.mutate(|mc, root| {
            for i in 1..=6 {
                let ud = Value::UserData(UserData::new(mc, Box::new(i)));
                let thread = Value::Thread(Thread::new(mc));
                root.weak_values.set_int(mc, i, ud);
                root.weak_keys.set(mc, thread, ud).unwrap();
                if i <= 2 {
                    root.kept.set_int(mc, i, ud);
                    root.kept.set_int(mc, 10 + i, thread);
                }
            }
        });
        collect_with_weak_tables(&mut arena);
        arena.mutate(|mc, root| {
            assert_eq!(count(mc, root.weak_values), 2);
            assert_eq!(count(mc, root.weak_keys), 2);
            for i in 1..=2 {
                let thread = root.kept.get_int(mc, 10 + i);
                assert!(matches!(root.weak_keys.get(mc, thread), Value::UserData(_)));
                assert!(matches!(
                    root.weak_values.get_int(mc, i),
                    Value::UserData(_)
                ));
            }
            // Only the thread is kept: with weak values too, its entry goes.
            root.kept.set_int(mc, 1, Value::Nil);
        });
        collect_with_weak_tables(&mut arena);
        arena.mutate(|mc, root| {
            assert_eq!(count(mc, root.weak_values), 1);
            assert_eq!(count(mc, root.weak_keys), 1);
        });
    }

    #[test]
    fn cleared_keys_do_not_keep_objects_alive() {
        let account = MemoryAccount::new();
        let mut arena = TestArena::new(|mc| Root {
            interner: Interner::new(mc, account.clone()),
            weak_values: Table::new(mc, &account),
            weak_keys: Table::new(mc, &account),
            strong: Table::new(mc, &account),
            kept: Table::new(mc, &account),
        });
        let baseline = account.total();
        arena.mutate(|mc, root| {
            let big = Table::with_capacity(mc, &account, 10_000, 0);
            root.strong.set(mc, Value::Table(big), int(1)).unwrap();
            root.strong.set(mc, Value::Table(big), Value::Nil).unwrap();
        });
        assert!(account.total() > baseline + 10_000 * 16);
        collect_with_weak_tables(&mut arena);
        assert!(account.total() < baseline + 10_000);
    }

    /// `float_hash` against `l_hashfloat` of a C build (glibc's `frexp`),
    /// subnormals and infinities included.
    #[test]
    fn float_keys_hash_like_puc() {
        let cases: [(f64, u32); 21] = [
            (0.5, 1073741824),
            (-0.5, 1073741823),
            (1.5, 1610612737),
            (2.75, 1476395010),
            (-3.25, 1744830461),
            (0.1, 1717986915),
            (-0.1, 1717986920),
            (1e300, 1603335685),
            (-1e300, 1603333690),
            (5e-324, 1073740751),
            (-5e-324, 1073742896),
            (2.2250738585072014e-308, 1073740803),
            (1e-310, 1235364286),
            (123456.789, 2022716047),
            (-9007199254740994.0, 1073741769),
            (7.3, 1959578831),
            (1234.5678, 1294538176),
            (f64::INFINITY, 0),
            (f64::NEG_INFINITY, 0),
            (f64::MAX, 2147482624),
            (f64::from_bits(3), 1610611664),
        ];
        for (n, expected) in cases {
            assert_eq!(float_hash(n), expected, "hash of {n:e}");
        }
    }
}
