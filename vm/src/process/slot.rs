//! A process's state word and the cell its private half lives in while no worker runs it.
//!
//! The state word says who may touch the cell, so taking the half out and putting it back
//! are plain memory accesses, not atomic swaps: a worker owns the half from its
//! `RUNNABLE` to `RUNNING` compare-and-swap until it parks or requeues the process (the
//! protocol is at the top of `process/mod.rs`). A reader that wants to look at a process
//! that is not running (`process_info`, `is_process_alive`, code purging) sets the `PEEK`
//! bit on `WAITING` or `RUNNABLE` with a compare-and-swap, owns the half while the bit is
//! set, and clears it (a host mailbox is never read this way: its signals are the host's).
//! Meanwhile a sender may still make a `WAITING` process
//! `RUNNABLE` (the bit stays), and the worker that pops it waits for the bit to clear before
//! it starts running the process. A `RUNNING` process is never peeked at, so a worker that
//! owns the half never competes with a reader.
//!
//! Every hand-over pairs a release (the state change after the owner's last access) with an
//! acquire (the compare-and-swap that gives the next owner the cell).

use crate::sync::{fence, AtomicBool, AtomicU8, Ordering, UnsafeCell};

/// Waiting for a signal, in no run queue.
pub(crate) const WAITING: u8 = 0;
/// In a run queue.
pub(crate) const RUNNABLE: u8 = 1;
/// Being run by a worker.
pub(crate) const RUNNING: u8 = 2;
/// Being run, and a signal arrived since the worker last drained the inbox.
pub(crate) const NOTIFIED: u8 = 3;
/// Dead.
pub(crate) const EXITED: u8 = 4;
/// Not an Erlang process: a mailbox the host (Rust code embedding the VM) reads; it is
/// never scheduled.
pub(crate) const HOST: u8 = 5;
/// Set on top of `WAITING` or `RUNNABLE` while a reader has the private half.
const PEEK: u8 = 0x10;

pub(crate) struct Slot<T> {
    state: AtomicU8,
    /// An untrappable kill was sent (for `is_process_alive`, which may not look into the
    /// inbox: only the process's consumer may). Here beside the state word, where it
    /// takes no room of its own.
    killed: AtomicBool,
    /// Which VM-wide tables hold something of this process (`OWNS_*` bits in
    /// `process/mod.rs`), so that its exit looks only into those. Also beside the state word.
    owns: AtomicU8,
    /// The worker that ran the process last, plus one (0: none yet); a hint for where to
    /// queue it when it wakes. Also beside the state word.
    home: AtomicU8,
    /// The private half. Accessed only by the owner the state word names (see the module).
    cell: UnsafeCell<Option<Box<T>>>,
}

// SAFETY: the slot hands a `Box<T>` from thread to thread, one owner at a time (the state
// protocol above), which is sound whenever `Box<T>` itself may be sent.
unsafe impl<T: Send> Send for Slot<T> {}
// SAFETY: through `&Slot<T>` a thread reaches the `T` only while the state word makes it
// the half's sole owner (a worker between start and park, or a reader holding `PEEK`), so
// no `T` is ever accessed from two threads at once and `T: Send` suffices.
unsafe impl<T: Send> Sync for Slot<T> {}

impl<T> Slot<T> {
    /// A slot holding `value`, in state `RUNNABLE`.
    pub(crate) fn new(value: Box<T>) -> Slot<T> {
        Slot {
            state: AtomicU8::new(RUNNABLE),
            killed: AtomicBool::new(false),
            owns: AtomicU8::new(0),
            home: AtomicU8::new(0),
            cell: UnsafeCell::new(Some(value)),
        }
    }

    /// The state, without the `PEEK` bit.
    pub(crate) fn state(&self) -> u8 {
        self.state.load(Ordering::Acquire) & !PEEK
    }

    /// Sets a state the caller may set alone: `HOST` on a new handle, `EXITED` by the worker
    /// that owns the half.
    pub(crate) fn set(&self, state: u8) {
        self.state.store(state, Ordering::Release);
    }

    /// The worker that ran the process last, if any.
    pub(crate) fn home(&self) -> Option<usize> {
        (self.home.load(Ordering::Relaxed) as usize).checked_sub(1)
    }

    /// Records that worker `index` runs the process (workers past 254 record none).
    pub(crate) fn set_home(&self, index: usize) {
        let v = u8::try_from(index + 1).unwrap_or(0);
        if self.home.load(Ordering::Relaxed) != v {
            self.home.store(v, Ordering::Relaxed);
        }
    }

    /// Records that an untrappable kill was sent.
    pub(crate) fn set_killed(&self) {
        self.killed.store(true, Ordering::Release);
    }

    /// Was an untrappable kill sent?
    pub(crate) fn killed(&self) -> bool {
        self.killed.load(Ordering::Acquire)
    }

    /// Records that a VM-wide table now holds something of this process. The fence pairs
    /// with the one in [`Slot::owned`]: a caller that then finds the process alive knows
    /// that its exit will see `bits`; one that finds it dead must clean up itself.
    pub(crate) fn add_owned(&self, bits: u8) {
        self.owns.fetch_or(bits, Ordering::SeqCst);
        fence(Ordering::SeqCst);
    }

    /// The `OWNS_*` bits, read by the exiting process after it set `EXITED` (see
    /// [`Slot::add_owned`]).
    pub(crate) fn owned(&self) -> u8 {
        fence(Ordering::SeqCst);
        self.owns.load(Ordering::SeqCst)
    }

    /// A sender's step: `WAITING` becomes `RUNNABLE` (true: the caller must schedule the
    /// process), `RUNNING` becomes `NOTIFIED`; anything else stays. A reader's `PEEK` bit is
    /// kept.
    pub(crate) fn notify(&self) -> bool {
        let mut s = self.state.load(Ordering::Acquire);
        loop {
            let next = match s & !PEEK {
                WAITING => RUNNABLE | (s & PEEK),
                RUNNING => NOTIFIED,
                _ => return false,
            };
            // AcqRel: the inbox push before this must be visible to whoever acts on the
            // new state.
            match self.state.compare_exchange(s, next, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return s & !PEEK == WAITING,
                Err(now) => s = now,
            }
        }
    }

    /// A worker's step: `RUNNABLE` becomes `RUNNING` and the worker takes the half. None if
    /// the process is not runnable (a stale queue entry). Waits while a reader has it.
    pub(crate) fn start_running(&self) -> Option<Box<T>> {
        let mut spins = 0u32;
        loop {
            match self.state.compare_exchange(RUNNABLE, RUNNING, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => break,
                Err(s) if s == RUNNABLE | PEEK => {
                    spins += 1;
                    if spins < 64 {
                        crate::sync::spin_loop();
                    } else {
                        crate::sync::yield_now();
                    }
                }
                Err(_) => return None,
            }
        }
        // SAFETY: the compare-and-swap above made this thread the half's owner: no reader
        // holds `PEEK` (the exchange required the state to be exactly `RUNNABLE`), no other
        // worker can start a `RUNNING` process, and the acquire sees the last owner's writes.
        let half = self.cell.with_mut(|c| unsafe { (*c).take() });
        debug_assert!(half.is_some(), "a runnable process without its private half");
        half
    }

    /// A worker's step: the process waits. The half goes back in and `RUNNING` becomes
    /// `WAITING`; if a signal came meanwhile (`NOTIFIED`) the worker keeps the half, the
    /// state is `RUNNING` again, and the half is returned.
    pub(crate) fn park(&self, half: Box<T>) -> Option<Box<T>> {
        // NOTIFIED already: the half need not go in and out.
        if self.state.load(Ordering::Acquire) == NOTIFIED {
            self.state.store(RUNNING, Ordering::Release);
            return Some(half);
        }
        self.put(half);
        if self.state.compare_exchange(RUNNING, WAITING, Ordering::AcqRel, Ordering::Acquire).is_ok() {
            return None;
        }
        // NOTIFIED: the worker still owns the half (only it leaves RUNNING/NOTIFIED).
        self.state.store(RUNNING, Ordering::Release);
        // SAFETY: the state was `NOTIFIED`, from which only this worker moves on, so no
        // reader and no other worker can have taken ownership since `put`.
        let half = self.cell.with_mut(|c| unsafe { (*c).take() });
        debug_assert!(half.is_some(), "a notified process without its private half");
        half
    }

    /// A worker's step: the process used its reductions and goes back to a run queue.
    pub(crate) fn requeue(&self, half: Box<T>) {
        self.put(half);
        self.state.store(RUNNABLE, Ordering::Release);
    }

    /// Puts the half back in, by the worker that owns it (before the release that hands
    /// it over).
    fn put(&self, half: Box<T>) {
        // SAFETY: called only by the worker between `start_running` and the state change
        // that ends its ownership: no other thread accesses the cell meanwhile.
        let old = self.cell.with_mut(|c| unsafe { (*c).replace(half) });
        debug_assert!(old.is_none(), "a process's private half was put back twice");
    }

    /// A reader's look at the half of a process no worker is running: None if a worker
    /// runs it, another reader has it, or the process is gone.
    pub(crate) fn peek<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let mut s = self.state.load(Ordering::Acquire);
        loop {
            // (A host mailbox's half is never read: its signals are the host's to take.)
            if s & PEEK != 0 || !matches!(s, WAITING | RUNNABLE) {
                return None;
            }
            match self.state.compare_exchange(s, s | PEEK, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => break,
                Err(now) => s = now,
            }
        }
        // Clears the bit when `f` returns or unwinds (a panic in it must not leave the
        // process unreadable and unrunnable). Release: the next owner sees what `f`
        // changed. Senders may have changed the rest of the state meanwhile; only the bit
        // is cleared.
        struct Unpeek<'a>(&'a AtomicU8);
        impl Drop for Unpeek<'_> {
            fn drop(&mut self) {
                self.0.fetch_and(!PEEK, Ordering::AcqRel);
            }
        }
        let _unpeek = Unpeek(&self.state);
        // SAFETY: this thread set `PEEK` on a state in which no worker owns the half (a
        // worker takes it only by moving `RUNNABLE` to `RUNNING`, which the bit blocks), and
        // no other reader can set the bit until `_unpeek` clears it; the acquire sees the
        // last owner's writes.
        self.cell.with_mut(|c| unsafe { (*c).as_deref_mut().map(f) })
    }
}

impl<T> Drop for Slot<T> {
    fn drop(&mut self) {
        // SAFETY: `&mut self`: no other reference to the slot exists.
        drop(self.cell.with_mut(|c| unsafe { (*c).take() }));
    }
}
