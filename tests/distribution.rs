//! Distribution against real Erlang: the client program (tests/distribution/client.erl)
//! talks to the partner program (partner.erl) on another node, and prints what it sees.
//! Its output when erl runs both is the golden file `client.expected` (regen.sh makes it);
//! every pairing with ember on one side or both must print exactly that.
//!
//! The tests need `erl`, `erlc` and `epmd` (tests/setup.sh installs them). They use the
//! machine's EPMD (started with `epmd -daemon`), and node names unique to this run.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

const COOKIE: &str = "ember_distribution_test";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/distribution")
}

/// Compiles the programs for erl once (into target/), and makes sure an EPMD runs.
fn beams() -> &'static Path {
    static BEAMS: OnceLock<PathBuf> = OnceLock::new();
    BEAMS.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("distribution_beams");
        std::fs::create_dir_all(&out).expect("make the beam directory");
        let status = Command::new("erlc")
            .arg("-o")
            .arg(&out)
            .arg(dir().join("partner.erl"))
            .arg(dir().join("client.erl"))
            .status()
            .expect("erlc not found: run tests/setup.sh to install Erlang");
        assert!(status.success(), "erlc failed");
        let status = Command::new("epmd").arg("-daemon").status().expect("epmd not found");
        assert!(status.success(), "epmd -daemon failed");
        out
    })
}

/// The short host name, as `-sname` uses it.
fn host() -> String {
    let h = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_else(|_| "localhost".into());
    h.trim().split('.').next().unwrap_or("localhost").to_owned()
}

/// `erl`, told not to leave a crash dump behind (in the repository) if it fails.
fn erl() -> Command {
    let mut c = Command::new("erl");
    c.env("ERL_CRASH_DUMP_SECONDS", "0");
    c
}

/// A node process, killed when the test ends however it ends.
struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[derive(Clone, Copy, Debug)]
enum Vm {
    Erl,
    Ember,
}

/// The command that runs `program` (main/0 for the partner, main/1 with `args` for the
/// client) as node `name`.
fn node_command(vm: Vm, name: &str, program: &str, args: &[String]) -> Command {
    match vm {
        Vm::Erl => {
            let mut c = erl();
            let call = if args.is_empty() {
                format!("{program}:main()")
            } else {
                let list: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
                format!("{program}:main([{}]), halt()", list.join(","))
            };
            c.args(["-sname", name, "-setcookie", COOKIE, "-noshell", "-start_epmd", "false", "-pa"])
                .arg(beams())
                .args(["-eval", &call]);
            c
        }
        Vm::Ember => {
            let mut c = Command::new(env!("CARGO_BIN_EXE_ember"));
            c.args(["--sname", name, "--cookie", COOKIE, "run"]).arg(dir().join(format!("{program}.erl"))).args(args);
            c
        }
    }
}

/// Is `alive` registered with the EPMD on this machine?
fn registered(alive: &str) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", 4369)) else { return false };
    // NAMES_REQ: length 1, then 110; the answer is the port, then "name N at port P\n" lines.
    if s.write_all(&[0, 1, 110]).is_err() {
        return false;
    }
    let mut text = Vec::new();
    let _ = s.read_to_end(&mut text);
    String::from_utf8_lossy(&text).contains(&format!("name {alive} at port"))
}

/// Starts the partner program on `vm` as node `name`, and waits until it says it is ready.
fn start_partner(vm: Vm, name: &str) -> Node {
    beams();
    let mut node = Node(
        node_command(vm, name, "partner", &[])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the partner node"),
    );
    let mut out = node.0.stdout.take().expect("partner stdout");
    let mut line = Vec::new();
    let mut byte = [0u8];
    while line != b"ready\n" {
        match out.read(&mut byte) {
            Ok(1) => line.push(byte[0]),
            _ => panic!("the partner node ({vm:?}) ended before it was ready: {:?}", String::from_utf8_lossy(&line)),
        }
        assert!(line.len() <= 6, "the partner node ({vm:?}) printed {:?}", String::from_utf8_lossy(&line));
    }
    assert!(registered(name), "the partner node ({vm:?}) is not registered with EPMD");
    // Its standard output stays open (and unread) until it ends.
    node.0.stdout = Some(out);
    node
}

/// Runs the client on `client` against the partner on `partner`; returns the client's
/// standard output.
fn pairing(tag: &str, partner: Vm, client: Vm) -> String {
    let run = format!("{}_{tag}", std::process::id());
    let partner_name = format!("partner_{run}");
    let partner_node = format!("{partner_name}@{}", host());
    let _partner = start_partner(partner, &partner_name);
    let mut client = Node(
        node_command(client, &format!("client_{run}"), "client", &[partner_node])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the client node"),
    );
    let mut out = String::new();
    client.0.stdout.take().expect("client stdout").read_to_string(&mut out).expect("read the client's output");
    out
}

fn expected() -> String {
    std::fs::read_to_string(dir().join("client.expected")).expect("client.expected (tests/distribution/regen.sh)")
}

#[test]
fn ember_client_with_an_erl_partner() {
    assert_eq!(pairing("a", Vm::Erl, Vm::Ember), expected());
}

#[test]
fn erl_client_with_an_ember_partner() {
    assert_eq!(pairing("b", Vm::Ember, Vm::Erl), expected());
}

#[test]
fn ember_client_with_an_ember_partner() {
    assert_eq!(pairing("c", Vm::Ember, Vm::Ember), expected());
}

/// The golden file is what erl prints today: the reference itself is checked.
#[test]
fn erl_client_with_an_erl_partner() {
    assert_eq!(pairing("d", Vm::Erl, Vm::Erl), expected());
}

/// A wrong cookie: the connection is refused, and both sides go on.
#[test]
fn a_wrong_cookie_is_refused() {
    let run = std::process::id();
    let partner_name = format!("partner_{run}_cookie");
    let _partner = start_partner(Vm::Erl, &partner_name);
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .args(["--sname", &format!("client_{run}_cookie"), "--cookie", "not_the_cookie", "eval"])
        .arg(format!("{{net_adm:ping('{partner_name}@{}'), nodes()}}.", host()))
        .output()
        .expect("run ember");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{pang,[]}\n");
    assert!(out.status.success());
}

/// The node options: the name is checked, and a node that is not distributed says so.
#[test]
fn node_options() {
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .args(["--sname", "bad name", "eval", "node()."])
        .output()
        .expect("run ember");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad node name"), "{out:?}");
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .args(["eval", "{node(), is_alive(), nodes(), net_adm:ping(nobody@nowhere), erlang:get_cookie()}."])
        .output()
        .expect("run ember");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{nonode@nohost,false,[],pang,nocookie}\n");
    let name = format!("opts_{}", std::process::id());
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .args(["eval", "--sname", &name, "--cookie", "c1", "{node(), is_alive(), erlang:get_cookie()}."])
        .output()
        .expect("run ember");
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{{{name}@{},true,c1}}\n", host()));
    // A running VM becomes a node with net_kernel:start/1, once.
    let late = format!("late_{}", std::process::id());
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .args(["--cookie", "c2", "eval"])
        .arg(format!(
            "{{node(), element(1, net_kernel:start([{late}, shortnames])), node(), erlang:get_cookie(), \
             element(1, element(2, net_kernel:start([{late}_again, shortnames])))}}."
        ))
        .output()
        .expect("run ember");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{{nonode@nohost,ok,{late}@{},c2,already_started}}\n", host())
    );
}

/// Two VMs in one OS process are two nodes: each a value with its own name, talking to the
/// other through the network as any two nodes do.
#[test]
fn two_vms_in_one_process_are_two_nodes() {
    let src = "-module(pair).\n-export([serve/0, ask/1]).\n\
               serve() -> register(pair, self()), loop().\n\
               loop() -> receive {From, N} -> From ! {node(), N * 2}, loop() end.\n\
               ask(Node) -> pong = net_adm:ping(Node), {pair, Node} ! {self(), 21},\n\
               receive R -> {R, lists:member(Node, nodes())} after 5000 -> timeout end.\n";
    let start = |name: &str| {
        let vm = ember::Vm::new(ember::default_config());
        vm.load_source("pair.erl", src).expect("pair compiles");
        let opts = ember_dist::node::Options { name: name.to_owned(), long_names: false, cookie: Some(COOKIE.into()) };
        let node = ember_dist::node::start(&vm, &opts).expect("the node starts");
        (vm, node)
    };
    let run = std::process::id();
    let (a, node_a) = start(&format!("pair_a_{run}"));
    let (b, node_b) = start(&format!("pair_b_{run}"));
    assert_ne!(a.node(), b.node());
    a.spawn("pair", "serve", vec![]);
    let there = ember::term::Term::Atom(ember::term::Atom::new(node_a.name()));
    match b.call("pair", "ask", vec![there]) {
        ember::CallResult::Returned(v) => {
            assert_eq!(ember::term::print::write_term(&v), format!("{{{{{},42}},true}}", node_a.name()))
        }
        other => panic!("the call failed: {other:?}"),
    }
    drop((node_a, node_b));
}

/// A hidden node (`erl -hidden`) is connected but not in `nodes()`; cookies can be set for
/// the node and for one peer (`erlang:set_cookie/1,2`).
#[test]
fn hidden_nodes_and_cookies() {
    let run = std::process::id();
    let partner = format!("partner_{run}_hidden");
    let _partner = start_partner(Vm::Ember, &partner);
    let client = format!("hidden_{run}");
    let out = erl()
        .args(["-hidden", "-sname", &client, "-setcookie", COOKIE, "-noshell", "-start_epmd", "false", "-eval"])
        .arg(format!(
            "P = '{partner}@{host}', io:format(\"~p~n\", [{{net_adm:ping(P), rpc:call(P, erlang, nodes, []), \
             rpc:call(P, erlang, nodes, [hidden]), rpc:call(P, erlang, nodes, [connected])}}]), halt().",
            host = host()
        ))
        .output()
        .expect("run erl");
    let me = format!("{client}@{}", host());
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{{pong,[],[{me}],[{me}]}}\n"));
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .args(["--sname", &format!("cookies_{run}"), "--cookie", "wrong", "eval"])
        .arg(format!(
            "P = '{partner}@{}', {{net_adm:ping(P), erlang:set_cookie(P, {COOKIE}), net_adm:ping(P), \
             erlang:get_cookie(P), erlang:get_cookie()}}.",
            host()
        ))
        .output()
        .expect("run ember");
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{{pang,true,pong,{COOKIE},wrong}}\n"));
}
