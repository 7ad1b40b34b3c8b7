//! The work-stealing scheduler: one worker thread per core (configurable), each with a
//! local run queue (`crossbeam-deque`), a global injector for work from outside the
//! workers, stealing between workers, and parking without lost wake-ups (`idle.rs`).
//!
//! A process runs for a budget of reductions, then goes to the back of a queue. A process
//! made runnable by a send from a worker goes onto that worker's local queue (or, when
//! nothing else waits there, into the worker's `NEXT` cell: the head of its queue, which
//! costs no atomic operation to take back). A process spawned on a worker runs its first
//! slice there, before the worker's queue, and only then can another worker steal it: most
//! new processes run briefly and wait (or end), and running one on another core costs more
//! than the work it takes away (its memory was just written on this one, and is freed
//! there). Queue entries hold no reference count (`runnable.rs`).
//!
//! Timers are in `timer.rs`; the loop of a worker is in `worker.rs`. Blocking work (file
//! I/O) runs on a pool of its own threads, `blocking.rs`, never on a worker.

pub(crate) mod blocking;
mod idle;
mod runnable;
pub(crate) mod timer;
mod worker;

use crate::process::ProcessHandle;
use crossbeam_deque::{Injector, Stealer, Worker};
use idle::Idle;
pub(crate) use runnable::Runnable;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// Reductions a process may use before it yields to others.
pub(crate) const BUDGET: u32 = 4000;

thread_local! {
    /// The local queue of the worker running on this thread, with its scheduler's id.
    static LOCAL: RefCell<Option<(usize, Worker<Runnable>)>> = const { RefCell::new(None) };
    /// Processes this worker spawned that have not run yet: they run here, where their
    /// memory was just written, and become stealable after their first slice.
    static FRESH: RefCell<std::collections::VecDeque<Runnable>> = const { RefCell::new(std::collections::VecDeque::new()) };
    /// The head of this worker's run queue, kept out of the stealable queue: a process
    /// woken (by a message, a signal) when nothing else waits here (no fresh process, an
    /// empty queue) goes into this cell, and runs when the current one yields or waits.
    /// Taking it back is a plain read, where a pop from the queue is an atomic
    /// read-modify-write that a chain of messages (a ring, a call and its reply) would pay
    /// at every hop. Anything queued while it is full goes behind it, into the queue, so
    /// the order stays first in, first out.
    static NEXT: Cell<Option<Runnable>> = const { Cell::new(None) };
    /// The index of the worker running on this thread.
    static INDEX: Cell<usize> = const { Cell::new(0) };
}

/// The run queues and workers of one VM.
pub(crate) struct Scheduler {
    id: usize,
    injector: Injector<Runnable>,
    stealers: OnceLock<Vec<Stealer<Runnable>>>,
    /// Per worker: processes woken on another worker that last ran on this one (see
    /// `enqueue`).
    homes: OnceLock<Vec<Injector<Runnable>>>,
    idle: Idle,
    threads: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>>,
}

impl Scheduler {
    pub(crate) fn new() -> Scheduler {
        static NEXT_ID: AtomicUsize = AtomicUsize::new(1);
        Scheduler {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            injector: Injector::new(),
            stealers: OnceLock::new(),
            homes: OnceLock::new(),
            idle: Idle::new(),
            threads: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Starts `n` workers for `vm`.
    pub(crate) fn start(&self, vm: &Arc<crate::vm::VmShared>, n: usize) {
        let n = n.max(1);
        let locals: Vec<Worker<Runnable>> = (0..n).map(|_| Worker::new_fifo()).collect();
        let _ = self.stealers.set(locals.iter().map(|w| w.stealer()).collect());
        let _ = self.homes.set((0..n).map(|_| Injector::new()).collect());
        let mut threads = self.threads.lock().unwrap_or_else(|e| e.into_inner());
        for (i, local) in locals.into_iter().enumerate() {
            let vm = vm.clone();
            let h = std::thread::Builder::new()
                .name(format!("ember-scheduler-{}", i + 1))
                // Erlang calls never use the Rust stack, but printing, comparing and freeing
                // deeply nested terms do; give workers room (reserved, not committed).
                .stack_size(256 << 20)
                .spawn(move || worker::run(vm, i, local));
            match h {
                Ok(h) => threads.push(h),
                Err(e) => eprintln!("ember: cannot start a scheduler thread: {e}"),
            }
        }
    }

    /// Makes a runnable process run: on this worker's queue if called from one of this
    /// scheduler's workers, else on the injector.
    ///
    /// A worker that queues a single process for itself does not wake a sleeping sibling:
    /// the process runs as soon as the current one yields or waits, as on BEAM, where a
    /// spawned process does not start before its parent's next instructions. Only a backlog
    /// (more than one queued process) or work from outside the workers wakes a sibling.
    pub(crate) fn schedule(&self, h: &Arc<ProcessHandle>) {
        self.push(Runnable::new(h), h.home());
    }

    /// [`Scheduler::schedule`] for an entry already made (into `NEXT` when nothing else
    /// waits on this worker).
    pub(crate) fn push(&self, h: Runnable, home: Option<usize>) {
        self.enqueue(h, true, home);
    }

    /// A process that used its reductions goes to the back of the queue.
    fn requeue(&self, h: Runnable) {
        self.enqueue(h, false, None);
    }

    /// Queues a runnable process. One woken (`next`) on a busy worker other than the one it
    /// last ran on (`home`) goes back to that worker's queue of returning processes: its
    /// memory is in that core's cache, and a server whose clients run on another worker
    /// then stays where it is instead of following each client that wakes it. Any idle
    /// worker may still take it from there.
    fn enqueue(&self, h: Runnable, next: bool, home: Option<usize>) {
        let mut h = Some(h);
        let mut backlog = true;
        LOCAL.with(|l| {
            if let Some((id, w)) = &*l.borrow() {
                if *id == self.id {
                    // (Only while this worker has other work queued: a process woken by
                    // one that is about to wait, as a caller is, runs here, next.)
                    let away = home.filter(|&i| next && i != INDEX.get() && (!w.is_empty() || has_next()));
                    if let Some(q) = away.and_then(|i| self.homes.get().and_then(|q| q.get(i))) {
                        if let Some(h) = h.take() {
                            q.push(h);
                        }
                        return;
                    }
                    if let Some(h) = h.take() {
                        let head = has_next();
                        if next && !head && w.is_empty() && FRESH.with(|f| f.borrow().is_empty()) {
                            NEXT.set(Some(h));
                            backlog = false;
                        } else {
                            w.push(h);
                            // Counting the one in `NEXT`, more than one is waiting.
                            backlog = w.len() + usize::from(head) > 1;
                        }
                    }
                }
            }
        });
        if let Some(h) = h {
            self.injector.push(h);
        }
        if backlog {
            self.idle.notify_one();
        }
    }

    /// Makes a new process run: first on this worker, if called from one of this
    /// scheduler's workers (see `FRESH`), else as [`Scheduler::schedule`] does.
    pub(crate) fn schedule_new(&self, h: &Arc<ProcessHandle>) {
        let mine = LOCAL.with(|l| l.borrow().as_ref().is_some_and(|(id, _)| *id == self.id));
        if mine {
            FRESH.with(|f| f.borrow_mut().push_back(Runnable::new(h)));
        } else {
            self.schedule(h);
        }
    }

    /// The number of workers.
    pub(crate) fn workers(&self) -> usize {
        self.stealers.get().map(|s| s.len()).unwrap_or(0)
    }

    /// Is there work anywhere?
    fn has_work(&self) -> bool {
        !self.injector.is_empty()
            || self.stealers.get().is_some_and(|s| s.iter().any(|s| s.len() > 1))
            || self.homes.get().is_some_and(|q| q.iter().any(|q| !q.is_empty()))
            || has_next()
            || LOCAL.with(|l| l.borrow().as_ref().is_some_and(|(_, w)| !w.is_empty()))
    }

    /// Stops the workers (they finish the slice they are running) and waits for them,
    /// unless called from one of them.
    pub(crate) fn shutdown(&self) {
        self.idle.shutdown();
        let on_worker = LOCAL.with(|l| l.borrow().as_ref().is_some_and(|(id, _)| *id == self.id));
        if on_worker {
            return;
        }
        let threads = std::mem::take(&mut *self.threads.lock().unwrap_or_else(|e| e.into_inner()));
        for t in threads {
            let _ = t.join();
        }
    }
}

/// Does this thread's worker have a process in `NEXT`?
fn has_next() -> bool {
    let h = NEXT.take();
    let some = h.is_some();
    NEXT.set(h);
    some
}
