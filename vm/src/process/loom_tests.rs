//! Model-checking tests (run with `RUSTFLAGS="--cfg loom"`) of the signal/park protocol at
//! the top of `process/mod.rs`: every interleaving of a sender and the worker running the
//! process is explored.

use super::{Handle, Signal};
use crate::term::Pid;
use loom::sync::Arc;
use loom::thread;
use std::collections::VecDeque;

/// A signal sent while the process runs is never lost: either the worker sees it before it
/// parks, or parking fails and the worker goes on, or the sender is told to schedule the
/// (now waiting) process. And a running process is never scheduled a second time.
#[test]
fn no_signal_is_lost_and_no_process_runs_twice() {
    loom::model(|| {
        let h = Arc::new(Handle::new(Pid(1), Box::new(0u32)));
        let private = h.start_running().expect("runnable at first");
        let sender = {
            let h = h.clone();
            thread::spawn(move || h.push_or_return(Signal::Timeout(7)).ok() == Some(true))
        };
        let mut seen = VecDeque::new();
        h.take_signals(&mut seen);
        let kept = h.park(private);
        let must_schedule = sender.join().expect("sender");
        if kept.is_some() {
            // Parking failed because a signal arrived: the worker goes on and sees it.
            assert!(!must_schedule, "a running process was scheduled");
            h.take_signals(&mut seen);
            assert_eq!(seen.len(), 1);
        } else if seen.is_empty() {
            assert!(must_schedule, "a signal arrived and nobody will run the process");
        }
    });
}

/// Two senders racing a parking worker: exactly one of them schedules the process, if any.
#[test]
fn only_one_sender_schedules_a_waiting_process() {
    loom::model(|| {
        let h = Arc::new(Handle::new(Pid(1), Box::new(0u32)));
        let private = h.start_running().expect("runnable at first");
        assert!(h.park(private).is_none());
        let a = {
            let h = h.clone();
            thread::spawn(move || h.push_or_return(Signal::Timeout(1)).ok() == Some(true))
        };
        let b = h.push_or_return(Signal::Timeout(2)).ok() == Some(true);
        let a = a.join().expect("sender");
        assert!(a ^ b, "exactly one sender schedules the process");
        assert!(h.start_running().is_some());
    });
}

/// A push racing the close of an exiting process's inbox is either returned by the close
/// (and answered) or refused (and its sender told the process is gone): never both, never
/// neither.
#[test]
fn a_signal_racing_exit_is_answered_or_refused() {
    loom::model(|| {
        let h = Arc::new(Handle::new(Pid(1), Box::new(0u32)));
        let sender = {
            let h = h.clone();
            thread::spawn(move || h.push_or_return(Signal::Timeout(3)).ok().is_some())
        };
        let late = h.mark_exited();
        let accepted = sender.join().expect("sender");
        assert_eq!(accepted, late.len() == 1, "accepted {accepted}, returned {}", late.len());
        assert!(h.push_or_return(Signal::Timeout(4)).ok().is_none(), "a closed inbox refuses signals");
    });
}

/// Two senders and a taking consumer: every signal is taken exactly once, and each
/// sender's signals in the order it sent them.
#[test]
fn signals_are_taken_once_in_order() {
    loom::model(|| {
        let h = Arc::new(Handle::new(Pid(1), Box::new(0u32)));
        let a = {
            let h = h.clone();
            thread::spawn(move || {
                h.push_or_return(Signal::Timeout(1)).ok();
                h.push_or_return(Signal::Timeout(2)).ok();
            })
        };
        h.push_or_return(Signal::Timeout(10)).ok();
        let mut seen = VecDeque::new();
        h.take_signals(&mut seen);
        a.join().expect("sender");
        h.take_signals(&mut seen);
        let ids: Vec<u64> = seen.iter().map(|s| if let Signal::Timeout(n) = s { *n } else { 0 }).collect();
        assert_eq!(ids.len(), 3);
        let ones: Vec<u64> = ids.iter().copied().filter(|n| *n < 10).collect();
        assert_eq!(ones, vec![1, 2], "one sender's signals stay in order: {ids:?}");
    });
}

/// A reader looking at a runnable process races the worker that starts it: the reader sees
/// the half only before the worker has it, and then the worker sees what the reader did.
#[test]
fn a_reader_and_a_starting_worker_never_share_the_half() {
    loom::model(|| {
        let h = Arc::new(Handle::new(Pid(1), Box::new(0u32)));
        let reader = {
            let h = h.clone();
            thread::spawn(move || h.peek(|n| *n += 1).is_some())
        };
        let half = h.start_running().expect("runnable at first");
        let seen = *half;
        let peeked = reader.join().expect("reader");
        if !peeked {
            assert_eq!(seen, 0);
        }
        // A peek that succeeded came before the start (a running process is not peeked
        // at), so the worker saw its change.
        if peeked {
            assert_eq!(seen, 1);
        }
        h.requeue(half);
    });
}

/// A reader looking at a waiting process races a sender that wakes it: the sender still
/// schedules the process, the reader still gets the half, and the worker that then starts
/// the process sees what the reader did.
#[test]
fn a_reader_does_not_stop_a_sender_waking_the_process() {
    loom::model(|| {
        let h = Arc::new(Handle::new(Pid(1), Box::new(0u32)));
        let half = h.start_running().expect("runnable at first");
        assert!(h.park(half).is_none());
        let sender = {
            let h = h.clone();
            thread::spawn(move || h.push_or_return(Signal::Timeout(1)).ok() == Some(true))
        };
        assert!(h.peek(|n| *n += 1).is_some(), "a process no worker runs can be read");
        assert!(sender.join().expect("sender"), "the sender schedules the waiting process");
        let half = h.start_running().expect("runnable after the send");
        assert_eq!(*half, 1);
    });
}
