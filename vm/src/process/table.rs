//! The process table (pid to handle, generational so that a stale pid never reaches a new
//! process in the same slot) and the registry of process names.
//!
//! Every send looks a pid up, from every scheduler thread at once, so a lookup takes no
//! lock and writes to no shared memory: slots live in chunks that never move (chunk `k`
//! holds `BASE << k` slots, made on first use), each slot a pointer to a handle, owning
//! one reference count of it. A reader pins the current epoch (crossbeam-epoch) and reads
//! the pointer; a process that ends clears its slot and hands that reference count to the
//! epoch collector, which drops it once every reader pinned before has finished. A pid is
//! a slot index and the slot's generation; a lookup checks the handle's own pid, so a pid
//! from an earlier generation finds nothing. Adding and removing processes take a mutex
//! over the free slots.

use super::{ProcessHandle, OWNS_NAME};
use crate::term::{Atom, Pid, Ref};
use crossbeam_epoch as epoch;
use parking_lot::{Mutex, RwLock};
use rustc_hash::FxHashMap as HashMap;
use std::mem::ManuallyDrop;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Arc, OnceLock};

/// The size of the first chunk of slots; each next chunk is twice the size of the last.
const BASE: usize = 1024;
/// Enough chunks for every slot index a `u32` can hold.
const CHUNKS: usize = 23;

/// A slot: null, or a pointer made by `Arc::into_raw` that owns one reference count.
type Slot = AtomicPtr<ProcessHandle>;
type Chunk = Box<[Slot]>;

/// Live processes and registered names of one VM.
pub(crate) struct ProcessTable {
    chunks: [OnceLock<Chunk>; CHUNKS],
    slots: Mutex<Slots>,
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
    /// How many processes are live. Counted under the lock that adding and removing take
    /// anyway (a separate atomic counter is one more shared cache line to write).
    live: usize,
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

/// A handle pointer on its way to the epoch collector (raw pointers are not `Send`).
struct Retired(*mut ProcessHandle);

// SAFETY: the pointer owns one reference count of an `Arc<ProcessHandle>`, and handles are
// shared between threads anyway; dropping that count on another thread is what `Arc` is for.
unsafe impl Send for Retired {}

impl Default for ProcessTable {
    fn default() -> ProcessTable {
        ProcessTable {
            chunks: std::array::from_fn(|_| OnceLock::new()),
            slots: Mutex::new(Slots::default()),
            names: RwLock::new(Names::default()),
        }
    }
}

/// Pins the current epoch for a while: lookups made meanwhile (a scheduler pins for a whole
/// slice) skip the fence a first pin costs. Hold it only for a bounded time: memory of
/// ended processes is not reclaimed while any thread stays pinned.
pub(crate) fn pin() -> epoch::Guard {
    epoch::pin()
}

impl ProcessTable {
    /// The slot of a pid's index, if its chunk exists.
    fn slot(&self, pid: Pid) -> Option<&Slot> {
        let i = (pid.index() as usize).checked_sub(1)?;
        let (k, at) = locate(i);
        self.chunks.get(k)?.get()?.get(at)
    }

    /// Adds a process made by `make` from its new pid.
    pub(crate) fn insert(&self, make: impl FnOnce(Pid) -> ProcessHandle) -> Arc<ProcessHandle> {
        let (i, serial) = {
            let mut slots = self.slots.lock();
            slots.live += 1;
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
        let chunk = self.chunks[k].get_or_init(|| (0..BASE << k).map(|_| AtomicPtr::new(ptr::null_mut())).collect());
        // Allocated first and made in place (`Arc::new` would build the handle on the
        // stack and copy it in with wide loads that stall on its fresh narrow stores).
        // (`Arc::get_mut` would cost a compare-and-swap to learn what is known here.)
        let h = Arc::<ProcessHandle>::new_uninit();
        let cell = Arc::as_ptr(&h).cast_mut();
        // SAFETY: the `Arc` was made just above and is not shared, so nothing else reads or
        // writes its contents; `as_ptr` points at them with the allocation's provenance.
        // `assume_init` follows the write, which initialized the whole handle.
        let h = unsafe {
            (*cell).write(make(Pid::new(i as u32 + 1, serial)));
            h.assume_init()
        };
        // Release: a reader that loads the pointer sees the handle fully made.
        chunk[at].store(Arc::into_raw(h.clone()).cast_mut(), Ordering::Release);
        h
    }

    /// The live process with this pid.
    pub(crate) fn get(&self, pid: Pid) -> Option<Arc<ProcessHandle>> {
        self.with(pid, Arc::clone)
    }

    /// Calls `f` on the live process with this pid, without taking a reference count (many
    /// senders to one process would otherwise all bump the same counter).
    #[inline]
    pub(crate) fn with<R>(&self, pid: Pid, f: impl FnOnce(&Arc<ProcessHandle>) -> R) -> Option<R> {
        let slot = self.slot(pid)?;
        let _guard = epoch::pin();
        let p = slot.load(Ordering::Acquire);
        if p.is_null() {
            return None;
        }
        // SAFETY: a non-null slot pointer came from `Arc::into_raw` in `insert` and owns a
        // reference count. `remove` gives that count to the epoch collector only after
        // clearing the slot, and the collector drops it only once every thread pinned at
        // that moment (this one, which loaded the pointer while pinned) has unpinned: so
        // the handle stays alive while `_guard` lives. `ManuallyDrop` keeps this borrowed
        // `Arc` from dropping the count it does not own.
        let h = ManuallyDrop::new(unsafe { Arc::from_raw(p) });
        if h.pid != pid {
            return None;
        }
        Some(f(&h))
    }

    /// Removes a dead process.
    pub(crate) fn remove(&self, pid: Pid) {
        let Some(slot) = self.slot(pid) else { return };
        let guard = epoch::pin();
        let p = slot.load(Ordering::Acquire);
        // SAFETY: as in `with`: the pointer is alive while this thread is pinned.
        if p.is_null() || unsafe { (*p).pid } != pid {
            return;
        }
        // Only the process's own exit removes it, and its slot cannot be reused before this
        // returns, so the slot still holds `p`.
        slot.store(ptr::null_mut(), Ordering::Release);
        let retired = Retired(p);
        // The collector runs this once every thread pinned now has unpinned.
        guard.defer(move || {
            let r = retired;
            // SAFETY: the pointer came from `Arc::into_raw` and owned the slot's count; the
            // slot no longer holds it, so no reader can load it anew, and every reader that
            // loaded it before was pinned and has finished. This closure runs once.
            drop(unsafe { Arc::from_raw(r.0) });
        });
        drop(guard);
        let i = pid.index() - 1;
        let mut slots = self.slots.lock();
        slots.live -= 1;
        if let Some(serial) = slots.serials.get_mut(i as usize) {
            *serial = serial.wrapping_add(1) & Pid::MAX_SERIAL;
            slots.free.push(i);
        }
    }

    /// The pids of all live processes, in slot order.
    pub(crate) fn pids(&self) -> Vec<Pid> {
        let made = self.slots.lock().serials.len();
        let mut out = Vec::with_capacity(self.len());
        let _guard = epoch::pin();
        for i in 0..made {
            let (k, at) = locate(i);
            let Some(chunk) = self.chunks[k].get() else { continue };
            let p = chunk[at].load(Ordering::Acquire);
            if !p.is_null() {
                // SAFETY: as in `with`: the pointer is alive while this thread is pinned.
                out.push(unsafe { (*p).pid });
            }
        }
        out
    }

    /// The number of live processes.
    pub(crate) fn len(&self) -> usize {
        self.slots.lock().live
    }

    /// Registers `name` for `pid`; false if the name or the pid is taken already, or the
    /// process is gone.
    pub(crate) fn register(&self, name: Atom, pid: Pid) -> bool {
        let Some(h) = self.get(pid) else { return false };
        {
            let mut names = self.names.write();
            if names.by_name.contains_key(&name) || names.by_pid.contains_key(&pid) {
                return false;
            }
            names.by_name.insert(name, pid);
            names.by_pid.insert(pid, name);
        }
        h.add_owned(OWNS_NAME);
        // A process that ended before the bit was set did not look for a name: free it here.
        if !h.is_alive() {
            self.unregister_pid(pid);
            return false;
        }
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

    /// Frees the name of a process that died (called only for processes with `OWNS_NAME`).
    pub(crate) fn unregister_pid(&self, pid: Pid) {
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

/// Active process aliases: reference number to owner, in shards chosen by the number, so
/// that the callers and servers of many concurrent `gen_server` calls (each call makes,
/// uses and drops an alias) seldom wait for one another. The owner's own list
/// ([`Extras::aliases`](crate::process::Extras)) decides whether a message sent to an
/// alias is delivered; this table only finds the owner.
#[derive(Default)]
pub(crate) struct Aliases {
    shards: [Mutex<HashMap<u64, Pid>>; ALIAS_SHARDS],
}

const ALIAS_SHARDS: usize = 16;

impl Aliases {
    fn shard(&self, alias: Ref) -> &Mutex<HashMap<u64, Pid>> {
        &self.shards[alias.0 as usize % ALIAS_SHARDS]
    }

    /// Records `owner` as the owner of `alias`.
    pub(crate) fn insert(&self, alias: Ref, owner: Pid) {
        self.shard(alias).lock().insert(alias.0, owner);
    }

    /// Forgets `alias`.
    pub(crate) fn remove(&self, alias: Ref) {
        self.shard(alias).lock().remove(&alias.0);
    }

    /// The owner of `alias`, if it is active.
    pub(crate) fn owner(&self, alias: Ref) -> Option<Pid> {
        self.shard(alias).lock().get(&alias.0).copied()
    }
}

impl Drop for ProcessTable {
    fn drop(&mut self) {
        for chunk in self.chunks.iter_mut().filter_map(|c| c.get_mut()) {
            for slot in chunk.iter_mut() {
                let p = std::mem::replace(slot.get_mut(), ptr::null_mut());
                if !p.is_null() {
                    // SAFETY: the pointer came from `Arc::into_raw` and owns a count; with
                    // `&mut self` no reader can hold it, and the slot is cleared so it is
                    // dropped once.
                    drop(unsafe { Arc::from_raw(p) });
                }
            }
        }
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
