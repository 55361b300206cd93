//! Lua strings: immutable byte strings with a cached hash, and the interner
//! that creates them.
//!
//! Short strings (at most [`MAX_SHORT_LEN`] bytes) are interned: the
//! [`Interner`] keeps a weak set of every live short string, so two short
//! strings with the same bytes are the same object and compare by pointer.
//! Their hash is computed once, at creation. Long strings are created fresh
//! every time; they compare by length and bytes and hash lazily (a long string
//! that never becomes a table key never pays for hashing).
//!
//! Each string is one heap object: short strings keep their bytes inline,
//! long strings in a boxed slice. Every string charges its size to the state's
//! [`MemoryAccount`].

use std::borrow::Cow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use gc_arena::{Collect, Finalization, Gc, GcWeak, Mutation, RefLock};
use rustc_hash::FxHasher;

use crate::memory::{Allocation, GC_HEADER_BYTES, MemoryAccount, charge_debt};

/// Strings up to this many bytes are interned.
pub const MAX_SHORT_LEN: usize = 40;

/// A Lua string: a `Copy` handle to an immutable byte string on the heap.
#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
pub struct LuaString<'gc>(Gc<'gc, StringData>);

/// The heap object behind a [`LuaString`].
pub struct StringData {
    /// The content hash; 0 means "not computed yet" (long strings only).
    hash: Cell<u64>,
    bytes: Bytes,
    _allocation: Allocation,
}

/// Inline storage for short strings, a boxed slice for long ones.
enum Bytes {
    Short { len: u8, buf: [u8; MAX_SHORT_LEN] },
    Long(Box<[u8]>),
}

impl Bytes {
    #[inline]
    fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Short { len, buf } => &buf[..*len as usize],
            Bytes::Long(bytes) => bytes,
        }
    }
}

/// The hash of a byte string, never 0 (0 marks "not computed").
#[inline]
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    match hasher.finish() {
        0 => 0x9e37_79b9_7f4a_7c15,
        h => h,
    }
}

impl<'gc> LuaString<'gc> {
    /// Allocates a string object. Only the interner calls this, so that every
    /// short string is unique.
    fn allocate(mc: &Mutation<'gc>, account: &Rc<MemoryAccount>, bytes: &[u8]) -> Self {
        let (storage, hash, heap_bytes) = if bytes.len() <= MAX_SHORT_LEN {
            let mut buf = [0u8; MAX_SHORT_LEN];
            buf[..bytes.len()].copy_from_slice(bytes);
            let storage = Bytes::Short {
                len: bytes.len() as u8,
                buf,
            };
            (storage, hash_bytes(bytes), 0)
        } else {
            (Bytes::Long(bytes.into()), 0, bytes.len())
        };
        let size = GC_HEADER_BYTES + std::mem::size_of::<StringData>() + heap_bytes;
        charge_debt(mc, heap_bytes);
        LuaString(Gc::new_static(
            mc,
            StringData {
                hash: Cell::new(hash),
                bytes: storage,
                _allocation: Allocation::new(account, size),
            },
        ))
    }

    /// The string's bytes, valid for as long as the arena lives.
    #[inline]
    pub fn as_bytes(self) -> &'gc [u8] {
        Gc::as_ref(self.0).bytes.as_slice()
    }

    #[inline]
    pub fn len(self) -> usize {
        match &Gc::as_ref(self.0).bytes {
            Bytes::Short { len, .. } => *len as usize,
            Bytes::Long(bytes) => bytes.len(),
        }
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Whether this string is interned (so equal only to itself).
    #[inline]
    pub fn is_short(self) -> bool {
        matches!(Gc::as_ref(self.0).bytes, Bytes::Short { .. })
    }

    /// The content hash, computed on first use for long strings.
    #[inline]
    pub fn hash(self) -> u64 {
        match Gc::as_ref(self.0).hash.get() {
            0 => self.compute_hash(),
            h => h,
        }
    }

    #[cold]
    #[inline(never)]
    fn compute_hash(self) -> u64 {
        let data = Gc::as_ref(self.0);
        let h = hash_bytes(data.bytes.as_slice());
        data.hash.set(h);
        h
    }

    /// Whether `a` and `b` are the same object.
    #[inline]
    pub fn ptr_eq(a: Self, b: Self) -> bool {
        Gc::ptr_eq(a.0, b.0)
    }

    /// The string as UTF-8, with invalid sequences replaced.
    pub fn to_str_lossy(self) -> Cow<'gc, str> {
        String::from_utf8_lossy(self.as_bytes())
    }

    /// The string as UTF-8, if it is valid UTF-8.
    pub fn to_str(self) -> Option<&'gc str> {
        std::str::from_utf8(self.as_bytes()).ok()
    }

    /// A weak handle, for weak tables.
    #[inline]
    pub fn downgrade(self) -> WeakLuaString<'gc> {
        WeakLuaString(Gc::downgrade(self.0))
    }

    /// The address of the string object, for identity comparisons.
    #[inline]
    pub fn as_ptr(self) -> *const () {
        Gc::as_ptr(self.0) as *const ()
    }

    /// Whether the string is unreachable in the finalize phase.
    pub fn is_dead(self, fc: &Finalization<'gc>) -> bool {
        Gc::is_dead(fc, self.0)
    }

    /// Keeps a string that was found dead alive for this cycle.
    pub fn resurrect(self, fc: &Finalization<'gc>) {
        Gc::resurrect(fc, self.0)
    }
}

/// A weak reference to a string.
#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
pub struct WeakLuaString<'gc>(GcWeak<'gc, StringData>);

impl<'gc> WeakLuaString<'gc> {
    #[inline]
    pub fn upgrade(self, mc: &Mutation<'gc>) -> Option<LuaString<'gc>> {
        self.0.upgrade(mc).map(LuaString)
    }

    #[inline]
    pub fn is_dead(self, fc: &Finalization<'gc>) -> bool {
        self.0.is_dead(fc)
    }

    #[inline]
    pub fn as_ptr(self) -> *const () {
        self.0.as_ptr() as *const ()
    }
}

impl PartialEq for LuaString<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        if LuaString::ptr_eq(*self, *other) {
            return true;
        }
        // Short strings are unique per content, so distinct objects differ.
        if self.is_short() || other.is_short() {
            return false;
        }
        let data_a = Gc::as_ref(self.0);
        let data_b = Gc::as_ref(other.0);
        let (ha, hb) = (data_a.hash.get(), data_b.hash.get());
        if ha != 0 && hb != 0 && ha != hb {
            return false;
        }
        data_a.bytes.as_slice() == data_b.bytes.as_slice()
    }
}

impl Eq for LuaString<'_> {}

impl Hash for LuaString<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(LuaString::hash(*self));
    }
}

impl PartialOrd for LuaString<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Byte-wise order: what `strcoll` gives in the C locale, so Lua's `<` on
/// strings.
impl Ord for LuaString<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl fmt::Debug for LuaString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_str_lossy())
    }
}

impl fmt::Display for LuaString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_str_lossy())
    }
}

/// Creates every string of a state and keeps short strings unique.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Interner<'gc> {
    set: Gc<'gc, RefLock<InternSet<'gc>>>,
    #[collect(require_static)]
    account: Rc<MemoryAccount>,
}

/// One slot of the open-addressing intern set.
#[derive(Copy, Clone, Collect)]
#[collect(no_drop)]
struct InternEntry<'gc> {
    hash: u64,
    string: GcWeak<'gc, StringData>,
}

/// An open-addressing (linear probing) set of weak string references. Dead
/// entries stay until [`Interner::prune`] or a rebuild drops them.
#[derive(Collect)]
#[collect(no_drop)]
struct InternSet<'gc> {
    slots: Vec<Option<InternEntry<'gc>>>,
    /// Occupied slots, dead or alive.
    occupied: usize,
    #[collect(require_static)]
    allocation: Allocation,
}

const MIN_INTERN_SLOTS: usize = 64;

impl<'gc> InternSet<'gc> {
    fn slot_bytes(slots: usize) -> usize {
        slots * std::mem::size_of::<Option<InternEntry<'static>>>()
    }

    #[inline]
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The entries whose string `keep` accepts.
    fn entries_kept(
        &self,
        keep: impl Fn(GcWeak<'gc, StringData>) -> bool,
    ) -> Vec<InternEntry<'gc>> {
        self.slots
            .iter()
            .flatten()
            .filter(|e| keep(e.string))
            .copied()
            .collect()
    }

    /// Lays the set out again with just `live` in it.
    fn rebuild(&mut self, live: Vec<InternEntry<'gc>>) {
        // At most a quarter full after a rebuild, at most half before the
        // next one: linear probing stays short.
        let mut capacity = MIN_INTERN_SLOTS;
        while capacity < live.len() * 4 {
            capacity *= 2;
        }
        self.slots.clear();
        self.slots.resize(capacity, None);
        self.slots.shrink_to(capacity);
        self.occupied = live.len();
        let mask = self.mask();
        for entry in live {
            let mut i = entry.hash as usize & mask;
            while self.slots[i].is_some() {
                i = (i + 1) & mask;
            }
            self.slots[i] = Some(entry);
        }
        self.allocation.resize(Self::slot_bytes(capacity));
    }
}

impl<'gc> Interner<'gc> {
    pub fn new(mc: &Mutation<'gc>, account: Rc<MemoryAccount>) -> Self {
        let set = InternSet {
            slots: vec![None; MIN_INTERN_SLOTS],
            occupied: 0,
            allocation: Allocation::new(&account, InternSet::slot_bytes(MIN_INTERN_SLOTS)),
        };
        Interner {
            set: Gc::new(mc, RefLock::new(set)),
            account,
        }
    }

    /// The account every string of this state is charged to.
    pub fn account(&self) -> &Rc<MemoryAccount> {
        &self.account
    }

    /// The string with these bytes: the existing object for a short string
    /// that is still alive, a new object otherwise.
    pub fn intern(&self, mc: &Mutation<'gc>, bytes: &[u8]) -> LuaString<'gc> {
        if bytes.len() > MAX_SHORT_LEN {
            return LuaString::allocate(mc, &self.account, bytes);
        }
        let hash = hash_bytes(bytes);
        if let Some(found) = self.find(mc, hash, bytes) {
            return found;
        }
        let string = LuaString::allocate(mc, &self.account, bytes);
        self.insert(mc, hash, string);
        string
    }

    /// Convenience for `intern(mc, s.as_bytes())`.
    pub fn intern_str(&self, mc: &Mutation<'gc>, s: &str) -> LuaString<'gc> {
        self.intern(mc, s.as_bytes())
    }

    /// The live string with these bytes. `GcWeak::upgrade` decides what is
    /// live: while marking, any string not freed (one not marked yet is
    /// still alive; storing it anywhere reachable marks it through the write
    /// barriers); while sweeping, not the strings marking found dead (about
    /// to be freed: the caller makes a fresh copy). Either way at most one
    /// copy of a short string can be reached.
    fn find(&self, mc: &Mutation<'gc>, hash: u64, bytes: &[u8]) -> Option<LuaString<'gc>> {
        let set = self.set.borrow();
        let mask = set.mask();
        let mut i = hash as usize & mask;
        while let Some(entry) = set.slots[i] {
            if entry.hash == hash
                && let Some(live) = entry.string.upgrade(mc)
                && live.bytes.as_slice() == bytes
            {
                return Some(LuaString(live));
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Adds a string known to be absent from the set.
    fn insert(&self, mc: &Mutation<'gc>, hash: u64, string: LuaString<'gc>) {
        let mut set = self.set.borrow_mut(mc);
        if (set.occupied + 1) * 2 > set.slots.len() {
            let before = set.allocation.bytes();
            let live = set.entries_kept(|weak| weak.upgrade(mc).is_some());
            set.rebuild(live);
            charge_debt(mc, set.allocation.bytes().saturating_sub(before));
        }
        let mask = set.mask();
        let mut i = hash as usize & mask;
        // Dead entries are left for the next rebuild: telling them apart
        // would cost a visit to each string's header.
        while set.slots[i].is_some() {
            i = (i + 1) & mask;
        }
        set.occupied += 1;
        set.slots[i] = Some(InternEntry {
            hash,
            string: Gc::downgrade(string.0),
        });
    }

    /// Forgets the strings that have been collected, so that the set does not
    /// keep their memory reserved. Correct at any time; it finds the most
    /// when called once a cycle has swept (the GC driver calls it after
    /// `Arena::finish_cycle`, or in a mutation during the sweeping phase).
    /// During marking nothing is known to be dead and nothing is pruned.
    pub fn prune(&self, mc: &Mutation<'gc>) {
        let alive = |weak: GcWeak<'gc, StringData>| weak.upgrade(mc).is_some();
        // Count first: a cycle that freed no interned string allocates
        // nothing here (freeing a fresh buffer next to the heap's top makes
        // glibc consolidate all its free lists, measured at 6% of
        // `binary_trees`).
        let set = self.set.borrow();
        if set.slots.iter().flatten().all(|e| alive(e.string)) {
            return;
        }
        let live = set.entries_kept(alive);
        drop(set);
        self.set.borrow_mut(mc).rebuild(live);
    }

    /// Number of live-or-not-yet-pruned interned strings (for tests and stats).
    pub fn interned_count(&self) -> usize {
        self.set.borrow().occupied
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_arena::{Arena, Rootable};

    #[test]
    fn short_strings_are_unique() {
        gc_arena::arena::rootless_mutate(|mc| {
            let interner = Interner::new(mc, MemoryAccount::new());
            let a = interner.intern(mc, b"hello");
            let b = interner.intern(mc, b"hello");
            let c = interner.intern(mc, b"world");
            assert!(LuaString::ptr_eq(a, b));
            assert!(!LuaString::ptr_eq(a, c));
            assert_eq!(a, b);
            assert_ne!(a, c);
            assert_eq!(a.hash(), b.hash());
            assert_eq!(a.as_bytes(), b"hello");
            assert_eq!(a.len(), 5);
            assert!(!a.is_empty());
            assert!(interner.intern(mc, b"").is_empty());
        });
    }

    #[test]
    fn long_strings_compare_by_content() {
        gc_arena::arena::rootless_mutate(|mc| {
            let interner = Interner::new(mc, MemoryAccount::new());
            let text = [b'x'; 100];
            let a = interner.intern(mc, &text);
            let b = interner.intern(mc, &text);
            let mut other = text;
            other[99] = b'y';
            let c = interner.intern(mc, &other);
            assert!(!LuaString::ptr_eq(a, b));
            assert_eq!(a, b);
            assert_ne!(a, c);
            assert_eq!(a.hash(), b.hash());
            assert_ne!(a.hash(), c.hash());
            assert!(!a.is_short());
            let boundary = [b'z'; MAX_SHORT_LEN];
            assert!(interner.intern(mc, &boundary).is_short());
            assert!(LuaString::ptr_eq(
                interner.intern(mc, &boundary),
                interner.intern(mc, &boundary)
            ));
        });
    }

    #[test]
    fn strings_order_bytewise() {
        gc_arena::arena::rootless_mutate(|mc| {
            let interner = Interner::new(mc, MemoryAccount::new());
            let s = |b: &[u8]| interner.intern(mc, b);
            assert!(s(b"a") < s(b"b"));
            assert!(s(b"a") < s(b"ab"));
            assert!(s(b"") < s(b"\0"));
            assert!(s(b"Z") < s(b"a"));
            assert!(s(b"\x7f") < s(b"\x80"));
            assert_eq!(s(b"abc").to_str_lossy(), "abc");
            assert_eq!(format!("{:?}", s(b"q\"")), "\"q\\\"\"");
        });
    }

    #[test]
    fn many_strings_grow_the_set() {
        gc_arena::arena::rootless_mutate(|mc| {
            let interner = Interner::new(mc, MemoryAccount::new());
            let strings: Vec<_> = (0..5000)
                .map(|i| interner.intern(mc, format!("key{i}").as_bytes()))
                .collect();
            for (i, s) in strings.iter().enumerate() {
                let again = interner.intern(mc, format!("key{i}").as_bytes());
                assert!(LuaString::ptr_eq(*s, again));
            }
        });
    }

    #[derive(Collect)]
    #[collect(no_drop)]
    struct Root<'gc> {
        interner: Interner<'gc>,
        kept: Gc<'gc, RefLock<Vec<LuaString<'gc>>>>,
    }

    #[test]
    fn dead_strings_are_pruned_and_memory_credited() {
        let account = MemoryAccount::new();
        let mut arena = Arena::<Rootable![Root<'_>]>::new(|mc| Root {
            interner: Interner::new(mc, account.clone()),
            kept: Gc::new(mc, RefLock::new(Vec::new())),
        });
        let baseline = account.total();
        arena.mutate(|mc, root| {
            let keep = root.interner.intern(mc, b"kept");
            root.kept.borrow_mut(mc).push(keep);
            for i in 0..100 {
                root.interner.intern(mc, format!("garbage{i}").as_bytes());
            }
            root.interner.intern(mc, &[b'L'; 1000]);
        });
        assert!(account.total() > baseline + 1000);
        // Pruning while marked finds nothing dead yet: resurrection is
        // still possible.
        arena.finish_marking().unwrap().finalize(|fc, root| {
            root.interner.prune(fc);
            assert_eq!(root.interner.interned_count(), 101);
        });
        arena.finish_cycle();
        arena.mutate(|mc, root| {
            root.interner.prune(mc);
            assert_eq!(root.interner.interned_count(), 1);
            let kept = root.kept.borrow()[0];
            assert!(LuaString::ptr_eq(kept, root.interner.intern(mc, b"kept")));
            // A dead string's bytes can be interned again as a fresh object.
            assert_eq!(
                root.interner.intern(mc, b"garbage7").as_bytes(),
                b"garbage7"
            );
        });
        arena.finish_cycle();
        assert!(account.total() < baseline + 1000);
    }
}
