//! The Erlang Port Mapper Daemon (EPMD) protocol: a client that registers this node's name
//! and looks up other nodes' ports, and an in-process server for hosts where no `epmd` runs.
//!
//! ## Protocol (erts "Distribution Protocol", EPMD part)
//!
//! 1. A client opens a TCP connection to port 4369 and sends one request: a 2-byte
//!    big-endian length, then that many bytes, the first of which is the request's tag.
//!    Replies carry no length prefix. All integers are big-endian.
//! 2. `ALIVE2_REQ` (120): port (2), node type (1, 77 = normal node), protocol (1, 0 = TCP),
//!    highest and lowest distribution version (2 + 2), name length (2), name, extra length
//!    (2), extra. The reply is `ALIVE2_X_RESP` (118, result, 4-byte creation) or, for a node
//!    whose highest version is below 6, `ALIVE2_RESP` (121, result, 2-byte creation). Result
//!    0 is success. The registration lasts exactly as long as this TCP connection.
//! 3. `PORT_PLEASE2_REQ` (122) followed by the name: the reply is `PORT2_RESP` (119, result)
//!    and, when the result is 0, the fields the node registered (port, node type, protocol,
//!    versions, name, extra). The server then closes the connection.
//! 4. `NAMES_REQ` (110): the reply is the server's own port as 4 bytes, then one line
//!    `name NAME at port PORT\n` per registered node; the server then closes the connection.
//!
//! The server closes any connection whose request is malformed (a bad length, a field that
//! runs past the end, an unknown tag); no input from the network makes it panic.
//!
//! Deliberately absent: `DUMP_REQ`, `KILL_REQ` and `STOP_REQ` (debug requests; the server
//! closes the connection on them), and anything specific to IPv6.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::task::JoinHandle;

use crate::cursor::Cursor;
use crate::random::random_u32;

/// The port EPMD listens on.
pub const EPMD_PORT: u16 = 4369;

/// What EPMD knows about a registered node, as `port_please` returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeInfo {
    /// The TCP port the node accepts distribution connections on.
    pub port: u16,
    /// The highest distribution protocol version the node speaks.
    pub highest_version: u16,
    /// The lowest distribution protocol version the node speaks.
    pub lowest_version: u16,
}

/// A name registered with EPMD. The registration lasts as long as this value: dropping it
/// closes the connection to EPMD, which unregisters the name.
#[derive(Debug)]
pub struct Registration {
    /// Kept open only so that the registration lives; nothing more is read or written.
    _connection: TcpStream,
    creation: u32,
}

impl Registration {
    /// The creation number EPMD assigned to this incarnation of the node; it goes into every
    /// pid, port and reference the node creates, and into the handshake.
    pub fn creation(&self) -> u32 {
        self.creation
    }
}

/// Registers `alive` (the part of the node name before `@`) as listening on `port`, with the
/// EPMD on this host (127.0.0.1:4369).
///
/// Fails if EPMD cannot be reached or refuses the name (most often because a node with that
/// name is already registered).
pub async fn register(alive: &str, port: u16) -> io::Result<Registration> {
    register_at((LOCALHOST, EPMD_PORT), alive, port).await
}

/// [`register`] with the EPMD at `epmd` rather than the default one.
pub async fn register_at(epmd: impl ToSocketAddrs, alive: &str, port: u16) -> io::Result<Registration> {
    let request = alive2_request(alive, port)?;
    within_client_timeout(async {
        let mut connection = TcpStream::connect(epmd).await?;
        connection.set_nodelay(true)?;
        connection.write_all(&request).await?;
        let creation = read_alive2_response(&mut connection, alive).await?;
        Ok(Registration { _connection: connection, creation })
    })
    .await
}

/// Asks the EPMD on `host` (port 4369) where the node named `alive` listens. `None` means
/// EPMD knows no such node.
pub async fn port_please(host: &str, alive: &str) -> io::Result<Option<NodeInfo>> {
    port_please_at((host, EPMD_PORT), alive).await
}

/// [`port_please`] with the EPMD at `epmd` rather than the one on port 4369.
pub async fn port_please_at(epmd: impl ToSocketAddrs, alive: &str) -> io::Result<Option<NodeInfo>> {
    let request = port_please_request(alive)?;
    within_client_timeout(async {
        let mut connection = TcpStream::connect(epmd).await?;
        connection.write_all(&request).await?;
        read_port2_response(&mut connection).await
    })
    .await
}

/// Serves the EPMD protocol on `listener` until the task running it is dropped or aborted.
///
/// Each connection is handled in its own task (spawned on the current tokio runtime), so a
/// slow or malicious client holds up no one else; a connection that sends nothing within
/// ten seconds is closed.
pub async fn serve(listener: TcpListener) {
    let own_port = listener.local_addr().map_or(EPMD_PORT, |addr| addr.port());
    let registry = Arc::new(Mutex::new(Registry::new()));
    loop {
        match listener.accept().await {
            Ok((connection, _)) => {
                let registry = Arc::clone(&registry);
                tokio::spawn(serve_connection(connection, registry, own_port));
            }
            // Accepting fails for reasons such as running out of file descriptors; waiting a
            // little keeps the loop from spinning until some are free again.
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// Makes sure an EPMD is reachable at 127.0.0.1:4369.
///
/// If something already answers there (a real `epmd`, or another ember), does nothing and
/// returns `None`. Otherwise binds 0.0.0.0:4369 and spawns [`serve`] on the current tokio
/// runtime, returning its handle: the server lives as long as that runtime (or until the
/// handle is aborted). If the bind fails because another process bound the port in the
/// meantime, that process is the EPMD and the result is `None` too.
pub async fn ensure_running() -> io::Result<Option<JoinHandle<()>>> {
    let probe = tokio::time::timeout(PROBE_TIMEOUT, TcpStream::connect((LOCALHOST, EPMD_PORT))).await;
    if let Ok(Ok(_connection)) = probe {
        return Ok(None);
    }
    match TcpListener::bind(("0.0.0.0", EPMD_PORT)).await {
        Ok(listener) => Ok(Some(tokio::spawn(serve(listener)))),
        Err(e) if e.kind() == io::ErrorKind::AddrInUse => Ok(None),
        Err(e) => Err(e),
    }
}

const LOCALHOST: &str = "127.0.0.1";

const ALIVE2_REQ: u8 = 120;
const ALIVE2_X_RESP: u8 = 118;
const ALIVE2_RESP: u8 = 121;
const PORT_PLEASE2_REQ: u8 = 122;
const PORT2_RESP: u8 = 119;
const NAMES_REQ: u8 = 110;

/// Node type of a normal (visible) Erlang node.
const NODE_TYPE_NORMAL: u8 = 77;
/// Protocol 0: TCP over IPv4.
const PROTOCOL_TCP: u8 = 0;
const HIGHEST_VERSION: u16 = 6;
const LOWEST_VERSION: u16 = 5;

/// Real epmd's limit on a name's length (MAXSYMLEN).
const MAX_NAME_LEN: usize = 255;

/// How long a client waits for EPMD before giving up.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the server waits for a connection's request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long `ensure_running` waits for an existing EPMD to accept a connection.
const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

async fn within_client_timeout<T>(work: impl Future<Output = io::Result<T>>) -> io::Result<T> {
    match tokio::time::timeout(CLIENT_TIMEOUT, work).await {
        Ok(result) => result,
        Err(_) => Err(io::Error::new(io::ErrorKind::TimedOut, "EPMD did not answer within 10 s")),
    }
}

fn check_name(alive: &str) -> io::Result<()> {
    if alive.is_empty() || alive.len() > MAX_NAME_LEN {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("an EPMD name must have 1 to {MAX_NAME_LEN} bytes: {alive:?}"),
        ));
    }
    Ok(())
}

fn alive2_request(alive: &str, port: u16) -> io::Result<Vec<u8>> {
    check_name(alive)?;
    let name = alive.as_bytes();
    let body_len = 13 + name.len();
    let mut req = Vec::with_capacity(2 + body_len);
    req.extend_from_slice(&(body_len as u16).to_be_bytes());
    req.push(ALIVE2_REQ);
    req.extend_from_slice(&port.to_be_bytes());
    req.push(NODE_TYPE_NORMAL);
    req.push(PROTOCOL_TCP);
    req.extend_from_slice(&HIGHEST_VERSION.to_be_bytes());
    req.extend_from_slice(&LOWEST_VERSION.to_be_bytes());
    req.extend_from_slice(&(name.len() as u16).to_be_bytes());
    req.extend_from_slice(name);
    req.extend_from_slice(&0u16.to_be_bytes()); // no extra field
    Ok(req)
}

fn port_please_request(alive: &str) -> io::Result<Vec<u8>> {
    check_name(alive)?;
    let name = alive.as_bytes();
    let mut req = Vec::with_capacity(3 + name.len());
    req.extend_from_slice(&(1 + name.len() as u16).to_be_bytes());
    req.push(PORT_PLEASE2_REQ);
    req.extend_from_slice(name);
    Ok(req)
}

fn invalid_data(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("malformed EPMD reply: {what}"))
}

async fn read_alive2_response(connection: &mut TcpStream, alive: &str) -> io::Result<u32> {
    let tag = connection.read_u8().await?;
    let result = connection.read_u8().await?;
    let creation = match tag {
        ALIVE2_X_RESP => connection.read_u32().await?,
        ALIVE2_RESP => u32::from(connection.read_u16().await?),
        other => return Err(invalid_data(&format!("tag {other} in reply to ALIVE2_REQ"))),
    };
    if result != 0 {
        return Err(io::Error::new(
            io::ErrorKind::AddrInUse,
            format!("EPMD refused to register {alive:?} (result {result}): is a node with that name running?"),
        ));
    }
    Ok(creation)
}

async fn read_port2_response(connection: &mut TcpStream) -> io::Result<Option<NodeInfo>> {
    let tag = connection.read_u8().await?;
    if tag != PORT2_RESP {
        return Err(invalid_data(&format!("tag {tag} in reply to PORT_PLEASE2_REQ")));
    }
    if connection.read_u8().await? != 0 {
        return Ok(None);
    }
    let port = connection.read_u16().await?;
    let _node_type = connection.read_u8().await?;
    let _protocol = connection.read_u8().await?;
    let highest_version = connection.read_u16().await?;
    let lowest_version = connection.read_u16().await?;
    // The name and the extra field follow; read them so that a truncated reply is an error.
    let name_len = connection.read_u16().await?;
    let mut name = vec![0; usize::from(name_len)];
    connection.read_exact(&mut name).await?;
    let extra_len = connection.read_u16().await?;
    let mut extra = vec![0; usize::from(extra_len)];
    connection.read_exact(&mut extra).await?;
    Ok(Some(NodeInfo { port, highest_version, lowest_version }))
}

/// A request as the server parsed it.
#[derive(Debug, PartialEq, Eq)]
enum Request<'a> {
    Alive2 { port: u16, node_type: u8, protocol: u8, highest: u16, lowest: u16, name: &'a [u8], extra: &'a [u8] },
    PortPlease { name: &'a [u8] },
    Names,
}

/// Parses one request body (without its length prefix); `None` if it is malformed.
fn parse_request(body: &[u8]) -> Option<Request<'_>> {
    let mut c = Cursor::new(body);
    let request = match c.u8()? {
        ALIVE2_REQ => {
            let port = c.u16()?;
            let node_type = c.u8()?;
            let protocol = c.u8()?;
            let highest = c.u16()?;
            let lowest = c.u16()?;
            let name_len = c.u16()?;
            let name = c.take(usize::from(name_len))?;
            let extra_len = c.u16()?;
            let extra = c.take(usize::from(extra_len))?;
            Request::Alive2 { port, node_type, protocol, highest, lowest, name, extra }
        }
        PORT_PLEASE2_REQ => Request::PortPlease { name: c.rest() },
        NAMES_REQ => Request::Names,
        _ => return None,
    };
    c.is_empty().then_some(request)
}

/// The nodes the server knows, by name.
struct Registry {
    nodes: HashMap<String, Registered>,
    next_creation: u32,
    next_id: u64,
}

struct Registered {
    /// Tells this registration from a later one under the same name.
    id: u64,
    port: u16,
    node_type: u8,
    protocol: u8,
    highest: u16,
    lowest: u16,
    extra: Vec<u8>,
}

impl Registry {
    fn new() -> Self {
        Registry { nodes: HashMap::new(), next_creation: random_u32(), next_id: 0 }
    }

    /// A creation number for a new registration: different from the last ones, and never
    /// 0 to 3 (0 means "unknown", and 1 to 3 were the old 2-bit creations).
    fn fresh_creation(&mut self) -> u32 {
        loop {
            let creation = self.next_creation;
            self.next_creation = self.next_creation.wrapping_add(1);
            if creation > 3 {
                return creation;
            }
        }
    }
}

fn lock(registry: &Mutex<Registry>) -> std::sync::MutexGuard<'_, Registry> {
    // Nothing panics while holding the lock, but a poisoned registry is still consistent.
    registry.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes a registration when its connection ends, however the task ends.
struct Unregister {
    registry: Arc<Mutex<Registry>>,
    name: String,
    id: u64,
}

impl Drop for Unregister {
    fn drop(&mut self) {
        let mut registry = lock(&self.registry);
        if registry.nodes.get(&self.name).is_some_and(|node| node.id == self.id) {
            registry.nodes.remove(&self.name);
        }
    }
}

async fn serve_connection(mut connection: TcpStream, registry: Arc<Mutex<Registry>>, own_port: u16) {
    let body = match tokio::time::timeout(REQUEST_TIMEOUT, read_request(&mut connection)).await {
        Ok(Ok(body)) => body,
        // A malformed length, a closed connection or silence: drop the connection.
        Ok(Err(_)) | Err(_) => return,
    };
    let Some(request) = parse_request(&body) else { return };
    match request {
        Request::Alive2 { port, node_type, protocol, highest, lowest, name, extra } => {
            let (reply, guard) = match std::str::from_utf8(name) {
                Ok(name) if !name.is_empty() && name.len() <= MAX_NAME_LEN => {
                    let node = Registered { id: 0, port, node_type, protocol, highest, lowest, extra: extra.to_vec() };
                    register_node(&registry, name, node)
                }
                _ => (alive2_reply(highest, 1, 0), None),
            };
            if connection.write_all(&reply).await.is_err() {
                return;
            }
            if let Some(_unregister) = guard {
                wait_for_close(&mut connection).await;
            }
        }
        Request::PortPlease { name } => {
            let reply = port2_reply(&lock(&registry), name);
            let _ = connection.write_all(&reply).await;
        }
        Request::Names => {
            let reply = names_reply(&lock(&registry), own_port);
            let _ = connection.write_all(&reply).await;
        }
    }
    let _ = connection.shutdown().await;
}

/// Reads one length-prefixed request body.
async fn read_request(connection: &mut TcpStream) -> io::Result<Vec<u8>> {
    let len = connection.read_u16().await?;
    if len == 0 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "empty EPMD request"));
    }
    let mut body = vec![0; usize::from(len)];
    connection.read_exact(&mut body).await?;
    Ok(body)
}

/// Registers `name` unless it is taken; returns the reply and, on success, the guard that
/// unregisters it.
fn register_node(registry: &Arc<Mutex<Registry>>, name: &str, mut node: Registered) -> (Vec<u8>, Option<Unregister>) {
    let mut reg = lock(registry);
    if reg.nodes.contains_key(name) {
        return (alive2_reply(node.highest, 1, 0), None);
    }
    let creation = reg.fresh_creation();
    node.id = reg.next_id;
    reg.next_id += 1;
    let reply = alive2_reply(node.highest, 0, creation);
    let guard = Unregister { registry: Arc::clone(registry), name: name.to_owned(), id: node.id };
    reg.nodes.insert(name.to_owned(), node);
    (reply, Some(guard))
}

fn alive2_reply(highest: u16, result: u8, creation: u32) -> Vec<u8> {
    if highest >= 6 {
        let mut reply = vec![ALIVE2_X_RESP, result];
        reply.extend_from_slice(&creation.to_be_bytes());
        reply
    } else {
        // An old node takes a 16-bit creation, and expects one of the old values 1 to 3.
        let old_creation = if result == 0 { (creation % 3 + 1) as u16 } else { 0 };
        let mut reply = vec![ALIVE2_RESP, result];
        reply.extend_from_slice(&old_creation.to_be_bytes());
        reply
    }
}

fn port2_reply(registry: &Registry, name: &[u8]) -> Vec<u8> {
    let found = std::str::from_utf8(name).ok().and_then(|name| registry.nodes.get(name).map(|node| (name, node)));
    let Some((name, node)) = found else { return vec![PORT2_RESP, 1] };
    let mut reply = vec![PORT2_RESP, 0];
    reply.extend_from_slice(&node.port.to_be_bytes());
    reply.push(node.node_type);
    reply.push(node.protocol);
    reply.extend_from_slice(&node.highest.to_be_bytes());
    reply.extend_from_slice(&node.lowest.to_be_bytes());
    // Both lengths fit in 16 bits: they were read from 16-bit fields.
    reply.extend_from_slice(&(name.len() as u16).to_be_bytes());
    reply.extend_from_slice(name.as_bytes());
    reply.extend_from_slice(&(node.extra.len() as u16).to_be_bytes());
    reply.extend_from_slice(&node.extra);
    reply
}

fn names_reply(registry: &Registry, own_port: u16) -> Vec<u8> {
    let mut reply = u32::from(own_port).to_be_bytes().to_vec();
    let mut nodes: Vec<_> = registry.nodes.iter().collect();
    nodes.sort_by(|a, b| a.0.cmp(b.0));
    for (name, node) in nodes {
        reply.extend_from_slice(format!("name {name} at port {}\n", node.port).as_bytes());
    }
    reply
}

/// Waits until the peer closes the connection (or it fails), discarding anything it sends.
async fn wait_for_close(connection: &mut TcpStream) {
    let mut sink = [0u8; 256];
    while let Ok(n) = connection.read(&mut sink).await {
        if n == 0 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;

    /// Starts a server on an ephemeral port and returns its address.
    async fn spawn_test_server() -> SocketAddr {
        let listener = TcpListener::bind((LOCALHOST, 0)).await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        tokio::spawn(serve(listener));
        addr
    }

    #[test]
    fn alive2_request_has_the_documented_layout() {
        let req = alive2_request("ember", 0x1234).unwrap();
        let mut expected = vec![0, 18, 120, 0x12, 0x34, 77, 0, 0, 6, 0, 5, 0, 5];
        expected.extend_from_slice(b"ember");
        expected.extend_from_slice(&[0, 0]);
        assert_eq!(req, expected);
        assert_eq!(parse_request(&req[2..]).map(|r| matches!(r, Request::Alive2 { port: 0x1234, .. })), Some(true));
    }

    #[test]
    fn malformed_requests_are_rejected() {
        assert_eq!(parse_request(&[]), None);
        assert_eq!(parse_request(&[99]), None, "unknown tag");
        assert_eq!(parse_request(&[ALIVE2_REQ, 0, 1]), None, "truncated");
        // The name length says 200 bytes; there are 3.
        assert_eq!(parse_request(&[ALIVE2_REQ, 0, 1, 77, 0, 0, 6, 0, 5, 0, 200, b'a', b'b', b'c']), None);
        // Trailing garbage after the extra field.
        assert_eq!(parse_request(&[ALIVE2_REQ, 0, 1, 77, 0, 0, 6, 0, 5, 0, 1, b'a', 0, 0, 7]), None);
        assert_eq!(parse_request(&[NAMES_REQ, 1]), None);
        assert_eq!(parse_request(&[NAMES_REQ]), Some(Request::Names));
    }

    #[test]
    fn names_reply_is_the_epmd_text_format() {
        let mut reg = Registry::new();
        let node = |port| Registered { id: 0, port, node_type: 77, protocol: 0, highest: 6, lowest: 5, extra: vec![] };
        reg.nodes.insert("b".into(), node(2));
        reg.nodes.insert("a".into(), node(1));
        assert_eq!(names_reply(&reg, 4369), b"\0\0\x11\x11name a at port 1\nname b at port 2\n");
    }

    #[test]
    fn creations_skip_the_reserved_values() {
        let mut reg = Registry::new();
        reg.next_creation = u32::MAX;
        assert_eq!(reg.fresh_creation(), u32::MAX);
        assert_eq!(reg.fresh_creation(), 4);
    }

    #[tokio::test]
    async fn old_nodes_get_a_16_bit_creation() {
        let addr = spawn_test_server().await;
        let mut req = alive2_request("old", 1).unwrap();
        req[8] = 5; // highest version 5
        let mut c = TcpStream::connect(addr).await.unwrap();
        c.write_all(&req).await.unwrap();
        let mut reply = [0u8; 4];
        c.read_exact(&mut reply).await.unwrap();
        assert_eq!(reply[..2], [ALIVE2_RESP, 0]);
        assert!((1..=3).contains(&u16::from_be_bytes([reply[2], reply[3]])));
    }
}
