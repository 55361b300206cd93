//! Byte accounting for one Lua state.
//!
//! gc-arena paces its collector by the number of `Gc` objects, not by their size,
//! so a 1 MB string and a boolean box weigh the same to it. Saturn counts bytes
//! itself: every heap object that owns a variable amount of memory (string
//! bytes, table slots, stacks) keeps an [`Allocation`] guard that charges its
//! size to the state's [`MemoryAccount`] and credits it back when dropped. The
//! account answers `collectgarbage("count")`, enforces an optional memory limit
//! ("not enough memory") and, through [`charge_debt`], tells the collector's
//! pacer that memory grew.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gc_arena::{Collect, Mutation};

/// How many bytes count as one unit of gc-arena allocation debt (its unit is
/// "one `Gc` allocated"). A small object with its header is about this size.
pub const BYTES_PER_DEBT_UNIT: usize = 64;

/// Rough size of a gc-arena allocation header (links and flags), charged on
/// top of each object's own size.
pub const GC_HEADER_BYTES: usize = 24;

/// Live bytes charged by one state, and the limit it must stay under.
///
/// Every account also belongs to a [`RingBudget`]: its own for a state on
/// its own, its master's for a `rings` slave, so that one limit can cover a
/// whole tree of states while each still reports only its own bytes.
#[derive(Debug, Default)]
pub struct MemoryAccount {
    total: Cell<usize>,
    limit: Cell<Option<usize>>,
    ring: Rc<RingBudget>,
    /// Whether this account started its ring (a state that is no slave).
    ring_root: bool,
}

/// The states of one ring, and the limit on the bytes they hold together.
///
/// The ring's total is summed over its accounts when a limit is checked
/// (between slices, or before a large allocation), so that charging an
/// allocation, the hot path, touches one account only.
#[derive(Debug, Default)]
pub struct RingBudget {
    accounts: RefCell<Vec<Weak<MemoryAccount>>>,
    limit: Cell<Option<usize>>,
}

impl RingBudget {
    /// Bytes charged by every live state of the ring (forgetting the
    /// accounts of states that are gone).
    pub fn total(&self) -> usize {
        let mut accounts = self.accounts.borrow_mut();
        accounts.retain(|a| a.strong_count() > 0);
        accounts
            .iter()
            .filter_map(Weak::upgrade)
            .fold(0usize, |sum, a| sum.saturating_add(a.total()))
    }

    pub fn limit(&self) -> Option<usize> {
        self.limit.get()
    }

    /// Sets (or removes) the limit all the states of the ring share.
    pub fn set_limit(&self, limit: Option<usize>) {
        self.limit.set(limit);
    }
}

/// Whether `total + extra` passes `limit`.
#[inline]
fn passes(total: usize, extra: usize, limit: Option<usize>) -> bool {
    limit.is_some_and(|limit| total.saturating_add(extra) > limit)
}

impl MemoryAccount {
    /// An account with a ring of its own.
    pub fn new() -> Rc<MemoryAccount> {
        MemoryAccount::join(&Rc::default(), true)
    }

    /// An account in `ring` (a slave state's).
    pub fn in_ring(ring: &Rc<RingBudget>) -> Rc<MemoryAccount> {
        MemoryAccount::join(ring, false)
    }

    fn join(ring: &Rc<RingBudget>, ring_root: bool) -> Rc<MemoryAccount> {
        let account = Rc::new(MemoryAccount {
            ring: Rc::clone(ring),
            ring_root,
            ..MemoryAccount::default()
        });
        ring.accounts.borrow_mut().push(Rc::downgrade(&account));
        account
    }

    /// For the state that started a ring, the bytes of the other states in
    /// it (its slaves and theirs); zero for any other state. The root's
    /// collector counts them when deciding to start a cycle: a slave's heap
    /// lives as long as the small userdata standing for it in the master.
    pub fn slave_bytes(&self) -> usize {
        if !self.ring_root || self.ring.accounts.borrow().len() <= 1 {
            return 0;
        }
        self.ring.total().saturating_sub(self.total())
    }

    /// The ring this account belongs to.
    pub fn ring(&self) -> &Rc<RingBudget> {
        &self.ring
    }

    /// Bytes currently charged.
    #[inline]
    pub fn total(&self) -> usize {
        self.total.get()
    }

    /// Sets (or removes) the limit [`would_exceed`](Self::would_exceed) checks against.
    pub fn set_limit(&self, limit: Option<usize>) {
        self.limit.set(limit);
    }

    pub fn limit(&self) -> Option<usize> {
        self.limit.get()
    }

    /// Whether charging `extra` more bytes would pass this account's limit or
    /// its ring's. Callers check this *before* allocating so that a refused
    /// allocation changes nothing.
    #[inline]
    pub fn would_exceed(&self, extra: usize) -> bool {
        passes(self.total.get(), extra, self.limit.get())
            || (self.ring.limit.get().is_some()
                && passes(self.ring.total(), extra, self.ring.limit.get()))
    }

    /// Whether this account or its ring is already past its limit.
    pub fn is_over_limit(&self) -> bool {
        self.would_exceed(0)
    }

    /// Adds `bytes` to the total. Every charge is paired with a
    /// [`credit`](Self::credit) when the memory is freed: use a guard
    /// ([`Allocation`], or a type whose `Drop` credits what it charged).
    #[inline]
    pub(crate) fn charge(&self, bytes: usize) {
        self.total.set(self.total.get().saturating_add(bytes));
    }

    /// Takes `bytes` away from the total.
    #[inline]
    pub(crate) fn credit(&self, bytes: usize) {
        self.total.set(self.total.get().saturating_sub(bytes));
    }
}

/// A guard stored inside a heap object: the bytes it stands for stay charged to
/// the account for as long as the object lives.
#[derive(Debug, Collect)]
#[collect(require_static)]
pub struct Allocation {
    account: Rc<MemoryAccount>,
    bytes: usize,
}

impl Allocation {
    /// Charges `bytes` to `account`.
    pub fn new(account: &Rc<MemoryAccount>, bytes: usize) -> Self {
        account.charge(bytes);
        Allocation {
            account: Rc::clone(account),
            bytes,
        }
    }

    /// Changes the charged amount to `bytes` (after the object grew or shrank).
    #[inline]
    pub fn resize(&mut self, bytes: usize) {
        if bytes >= self.bytes {
            self.account.charge(bytes - self.bytes);
        } else {
            self.account.credit(self.bytes - bytes);
        }
        self.bytes = bytes;
    }

    /// Bytes currently charged by this guard.
    #[inline]
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn account(&self) -> &Rc<MemoryAccount> {
        &self.account
    }
}

impl Drop for Allocation {
    fn drop(&mut self) {
        self.account.credit(self.bytes);
    }
}

/// Tells the collector's pacer that `bytes` more memory is in use, so that a
/// program allocating a few huge strings or tables still triggers collection.
#[inline]
pub fn charge_debt(mc: &Mutation<'_>, bytes: usize) {
    if bytes != 0 {
        mc.metrics()
            .adjust_debt(bytes as f64 / BYTES_PER_DEBT_UNIT as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocations_charge_and_credit() {
        let account = MemoryAccount::new();
        let a = Allocation::new(&account, 100);
        assert_eq!(account.total(), 100);
        let mut b = Allocation::new(&account, 50);
        assert_eq!(account.total(), 150);
        b.resize(80);
        assert_eq!(account.total(), 180);
        b.resize(10);
        assert_eq!(account.total(), 110);
        drop(a);
        assert_eq!(account.total(), 10);
        drop(b);
        assert_eq!(account.total(), 0);
    }

    #[test]
    fn limit_is_checked_before_allocating() {
        let account = MemoryAccount::new();
        assert!(!account.would_exceed(usize::MAX));
        account.set_limit(Some(1000));
        assert_eq!(account.limit(), Some(1000));
        let _a = Allocation::new(&account, 900);
        assert!(!account.would_exceed(100));
        assert!(account.would_exceed(101));
        account.set_limit(None);
        assert!(!account.would_exceed(101));
    }

    #[test]
    fn a_ring_budget_is_shared_by_its_accounts() {
        let master = MemoryAccount::new();
        let slave = MemoryAccount::in_ring(master.ring());
        let _m = Allocation::new(&master, 600);
        let s = Allocation::new(&slave, 300);
        assert_eq!((master.total(), slave.total()), (600, 300));
        assert_eq!(master.ring().total(), 900);
        master.ring().set_limit(Some(1000));
        assert!(slave.would_exceed(101));
        assert!(!slave.would_exceed(100));
        drop(s);
        assert_eq!(master.ring().total(), 600);
        assert!(!slave.is_over_limit());
    }
}
