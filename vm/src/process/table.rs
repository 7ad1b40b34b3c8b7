//! The process table (pid to handle, generational so that a stale pid never reaches a new
//! process in the same slot) and the registry of process names.
//!
//! Every send looks a pid up, from every scheduler thread at once, so a lookup takes no
//! lock and writes to no shared memory: slots live in chunks that never move (chunk `k`
//! holds `BASE << k` slots, made on first use), each slot an `ArcSwapOption` that a reader
//! loads without touching the handle's reference count. A pid is a slot index and the
//! slot's generation; a slot holds a handle only while its process lives, and a lookup
//! checks the handle's own pid, so a pid from an earlier generation finds nothing.
//! Adding and removing processes (rarer than sends) take a mutex over the free slots.

use super::ProcessHandle;
use crate::term::{Atom, Pid};
use arc_swap::ArcSwapOption;
use parking_lot::{Mutex, RwLock};
use rustc_hash::FxHashMap as HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// The size of the first chunk of slots; each next chunk is twice the size of the last.
const BASE: usize = 1024;
/// Enough chunks for every slot index a `u32` can hold.
const CHUNKS: usize = 23;

type Chunk = Box<[ArcSwapOption<ProcessHandle>]>;

/// Live processes and registered names of one VM.
pub(crate) struct ProcessTable {
    chunks: [OnceLock<Chunk>; CHUNKS],
    slots: Mutex<Slots>,
    live: AtomicUsize,
    names: RwLock<Names>,
}

/// Which slots are free, and each slot's generation.
#[derive(Default)]
struct Slots {
    /// Freed slots, reused last freed first (its memory is likely still cached).
    free: Vec<u32>,
    /// The generation of each slot made so far (slot `i` has pid index `i + 1`: a pid is
    /// never 0, which stands for "no process").
    serials: Vec<u32>,
}

#[derive(Default)]
struct Names {
    by_name: HashMap<Atom, Pid>,
    by_pid: HashMap<Pid, Atom>,
}

/// The chunk and the position in it of slot `i`.
fn locate(i: usize) -> (usize, usize) {
    let k = (i / BASE + 1).ilog2() as usize;
    (k, i - BASE * ((1 << k) - 1))
}

impl Default for ProcessTable {
    fn default() -> ProcessTable {
        ProcessTable {
            chunks: std::array::from_fn(|_| OnceLock::new()),
            slots: Mutex::new(Slots::default()),
            live: AtomicUsize::new(0),
            names: RwLock::new(Names::default()),
        }
    }
}

impl ProcessTable {
    /// The slot of a pid's index, if its chunk exists.
    fn slot(&self, pid: Pid) -> Option<&ArcSwapOption<ProcessHandle>> {
        let i = (pid.index() as usize).checked_sub(1)?;
        let (k, at) = locate(i);
        self.chunks.get(k)?.get()?.get(at)
    }

    /// Adds a process made by `make` from its new pid.
    pub(crate) fn insert(&self, make: impl FnOnce(Pid) -> Arc<ProcessHandle>) -> Arc<ProcessHandle> {
        let (i, serial) = {
            let mut slots = self.slots.lock();
            match slots.free.pop() {
                Some(i) => (i as usize, slots.serials[i as usize]),
                None => {
                    // Slot indices fit a pid's 32 bits: more processes than that would need
                    // terabytes of memory first.
                    let i = slots.serials.len();
                    slots.serials.push(0);
                    (i, 0)
                }
            }
        };
        let (k, at) = locate(i);
        let chunk = self.chunks[k].get_or_init(|| (0..BASE << k).map(|_| ArcSwapOption::empty()).collect());
        let h = make(Pid::new(i as u32 + 1, serial));
        chunk[at].store(Some(h.clone()));
        self.live.fetch_add(1, Ordering::Relaxed);
        h
    }

    /// The live process with this pid.
    pub(crate) fn get(&self, pid: Pid) -> Option<Arc<ProcessHandle>> {
        self.slot(pid)?.load_full().filter(|h| h.pid == pid)
    }

    /// Calls `f` on the live process with this pid, without taking a reference count (many
    /// senders to one process would otherwise all bump the same counter).
    pub(crate) fn with<R>(&self, pid: Pid, f: impl FnOnce(&Arc<ProcessHandle>) -> R) -> Option<R> {
        let guard = self.slot(pid)?.load();
        match &*guard {
            Some(h) if h.pid == pid => Some(f(h)),
            _ => None,
        }
    }

    /// Removes a dead process.
    pub(crate) fn remove(&self, pid: Pid) {
        let Some(slot) = self.slot(pid) else { return };
        if slot.load().as_ref().is_none_or(|h| h.pid != pid) {
            return;
        }
        slot.store(None);
        self.live.fetch_sub(1, Ordering::Relaxed);
        let i = pid.index() - 1;
        let mut slots = self.slots.lock();
        if let Some(serial) = slots.serials.get_mut(i as usize) {
            *serial = serial.wrapping_add(1);
            slots.free.push(i);
        }
    }

    /// The pids of all live processes, in slot order.
    pub(crate) fn pids(&self) -> Vec<Pid> {
        let made = self.slots.lock().serials.len();
        let mut out = Vec::with_capacity(self.len());
        for i in 0..made {
            let (k, at) = locate(i);
            if let Some(h) = self.chunks[k].get().and_then(|c| c[at].load_full()) {
                out.push(h.pid);
            }
        }
        out
    }

    /// The number of live processes.
    pub(crate) fn len(&self) -> usize {
        self.live.load(Ordering::Relaxed)
    }

    /// Registers `name` for `pid`; false if the name or the pid is taken already.
    pub(crate) fn register(&self, name: Atom, pid: Pid) -> bool {
        let mut names = self.names.write();
        if names.by_name.contains_key(&name) || names.by_pid.contains_key(&pid) {
            return false;
        }
        names.by_name.insert(name, pid);
        names.by_pid.insert(pid, name);
        true
    }

    /// Removes a name; true if it was registered.
    pub(crate) fn unregister(&self, name: Atom) -> bool {
        let mut names = self.names.write();
        match names.by_name.remove(&name) {
            Some(pid) => {
                names.by_pid.remove(&pid);
                true
            }
            None => false,
        }
    }

    /// Frees the name of a process that died.
    pub(crate) fn unregister_pid(&self, pid: Pid) {
        // Most processes have no name: a shared look first spares them the exclusive lock.
        if !self.names.read().by_pid.contains_key(&pid) {
            return;
        }
        let mut names = self.names.write();
        if let Some(name) = names.by_pid.remove(&pid) {
            names.by_name.remove(&name);
        }
    }

    /// The pid registered under `name`.
    pub(crate) fn whereis(&self, name: Atom) -> Option<Pid> {
        self.names.read().by_name.get(&name).copied()
    }

    /// The name a process is registered under.
    pub(crate) fn name_of(&self, pid: Pid) -> Option<Atom> {
        self.names.read().by_pid.get(&pid).copied()
    }

    /// All registered names.
    pub(crate) fn registered(&self) -> Vec<Atom> {
        self.names.read().by_name.keys().copied().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{locate, BASE, CHUNKS};

    #[test]
    fn slots_map_onto_chunks_without_gaps_or_overlaps() {
        // Walking the slots in order visits each chunk's positions in order, and chunk k
        // holds BASE << k slots.
        let mut expect = (0, 0);
        for i in 0..BASE * 15 {
            assert_eq!(locate(i), expect, "slot {i}");
            expect.1 += 1;
            if expect.1 == BASE << expect.0 {
                expect = (expect.0 + 1, 0);
            }
        }
        // Every u32 slot index has a chunk.
        assert!(locate(u32::MAX as usize - 1).0 < CHUNKS);
    }
}
