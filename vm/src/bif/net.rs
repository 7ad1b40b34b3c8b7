//! TCP and UDP sockets for `gen_tcp`, `gen_udp` and `inet` (module `ember_net`; the Erlang
//! halves are stdlib/erl/gen_tcp.erl, gen_udp.erl and inet.erl).
//!
//! A socket is a reference naming an entry of the VM's socket table, owned by the process
//! that made it (its controlling process): it gets the socket's messages, and the socket
//! closes when it ends. No socket work runs on a scheduler thread:
//! - each listening socket has a thread that accepts connections, handing each to the
//!   oldest waiting `accept` (or keeping it until one comes);
//! - each connected socket has a thread that reads into the socket's buffer (in passive
//!   mode only while a `recv` waits or the buffer is short, so a slow reader holds the
//!   sender back) and hands out what is read: `{tcp, S, Data}` messages in active mode,
//!   the answer of a waiting `recv` in passive mode, split into packets as the `packet`
//!   option says;
//! - each UDP socket has a thread that receives datagrams and hands them out the same way
//!   (`{udp, S, Address, Port, Data}`);
//! - each socket that sends has a writer thread (started by its first send), which sends
//!   in the order the calls came, so that concurrent sends never mix their bytes;
//! - connecting (name lookup included) runs on a thread of its own.
//!
//! As in erl (`exit_on_close`), a connection the peer closed is closed here too once the
//! owner has heard of it (`{tcp_closed, S}`, or a passive `recv`'s `{error, closed}`).
//!
//! A call that must wait (`accept`, `recv`) gets a tag back and waits for `{Tag, Answer}`;
//! one that gives up (a timeout) withdraws its tag with `cancel/2`, which says whether the
//! answer was already on its way. Addresses are IPv4, as erl's default family `inet` is.

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::process::{Proc, Signal, OWNS_SOCKETS};
use crate::term::{atoms, Pid, Ref, Term};
use crate::vm::VmShared;
use parking_lot::{Condvar, Mutex};
use std::collections::{HashMap, VecDeque};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, SocketAddrV4, TcpListener, TcpStream, ToSocketAddrs, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

bifs! {
    "ember_net", "listen", 2 => |p, a| listen(p, &a[0], &a[1]);
    "ember_net", "udp_open", 2 => |p, a| udp_open(p, &a[0], &a[1]);
    "ember_net", "sendto", 4 => |p, a| sendto(p, &a[0], &a[1], &a[2], &a[3]);
    "ember_net", "accept", 1 => |p, a| accept(p, &a[0]);
    "ember_net", "connect", 4 => |p, a| connect(p, &a[0], &a[1], &a[2], &a[3]);
    "ember_net", "send", 2 => |p, a| send(p, &a[0], &a[1]);
    "ember_net", "recv", 2 => |p, a| recv(p, &a[0], &a[1]);
    "ember_net", "cancel", 2 => |p, a| cancel(p, &a[0], &a[1]);
    "ember_net", "close", 1 => |p, a| Ok(close(p, &a[0]));
    "ember_net", "shutdown", 2 => |p, a| shutdown(p, &a[0], &a[1]);
    "ember_net", "controlling_process", 2 => |p, a| Ok(controlling_process(p, &a[0], &a[1]));
    // The IPv4 addresses of a host name, looked up on a thread of its own: a reference at
    // once, then {Ref, {ok, [Address]} | {error, nxdomain}}.
    "ember_net", "resolve", 1 => |p, a| {
        let Some(Host::Name(name)) = host_of(&a[0]) else { return Err(Exception::badarg()) };
        on_thread(p, move || {
            let addrs: Vec<Term> = match (name.as_str(), 0).to_socket_addrs() {
                Ok(found) => {
                    let mut seen = Vec::new();
                    for a in found.filter(SocketAddr::is_ipv4) {
                        let (ip, _) = ip_port(a);
                        if !seen.contains(&ip) {
                            seen.push(ip);
                        }
                    }
                    seen
                }
                Err(_) => Vec::new(),
            };
            if addrs.is_empty() {
                error("nxdomain")
            } else {
                ok(Term::list(addrs))
            }
        })
    };
    "ember_net", "owner", 1 => |p, a| Ok(match p.vm.sockets.get(&a[0]) {
        Some(s) => ok(Term::Pid(s.state.lock().owner)),
        None => error("closed"),
    });
    "ember_net", "setopts", 2 => |p, a| Ok(setopts(p, &a[0], &a[1]));
    "ember_net", "getopts", 2 => |p, a| Ok(getopts(p, &a[0], &a[1]));
    "ember_net", "sockname", 1 => |p, a| Ok(address(p, &a[0], false));
    "ember_net", "peername", 1 => |p, a| Ok(address(p, &a[0], true));
}

/// How much a passive socket reads ahead of its `recv` calls.
const READ_AHEAD: usize = 64 * 1024;
/// How many datagrams a passive UDP socket keeps before its `recv` calls.
const DATAGRAMS_AHEAD: usize = 256;

/// The sockets of a VM.
#[derive(Default)]
pub(crate) struct Sockets {
    inner: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    by_ref: HashMap<Ref, Arc<Socket>>,
    /// The sockets each process controls, so that its end finds them.
    owned: HashMap<Pid, Vec<Ref>>,
}

impl Sockets {
    fn get(&self, t: &Term) -> Option<Arc<Socket>> {
        match t {
            Term::Ref(r) => self.inner.lock().by_ref.get(r).cloned(),
            _ => None,
        }
    }

    fn insert(&self, s: &Arc<Socket>, owner: Pid) {
        let mut g = self.inner.lock();
        g.by_ref.insert(s.id, s.clone());
        g.owned.entry(owner).or_default().push(s.id);
    }

    fn forget(&self, id: Ref, owner: Pid) {
        let mut g = self.inner.lock();
        g.by_ref.remove(&id);
        disown(&mut g, id, owner);
    }

    fn transfer(&self, id: Ref, from: Pid, to: Pid) {
        let mut g = self.inner.lock();
        disown(&mut g, id, from);
        g.owned.entry(to).or_default().push(id);
    }
}

/// A VM that goes away closes its sockets: their threads end, their descriptors close.
impl Drop for Sockets {
    fn drop(&mut self) {
        for s in self.inner.get_mut().by_ref.values() {
            s.state.lock().closed = true;
            s.shut();
        }
    }
}

fn disown(g: &mut Table, id: Ref, owner: Pid) {
    if let Some(v) = g.owned.get_mut(&owner) {
        v.retain(|x| *x != id);
        if v.is_empty() {
            g.owned.remove(&owner);
        }
    }
}

/// Closes the sockets of a process that ended (called for processes with `OWNS_SOCKETS`).
pub(crate) fn owner_exited(vm: &VmShared, pid: Pid) {
    let ids = vm.sockets.inner.lock().owned.remove(&pid).unwrap_or_default();
    for id in ids {
        let s = vm.sockets.inner.lock().by_ref.remove(&id);
        if let Some(s) = s {
            close_now(vm, s);
        }
    }
}

/// Closes a socket that is out of the table, and waits (a moment at most) for its thread
/// and its sends to let go of it, so that its descriptor is closed when this returns and
/// its port can be taken again at once, as in erl.
fn close_now(vm: &VmShared, s: Arc<Socket>) {
    s.close(vm);
    for _ in 0..200 {
        if Arc::strong_count(&s) == 1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

struct Socket {
    id: Ref,
    io: Io,
    state: Mutex<State>,
    /// Wakes the reading thread when a passive socket wants data again, or closes.
    wake: Condvar,
    /// What waits to be sent, and whether a writer thread runs.
    out: Mutex<Outbox>,
    /// Wakes the writer thread.
    out_wake: Condvar,
    /// Closed (as `state.closed`, for the writer thread, which holds `out` and must not
    /// take `state`: the lock order is `state`, then `out`).
    closed: AtomicBool,
}

#[derive(Default)]
struct Outbox {
    jobs: VecDeque<Send>,
    writer: bool,
}

/// A send waiting for the writer thread: the bytes, who waits for the answer, and for UDP
/// where they go.
struct Send {
    waiter: Waiter,
    bytes: Vec<u8>,
    to: Option<(Host, u16)>,
}

enum Io {
    Listen(TcpListener),
    Stream(TcpStream),
    Udp(UdpSocket),
}

struct State {
    owner: Pid,
    opts: Opts,
    closed: bool,
    /// Received and not yet handed out.
    buf: Vec<u8>,
    /// The peer closed its side (or the connection broke).
    eof: bool,
    /// `{tcp_closed, S}` has been sent.
    told_closed: bool,
    /// The `recv` waiting, with the length it asked for.
    recv: Option<(Waiter, usize)>,
    /// Listening sockets: the `accept` calls waiting, oldest first, and the connections
    /// accepted before anyone asked.
    accepts: VecDeque<Waiter>,
    ready: VecDeque<TcpStream>,
    /// UDP sockets: datagrams received and not yet handed out, with their senders.
    datagrams: VecDeque<(SocketAddr, Vec<u8>)>,
}

#[derive(Clone, Copy)]
struct Waiter {
    pid: Pid,
    tag: Ref,
}

#[derive(Clone, Copy, PartialEq)]
enum Active {
    No,
    Yes,
    Once,
    Count(i64),
}

#[derive(Clone, Copy, PartialEq)]
enum Packet {
    Raw,
    Len(u8),
    Line,
}

#[derive(Clone, Copy)]
struct Opts {
    active: Active,
    packet: Packet,
    binary: bool,
    /// The listen backlog: how many connections the accepting thread keeps before anyone
    /// asks for them.
    backlog: usize,
}

impl Socket {
    fn new(io: Io, owner: Pid, opts: Opts, vm: &VmShared) -> Arc<Socket> {
        Arc::new(Socket {
            id: vm.make_ref(),
            io,
            state: Mutex::new(State {
                owner,
                opts,
                closed: false,
                buf: Vec::new(),
                eof: false,
                told_closed: false,
                recv: None,
                accepts: VecDeque::new(),
                ready: VecDeque::new(),
                datagrams: VecDeque::new(),
            }),
            wake: Condvar::new(),
            out: Mutex::new(Outbox::default()),
            out_wake: Condvar::new(),
            closed: AtomicBool::new(false),
        })
    }

    fn term(&self) -> Term {
        Term::Ref(self.id)
    }

    /// Closes the socket: the threads end, whoever waits on it hears `{error, closed}`.
    fn close(&self, vm: &VmShared) {
        let mut st = self.state.lock();
        if st.closed {
            return;
        }
        st.closed = true;
        if let Some((w, _)) = st.recv.take() {
            reply(vm, w, error("closed"));
        }
        for w in std::mem::take(&mut st.accepts) {
            reply(vm, w, error("closed"));
        }
        st.ready.clear();
        drop(st);
        self.shut();
        for job in std::mem::take(&mut self.out.lock().jobs) {
            reply(vm, job.waiter, error("closed"));
        }
    }

    /// Shuts the socket down, which wakes its thread out of `read` or `accept` (the
    /// descriptor itself closes when the last reference to the socket goes).
    fn shut(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.out_wake.notify_all();
        match &self.io {
            Io::Listen(l) => {
                let _ = socket2::SockRef::from(l).shutdown(Shutdown::Both);
            }
            Io::Stream(s) => {
                let _ = s.shutdown(Shutdown::Both);
            }
            Io::Udp(u) => {
                // (Linux wakes a receive on an unconnected socket that is shut down.)
                let _ = socket2::SockRef::from(u).shutdown(Shutdown::Both);
            }
        }
        self.wake.notify_all();
    }
}

fn reply(vm: &VmShared, w: Waiter, answer: Term) {
    vm.signal(w.pid, Signal::Message(Term::tuple([Term::Ref(w.tag), answer])));
}

fn error(reason: &str) -> Term {
    Term::tuple([Term::Atom(atoms::ERROR), Term::atom(reason)])
}

/// `{error, Posix}` for an I/O error.
fn posix(e: &std::io::Error) -> Term {
    Term::tuple([Term::Atom(atoms::ERROR), super::posix_error(e)])
}

fn ok(v: Term) -> Term {
    Term::tuple([Term::Atom(atoms::OK), v])
}

/// Registers a new socket for `owner` and starts its thread; `None` if the owner has ended
/// (the socket is then closed).
fn start(vm: &Arc<VmShared>, io: Io, owner: Pid, opts: Opts) -> Option<Arc<Socket>> {
    let s = Socket::new(io, owner, opts, vm);
    vm.sockets.insert(&s, owner);
    if !vm.add_owned(owner, OWNS_SOCKETS) {
        vm.sockets.forget(s.id, owner);
        s.close(vm);
        return None;
    }
    let (weak, sock) = (Arc::downgrade(vm), s.clone());
    let spawned = std::thread::Builder::new().name("ember-socket".into()).spawn(move || match sock.io {
        Io::Listen(_) => acceptor(weak, sock),
        Io::Stream(_) => reader(weak, sock),
        Io::Udp(_) => receiver(weak, sock),
    });
    if spawned.is_err() {
        vm.sockets.forget(s.id, owner);
        s.close(vm);
        return None;
    }
    Some(s)
}

/// A listening socket's thread.
fn acceptor(vm: Weak<VmShared>, s: Arc<Socket>) {
    let Io::Listen(l) = &s.io else { return };
    loop {
        {
            // Connections nobody has asked for wait in the kernel's queue beyond the backlog.
            let mut st = s.state.lock();
            while !st.closed && st.accepts.is_empty() && st.ready.len() >= st.opts.backlog {
                s.wake.wait(&mut st);
            }
            if st.closed {
                return;
            }
        }
        let r = l.accept();
        let Some(vm) = vm.upgrade() else { return };
        let mut st = s.state.lock();
        if st.closed {
            return;
        }
        match r {
            Ok((stream, _)) => {
                // The oldest waiting `accept` whose process still runs takes it.
                while let Some(w) = st.accepts.front().copied() {
                    if vm.processes.get(w.pid).is_some_and(|h| h.is_alive()) {
                        break;
                    }
                    st.accepts.pop_front();
                }
                match st.accepts.pop_front() {
                    Some(w) => {
                        let opts = st.opts;
                        drop(st);
                        let answer = match start(&vm, Io::Stream(stream), w.pid, opts) {
                            Some(c) => ok(c.term()),
                            None => error("closed"),
                        };
                        reply(&vm, w, answer);
                    }
                    None => st.ready.push_back(stream),
                }
            }
            Err(_) => {
                // Out of descriptors, or a connection reset before it was accepted: try
                // again a moment later.
                drop(st);
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
}

/// A connected socket's thread.
fn reader(vm: Weak<VmShared>, s: Arc<Socket>) {
    let Io::Stream(stream) = &s.io else { return };
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        {
            let mut st = s.state.lock();
            while !st.closed && st.opts.active == Active::No && st.recv.is_none() && st.buf.len() >= READ_AHEAD {
                s.wake.wait(&mut st);
            }
            if st.closed {
                return;
            }
        }
        let n = (&*stream).read(&mut chunk);
        if matches!(&n, Err(e) if e.kind() == std::io::ErrorKind::Interrupted) {
            continue;
        }
        let Some(vm) = vm.upgrade() else { return };
        let mut st = s.state.lock();
        if st.closed {
            return;
        }
        match n {
            Ok(0) | Err(_) => st.eof = true,
            Ok(n) => st.buf.extend_from_slice(&chunk[..n]),
        }
        hand_out(&vm, &s, &mut st);
        if st.eof {
            return;
        }
    }
}

/// A UDP socket's thread.
fn receiver(vm: Weak<VmShared>, s: Arc<Socket>) {
    let Io::Udp(u) = &s.io else { return };
    let mut chunk = vec![0u8; 65536];
    loop {
        {
            let mut st = s.state.lock();
            while !st.closed
                && st.opts.active == Active::No
                && st.recv.is_none()
                && st.datagrams.len() >= DATAGRAMS_AHEAD
            {
                s.wake.wait(&mut st);
            }
            if st.closed {
                return;
            }
        }
        let r = super::datagram::recv_from(u, &mut chunk);
        let Some(vm) = vm.upgrade() else { return };
        let mut st = s.state.lock();
        if st.closed {
            return;
        }
        if let Ok((n, Some(from))) = r {
            st.datagrams.push_back((from, chunk[..n].to_vec()));
            hand_out(&vm, &s, &mut st);
        }
    }
}

/// Hands out the datagrams a UDP socket holds, as `hand_out` does.
fn hand_out_datagrams(vm: &VmShared, s: &Socket, st: &mut State) {
    while let Some((from, data)) = st.datagrams.front() {
        let (ip, port) = ip_port(*from);
        let data = data_term(data.clone(), st.opts.binary);
        if st.opts.active == Active::No {
            if let Some((w, _)) = st.recv.take() {
                st.datagrams.pop_front();
                reply(vm, w, ok(Term::tuple([ip, port, data])));
            }
            return;
        }
        st.datagrams.pop_front();
        vm.signal(st.owner, Signal::Message(Term::tuple([Term::atom("udp"), s.term(), ip, port, data])));
        st.opts.active = next_active(vm, st.opts.active, st.owner, Term::tuple([Term::atom("udp_passive"), s.term()]));
    }
}

/// The active mode after one message: `once` and a count of 1 end in passive mode (a
/// count with `passive` sent to the owner).
fn next_active(vm: &VmShared, active: Active, owner: Pid, passive: Term) -> Active {
    match active {
        Active::Once => Active::No,
        Active::Count(n) if n <= 1 => {
            vm.signal(owner, Signal::Message(passive));
            Active::No
        }
        Active::Count(n) => Active::Count(n - 1),
        other => other,
    }
}

/// Hands out what the buffer holds: to the owner in active mode, to a waiting `recv` in
/// passive mode.
fn hand_out(vm: &VmShared, s: &Socket, st: &mut State) {
    if matches!(s.io, Io::Udp(_)) {
        return hand_out_datagrams(vm, s, st);
    }
    loop {
        if st.opts.active == Active::No {
            if let Some((w, len)) = st.recv {
                if let Some(data) = take(&mut st.buf, st.opts.packet, len, st.eof) {
                    st.recv = None;
                    reply(vm, w, ok(data_term(data, st.opts.binary)));
                } else if st.eof {
                    st.recv = None;
                    reply(vm, w, error("closed"));
                    close_at_eof(vm, s, st);
                }
            }
            return;
        }
        match take(&mut st.buf, st.opts.packet, 0, st.eof) {
            Some(data) => {
                let msg = Term::tuple([Term::atom("tcp"), s.term(), data_term(data, st.opts.binary)]);
                vm.signal(st.owner, Signal::Message(msg));
                st.opts.active =
                    next_active(vm, st.opts.active, st.owner, Term::tuple([Term::atom("tcp_passive"), s.term()]));
            }
            None => {
                if st.eof && !st.told_closed {
                    st.told_closed = true;
                    vm.signal(st.owner, Signal::Message(Term::tuple([Term::atom("tcp_closed"), s.term()])));
                    close_at_eof(vm, s, st);
                }
                return;
            }
        }
    }
}

/// A connection the peer closed, once its owner has heard of it: closed and out of the
/// table, as erl's `exit_on_close` does it.
fn close_at_eof(vm: &VmShared, s: &Socket, st: &mut State) {
    st.closed = true;
    vm.sockets.forget(s.id, st.owner);
    s.shut();
}

/// The next piece of `buf` a reader gets, if it is all there: for raw sockets what there
/// is (or exactly `len` bytes if `len` is not 0); otherwise one packet (at the end of the
/// stream, a last line without its newline).
fn take(buf: &mut Vec<u8>, packet: Packet, len: usize, eof: bool) -> Option<Vec<u8>> {
    match packet {
        Packet::Raw if len == 0 => (!buf.is_empty()).then(|| std::mem::take(buf)),
        Packet::Raw => (buf.len() >= len).then(|| buf.drain(..len).collect()),
        Packet::Len(h) => {
            let h = h as usize;
            if buf.len() < h {
                return None;
            }
            let size = buf[..h].iter().fold(0usize, |n, b| (n << 8) | *b as usize);
            (buf.len() >= h + size).then(|| {
                let packet = buf[h..h + size].to_vec();
                buf.drain(..h + size);
                packet
            })
        }
        Packet::Line => match buf.iter().position(|b| *b == b'\n') {
            Some(i) => Some(buf.drain(..=i).collect()),
            None if eof && !buf.is_empty() => Some(std::mem::take(buf)),
            None => None,
        },
    }
}

fn data_term(data: Vec<u8>, binary: bool) -> Term {
    if binary {
        Term::binary(data)
    } else {
        Term::list(data.into_iter().map(|b| Term::Int(i64::from(b))).collect())
    }
}

// ---- Options ---------------------------------------------------------------------------

/// The options gen_tcp:options/1 made (a map); `None` if one is not understood.
fn opts_of(m: &Term, base: Opts) -> Option<Opts> {
    let Term::Map(m) = m else { return None };
    let mut o = base;
    if let Some(a) = m.get(&Term::atom("active")) {
        o.active = active_of(a)?;
    }
    if let Some(p) = m.get(&Term::atom("packet")) {
        o.packet = match p {
            Term::Int(0) => Packet::Raw,
            Term::Int(n @ (1 | 2 | 4)) => Packet::Len(*n as u8),
            Term::Atom(a) if a.as_str() == "raw" => Packet::Raw,
            Term::Atom(a) if a.as_str() == "line" => Packet::Line,
            _ => return None,
        };
    }
    if let Some(Term::Atom(mode)) = m.get(&Term::atom("mode")) {
        o.binary = mode.as_str() == "binary";
    }
    if let Some(n) = m.get(&Term::atom("backlog")).and_then(Term::as_int) {
        o.backlog = n.clamp(1, 65535) as usize;
    }
    Some(o)
}

fn active_of(a: &Term) -> Option<Active> {
    Some(match a {
        Term::Atom(a) if *a == atoms::TRUE => Active::Yes,
        Term::Atom(a) if *a == atoms::FALSE => Active::No,
        Term::Atom(a) if a.as_str() == "once" => Active::Once,
        Term::Int(n) if (-32768..=32767).contains(n) => Active::Count(*n),
        _ => return None,
    })
}

const DEFAULT_OPTS: Opts = Opts { active: Active::Yes, packet: Packet::Raw, binary: false, backlog: 5 };

/// The `send_timeout` option, if given: `Some(None)` for infinity.
fn send_timeout(m: &Term) -> Option<Option<Duration>> {
    let Term::Map(m) = m else { return None };
    match m.get(&Term::atom("send_timeout"))? {
        Term::Int(ms) if *ms > 0 => Some(Some(Duration::from_millis(*ms as u64))),
        Term::Int(_) => Some(Some(Duration::from_millis(1))),
        _ => Some(None),
    }
}

fn flag(m: &Term, key: &str) -> Option<bool> {
    match m {
        Term::Map(m) => m.get(&Term::atom(key)).map(|v| v.is_atom(atoms::TRUE)),
        _ => None,
    }
}

fn ipv4(t: &Term) -> Option<Ipv4Addr> {
    let parts = t.as_tuple()?;
    let b: Vec<u8> = parts.iter().map(|p| p.as_int().and_then(|n| u8::try_from(n).ok())).collect::<Option<_>>()?;
    (b.len() == 4).then(|| Ipv4Addr::new(b[0], b[1], b[2], b[3]))
}

fn address_term(a: SocketAddr) -> Term {
    let (ip, port) = ip_port(a);
    Term::tuple([ip, port])
}

/// An address as erl gives it: an IP tuple and a port.
fn ip_port(a: SocketAddr) -> (Term, Term) {
    let ip = match a {
        SocketAddr::V4(v4) => {
            Term::tuple(v4.ip().octets().iter().map(|o| Term::Int(i64::from(*o))).collect::<Vec<_>>())
        }
        SocketAddr::V6(v6) => {
            Term::tuple(v6.ip().segments().iter().map(|s| Term::Int(i64::from(*s))).collect::<Vec<_>>())
        }
    };
    (ip, Term::Int(i64::from(a.port())))
}

/// The address a socket binds to: its `ip` option, or every interface.
fn bind_ip(opts: &Term) -> Result<Ipv4Addr, Exception> {
    match opts {
        Term::Map(m) => match m.get(&Term::atom("ip")) {
            Some(a) => ipv4(a).ok_or_else(Exception::badarg),
            None => Ok(Ipv4Addr::UNSPECIFIED),
        },
        _ => Ok(Ipv4Addr::UNSPECIFIED),
    }
}

/// Where to connect or send: an address, or a name to look up.
enum Host {
    Ip(Ipv4Addr),
    Name(String),
}

/// An IPv4 tuple, or a host name as a string or an atom.
fn host_of(addr: &Term) -> Option<Host> {
    if let Some(ip) = ipv4(addr) {
        return Some(Host::Ip(ip));
    }
    match addr {
        Term::Atom(a) => Some(Host::Name(a.as_str().to_owned())),
        _ => addr
            .list_to_vec()
            .and_then(|cs| cs.iter().map(|c| c.as_int().and_then(|c| char::from_u32(c as u32))).collect())
            .map(Host::Name),
    }
}

/// The IPv4 address of a host (a name is looked up: this may block).
fn resolve(host: Host, port: u16) -> Option<SocketAddr> {
    match host {
        Host::Ip(ip) => Some(SocketAddr::V4(SocketAddrV4::new(ip, port))),
        Host::Name(name) => (name.as_str(), port).to_socket_addrs().ok()?.find(SocketAddr::is_ipv4),
    }
}

// ---- The built-ins ---------------------------------------------------------------------

fn listen(p: &mut Proc, port: &Term, opts: &Term) -> BifResult {
    open_bound(p, port, opts, socket2::Type::STREAM)
}

fn udp_open(p: &mut Proc, port: &Term, opts: &Term) -> BifResult {
    open_bound(p, port, opts, socket2::Type::DGRAM)
}

/// A listening TCP socket or a UDP socket, bound to `port` on the `ip` option's address.
fn open_bound(p: &mut Proc, port: &Term, opts: &Term, kind: socket2::Type) -> BifResult {
    let (Some(port), Some(o)) = (port.as_int().and_then(|n| u16::try_from(n).ok()), opts_of(opts, DEFAULT_OPTS)) else {
        return Err(Exception::badarg());
    };
    let ip = bind_ip(opts)?;
    let made = (|| {
        let sock = socket2::Socket::new(socket2::Domain::IPV4, kind, None)?;
        sock.set_reuse_address(flag(opts, "reuseaddr").unwrap_or(false))?;
        sock.bind(&SocketAddr::V4(SocketAddrV4::new(ip, port)).into())?;
        if kind == socket2::Type::STREAM {
            sock.listen(o.backlog as i32)?;
            Ok::<Io, std::io::Error>(Io::Listen(sock.into()))
        } else {
            Ok(Io::Udp(sock.into()))
        }
    })();
    let vm = p.vm.clone();
    Ok(match made {
        Ok(io) => match start(&vm, io, p.pid, o) {
            Some(s) => ok(s.term()),
            None => error("closed"),
        },
        Err(e) => posix(&e),
    })
}

/// `gen_udp:send/4`: one datagram, sent by the socket's writer thread (which looks a host
/// name up).
fn sendto(p: &mut Proc, sock: &Term, addr: &Term, port: &Term, data: &Term) -> BifResult {
    let (Some(port), Some(host)) = (port.as_int().and_then(|n| u16::try_from(n).ok()), host_of(addr)) else {
        return Err(Exception::badarg());
    };
    let Some(s) = p.vm.sockets.get(sock) else { return Ok(error("closed")) };
    if !matches!(s.io, Io::Udp(_)) {
        return Ok(error("einval"));
    }
    if s.state.lock().closed {
        return Ok(error("closed"));
    }
    let bytes = super::erlang::iodata_bytes(data)?;
    Ok(queue_send(p, &s, bytes, Some((host, port))))
}

/// Runs `work` on a thread of its own (it may block for long: connecting) and returns a
/// reference at once; the caller gets `{Ref, Answer}` (`prim_file:await/1` waits for it).
fn on_thread(p: &mut Proc, work: impl FnOnce() -> Term + std::marker::Send + 'static) -> BifResult {
    let r = p.vm.make_ref();
    let (vm, me) = (Arc::downgrade(&p.vm), p.pid);
    let job = move || {
        let answer = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
            Ok(v) => Term::tuple([Term::Ref(r), v]),
            Err(_) => Term::tuple([Term::Ref(r), Term::atom("internal_error"), Term::atom("gen_tcp")]),
        };
        if let Some(vm) = vm.upgrade() {
            vm.signal(me, Signal::Message(answer));
        }
    };
    match std::thread::Builder::new().name("ember-connect".into()).spawn(job) {
        Ok(_) => Ok(Term::Ref(r)),
        Err(_) => Ok(error("emfile")),
    }
}

/// Queues bytes for the socket's writer thread (starting it if it is not running) and
/// returns the reference the answer will come with.
fn queue_send(p: &mut Proc, s: &Arc<Socket>, bytes: Vec<u8>, to: Option<(Host, u16)>) -> Term {
    let tag = p.vm.make_ref();
    let mut out = s.out.lock();
    out.jobs.push_back(Send { waiter: Waiter { pid: p.pid, tag }, bytes, to });
    if !out.writer {
        let (vm, sock) = (Arc::downgrade(&p.vm), s.clone());
        if std::thread::Builder::new().name("ember-socket-writer".into()).spawn(move || writer(vm, sock)).is_err() {
            out.jobs.pop_back();
            return error("emfile");
        }
        out.writer = true;
    }
    drop(out);
    s.out_wake.notify_all();
    Term::Ref(tag)
}

/// A socket's writer thread: sends what was queued, in order, and answers each caller. It
/// ends when the socket closes, or after a while with nothing to send.
fn writer(vm: Weak<VmShared>, s: Arc<Socket>) {
    loop {
        let job = {
            let mut out = s.out.lock();
            loop {
                if let Some(job) = out.jobs.pop_front() {
                    break job;
                }
                let idle = s.closed.load(Ordering::SeqCst)
                    || s.out_wake.wait_for(&mut out, Duration::from_secs(10)).timed_out();
                if idle && out.jobs.is_empty() {
                    out.writer = false;
                    return;
                }
            }
        };
        let answer = if s.closed.load(Ordering::SeqCst) {
            error("closed")
        } else {
            let sent = match (&s.io, job.to) {
                (Io::Stream(stream), _) => (&*stream).write_all(&job.bytes),
                (Io::Udp(u), Some((host, port))) => match resolve(host, port) {
                    Some(to) => u.send_to(&job.bytes, to).map(|_| ()),
                    None => {
                        answer_send(&vm, job.waiter, error("nxdomain"));
                        continue;
                    }
                },
                _ => Err(std::io::ErrorKind::NotConnected.into()),
            };
            match sent {
                Ok(()) => Term::Atom(atoms::OK),
                Err(_) if s.closed.load(Ordering::SeqCst) => error("closed"),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => error("closed"),
                Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                    error("timeout")
                }
                Err(e) => posix(&e),
            }
        };
        answer_send(&vm, job.waiter, answer);
    }
}

fn answer_send(vm: &Weak<VmShared>, w: Waiter, answer: Term) {
    if let Some(vm) = vm.upgrade() {
        reply(&vm, w, answer);
    }
}

fn accept(p: &mut Proc, l: &Term) -> BifResult {
    let Some(s) = p.vm.sockets.get(l) else { return Ok(error("closed")) };
    if !matches!(s.io, Io::Listen(_)) {
        return Ok(error("einval"));
    }
    let mut st = s.state.lock();
    if st.closed {
        return Ok(error("closed"));
    }
    match st.ready.pop_front() {
        Some(stream) => {
            let opts = st.opts;
            drop(st);
            s.wake.notify_all();
            let vm = p.vm.clone();
            Ok(match start(&vm, Io::Stream(stream), p.pid, opts) {
                Some(c) => ok(c.term()),
                None => error("closed"),
            })
        }
        None => {
            let tag = p.vm.make_ref();
            st.accepts.push_back(Waiter { pid: p.pid, tag });
            Ok(Term::Ref(tag))
        }
    }
}

fn connect(p: &mut Proc, addr: &Term, port: &Term, opts: &Term, timeout: &Term) -> BifResult {
    let (Some(port), Some(o)) = (port.as_int().and_then(|n| u16::try_from(n).ok()), opts_of(opts, DEFAULT_OPTS)) else {
        return Err(Exception::badarg());
    };
    let timeout = match timeout {
        Term::Int(ms) if *ms >= 0 => Some(Duration::from_millis(*ms as u64)),
        _ => None,
    };
    let Some(host) = host_of(addr) else { return Err(Exception::badarg()) };
    let send_timeout_of = send_timeout(opts);
    let (vm, me) = (Arc::downgrade(&p.vm), p.pid);
    on_thread(p, move || {
        let target = resolve(host, port);
        let Some(target) = target else { return error("nxdomain") };
        let made = match timeout {
            Some(t) => TcpStream::connect_timeout(&target, t.max(Duration::from_millis(1))),
            None => TcpStream::connect(target),
        };
        match made {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                if let Some(t) = send_timeout_of {
                    let _ = stream.set_write_timeout(t);
                }
                let Some(vm) = vm.upgrade() else { return error("closed") };
                match start(&vm, Io::Stream(stream), me, o) {
                    Some(s) => ok(s.term()),
                    None => error("closed"),
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => error("timeout"),
            Err(e) => posix(&e),
        }
    })
}

fn send(p: &mut Proc, sock: &Term, data: &Term) -> BifResult {
    let Some(s) = p.vm.sockets.get(sock) else { return Ok(error("closed")) };
    if !matches!(s.io, Io::Stream(_)) {
        return Ok(error("enotconn"));
    }
    let bytes = super::erlang::iodata_bytes(data)?;
    let packet = {
        let st = s.state.lock();
        if st.closed {
            return Ok(error("closed"));
        }
        st.opts.packet
    };
    let framed = match packet {
        Packet::Len(h) => {
            let h = h as usize;
            if h < 8 && bytes.len() >> (8 * h) != 0 {
                return Ok(error("emsgsize"));
            }
            let mut v = (bytes.len() as u64).to_be_bytes()[8 - h..].to_vec();
            v.extend_from_slice(&bytes);
            v
        }
        _ => bytes,
    };
    Ok(queue_send(p, &s, framed, None))
}

fn recv(p: &mut Proc, sock: &Term, len: &Term) -> BifResult {
    let Some(len) = len.as_int().and_then(|n| usize::try_from(n).ok()) else { return Err(Exception::badarg()) };
    let Some(s) = p.vm.sockets.get(sock) else { return Ok(error("closed")) };
    if matches!(s.io, Io::Listen(_)) {
        return Ok(error("enotconn"));
    }
    let mut st = s.state.lock();
    if st.closed {
        return Ok(error("closed"));
    }
    if st.opts.active != Active::No {
        return Ok(error("einval"));
    }
    if st.recv.is_some() {
        return Ok(error("ealready"));
    }
    if len != 0 && st.opts.packet != Packet::Raw && matches!(s.io, Io::Stream(_)) {
        return Ok(error("einval"));
    }
    if let Io::Udp(_) = s.io {
        if let Some((from, data)) = st.datagrams.pop_front() {
            let (ip, port) = ip_port(from);
            return Ok(ok(Term::tuple([ip, port, data_term(data, st.opts.binary)])));
        }
        let tag = p.vm.make_ref();
        st.recv = Some((Waiter { pid: p.pid, tag }, 0));
        drop(st);
        s.wake.notify_all();
        return Ok(Term::Ref(tag));
    }
    let (packet, eof, binary) = (st.opts.packet, st.eof, st.opts.binary);
    if let Some(data) = take(&mut st.buf, packet, len, eof) {
        return Ok(ok(data_term(data, binary)));
    }
    if eof {
        close_at_eof(&p.vm, &s, &mut st);
        return Ok(error("closed"));
    }
    let tag = p.vm.make_ref();
    st.recv = Some((Waiter { pid: p.pid, tag }, len));
    drop(st);
    s.wake.notify_all();
    Ok(Term::Ref(tag))
}

/// Withdraws a waiting call: `ok` if it was still waiting, `gone` if its answer is on the
/// way (or the socket is gone, which answered it).
fn cancel(p: &mut Proc, sock: &Term, tag: &Term) -> BifResult {
    let Term::Ref(tag) = tag else { return Err(Exception::badarg()) };
    let Some(s) = p.vm.sockets.get(sock) else { return Ok(Term::atom("gone")) };
    let mut st = s.state.lock();
    let mut found = false;
    if matches!(st.recv, Some((w, _)) if w.tag == *tag) {
        st.recv = None;
        found = true;
    }
    let before = st.accepts.len();
    st.accepts.retain(|w| w.tag != *tag);
    found |= st.accepts.len() != before;
    Ok(Term::atom(if found { "ok" } else { "gone" }))
}

fn close(p: &mut Proc, sock: &Term) -> Term {
    if let Some(s) = p.vm.sockets.get(sock) {
        let owner = s.state.lock().owner;
        p.vm.sockets.forget(s.id, owner);
        close_now(&p.vm, s);
    }
    Term::Atom(atoms::OK)
}

fn shutdown(p: &mut Proc, sock: &Term, how: &Term) -> BifResult {
    let how = match how.as_atom().map(|a| a.as_str()) {
        Some("read") => Shutdown::Read,
        Some("write") => Shutdown::Write,
        Some("read_write") => Shutdown::Both,
        _ => return Err(Exception::badarg()),
    };
    let Some(s) = p.vm.sockets.get(sock) else { return Ok(error("closed")) };
    Ok(match &s.io {
        Io::Stream(stream) => match stream.shutdown(how) {
            Ok(()) => Term::Atom(atoms::OK),
            Err(e) => posix(&e),
        },
        Io::Listen(_) | Io::Udp(_) => error("enotconn"),
    })
}

fn controlling_process(p: &mut Proc, sock: &Term, to: &Term) -> Term {
    let Term::Pid(to) = to else { return error("badarg") };
    let Some(s) = p.vm.sockets.get(sock) else { return error("closed") };
    let mut st = s.state.lock();
    if st.owner != p.pid {
        return error("not_owner");
    }
    if st.closed {
        return error("closed");
    }
    st.owner = *to;
    drop(st);
    p.vm.sockets.transfer(s.id, p.pid, *to);
    if !p.vm.add_owned(*to, OWNS_SOCKETS) {
        p.vm.sockets.forget(s.id, *to);
        s.close(&p.vm);
    }
    Term::Atom(atoms::OK)
}

fn setopts(p: &mut Proc, sock: &Term, opts: &Term) -> Term {
    let Some(s) = p.vm.sockets.get(sock) else { return error("einval") };
    let mut st = s.state.lock();
    let Some(mut o) = opts_of(opts, st.opts) else { return error("einval") };
    // {active, N} adds N to a count the socket has; a count that is not above 0 makes it
    // passive, with the passive message.
    if let Active::Count(n) = o.active {
        let total = match st.opts.active {
            Active::Count(c) => c + n,
            _ => n,
        };
        o.active = if total > 0 {
            Active::Count(total.min(32767))
        } else {
            let tag = if matches!(s.io, Io::Udp(_)) { "udp_passive" } else { "tcp_passive" };
            p.vm.signal(st.owner, Signal::Message(Term::tuple([Term::atom(tag), s.term()])));
            Active::No
        };
    }
    if let Some(t) = send_timeout(opts) {
        if let Io::Stream(stream) = &s.io {
            let _ = stream.set_write_timeout(t);
        }
    }
    st.opts = o;
    if !st.closed && !matches!(s.io, Io::Listen(_)) {
        hand_out(&p.vm, &s, &mut st);
    }
    drop(st);
    s.wake.notify_all();
    Term::Atom(atoms::OK)
}

fn getopts(p: &mut Proc, sock: &Term, names: &Term) -> Term {
    let Some(s) = p.vm.sockets.get(sock) else { return error("einval") };
    let Some(names) = names.list_to_vec() else { return error("einval") };
    let o = s.state.lock().opts;
    let mut out = Vec::new();
    for n in names {
        let v = match n.as_atom().map(|a| a.as_str()) {
            Some("active") => match o.active {
                Active::Yes => Term::Atom(atoms::TRUE),
                Active::No => Term::Atom(atoms::FALSE),
                Active::Once => Term::atom("once"),
                Active::Count(c) => Term::Int(c),
            },
            Some("packet") => match o.packet {
                Packet::Raw => Term::Int(0),
                Packet::Len(h) => Term::Int(i64::from(h)),
                Packet::Line => Term::atom("line"),
            },
            Some("mode") => Term::atom(if o.binary { "binary" } else { "list" }),
            _ => return error("einval"),
        };
        out.push(Term::tuple([n, v]));
    }
    ok(Term::list(out))
}

fn address(p: &mut Proc, sock: &Term, peer: bool) -> Term {
    let Some(s) = p.vm.sockets.get(sock) else { return error("einval") };
    let a = match (&s.io, peer) {
        (Io::Stream(st), true) => st.peer_addr(),
        (Io::Stream(st), false) => st.local_addr(),
        (Io::Listen(l), false) => l.local_addr(),
        (Io::Udp(u), false) => u.local_addr(),
        (Io::Listen(_) | Io::Udp(_), true) => return error("enotconn"),
    };
    match a {
        Ok(a) => ok(address_term(a)),
        Err(e) => posix(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packets_come_whole() {
        let mut buf = vec![0, 3, b'a', b'b', b'c', 0, 2, b'x'];
        assert_eq!(take(&mut buf, Packet::Len(2), 0, false), Some(b"abc".to_vec()));
        assert_eq!(take(&mut buf, Packet::Len(2), 0, false), None);
        buf.push(b'y');
        assert_eq!(take(&mut buf, Packet::Len(2), 0, false), Some(b"xy".to_vec()));
        assert!(buf.is_empty());
    }

    #[test]
    fn lines_and_raw_reads() {
        let mut buf = b"one\ntw".to_vec();
        assert_eq!(take(&mut buf, Packet::Line, 0, false), Some(b"one\n".to_vec()));
        assert_eq!(take(&mut buf, Packet::Line, 0, false), None);
        assert_eq!(take(&mut buf, Packet::Line, 0, true), Some(b"tw".to_vec()));
        let mut raw = b"hello".to_vec();
        assert_eq!(take(&mut raw, Packet::Raw, 9, false), None);
        assert_eq!(take(&mut raw, Packet::Raw, 2, false), Some(b"he".to_vec()));
        assert_eq!(take(&mut raw, Packet::Raw, 0, false), Some(b"llo".to_vec()));
        assert_eq!(take(&mut raw, Packet::Raw, 0, false), None);
    }
}
