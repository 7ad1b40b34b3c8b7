//! Parking idle workers without lost wake-ups and without waking all of them.
//!
//! The protocol:
//!
//! 1. A producer pushes work onto a queue, then (after a `SeqCst` fence) reads the number
//!    of sleepers; if it is not zero, it takes the lock and wakes one sleeper.
//! 2. A worker that found no work takes the lock, counts itself as a sleeper (`SeqCst`),
//!    fences, and checks every queue once more while holding the lock. Only if that finds
//!    nothing does it wait on the condition variable (which releases the lock).
//!
//! Either the producer's read in step 1 sees the sleeper (and its notification happens
//! under the lock, after the sleeper is waiting), or the sleeper's re-check in step 2 sees
//! the work. The `SeqCst` fences on both sides rule out the case where neither sees the
//! other.

use crate::sync::{fence, lock, AtomicBool, AtomicUsize, Condvar, Mutex, Ordering};

/// The shared parking lot of a scheduler's workers.
pub(crate) struct Idle {
    sleepers: AtomicUsize,
    shutdown: AtomicBool,
    lock: Mutex<()>,
    cv: Condvar,
}

impl Idle {
    pub(crate) fn new() -> Idle {
        Idle {
            sleepers: AtomicUsize::new(0),
            shutdown: AtomicBool::new(false),
            lock: Mutex::new(()),
            cv: Condvar::new(),
        }
    }

    /// Step 1: called after pushing work.
    pub(crate) fn notify_one(&self) {
        fence(Ordering::SeqCst);
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            let _g = lock(&self.lock);
            self.cv.notify_one();
        }
    }

    /// Step 2: parks the calling worker unless `has_work` finds something. Returns at once
    /// if the scheduler is shutting down.
    pub(crate) fn park(&self, has_work: impl Fn() -> bool) {
        let g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.sleepers.fetch_add(1, Ordering::SeqCst);
        fence(Ordering::SeqCst);
        if !has_work() && !self.shutdown.load(Ordering::SeqCst) {
            let _g = self.cv.wait(g).unwrap_or_else(|e| e.into_inner());
        }
        self.sleepers.fetch_sub(1, Ordering::SeqCst);
    }

    /// Wakes every worker for shutdown.
    pub(crate) fn shutdown(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
        let _g = lock(&self.lock);
        self.cv.notify_all();
    }

    /// Is the scheduler shutting down?
    pub(crate) fn is_shutdown(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }
}

#[cfg(all(test, loom))]
mod loom_tests {
    //! Model-checking tests of the parking protocol (run with `RUSTFLAGS="--cfg loom"`).

    use super::Idle;
    use loom::sync::atomic::{AtomicBool, Ordering};
    use loom::sync::Arc;
    use loom::thread;

    /// Work pushed while a worker decides to sleep always wakes it (loom reports a
    /// deadlock if some interleaving leaves the worker asleep with work pending).
    #[test]
    fn a_parking_worker_never_misses_work() {
        loom::model(|| {
            let idle = Arc::new(Idle::new());
            let work = Arc::new(AtomicBool::new(false));
            let worker = {
                let (idle, work) = (idle.clone(), work.clone());
                thread::spawn(move || {
                    while !work.load(Ordering::SeqCst) {
                        idle.park(|| work.load(Ordering::SeqCst));
                    }
                })
            };
            work.store(true, Ordering::SeqCst);
            idle.notify_one();
            worker.join().expect("worker");
        });
    }
}
