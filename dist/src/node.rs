//! A running node: the VM's [`Transport`] over the wire layer.
//!
//! [`start`] registers the node with EPMD (starting one in-process when none runs), listens
//! for connections and makes the VM distributed. From then on the table of connections
//! here is the one place that knows which nodes are connected:
//!
//! - A control message for a node with no connection queues in a new connection's channel
//!   and starts the connection (EPMD lookup, TCP, handshake); once up, the queued messages
//!   go first, so the order of sends is kept. A connection that cannot be made ends the
//!   way a lost one does: the VM's [`Vm::node_down`] fires the links and monitors that
//!   crossed to the node.
//! - Each connection is one task: it writes what its channel brings (a tick after 15 s of
//!   silence, as erl does with its default 60 s tick time) and reads packets, handing each
//!   control message and payload to [`Vm::dist_receive`] in arrival order. A peer silent
//!   for 60 s, a socket error or a malformed control message closes it.
//! - Two nodes connecting to each other at the same time keep one connection: the
//!   handshake's `ok_simultaneous` / `nok` rule, by comparing names.
//!
//! All of it runs on a small tokio runtime of its own (one thread), so the VM's schedulers
//! never block on the network.

use crate::{epmd, frame, handshake};
use ember_vm::term::{atoms, etf, Atom, NodeId, Term};
use ember_vm::{Transport, Vm, WeakVm};
use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;
use tokio::io::{AsyncWriteExt, BufWriter};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// How often a connection with nothing to send sends a tick.
const TICK: Duration = Duration::from_secs(15);
/// How long a peer may stay silent (not even a tick) before its connection is closed.
const NET_TICKTIME: Duration = Duration::from_secs(60);

/// With `EMBER_DIST_DEBUG` set, failed connections and every control message received are
/// shown on standard error.
fn debug() -> bool {
    static DEBUG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DEBUG.get_or_init(|| std::env::var_os("EMBER_DIST_DEBUG").is_some())
}

/// How to start a node.
#[derive(Debug, Clone)]
pub struct Options {
    /// `NAME` or `NAME@HOST`. Without a host, the machine's host name is added: its first
    /// label for short names, all of it for long names.
    pub name: String,
    /// `--name` (long names) rather than `--sname`.
    pub long_names: bool,
    /// The cookie; without one, `~/.erlang.cookie` is read (and made if missing), as erl does.
    pub cookie: Option<String>,
}

/// Why a node could not start.
#[derive(Debug)]
pub enum StartError {
    /// The name is not `NAME` or `NAME@HOST`.
    BadName(String),
    /// The cookie file could not be read or made.
    Cookie(io::Error),
    /// No port to listen on, no EPMD, or EPMD refused the name.
    Network(io::Error),
    /// The VM is distributed already.
    AlreadyAlive,
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::BadName(n) => write!(f, "bad node name {n:?}: expected NAME or NAME@HOST"),
            StartError::Cookie(e) => write!(f, "cannot read or make the cookie file ~/.erlang.cookie: {e}"),
            StartError::Network(e) => write!(f, "cannot start distribution: {e}"),
            StartError::AlreadyAlive => write!(f, "the node is distributed already"),
        }
    }
}

impl std::error::Error for StartError {}

/// A distributed node. Dropping it stops the network side: connections, the registration
/// and any in-process EPMD end with its runtime (the VM keeps running, cut off).
pub struct Node {
    // Dropped before the runtime its socket belongs to.
    _registration: epmd::Registration,
    name: String,
    _runtime: tokio::runtime::Runtime,
}

impl Node {
    /// The full node name, `NAME@HOST`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The host name of this machine (`/proc/sys/kernel/hostname`, else `localhost`).
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok().filter(|h| !h.is_empty()))
        .unwrap_or_else(|| "localhost".to_owned())
}

/// The full node name for `opts`.
pub fn full_name(opts: &Options) -> Result<String, StartError> {
    let bad = || StartError::BadName(opts.name.clone());
    let (alive, host) = match opts.name.split_once('@') {
        Some((a, h)) => (a.to_owned(), h.to_owned()),
        None if opts.long_names => (opts.name.clone(), host_name()),
        None => (opts.name.clone(), host_name().split('.').next().unwrap_or("localhost").to_owned()),
    };
    let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !ok(&alive) || alive.contains('.') || !ok(&host) {
        return Err(bad());
    }
    Ok(format!("{alive}@{host}"))
}

/// The cookie: `opts.cookie`, or the contents of `~/.erlang.cookie`, which is made (20
/// random capital letters, readable only by its owner) when missing, as erl does.
pub fn cookie(opts: &Options) -> Result<String, StartError> {
    if let Some(c) = &opts.cookie {
        return Ok(c.clone());
    }
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from).unwrap_or_else(|| ".".into());
    let path = home.join(".erlang.cookie");
    match std::fs::read_to_string(&path) {
        Ok(c) => Ok(c.trim().to_owned()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let c: String = (0..20).map(|_| (b'A' + (crate::random::random_u32() % 26) as u8) as char).collect();
            write_private(&path, &c).map_err(StartError::Cookie)?;
            Ok(c)
        }
        Err(e) => Err(StartError::Cookie(e)),
    }
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o400).open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, text: &str) -> io::Result<()> {
    std::fs::write(path, text)
}

/// Makes `vm` the distributed node `opts` names.
pub fn start(vm: &Vm, opts: &Options) -> Result<Node, StartError> {
    if vm.node().name != atoms::NONODE {
        return Err(StartError::AlreadyAlive);
    }
    let name = full_name(opts)?;
    let cookie = cookie(opts)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("ember-dist")
        .enable_all()
        .build()
        .map_err(StartError::Network)?;
    let alive = name.split('@').next().unwrap_or_default().to_owned();
    let (listener, registration) = runtime
        .block_on(async {
            // An in-process EPMD runs on this runtime, as long as the node does.
            epmd::ensure_running().await?;
            let listener = TcpListener::bind(("0.0.0.0", 0)).await?;
            let port = listener.local_addr()?.port();
            let registration = epmd::register(&alive, port).await?;
            Ok::<_, io::Error>((listener, registration))
        })
        .map_err(StartError::Network)?;
    let creation = registration.creation();
    let me = Atom::new(&name);
    let net = Arc::new_cyclic(|weak| Net {
        me: weak.clone(),
        vm: vm.downgrade(),
        node: me,
        id: NodeId { name: me, creation },
        cfg: handshake::Config {
            name: name.clone(),
            cookie: cookie.clone(),
            creation,
            flags: handshake::default_flags(),
        },
        rt: runtime.handle().clone(),
        conns: Mutex::new(HashMap::new()),
        next: AtomicU64::new(1),
    });
    if !vm.start_distribution(&name, creation, &cookie, net.clone()) {
        return Err(StartError::AlreadyAlive);
    }
    runtime.spawn(accept_loop(net, listener));
    Ok(Node { _registration: registration, name, _runtime: runtime })
}

/// What a connection's channel carries: a control message and its payload.
type Out = (Term, Option<Term>);

/// One entry of the connection table.
struct Conn {
    /// Tells this connection from a later one to the same node.
    id: u64,
    tx: mpsc::UnboundedSender<Out>,
    /// The queue, until a connection takes it (the one made here, or one the peer made at
    /// the same time).
    rx: Arc<Mutex<Option<mpsc::UnboundedReceiver<Out>>>>,
    /// Handshake done.
    up: bool,
    /// The peer did not publish itself (`erl -hidden`): not in `nodes()`.
    hidden: bool,
    task: Option<tokio::task::AbortHandle>,
}

/// The transport: the table of connections, and what every connection needs.
struct Net {
    me: Weak<Net>,
    vm: WeakVm,
    node: Atom,
    id: NodeId,
    cfg: handshake::Config,
    rt: tokio::runtime::Handle,
    conns: Mutex<HashMap<Atom, Conn>>,
    next: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Net {
    /// The handshake's configuration for a connection to `peer` (None: not known yet, as
    /// when accepting): the cookie is read anew each time (`erlang:set_cookie/1,2`).
    fn config(&self, peer: Option<Atom>) -> handshake::Config {
        let cookie = self.vm.upgrade().map(|vm| match peer {
            Some(p) => vm.cookie_for(p),
            None => vm.cookie(),
        });
        let mut cfg = self.cfg.clone();
        if let Some(c) = cookie {
            cfg.cookie = c.as_str().to_owned();
        }
        cfg
    }

    /// A new, not yet connected entry for `node`, with its connecting task started.
    fn dial(&self, node: Atom) -> Conn {
        let (tx, rx) = mpsc::unbounded_channel();
        let rx = Arc::new(Mutex::new(Some(rx)));
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let task = self.me.upgrade().map(|net| self.rt.spawn(dial(net, node, id, rx.clone())).abort_handle());
        Conn { id, tx, rx, up: false, hidden: false, task }
    }

    /// Removes connection `id` of `node` from the table (if it is still the one there) and
    /// tells the VM the node is down.
    fn lost(&self, node: Atom, id: u64) {
        let removed = {
            let mut conns = lock(&self.conns);
            match conns.get(&node) {
                Some(c) if c.id == id => conns.remove(&node).is_some(),
                _ => false,
            }
        };
        if removed {
            if let Some(vm) = self.vm.upgrade() {
                vm.node_down(node);
            }
        }
    }
}

impl Transport for Net {
    fn send(&self, node: Atom, control: Term, payload: Option<Term>) {
        if node == self.node {
            return;
        }
        if debug() {
            eprintln!("ember: to {}: {control:?} {payload:?}", node.as_str());
        }
        let mut conns = lock(&self.conns);
        let c = conns.entry(node).or_insert_with(|| self.dial(node));
        let _ = c.tx.send((control, payload));
    }

    fn connect(&self, node: Atom) {
        if node == self.node {
            return;
        }
        lock(&self.conns).entry(node).or_insert_with(|| self.dial(node));
    }

    fn nodes(&self) -> Vec<Atom> {
        let mut v: Vec<Atom> = lock(&self.conns).iter().filter(|(_, c)| c.up && !c.hidden).map(|(n, _)| *n).collect();
        v.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        v
    }

    fn hidden_nodes(&self) -> Vec<Atom> {
        let mut v: Vec<Atom> = lock(&self.conns).iter().filter(|(_, c)| c.up && c.hidden).map(|(n, _)| *n).collect();
        v.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        v
    }

    fn disconnect(&self, node: Atom) -> bool {
        let Some(c) = lock(&self.conns).remove(&node) else { return false };
        if let Some(t) = &c.task {
            t.abort();
        }
        if let Some(vm) = self.vm.upgrade() {
            vm.node_down(node);
        }
        c.up
    }
}

/// Connects to `node` and runs the connection; on failure the node is down.
async fn dial(net: Arc<Net>, node: Atom, id: u64, rx: Arc<Mutex<Option<mpsc::UnboundedReceiver<Out>>>>) {
    match open(&net, node).await {
        Ok((stream, hidden)) => {
            let queue = lock(&rx).take();
            match queue {
                Some(queue) if mark_up(&net, node, id, hidden) => run(&net, node, hidden, stream, queue).await,
                _ => {}
            }
        }
        Err(e) => {
            if debug() {
                eprintln!("ember: cannot connect to {}: {e}", node.as_str());
            }
        }
    }
    net.lost(node, id);
}

/// EPMD lookup, TCP connection and handshake with `node`; the stream, and whether the peer
/// is a hidden node.
async fn open(net: &Net, node: Atom) -> Result<(TcpStream, bool), String> {
    let (alive, host) = node.as_str().split_once('@').ok_or("not a node name")?;
    let info = epmd::port_please(host, alive)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{alive} is not registered with the port mapper on {host}"))?;
    let mut stream = TcpStream::connect((host, info.port)).await.map_err(|e| e.to_string())?;
    let _ = stream.set_nodelay(true);
    let peer = handshake::connect(&mut stream, &net.config(Some(node))).await.map_err(|e| e.to_string())?;
    if peer.name != node.as_str() {
        return Err(format!("the node on that port is {}", peer.name));
    }
    Ok((stream, peer.flags & handshake::DFLAG_PUBLISHED == 0))
}

/// Marks connection `id` of `node` as up; false if it is no longer in the table.
fn mark_up(net: &Net, node: Atom, id: u64, hidden: bool) -> bool {
    match lock(&net.conns).get_mut(&node) {
        Some(c) if c.id == id => {
            c.up = true;
            c.hidden = hidden;
            true
        }
        _ => false,
    }
}

async fn accept_loop(net: Arc<Net>, listener: TcpListener) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(accept_one(net.clone(), stream));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// A connection another node opened.
async fn accept_one(net: Arc<Net>, mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let me = net.cfg.name.clone();
    let decide = |peer: &str, _flags: u64| {
        let node = Atom::new(peer);
        match lock(&net.conns).get(&node) {
            None => handshake::Status::Ok,
            Some(c) if c.up => handshake::Status::NotAllowed,
            // Both sides are connecting: the node with the greater name keeps its own attempt.
            Some(_) if peer > me.as_str() => handshake::Status::OkSimultaneous,
            Some(_) => handshake::Status::Nok,
        }
    };
    let Ok(peer) = handshake::accept_with(&mut stream, &net.config(None), decide).await else { return };
    let node = Atom::new(&peer.name);
    let hidden = peer.flags & handshake::DFLAG_PUBLISHED == 0;
    let id = net.next.fetch_add(1, Ordering::Relaxed);
    // Take over the queue of this node's connection attempt, if there is one (its task
    // stops), or start a new one. If the attempt made from here has taken its queue
    // already, it is the connection that goes on, and this one closes.
    let queue = {
        let mut conns = lock(&net.conns);
        let c = conns.entry(node).or_insert_with(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            Conn { id, tx, rx: Arc::new(Mutex::new(Some(rx))), up: false, hidden: false, task: None }
        });
        let taken = lock(&c.rx).take();
        if taken.is_some() {
            if let Some(t) = c.task.take() {
                t.abort();
            }
            c.id = id;
            c.up = true;
            c.hidden = hidden;
        }
        taken
    };
    let Some(queue) = queue else { return };
    run(&net, node, hidden, stream, queue).await;
    net.lost(node, id);
}

/// Runs an established connection until it fails or is closed.
///
/// It holds the VM weakly, as the table does, so that no connection keeps alive a VM its
/// host has dropped (the connection ends at the next message).
async fn run(net: &Net, node: Atom, hidden: bool, stream: TcpStream, mut queue: mpsc::UnboundedReceiver<Out>) {
    let Some(vm) = net.vm.upgrade() else { return };
    // Subscribers of net_kernel:monitor_nodes hear of visible nodes only, as in erl.
    if !hidden {
        vm.node_up(node);
    }
    drop(vm);
    let weak = net.vm.clone();
    let (mut rd, wr) = stream.into_split();
    let own = net.id;
    let writer = async move {
        let mut wr = BufWriter::new(wr);
        let opts = etf::EncodeOptions { node: own, ..Default::default() };
        loop {
            match tokio::time::timeout(TICK, queue.recv()).await {
                Err(_) => frame::write_tick(&mut wr).await?,
                Ok(None) => return Ok::<(), io::Error>(()),
                Ok(Some(first)) => {
                    // Write out in batches: whatever else is queued already goes in the
                    // same flush.
                    let mut next = Some(first);
                    while let Some((control, payload)) = next {
                        let c = etf::encode_with(&control, &opts);
                        let p = payload.map(|p| etf::encode_with(&p, &opts));
                        frame::write_pass_through(&mut wr, &c, p.as_deref()).await?;
                        next = queue.try_recv().ok();
                    }
                }
            }
            wr.flush().await?;
        }
    };
    let reader = async move {
        loop {
            let packet = match tokio::time::timeout(NET_TICKTIME, frame::read_packet(&mut rd)).await {
                Err(_) | Ok(Err(_)) => return,
                Ok(Ok(None)) => continue,
                Ok(Ok(Some(p))) => p,
            };
            let Some(body) = frame::pass_through(&packet) else { return };
            let Ok((control, used)) = etf::decode_in(body, own) else { return };
            let payload = match body.get(used..) {
                Some([]) | None => None,
                Some(rest) => match etf::decode_in(rest, own) {
                    Ok((p, _)) => Some(p),
                    Err(e) => {
                        eprintln!("ember: dropped a message from {}: {e}", node.as_str());
                        continue;
                    }
                },
            };
            if debug() {
                eprintln!("ember: from {}: {control:?} {payload:?}", node.as_str());
            }
            let Some(vm) = weak.upgrade() else { return };
            vm.dist_receive(node, &control, payload);
        }
    };
    tokio::select! {
        _ = writer => {}
        _ = reader => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_names_get_a_host() {
        let o = |name: &str, long| Options { name: name.to_owned(), long_names: long, cookie: None };
        assert_eq!(full_name(&o("a@b", false)).unwrap(), "a@b");
        let short = full_name(&o("a", false)).unwrap();
        assert!(short.starts_with("a@") && !short[2..].contains('.'), "{short}");
        assert!(full_name(&o("", false)).is_err());
        assert!(full_name(&o("a@", false)).is_err());
        assert!(full_name(&o("a b@c", false)).is_err());
        assert!(full_name(&o("a@b@c", false)).is_err());
    }
}
