//! A process's inbox: a lock-free stack that any number of senders push signals onto, that
//! the process's consumer of the moment (the worker running it, or a reader holding its
//! private half) takes whole, oldest first, and that is closed for good when the process
//! exits, after which pushes are refused.
//!
//! The head word orders everything: a push is one compare-and-swap of it, a take and a
//! close are one swap. So a push either lands before the close (and the close returns it)
//! or sees the closed sentinel (and is refused); nothing is lost in between.
//!
//! A node is made by the sending thread and freed by the receiving one. Freed nodes are
//! kept on a per-thread list (`spare`) for that thread's next pushes, as the tuple pool
//! keeps tuples (`pool.rs`): between a server and its clients on two workers, the calls
//! going one way supply the nodes for the replies going the other, where the allocator
//! would take every free on its slower path for another thread's memory.

use super::Signal;
use crate::sync::{AtomicPtr, Ordering};
use std::collections::VecDeque;
use std::ptr;

struct Node {
    signal: Signal,
    next: *mut Node,
}

/// The head of a closed inbox: the dangling, well-aligned non-null pointer, which no
/// allocation ever returns.
fn closed() -> *mut Node {
    ptr::NonNull::<Node>::dangling().as_ptr()
}

pub(crate) struct Inbox {
    head: AtomicPtr<Node>,
}

impl Inbox {
    pub(crate) fn new() -> Inbox {
        Inbox { head: AtomicPtr::new(ptr::null_mut()) }
    }

    /// Adds a signal; gives it back if the inbox is closed.
    pub(crate) fn push(&self, signal: Signal) -> Result<(), Signal> {
        // The node is allocated first and the signal written into it (building it on the
        // stack and copying it in would take wide loads, which stall on the narrow stores
        // that just wrote the signal).
        let node = spare::take();
        // SAFETY: `node` is a node-sized block this thread owns alone (`spare::take`);
        // writing a whole node initializes it.
        unsafe { node.write(Node { signal, next: ptr::null_mut() }) };
        let mut head = self.head.load(Ordering::Acquire);
        loop {
            if head == closed() {
                // SAFETY: `node` was never published (every compare-and-swap so far
                // failed), so this thread owns it alone; its signal is read out once and
                // the block goes back as memory only.
                let signal = unsafe { ptr::read(&(*node).signal) };
                spare::give(node);
                return Err(signal);
            }
            // SAFETY: as above, the node is still this thread's own: writing its link
            // cannot race with anything.
            unsafe { (*node).next = head };
            // Release: the node's contents are visible to whoever takes it (with Acquire).
            match self.head.compare_exchange_weak(head, node, Ordering::Release, Ordering::Acquire) {
                Ok(_) => return Ok(()),
                Err(now) => head = now,
            }
        }
    }

    /// Takes every signal pushed so far, oldest first. Only one consumer at a time may call
    /// it (the process's protocol guarantees that).
    pub(crate) fn take(&self) -> Taken {
        let mut head = self.head.load(Ordering::Acquire);
        loop {
            if head.is_null() || head == closed() {
                return Taken { node: ptr::null_mut() };
            }
            match self.head.compare_exchange_weak(head, ptr::null_mut(), Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => break,
                Err(now) => head = now,
            }
        }
        Taken { node: reverse(head) }
    }

    /// Moves every signal pushed so far to the back of `into`, oldest first.
    pub(crate) fn take_into(&self, into: &mut VecDeque<Signal>) {
        into.extend(self.take());
    }

    /// Closes the inbox for good and returns what was in it, oldest first.
    pub(crate) fn close(&self) -> VecDeque<Signal> {
        let head = self.head.swap(closed(), Ordering::AcqRel);
        if head == closed() {
            return VecDeque::new();
        }
        Taken { node: reverse(head) }.collect()
    }
}

/// Reverses a detached chain of nodes in place (the stack holds the newest first); returns
/// the new first node.
fn reverse(mut node: *mut Node) -> *mut Node {
    let mut prev = ptr::null_mut();
    while !node.is_null() {
        // SAFETY: the chain was detached from the head by a swap or compare-and-swap with
        // Acquire ordering, so this thread owns every node on it and sees their contents;
        // relinking them touches nothing another thread can reach.
        unsafe {
            let next = (*node).next;
            (*node).next = prev;
            prev = node;
            node = next;
        }
    }
    prev
}

/// Signals taken from an inbox, oldest first: a detached chain of nodes, freed one by one
/// as they are read (and the rest when dropped).
pub(crate) struct Taken {
    node: *mut Node,
}

impl Iterator for Taken {
    type Item = Signal;

    fn next(&mut self) -> Option<Signal> {
        if self.node.is_null() {
            return None;
        }
        let node = self.node;
        // SAFETY: the chain belongs to this `Taken` alone (detached from the inbox, see
        // `reverse`), and each node on it holds an initialized signal, read out exactly
        // once, here; the chain then starts at the successor, and the block goes back as
        // memory only.
        let (signal, next) = unsafe { (ptr::read(&(*node).signal), (*node).next) };
        self.node = next;
        spare::give(node);
        Some(signal)
    }
}

/// Node-sized blocks: a per-thread list of freed ones (linked through their `next`
/// field; their signals are gone), taken before the allocator is asked.
#[cfg(not(loom))]
mod spare {
    use super::Node;
    use std::cell::Cell;
    use std::mem::MaybeUninit;
    use std::ptr;

    /// The most blocks a thread keeps.
    const KEEP: u32 = 256;

    struct Spare {
        head: Cell<*mut Node>,
        len: Cell<u32>,
    }

    impl Drop for Spare {
        fn drop(&mut self) {
            let mut p = self.head.get();
            while !p.is_null() {
                // SAFETY: every block on the list came from `Box<MaybeUninit<Node>>`
                // (`take`) and belongs to the list alone; its `next` was written by `give`.
                // It is freed as uninitialized memory: its signal is gone.
                unsafe {
                    let next = (*p).next;
                    drop(Box::from_raw(p.cast::<MaybeUninit<Node>>()));
                    p = next;
                }
            }
        }
    }

    thread_local! {
        static SPARE: Spare = const { Spare { head: Cell::new(ptr::null_mut()), len: Cell::new(0) } };
    }

    /// A block for a node: uninitialized, owned by the caller alone, to be given back with
    /// [`give`] once its signal is read out.
    pub(super) fn take() -> *mut Node {
        let kept = SPARE
            .try_with(|s| {
                let p = s.head.get();
                if !p.is_null() {
                    // SAFETY: `p` is on this thread's list (see `give`), so its `next`
                    // field was written when it was put there.
                    s.head.set(unsafe { (*p).next });
                    s.len.set(s.len.get() - 1);
                }
                p
            })
            .unwrap_or(ptr::null_mut());
        if kept.is_null() {
            Box::into_raw(Box::<Node>::new_uninit()).cast::<Node>()
        } else {
            kept
        }
    }

    /// Takes back a block from [`take`] whose signal was read out (or never written).
    pub(super) fn give(p: *mut Node) {
        let kept = SPARE
            .try_with(|s| {
                if s.len.get() >= KEEP {
                    return false;
                }
                // SAFETY: the caller hands over a node-sized block it owns alone; writing
                // its `next` field links it into this thread's list.
                unsafe { ptr::addr_of_mut!((*p).next).write(s.head.get()) };
                s.head.set(p);
                s.len.set(s.len.get() + 1);
                true
            })
            .unwrap_or(false);
        if !kept {
            // SAFETY: the block came from `Box<MaybeUninit<Node>>` in `take` (on some
            // thread) and is owned by the caller alone; freed as uninitialized memory.
            drop(unsafe { Box::from_raw(p.cast::<MaybeUninit<Node>>()) });
        }
    }
}

/// The model checks allocate every node afresh.
#[cfg(loom)]
mod spare {
    use super::Node;
    use std::mem::MaybeUninit;

    pub(super) fn take() -> *mut Node {
        Box::into_raw(Box::<Node>::new_uninit()).cast::<Node>()
    }

    pub(super) fn give(p: *mut Node) {
        // SAFETY: as in the pooled version: a block from `take`, owned by the caller,
        // freed as uninitialized memory.
        drop(unsafe { Box::from_raw(p.cast::<MaybeUninit<Node>>()) });
    }
}

impl Drop for Taken {
    fn drop(&mut self) {
        for _ in self.by_ref() {}
    }
}

impl Drop for Inbox {
    fn drop(&mut self) {
        drop(self.close());
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::{Inbox, Signal};
    use crate::term::Term;

    fn sent(signals: impl Iterator<Item = Signal>) -> Vec<i64> {
        signals
            .map(|s| match s {
                Signal::Message(Term::Int(i)) => i,
                _ => panic!("not a message sent here"),
            })
            .collect()
    }

    /// Nodes freed on one thread carry the next signals it sends, and a thread that frees
    /// more than it keeps hands the rest to the allocator: every signal arrives once, in
    /// order, whichever thread made its node.
    #[test]
    fn reused_nodes_carry_every_signal_in_order() {
        let a = std::sync::Arc::new(Inbox::new());
        let b = std::sync::Arc::new(Inbox::new());
        let other = {
            let (a, b) = (a.clone(), b.clone());
            std::thread::spawn(move || {
                for round in 0..50i64 {
                    for i in 0..1000 {
                        assert!(a.push(Signal::Message(Term::Int(round * 1000 + i))).is_ok());
                    }
                    // Wait for the answers, freeing their nodes here for the next round.
                    let mut got = Vec::new();
                    while got.len() < 1000 {
                        got.extend(sent(b.take()));
                    }
                    assert_eq!(got, (round * 1000..round * 1000 + 1000).collect::<Vec<_>>());
                }
            })
        };
        let mut all = Vec::new();
        while all.len() < 50_000 {
            let batch = sent(a.take());
            for &i in &batch {
                assert!(b.push(Signal::Message(Term::Int(i))).is_ok());
            }
            all.extend(batch);
        }
        other.join().expect("the other thread");
        assert_eq!(all, (0..50_000).collect::<Vec<_>>());
        // A closed inbox refuses a push and gives the signal back.
        assert!(a.close().is_empty());
        assert!(matches!(a.push(Signal::Message(Term::Int(7))), Err(Signal::Message(Term::Int(7)))));
    }
}
