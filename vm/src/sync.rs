//! The one place the VM's concurrency primitives come from, so that model-checking tests
//! (`--cfg loom`) can replace them with loom's. Code in `process` and `sched` that takes
//! part in the wake/park and inbox protocols uses these, never `std::sync` directly.

#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{fence, AtomicBool, AtomicPtr, AtomicU8, AtomicUsize, Ordering};
#[cfg(not(loom))]
pub(crate) use std::sync::{Condvar, Mutex};

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{fence, AtomicBool, AtomicPtr, AtomicU8, AtomicUsize, Ordering};
#[cfg(loom)]
pub(crate) use loom::sync::{Condvar, Mutex};

/// `std`'s `UnsafeCell` with loom's interface (`with_mut`), so that loom can check the
/// accesses of code that uses it.
#[cfg(not(loom))]
pub(crate) struct UnsafeCell<T>(std::cell::UnsafeCell<T>);

#[cfg(not(loom))]
impl<T> UnsafeCell<T> {
    pub(crate) const fn new(v: T) -> UnsafeCell<T> {
        UnsafeCell(std::cell::UnsafeCell::new(v))
    }

    /// Calls `f` with a pointer to the contents; dereferencing it is the caller's promise
    /// that no other access overlaps.
    #[inline(always)]
    pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        f(self.0.get())
    }
}

#[cfg(loom)]
pub(crate) use loom::cell::UnsafeCell;

#[cfg(not(loom))]
pub(crate) use std::hint::spin_loop;
#[cfg(not(loom))]
pub(crate) use std::thread::yield_now;

/// A busy-wait step: under loom, a yield that lets the model run the thread waited for.
#[cfg(loom)]
pub(crate) fn spin_loop() {
    loom::thread::yield_now();
}
#[cfg(loom)]
pub(crate) use loom::thread::yield_now;

/// Locks a mutex, recovering the data if a panicking thread poisoned it (the VM's own
/// invariants do not depend on what the panicking thread was doing).
pub(crate) fn lock<T>(m: &Mutex<T>) -> impl std::ops::DerefMut<Target = T> + '_ {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
