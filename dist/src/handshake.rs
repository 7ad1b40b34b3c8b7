//! The distribution handshake, protocol version 6 (the one OTP 23 introduced and OTP 25
//! requires): two nodes exchange names, capability flags and creation numbers, and prove to
//! each other that they share a cookie.
//!
//! ## Protocol (node A connects to node B)
//!
//! Every handshake message is a 2-byte big-endian length, then that many bytes, the first
//! of which is the message's tag. After the handshake the connection switches to the 4-byte
//! packets of [`crate::frame`].
//!
//! 1. `send_name`, A → B: `'N'`, flags (8), creation (4), name length (2), name. An older
//!    node sends `'n'`, version (2), flags (4), name instead; [`accept`] takes that only with
//!    `DFLAG_HANDSHAKE_23` set, and then expects the complement of step 4b.
//! 2. `send_status`, B → A: `'s'` and a status text. `ok` and `ok_simultaneous` continue;
//!    `nok` (B is itself connecting to A), `not_allowed` and `alive` (B already has a
//!    connection from A) end the handshake; `named:` answers a dynamic-name request, which
//!    ember never makes.
//! 3. `send_challenge`, B → A: `'N'`, flags (8), challenge (4), creation (4), name length (2),
//!    name. The challenge is a random 32-bit number.
//! 4. `send_challenge_reply`, A → B: `'r'`, A's own challenge (4), digest (16) of B's
//!    challenge. A digest is `MD5(cookie ++ decimal text of the challenge)`.
//!    4b. Before it, only if A sent the old `'n'`: `'c'`, the high 32 bits of A's flags (4),
//!    A's creation (4).
//! 5. B checks the digest (and closes the connection if it is wrong), then
//!    `send_challenge_ack`, B → A: `'a'`, digest (16) of A's challenge.
//! 6. A checks that digest. The connection is up.
//!
//! Each side rejects a peer that lacks the flags OTP 25 makes mandatory ([`MANDATORY_FLAGS`]);
//! the whole handshake must finish within [`HANDSHAKE_TIMEOUT`].
//!
//! Deliberately absent: the bookkeeping of simultaneous connection attempts and of existing
//! connections (the caller decides the status through [`accept_with`]), the `alive`
//! exchange (answered with `false`), dynamic node names (`DFLAG_NAME_ME`), and the old
//! version-5-only handshake.

use std::fmt;
use std::io;
use std::time::Duration;

use md5::{Digest, Md5};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use crate::cursor::Cursor;
use crate::random::random_u32;

/// The node is published: it takes part in the global name space (a visible, not hidden,
/// node).
pub const DFLAG_PUBLISHED: u64 = 0x1;
/// The node implements an atom cache (obsolete).
pub const DFLAG_ATOM_CACHE: u64 = 0x2;
/// The node handles extended (3 × 32 bit) references. Mandatory.
pub const DFLAG_EXTENDED_REFERENCES: u64 = 0x4;
/// The node implements distributed process monitoring.
pub const DFLAG_DIST_MONITOR: u64 = 0x8;
/// The node uses a separate tag for funs in the external format. Mandatory.
pub const DFLAG_FUN_TAGS: u64 = 0x10;
/// The node implements monitoring of a registered name on another node.
pub const DFLAG_DIST_MONITOR_NAME: u64 = 0x20;
/// The (hidden) node implements an atom cache (obsolete).
pub const DFLAG_HIDDEN_ATOM_CACHE: u64 = 0x40;
/// The node understands `NEW_FUN_EXT`. Mandatory.
pub const DFLAG_NEW_FUN_TAGS: u64 = 0x80;
/// The node handles extended pids and ports. Mandatory.
pub const DFLAG_EXTENDED_PIDS_PORTS: u64 = 0x100;
/// The node understands `EXPORT_EXT`. Mandatory.
pub const DFLAG_EXPORT_PTR_TAG: u64 = 0x200;
/// The node understands `BIT_BINARY_EXT`. Mandatory.
pub const DFLAG_BIT_BINARIES: u64 = 0x400;
/// The node understands `NEW_FLOAT_EXT`. Mandatory.
pub const DFLAG_NEW_FLOATS: u64 = 0x800;
/// The node handles Unicode in I/O requests.
pub const DFLAG_UNICODE_IO: u64 = 0x1000;
/// The node uses the atom cache in the distribution header. Ember does not offer it: it
/// sends and expects the pass-through form (type 112) of [`crate::frame`].
pub const DFLAG_DIST_HDR_ATOM_CACHE: u64 = 0x2000;
/// The node understands `SMALL_ATOM_EXT`.
pub const DFLAG_SMALL_ATOM_TAGS: u64 = 0x4000;
/// The node understands UTF-8 atoms. Mandatory.
pub const DFLAG_UTF8_ATOMS: u64 = 0x1_0000;
/// The node understands `MAP_EXT`. Mandatory.
pub const DFLAG_MAP_TAG: u64 = 0x2_0000;
/// The node handles 32-bit creation numbers. Mandatory.
pub const DFLAG_BIG_CREATION: u64 = 0x4_0000;
/// Use the `SEND_SENDER` control message (which names the sending pid) instead of `SEND`.
pub const DFLAG_SEND_SENDER: u64 = 0x8_0000;
/// The node takes any term as a sequential-trace label.
pub const DFLAG_BIG_SEQTRACE_LABELS: u64 = 0x10_0000;
/// Use the `PAYLOAD_EXIT*` control messages, which carry the exit reason as the payload.
pub const DFLAG_EXIT_PAYLOAD: u64 = 0x40_0000;
/// The node sends and takes large messages in fragments. Ember does not offer it.
pub const DFLAG_FRAGMENTS: u64 = 0x80_0000;
/// The node speaks the version-6 handshake of this module. Mandatory.
pub const DFLAG_HANDSHAKE_23: u64 = 0x100_0000;
/// The node uses the new link protocol (`UNLINK_ID` and `UNLINK_ID_ACK`).
pub const DFLAG_UNLINK_ID: u64 = 0x200_0000;
/// The node supports every capability mandatory in OTP 25; a peer that sets it may leave
/// out the individual bits of [`MANDATORY_FLAGS`].
pub const DFLAG_MANDATORY_25_DIGEST: u64 = 0x400_0000;
/// The node handles the `SPAWN_REQUEST` and `SPAWN_REPLY` control messages. Not offered yet.
pub const DFLAG_SPAWN: u64 = 1 << 32;
/// The node asks its peer to give it a name (dynamic node names). Never offered.
pub const DFLAG_NAME_ME: u64 = 1 << 33;
/// The node takes the larger pids and ports of `NEW_PID_EXT` and `V4_PORT_EXT`.
pub const DFLAG_V4_NC: u64 = 1 << 34;
/// The node handles process aliases (`ALIAS_SEND` and alias references).
pub const DFLAG_ALIAS: u64 = 1 << 35;

/// The flags OTP 25 requires of every peer; ember requires them too.
pub const MANDATORY_FLAGS: u64 = DFLAG_EXTENDED_REFERENCES
    | DFLAG_FUN_TAGS
    | DFLAG_EXTENDED_PIDS_PORTS
    | DFLAG_UTF8_ATOMS
    | DFLAG_NEW_FUN_TAGS
    | DFLAG_BIG_CREATION
    | DFLAG_NEW_FLOATS
    | DFLAG_MAP_TAG
    | DFLAG_EXPORT_PTR_TAG
    | DFLAG_BIT_BINARIES
    | DFLAG_HANDSHAKE_23;

/// How long a whole handshake may take (OTP's default `net_setuptime`).
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(7);

/// The flags ember offers: the mandatory ones, plus
///
/// - `DFLAG_PUBLISHED`: ember registers as a normal (visible) node;
/// - `DFLAG_DIST_MONITOR` and `DFLAG_DIST_MONITOR_NAME`: remote monitors, by pid and by name;
/// - `DFLAG_SEND_SENDER`: the peer names the sender of each message; the VM must decode the
///   plain `SEND` from peers without the flag anyway, so offering it costs nothing;
/// - `DFLAG_UNLINK_ID` and `DFLAG_V4_NC`: the new link protocol and larger pids and ports
///   (both mandatory from OTP 26);
/// - `DFLAG_ALIAS`: process aliases;
/// - `DFLAG_SPAWN`: other nodes may spawn processes here (`SPAWN_REQUEST`), which is how
///   erl's `spawn/4`, `erpc:call` and `rpc:call` reach a node;
/// - `DFLAG_MANDATORY_25_DIGEST`: the summary of the mandatory set (required from OTP 27).
///
/// Deliberately not offered: `DFLAG_DIST_HDR_ATOM_CACHE` and `DFLAG_FRAGMENTS` (ember sends
/// and expects the plain pass-through packet) and `DFLAG_EXIT_PAYLOAD` (exit reasons then
/// stay inside the control message).
pub fn default_flags() -> u64 {
    MANDATORY_FLAGS
        | DFLAG_PUBLISHED
        | DFLAG_DIST_MONITOR
        | DFLAG_DIST_MONITOR_NAME
        | DFLAG_SEND_SENDER
        | DFLAG_UNLINK_ID
        | DFLAG_V4_NC
        | DFLAG_ALIAS
        | DFLAG_SPAWN
        | DFLAG_MANDATORY_25_DIGEST
}

/// What this node tells its peer about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The full node name, `NAME@HOST`, e.g. `ember@vm`.
    pub name: String,
    /// The cookie both nodes must share.
    pub cookie: String,
    /// This node's creation number (from [`crate::epmd::Registration::creation`]).
    pub creation: u32,
    /// The capability flags offered (normally [`default_flags`]).
    pub flags: u64,
}

/// The node at the other end of a completed handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    /// Its full node name, `NAME@HOST`. [`connect`] does not check that it is the node the
    /// caller meant to reach; the caller compares.
    pub name: String,
    /// The flags it offered, with `DFLAG_MANDATORY_25_DIGEST` expanded into
    /// [`MANDATORY_FLAGS`]. The flags in force on the connection are those both sides
    /// offered: `config.flags & peer.flags`.
    pub flags: u64,
    /// Its creation number.
    pub creation: u32,
}

/// The status the accepting side answers a connection attempt with ([`accept_with`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Go on with the handshake.
    Ok,
    /// Go on; this node had its own attempt to connect to the peer, which it will drop.
    OkSimultaneous,
    /// Refuse: this node is connecting to the peer itself and that attempt wins.
    Nok,
    /// Refuse the peer for some other reason.
    NotAllowed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::OkSimultaneous => "ok_simultaneous",
            Status::Nok => "nok",
            Status::NotAllowed => "not_allowed",
        }
    }
}

/// Why a handshake failed. The caller closes the connection after any of them.
#[derive(Debug)]
pub enum HandshakeError {
    /// Reading or writing the socket failed.
    Io(io::Error),
    /// The peer closed the connection while this side waited for the named step.
    Closed {
        /// The message this side was waiting for.
        during: &'static str,
    },
    /// The handshake did not finish within [`HANDSHAKE_TIMEOUT`].
    Timeout,
    /// The peer sent a message that does not follow the protocol.
    BadPacket(String),
    /// The peer refused the connection with this status (`nok`, `not_allowed`, `alive`,
    /// `named:`, ...).
    Refused(String),
    /// This side refused the connection (the status [`accept_with`]'s callback chose).
    Declined(Status),
    /// The peer's digest does not match this node's cookie: the cookies differ.
    BadCookie,
    /// The peer closed the connection right after receiving this node's digest, which is
    /// how an Erlang node rejects it: the cookies differ.
    CookieRejected,
    /// The peer lacks these mandatory flags.
    MissingFlags(u64),
    /// A node name that is not `NAME@HOST` (this node's own, or the peer's).
    BadName(String),
}

impl fmt::Display for HandshakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandshakeError::Io(e) => write!(f, "handshake I/O error: {e}"),
            HandshakeError::Closed { during } => {
                write!(f, "the peer closed the connection while this node waited for {during}")
            }
            HandshakeError::Timeout => {
                write!(f, "the handshake did not complete within {} s", HANDSHAKE_TIMEOUT.as_secs())
            }
            HandshakeError::BadPacket(what) => write!(f, "malformed handshake message: {what}"),
            HandshakeError::Refused(status) => {
                let why = match status.as_str() {
                    "nok" => " (it is connecting to this node itself)",
                    "not_allowed" => " (this node is not allowed to connect)",
                    "alive" => " (it already has a connection from this node)",
                    s if s.starts_with("named:") => " (an answer to a dynamic-name request)",
                    _ => "",
                };
                write!(f, "the peer refused the connection with status {status:?}{why}")
            }
            HandshakeError::Declined(status) => {
                write!(f, "this node refused the connection with status {:?}", status.as_str())
            }
            HandshakeError::BadCookie => write!(f, "the peer's digest does not match this node's cookie"),
            HandshakeError::CookieRejected => write!(
                f,
                "the peer closed the connection after this node's challenge reply: \
                 it rejected the digest, so the cookies differ"
            ),
            HandshakeError::MissingFlags(missing) => {
                write!(f, "the peer lacks mandatory distribution flags {missing:#x} ({})", flag_names(*missing))
            }
            HandshakeError::BadName(name) => write!(f, "not a node name of the form NAME@HOST: {name:?}"),
        }
    }
}

impl std::error::Error for HandshakeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HandshakeError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for HandshakeError {
    fn from(e: io::Error) -> Self {
        HandshakeError::Io(e)
    }
}

/// Runs the handshake as the node that opened the connection (steps 1 to 6 on A's side).
///
/// `stream` is normally a `tokio::net::TcpStream` just connected to the port EPMD gave.
pub async fn connect<S>(stream: &mut S, cfg: &Config) -> Result<Peer, HandshakeError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    within_timeout(initiate(stream, cfg)).await
}

/// Runs the handshake as the node that accepted the connection, answering status `ok`.
pub async fn accept<S>(stream: &mut S, cfg: &Config) -> Result<Peer, HandshakeError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    accept_with(stream, cfg, |_, _| Status::Ok).await
}

/// [`accept`], with `decide` choosing the status from the peer's name and flags (as they
/// arrived in its first message), e.g. to resolve simultaneous connection attempts. A
/// status other than `Ok` or `OkSimultaneous` is sent, and then ends the handshake with
/// [`HandshakeError::Declined`].
pub async fn accept_with<S, F>(stream: &mut S, cfg: &Config, decide: F) -> Result<Peer, HandshakeError>
where
    S: AsyncRead + AsyncWrite + Unpin,
    F: FnOnce(&str, u64) -> Status,
{
    within_timeout(respond(stream, cfg, decide)).await
}

/// The names of the flags set in `flags`, for messages.
fn flag_names(flags: u64) -> String {
    const NAMES: [(u64, &str); 29] = [
        (DFLAG_PUBLISHED, "PUBLISHED"),
        (DFLAG_ATOM_CACHE, "ATOM_CACHE"),
        (DFLAG_EXTENDED_REFERENCES, "EXTENDED_REFERENCES"),
        (DFLAG_DIST_MONITOR, "DIST_MONITOR"),
        (DFLAG_FUN_TAGS, "FUN_TAGS"),
        (DFLAG_DIST_MONITOR_NAME, "DIST_MONITOR_NAME"),
        (DFLAG_HIDDEN_ATOM_CACHE, "HIDDEN_ATOM_CACHE"),
        (DFLAG_NEW_FUN_TAGS, "NEW_FUN_TAGS"),
        (DFLAG_EXTENDED_PIDS_PORTS, "EXTENDED_PIDS_PORTS"),
        (DFLAG_EXPORT_PTR_TAG, "EXPORT_PTR_TAG"),
        (DFLAG_BIT_BINARIES, "BIT_BINARIES"),
        (DFLAG_NEW_FLOATS, "NEW_FLOATS"),
        (DFLAG_UNICODE_IO, "UNICODE_IO"),
        (DFLAG_DIST_HDR_ATOM_CACHE, "DIST_HDR_ATOM_CACHE"),
        (DFLAG_SMALL_ATOM_TAGS, "SMALL_ATOM_TAGS"),
        (DFLAG_UTF8_ATOMS, "UTF8_ATOMS"),
        (DFLAG_MAP_TAG, "MAP_TAG"),
        (DFLAG_BIG_CREATION, "BIG_CREATION"),
        (DFLAG_SEND_SENDER, "SEND_SENDER"),
        (DFLAG_BIG_SEQTRACE_LABELS, "BIG_SEQTRACE_LABELS"),
        (DFLAG_EXIT_PAYLOAD, "EXIT_PAYLOAD"),
        (DFLAG_FRAGMENTS, "FRAGMENTS"),
        (DFLAG_HANDSHAKE_23, "HANDSHAKE_23"),
        (DFLAG_UNLINK_ID, "UNLINK_ID"),
        (DFLAG_MANDATORY_25_DIGEST, "MANDATORY_25_DIGEST"),
        (DFLAG_SPAWN, "SPAWN"),
        (DFLAG_NAME_ME, "NAME_ME"),
        (DFLAG_V4_NC, "V4_NC"),
        (DFLAG_ALIAS, "ALIAS"),
    ];
    let mut names: Vec<String> =
        NAMES.iter().filter(|(bit, _)| flags & bit != 0).map(|(_, n)| (*n).to_owned()).collect();
    let unknown = NAMES.iter().fold(flags, |rest, (bit, _)| rest & !bit);
    if unknown != 0 {
        names.push(format!("unknown {unknown:#x}"));
    }
    names.join(" | ")
}

const TAG_NAME_OLD: u8 = b'n';
const TAG_NAME: u8 = b'N';
const TAG_STATUS: u8 = b's';
const TAG_COMPLEMENT: u8 = b'c';
const TAG_REPLY: u8 = b'r';
const TAG_ACK: u8 = b'a';

/// The longest node name: an atom has at most 255 characters.
const MAX_NAME_LEN: usize = 255;

async fn within_timeout(
    handshake: impl std::future::Future<Output = Result<Peer, HandshakeError>>,
) -> Result<Peer, HandshakeError> {
    tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake).await.unwrap_or(Err(HandshakeError::Timeout))
}

/// A's side: steps 1, 2, 3, 4, 6.
async fn initiate<S>(stream: &mut S, cfg: &Config) -> Result<Peer, HandshakeError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let our_name = encode_node_name(&cfg.name)?;
    send(stream, &name_message(cfg.flags, cfg.creation, &our_name)).await?;

    let status = recv(stream, "the status").await?;
    match parse_status(&status)? {
        b"ok" | b"ok_simultaneous" => {}
        b"alive" => {
            // The peer asks whether to replace an older connection from this node: no.
            let _ = send(stream, b"sfalse").await;
            return Err(HandshakeError::Refused("alive".into()));
        }
        // `named:` is followed by a binary name and creation; only its prefix says anything.
        named if named.starts_with(b"named:") => return Err(HandshakeError::Refused("named:".into())),
        other => return Err(HandshakeError::Refused(String::from_utf8_lossy(other).into_owned())),
    }

    let challenge = recv(stream, "the challenge").await?;
    let ChallengeMessage { flags, challenge, creation, name } = parse_challenge(&challenge)?;
    check_flags(flags)?;

    let our_challenge = random_u32();
    let mut reply = vec![TAG_REPLY];
    reply.extend_from_slice(&our_challenge.to_be_bytes());
    reply.extend_from_slice(&digest(&cfg.cookie, challenge));
    send(stream, &reply).await?;

    let ack = match recv(stream, "the challenge ack").await {
        Err(HandshakeError::Closed { .. }) => return Err(HandshakeError::CookieRejected),
        other => other?,
    };
    let mut c = Cursor::new(&ack);
    let their_digest = match (c.u8(), c.array::<16>(), c.is_empty()) {
        (Some(TAG_ACK), Some(d), true) => d,
        _ => return Err(bad_packet("challenge ack", &ack)),
    };
    if !same_digest(&their_digest, &digest(&cfg.cookie, our_challenge)) {
        return Err(HandshakeError::BadCookie);
    }
    Ok(Peer { name, flags: expand_flags(flags), creation })
}

/// B's side: steps 1, 2, 3, 4b, 4, 5.
async fn respond<S, F>(stream: &mut S, cfg: &Config, decide: F) -> Result<Peer, HandshakeError>
where
    S: AsyncRead + AsyncWrite + Unpin,
    F: FnOnce(&str, u64) -> Status,
{
    let our_name = encode_node_name(&cfg.name)?;
    let first = recv(stream, "the peer's name").await?;
    let NameMessage { mut flags, mut creation, name, old } = parse_name(&first)?;
    // A peer from before OTP 23 cannot go on; tell it, as erl does, before closing. The
    // high half of an old node's flags arrives only in step 4b.
    let missing = MANDATORY_FLAGS & !expand_flags(flags);
    if missing != 0 {
        let _ = send(stream, b"snot_allowed").await;
        return Err(HandshakeError::MissingFlags(missing));
    }

    let status = decide(&name, flags);
    let mut status_message = vec![TAG_STATUS];
    status_message.extend_from_slice(status.as_str().as_bytes());
    send(stream, &status_message).await?;
    if !matches!(status, Status::Ok | Status::OkSimultaneous) {
        return Err(HandshakeError::Declined(status));
    }

    let our_challenge = random_u32();
    let mut challenge = vec![TAG_NAME];
    challenge.extend_from_slice(&cfg.flags.to_be_bytes());
    challenge.extend_from_slice(&our_challenge.to_be_bytes());
    challenge.extend_from_slice(&cfg.creation.to_be_bytes());
    challenge.extend_from_slice(&(our_name.len() as u16).to_be_bytes());
    challenge.extend_from_slice(&our_name);
    send(stream, &challenge).await?;

    if old {
        let complement = recv(stream, "the complement").await?;
        let mut c = Cursor::new(&complement);
        match (c.u8(), c.u32(), c.u32(), c.is_empty()) {
            (Some(TAG_COMPLEMENT), Some(high), Some(their_creation), true) => {
                flags |= u64::from(high) << 32;
                creation = their_creation;
            }
            _ => return Err(bad_packet("complement", &complement)),
        }
    }

    let reply = recv(stream, "the challenge reply").await?;
    let mut c = Cursor::new(&reply);
    let (their_challenge, their_digest) = match (c.u8(), c.u32(), c.array::<16>(), c.is_empty()) {
        (Some(TAG_REPLY), Some(ch), Some(d), true) => (ch, d),
        _ => return Err(bad_packet("challenge reply", &reply)),
    };
    if !same_digest(&their_digest, &digest(&cfg.cookie, our_challenge)) {
        return Err(HandshakeError::BadCookie);
    }
    let mut ack = vec![TAG_ACK];
    ack.extend_from_slice(&digest(&cfg.cookie, their_challenge));
    send(stream, &ack).await?;
    Ok(Peer { name, flags: expand_flags(flags), creation })
}

/// Sends one handshake message with its 2-byte length.
async fn send<S: AsyncWrite + Unpin>(stream: &mut S, message: &[u8]) -> Result<(), HandshakeError> {
    let len = u16::try_from(message.len()).map_err(|_| HandshakeError::BadPacket("message too long to send".into()))?;
    let mut framed = Vec::with_capacity(2 + message.len());
    framed.extend_from_slice(&len.to_be_bytes());
    framed.extend_from_slice(message);
    stream.write_all(&framed).await?;
    stream.flush().await?;
    Ok(())
}

/// Receives one handshake message; `during` names it for [`HandshakeError::Closed`].
async fn recv<S: AsyncRead + Unpin>(stream: &mut S, during: &'static str) -> Result<Vec<u8>, HandshakeError> {
    let mut len = [0u8; 2];
    read_exact(stream, &mut len, during).await?;
    let mut message = vec![0; usize::from(u16::from_be_bytes(len))];
    read_exact(stream, &mut message, during).await?;
    Ok(message)
}

async fn read_exact<S: AsyncRead + Unpin>(
    stream: &mut S,
    buf: &mut [u8],
    during: &'static str,
) -> Result<(), HandshakeError> {
    match stream.read_exact(buf).await {
        Ok(_) => Ok(()),
        Err(e) if is_closed(&e) => Err(HandshakeError::Closed { during }),
        Err(e) => Err(HandshakeError::Io(e)),
    }
}

fn is_closed(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted)
}

fn bad_packet(what: &str, message: &[u8]) -> HandshakeError {
    let shown = &message[..message.len().min(32)];
    HandshakeError::BadPacket(format!("{what}: {shown:?}{}", if message.len() > 32 { " ..." } else { "" }))
}

/// The `'N'` name message of step 1.
fn name_message(flags: u64, creation: u32, name: &[u8]) -> Vec<u8> {
    let mut message = vec![TAG_NAME];
    message.extend_from_slice(&flags.to_be_bytes());
    message.extend_from_slice(&creation.to_be_bytes());
    message.extend_from_slice(&(name.len() as u16).to_be_bytes());
    message.extend_from_slice(name);
    message
}

/// Step 1 as received.
#[derive(Debug, PartialEq, Eq)]
struct NameMessage {
    flags: u64,
    /// Zero until the complement of an old `'n'` message brings it.
    creation: u32,
    name: String,
    /// Whether it was the old `'n'` form, to be complemented in step 4b.
    old: bool,
}

fn parse_name(message: &[u8]) -> Result<NameMessage, HandshakeError> {
    let mut c = Cursor::new(message);
    let parsed = match c.u8() {
        Some(TAG_NAME) => (|| {
            let flags = c.u64()?;
            let creation = c.u32()?;
            let len = c.u16()?;
            // Anything after the name is ignored, as erl does.
            let name = c.take(usize::from(len))?;
            Some(NameMessage { flags, creation, name: decode_latin1(name), old: false })
        })(),
        Some(TAG_NAME_OLD) => (|| {
            let _version = c.u16()?;
            let flags = u64::from(c.u32()?);
            Some(NameMessage { flags, creation: 0, name: decode_latin1(c.rest()), old: true })
        })(),
        _ => None,
    };
    let parsed = parsed.ok_or_else(|| bad_packet("name", message))?;
    if !is_node_name(&parsed.name) {
        return Err(HandshakeError::BadName(parsed.name));
    }
    Ok(parsed)
}

/// The status text of step 2 (bytes: `named:` carries binary fields after it).
fn parse_status(message: &[u8]) -> Result<&[u8], HandshakeError> {
    match message.split_first() {
        Some((&TAG_STATUS, status)) => Ok(status),
        _ => Err(bad_packet("status", message)),
    }
}

/// Step 3 as received.
struct ChallengeMessage {
    flags: u64,
    challenge: u32,
    creation: u32,
    name: String,
}

fn parse_challenge(message: &[u8]) -> Result<ChallengeMessage, HandshakeError> {
    let mut c = Cursor::new(message);
    let parsed = match c.u8() {
        Some(TAG_NAME) => (|| {
            let flags = c.u64()?;
            let challenge = c.u32()?;
            let creation = c.u32()?;
            let len = c.u16()?;
            let name = c.take(usize::from(len))?;
            Some(ChallengeMessage { flags, challenge, creation, name: decode_latin1(name) })
        })(),
        // A node that only speaks version 5 answers with the old form, whose flags cannot
        // include DFLAG_HANDSHAKE_23: report what is missing.
        Some(TAG_NAME_OLD) => {
            let flags = c.take(2).and_then(|_| c.u32()).ok_or_else(|| bad_packet("challenge", message))?;
            return Err(HandshakeError::MissingFlags(MANDATORY_FLAGS & !u64::from(flags)));
        }
        _ => None,
    };
    let parsed = parsed.ok_or_else(|| bad_packet("challenge", message))?;
    if !is_node_name(&parsed.name) {
        return Err(HandshakeError::BadName(parsed.name));
    }
    Ok(parsed)
}

/// Fails unless the peer's flags (expanded) include every mandatory one.
fn check_flags(flags: u64) -> Result<(), HandshakeError> {
    match MANDATORY_FLAGS & !expand_flags(flags) {
        0 => Ok(()),
        missing => Err(HandshakeError::MissingFlags(missing)),
    }
}

/// `DFLAG_MANDATORY_25_DIGEST` stands for the whole mandatory set.
fn expand_flags(flags: u64) -> u64 {
    if flags & DFLAG_MANDATORY_25_DIGEST != 0 {
        flags | MANDATORY_FLAGS
    } else {
        flags
    }
}

/// `NAME@HOST` with both parts non-empty and exactly one `@`, as erl's `is_node_name`.
fn is_node_name(name: &str) -> bool {
    let mut parts = name.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(n), Some(h), None) if !n.is_empty() && !h.is_empty())
}

/// This node's name as it goes on the wire: Latin-1, as erl sends atoms here.
fn encode_node_name(name: &str) -> Result<Vec<u8>, HandshakeError> {
    let bytes: Option<Vec<u8>> = name.chars().map(|ch| u8::try_from(u32::from(ch)).ok()).collect();
    match bytes {
        Some(bytes) if is_node_name(name) && bytes.len() <= MAX_NAME_LEN => Ok(bytes),
        _ => Err(HandshakeError::BadName(name.to_owned())),
    }
}

fn decode_latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `MD5(cookie ++ decimal text of challenge)`. Erlang hashes the cookie atom's characters
/// as bytes, so a cookie that fits in Latin-1 is hashed as Latin-1.
fn digest(cookie: &str, challenge: u32) -> [u8; 16] {
    let latin1: Option<Vec<u8>> = cookie.chars().map(|ch| u8::try_from(u32::from(ch)).ok()).collect();
    let mut md5 = Md5::new();
    match &latin1 {
        Some(bytes) => md5.update(bytes),
        None => md5.update(cookie.as_bytes()),
    }
    md5.update(challenge.to_string().as_bytes());
    md5.finalize().into()
}

/// Compares digests in time independent of where they differ.
fn same_digest(a: &[u8; 16], b: &[u8; 16]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{duplex, DuplexStream};

    fn config(name: &str, cookie: &str, creation: u32) -> Config {
        Config { name: name.into(), cookie: cookie.into(), creation, flags: default_flags() }
    }

    #[test]
    fn default_flags_offer_what_otp_25_requires_and_not_what_ember_lacks() {
        let flags = default_flags();
        assert_eq!(flags & MANDATORY_FLAGS, MANDATORY_FLAGS);
        assert_eq!(MANDATORY_FLAGS, 0x0107_0f94, "OTP 25's DFLAG_DIST_MANDATORY_25 (erts dist.h)");
        for absent in [DFLAG_DIST_HDR_ATOM_CACHE, DFLAG_FRAGMENTS, DFLAG_NAME_ME, DFLAG_EXIT_PAYLOAD] {
            assert_eq!(flags & absent, 0, "{}", flag_names(absent));
        }
    }

    #[test]
    fn digest_matches_erlang_md5() {
        // erlang:md5(["cookie" | integer_to_list(4294967295)]) in erl 25.
        let expected = [222, 86, 255, 157, 17, 176, 113, 144, 91, 206, 89, 122, 133, 214, 127, 79];
        assert_eq!(digest("cookie", u32::MAX), expected);
        // A Latin-1 cookie, 'ålä', with challenge 42: erl hashes its characters as bytes.
        let expected = [135, 190, 122, 243, 168, 26, 126, 83, 181, 239, 130, 161, 223, 120, 208, 112];
        assert_eq!(digest("ålä", 42), expected);
    }

    #[test]
    fn node_names_need_one_at_sign_between_non_empty_parts() {
        assert!(is_node_name("a@b"));
        for bad in ["", "a", "@b", "a@", "a@b@c", "@"] {
            assert!(!is_node_name(bad), "{bad:?}");
        }
        assert!(matches!(encode_node_name("ålä@vm"), Ok(bytes) if bytes.len() == 6));
        assert!(matches!(encode_node_name("€@vm"), Err(HandshakeError::BadName(_))));
    }

    #[test]
    fn flag_names_name_known_and_unknown_bits() {
        assert_eq!(
            flag_names(DFLAG_PUBLISHED | DFLAG_ALIAS | (1 << 60)),
            "PUBLISHED | ALIAS | unknown 0x1000000000000000"
        );
    }

    #[test]
    fn malformed_names_and_challenges_are_errors() {
        assert!(matches!(parse_name(&[]), Err(HandshakeError::BadPacket(_))));
        assert!(matches!(parse_name(b"N\0\0"), Err(HandshakeError::BadPacket(_))));
        // The name length says 9 bytes; there are 3.
        let mut msg = name_message(default_flags(), 1, b"a@b");
        msg[13..15].copy_from_slice(&9u16.to_be_bytes());
        assert!(matches!(parse_name(&msg), Err(HandshakeError::BadPacket(_))));
        assert!(matches!(parse_name(&name_message(0, 1, b"nohost")), Err(HandshakeError::BadName(_))));
        assert!(matches!(parse_challenge(b"x"), Err(HandshakeError::BadPacket(_))));
        assert!(matches!(parse_challenge(b"n\0\x05\0\0\0\x04abc@d"), Err(HandshakeError::MissingFlags(_))));
        assert!(matches!(parse_status(b"ok"), Err(HandshakeError::BadPacket(_))));
        assert!(matches!(parse_status(b"snamed:\0\x03a@b\0\0\0\x01"), Ok(s) if s.starts_with(b"named:")));
    }

    async fn both_sides(a: Config, b: Config) -> (Result<Peer, HandshakeError>, Result<Peer, HandshakeError>) {
        let (mut sa, mut sb): (DuplexStream, DuplexStream) = duplex(4096);
        let (ra, rb) = tokio::join!(connect(&mut sa, &a), async {
            let r = accept(&mut sb, &b).await;
            drop(sb); // closes, as a node that rejects a digest does
            r
        });
        (ra, rb)
    }

    #[tokio::test]
    async fn two_ember_nodes_complete_the_handshake() {
        let (a, b) = both_sides(config("a@h", "c", 11), config("b@h", "c", 22)).await;
        let a = a.expect("initiator");
        let b = b.expect("acceptor");
        assert_eq!((a.name.as_str(), a.creation, a.flags), ("b@h", 22, default_flags()));
        assert_eq!((b.name.as_str(), b.creation, b.flags), ("a@h", 11, default_flags()));
    }

    #[tokio::test]
    async fn different_cookies_fail_on_both_sides() {
        let (a, b) = both_sides(config("a@h", "one", 1), config("b@h", "two", 2)).await;
        assert!(matches!(b, Err(HandshakeError::BadCookie)), "{b:?}");
        assert!(matches!(a, Err(HandshakeError::CookieRejected)), "{a:?}");
    }

    #[tokio::test]
    async fn a_peer_without_mandatory_flags_is_not_allowed() {
        let mut weak = config("a@h", "c", 1);
        weak.flags = DFLAG_EXTENDED_REFERENCES | DFLAG_HANDSHAKE_23;
        let (a, b) = both_sides(weak, config("b@h", "c", 2)).await;
        assert!(matches!(b, Err(HandshakeError::MissingFlags(m)) if m & DFLAG_MAP_TAG != 0), "{b:?}");
        assert!(matches!(&a, Err(HandshakeError::Refused(s)) if s == "not_allowed"), "{a:?}");
    }

    #[tokio::test]
    async fn the_acceptor_can_decline() {
        let (mut sa, mut sb) = duplex(4096);
        let a = config("a@h", "c", 1);
        let b = config("b@h", "c", 2);
        let (ra, rb) = tokio::join!(
            connect(&mut sa, &a),
            accept_with(&mut sb, &b, |name, _| {
                assert_eq!(name, "a@h");
                Status::Nok
            })
        );
        assert!(matches!(rb, Err(HandshakeError::Declined(Status::Nok))), "{rb:?}");
        assert!(matches!(&ra, Err(HandshakeError::Refused(s)) if s == "nok"), "{ra:?}");
    }

    /// The old `'n'` name with `DFLAG_HANDSHAKE_23`, then the `'c'` complement: what OTP 23+
    /// sends when EPMD said the peer speaks only version 5.
    #[tokio::test]
    async fn an_old_name_message_is_complemented() {
        let (mut sa, mut sb) = duplex(4096);
        let b = config("b@h", "c", 2);
        let acceptor = tokio::spawn(async move { accept(&mut sb, &b).await });
        let flags = default_flags();
        let mut old = vec![b'n', 0, 5];
        old.extend_from_slice(&(flags as u32).to_be_bytes());
        old.extend_from_slice(b"old@h");
        send(&mut sa, &old).await.unwrap();
        assert_eq!(recv(&mut sa, "status").await.unwrap(), b"sok");
        let challenge = parse_challenge(&recv(&mut sa, "challenge").await.unwrap()).unwrap();
        let mut complement = vec![b'c'];
        complement.extend_from_slice(&((flags >> 32) as u32).to_be_bytes());
        complement.extend_from_slice(&77u32.to_be_bytes());
        send(&mut sa, &complement).await.unwrap();
        let mut reply = vec![b'r', 0, 0, 0, 9];
        reply.extend_from_slice(&digest("c", challenge.challenge));
        send(&mut sa, &reply).await.unwrap();
        let ack = recv(&mut sa, "ack").await.unwrap();
        assert_eq!(ack[1..], digest("c", 9));
        let peer = acceptor.await.unwrap().unwrap();
        assert_eq!(peer, Peer { name: "old@h".into(), flags, creation: 77 });
    }

    #[tokio::test]
    async fn garbage_ends_the_handshake_without_panicking() {
        let b = config("b@h", "c", 2);
        let inputs: [&[u8]; 5] = [b"", b"\0", b"\0\x01N", b"\xff\xff\x01\x02", b"\0\x03xyz"];
        for input in inputs {
            let (mut sa, mut sb) = duplex(4096);
            sa.write_all(input).await.unwrap();
            drop(sa);
            let r = accept(&mut sb, &b).await;
            assert!(r.is_err(), "{input:?} gave {r:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_silent_peer_times_out() {
        let (mut sa, _sb) = duplex(4096);
        let r = connect(&mut sa, &config("a@h", "c", 1)).await;
        assert!(matches!(r, Err(HandshakeError::Timeout)), "{r:?}");
    }
}
