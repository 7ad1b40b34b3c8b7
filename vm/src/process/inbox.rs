//! A process's inbox: a lock-free stack that any number of senders push signals onto, that
//! the process's consumer of the moment (the worker running it, or a reader holding its
//! private half) takes whole, oldest first, and that is closed for good when the process
//! exits, after which pushes are refused.
//!
//! The head word orders everything: a push is one compare-and-swap of it, a take and a
//! close are one swap. So a push either lands before the close (and the close returns it)
//! or sees the closed sentinel (and is refused); nothing is lost in between.

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
        // The node is allocated first and the signal written into it (`Box::new` would
        // build the node on the stack and copy it in with wide loads, which stall on the
        // narrow stores that just wrote the signal).
        let mut node = Box::<Node>::new_uninit();
        node.write(Node { signal, next: ptr::null_mut() });
        // SAFETY: `write` has just initialized the whole node.
        let node = Box::into_raw(unsafe { node.assume_init() });
        let mut head = self.head.load(Ordering::Acquire);
        loop {
            if head == closed() {
                // SAFETY: `node` came from `Box::into_raw` above and was never published
                // (every compare-and-swap so far failed), so this thread owns it alone.
                let node = unsafe { Box::from_raw(node) };
                return Err(node.signal);
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
        // SAFETY: the chain belongs to this `Taken` alone (detached from the inbox, see
        // `reverse`); each node came from `Box::into_raw` in `push` and is freed exactly
        // once, here, after which the chain starts at its successor.
        let boxed = unsafe { Box::from_raw(self.node) };
        self.node = boxed.next;
        Some(boxed.signal)
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
