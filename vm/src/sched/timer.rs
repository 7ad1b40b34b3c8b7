//! The timer service: one thread keeps every pending timer of a VM (receive timeouts,
//! `send_after`, `start_timer`) in a heap ordered by deadline and fires each when it is due.
//! No timer has a thread of its own; an idle VM's timer thread sleeps until the next
//! deadline, or until a new timer comes before it.

use crate::process::Signal;
use crate::sync::{lock, Condvar, Mutex};
use crate::term::{Pid, Term};
use crate::vm::VmShared;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Weak;
use std::time::{Duration, Instant};

/// What a timer does when it fires.
pub(crate) enum TimerAction {
    /// Wakes a process waiting in `receive ... after`.
    Wake(Pid),
    /// Sends a message to a pid or a registered name.
    Send {
        /// The destination.
        to: Term,
        /// The message.
        msg: Term,
    },
}

struct Entry {
    deadline: Instant,
    action: TimerAction,
}

#[derive(Default)]
struct State {
    heap: BinaryHeap<Reverse<(Instant, u64)>>,
    entries: HashMap<u64, Entry>,
    shutdown: bool,
}

/// The timers of one VM.
pub(crate) struct Timers {
    state: Mutex<State>,
    cv: Condvar,
}

impl Timers {
    pub(crate) fn new() -> Timers {
        Timers { state: Mutex::new(State::default()), cv: Condvar::new() }
    }

    /// Adds a timer with id `id` (the number of its reference).
    pub(crate) fn add(&self, id: u64, deadline: Instant, action: TimerAction) {
        let mut s = lock(&self.state);
        let earliest = s.heap.peek().is_none_or(|Reverse((d, _))| deadline < *d);
        s.heap.push(Reverse((deadline, id)));
        s.entries.insert(id, Entry { deadline, action });
        drop(s);
        if earliest {
            self.cv.notify_one();
        }
    }

    /// Cancels a timer; returns the time it had left, if it was pending.
    pub(crate) fn cancel(&self, id: u64) -> Option<Duration> {
        let mut s = lock(&self.state);
        let e = s.entries.remove(&id)?;
        // Cancelled timers leave their heap entries behind; when most of the heap is such
        // leftovers (a server whose calls all return before their timeouts), rebuild it.
        if s.heap.len() > 1024 && s.heap.len() > 4 * s.entries.len() {
            let live: BinaryHeap<Reverse<(Instant, u64)>> =
                s.entries.iter().map(|(id, e)| Reverse((e.deadline, *id))).collect();
            s.heap = live;
        }
        Some(e.deadline.saturating_duration_since(Instant::now()))
    }

    /// The time a pending timer has left.
    pub(crate) fn remaining(&self, id: u64) -> Option<Duration> {
        let s = lock(&self.state);
        s.entries.get(&id).map(|e| e.deadline.saturating_duration_since(Instant::now()))
    }

    /// Stops the timer thread.
    pub(crate) fn shutdown(&self) {
        lock(&self.state).shutdown = true;
        self.cv.notify_one();
    }

    /// The timer thread's loop.
    pub(crate) fn run(&self, vm: Weak<VmShared>) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if s.shutdown {
                return;
            }
            let now = Instant::now();
            match s.heap.peek().copied() {
                None => s = self.cv.wait(s).unwrap_or_else(|e| e.into_inner()),
                Some(Reverse((d, id))) if d <= now => {
                    s.heap.pop();
                    if let Some(e) = s.entries.remove(&id) {
                        drop(s);
                        if let Some(vm) = vm.upgrade() {
                            fire(&vm, id, e.action);
                        }
                        s = self.state.lock().unwrap_or_else(|e| e.into_inner());
                    }
                }
                Some(Reverse((d, _))) => {
                    s = self.cv.wait_timeout(s, d - now).unwrap_or_else(|e| e.into_inner()).0;
                }
            }
        }
    }
}

fn fire(vm: &VmShared, id: u64, action: TimerAction) {
    match action {
        TimerAction::Wake(pid) => {
            vm.signal(pid, Signal::Timeout(id));
        }
        TimerAction::Send { to, msg } => {
            let pid = match &to {
                Term::Pid(p) => Some(*p),
                Term::Atom(a) => vm.processes.whereis(*a),
                _ => None,
            };
            if let Some(pid) = pid {
                vm.signal(pid, Signal::Message(msg));
            }
        }
    }
}
