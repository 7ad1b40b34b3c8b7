//! The VM's side of distribution.
//!
//! The wire (port mapper, handshake, sockets, ticks) lives in the `ember-dist` crate, behind
//! the [`Transport`] trait. This module is what the VM itself must know: this node's name
//! and creation, the control messages of the distribution protocol in both directions
//! (made from the VM's own signals, and turned back into them), and which links and
//! monitors cross to each node, so that when a connection goes down every process
//! involved learns it with `noconnection`, as in erl.
//!
//! Signals to a pid of another node reach [`Dist::outgoing`] from `VmShared::signal`, the
//! one place every signal goes through; control messages from other nodes arrive through
//! [`crate::Vm::dist_receive`].

use crate::process::{Proc, Signal};
use crate::term::{atoms, Atom, NodeId, Pid, Ref, Term};
use crate::vm::VmShared;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// What crosses from this node to others: the seam the distribution layer plugs into.
/// Without one, the node is not distributed: sends to other nodes are dropped, as on a
/// non-distributed erl node.
pub trait Transport: Send + Sync {
    /// Queues a control message (and the payload that follows it, if any) for `node`,
    /// connecting to it first when there is no connection. When the connection cannot be
    /// made, or is lost, the transport calls [`crate::Vm::node_down`] for the node.
    fn send(&self, node: Atom, control: Term, payload: Option<Term>);
    /// Connects to `node` unless connected (or connecting) already.
    fn connect(&self, node: Atom);
    /// The visible nodes this node is connected to now.
    fn nodes(&self) -> Vec<Atom>;
    /// The hidden nodes this node is connected to now (`erl -hidden`, tools).
    fn hidden_nodes(&self) -> Vec<Atom> {
        Vec::new()
    }
    /// Closes the connection to `node`; false if there was none.
    fn disconnect(&self, node: Atom) -> bool;
}

/// Makes a running VM a distributed node (`net_kernel:start/1,2`): given the node name
/// (`NAME` or `NAME@HOST`) and whether it is a long name, it starts the distribution layer
/// or says why not. It may block (port mapper, sockets), so the VM calls it on a thread of
/// its own. The host installs it ([`crate::Vm::set_node_starter`]); without one, a running
/// VM cannot become a node.
pub type NodeStarter = dyn Fn(&str, bool) -> Result<(), String> + Send + Sync;

/// The control message codes of the distribution protocol that ember sends or takes.
mod op {
    pub(super) const LINK: i64 = 1;
    pub(super) const SEND: i64 = 2;
    pub(super) const EXIT: i64 = 3;
    pub(super) const UNLINK: i64 = 4;
    pub(super) const REG_SEND: i64 = 6;
    pub(super) const EXIT2: i64 = 8;
    pub(super) const SEND_TT: i64 = 12;
    pub(super) const EXIT_TT: i64 = 13;
    pub(super) const REG_SEND_TT: i64 = 16;
    pub(super) const EXIT2_TT: i64 = 18;
    pub(super) const MONITOR_P: i64 = 19;
    pub(super) const DEMONITOR_P: i64 = 20;
    pub(super) const MONITOR_P_EXIT: i64 = 21;
    pub(super) const SEND_SENDER: i64 = 22;
    pub(super) const SEND_SENDER_TT: i64 = 23;
    pub(super) const PAYLOAD_EXIT: i64 = 24;
    pub(super) const PAYLOAD_EXIT_TT: i64 = 25;
    pub(super) const PAYLOAD_EXIT2: i64 = 26;
    pub(super) const PAYLOAD_EXIT2_TT: i64 = 27;
    pub(super) const PAYLOAD_MONITOR_P_EXIT: i64 = 28;
    pub(super) const SPAWN_REQUEST: i64 = 29;
    pub(super) const SPAWN_REQUEST_TT: i64 = 30;
    pub(super) const SPAWN_REPLY: i64 = 31;
    pub(super) const ALIAS_SEND: i64 = 33;
    pub(super) const ALIAS_SEND_TT: i64 = 34;
    pub(super) const UNLINK_ID: i64 = 35;
    pub(super) const UNLINK_ID_ACK: i64 = 36;
}

/// The links and monitors between this node and one other: what to undo, and whom to
/// tell, when the connection goes down.
#[derive(Default)]
struct Crossing {
    /// Linked pairs: (local process, remote process).
    links: Vec<(Pid, Pid)>,
    /// Monitors local processes hold there: (watcher, reference, the monitored process as
    /// its `'DOWN'` message names it).
    monitors: Vec<(Pid, Ref, Term)>,
    /// Monitors processes there hold on local ones: (target, watcher, reference).
    watched: Vec<(Pid, Pid, Ref)>,
    /// Processes that called `monitor_node(Node, true)` (once per call).
    node_watchers: Vec<Pid>,
}

/// A spawn this node asked another to make, until its answer comes.
pub(crate) struct SpawnRequest {
    /// The process that asked, which gets the answer.
    pub(crate) requester: Pid,
    /// The answer's tag (`spawn_reply` unless `{reply_tag, Tag}`).
    pub(crate) tag: Term,
    /// Answer a success; answer a failure.
    pub(crate) reply_ok: bool,
    pub(crate) reply_error: bool,
    /// Link to the new process; monitor it (the request's reference is the monitor's).
    pub(crate) link: bool,
    pub(crate) monitor: bool,
}

/// A VM's distribution state.
pub(crate) struct Dist {
    /// This node's [`NodeId`], packed.
    node: AtomicU64,
    transport: OnceLock<Arc<dyn Transport>>,
    cookie: Mutex<Atom>,
    /// Cookies set for particular nodes (`erlang:set_cookie/2`).
    node_cookies: Mutex<HashMap<Atom, Atom>>,
    crossings: Mutex<HashMap<Atom, Crossing>>,
    /// Spawn requests sent and not answered yet, by reference, with their node.
    spawns: Mutex<HashMap<Ref, (Atom, SpawnRequest)>>,
    /// The nodes connected now (as the transport reported them up), and the processes
    /// that `net_kernel:monitor_nodes(true)` subscribed to their comings and goings.
    up: Mutex<(Vec<Atom>, Vec<Pid>)>,
    unlink_ids: AtomicU64,
    /// What `net_kernel:start/1,2` calls.
    pub(crate) starter: OnceLock<Arc<NodeStarter>>,
}

impl Default for Dist {
    fn default() -> Dist {
        Dist {
            node: AtomicU64::new(NodeId::NONODE.pack()),
            transport: OnceLock::new(),
            cookie: Mutex::new(atoms::NOCOOKIE),
            node_cookies: Mutex::new(HashMap::new()),
            crossings: Mutex::new(HashMap::new()),
            spawns: Mutex::new(HashMap::new()),
            up: Mutex::new((Vec::new(), Vec::new())),
            unlink_ids: AtomicU64::new(1),
            starter: OnceLock::new(),
        }
    }
}

/// The `'DOWN'` message of a process monitor.
pub(crate) fn down(r: Ref, who: Term, reason: Term) -> Term {
    Term::tuple([Term::Atom(atoms::DOWN), Term::Ref(r), Term::Atom(atoms::PROCESS), who, reason])
}

/// Where a pid lives: `None` for this node.
fn node_of(p: Pid) -> Option<Atom> {
    p.as_external().map(|e| e.node)
}

impl Dist {
    /// This node's name and creation.
    pub(crate) fn node(&self) -> NodeId {
        NodeId::unpack(self.node.load(Ordering::Relaxed))
    }

    /// Is the node distributed?
    pub(crate) fn alive(&self) -> bool {
        self.transport.get().is_some()
    }

    /// The cookie (`nocookie` when not distributed).
    pub(crate) fn cookie(&self) -> Atom {
        *self.cookie.lock()
    }

    /// The cookie to use with `node`: the one set for it, else this node's.
    pub(crate) fn cookie_for(&self, node: Atom) -> Atom {
        self.node_cookies.lock().get(&node).copied().unwrap_or_else(|| self.cookie())
    }

    /// `erlang:set_cookie/1,2`: this node's cookie (`node` None or this node), or the one
    /// to use with `node`.
    pub(crate) fn set_cookie(&self, node: Option<Atom>, cookie: Atom) {
        match node {
            Some(n) if n != self.node().name => {
                self.node_cookies.lock().insert(n, cookie);
            }
            _ => *self.cookie.lock() = cookie,
        }
    }

    /// Makes the node distributed. False if it was already.
    pub(crate) fn start(&self, node: NodeId, cookie: Atom, transport: Arc<dyn Transport>) -> bool {
        if self.transport.set(transport).is_err() {
            return false;
        }
        *self.cookie.lock() = cookie;
        self.node.store(node.pack(), Ordering::Relaxed);
        true
    }

    /// The visible nodes connected now.
    pub(crate) fn nodes(&self) -> Vec<Atom> {
        self.transport.get().map(|t| t.nodes()).unwrap_or_default()
    }

    /// The hidden nodes connected now.
    pub(crate) fn hidden_nodes(&self) -> Vec<Atom> {
        self.transport.get().map(|t| t.hidden_nodes()).unwrap_or_default()
    }

    /// Closes the connection to `node`.
    pub(crate) fn disconnect(&self, node: Atom) -> bool {
        self.transport.get().is_some_and(|t| t.disconnect(node))
    }

    fn send(&self, node: Atom, control: Term, payload: Option<Term>) {
        if let Some(t) = self.transport.get() {
            t.send(node, control, payload);
        }
    }

    fn crossing<R>(&self, node: Atom, f: impl FnOnce(&mut Crossing) -> R) -> R {
        f(self.crossings.lock().entry(node).or_default())
    }

    /// A signal from a local process to a process of another node.
    pub(crate) fn outgoing(&self, to: Pid, s: Signal) {
        let Some(node) = node_of(to) else { return };
        let int = Term::Int;
        let (control, payload) = match s {
            Signal::Message(m) => (Term::tuple([int(op::SEND), Term::Atom(atoms::EMPTY), Term::Pid(to)]), Some(m)),
            Signal::Exit { from, reason, linked: true } => {
                self.crossing(node, |c| c.links.retain(|l| *l != (from, to)));
                (Term::tuple([int(op::EXIT), Term::Pid(from), Term::Pid(to), reason]), None)
            }
            Signal::Exit { from, reason, linked: false } => {
                (Term::tuple([int(op::EXIT2), Term::Pid(from), Term::Pid(to), reason]), None)
            }
            Signal::Link(from) => {
                self.crossing(node, |c| {
                    if !c.links.contains(&(from, to)) {
                        c.links.push((from, to));
                    }
                });
                (Term::tuple([int(op::LINK), Term::Pid(from), Term::Pid(to)]), None)
            }
            Signal::Unlink(from) => {
                self.crossing(node, |c| c.links.retain(|l| *l != (from, to)));
                let id = self.unlink_ids.fetch_add(1, Ordering::Relaxed);
                (Term::tuple([int(op::UNLINK_ID), Term::Int(id as i64), Term::Pid(from), Term::Pid(to)]), None)
            }
            Signal::Monitor { from, r, .. } => {
                self.crossing(node, |c| c.monitors.push((from, r, Term::Pid(to))));
                (Term::tuple([int(op::MONITOR_P), Term::Pid(from), Term::Pid(to), Term::Ref(r)]), None)
            }
            Signal::Demonitor { from, r } => {
                self.crossing(node, |c| c.monitors.retain(|(w, x, _)| !(*w == from && *x == r)));
                (Term::tuple([int(op::DEMONITOR_P), Term::Pid(from), Term::Pid(to), Term::Ref(r)]), None)
            }
            // Aliases of other nodes are sent to through `send_to_alias`, and a call to
            // another node's process is a monitor and a message (`ember_proc:call_send/3`);
            // tracing, group leaders and timeouts do not cross nodes.
            Signal::AliasMessage { .. }
            | Signal::Call { .. }
            | Signal::Monitoring { .. }
            | Signal::Timeout(_)
            | Signal::GroupLeader(_)
            | Signal::Trace { .. } => return,
        };
        self.send(node, control, payload);
    }

    /// `{Name, Node} ! Msg` for another node.
    pub(crate) fn send_to_name(&self, from: Pid, node: Atom, name: Atom, msg: Term) {
        let control =
            Term::tuple([Term::Int(op::REG_SEND), Term::Pid(from), Term::Atom(atoms::EMPTY), Term::Atom(name)]);
        self.send(node, control, Some(msg));
    }

    /// A send to an alias (a reference) made by another node.
    pub(crate) fn send_to_alias(&self, from: Pid, alias: Ref, msg: Term) {
        let Some(e) = alias.as_external() else { return };
        let control = Term::tuple([Term::Int(op::ALIAS_SEND), Term::Pid(from), Term::Ref(alias)]);
        self.send(e.node, control, Some(msg));
    }

    /// `monitor(process, {Name, Node})` for another node.
    pub(crate) fn monitor_name(&self, from: Pid, node: Atom, name: Atom, r: Ref) {
        let who = Term::tuple([Term::Atom(name), Term::Atom(node)]);
        self.crossing(node, |c| c.monitors.push((from, r, who)));
        let control = Term::tuple([Term::Int(op::MONITOR_P), Term::Pid(from), Term::Atom(name), Term::Ref(r)]);
        self.send(node, control, None);
    }

    /// Takes back a monitor set up by [`Dist::monitor_name`].
    pub(crate) fn demonitor_name(&self, from: Pid, node: Atom, name: Atom, r: Ref) {
        self.crossing(node, |c| c.monitors.retain(|(w, x, _)| !(*w == from && *x == r)));
        let control = Term::tuple([Term::Int(op::DEMONITOR_P), Term::Pid(from), Term::Atom(name), Term::Ref(r)]);
        self.send(node, control, None);
    }

    /// Tells `watcher` on another node that the process it monitored under `r` (`who`: its
    /// pid, or `{Name, Node}` if monitored by name) is gone with `reason`.
    pub(crate) fn monitor_exit(&self, watcher: Pid, r: Ref, who: &Term, reason: Term) {
        let Some(node) = node_of(watcher) else { return };
        let from = match who.as_tuple() {
            Some([name, _]) => name.clone(),
            _ => who.clone(),
        };
        if let Term::Pid(target) = who {
            self.crossing(node, |c| c.watched.retain(|w| *w != (*target, watcher, r)));
        }
        let control = Term::tuple([Term::Int(op::MONITOR_P_EXIT), from, Term::Pid(watcher), Term::Ref(r), reason]);
        self.send(node, control, None);
    }

    /// Asks `node` to spawn `m:f(args)` for `req.requester`, with group leader `gl` and the
    /// link and monitor options `wire`; the answer comes through `dist_receive`.
    pub(crate) fn spawn_request(
        &self,
        node: Atom,
        r: Ref,
        req: SpawnRequest,
        gl: Pid,
        mfa: (Atom, Atom, Vec<Term>),
        wire: Term,
    ) {
        let (m, f, args) = mfa;
        let from = req.requester;
        self.spawns.lock().insert(r, (node, req));
        let control = Term::tuple([
            Term::Int(op::SPAWN_REQUEST),
            Term::Ref(r),
            Term::Pid(from),
            Term::Pid(gl),
            Term::tuple([Term::Atom(m), Term::Atom(f), Term::Int(args.len() as i64)]),
            wire,
        ]);
        self.send(node, control, Some(Term::list(args)));
    }

    /// `net_kernel:monitor_nodes(Flag)`: `{nodeup, Node}` and `{nodedown, Node}` go to `pid`
    /// as nodes connect and disconnect (once per subscription).
    pub(crate) fn monitor_nodes(&self, pid: Pid, on: bool) {
        let subscribers = &mut self.up.lock().1;
        if on {
            subscribers.push(pid);
        } else if let Some(i) = subscribers.iter().position(|p| *p == pid) {
            subscribers.remove(i);
        }
    }

    /// `monitor_node(Node, true)`: `{nodedown, Node}` goes to `pid` when the connection
    /// goes down (at once if it cannot be made).
    pub(crate) fn monitor_node(&self, pid: Pid, node: Atom, on: bool) {
        self.crossing(node, |c| {
            if on {
                c.node_watchers.push(pid);
            } else if let Some(i) = c.node_watchers.iter().position(|p| *p == pid) {
                c.node_watchers.remove(i);
            }
        });
        if on {
            if let Some(t) = self.transport.get() {
                t.connect(node);
            }
        }
    }
}

impl VmShared {
    /// A control message from `node`, with the payload that came after it.
    pub(crate) fn dist_receive(self: &Arc<Self>, node: Atom, control: &Term, payload: Option<Term>) {
        let Some(fields) = control.as_tuple() else { return };
        let Some(Term::Int(code)) = fields.first() else { return };
        // A local pid, as a target: the standard group leader is a pseudo pid, and what
        // other nodes send it (io requests, monitors from a function that rpc runs there
        // with this node's group leader) goes to the process that serves it for them
        // (net_kernel starts it).
        let pid = |t: &Term| match t {
            Term::Pid(p) if *p == Proc::STANDARD_GROUP_LEADER => {
                Some(self.processes.whereis(Atom::new("ember_standard_io")).unwrap_or(*p))
            }
            Term::Pid(p) => Some(*p),
            _ => None,
        };
        // An exit reason comes as the payload (the PAYLOAD_ forms) or as field `i`.
        let reason_at = |i: usize| payload.clone().or_else(|| fields.get(i).cloned()).unwrap_or(Term::Nil);
        let traced = matches!(*code, op::EXIT_TT | op::EXIT2_TT);
        match (*code, &fields[1..]) {
            (op::SEND | op::SEND_TT, [_, to, ..]) | (op::SEND_SENDER | op::SEND_SENDER_TT, [_, to, ..]) => {
                if let (Some(to), Some(msg)) = (pid(to), payload) {
                    self.signal(to, Signal::Message(msg));
                }
            }
            (op::REG_SEND | op::REG_SEND_TT, [_, _, Term::Atom(name), ..]) => {
                if let (Some(to), Some(msg)) = (self.processes.whereis(*name), payload) {
                    self.signal(to, Signal::Message(msg));
                }
            }
            (op::ALIAS_SEND | op::ALIAS_SEND_TT, [_, Term::Ref(alias), ..]) => {
                if let (Some(owner), Some(msg)) = (self.aliases.owner(*alias), payload) {
                    self.signal(owner, Signal::AliasMessage { alias: *alias, msg, direct: false, released: false });
                }
            }
            (op::LINK, [from, to]) => {
                let (Some(from), Some(to)) = (pid(from), pid(to)) else { return };
                if self.signal(to, Signal::Link(from)) {
                    self.dist.crossing(node, |c| {
                        if !c.links.contains(&(to, from)) {
                            c.links.push((to, from));
                        }
                    });
                } else {
                    self.dist
                        .outgoing(from, Signal::Exit { from: to, reason: Term::Atom(atoms::NOPROC), linked: true });
                }
            }
            (op::UNLINK, [from, to]) | (op::UNLINK_ID, [_, from, to]) => {
                let (Some(from), Some(to)) = (pid(from), pid(to)) else { return };
                self.dist.crossing(node, |c| c.links.retain(|l| *l != (to, from)));
                self.signal(to, Signal::Unlink(from));
                if *code == op::UNLINK_ID {
                    let ack =
                        Term::tuple([Term::Int(op::UNLINK_ID_ACK), fields[1].clone(), Term::Pid(to), Term::Pid(from)]);
                    self.dist.send(node, ack, None);
                }
            }
            (op::EXIT | op::EXIT_TT | op::PAYLOAD_EXIT | op::PAYLOAD_EXIT_TT, [from, to, ..]) => {
                let (Some(from), Some(to)) = (pid(from), pid(to)) else { return };
                let reason = reason_at(if traced { 4 } else { 3 });
                self.dist.crossing(node, |c| c.links.retain(|l| *l != (to, from)));
                self.signal(to, Signal::Exit { from, reason, linked: true });
            }
            (op::EXIT2 | op::EXIT2_TT | op::PAYLOAD_EXIT2 | op::PAYLOAD_EXIT2_TT, [from, to, ..]) => {
                let (Some(from), Some(to)) = (pid(from), pid(to)) else { return };
                let reason = reason_at(if traced { 4 } else { 3 });
                self.signal(to, Signal::Exit { from, reason, linked: false });
            }
            (op::MONITOR_P, [from, target, Term::Ref(r)]) => {
                let Some(from) = pid(from) else { return };
                let (to, name) = match target {
                    Term::Pid(_) => (pid(target), None),
                    Term::Atom(n) => (
                        self.processes.whereis(*n),
                        Some(Term::tuple([target.clone(), Term::Atom(self.dist.node().name)])),
                    ),
                    _ => return,
                };
                let who = name.clone().unwrap_or_else(|| target.clone());
                match to {
                    Some(to) if self.signal(to, Signal::Monitor { from, r: *r, name }) => {
                        self.dist.crossing(node, |c| c.watched.push((to, from, *r)));
                    }
                    _ => self.dist.monitor_exit(from, *r, &who, Term::Atom(atoms::NOPROC)),
                }
            }
            (op::DEMONITOR_P, [from, target, Term::Ref(r)]) => {
                let Some(from) = pid(from) else { return };
                let to = match target {
                    Term::Pid(_) => pid(target),
                    Term::Atom(n) => self.processes.whereis(*n),
                    _ => None,
                };
                if let Some(to) = to {
                    self.dist.crossing(node, |c| c.watched.retain(|w| *w != (to, from, *r)));
                    self.signal(to, Signal::Demonitor { from, r: *r });
                }
            }
            (op::MONITOR_P_EXIT | op::PAYLOAD_MONITOR_P_EXIT, [target, watcher, Term::Ref(r), ..]) => {
                let Some(watcher) = pid(watcher) else { return };
                let reason = reason_at(4);
                let who = match target {
                    Term::Atom(_) => Term::tuple([target.clone(), Term::Atom(node)]),
                    _ => target.clone(),
                };
                self.dist.crossing(node, |c| c.monitors.retain(|(w, x, _)| !(*w == watcher && x == r)));
                self.signal(watcher, Signal::Message(down(*r, who, reason)));
            }
            (op::SPAWN_REQUEST | op::SPAWN_REQUEST_TT, [req, from, gl, mfa, opts, ..]) => {
                let (Term::Ref(r), Some(from)) = (req, pid(from)) else { return };
                let reply = |flags: i64, result: Term| {
                    let control = Term::tuple([
                        Term::Int(op::SPAWN_REPLY),
                        req.clone(),
                        Term::Pid(from),
                        Term::Int(flags),
                        result,
                    ]);
                    self.dist.send(node, control, None);
                };
                let args = payload.as_ref().and_then(Term::list_to_vec);
                let (Some([Term::Atom(m), Term::Atom(f), _]), Some(args)) = (mfa.as_tuple(), args) else {
                    return reply(0, Term::Atom(atoms::BADARG));
                };
                let has = |name: &str| {
                    opts.iter_list().any(|o| o.as_atom().is_some_and(|a| a.as_str() == name))
                        || opts
                            .iter_list()
                            .any(|o| matches!(o.as_tuple(), Some([Term::Atom(a), _]) if a.as_str() == name))
                };
                let (link, monitor) = (has("link"), has("monitor"));
                let h = self.spawn_held(
                    crate::vm::Start::Mfa(*m, *f, args),
                    link.then_some(from),
                    monitor.then_some((*r, from)),
                    None,
                    pid(gl),
                );
                let new = h.pid;
                self.dist.crossing(node, |c| {
                    if link {
                        c.links.push((new, from));
                    }
                    if monitor {
                        c.watched.push((new, from, *r));
                    }
                });
                // The answer is queued before the process runs, so it reaches the other
                // node before anything the process sends (even its exit).
                reply(i64::from(link) | i64::from(monitor) << 1, Term::Pid(new));
                self.sched.schedule(&h);
            }
            (op::SPAWN_REPLY, [Term::Ref(r), _, Term::Int(flags), result]) => {
                let Some((_, req)) = self.dist.spawns.lock().remove(r) else { return };
                let to = req.requester;
                let reply = match result {
                    Term::Pid(new) => {
                        // The link and the monitor are up before the answer arrives.
                        if flags & 1 != 0 {
                            self.dist.crossing(node, |c| c.links.push((to, *new)));
                            self.signal(to, Signal::Link(*new));
                        }
                        if flags & 2 != 0 {
                            self.dist.crossing(node, |c| c.monitors.push((to, *r, Term::Pid(*new))));
                            self.signal(to, Signal::Monitoring { r: *r, target: *new });
                        }
                        req.reply_ok.then(|| (Term::Atom(atoms::OK), result.clone()))
                    }
                    _ => req.reply_error.then(|| (Term::atom("error"), result.clone())),
                };
                if let Some((status, value)) = reply {
                    self.signal(to, Signal::Message(Term::tuple([req.tag, Term::Ref(*r), status, value])));
                }
            }
            // UNLINK_ID_ACK, GROUP_LEADER and anything newer: nothing to do.
            _ => {}
        }
    }

    /// A connection to `node` is up: node subscribers hear of it.
    pub(crate) fn node_up(&self, node: Atom) {
        let subscribers = {
            let mut up = self.dist.up.lock();
            if up.0.contains(&node) {
                return;
            }
            up.0.push(node);
            up.1.clone()
        };
        for pid in subscribers {
            self.signal(pid, Signal::Message(Term::tuple([Term::atom("nodeup"), Term::Atom(node)])));
        }
    }

    /// The connection to `node` is gone (or could not be made): every link and monitor
    /// that crossed to it ends with `noconnection`, and node monitors get `{nodedown, Node}`.
    pub(crate) fn node_down(&self, node: Atom) {
        let subscribers = {
            let mut up = self.dist.up.lock();
            match up.0.iter().position(|n| *n == node) {
                Some(i) => {
                    up.0.remove(i);
                    up.1.clone()
                }
                None => Vec::new(),
            }
        };
        for pid in subscribers {
            self.signal(pid, Signal::Message(Term::tuple([Term::Atom(atoms::NODEDOWN), Term::Atom(node)])));
        }
        let unanswered: Vec<(Ref, SpawnRequest)> = {
            let mut spawns = self.dist.spawns.lock();
            let rs: Vec<Ref> = spawns.iter().filter(|(_, (n, _))| *n == node).map(|(r, _)| *r).collect();
            rs.into_iter().filter_map(|r| spawns.remove(&r).map(|(_, req)| (r, req))).collect()
        };
        for (r, req) in unanswered {
            if req.reply_error {
                let msg = Term::tuple([req.tag, Term::Ref(r), Term::atom("error"), Term::Atom(atoms::NOCONNECTION)]);
                self.signal(req.requester, Signal::Message(msg));
            }
        }
        let Some(c) = self.dist.crossings.lock().remove(&node) else { return };
        let noconnection = || Term::Atom(atoms::NOCONNECTION);
        for (local, remote) in c.links {
            self.signal(local, Signal::Exit { from: remote, reason: noconnection(), linked: true });
        }
        for (watcher, r, who) in c.monitors {
            self.signal(watcher, Signal::Message(down(r, who, noconnection())));
        }
        for (target, watcher, r) in c.watched {
            self.signal(target, Signal::Demonitor { from: watcher, r });
        }
        for pid in c.node_watchers {
            self.signal(pid, Signal::Message(Term::tuple([Term::Atom(atoms::NODEDOWN), Term::Atom(node)])));
        }
    }

    /// A `'DOWN'` for `watcher`, local or on another node.
    pub(crate) fn send_down(&self, watcher: Pid, r: Ref, who: Term, reason: Term) {
        if watcher.is_local() {
            self.signal(watcher, Signal::Message(down(r, who, reason)));
        } else {
            self.dist.monitor_exit(watcher, r, &who, reason);
        }
    }

    /// Takes back monitor `r` of `from` on `target` (or on `name` when it was set up with
    /// a name of another node). False when the target is known to be gone.
    pub(crate) fn demonitor(&self, from: Pid, r: Ref, target: Pid, name: Option<&Term>) -> bool {
        if let Some([Term::Atom(n), Term::Atom(node)]) = name.and_then(|t| t.as_tuple()) {
            if *node != atoms::NONODE && *node != self.dist.node().name {
                self.dist.demonitor_name(from, *node, *n, r);
                return true;
            }
        }
        self.signal(target, Signal::Demonitor { from, r })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::{ExternalPid, ExternalRef};
    use crate::{CallResult, Vm, VmConfig};

    /// Records what the VM sends to other nodes.
    #[derive(Default)]
    struct Recorder(Mutex<Vec<(Atom, Term, Option<Term>)>>);

    impl Transport for Recorder {
        fn send(&self, node: Atom, control: Term, payload: Option<Term>) {
            self.0.lock().push((node, control, payload));
        }
        fn connect(&self, _node: Atom) {}
        fn nodes(&self) -> Vec<Atom> {
            Vec::new()
        }
        fn disconnect(&self, _node: Atom) -> bool {
            false
        }
    }

    fn node_vm() -> (Vm, Arc<Recorder>) {
        let vm = Vm::new(VmConfig::default());
        let rec = Arc::new(Recorder::default());
        assert!(vm.start_distribution("me@here", 7, "c", rec.clone()));
        (vm, rec)
    }

    #[test]
    fn any_control_message_is_taken_without_a_panic() {
        let (vm, _rec) = node_vm();
        let other = Atom::new("other@there");
        let remote = Term::Pid(Pid::external(ExternalPid { node: other, id: 5, serial: 0, creation: 1 }));
        let r = Term::Ref(Ref::external(ExternalRef { node: other, creation: 1, len: 3, words: [1, 2, 3, 0, 0] }));
        let local = Term::Pid(Pid::new(1, 0));
        let fields =
            [remote.clone(), local.clone(), r.clone(), Term::Int(-1), Term::atom("x"), Term::Nil, Term::tuple([])];
        // Every code, with every arity up to 6, and fields drawn from the kinds a control
        // message holds (and some it never does).
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for code in -1..40 {
            for arity in 0..6 {
                for _ in 0..20 {
                    let mut t = vec![Term::Int(code)];
                    for _ in 0..arity {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        t.push(fields[(seed % fields.len() as u64) as usize].clone());
                    }
                    let payload = (seed % 3 == 0).then(|| Term::list(vec![Term::Int(1)]));
                    vm.dist_receive(other, &Term::tuple(t), payload);
                }
            }
        }
        vm.dist_receive(other, &Term::atom("not a tuple"), None);
        vm.dist_receive(other, &Term::tuple([]), None);
        vm.node_down(other);
        // The VM still works.
        vm.load_source("t.erl", "-module(t).\n-export([f/0]).\nf() -> node().\n").expect("compiles");
        assert!(matches!(vm.call("t", "f", vec![]), CallResult::Returned(Term::Atom(a)) if a.as_str() == "me@here"));
    }

    #[test]
    fn a_monitor_of_a_process_that_is_not_there_is_answered_noproc() {
        let (vm, rec) = node_vm();
        let other = Atom::new("other@there");
        let from = Pid::external(ExternalPid { node: other, id: 9, serial: 0, creation: 1 });
        let r = Ref::external(ExternalRef { node: other, creation: 1, len: 3, words: [4, 5, 6, 0, 0] });
        let control = Term::tuple([Term::Int(op::MONITOR_P), Term::Pid(from), Term::atom("nobody"), Term::Ref(r)]);
        vm.dist_receive(other, &control, None);
        let sent = rec.0.lock();
        let (node, answer, _) = sent.last().expect("an answer");
        assert_eq!(*node, other);
        assert_eq!(
            crate::term::print::write_term(answer),
            format!(
                "{{21,nobody,{},{},noproc}}",
                crate::term::print::write_term(&Term::Pid(from)),
                crate::term::print::write_term(&Term::Ref(r))
            )
        );
    }
}
