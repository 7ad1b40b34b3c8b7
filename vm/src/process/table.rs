//! The process table (pid to handle, generational so that a stale pid never reaches a new
//! process in the same slot) and the registry of process names.

use super::ProcessHandle;
use crate::term::{Atom, Pid};
use parking_lot::RwLock;
use rustc_hash::FxHashMap as HashMap;
use slotmap::{DefaultKey, Key, KeyData, SlotMap};
use std::sync::Arc;

/// Live processes and registered names of one VM.
#[derive(Default)]
pub(crate) struct ProcessTable {
    slots: RwLock<SlotMap<DefaultKey, Arc<ProcessHandle>>>,
    names: RwLock<Names>,
}

#[derive(Default)]
struct Names {
    by_name: HashMap<Atom, Pid>,
    by_pid: HashMap<Pid, Atom>,
}

/// A pid's table key: the pid's bits are the slot map key's.
fn key(pid: Pid) -> DefaultKey {
    KeyData::from_ffi(pid.0).into()
}

impl ProcessTable {
    /// Adds a process made by `make` from its new pid.
    pub(crate) fn insert(&self, make: impl FnOnce(Pid) -> Arc<ProcessHandle>) -> Arc<ProcessHandle> {
        let mut slots = self.slots.write();
        let mut made = None;
        slots.insert_with_key(|k| {
            let h = make(Pid(k.data().as_ffi()));
            made = Some(h.clone());
            h
        });
        made.unwrap_or_else(|| unreachable!("insert_with_key calls its closure"))
    }

    /// The live process with this pid.
    pub(crate) fn get(&self, pid: Pid) -> Option<Arc<ProcessHandle>> {
        self.slots.read().get(key(pid)).cloned()
    }

    /// Calls `f` on the live process with this pid, without taking a reference count (many
    /// senders to one process would otherwise all bump the same counter).
    pub(crate) fn with<R>(&self, pid: Pid, f: impl FnOnce(&Arc<ProcessHandle>) -> R) -> Option<R> {
        self.slots.read().get(key(pid)).map(f)
    }

    /// Removes a dead process.
    pub(crate) fn remove(&self, pid: Pid) {
        self.slots.write().remove(key(pid));
    }

    /// The pids of all live processes, in creation-slot order.
    pub(crate) fn pids(&self) -> Vec<Pid> {
        self.slots.read().keys().map(|k| Pid(k.data().as_ffi())).collect()
    }

    /// The number of live processes.
    pub(crate) fn len(&self) -> usize {
        self.slots.read().len()
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
