//! A worker thread: finds a runnable process (its own queue, then the injector, then other
//! workers' queues), runs it for a budget of reductions, and parks when there is nothing
//! to do.

use super::{Runnable, Scheduler, BUDGET, INDEX, LOCAL, NEXT};
use crate::interp::exception::Class;
use crate::interp::{self, Outcome};
use crate::process::{Proc, ProcessHandle};
use crate::sched::timer::TimerAction;
use crate::term::{atoms, Term};
use crate::vm::VmShared;
use crossbeam_deque::{Steal, Worker};
use std::sync::Arc;

/// How many times an idle worker looks for work before it parks.
const SPIN_ROUNDS: u32 = 64;
/// How many processes a worker runs between moves of its epoch pin (see `run`).
const REPIN_EVERY: u32 = 64;

pub(super) fn run(vm: Arc<VmShared>, index: usize, local: Worker<Runnable>) {
    let sched: &Scheduler = &vm.sched;
    LOCAL.with(|l| *l.borrow_mut() = Some((sched.id, local)));
    INDEX.set(index);
    let mut idle_rounds = 0u32;
    // While it has work, the worker stays pinned to the process table's epoch (lookups of
    // pids by sends then cost no fence each), moving the pin on every few processes so that
    // memory of ended processes is reclaimed; it unpins before it looks for work elsewhere.
    let mut pinned = None;
    let mut runs_since_pin = 0u32;
    // Scratch space for the arguments of built-in calls, lent to each slice.
    let mut argbuf = Vec::with_capacity(8);
    loop {
        if sched.idle.is_shutdown() {
            break;
        }
        match find_work(sched, index) {
            Some(h) => {
                idle_rounds = 0;
                let guard = pinned.get_or_insert_with(crate::process::table::pin);
                runs_since_pin += 1;
                if runs_since_pin >= REPIN_EVERY {
                    // Hand this thread's deferred frees (handles of ended processes) to the
                    // collector and let it advance the epoch: a thread that stays pinned
                    // never collects otherwise, and a busy VM would keep every ended
                    // process's handle.
                    guard.flush();
                    guard.repin();
                    runs_since_pin = 0;
                }
                // The entry's handle is used only while pinned (see `Runnable`).
                let h = h.handle();
                h.set_home(index);
                run_process(&vm, &h, &mut argbuf);
            }
            // Look again a few times before sleeping: work often arrives within
            // microseconds (a reply, a new process), and waking a sleeping thread costs
            // more than the wait. The spin is bounded, so an idle VM still sleeps.
            None if pinned.is_some() => pinned = None,
            None if idle_rounds < SPIN_ROUNDS => {
                idle_rounds += 1;
                std::hint::spin_loop();
                if idle_rounds.is_multiple_of(16) {
                    std::thread::yield_now();
                }
            }
            None => {
                idle_rounds = 0;
                // Nothing to run: make what was printed visible before sleeping.
                vm.flush_output();
                sched.idle.park(|| sched.has_work());
            }
        }
    }
    LOCAL.with(|l| *l.borrow_mut() = None);
}

fn find_work(sched: &Scheduler, index: usize) -> Option<Runnable> {
    let fresh = super::FRESH.with(|f| f.borrow_mut().pop_front());
    if fresh.is_some() {
        return fresh;
    }
    if let Some(h) = NEXT.take() {
        return Some(h);
    }
    // Processes that came back to this worker (see `Scheduler::enqueue`), before the local
    // queue: a process that used up its slice goes back onto that queue, and one that
    // keeps doing so would otherwise keep them waiting.
    if let Some(q) = sched.homes.get().and_then(|q| q.get(index)).filter(|q| !q.is_empty()) {
        loop {
            match q.steal() {
                Steal::Success(h) => return Some(h),
                Steal::Retry => continue,
                Steal::Empty => break,
            }
        }
    }
    let local = LOCAL.with(|l| l.borrow().as_ref().and_then(|(_, w)| w.pop()));
    if local.is_some() {
        return local;
    }
    loop {
        let mut retry = false;
        let from_injector = LOCAL.with(|l| match &*l.borrow() {
            Some((_, w)) => sched.injector.steal_batch_and_pop(w),
            None => sched.injector.steal(),
        });
        match from_injector {
            Steal::Success(h) => return Some(h),
            Steal::Retry => retry = true,
            Steal::Empty => {}
        }
        if let Some(stealers) = sched.stealers.get() {
            let n = stealers.len();
            for k in 1..n {
                let victim = &stealers[(index + k) % n];
                // A worker's single queued process is left to it: it runs when the current
                // one yields, keeping a parent's next steps ahead of its new child.
                if victim.len() < 2 {
                    continue;
                }
                match victim.steal() {
                    Steal::Success(h) => return Some(h),
                    Steal::Retry => retry = true,
                    Steal::Empty => {}
                }
            }
        }
        // An idle worker takes a process that is waiting to go back to a busy one.
        if let Some(homes) = sched.homes.get() {
            let n = homes.len();
            for k in 1..n {
                let q = &homes[(index + k) % n];
                if q.is_empty() {
                    continue;
                }
                match q.steal() {
                    Steal::Success(h) => return Some(h),
                    Steal::Retry => retry = true,
                    Steal::Empty => {}
                }
            }
        }
        if !retry {
            return None;
        }
    }
}

/// Runs one process for one slice (or more, while signals keep it from waiting).
fn run_process(vm: &Arc<VmShared>, h: &Arc<ProcessHandle>, argbuf: &mut Vec<Term>) {
    let Some(mut proc) = h.start_running() else { return };
    loop {
        proc.take_in(h.signals());
        if let Some(reason) = proc.take_kill() {
            return exit_process(vm, h, proc, reason, None);
        }
        match interp::run(&mut proc, BUDGET, argbuf) {
            Outcome::Yield => {
                if let Some(reason) = proc.take_kill() {
                    return exit_process(vm, h, proc, reason, None);
                }
                h.requeue(proc);
                vm.sched.requeue(Runnable::new(h));
                return;
            }
            Outcome::Wait(deadline) => {
                // A timer that fires by the deadline is there already, or one is set (see
                // `Rare::timer_armed`).
                if let Some(d) = deadline {
                    if proc.rare().timer_armed.is_none_or(|(at, _)| at > d) {
                        let id = vm.make_ref().0;
                        if let Some((_, old)) = proc.rare_mut().timer_armed.replace((d, id)) {
                            vm.timers.discard(old);
                        }
                        vm.timers.add(id, d, TimerAction::Wake(proc.pid));
                    }
                }
                match h.park(proc) {
                    None => return,
                    Some(p) => proc = p,
                }
            }
            Outcome::Done(v) => {
                // Kept only for whoever waits for it from outside the VM (storing it for
                // every process would make each one's out-of-line state).
                if proc.rare().completion.is_some() {
                    proc.rare_mut().result = Some(v);
                }
                return exit_process(vm, h, proc, Term::Atom(atoms::NORMAL), None);
            }
            Outcome::Failed(class, reason, stack) => {
                let exit_reason = match class {
                    Class::Exit => reason.clone(),
                    Class::Error => Term::tuple([reason.clone(), stack.clone()]),
                    Class::Throw => Term::tuple([Term::tuple([Term::atom("nocatch"), reason.clone()]), stack.clone()]),
                };
                return exit_process(vm, h, proc, exit_reason, Some((class, reason, stack)));
            }
        }
    }
}

/// Ends a process: tells its links and monitors, frees its name and its table slot.
fn exit_process(
    vm: &Arc<VmShared>,
    h: &Arc<ProcessHandle>,
    mut proc: Box<Proc>,
    reason: Term,
    failure: Option<(Class, Term, Term)>,
) {
    vm.finish_process(h, &mut proc, reason, failure);
}
