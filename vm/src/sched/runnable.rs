//! A run-queue entry: a runnable process's handle, held without a reference count.
//!
//! Counting queue entries cost two atomic read-modify-writes per wake-up (an increment
//! when the process is queued, a decrement after its slice), on the handle's cache line,
//! which the sender and the worker then pass between their cores. No count is needed: the
//! process table owns a count of every live process's handle and gives it up (to the epoch
//! collector) only after the process has exited, and a queued process cannot exit:
//!
//! - an entry is made only for a process that is `RUNNABLE` (a new process, one the caller
//!   just moved from `WAITING`, or one its worker requeues), and each such state change
//!   makes exactly one entry;
//! - only the worker that pops the entry moves the process on from `RUNNABLE` (to
//!   `RUNNING`, `process/slot.rs`), and only a worker running the process sets `EXITED`,
//!   after which the table drops its count through the epoch collector;
//! - that worker stays pinned to the table's epoch while it runs the process
//!   (`worker::run`), so the handle outlives the slice even when the process exits in it.

use crate::process::ProcessHandle;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;
use std::sync::Arc;

/// A runnable process in a run queue (see the module).
pub(crate) struct Runnable(NonNull<ProcessHandle>);

// SAFETY: a `Runnable` stands for an `Arc<ProcessHandle>` (which is `Send`) whose count the
// process table holds; moving it to another thread moves nothing else.
unsafe impl Send for Runnable {}

impl Runnable {
    /// An entry for `h`, whose process is `RUNNABLE` by the caller's own state change (see
    /// the module), so that it stays in the process table until a worker pops the entry.
    pub(crate) fn new(h: &Arc<ProcessHandle>) -> Runnable {
        Runnable(NonNull::from(&**h))
    }

    /// The handle, for the worker that popped the entry. It must stay pinned to the process
    /// table's epoch while it uses the handle.
    pub(crate) fn handle(self) -> ManuallyDrop<Arc<ProcessHandle>> {
        // SAFETY: the pointer came from an `Arc<ProcessHandle>` (`new`), and that handle is
        // alive: its process is runnable, so the table still holds a count of it, and the
        // caller's pin keeps it alive past the process's exit (see the module).
        // `ManuallyDrop` keeps this borrowed `Arc` from dropping a count it does not own.
        ManuallyDrop::new(unsafe { Arc::from_raw(self.0.as_ptr()) })
    }
}
