//! A value that every scheduler reads on every call and that changes only when code is
//! loaded: an export's target. Reading takes no lock and writes no shared memory (the
//! scheduler threads are already pinned to the epoch while they run processes, so the
//! pin here costs no fence); a replaced value is freed once no thread can still be
//! reading it.

use crossbeam_epoch::{self as epoch, Atomic, Owned};
use std::sync::atomic::Ordering;

/// A replaceable value read by cloning (see the module).
pub(crate) struct EpochCell<T> {
    value: Atomic<T>,
}

impl<T: Clone> EpochCell<T> {
    pub(crate) fn new(v: T) -> EpochCell<T> {
        EpochCell { value: Atomic::new(v) }
    }

    /// A copy of the current value.
    pub(crate) fn get(&self) -> T {
        let guard = epoch::pin();
        let p = self.value.load(Ordering::Acquire, &guard);
        // SAFETY: the pointer is never null (the cell is built with a value and `update`
        // only installs new ones), and a value is destroyed only through
        // `defer_destroy`, after every thread that was pinned when it was replaced (this
        // one included, if it loaded it) has unpinned; `guard` keeps this thread pinned
        // until the clone is made.
        unsafe { p.deref() }.clone()
    }

    /// Replaces the value with `f(current)`, or keeps it where `f` gives `None`. Atomic with
    /// respect to other updates: `f` runs again on the newer value if one came between.
    pub(crate) fn update(&self, f: impl Fn(&T) -> Option<T>) {
        let guard = epoch::pin();
        loop {
            let cur = self.value.load(Ordering::Acquire, &guard);
            // SAFETY: as in `get`: non-null, and alive while `guard` pins this thread.
            let Some(new) = f(unsafe { cur.deref() }) else { return };
            if self.value.compare_exchange(cur, Owned::new(new), Ordering::AcqRel, Ordering::Acquire, &guard).is_ok() {
                // SAFETY: `cur` is no longer reachable from the cell (the exchange replaced
                // it), so only threads pinned now can hold it, and the collector destroys it
                // after they have all unpinned.
                unsafe { guard.defer_destroy(cur) };
                // Hand the old value to the collector now: a thread that seldom pins (the
                // one loading code) would otherwise keep it, and the module it holds.
                guard.flush();
                return;
            }
        }
    }
}

impl<T> Drop for EpochCell<T> {
    fn drop(&mut self) {
        let value = std::mem::replace(&mut self.value, Atomic::null());
        // SAFETY: `&mut self` means no `get` or `update` is running on this cell, so no
        // thread holds the current value (a reader only borrows it while inside `get`);
        // the pointer is non-null and owned by the cell, so taking ownership drops it once.
        drop(unsafe { value.into_owned() });
    }
}
