//! The wire layer against real Erlang/OTP and against ember's own in-process EPMD.
//!
//! These tests need `erl` and `epmd` (Erlang/OTP 25 or later) on the PATH. Each test that
//! starts an Erlang node gives it a name unique to the test and the test process, and kills
//! it when the test ends, pass or fail.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use ember_dist::epmd::{self, NodeInfo};
use ember_dist::frame;
use ember_dist::handshake::{self, Config, HandshakeError, DFLAG_HANDSHAKE_23, DFLAG_PUBLISHED, MANDATORY_FLAGS};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const COOKIE: &str = "ember_wire_test_cookie";

/// A name no other test, and no other run of this suite, uses.
fn unique(tag: &str) -> String {
    format!("ember_{tag}_{}", std::process::id())
}

/// The host part of a short node name on this machine, as `erl -sname` derives it.
fn short_host() -> String {
    static HOST: OnceLock<String> = OnceLock::new();
    HOST.get_or_init(|| {
        let full = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .or_else(|| Command::new("hostname").output().ok().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()))
            .expect("cannot read this machine's host name");
        full.trim().split('.').next().unwrap_or_default().to_owned()
    })
    .clone()
}

/// Makes sure an EPMD answers on port 4369 for the whole test run: a real `epmd` if one is
/// up, else ember's own, served from a thread of its own so that it outlives each test's
/// runtime.
fn shared_epmd() {
    static EPMD: OnceLock<()> = OnceLock::new();
    EPMD.get_or_init(|| {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                match epmd::ensure_running().await {
                    Ok(Some(server)) => {
                        let _ = tx.send(Ok("in-process"));
                        let _ = server.await;
                    }
                    Ok(None) => {
                        let _ = tx.send(Ok("already running"));
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e.to_string()));
                    }
                }
            });
        });
        let which = rx.recv().expect("the EPMD thread ended").expect("ensure_running failed");
        eprintln!("EPMD on port 4369: {which}");
    });
}

/// An EPMD server of ember's own on an ephemeral port of 127.0.0.1, for one test.
async fn own_epmd() -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    (addr, tokio::spawn(epmd::serve(listener)))
}

/// A real Erlang node, killed when dropped.
struct ErlNode {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl ErlNode {
    /// Starts `erl -noshell ARGS...` with extra environment variables.
    fn start(args: &[&str], env: &[(&str, String)]) -> ErlNode {
        let mut cmd = Command::new("erl");
        // The tests see to the EPMD themselves; erl must use that one, not start its own.
        // A node that fails leaves no crash dump behind.
        cmd.env("ERL_CRASH_DUMP_SECONDS", "0");
        cmd.args(["-noshell", "-start_epmd", "false"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap_or_else(|e| {
            panic!("cannot start `erl` ({e}): these tests need Erlang/OTP 25+ on the PATH (Debian: apt-get install erlang-base)")
        });
        let (tx, lines) = mpsc::channel();
        let streams: [Box<dyn Read + Send>; 2] =
            [Box::new(child.stdout.take().expect("stdout")), Box::new(child.stderr.take().expect("stderr"))];
        for stream in streams {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        ErlNode { child, lines, seen: Vec::new() }
    }

    /// Waits until the node prints a line containing `needle`.
    async fn wait_for_line(&mut self, needle: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            while let Ok(line) = self.lines.try_recv() {
                self.seen.push(line.clone());
                if line.contains(needle) {
                    return line;
                }
            }
            assert!(
                Instant::now() < deadline,
                "erl did not print {needle:?} within {within:?}; it printed {:?}",
                self.seen
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the node exits, and returns everything it printed.
    async fn wait_for_exit(&mut self, within: Duration) -> Vec<String> {
        let deadline = Instant::now() + within;
        while self.child.try_wait().expect("try_wait").is_none() {
            assert!(Instant::now() < deadline, "erl did not exit within {within:?}; it printed {:?}", self.seen);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The reader threads end when the pipes close; give them a moment to pass it on.
        tokio::time::sleep(Duration::from_millis(200)).await;
        self.seen.extend(self.lines.try_iter());
        self.seen.clone()
    }
}

impl Drop for ErlNode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `port_please` until EPMD knows `alive`.
async fn wait_for_registration(epmd_addr: SocketAddr, alive: &str) -> NodeInfo {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(info)) = epmd::port_please_at(epmd_addr, alive).await {
            return info;
        }
        assert!(Instant::now() < deadline, "{alive} did not register with EPMD at {epmd_addr}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Polls `port_please` until EPMD forgets `alive`.
async fn wait_for_unregistration(epmd_addr: SocketAddr, alive: &str) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while epmd::port_please_at(epmd_addr, alive).await.expect("port_please").is_some() {
        assert!(Instant::now() < deadline, "{alive} stayed registered after its connection closed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn default_epmd() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], epmd::EPMD_PORT))
}

/// Starts a real node that prints `ready` once it watches for connecting nodes, then waits.
async fn start_target(alive: &str, cookie: &str) -> (ErlNode, NodeInfo) {
    shared_epmd();
    let eval = "net_kernel:monitor_nodes(true), io:format(\"ready~n\"), \
                receive {nodeup, N} -> io:format(\"nodeup ~s~n\", [N]) end, timer:sleep(30000).";
    let mut node = ErlNode::start(&["-sname", alive, "-setcookie", cookie, "-eval", eval], &[]);
    node.wait_for_line("ready", Duration::from_secs(30)).await;
    let info = wait_for_registration(default_epmd(), alive).await;
    (node, info)
}

fn ember_config(alive: &str, cookie: &str) -> Config {
    Config {
        name: format!("{alive}@{}", short_host()),
        cookie: cookie.into(),
        creation: 0x5eed_0001,
        flags: handshake::default_flags(),
    }
}

/// Reads packets, skipping ticks, until one arrives.
async fn next_packet(stream: &mut TcpStream) -> Vec<u8> {
    let read = async {
        loop {
            if let Some(packet) = frame::read_packet(stream).await.expect("read_packet") {
                return packet;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(15), read).await.expect("no packet within 15 s")
}

#[tokio::test]
async fn epmd_client_registers_finds_and_releases_a_name() {
    shared_epmd();
    let alive = unique("client");
    let registration = epmd::register(&alive, 40123).await.expect("register");
    assert_ne!(registration.creation(), 0);

    let info = epmd::port_please("127.0.0.1", &alive).await.expect("port_please");
    assert_eq!(info, Some(NodeInfo { port: 40123, highest_version: 6, lowest_version: 5 }));
    assert_eq!(epmd::port_please("localhost", &unique("nobody")).await.expect("port_please"), None);

    let duplicate = epmd::register(&alive, 40124).await.expect_err("a second registration of the same name");
    assert_eq!(duplicate.kind(), std::io::ErrorKind::AddrInUse, "{duplicate}");

    drop(registration);
    wait_for_unregistration(default_epmd(), &alive).await;
}

#[tokio::test]
async fn in_process_epmd_serves_register_port_please_and_names() {
    let (addr, _server) = own_epmd().await;
    let alpha = epmd::register_at(addr, "alpha", 1111).await.expect("register alpha");
    let beta = epmd::register_at(addr, "beta", 2222).await.expect("register beta");
    assert!(alpha.creation() > 3 && beta.creation() > 3);
    assert_ne!(alpha.creation(), beta.creation());

    let info = epmd::port_please_at(addr, "alpha").await.expect("port_please");
    assert_eq!(info, Some(NodeInfo { port: 1111, highest_version: 6, lowest_version: 5 }));
    assert_eq!(epmd::port_please_at(addr, "gamma").await.expect("port_please"), None);

    // NAMES_REQ: the server's port as 4 bytes, then real epmd's text lines; then it closes.
    let mut c = TcpStream::connect(addr).await.expect("connect");
    c.write_all(&[0, 1, 110]).await.expect("write");
    let mut reply = Vec::new();
    c.read_to_end(&mut reply).await.expect("read");
    assert_eq!(reply[..4], u32::from(addr.port()).to_be_bytes());
    assert_eq!(String::from_utf8_lossy(&reply[4..]), "name alpha at port 1111\nname beta at port 2222\n");

    let duplicate = epmd::register_at(addr, "alpha", 3333).await.expect_err("duplicate name");
    assert_eq!(duplicate.kind(), std::io::ErrorKind::AddrInUse);

    // The registration ends with its connection, and the name can then be taken again.
    let old_creation = alpha.creation();
    drop(alpha);
    wait_for_unregistration(addr, "alpha").await;
    assert!(epmd::port_please_at(addr, "beta").await.expect("port_please").is_some());
    let again = epmd::register_at(addr, "alpha", 4444).await.expect("register alpha again");
    assert_ne!(again.creation(), old_creation);
    assert_eq!(epmd::port_please_at(addr, "alpha").await.expect("port_please").map(|i| i.port), Some(4444));
    drop(beta);
}

/// Counts panics raised in this crate's library code (not in the tests), wherever they
/// happen, including in tasks the EPMD server spawns, which would otherwise go unnoticed.
fn library_panics() -> &'static AtomicUsize {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.location().is_some_and(|l| l.file().contains("dist/src/")) {
                COUNT.fetch_add(1, Ordering::SeqCst);
            }
            default(info);
        }));
    });
    &COUNT
}

/// Sends `bytes` on a fresh connection, closes the sending half, and returns what the
/// server answers before it closes the connection.
async fn exchange(addr: SocketAddr, bytes: &[u8]) -> Vec<u8> {
    let mut c = TcpStream::connect(addr).await.expect("connect");
    c.write_all(bytes).await.expect("write");
    c.shutdown().await.expect("shutdown");
    let mut reply = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), c.read_to_end(&mut reply)).await;
    assert!(read.is_ok(), "the server kept the connection open after {bytes:?}");
    reply
}

#[tokio::test]
async fn in_process_epmd_survives_malformed_requests() {
    let panics = library_panics().load(Ordering::SeqCst);
    let (addr, server) = own_epmd().await;
    let _keeper = epmd::register_at(addr, "keeper", 7).await.expect("register");
    // A client that connects and says nothing holds up no one.
    let _silent = TcpStream::connect(addr).await.expect("connect");

    let closed_without_reply: [&[u8]; 9] = [
        b"",
        b"\0",
        b"\0\0",                                         // a zero length
        b"\0\x32\x78\0\x01",                             // ALIVE2_REQ cut short
        b"\0\x0e\x78\0\x01\x4d\0\0\x06\0\x05\0\xc8ab\0", // a name length past the end
        b"\0\x01\x63",                                   // an unknown request
        b"\0\x02\x6e\x00",                               // NAMES_REQ with trailing bytes
        b"\xff\xff\x7a",                                 // a length far past what is sent
        b"\0\x05\x64\x6b\x73\0\0",                       // DUMP_REQ: not served
    ];
    for input in closed_without_reply {
        assert_eq!(exchange(addr, input).await, b"", "reply to {input:?}");
    }
    // An empty name is refused, not registered.
    assert_eq!(exchange(addr, b"\0\x0d\x78\0\x01\x4d\0\0\x06\0\x05\0\0\0\0").await, [118, 1, 0, 0, 0, 0]);
    assert_eq!(exchange(addr, b"\0\x01\x7a").await, [119, 1], "PORT_PLEASE2_REQ for the empty name");
    assert_eq!(exchange(addr, b"\0\x03\x7a\xff\xfe").await, [119, 1], "a name that is not UTF-8");

    // Random requests, some with a valid tag: a fixed seed, so a failure can be replayed.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let len = (next() % 40) as usize;
        let mut input: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if len >= 3 && next() % 2 == 0 {
            let body = (len - 2) as u16 + (next() % 3) as u16; // right, or one or two too many
            input[..2].copy_from_slice(&body.to_be_bytes());
            input[2] = [120, 122, 110][(next() % 3) as usize];
        }
        exchange(addr, &input).await;
    }

    assert!(!server.is_finished(), "the server stopped");
    assert_eq!(epmd::port_please_at(addr, "keeper").await.expect("port_please").map(|i| i.port), Some(7));
    assert_eq!(library_panics().load(Ordering::SeqCst), panics, "ember-dist code panicked on network input");
}

#[tokio::test]
async fn real_erl_uses_the_in_process_epmd() {
    let (addr, _server) = own_epmd().await;
    let port = addr.port().to_string();
    let alive = unique("via_own_epmd");
    let env = [("ERL_EPMD_PORT", port.clone())];
    let _node = ErlNode::start(&["-sname", &alive, "-setcookie", COOKIE, "-eval", "timer:sleep(30000)."], &env);

    // erl registered through ALIVE2_REQ and reads back ALIVE2_X_RESP.
    let info = wait_for_registration(addr, &alive).await;
    assert_eq!(info.highest_version, 6);
    assert_ne!(info.port, 0);

    // Real clients read our NAMES reply: erl's net_adm:names/0 and `epmd -names`.
    let mut lister = ErlNode::start(
        &["-eval", "io:format(\"~p~n\", [net_adm:names()]), halt()."],
        &[("ERL_EPMD_PORT", port.clone())],
    );
    let output = lister.wait_for_exit(Duration::from_secs(30)).await;
    let expected = format!("{{ok,[{{\"{alive}\",{}}}]}}", info.port);
    assert!(output.iter().any(|l| l.contains(&expected)), "net_adm:names() printed {output:?}, not {expected}");

    // Run off the runtime's thread: the server answering it runs on that thread.
    let names = tokio::task::spawn_blocking(move || Command::new("epmd").args(["-port", &port, "-names"]).output())
        .await
        .expect("join")
        .expect("run epmd -names");
    let text = String::from_utf8_lossy(&names.stdout);
    assert!(text.contains(&format!("name {alive} at port {}", info.port)), "epmd -names printed {text:?}");
}

#[tokio::test]
async fn connect_to_real_erl() {
    let alive = unique("target");
    let (mut node, info) = start_target(&alive, COOKIE).await;
    let ember_alive = unique("dialer");
    let cfg = ember_config(&ember_alive, COOKIE);

    let mut stream = TcpStream::connect(("127.0.0.1", info.port)).await.expect("connect");
    let peer = handshake::connect(&mut stream, &cfg).await.expect("handshake with erl");
    assert_eq!(peer.name, format!("{alive}@{}", short_host()));
    assert_eq!(peer.flags & MANDATORY_FLAGS, MANDATORY_FLAGS, "flags {:#x}", peer.flags);
    assert_ne!(peer.flags & DFLAG_PUBLISHED, 0, "a normal erl node publishes itself");
    assert_ne!(peer.creation, 0);

    // erl itself considers the connection up.
    let line = node.wait_for_line("nodeup", Duration::from_secs(10)).await;
    assert_eq!(line, format!("nodeup {}", cfg.name));
}

#[tokio::test]
async fn connect_to_real_erl_with_the_wrong_cookie_fails() {
    let alive = unique("guarded");
    let (_node, info) = start_target(&alive, COOKIE).await;
    let cfg = ember_config(&unique("intruder"), "not_the_cookie");

    let mut stream = TcpStream::connect(("127.0.0.1", info.port)).await.expect("connect");
    let err = handshake::connect(&mut stream, &cfg).await.expect_err("a wrong cookie must fail");
    assert!(matches!(err, HandshakeError::CookieRejected), "{err:?}");
    assert!(err.to_string().contains("cookies differ"), "{err}");
}

/// Listens, registers `alive` with EPMD, and has a real node ping it with `cookie`.
async fn pinged_by_erl(alive: &str, cookie: &str) -> (TcpListener, epmd::Registration, ErlNode) {
    shared_epmd();
    let listener = TcpListener::bind("0.0.0.0:0").await.expect("bind");
    let port = listener.local_addr().expect("local addr").port();
    let registration = epmd::register(alive, port).await.expect("register");
    let eval = format!("io:format(\"~p~n\", [net_adm:ping('{alive}@{}')]), halt().", short_host());
    let pinger = unique(&format!("pinger_of_{alive}"));
    let node = ErlNode::start(&["-sname", &pinger, "-setcookie", cookie, "-eval", &eval], &[]);
    (listener, registration, node)
}

async fn accept_one(listener: &TcpListener) -> TcpStream {
    let accepted = tokio::time::timeout(Duration::from_secs(30), listener.accept()).await;
    accepted.expect("erl did not connect within 30 s").expect("accept").0
}

#[tokio::test]
async fn accept_from_real_erl() {
    let alive = unique("pinged");
    let (listener, registration, mut node) = pinged_by_erl(&alive, COOKIE).await;
    let mut cfg = ember_config(&alive, COOKIE);
    cfg.creation = registration.creation();

    let mut stream = accept_one(&listener).await;
    let peer = handshake::accept(&mut stream, &cfg).await.expect("handshake with erl");
    assert!(
        peer.name.starts_with("ember_pinger_of_") && peer.name.ends_with(&format!("@{}", short_host())),
        "{peer:?}"
    );
    assert_ne!(peer.flags & DFLAG_HANDSHAKE_23, 0);
    assert_eq!(peer.flags & MANDATORY_FLAGS, MANDATORY_FLAGS);
    assert_ne!(peer.creation, 0);

    // net_adm:ping sends a message to net_kernel: a pass-through packet naming it.
    let packet = next_packet(&mut stream).await;
    let body = frame::pass_through(&packet).unwrap_or_else(|| panic!("not a pass-through packet: {packet:?}"));
    assert!(body.windows(10).any(|w| w == b"net_kernel"), "{packet:?}");

    // No answer comes, so the ping fails once the connection closes.
    drop(stream);
    let output = node.wait_for_exit(Duration::from_secs(30)).await;
    assert!(output.iter().any(|l| l == "pang"), "{output:?}");
}

#[tokio::test]
async fn accept_from_real_erl_with_the_wrong_cookie_fails() {
    let alive = unique("pinged_badly");
    let (listener, registration, mut node) = pinged_by_erl(&alive, "some_other_cookie").await;
    let mut cfg = ember_config(&alive, COOKIE);
    cfg.creation = registration.creation();

    let mut stream = accept_one(&listener).await;
    let err = handshake::accept(&mut stream, &cfg).await.expect_err("a wrong cookie must fail");
    assert!(matches!(err, HandshakeError::BadCookie), "{err:?}");
    drop(stream);
    let output = node.wait_for_exit(Duration::from_secs(30)).await;
    assert!(output.iter().any(|l| l == "pang"), "{output:?}");
}
