//! Pids and references of other nodes, and this node's identity on the wire.
//!
//! A [`Pid`] or [`Ref`] is an immediate (a `u64`) so that terms stay 16 bytes. Those of
//! other nodes carry more than fits there (node name, creation, up to five reference
//! words), so they are interned, like atoms: the first time a remote pid or reference is
//! seen it is added to a process-wide table, and its term holds the table index with the top
//! bit set (`EXTERNAL`). Equal remote identities therefore get equal terms, and equality
//! and hashing stay a comparison of two integers. The table only grows, as the atom table
//! does: it holds every distinct remote pid and reference this OS process has seen.
//!
//! Nodes get a small number in order of first appearance, starting at 1, which is what
//! printing shows in the first field (`<N.Id.Serial>`, `#Ref<N.…>`), as erl does with its
//! distribution table index.

use super::{atoms, Atom, Pid, Ref};
use parking_lot::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The bit that marks a pid or reference as another node's (an index into this table).
pub(crate) const EXTERNAL: u64 = 1 << 63;

/// The most reference words a reference of another node may carry (BEAM uses up to 5).
pub const MAX_REF_WORDS: usize = 5;

/// A pid of another node, as the external term format spells it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ExternalPid {
    /// The node it lives on.
    pub node: Atom,
    /// Its number on that node.
    pub id: u32,
    /// Its serial on that node.
    pub serial: u32,
    /// The node's creation (which incarnation of the node made it).
    pub creation: u32,
}

/// A reference of another node.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ExternalRef {
    /// The node that made it.
    pub node: Atom,
    /// The node's creation.
    pub creation: u32,
    /// How many of `words` are used (1 to [`MAX_REF_WORDS`]).
    pub len: u8,
    /// The reference's words, least significant first.
    pub words: [u32; MAX_REF_WORDS],
}

impl ExternalRef {
    /// The words in use.
    pub fn words(&self) -> &[u32] {
        &self.words[..self.len as usize]
    }
}

/// This node's name and creation, as written into the pids and references it sends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NodeId {
    /// `nonode@nohost` until distribution starts.
    pub name: Atom,
    /// The creation EPMD gave this incarnation of the node (0 when not distributed).
    pub creation: u32,
}

impl NodeId {
    /// A node that is not distributed.
    pub const NONODE: NodeId = NodeId { name: atoms::NONODE, creation: 0 };

    /// Packs the identity into one word (for an atomic).
    pub fn pack(self) -> u64 {
        (u64::from(self.name.index()) << 32) | u64::from(self.creation)
    }

    /// The identity packed by [`NodeId::pack`].
    pub fn unpack(w: u64) -> NodeId {
        NodeId { name: Atom::from_index((w >> 32) as u32).unwrap_or(atoms::NONODE), creation: w as u32 }
    }

    /// Is a pid or reference of node `node` with `creation` one of this node's own?
    /// A creation of 0 matches any (it is what a node that was not yet distributed wrote).
    pub fn owns(self, node: Atom, creation: u32) -> bool {
        node == self.name && (creation == self.creation || creation == 0 || self.creation == 0)
    }
}

/// Interned values of one kind: each gets the index of its first appearance.
struct Interned<T> {
    items: Vec<T>,
    index: HashMap<T, u32>,
}

impl<T> Default for Interned<T> {
    fn default() -> Interned<T> {
        Interned { items: Vec::new(), index: HashMap::new() }
    }
}

/// What a remote identity is interned as, and where its node is.
trait Remote: Copy + Eq + std::hash::Hash {
    fn table(t: &Tables) -> &Interned<Self>;
    fn table_mut(t: &mut Tables) -> &mut Interned<Self>;
    fn node(&self) -> Atom;
}

impl Remote for ExternalPid {
    fn table(t: &Tables) -> &Interned<Self> {
        &t.pids
    }
    fn table_mut(t: &mut Tables) -> &mut Interned<Self> {
        &mut t.pids
    }
    fn node(&self) -> Atom {
        self.node
    }
}

impl Remote for ExternalRef {
    fn table(t: &Tables) -> &Interned<Self> {
        &t.refs
    }
    fn table_mut(t: &mut Tables) -> &mut Interned<Self> {
        &mut t.refs
    }
    fn node(&self) -> Atom {
        self.node
    }
}

#[derive(Default)]
struct Tables {
    pids: Interned<ExternalPid>,
    refs: Interned<ExternalRef>,
    node_numbers: HashMap<Atom, u32>,
}

fn tables() -> &'static RwLock<Tables> {
    static TABLES: OnceLock<RwLock<Tables>> = OnceLock::new();
    TABLES.get_or_init(|| RwLock::new(Tables::default()))
}

fn read() -> RwLockReadGuard<'static, Tables> {
    tables().read()
}

fn write() -> RwLockWriteGuard<'static, Tables> {
    tables().write()
}

impl Tables {
    fn number(&mut self, node: Atom) {
        let next = self.node_numbers.len() as u32 + 1;
        self.node_numbers.entry(node).or_insert(next);
    }
}

/// The immediate for remote identity `x`: [`EXTERNAL`] and its index, interned on first sight.
fn intern<T: Remote>(x: T) -> u64 {
    if let Some(&i) = T::table(&read()).index.get(&x) {
        return EXTERNAL | u64::from(i);
    }
    let mut t = write();
    let table = T::table_mut(&mut t);
    let next = table.items.len() as u32;
    let i = *table.index.entry(x).or_insert(next);
    if i == next {
        table.items.push(x);
        t.number(x.node());
    }
    EXTERNAL | u64::from(i)
}

/// The remote identity immediate `w` stands for (None for a local one).
fn lookup<T: Remote>(w: u64) -> Option<T> {
    if w & EXTERNAL == 0 {
        return None;
    }
    T::table(&read()).items.get((w & !EXTERNAL) as usize).copied()
}

impl Pid {
    /// The term for a pid of another node.
    pub fn external(p: ExternalPid) -> Pid {
        Pid(intern(p))
    }

    /// Is this a pid of this node?
    pub fn is_local(self) -> bool {
        self.0 & EXTERNAL == 0
    }

    /// What a pid of another node stands for (None for a local pid).
    pub fn as_external(self) -> Option<ExternalPid> {
        lookup(self.0)
    }

    /// The three numbers printing shows: the node's number (0 for this node), the
    /// process's number on its node, and its serial.
    pub fn parts(self) -> (u32, u32, u32) {
        match self.as_external() {
            None => (0, self.index(), self.serial()),
            Some(e) => (node_number(e.node), e.id, e.serial),
        }
    }
}

/// Term order between pids: this node's first (by number, then serial), then other
/// nodes' by node name, number, serial and creation.
pub(crate) fn cmp_pids(a: Pid, b: Pid) -> std::cmp::Ordering {
    match (a.as_external(), b.as_external()) {
        (None, None) => a.index().cmp(&b.index()).then(a.serial().cmp(&b.serial())),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => x
            .node
            .as_str()
            .cmp(y.node.as_str())
            .then(x.id.cmp(&y.id))
            .then(x.serial.cmp(&y.serial))
            .then(x.creation.cmp(&y.creation)),
    }
}

/// Term order between references: this node's first, then other nodes' by node name, creation and words.
pub(crate) fn cmp_refs(a: Ref, b: Ref) -> std::cmp::Ordering {
    match (a.as_external(), b.as_external()) {
        (None, None) => a.cmp(&b),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => x
            .node
            .as_str()
            .cmp(y.node.as_str())
            .then(x.creation.cmp(&y.creation))
            .then_with(|| x.words().iter().rev().cmp(y.words().iter().rev())),
    }
}

impl Ref {
    /// The term for a reference of another node.
    pub fn external(r: ExternalRef) -> Ref {
        Ref(intern(r))
    }

    /// Is this a reference made by this node?
    pub fn is_local(self) -> bool {
        self.0 & EXTERNAL == 0
    }

    /// What a reference of another node stands for (None for a local one).
    pub fn as_external(self) -> Option<ExternalRef> {
        lookup(self.0)
    }
}

/// The number printing shows for `node` (1 for the first node seen, and so on).
pub fn node_number(node: Atom) -> u32 {
    if let Some(&n) = read().node_numbers.get(&node) {
        return n;
    }
    let mut t = write();
    t.number(node);
    t.node_numbers[&node]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_remote_pids_are_equal_terms() {
        let node = Atom::new("other@host");
        let p = ExternalPid { node, id: 85, serial: 0, creation: 7 };
        let a = Pid::external(p);
        assert_eq!(a, Pid::external(p));
        assert!(!a.is_local());
        assert_eq!(a.as_external(), Some(p));
        assert_ne!(a, Pid::external(ExternalPid { creation: 8, ..p }));
        assert!(Pid::new(85, 0).is_local());
        assert_eq!(Pid::new(85, 0).as_external(), None);
    }

    #[test]
    fn remote_refs_keep_all_their_words() {
        let r = ExternalRef { node: Atom::new("other@host"), creation: 3, len: 5, words: [1, 2, 3, 4, 5] };
        let t = Ref::external(r);
        assert_eq!(t.as_external().unwrap().words(), &[1, 2, 3, 4, 5]);
        assert_eq!(t, Ref::external(r));
        assert!(node_number(r.node) >= 1);
    }

    #[test]
    fn node_ids_pack_and_own_their_pids() {
        let me = NodeId { name: Atom::new("me@host"), creation: 42 };
        assert_eq!(NodeId::unpack(me.pack()), me);
        assert!(me.owns(me.name, 42));
        assert!(me.owns(me.name, 0));
        assert!(!me.owns(me.name, 41));
        assert!(!me.owns(atoms::NONODE, 42));
        assert_eq!(NodeId::unpack(NodeId::NONODE.pack()), NodeId::NONODE);
    }
}
