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

use std::cell::Cell;
use std::rc::Rc;

use gc_arena::{Collect, Mutation};

/// How many bytes count as one unit of gc-arena allocation debt (its unit is
/// "one `Gc` allocated"). A small object with its header is about this size.
pub const BYTES_PER_DEBT_UNIT: usize = 64;

/// Rough size of a gc-arena allocation header (links and flags), charged on
/// top of each object's own size.
pub const GC_HEADER_BYTES: usize = 24;

/// Live bytes charged by one state, and the limit it must stay under.
#[derive(Debug, Default)]
pub struct MemoryAccount {
    total: Cell<usize>,
    limit: Cell<Option<usize>>,
}

impl MemoryAccount {
    pub fn new() -> Rc<MemoryAccount> {
        Rc::new(MemoryAccount::default())
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

    /// Whether charging `extra` more bytes would pass the limit. Callers check
    /// this *before* allocating so that a refused allocation changes nothing.
    #[inline]
    pub fn would_exceed(&self, extra: usize) -> bool {
        match self.limit.get() {
            None => false,
            Some(limit) => self.total.get().saturating_add(extra) > limit,
        }
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
}
