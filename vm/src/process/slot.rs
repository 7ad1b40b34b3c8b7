//! The slot a process's private half waits in while no worker runs it: a box behind an
//! atomic pointer. Putting the half in and taking it out are one swap each, where a mutex
//! would cost a lock and an unlock on every park and every run.
//!
//! Ownership moves with the pointer: the swap that takes a non-null pointer out of the
//! slot is the only one that gets it, so exactly one thread owns the box at any time.

use crate::sync::{AtomicPtr, Ordering};
use std::marker::PhantomData;
use std::ptr;

pub(crate) struct Slot<T> {
    ptr: AtomicPtr<T>,
    /// The slot owns a `Box<T>` when the pointer is not null.
    _owns: PhantomData<Box<T>>,
}

// SAFETY: a `Slot<T>` only moves a `Box<T>` between threads (one owner at a time, handed
// over by an atomic swap), which is sound whenever `Box<T>` itself may be sent.
unsafe impl<T: Send> Send for Slot<T> {}
// SAFETY: through `&Slot<T>` a thread can only put or take a whole box with an atomic
// swap; no reference to the `T` inside is ever shared, so `T: Send` suffices.
unsafe impl<T: Send> Sync for Slot<T> {}

impl<T> Slot<T> {
    pub(crate) fn new(value: Box<T>) -> Slot<T> {
        Slot { ptr: AtomicPtr::new(Box::into_raw(value)), _owns: PhantomData }
    }

    /// Puts the box in. The slot must be empty (the caller owned the half, so nobody else
    /// can have put one in); if it is not, the old box is dropped rather than leaked.
    pub(crate) fn put(&self, value: Box<T>) {
        // Release: everything written to the half is visible to whoever takes it.
        let old = self.ptr.swap(Box::into_raw(value), Ordering::AcqRel);
        debug_assert!(old.is_null(), "a process's private half was put back twice");
        if !old.is_null() {
            // SAFETY: a non-null pointer in the slot came from `Box::into_raw` in `new` or
            // `put`, and this swap removed it, so no other thread can take it: this thread
            // owns the box alone.
            drop(unsafe { Box::from_raw(old) });
        }
    }

    /// Takes the box out; None if it is not there (a worker or a reader has it).
    pub(crate) fn take(&self) -> Option<Box<T>> {
        // Acquire: see everything the thread that put it in wrote.
        let p = self.ptr.swap(ptr::null_mut(), Ordering::AcqRel);
        if p.is_null() {
            return None;
        }
        // SAFETY: as in `put`: the pointer came from `Box::into_raw`, and this swap is the
        // only one that returned it, so ownership of the box passes to this thread.
        Some(unsafe { Box::from_raw(p) })
    }
}

impl<T> Drop for Slot<T> {
    fn drop(&mut self) {
        drop(self.take());
    }
}
