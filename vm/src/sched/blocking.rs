//! The blocking pool: threads for work that may block (file I/O), so that it never runs on
//! a scheduler thread. A process that starts such work gets a reference at once and
//! waits in `receive` for the answer, while its scheduler runs other processes.
//!
//! Threads are made on demand, one per job waiting with no idle thread to take it, up to
//! [`MAX_THREADS`]; beyond that jobs queue. A thread with nothing to do for
//! [`IDLE_EXIT`] ends, so an idle VM keeps none. Each VM has its own pool; when the VM is
//! dropped the pool's threads end after their current job.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The most threads a pool runs at once. Each job that blocks for good (a FIFO nobody
/// opens the other end of) holds one; beyond this many, jobs queue.
pub(crate) const MAX_THREADS: usize = 64;
/// How long a thread waits for a job before it ends.
const IDLE_EXIT: Duration = Duration::from_secs(10);

/// A piece of blocking work.
pub(crate) type Job = Box<dyn FnOnce() + Send>;

/// A VM's blocking pool.
#[derive(Default)]
pub(crate) struct BlockingPool {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Default)]
struct State {
    jobs: VecDeque<Job>,
    /// Threads alive.
    threads: usize,
    /// Threads waiting for a job.
    idle: usize,
    /// The VM is gone: threads end.
    closed: bool,
}

impl BlockingPool {
    /// Runs `job` on a pool thread.
    pub(crate) fn submit(&self, job: Job) {
        let mut st = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
        st.jobs.push_back(job);
        // More jobs waiting than idle threads to take them: add a thread (if one cannot be
        // made, the job waits for one of those running).
        if st.jobs.len() > st.idle && st.threads < MAX_THREADS {
            let shared = self.shared.clone();
            let made = std::thread::Builder::new().name("ember-blocking".into()).spawn(move || work(&shared));
            match made {
                Ok(_) => st.threads += 1,
                // No thread could be made and none runs: do the job here rather than leave
                // it waiting for a thread that may never come.
                Err(_) if st.threads == 0 => {
                    let job = st.jobs.pop_back();
                    drop(st);
                    if let Some(job) = job {
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                    }
                    return;
                }
                Err(_) => {}
            }
        }
        drop(st);
        self.shared.wake.notify_one();
    }

    /// Threads alive now (for tests).
    #[cfg(test)]
    fn threads(&self) -> usize {
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner()).threads
    }
}

impl Drop for BlockingPool {
    fn drop(&mut self) {
        let mut st = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
        st.closed = true;
        st.jobs.clear();
        drop(st);
        self.shared.wake.notify_all();
    }
}

/// A pool thread: runs jobs until the pool closes or none comes for [`IDLE_EXIT`].
fn work(shared: &Shared) {
    let mut st = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if st.closed {
            break;
        }
        if let Some(job) = st.jobs.pop_front() {
            drop(st);
            // A job answers its process itself; one that panics has its own guard (see
            // `bif::file`), and this catch only keeps the thread alive.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            st = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            continue;
        }
        st.idle += 1;
        let (next, timeout) = shared.wake.wait_timeout(st, IDLE_EXIT).unwrap_or_else(|e| e.into_inner());
        st = next;
        st.idle -= 1;
        if timeout.timed_out() && st.jobs.is_empty() {
            break;
        }
    }
    st.threads -= 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn jobs_that_block_do_not_hold_up_the_others() {
        let pool = BlockingPool::default();
        let (gate_tx, gate_rx) = mpsc::channel::<()>();
        let (done_tx, done_rx) = mpsc::channel::<&str>();
        let d = done_tx.clone();
        pool.submit(Box::new(move || {
            gate_rx.recv().unwrap();
            d.send("first").unwrap();
        }));
        let d = done_tx.clone();
        pool.submit(Box::new(move || d.send("second").unwrap()));
        // The second job runs while the first is blocked.
        assert_eq!(done_rx.recv_timeout(Duration::from_secs(10)), Ok("second"));
        gate_tx.send(()).unwrap();
        assert_eq!(done_rx.recv_timeout(Duration::from_secs(10)), Ok("first"));
        assert_eq!(pool.threads(), 2);
    }

    #[test]
    fn a_panicking_job_leaves_the_pool_working() {
        let pool = BlockingPool::default();
        pool.submit(Box::new(|| panic!("a job fails")));
        let (tx, rx) = mpsc::channel();
        pool.submit(Box::new(move || tx.send(7).unwrap()));
        assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(7));
    }

    #[test]
    fn at_most_max_threads_run_and_every_job_runs() {
        let pool = BlockingPool::default();
        let (tx, rx) = mpsc::channel();
        for i in 0..(MAX_THREADS * 4) {
            let tx = tx.clone();
            pool.submit(Box::new(move || {
                std::thread::sleep(Duration::from_millis(5));
                tx.send(i).unwrap();
            }));
        }
        let mut got: Vec<usize> =
            (0..MAX_THREADS * 4).map(|_| rx.recv_timeout(Duration::from_secs(10)).unwrap()).collect();
        got.sort_unstable();
        assert_eq!(got, (0..MAX_THREADS * 4).collect::<Vec<_>>());
        assert!(pool.threads() <= MAX_THREADS);
    }
}
