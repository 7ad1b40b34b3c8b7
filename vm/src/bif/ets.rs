//! ETS: term storage tables shared by the processes of a VM, as OTP 25's `ets` module
//! gives them (set, ordered_set, bag and duplicate_bag; named and unnamed; public,
//! protected and private).
//!
//! Tables live in a registry in [`VmShared`] (`ets` field): by reference, and by name for
//! named tables. Each table sits behind its own read-write lock, so processes on different
//! scheduler threads read a table at the same time and writers take turns. A table belongs
//! to the process that made it (or was given it); when that process ends,
//! [`owner_exited`] (called from `VmShared::finish_process`) hands the table to its heir or
//! deletes it.
//!
//! Every table keeps its objects in a B-tree by key. An `ordered_set` compares keys with
//! `==` (so `1` and `1.0` are one key) and iterates in term order, as OTP does; the other
//! types compare keys with `=:=`. Their iteration order is unspecified in OTP (hash order);
//! here it is term order too, which programs must not rely on.
//!
//! Not here: `ets:foldl/3` and `foldr/3`, which call funs, which a built-in cannot do, and
//! the `tab2file` family, which uses files: they are in the Erlang `ets` module of the
//! standard library, which coexists with these built-ins as `lists.erl` does with the
//! native `lists` functions. Also not here: changing a table's protection with `setopts`,
//! and compressed storage (the option is accepted and ignored). `select/3` and friends compute
//! every match up front and hand out chunks of it: a continuation is a snapshot, not a
//! cursor. Built-ins here do not charge reductions in proportion to a table's size yet, so
//! a `select` or `tab2list` over a large table runs in one slice.

use super::match_spec::{MatchSpec, Outcome};
use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::process::{Proc, Signal, OWNS_ETS};
use crate::term::{atoms, cmp_terms, Atom, Pid, Ref, Term};
use crate::vm::VmShared;
use parking_lot::{Mutex, RwLock};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::Arc;

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

bifs! {
    "ets", "new", 2 => new;
    "ets", "insert", 2 => |p, a| insert(p, &a[0], &a[1], false);
    "ets", "insert_new", 2 => |p, a| insert(p, &a[0], &a[1], true);
    "ets", "lookup", 2 => |p, a| {
        let t = readable(p, &a[0])?;
        let d = t.data.read();
        Ok(Term::list(d.get(&t.key(&a[1])).map(|b| b.to_vec()).unwrap_or_default()))
    };
    "ets", "lookup_element", 3 => lookup_element;
    "ets", "member", 2 => |p, a| {
        let t = readable(p, &a[0])?;
        let found = t.data.read().contains_key(&t.key(&a[1]));
        Ok(Term::bool(found))
    };
    "ets", "delete", 1 => |p, a| {
        let t = writable(p, &a[0])?;
        p.vm.ets.remove(&t);
        Ok(Term::bool(true))
    };
    "ets", "delete", 2 => |p, a| {
        let t = writable(p, &a[0])?;
        t.data.write().remove(&t.key(&a[1]));
        Ok(Term::bool(true))
    };
    "ets", "take", 2 => |p, a| {
        let t = writable(p, &a[0])?;
        let gone = t.data.write().remove(&t.key(&a[1]));
        Ok(Term::list(gone.map(|b| b.0).unwrap_or_default()))
    };
    "ets", "delete_object", 2 => delete_object;
    "ets", "delete_all_objects", 1 => |p, a| {
        let t = writable(p, &a[0])?;
        t.data.write().clear();
        Ok(Term::bool(true))
    };
    "ets", "update_counter", 3 => |p, a| update_counter(p, &a[0], &a[1], &a[2], None);
    "ets", "update_counter", 4 => |p, a| update_counter(p, &a[0], &a[1], &a[2], Some(&a[3]));
    "ets", "update_element", 3 => update_element;
    "ets", "match", 2 => |p, a| select_all(p, &a[0], &pattern(&a[1], "$$")?, Collect::Values);
    "ets", "match", 3 => |p, a| select_chunked(p, &a[0], &pattern(&a[1], "$$")?, &a[2]);
    "ets", "match", 1 => |_, a| next_chunk(&a[0]);
    "ets", "match_object", 2 => |p, a| select_all(p, &a[0], &pattern(&a[1], "$_")?, Collect::Values);
    "ets", "match_object", 3 => |p, a| select_chunked(p, &a[0], &pattern(&a[1], "$_")?, &a[2]);
    "ets", "match_object", 1 => |_, a| next_chunk(&a[0]);
    "ets", "match_delete", 2 => |p, a| {
        select_all(p, &a[0], &pattern(&a[1], "true")?, Collect::Delete)?;
        Ok(Term::bool(true))
    };
    "ets", "select", 2 => |p, a| select_all(p, &a[0], &spec(&a[1])?, Collect::Values);
    "ets", "select", 3 => |p, a| select_chunked(p, &a[0], &spec(&a[1])?, &a[2]);
    "ets", "select", 1 => |_, a| next_chunk(&a[0]);
    "ets", "select_reverse", 2 => |p, a| select_reverse(p, &a[0], &spec(&a[1])?);
    "ets", "select_reverse", 3 => |p, a| {
        let n = limit(&a[2])?;
        chunk(select_reverse(p, &a[0], &spec(&a[1])?)?, n)
    };
    "ets", "select_reverse", 1 => |_, a| next_chunk(&a[0]);
    "ets", "select_replace", 2 => |p, a| select_replace(p, &a[0], &spec(&a[1])?);
    "ets", "slot", 2 => |p, a| slot(p, &a[0], &a[1]);
    // Tables are not rehashed while they are traversed, so fixing one changes nothing.
    "ets", "safe_fixtable", 2 => |p, a| {
        readable(p, &a[0])?;
        match &a[1] {
            Term::Atom(b) if *b == atoms::TRUE || *b == atoms::FALSE => Ok(Term::bool(true)),
            _ => badarg(),
        }
    };
    "ets", "setopts", 2 => |p, a| setopts(p, &a[0], &a[1]);
    "ets", "test_ms", 2 => |p, a| test_ms(p, &a[0], &a[1]);
    "ets", "is_compiled_ms", 1 => |_, a| Ok(Term::bool(matches!(
        a[0].as_tuple(),
        Some([tag, _]) if tag.is_atom(Atom::new("$ember_match_spec"))
    )));
    // Continuations here are plain terms: there is nothing to repair.
    "ets", "repair_continuation", 2 => |_, a| Ok(a[0].clone());
    "ets", "select_count", 2 => |p, a| select_all(p, &a[0], &spec(&a[1])?, Collect::Count);
    "ets", "select_delete", 2 => |p, a| select_all(p, &a[0], &spec(&a[1])?, Collect::Delete);
    "ets", "match_spec_compile", 1 => |_, a| {
        spec(&a[0])?;
        Ok(Term::tuple([Term::atom("$ember_match_spec"), a[0].clone()]))
    };
    "ets", "match_spec_run", 2 => |p, a| {
        let ms = match a[1].as_tuple() {
            Some([tag, s]) if tag.is_atom(Atom::new("$ember_match_spec")) => spec(s)?,
            _ => return badarg(),
        };
        let objs = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
        let mut out = Vec::new();
        for o in &objs {
            if let Outcome::Value(v) = ms.run(p, o) {
                out.push(v);
            }
        }
        Ok(Term::list(out))
    };
    "ets", "tab2list", 1 => |p, a| {
        let t = readable(p, &a[0])?;
        let d = t.data.read();
        Ok(Term::list(d.values().flat_map(|b| b.0.iter().cloned()).collect()))
    };
    "ets", "first", 1 => |p, a| step(p, &a[0], None, true);
    "ets", "last", 1 => |p, a| step(p, &a[0], None, false);
    "ets", "next", 2 => |p, a| step(p, &a[0], Some(&a[1]), true);
    "ets", "prev", 2 => |p, a| step(p, &a[0], Some(&a[1]), false);
    "ets", "info", 1 => |p, a| match p.vm.ets.find(&a[0]) {
        Some(t) => {
            let items = INFO_ITEMS.iter().map(|i| Term::tuple([Term::atom(i), info_item(p, &t, i)]));
            Ok(Term::list(items.collect()))
        }
        None if matches!(a[0], Term::Atom(_) | Term::Ref(_)) => Ok(Term::Atom(atoms::UNDEFINED)),
        None => badarg(),
    };
    "ets", "info", 2 => |p, a| {
        let item = match &a[1] {
            Term::Atom(i) if INFO_ITEMS.contains(&i.as_str()) || EXTRA_INFO_ITEMS.contains(&i.as_str()) => i.as_str(),
            _ => return badarg(),
        };
        match p.vm.ets.find(&a[0]) {
            Some(t) => Ok(info_item(p, &t, item)),
            None if matches!(a[0], Term::Atom(_) | Term::Ref(_)) => Ok(Term::Atom(atoms::UNDEFINED)),
            None => badarg(),
        }
    };
    "ets", "whereis", 1 => |p, a| match &a[0] {
        Term::Atom(name) => {
            let found = p.vm.ets.inner.read().by_name.get(name).map(|t| Term::Ref(t.id));
            Ok(found.unwrap_or(Term::Atom(atoms::UNDEFINED)))
        }
        _ => badarg(),
    };
    "ets", "all", 0 => |p, _| {
        let reg = p.vm.ets.inner.read();
        let mut tables: Vec<&Arc<Table>> = reg.by_ref.values().collect();
        tables.sort_by_key(|t| std::cmp::Reverse(t.id));
        Ok(Term::list(tables.into_iter().map(|t| t.handle()).collect()))
    };
    "ets", "rename", 2 => |p, a| {
        let Term::Atom(new) = a[1] else { return badarg() };
        let t = writable(p, &a[0])?;
        p.vm.ets.rename(&t, new)
    };
    "ets", "give_away", 3 => give_away;
}

/// The items of `ets:info/1`, in OTP 25's order.
const INFO_ITEMS: &[&str] = &[
    "id",
    "decentralized_counters",
    "read_concurrency",
    "write_concurrency",
    "compressed",
    "memory",
    "owner",
    "heir",
    "name",
    "size",
    "node",
    "named_table",
    "type",
    "keypos",
    "protection",
];

/// Items `ets:info/2` also answers.
const EXTRA_INFO_ITEMS: &[&str] = &["fixed", "safe_fixed", "safe_fixed_monotonic_time", "stats"];

/// The ETS tables of one VM.
#[derive(Default)]
pub(crate) struct EtsTables {
    inner: RwLock<Registry>,
}

#[derive(Default)]
struct Registry {
    by_ref: HashMap<Ref, Arc<Table>>,
    by_name: HashMap<Atom, Arc<Table>>,
    /// The tables each process owns, so that a process's end finds them quickly.
    owned: HashMap<Pid, Vec<Ref>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Set,
    OrderedSet,
    Bag,
    DuplicateBag,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Public,
    Protected,
    Private,
}

struct Table {
    id: Ref,
    name: Mutex<Atom>,
    named: bool,
    kind: Kind,
    /// The key's position in objects, 1-based.
    keypos: usize,
    access: Access,
    owner: AtomicU64,
    heir: Mutex<Option<(Pid, Term)>>,
    flags: Flags,
    data: RwLock<Objects>,
}

/// Options kept only so that `ets:info` can report them.
#[derive(Clone, Copy, Default)]
struct Flags {
    read_concurrency: bool,
    write_concurrency: bool,
    decentralized_counters: bool,
    compressed: bool,
}

/// A key as a table compares it: with `=:=`, or with `==` for an `ordered_set`.
struct Key {
    term: Term,
    exact: bool,
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        cmp_terms(&self.term, &other.term, self.exact)
    }
}

/// The objects with one key: exactly one in a set, one or more in a bag.
struct Bucket(Vec<Term>);

impl Bucket {
    fn to_vec(&self) -> Vec<Term> {
        self.0.clone()
    }
}

type Objects = BTreeMap<Key, Bucket>;

impl Table {
    fn key(&self, t: &Term) -> Key {
        Key { term: t.clone(), exact: self.kind != Kind::OrderedSet }
    }

    fn key_of(&self, obj: &Term) -> Key {
        self.key(&obj.as_tuple().map(|t| t[self.keypos - 1].clone()).unwrap_or(Term::Nil))
    }

    fn owner(&self) -> Pid {
        Pid(self.owner.load(AtomicOrdering::Acquire))
    }

    /// How programs name the table: its name if it is named, its reference otherwise.
    fn handle(&self) -> Term {
        if self.named {
            Term::Atom(*self.name.lock())
        } else {
            Term::Ref(self.id)
        }
    }

    fn is_bag(&self) -> bool {
        matches!(self.kind, Kind::Bag | Kind::DuplicateBag)
    }

    /// Is `obj` a tuple with a key?
    fn valid_object(&self, obj: &Term) -> bool {
        matches!(obj, Term::Tuple(t) if t.len() >= self.keypos)
    }

    /// Adds one object, replacing the one with its key in a set.
    #[allow(clippy::mutable_key_type)] // Terms are immutable; the lock inside a module is not part of a key.
    fn put(&self, d: &mut Objects, obj: Term) {
        let key = self.key_of(&obj);
        match self.kind {
            Kind::Set => {
                d.insert(key, Bucket(vec![obj]));
            }
            Kind::OrderedSet => {
                // The new object's key replaces an equal one (`1.0` replaces `1`).
                d.remove(&key);
                d.insert(key, Bucket(vec![obj]));
            }
            Kind::Bag => {
                let b = d.entry(key).or_insert_with(|| Bucket(Vec::new()));
                if !b.0.contains(&obj) {
                    b.0.push(obj);
                }
            }
            Kind::DuplicateBag => d.entry(key).or_insert_with(|| Bucket(Vec::new())).0.push(obj),
        }
    }
}

impl EtsTables {
    /// The table a program names with `id` (its name or its reference).
    fn find(&self, id: &Term) -> Option<Arc<Table>> {
        let reg = self.inner.read();
        match id {
            Term::Atom(name) => reg.by_name.get(name).cloned(),
            Term::Ref(r) => reg.by_ref.get(r).cloned(),
            _ => None,
        }
    }

    fn remove(&self, t: &Table) {
        let mut reg = self.inner.write();
        reg.by_ref.remove(&t.id);
        if t.named {
            let name = *t.name.lock();
            if reg.by_name.get(&name).is_some_and(|x| x.id == t.id) {
                reg.by_name.remove(&name);
            }
        }
        let owner = t.owner();
        if let Some(list) = reg.owned.get_mut(&owner) {
            list.retain(|r| *r != t.id);
            if list.is_empty() {
                reg.owned.remove(&owner);
            }
        }
        drop(reg);
        t.data.write().clear();
    }

    fn rename(&self, t: &Arc<Table>, new: Atom) -> BifResult {
        let mut reg = self.inner.write();
        if !t.named {
            *t.name.lock() = new;
            return Ok(Term::Ref(t.id));
        }
        let old = *t.name.lock();
        if old == new {
            return Ok(Term::Atom(new));
        }
        if reg.by_name.contains_key(&new) {
            return badarg();
        }
        reg.by_name.remove(&old);
        reg.by_name.insert(new, t.clone());
        *t.name.lock() = new;
        Ok(Term::Atom(new))
    }

    /// Makes `to` the owner of `t`.
    fn transfer(&self, t: &Table, to: Pid) {
        let mut reg = self.inner.write();
        let from = t.owner();
        if let Some(list) = reg.owned.get_mut(&from) {
            list.retain(|r| *r != t.id);
            if list.is_empty() {
                reg.owned.remove(&from);
            }
        }
        t.owner.store(to.0, AtomicOrdering::Release);
        reg.owned.entry(to).or_default().push(t.id);
    }

    /// The memory all tables use, in bytes (an estimate).
    pub(crate) fn memory_bytes(&self) -> usize {
        let tables: Vec<Arc<Table>> = self.inner.read().by_ref.values().cloned().collect();
        tables.iter().map(|t| memory_words(t) * 8).sum()
    }
}

/// Hands the tables of a process that ended to their heirs, or deletes them. Called by
/// `VmShared::finish_process` for every process that ends with `OWNS_ETS`.
pub(crate) fn owner_exited(vm: &VmShared, pid: Pid) {
    if !vm.ets.inner.read().owned.contains_key(&pid) {
        return;
    }
    let refs = vm.ets.inner.write().owned.remove(&pid).unwrap_or_default();
    for r in refs {
        let Some(t) = vm.ets.inner.read().by_ref.get(&r).cloned() else { continue };
        let heir = t.heir.lock().clone();
        match heir {
            Some((h, data)) if h != pid && is_alive(vm, h) => {
                vm.ets.transfer(&t, h);
                let msg = Term::tuple([Term::atom("ETS-TRANSFER"), t.handle(), Term::Pid(pid), data]);
                vm.signal(h, Signal::Message(msg));
                // The heir may have ended after the check: then the table goes on (or goes).
                if !vm.add_owned(h, OWNS_ETS) {
                    owner_exited(vm, h);
                }
            }
            _ => vm.ets.remove(&t),
        }
    }
}

fn is_alive(vm: &VmShared, pid: Pid) -> bool {
    vm.processes.get(pid).is_some_and(|h| h.is_alive())
}

/// The table `id` names, if the calling process may read it.
fn readable(p: &Proc, id: &Term) -> Result<Arc<Table>, Exception> {
    match p.vm.ets.find(id) {
        Some(t) if t.access != Access::Private || t.owner() == p.pid => Ok(t),
        Some(_) => Err(Exception::badarg_because("access")),
        None => Err(Exception::badarg_because("id")),
    }
}

/// The table `id` names, if the calling process may write it.
fn writable(p: &Proc, id: &Term) -> Result<Arc<Table>, Exception> {
    match p.vm.ets.find(id) {
        Some(t) if t.access == Access::Public || t.owner() == p.pid => Ok(t),
        Some(_) => Err(Exception::badarg_because("access")),
        None => Err(Exception::badarg_because("id")),
    }
}

fn new(p: &mut Proc, a: &mut [Term]) -> BifResult {
    let Term::Atom(name) = a[0] else { return badarg() };
    let mut kind = Kind::Set;
    let mut access = Access::Protected;
    let mut named = false;
    let mut keypos = 1usize;
    let mut heir = None;
    let mut flags = Flags::default();
    let opts = a[1].list_to_vec().ok_or_else(Exception::badarg)?;
    for o in &opts {
        match o {
            Term::Atom(x) => match x.as_str() {
                "set" => kind = Kind::Set,
                "ordered_set" => kind = Kind::OrderedSet,
                "bag" => kind = Kind::Bag,
                "duplicate_bag" => kind = Kind::DuplicateBag,
                "public" => access = Access::Public,
                "protected" => access = Access::Protected,
                "private" => access = Access::Private,
                "named_table" => named = true,
                "compressed" => flags.compressed = true,
                _ => return badarg(),
            },
            Term::Tuple(t) => match &t[..] {
                [Term::Atom(k), Term::Int(n)] if k.as_str() == "keypos" && *n >= 1 => keypos = *n as usize,
                [Term::Atom(k), Term::Atom(none)] if k.as_str() == "heir" && none.as_str() == "none" => heir = None,
                [Term::Atom(k), Term::Pid(h), data] if k.as_str() == "heir" => heir = Some((*h, data.clone())),
                [Term::Atom(k), v] if k.as_str() == "read_concurrency" => {
                    flags.read_concurrency = v.as_bool().ok_or_else(Exception::badarg)?
                }
                [Term::Atom(k), v] if k.as_str() == "write_concurrency" => {
                    flags.write_concurrency = match v {
                        Term::Atom(x) if x.as_str() == "auto" => true,
                        other => other.as_bool().ok_or_else(Exception::badarg)?,
                    }
                }
                [Term::Atom(k), v] if k.as_str() == "decentralized_counters" => {
                    flags.decentralized_counters = v.as_bool().ok_or_else(Exception::badarg)?
                }
                _ => return badarg(),
            },
            _ => return badarg(),
        }
    }
    let id = p.vm.make_ref();
    let table = Arc::new(Table {
        id,
        name: Mutex::new(name),
        named,
        kind,
        keypos,
        access,
        owner: AtomicU64::new(p.pid.0),
        heir: Mutex::new(heir),
        flags,
        data: RwLock::new(BTreeMap::new()),
    });
    let mut reg = p.vm.ets.inner.write();
    if named {
        if reg.by_name.contains_key(&name) {
            return badarg();
        }
        reg.by_name.insert(name, table.clone());
    }
    reg.by_ref.insert(id, table.clone());
    reg.owned.entry(p.pid).or_default().push(id);
    drop(reg);
    // The caller is running, so alive.
    p.vm.add_owned(p.pid, OWNS_ETS);
    Ok(table.handle())
}

fn insert(p: &mut Proc, tab: &Term, objs: &Term, only_new: bool) -> BifResult {
    let t = writable(p, tab)?;
    let mut list = match objs {
        Term::Tuple(_) => vec![objs.clone()],
        other => other.list_to_vec().ok_or_else(Exception::badarg)?,
    };
    if !list.iter().all(|o| t.valid_object(o)) {
        return badarg();
    }
    // OTP's bag takes a list's objects last to first.
    if t.kind == Kind::Bag {
        list.reverse();
    }
    let mut d = t.data.write();
    if only_new && list.iter().any(|o| d.contains_key(&t.key_of(o))) {
        return Ok(Term::bool(false));
    }
    for o in list {
        t.put(&mut d, o);
    }
    Ok(Term::bool(true))
}

fn lookup_element(p: &mut Proc, a: &mut [Term]) -> BifResult {
    let t = readable(p, &a[0])?;
    let pos = match a[2] {
        Term::Int(n) if n >= 1 => n as usize,
        _ => return badarg(),
    };
    let d = t.data.read();
    let Some(b) = d.get(&t.key(&a[1])) else { return Err(Exception::badarg_because("badkey")) };
    let mut out = Vec::with_capacity(b.0.len());
    for o in &b.0 {
        match o.as_tuple().and_then(|e| e.get(pos - 1)) {
            Some(x) => out.push(x.clone()),
            None => return badarg(),
        }
    }
    if t.is_bag() {
        Ok(Term::list(out))
    } else {
        out.pop().map(Ok).unwrap_or_else(badarg)
    }
}

fn delete_object(p: &mut Proc, a: &mut [Term]) -> BifResult {
    let t = writable(p, &a[0])?;
    if !t.valid_object(&a[1]) {
        return badarg();
    }
    let key = t.key_of(&a[1]);
    let mut d = t.data.write();
    if let Some(b) = d.get_mut(&key) {
        b.0.retain(|o| *o != a[1]);
        if b.0.is_empty() {
            d.remove(&key);
        }
    }
    Ok(Term::bool(true))
}

/// One counter update: position, increment, and an optional threshold and reset value.
struct CounterOp {
    pos: usize,
    incr: Term,
    limit: Option<(Term, Term)>,
}

fn counter_op(t: &Table, op: &Term) -> Result<CounterOp, Exception> {
    match op {
        Term::Int(_) | Term::Big(_) => Ok(CounterOp { pos: t.keypos + 1, incr: op.clone(), limit: None }),
        Term::Tuple(e) => match &e[..] {
            [Term::Int(pos), incr] if *pos >= 1 && incr.is_integer() => {
                Ok(CounterOp { pos: *pos as usize, incr: incr.clone(), limit: None })
            }
            [Term::Int(pos), incr, thr, set]
                if *pos >= 1 && incr.is_integer() && thr.is_integer() && set.is_integer() =>
            {
                Ok(CounterOp { pos: *pos as usize, incr: incr.clone(), limit: Some((thr.clone(), set.clone())) })
            }
            _ => badarg(),
        },
        _ => badarg(),
    }
}

/// Applies counter updates to `obj`, giving the new object and the new counter values.
fn apply_counters(t: &Table, obj: &Term, ops: &[CounterOp]) -> Result<(Term, Vec<Term>), Exception> {
    let mut elems = obj.as_tuple().ok_or_else(Exception::badarg)?.to_vec();
    let mut results = Vec::with_capacity(ops.len());
    for op in ops {
        if op.pos == t.keypos || op.pos > elems.len() {
            return badarg();
        }
        let old = &elems[op.pos - 1];
        if !old.is_integer() {
            return badarg();
        }
        let mut v = super::arith::arith_op('+', old, &op.incr)?;
        if let Some((thr, set)) = &op.limit {
            let down = cmp_terms(&op.incr, &Term::Int(0), false) == Ordering::Less;
            let past = cmp_terms(&v, thr, false);
            if (down && past == Ordering::Less) || (!down && past == Ordering::Greater) {
                v = set.clone();
            }
        }
        elems[op.pos - 1] = v.clone();
        results.push(v);
    }
    Ok((Term::tuple(elems), results))
}

fn update_counter(p: &mut Proc, tab: &Term, key: &Term, op: &Term, default: Option<&Term>) -> BifResult {
    let t = writable(p, tab)?;
    if t.is_bag() {
        return badarg();
    }
    let (ops, many) = match op {
        Term::Nil | Term::Cons(_) => {
            let list = op.list_to_vec().ok_or_else(Exception::badarg)?;
            (list.iter().map(|o| counter_op(&t, o)).collect::<Result<Vec<_>, _>>()?, true)
        }
        one => (vec![counter_op(&t, one)?], false),
    };
    let k = t.key(key);
    let mut d = t.data.write();
    let current = match d.get(&k).and_then(|b| b.0.first()) {
        Some(o) => o.clone(),
        None => match default {
            Some(def) if t.valid_object(def) => {
                let mut e = def.as_tuple().map(|x| x.to_vec()).unwrap_or_default();
                e[t.keypos - 1] = key.clone();
                Term::tuple(e)
            }
            None => return Err(Exception::badarg_because("badkey")),
            _ => return badarg(),
        },
    };
    let (obj, mut results) = apply_counters(&t, &current, &ops)?;
    d.insert(k, Bucket(vec![obj]));
    if many {
        Ok(Term::list(results))
    } else {
        results.pop().map(Ok).unwrap_or_else(badarg)
    }
}

fn update_element(p: &mut Proc, a: &mut [Term]) -> BifResult {
    let t = writable(p, &a[0])?;
    if t.is_bag() {
        return badarg();
    }
    let updates = match &a[2] {
        Term::Tuple(_) => vec![a[2].clone()],
        other => other.list_to_vec().ok_or_else(Exception::badarg)?,
    };
    let mut pairs = Vec::with_capacity(updates.len());
    for u in &updates {
        match u.as_tuple() {
            Some([Term::Int(pos), v]) if *pos >= 1 && *pos as usize != t.keypos => {
                pairs.push((*pos as usize, v.clone()))
            }
            _ => return badarg(),
        }
    }
    let k = t.key(&a[1]);
    let mut d = t.data.write();
    let Some(b) = d.get_mut(&k) else { return Ok(Term::bool(false)) };
    let mut elems = b.0[0].as_tuple().map(|x| x.to_vec()).unwrap_or_default();
    for (pos, v) in pairs {
        match elems.get_mut(pos - 1) {
            Some(slot) => *slot = v,
            None => return badarg(),
        }
    }
    b.0[0] = Term::tuple(elems);
    Ok(Term::bool(true))
}

fn spec(t: &Term) -> Result<MatchSpec, Exception> {
    MatchSpec::compile(t).ok_or_else(Exception::badarg)
}

fn pattern(t: &Term, body: &str) -> Result<MatchSpec, Exception> {
    MatchSpec::from_pattern(t, body).ok_or_else(Exception::badarg)
}

/// What a select-like call does with the objects its specification accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Collect {
    /// Returns the body values.
    Values,
    /// Counts the objects whose body gave `true`.
    Count,
    /// Deletes the objects whose body gave `true` and counts them.
    Delete,
}

/// Runs `ms` over the table (or only over the keys its heads fix).
fn select_all(p: &mut Proc, tab: &Term, ms: &MatchSpec, what: Collect) -> BifResult {
    let t = if what == Collect::Delete { writable(p, tab)? } else { readable(p, tab)? };
    let keys = ms.literal_keys(t.keypos).map(|ks| {
        let mut ks: Vec<Key> = ks.iter().map(|k| t.key(k)).collect();
        ks.sort();
        ks.dedup();
        ks
    });
    let mut values = Vec::new();
    let mut count = 0i64;
    let mut doomed: Vec<Term> = Vec::new();
    let mut visit = |p: &mut Proc, o: &Term| {
        if let Outcome::Value(v) = ms.run(p, o) {
            match what {
                Collect::Values => values.push(v),
                _ if v.is_atom(atoms::TRUE) => {
                    count += 1;
                    if what == Collect::Delete {
                        doomed.push(o.clone());
                    }
                }
                _ => {}
            }
        }
    };
    let scan = |p: &mut Proc, d: &Objects, visit: &mut dyn FnMut(&mut Proc, &Term)| match &keys {
        Some(keys) => {
            for k in keys {
                for o in d.get(k).map(|b| &b.0[..]).unwrap_or_default() {
                    visit(p, o);
                }
            }
        }
        None => {
            for o in d.values().flat_map(|b| b.0.iter()) {
                visit(p, o);
            }
        }
    };
    if what == Collect::Delete {
        // Deleting holds the write lock throughout, so no object changes in between.
        let mut d = t.data.write();
        scan(p, &d, &mut visit);
        for o in &doomed {
            let k = t.key_of(o);
            if let Some(b) = d.get_mut(&k) {
                // A duplicate bag holds identical copies: remove one per match.
                if let Some(i) = b.0.iter().position(|x| x == o) {
                    b.0.remove(i);
                }
                if b.0.is_empty() {
                    d.remove(&k);
                }
            }
        }
    } else {
        scan(p, &t.data.read(), &mut visit);
    }
    Ok(match what {
        Collect::Values => Term::list(values),
        _ => Term::Int(count),
    })
}

/// The tag of continuations made by `select/3`, `match/3` and `match_object/3`.
const CONTINUATION: &str = "$ember_ets_continuation";

fn select_chunked(p: &mut Proc, tab: &Term, ms: &MatchSpec, n: &Term) -> BifResult {
    let n = limit(n)?;
    let all = select_all(p, tab, ms, Collect::Values)?;
    chunk(all, n)
}

/// The number of results a chunked select returns at a time.
fn limit(n: &Term) -> Result<i64, Exception> {
    match n {
        Term::Int(n) if *n >= 1 => Ok(*n),
        _ => badarg(),
    }
}

/// `select_reverse/2`: an `ordered_set`'s results last key first; the other types have no
/// order to reverse.
fn select_reverse(p: &mut Proc, tab: &Term, ms: &MatchSpec) -> BifResult {
    let all = select_all(p, tab, ms, Collect::Values)?;
    if readable(p, tab)?.kind != Kind::OrderedSet {
        return Ok(all);
    }
    let mut v = all.list_to_vec().unwrap_or_default();
    v.reverse();
    Ok(Term::list(v))
}

/// `select_replace/2`: each object the specification accepts is replaced by the body's
/// value, which must be an object with the same key (else badarg, and nothing changes).
/// Not for bags.
fn select_replace(p: &mut Proc, tab: &Term, ms: &MatchSpec) -> BifResult {
    let t = writable(p, tab)?;
    if matches!(t.kind, Kind::Bag | Kind::DuplicateBag) {
        return Err(Exception::badarg_because("table_type"));
    }
    let mut d = t.data.write();
    let mut replaced = Vec::new();
    for (k, b) in d.iter() {
        for o in &b.0 {
            if let Outcome::Value(v) = ms.run(p, o) {
                let same_key = v.as_tuple().is_some_and(|e| e.len() >= t.keypos) && t.key_of(&v) == *k;
                if !same_key {
                    return badarg();
                }
                replaced.push(v);
            }
        }
    }
    let n = replaced.len() as i64;
    for v in replaced {
        d.insert(t.key_of(&v), Bucket(vec![v]));
    }
    Ok(Term::Int(n))
}

/// `slot/2`: the objects of the `i`th key in the table's order (for an `ordered_set`, the
/// `i`th object, as in erl; erl's slots of a hash table are its buckets, which ember does
/// not have), `'$end_of_table'` just past the last.
fn slot(p: &mut Proc, tab: &Term, i: &Term) -> BifResult {
    let t = readable(p, tab)?;
    let d = t.data.read();
    match i {
        Term::Int(i) if *i >= 0 && (*i as usize) < d.len() => {
            Ok(Term::list(d.values().nth(*i as usize).map(|b| b.to_vec()).unwrap_or_default()))
        }
        Term::Int(i) if *i as usize == d.len() => Ok(Term::atom("$end_of_table")),
        _ => badarg(),
    }
}

/// `setopts/2`: `{heir, Pid, Data}` or `{heir, none}`, alone or in a list, by the owner.
fn setopts(p: &mut Proc, tab: &Term, opts: &Term) -> BifResult {
    let t = match p.vm.ets.find(tab) {
        Some(t) if t.owner() == p.pid => t,
        _ => return badarg(),
    };
    let opts = match opts {
        Term::Tuple(_) => vec![opts.clone()],
        _ => opts.list_to_vec().ok_or_else(Exception::badarg)?,
    };
    let mut heir = t.heir.lock().clone();
    for o in &opts {
        match o.as_tuple() {
            Some([Term::Atom(k), Term::Atom(none)]) if k.as_str() == "heir" && none.as_str() == "none" => heir = None,
            Some([Term::Atom(k), Term::Pid(h), data]) if k.as_str() == "heir" => heir = Some((*h, data.clone())),
            _ => return badarg(),
        }
    }
    *t.heir.lock() = heir;
    Ok(Term::bool(true))
}

/// `test_ms/2`: what the specification makes of one tuple, `false` if it does not match.
fn test_ms(p: &mut Proc, tuple: &Term, ms: &Term) -> BifResult {
    if !matches!(tuple, Term::Tuple(_)) {
        return badarg();
    }
    let why = if ms.list_len().is_none() { "Match programs are not in a list." } else { "Invalid match program." };
    Ok(match MatchSpec::compile(ms) {
        Some(ms) => match ms.run(p, tuple) {
            Outcome::Value(v) => Term::tuple([Term::Atom(atoms::OK), v]),
            _ => Term::tuple([Term::Atom(atoms::OK), Term::bool(false)]),
        },
        None => Term::tuple([
            Term::Atom(atoms::ERROR),
            Term::list(vec![Term::tuple([Term::Atom(atoms::ERROR), Term::string(why)])]),
        ]),
    })
}

/// The first `n` results and a continuation for the rest.
fn chunk(all: Term, n: i64) -> BifResult {
    let mut taken = Vec::new();
    let mut rest = &all;
    while (taken.len() as i64) < n {
        match rest {
            Term::Cons(c) => {
                taken.push(c.head.clone());
                rest = &c.tail;
            }
            _ => break,
        }
    }
    if taken.is_empty() {
        return Ok(Term::atom("$end_of_table"));
    }
    let cont = if (taken.len() as i64) < n {
        Term::atom("$end_of_table")
    } else {
        Term::tuple([Term::atom(CONTINUATION), rest.clone(), Term::Int(n)])
    };
    Ok(Term::tuple([Term::list(taken), cont]))
}

fn next_chunk(cont: &Term) -> BifResult {
    match cont.as_tuple() {
        Some([tag, rest, Term::Int(n)]) if tag.is_atom(Atom::new(CONTINUATION)) && *n >= 1 => chunk(rest.clone(), *n),
        _ if cont.is_atom(Atom::new("$end_of_table")) => Ok(cont.clone()),
        _ => badarg(),
    }
}

/// `first`, `last`, `next` and `prev`. Only an `ordered_set` has a last key; the other
/// types answer `last` and `prev` as `first` and `next`.
fn step(p: &mut Proc, tab: &Term, from: Option<&Term>, forward: bool) -> BifResult {
    let t = readable(p, tab)?;
    let forward = forward || t.kind != Kind::OrderedSet;
    let d = t.data.read();
    let found = match from {
        None if forward => d.keys().next(),
        None => d.keys().next_back(),
        Some(k) => {
            let k = t.key(k);
            // In a hash table the key must be there; an ordered_set steps from any term.
            if t.kind != Kind::OrderedSet && !d.contains_key(&k) {
                return badarg();
            }
            if forward {
                d.range((Bound::Excluded(&k), Bound::Unbounded)).next().map(|(k, _)| k)
            } else {
                d.range((Bound::Unbounded, Bound::Excluded(&k))).next_back().map(|(k, _)| k)
            }
        }
    };
    Ok(found.map(|k| k.term.clone()).unwrap_or_else(|| Term::atom("$end_of_table")))
}

fn info_item(p: &Proc, t: &Table, item: &str) -> Term {
    match item {
        "id" => Term::Ref(t.id),
        "decentralized_counters" => Term::bool(t.flags.decentralized_counters),
        "read_concurrency" => Term::bool(t.flags.read_concurrency),
        "write_concurrency" => Term::bool(t.flags.write_concurrency),
        "compressed" => Term::bool(t.flags.compressed),
        "memory" => Term::Int(memory_words(t) as i64),
        "owner" => Term::Pid(t.owner()),
        "heir" => t.heir.lock().as_ref().map(|(h, _)| Term::Pid(*h)).unwrap_or_else(|| Term::atom("none")),
        "name" => Term::Atom(*t.name.lock()),
        "size" => Term::Int(t.data.read().values().map(|b| b.0.len()).sum::<usize>() as i64),
        "node" => Term::Atom(p.vm.dist.node().name),
        "named_table" => Term::bool(t.named),
        "type" => Term::atom(match t.kind {
            Kind::Set => "set",
            Kind::OrderedSet => "ordered_set",
            Kind::Bag => "bag",
            Kind::DuplicateBag => "duplicate_bag",
        }),
        "keypos" => Term::Int(t.keypos as i64),
        "protection" => Term::atom(match t.access {
            Access::Public => "public",
            Access::Protected => "protected",
            Access::Private => "private",
        }),
        "stats" => Term::atom("false"),
        _ => Term::bool(false),
    }
}

/// A table's size in words, estimated as erts counts it: a fixed header and, per object,
/// its flat size and a few words of bookkeeping.
fn memory_words(t: &Table) -> usize {
    let d = t.data.read();
    305 + d.values().flat_map(|b| b.0.iter()).map(|o| term_words(o, 0) + 4).sum::<usize>()
}

/// The flat size of a term in words (as `erts_debug:flat_size/1`, roughly).
pub(crate) fn term_words(t: &Term, depth: usize) -> usize {
    if depth > 64 {
        return 0;
    }
    match t {
        Term::Int(i) if (-(1i64 << 59)..(1i64 << 59)).contains(i) => 0,
        Term::Int(_) => 2,
        Term::Big(b) => 1 + (b.bits() as usize).div_ceil(64),
        Term::Float(_) => 2,
        Term::Atom(_) | Term::Nil | Term::Pid(_) => 0,
        Term::Ref(_) => 4,
        Term::Tuple(es) => 1 + es.len() + es.iter().map(|e| term_words(e, depth + 1)).sum::<usize>(),
        Term::Cons(_) => {
            let mut it = t.iter_list();
            let cells: usize = it.by_ref().map(|e| 2 + term_words(e, depth + 1)).sum();
            cells + term_words(it.tail(), depth + 1)
        }
        Term::Map(m) => {
            3 + 2 * m.len() + m.iter().map(|(k, v)| term_words(k, depth + 1) + term_words(v, depth + 1)).sum::<usize>()
        }
        Term::Bits(b) if b.byte_len() <= 64 => 2 + b.byte_len().div_ceil(8),
        Term::Bits(_) => 6,
        Term::Fun(_) => 8,
    }
}

fn give_away(p: &mut Proc, a: &mut [Term]) -> BifResult {
    let t = match p.vm.ets.find(&a[0]) {
        Some(t) if t.owner() == p.pid => t,
        _ => return badarg(),
    };
    let to = match a[1] {
        Term::Pid(to) if to != p.pid && is_alive(&p.vm, to) => to,
        _ => return badarg(),
    };
    p.vm.ets.transfer(&t, to);
    let msg = Term::tuple([Term::atom("ETS-TRANSFER"), t.handle(), Term::Pid(p.pid), a[2].clone()]);
    p.vm.signal(to, Signal::Message(msg));
    // The new owner may have ended after the check: then its tables go now.
    if !p.vm.add_owned(to, OWNS_ETS) {
        owner_exited(&p.vm, to);
    }
    Ok(Term::bool(true))
}

#[cfg(test)]
mod tests {
    use crate::{CallResult, CapturedOutput, Vm, VmConfig};
    use std::sync::Arc;

    /// Runs `body` as the body of `t:f/0` and prints the result as `~w` does.
    fn eval(body: &str) -> String {
        let src = format!("-module(t).\n-export([f/0]).\nf() -> {body}.\n");
        let vm = Vm::with_output(VmConfig::default(), Arc::new(CapturedOutput::default()));
        if let Err(d) = vm.load_source("t.erl", &src) {
            panic!("does not compile: {d:?}");
        }
        match vm.call("t", "f", vec![]) {
            CallResult::Returned(v) => v.to_string(),
            CallResult::Raised(_, r, _) => format!("raised {r}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_set_replaces_and_a_bag_keeps_distinct_objects() {
        assert_eq!(eval("T = ets:new(t, []), ets:insert(T, [{k, 1}, {k, 2}]), ets:lookup(T, k)"), "[{k,2}]");
        assert_eq!(
            eval(
                "T = ets:new(t, [bag]), ets:insert(T, {k, 1}), ets:insert(T, {k, 2}), \
                 ets:insert(T, {k, 1}), ets:lookup(T, k)"
            ),
            "[{k,1},{k,2}]"
        );
        assert_eq!(
            eval("T = ets:new(t, [duplicate_bag]), ets:insert(T, {k, 1}), ets:insert(T, {k, 1}), ets:lookup(T, k)"),
            "[{k,1},{k,1}]"
        );
    }

    #[test]
    fn an_ordered_set_compares_keys_with_double_equals() {
        assert_eq!(eval("T = ets:new(t, [ordered_set]), ets:insert(T, {1, a}), ets:lookup(T, 1.0)"), "[{1,a}]");
        assert_eq!(eval("T = ets:new(t, []), ets:insert(T, {1, a}), ets:lookup(T, 1.0)"), "[]");
        assert_eq!(
            eval("T = ets:new(t, [ordered_set]), ets:insert(T, [{3, c}, {a, x}, {1, a}]), ets:tab2list(T)"),
            "[{1,a},{3,c},{a,x}]"
        );
    }

    #[test]
    fn counters_honour_thresholds_and_defaults() {
        assert_eq!(
            eval("T = ets:new(t, []), ets:insert(T, {c, 9}), ets:update_counter(T, c, [{2, 1}, {2, 1, 10, 0}])"),
            "[10,0]"
        );
        assert_eq!(
            eval("T = ets:new(t, []), {ets:update_counter(T, n, 3, {n, 10}), ets:lookup(T, n)}"),
            "{13,[{n,13}]}"
        );
        assert_eq!(eval("T = ets:new(t, []), ets:update_counter(T, n, 3)"), "raised badarg");
    }

    #[test]
    fn select_runs_guards_and_builds_results() {
        let v = eval(
            "T = ets:new(t, [ordered_set]), ets:insert(T, [{1, a}, {2, b}, {3, c}]), \
             ets:select(T, [{{'$1', '$2'}, [{'>', '$1', 1}], [{{'$2', '$1'}}]}])",
        );
        assert_eq!(v, "[{b,2},{c,3}]");
        assert_eq!(
            eval("T = ets:new(t, []), ets:insert(T, {1, a}), ets:select(T, [{'_', [], ['$1']}])"),
            "raised badarg"
        );
    }

    #[test]
    fn a_table_dies_with_its_owner() {
        let v = eval(
            "Self = self(), P = spawn(fun() -> ets:new(owned, [named_table]), Self ! made end), \
             receive made -> ok end, R = monitor(process, P), \
             receive {'DOWN', R, process, P, _} -> ok end, ets:info(owned)",
        );
        assert_eq!(v, "undefined");
    }

    #[test]
    fn a_private_table_is_closed_to_other_processes() {
        let v = eval(
            "Self = self(), T = ets:new(t, [private]), ets:insert(T, {k}), \
             spawn(fun() -> Self ! (catch ets:lookup(T, k)) end), \
             receive {'EXIT', {Reason, _}} -> Reason end",
        );
        assert_eq!(v, "badarg");
    }
}
