//! Process built-ins: spawning, links, monitors, exit signals, registered names, process
//! information, timers. Mechanism only: supervision and the OTP behaviours are Erlang code
//! in the standard library.

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::process::{AliasMode, Hibernation, PendingStart, Proc, Signal, Watch};
use crate::sched::timer::TimerAction;
use crate::term::{atoms, Atom, Pid, Ref, Term};
use crate::vm::Start;
use std::time::{Duration, Instant};

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

fn ok() -> BifResult {
    Ok(Term::Atom(atoms::OK))
}

bifs! {
    "erlang", "spawn", 1 => |p, a| spawn_fun(p, &a[0], Opts::default());
    "erlang", "spawn", 2 => |p, a| on_node(p, &a[0], |p| spawn_fun(p, &a[1], Opts::default()));
    "erlang", "spawn", 3 => |p, a| spawn_mfa(p, &a[0], &a[1], &a[2], Opts::default());
    "erlang", "spawn", 4 => |p, a| on_node(p, &a[0], |p| spawn_mfa(p, &a[1], &a[2], &a[3], Opts::default()));
    "erlang", "spawn_link", 1 => |p, a| spawn_fun(p, &a[0], Opts { link: true, monitor: false });
    "erlang", "spawn_link", 2 => |p, a| on_node(p, &a[0], |p| spawn_fun(p, &a[1], Opts { link: true, monitor: false }));
    "erlang", "spawn_link", 3 => |p, a| spawn_mfa(p, &a[0], &a[1], &a[2], Opts { link: true, monitor: false });
    "erlang", "spawn_link", 4 => |p, a| on_node(p, &a[0], |p| spawn_mfa(p, &a[1], &a[2], &a[3], Opts { link: true, monitor: false }));
    "erlang", "spawn_monitor", 1 => |p, a| match &a[0] {
        // Only spawn_monitor/1 checks the fun's arity up front.
        Term::Fun(f) if f.arity() != 0 => badarg(),
        f => spawn_fun(p, f, Opts { link: false, monitor: true }),
    };
    "erlang", "spawn_monitor", 2 => |p, a| on_node(p, &a[0], |p| spawn_fun(p, &a[1], Opts { link: false, monitor: true }));
    "erlang", "spawn_monitor", 3 => |p, a| spawn_mfa(p, &a[0], &a[1], &a[2], Opts { link: false, monitor: true });
    "erlang", "spawn_monitor", 4 => |p, a| on_node(p, &a[0], |p| spawn_mfa(p, &a[1], &a[2], &a[3], Opts { link: false, monitor: true }));
    "erlang", "spawn_opt", 2 => |p, a| spawn_fun(p, &a[0], opts(&a[1])?);
    "erlang", "spawn_opt", 3 => |p, a| on_node(p, &a[0], |p| spawn_fun(p, &a[1], opts(&a[2])?));
    "erlang", "spawn_opt", 4 => |p, a| spawn_mfa(p, &a[0], &a[1], &a[2], opts(&a[3])?);
    "erlang", "spawn_opt", 5 => |p, a| on_node(p, &a[0], |p| spawn_mfa(p, &a[1], &a[2], &a[3], opts(&a[4])?));
    "erlang", "spawn_request", 1 => |p, a| spawn_request_fun(p, None, &a[0], &Term::Nil);
    "erlang", "spawn_request", 2 => |p, a| match &a[0] {
        Term::Fun(_) => spawn_request_fun(p, None, &a[0], &a[1]),
        node => spawn_request_fun(p, Some(node), &a[1], &Term::Nil),
    };
    "erlang", "spawn_request", 3 => |p, a| match &a[1] {
        Term::Fun(_) => spawn_request_fun(p, Some(&a[0]), &a[1], &a[2]),
        _ => spawn_request(p, &Term::Atom(p.vm.dist.node().name), &a[0], &a[1], &a[2], &Term::Nil),
    };
    "erlang", "spawn_request", 4 => |p, a| match &a[2] {
        Term::Atom(_) => spawn_request(p, &a[0], &a[1], &a[2], &a[3], &Term::Nil),
        _ => spawn_request(p, &Term::Atom(p.vm.dist.node().name), &a[0], &a[1], &a[2], &a[3]),
    };
    "erlang", "spawn_request", 5 => |p, a| spawn_request(p, &a[0], &a[1], &a[2], &a[3], &a[4]);
    "erlang", "link", 1 => |p, a| link(p, &a[0]);
    "erlang", "unlink", 1 => |p, a| match &a[0] {
        Term::Pid(pid) => {
            p.extras_mut().links.remove(*pid);
            if *pid != p.pid {
                p.vm.signal(*pid, Signal::Unlink(p.pid));
            }
            Ok(Term::bool(true))
        }
        _ => badarg(),
    };
    "erlang", "monitor", 2 => |p, a| monitor(p, &a[0], &a[1]);
    "erlang", "monitor", 3 => |p, a| {
        // The only option is {alias, Mode}: the monitor's reference is then also an alias.
        let mut mode = None;
        if a[2].list_len().is_none() {
            return Err(Exception::badarg_because("badopt"));
        }
        for o in a[2].iter_list() {
            match o.as_tuple() {
                Some([k, Term::Atom(v)]) if k.is_atom(atoms::ALIAS) => {
                    mode = Some(match *v {
                        atoms::EXPLICIT_UNALIAS => AliasMode::Explicit,
                        atoms::DEMONITOR => AliasMode::Demonitor,
                        atoms::REPLY_DEMONITOR => AliasMode::ReplyDemonitor,
                        _ => return Err(Exception::badarg_because("badopt")),
                    })
                }
                _ => return Err(Exception::badarg_because("badopt")),
            }
        }
        match mode {
            Some(mode) => monitor_alias(p, &a[0], &a[1], mode),
            None => monitor(p, &a[0], &a[1]),
        }
    };
    // gen's call: monitors `Server` under a reference that is also an alias (which the
    // reply ends, `AliasMode::Call`), sends it `{Label, {self(), [alias | Ref]}, Request}`,
    // and returns the reference. A process of this node gets both as one signal
    // (`Signal::Call`), and its reply (`alias_send/3`) ends the monitor on both sides with
    // no further signal.
    "ember_proc", "call_send", 3 => |p, a| {
        let message = |p: &Proc, r: Ref, label: Term, request: Term| {
            let tag = Term::cons(Term::Atom(atoms::ALIAS), Term::Ref(r));
            Term::tuple([label, Term::tuple([Term::Pid(p.pid), tag]), request])
        };
        match a[0] {
            Term::Pid(pid) if pid.is_local() && pid != p.pid => {
                // (Nothing fails from here on: the arguments are not needed for a trace.)
                let (label, request) = (std::mem::replace(&mut a[1], Term::Nil), std::mem::replace(&mut a[2], Term::Nil));
                let r = p.vm.make_ref();
                let msg = message(p, r, label, request);
                if let Some((tracer, true, _)) = p.rare().trace {
                    crate::vm::VmShared::trace_send(p, tracer, &msg, &a[0]);
                }
                // The alias and the monitor exist before the server can reply.
                p.add_alias(r, AliasMode::Call);
                p.extras_mut().monitors.insert(r, (pid, None));
                if !p.vm.signal(pid, Signal::Call { from: p.pid, r, msg }) {
                    p.extras_mut().monitors.remove(r);
                    p.unalias(r);
                    p.deliver(down_noproc(r, a[0].clone()));
                }
                Ok(Term::Ref(r))
            }
            _ => {
                let r = monitor_alias(p, &Term::Atom(atoms::PROCESS), &a[0], AliasMode::Call)?;
                let Term::Ref(alias) = r else { return badarg() };
                crate::vm::VmShared::send(p, &a[0], message(p, alias, a[1].clone(), a[2].clone()))?;
                Ok(r)
            }
        }
    };
    // A server's reply to a call: the message goes straight to `pid`, which the call's
    // `From` names as the owner of `alias`, without a look-up in the VM's alias table (a
    // lock the caller's scheduler uses too); delivered only if the alias is still active,
    // as `Alias ! Msg` is, and passed on to the real owner if `pid` is not it.
    "ember_proc", "alias_send", 3 => |p, a| {
        if !matches!((&a[0], &a[1]), (Term::Pid(_), Term::Ref(_))) {
            return badarg();
        }
        let msg = std::mem::replace(&mut a[2], Term::Nil);
        if let Some((tracer, true, _)) = p.rare().trace {
            crate::vm::VmShared::trace_send(p, tracer, &msg, &a[1]);
        }
        match (&a[0], &a[1]) {
            (Term::Pid(pid), Term::Ref(alias)) if pid.is_local() && alias.is_local() => {
                // The reply to a call (`call_send/3`) made to this very process ends the
                // call's monitor: this side goes now, the caller's when the reply arrives.
                let released = p.extras().monitored_by.get((*alias, *pid)).is_some_and(|w| matches!(w, Watch::Call));
                if released {
                    p.extras_mut().monitored_by.remove((*alias, *pid));
                }
                let s = Signal::AliasMessage { alias: *alias, msg, direct: true, released };
                if *pid == p.pid {
                    p.take_in(std::iter::once(s));
                } else if let Err(Signal::AliasMessage { alias, msg, .. }) = p.vm.signal_or_return(*pid, s) {
                    // The process in From is gone: the owner may still be there.
                    crate::vm::VmShared::send_to_alias(p, alias, msg);
                }
                ok()
            }
            (Term::Pid(_), Term::Ref(alias)) => {
                crate::vm::VmShared::send_to_alias(p, *alias, msg);
                ok()
            }
            _ => badarg(),
        }
    };
    "erlang", "alias", 0 => |p, _| {
        let r = p.vm.make_ref();
        p.add_alias(r, AliasMode::Explicit);
        Ok(Term::Ref(r))
    };
    "erlang", "alias", 1 => |p, a| {
        if a[0].list_len().is_none() {
            return badarg();
        }
        let mut mode = AliasMode::Explicit;
        for o in a[0].iter_list() {
            match o.as_atom() {
                Some(atoms::EXPLICIT_UNALIAS) => mode = AliasMode::Explicit,
                Some(atoms::REPLY) => mode = AliasMode::Reply,
                _ => return badarg(),
            }
        }
        let r = p.vm.make_ref();
        p.add_alias(r, mode);
        Ok(Term::Ref(r))
    };
    "erlang", "unalias", 1 => |p, a| match &a[0] {
        Term::Ref(r) => Ok(Term::bool(p.unalias(*r))),
        _ => badarg(),
    };
    "erlang", "demonitor", 1 => |p, a| demonitor(p, &a[0], &Term::Nil);
    "erlang", "demonitor", 2 => |p, a| demonitor(p, &a[0], &a[1]);
    "erlang", "exit", 2 => |p, a| exit2(p, &a[0], &a[1]);
    "erlang", "process_flag", 2 => |p, a| match (&a[0], a[1].as_bool()) {
        (Term::Atom(f), Some(v)) if *f == atoms::TRAP_EXIT => {
            let old = p.trap_exit;
            p.trap_exit = v;
            Ok(Term::bool(old))
        }
        (Term::Atom(f), _) if matches!(f.as_str(), "priority" | "min_heap_size" | "min_bin_vheap_size" | "message_queue_data" | "sensitive" | "max_heap_size" | "fullsweep_after") => {
            Ok(match f.as_str() { "priority" => Term::atom("normal"), "sensitive" => Term::bool(false), _ => Term::Int(0) })
        }
        _ => badarg(),
    };
    "erlang", "register", 2 => |p, a| match (&a[0], &a[1]) {
        (Term::Atom(name), Term::Pid(pid)) if *name != atoms::UNDEFINED => {
            // (`register` refuses a process that is gone.)
            if p.vm.processes.register(*name, *pid) { Ok(Term::bool(true)) } else { badarg() }
        }
        _ => badarg(),
    };
    "erlang", "unregister", 1 => |p, a| match &a[0] {
        Term::Atom(name) if p.vm.processes.unregister(*name) => Ok(Term::bool(true)),
        _ => badarg(),
    };
    "erlang", "whereis", 1 => |p, a| match &a[0] {
        Term::Atom(name) => Ok(p.vm.processes.whereis(*name).map(Term::Pid).unwrap_or(Term::Atom(atoms::UNDEFINED))),
        _ => badarg(),
    };
    "erlang", "registered", 0 => |p, _| Ok(Term::list(p.vm.processes.registered().into_iter().map(Term::Atom).collect()));
    "erlang", "is_process_alive", 1 => |p, a| match &a[0] {
        Term::Pid(pid) if *pid == p.pid => Ok(Term::bool(true)),
        Term::Pid(pid) => Ok(Term::bool(match p.vm.processes.get(*pid) {
            // Signals this process sent before are taken into account.
            Some(h) => h.is_alive() && !h.kill_pending() && h.peek_private(|o| !o.must_die()).unwrap_or(true),
            None => false,
        })),
        _ => badarg(),
    };
    "erlang", "processes", 0 => |p, _| Ok(Term::list(p.vm.processes.pids().into_iter().map(Term::Pid).collect()));
    "erlang", "process_info", 1 => |p, a| process_info_all(p, &a[0]);
    "erlang", "process_info", 2 => |p, a| process_info(p, &a[0], &a[1]);
    "erlang", "yield", 0 => |p, _| { p.yield_requested = true; Ok(Term::bool(true)) };
    // The slice ends here; the interpreter then drops the stack and the process sleeps
    // until a message comes, then calls M:F(Args) (see interp::hibernate).
    "erlang", "hibernate", 3 => |p, a| match (&a[0], &a[1], a[2].list_to_vec()) {
        (Term::Atom(m), Term::Atom(f), Some(args)) => {
            p.rare_mut().hibernation = Hibernation::Requested(*m, *f, args);
            p.yield_requested = true;
            Ok(Term::Atom(atoms::OK))
        }
        _ => badarg(),
    };
    "erlang", "group_leader", 0 => |p, _| Ok(Term::Pid(p.group_leader()));
    "erlang", "group_leader", 2 => |p, a| match (&a[0], &a[1]) {
        (Term::Pid(gl), Term::Pid(pid)) if *pid == p.pid => {
            p.set_group_leader(*gl);
            Ok(Term::bool(true))
        }
        (Term::Pid(gl), Term::Pid(pid)) if p.vm.signal(*pid, Signal::GroupLeader(*gl)) => Ok(Term::bool(true)),
        _ => badarg(),
    };
    "erlang", "send_after", 3 => |p, a| timer(p, &a[0], &a[1], a[2].clone(), false);
    "erlang", "send_after", 4 => |p, a| timer(p, &a[0], &a[1], a[2].clone(), false);
    "erlang", "start_timer", 3 => |p, a| timer(p, &a[0], &a[1], a[2].clone(), true);
    "erlang", "start_timer", 4 => |p, a| timer(p, &a[0], &a[1], a[2].clone(), true);
    "erlang", "cancel_timer", 1 => |p, a| match &a[0] {
        Term::Ref(r) => Ok(p.vm.timers.cancel(r.0).map(ms).unwrap_or(Term::bool(false))),
        _ => badarg(),
    };
    "erlang", "cancel_timer", 2 => |p, a| match &a[0] {
        Term::Ref(r) => {
            let left = p.vm.timers.cancel(r.0).map(ms).unwrap_or(Term::bool(false));
            let asynchronous = option(&a[1], Atom::new("async"));
            let info = !matches!(option_value(&a[1], atoms::INFO), Some(false));
            if asynchronous { if info { p.deliver(Term::tuple([Term::atom("cancel_timer"), a[0].clone(), left])); } ok() }
            else if info { Ok(left) } else { ok() }
        }
        _ => badarg(),
    };
    "erlang", "read_timer", 1 => |p, a| match &a[0] {
        Term::Ref(r) => Ok(p.vm.timers.remaining(r.0).map(ms).unwrap_or(Term::bool(false))),
        _ => badarg(),
    };
    "erlang", "read_timer", 2 => |p, a| match &a[0] {
        Term::Ref(r) => Ok(p.vm.timers.remaining(r.0).map(ms).unwrap_or(Term::bool(false))),
        _ => badarg(),
    };
    "erlang", "trace", 3 => |p, a| trace(p, &a[0], &a[1], &a[2]);
    "erlang", "pid_to_list", 1 => |_, a| match &a[0] {
        Term::Pid(_) => Ok(Term::string(&crate::term::print::write_term(&a[0]))),
        _ => badarg(),
    };
    "erlang", "list_to_pid", 1 => |_, a| {
        let text = a[0].list_to_string().ok_or_else(Exception::badarg)?;
        let inner = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')).ok_or_else(Exception::badarg)?;
        let parts: Vec<u32> = inner.split('.').map(|x| x.parse::<u32>()).collect::<Result<_, _>>().map_err(|_| Exception::badarg())?;
        match parts.as_slice() {
            [0, index, serial] => Ok(Term::Pid(Pid::new(*index, *serial))),
            _ => badarg(),
        }
    };
    "erlang", "is_alive", 0 => |p, _| Ok(Term::bool(p.vm.dist.alive()));
    "erlang", "nodes", 0 => |p, _| Ok(Term::list(p.vm.dist.nodes().into_iter().map(Term::Atom).collect()));
    "erlang", "nodes", 1 => |p, a| nodes(p, &a[0]);
    "erlang", "get_cookie", 0 => |p, _| Ok(Term::Atom(p.vm.dist.cookie()));
    "erlang", "get_cookie", 1 => |p, a| match &a[0] {
        Term::Atom(n) if p.vm.dist.alive() => Ok(Term::Atom(p.vm.dist.cookie_for(*n))),
        Term::Atom(_) => Ok(Term::Atom(atoms::NOCOOKIE)),
        _ => badarg(),
    };
    "erlang", "set_cookie", 1 => |p, a| set_cookie(p, None, &a[0]);
    "erlang", "set_cookie", 2 => |p, a| match &a[0] {
        Term::Atom(n) => set_cookie(p, Some(*n), &a[1]),
        _ => badarg(),
    };
    "erlang", "monitor_node", 2 => |p, a| monitor_node(p, &a[0], &a[1]);
    "erlang", "monitor_node", 3 => |p, a| match a[2].list_len() {
        Some(_) => monitor_node(p, &a[0], &a[1]),
        None => badarg(),
    };
    "ember_dist", "start", 2 => |p, a| start_node(p, &a[0], &a[1]);
    "net_kernel", "monitor_nodes", 1 => |p, a| monitor_nodes(p, &a[0], &Term::Nil);
    "net_kernel", "monitor_nodes", 2 => |p, a| monitor_nodes(p, &a[0], &a[1]);
    "erlang", "disconnect_node", 1 => |p, a| match &a[0] {
        Term::Atom(n) if p.vm.dist.alive() => Ok(Term::bool(p.vm.dist.disconnect(*n))),
        Term::Atom(_) => Ok(Term::Atom(atoms::IGNORED)),
        _ => badarg(),
    };
    "erlang", "system_info", 1 => |p, a| system_info(p, &a[0]);
    "erlang", "statistics", 1 => |p, a| statistics(p, &a[0]);
}

#[derive(Default, Clone, Copy)]
struct Opts {
    link: bool,
    monitor: bool,
}

fn opts(list: &Term) -> Result<Opts, Exception> {
    let mut o = Opts::default();
    let mut it = list.iter_list();
    for x in it.by_ref() {
        match x {
            Term::Atom(a) if *a == atoms::LINK => o.link = true,
            Term::Atom(a) if *a == atoms::MONITOR => o.monitor = true,
            Term::Tuple(t)
                if t.len() == 2
                    && t[0].as_atom().is_some_and(|a| {
                        matches!(
                            a.as_str(),
                            "priority"
                                | "fullsweep_after"
                                | "min_heap_size"
                                | "min_bin_vheap_size"
                                | "max_heap_size"
                                | "message_queue_data"
                        )
                    }) => {}
            _ => return badarg(),
        }
    }
    if !matches!(it.tail(), Term::Nil) {
        return badarg();
    }
    Ok(o)
}

/// Starts a process with the options, setting up the link and the monitor before the new
/// process can run.
fn start(p: &mut Proc, start: Start, o: Opts) -> BifResult {
    let link = o.link.then_some(p.pid);
    let monitor = o.monitor.then(|| (p.vm.make_ref(), p.pid));
    let vm = p.vm.clone();
    // The new process has its parent's group leader.
    let gl = p.rare().group_leader;
    let pid = vm.spawn_with(start, link, monitor, None, gl);
    if o.link {
        p.extras_mut().links.insert(pid);
    }
    if let Some((r, _)) = monitor {
        p.extras_mut().monitors.insert(r, (pid, None));
        return Ok(Term::tuple([Term::Pid(pid), Term::Ref(r)]));
    }
    Ok(Term::Pid(pid))
}

/// A spawn on `node`: `spawn` if it is this node; another one's is declined to
/// `erlang.erl`, which waits for that node's answer.
fn on_node(p: &mut Proc, node: &Term, spawn: impl FnOnce(&mut Proc) -> BifResult) -> BifResult {
    match node {
        Term::Atom(n) if *n == p.vm.dist.node().name => spawn(p),
        Term::Atom(_) => Err(Exception::declined()),
        _ => badarg(),
    }
}

/// `erlang:spawn_request(Node, M, F, Args, Options)`: the answer comes as a message,
/// `{spawn_reply, ReqId, ok, Pid}` or `{spawn_reply, ReqId, error, Reason}` (the tag set by
/// `{reply_tag, Tag}`; which of the two come set by `{reply, yes | no | error_only |
/// success_only}`), with the link or monitor asked for (`link`, `monitor`) already up.
/// The forms of `spawn_request` that run a fun: erlang:apply(Fun, []) on `node` (this node
/// if none).
fn spawn_request_fun(p: &mut Proc, node: Option<&Term>, f: &Term, options: &Term) -> BifResult {
    if !matches!(f, Term::Fun(fun) if fun.arity() == 0) {
        return badarg();
    }
    let here = Term::Atom(p.vm.dist.node().name);
    let args = Term::list(vec![f.clone(), Term::Nil]);
    spawn_request(p, node.unwrap_or(&here), &Term::Atom(atoms::ERLANG), &Term::Atom(atoms::APPLY), &args, options)
}

fn spawn_request(p: &mut Proc, node: &Term, m: &Term, f: &Term, args: &Term, options: &Term) -> BifResult {
    let (Term::Atom(node), Term::Atom(m), Term::Atom(f)) = (node, m, f) else { return badarg() };
    let Some(argv) = args.list_to_vec() else { return badarg() };
    let Some(options) = options.list_to_vec() else { return Err(Exception::badarg_because("badopt")) };
    let mut req = crate::dist::SpawnRequest {
        requester: p.pid,
        tag: Term::atom("spawn_reply"),
        reply_ok: true,
        reply_error: true,
        link: false,
        monitor: false,
    };
    for o in &options {
        match (o.as_atom().map(|a| a.as_str()), o.as_tuple()) {
            (Some("link"), _) => req.link = true,
            (Some("monitor"), _) => req.monitor = true,
            (_, Some([Term::Atom(k), v])) if k.as_str() == "reply_tag" => req.tag = v.clone(),
            (_, Some([Term::Atom(k), Term::Atom(v)])) if k.as_str() == "reply" => {
                (req.reply_ok, req.reply_error) = match v.as_str() {
                    "yes" => (true, true),
                    "no" => (false, false),
                    "error_only" => (false, true),
                    "success_only" => (true, false),
                    _ => return badarg(),
                }
            }
            (_, Some([Term::Atom(k), _])) if k.as_str() == "monitor" => req.monitor = true,
            _ => return badarg(),
        }
    }
    let r = p.vm.make_ref();
    if *node == p.vm.dist.node().name {
        // The link and the monitor (under the request's reference) are there from the new
        // process's first instruction, as for spawn_link and spawn_monitor.
        let vm = p.vm.clone();
        let gl = p.rare().group_leader;
        let pid = vm.spawn_with(
            Start::Mfa(*m, *f, argv),
            req.link.then_some(p.pid),
            req.monitor.then_some((r, p.pid)),
            None,
            gl,
        );
        if req.link {
            p.extras_mut().links.insert(pid);
        }
        if req.monitor {
            p.extras_mut().monitors.insert(r, (pid, None));
        }
        if req.reply_ok {
            p.deliver(Term::tuple([req.tag, Term::Ref(r), Term::Atom(atoms::OK), Term::Pid(pid)]));
        }
    } else if !p.vm.dist.alive() {
        if req.reply_error {
            p.deliver(Term::tuple([req.tag, Term::Ref(r), Term::atom("error"), Term::Atom(atoms::NOCONNECTION)]));
        }
    } else {
        let gl = p.group_leader();
        let wire: Vec<Term> =
            options.into_iter().filter(|o| o.is_atom(atoms::LINK) || o.is_atom(atoms::MONITOR)).collect();
        p.vm.dist.spawn_request(*node, r, req, gl, (*m, *f, argv), Term::list(wire));
    }
    Ok(Term::Ref(r))
}

fn spawn_fun(p: &mut Proc, f: &Term, o: Opts) -> BifResult {
    if !matches!(f, Term::Fun(_)) {
        return badarg();
    }
    start(p, Start::Fun(f.clone(), Vec::new()), o)
}

fn spawn_mfa(p: &mut Proc, m: &Term, f: &Term, args: &Term, o: Opts) -> BifResult {
    let (Term::Atom(m), Term::Atom(f)) = (m, f) else { return badarg() };
    let Some(args) = args.list_to_vec() else { return badarg() };
    start(p, Start::Mfa(*m, *f, args), o)
}

fn link(p: &mut Proc, t: &Term) -> BifResult {
    let Term::Pid(pid) = t else { return badarg() };
    if *pid == p.pid || p.extras_mut().links.contains(*pid) {
        return Ok(Term::bool(true));
    }
    // The link request goes first; if the process is already gone, the link fails.
    if !p.vm.signal(*pid, Signal::Link(p.pid)) {
        if p.trap_exit {
            p.deliver(Term::tuple([Term::Atom(atoms::EXIT_TAG), t.clone(), Term::Atom(atoms::NOPROC)]));
            return Ok(Term::bool(true));
        }
        return Err(Exception::error(Term::Atom(atoms::NOPROC)));
    }
    p.extras_mut().links.insert(*pid);
    Ok(Term::bool(true))
}

/// `nodes/1`: the kinds are `visible`, `hidden`, `connected` (both), `this` and `known`,
/// alone or in a list.
fn nodes(p: &Proc, kinds: &Term) -> BifResult {
    let kinds: Vec<Term> = match kinds {
        Term::Atom(_) => vec![kinds.clone()],
        _ => kinds.list_to_vec().ok_or_else(Exception::badarg)?,
    };
    let (mut this, mut others, mut hidden) = (false, false, false);
    for k in &kinds {
        match k.as_atom().map(|a| a.as_str()) {
            Some("visible") => others = true,
            Some("connected") => (others, hidden) = (true, true),
            Some("this") => this = true,
            Some("known") => (this, others, hidden) = (true, true, true),
            Some("hidden") => hidden = true,
            _ => return badarg(),
        }
    }
    let mut out = Vec::new();
    if this && p.vm.dist.alive() {
        out.push(Term::Atom(p.vm.dist.node().name));
    }
    if others {
        out.extend(p.vm.dist.nodes().into_iter().map(Term::Atom));
    }
    if hidden {
        out.extend(p.vm.dist.hidden_nodes().into_iter().map(Term::Atom));
    }
    Ok(Term::list(out))
}

/// `monitor_node(Node, Flag)`: `{nodedown, Node}` when the connection to Node goes down;
/// at once when the node is not distributed.
fn monitor_node(p: &mut Proc, node: &Term, flag: &Term) -> BifResult {
    let (Term::Atom(n), Some(on)) = (node, flag.as_bool()) else { return badarg() };
    if !p.vm.dist.alive() {
        if on {
            p.deliver(Term::tuple([Term::Atom(atoms::NODEDOWN), node.clone()]));
        }
        return Ok(Term::bool(true));
    }
    p.vm.dist.monitor_node(p.pid, *n, on);
    Ok(Term::bool(true))
}

/// `ember_dist:start(Name, LongNames)`, for `net_kernel:start/1,2`: starts the node on a
/// thread of its own (it may block) and returns a reference; `{Ref, ok}` or
/// `{Ref, {error, Reason}}` comes as a message when it is done.
fn start_node(p: &mut Proc, name: &Term, long: &Term) -> BifResult {
    let (Term::Atom(name), Some(long)) = (name, long.as_bool()) else { return badarg() };
    let r = p.vm.make_ref();
    let answer = move |result: Result<(), String>| {
        let v = match result {
            Ok(()) => Term::Atom(atoms::OK),
            Err(why) => Term::tuple([Term::atom("error"), Term::string(&why)]),
        };
        Term::tuple([Term::Ref(r), v])
    };
    let Some(starter) = p.vm.dist.starter.get().cloned() else {
        p.deliver(answer(Err("this VM cannot become a node: no distribution layer".into())));
        return Ok(Term::Ref(r));
    };
    let (vm, me, name) = (p.vm.clone(), p.pid, name.as_str().to_owned());
    let spawned = std::thread::Builder::new().name("ember-node-start".into()).spawn(move || {
        vm.signal(me, Signal::Message(answer(starter(&name, long))));
    });
    if spawned.is_err() {
        return Err(Exception::error(Term::atom("system_limit")));
    }
    Ok(Term::Ref(r))
}

/// `erlang:set_cookie/1,2`; on a node that is not distributed, erl's error.
fn set_cookie(p: &mut Proc, node: Option<Atom>, cookie: &Term) -> BifResult {
    let Term::Atom(c) = cookie else { return badarg() };
    if !p.vm.dist.alive() {
        return Err(Exception::error(Term::atom("distribution_not_started")));
    }
    p.vm.dist.set_cookie(node, *c);
    Ok(Term::bool(true))
}

/// `net_kernel:monitor_nodes(Flag, Options)` (ember takes no options).
fn monitor_nodes(p: &mut Proc, flag: &Term, options: &Term) -> BifResult {
    let (Some(on), Some(0)) = (flag.as_bool(), options.list_len()) else { return badarg() };
    p.vm.dist.monitor_nodes(p.pid, on);
    Ok(Term::Atom(atoms::OK))
}

fn monitor(p: &mut Proc, kind: &Term, target: &Term) -> BifResult {
    if !kind.is_atom(atoms::PROCESS) {
        return badarg();
    }
    let (pid, name) = match target {
        Term::Pid(pid) => (Some(*pid), None),
        Term::Atom(n) => {
            (p.vm.processes.whereis(*n), Some(Term::tuple([target.clone(), Term::Atom(p.vm.dist.node().name)])))
        }
        Term::Tuple(t) if t.len() == 2 && matches!((&t[0], &t[1]), (Term::Atom(_), Term::Atom(_))) => {
            let n = t[0].as_atom().unwrap_or(atoms::UNDEFINED);
            let node = t[1].as_atom().unwrap_or(atoms::NONODE);
            if node != p.vm.dist.node().name {
                // A name on another node: a node that is not distributed cannot have one.
                if !p.vm.dist.alive() {
                    return badarg();
                }
                let r = p.vm.make_ref();
                p.vm.dist.monitor_name(p.pid, node, n, r);
                let me = p.pid;
                p.extras_mut().monitors.insert(r, (me, Some(target.clone())));
                return Ok(Term::Ref(r));
            }
            (p.vm.processes.whereis(n), Some(target.clone()))
        }
        _ => return badarg(),
    };
    let r = p.vm.make_ref();
    let delivered = match pid {
        Some(pid) if pid == p.pid => true,
        Some(pid) => p.vm.signal(pid, Signal::Monitor { from: p.pid, r, name: name.clone() }),
        None => false,
    };
    if delivered {
        if let Some(pid) = pid {
            p.extras_mut().monitors.insert(r, (pid, name));
        }
    } else {
        p.deliver(down_noproc(r, name.unwrap_or_else(|| target.clone())));
    }
    Ok(Term::Ref(r))
}

/// The `'DOWN'` message of a monitor of `who`, which did not exist.
fn down_noproc(r: Ref, who: Term) -> Term {
    Term::tuple([Term::Atom(atoms::DOWN), Term::Ref(r), Term::Atom(atoms::PROCESS), who, Term::Atom(atoms::NOPROC)])
}

/// `monitor(Kind, Target, [{alias, Mode}])`.
fn monitor_alias(p: &mut Proc, kind: &Term, target: &Term, mode: AliasMode) -> BifResult {
    let r = monitor(p, kind, target)?;
    if let Term::Ref(alias) = &r {
        // A monitor that fired at once (noproc) leaves no alias unless it is explicit.
        let live = p.extras().monitors.contains_key(*alias) || *target == Term::Pid(p.pid);
        if live || mode == AliasMode::Explicit {
            p.add_alias(*alias, mode);
        }
    }
    Ok(r)
}

fn option(list: &Term, name: Atom) -> bool {
    list.iter_list().any(|o| o.is_atom(name)) || option_value(list, name) == Some(true)
}

fn option_value(list: &Term, name: Atom) -> Option<bool> {
    list.iter_list().find_map(|o| match o.as_tuple() {
        Some([k, v]) if k.is_atom(name) => v.as_bool(),
        _ => None,
    })
}

fn demonitor(p: &mut Proc, r: &Term, options: &Term) -> BifResult {
    let Term::Ref(r) = r else { return badarg() };
    let (mut flush, mut info) = (false, false);
    if options.list_len().is_none() {
        return badarg();
    }
    for o in options.iter_list() {
        match o.as_atom() {
            Some(atoms::FLUSH) => flush = true,
            Some(atoms::INFO) => info = true,
            _ => return badarg(),
        }
    }
    // Take in signals that already arrived, so that a 'DOWN' sent before this call is seen
    // (and a monitor set up on this process's behalf, `Signal::Monitoring`, is there).
    if let Some(signals) = p.vm.processes.with(p.pid, |h| h.signals()) {
        p.take_in(signals);
    }
    if p.alias_mode(*r).is_some_and(|m| m != AliasMode::Explicit && m != AliasMode::Reply) {
        p.unalias(*r);
    }
    let found = p.drop_monitor(*r);
    if flush {
        p.flush_down(*r);
    }
    Ok(Term::bool(found || !info))
}

fn exit2(p: &mut Proc, target: &Term, reason: &Term) -> BifResult {
    let Term::Pid(pid) = target else { return badarg() };
    let s = Signal::Exit { from: p.pid, reason: reason.clone(), linked: false };
    if *pid == p.pid {
        p.apply_signal(s);
    } else {
        p.vm.signal(*pid, s);
    }
    Ok(Term::bool(true))
}

fn ms(d: Duration) -> Term {
    Term::Int(d.as_millis() as i64)
}

fn timer(p: &mut Proc, time: &Term, dest: &Term, msg: Term, tagged: bool) -> BifResult {
    let Term::Int(t) = time else { return badarg() };
    if *t < 0 || !matches!(dest, Term::Pid(_) | Term::Atom(_)) {
        return badarg();
    }
    let r = p.vm.make_ref();
    let msg = if tagged { Term::tuple([Term::Atom(atoms::TIMEOUT), Term::Ref(r), msg]) } else { msg };
    let deadline = Instant::now() + Duration::from_millis(*t as u64);
    p.vm.timers.add(r.0, deadline, TimerAction::Send { to: dest.clone(), msg });
    Ok(Term::Ref(r))
}

/// One `process_info` item of process `p` itself.
fn own_info(p: &Proc, item: Atom) -> Option<Term> {
    let pair = |v: Term| Some(Term::tuple([Term::Atom(item), v]));
    match item.as_str() {
        "message_queue_len" => pair(Term::Int(p.mailbox.len() as i64)),
        "messages" => pair(Term::list(p.mailbox.iter().cloned().collect())),
        "links" => pair(Term::list(p.extras().links.iter().map(Term::Pid).collect())),
        "monitors" => pair(Term::list(
            p.extras()
                .monitors
                .iter()
                .map(|(_, (pid, name))| {
                    let who = name.clone().unwrap_or(Term::Pid(*pid));
                    Term::tuple([Term::Atom(atoms::PROCESS), who])
                })
                .collect(),
        )),
        "monitored_by" => {
            pair(Term::list(p.extras().monitored_by.iter().map(|((_, pid), _)| Term::Pid(*pid)).collect()))
        }
        "registered_name" => match p.vm.processes.name_of(p.pid) {
            Some(n) => pair(Term::Atom(n)),
            None => Some(Term::Nil),
        },
        "trap_exit" => pair(Term::bool(p.trap_exit)),
        "dictionary" => pair(p.extras().dict.to_list()),
        "reductions" => pair(Term::Int(p.reductions as i64)),
        "initial_call" => {
            let (m, f, a) = p.initial_call.get();
            pair(Term::tuple([Term::Atom(m), Term::Atom(f), Term::Int(a as i64)]))
        }
        "current_function" => {
            let asleep = matches!(p.rare().hibernation, Hibernation::Asleep(..));
            let v = match &p.module {
                None if asleep => Term::tuple([Term::Atom(atoms::ERLANG), Term::atom("hibernate"), Term::Int(3)]),
                // Not run yet: the call it starts with.
                None if p.pending_start != PendingStart::None => {
                    let (m, f, a) = p.initial_call.get();
                    Term::tuple([Term::Atom(m), Term::Atom(f), Term::Int(a as i64)])
                }
                Some(m) => match m.function_at(p.pc.saturating_sub(1)) {
                    Some(f) => Term::tuple([Term::Atom(m.name), Term::Atom(f.name), Term::Int(f.arity as i64)]),
                    None => Term::Atom(atoms::UNDEFINED),
                },
                None => Term::Atom(atoms::UNDEFINED),
            };
            pair(v)
        }
        "status" => pair(Term::atom("running")),
        "current_stacktrace" => pair(crate::interp::current_stacktrace(p)),
        "group_leader" => pair(Term::Pid(p.group_leader())),
        "priority" => pair(Term::atom("normal")),
        "memory" | "heap_size" | "total_heap_size" | "stack_size" => {
            let words = p.regs.capacity() * 2 + p.frames.capacity() * 4 + p.mailbox.len() * 2 + 40;
            pair(Term::Int(if item.as_str() == "memory" { words as i64 * 8 } else { words as i64 }))
        }
        _ => None,
    }
}

fn info_of(p: &mut Proc, pid: Pid, item: Atom) -> Result<Option<Term>, Exception> {
    if pid == p.pid {
        return own_info(p, item).map(Some).ok_or_else(Exception::badarg);
    }
    let Some(h) = p.vm.processes.get(pid) else { return Ok(None) };
    // A host mailbox is not an Erlang process: nothing to tell.
    if h.is_host() {
        return Ok(None);
    }
    // Another process: read its private half while it is parked; retry briefly if a
    // worker is running it.
    for _ in 0..1000 {
        if let Some(other) = h.peek_private(|other| {
            if other.must_die() {
                return Ok(None);
            }
            let mut v = own_info(other, item);
            if item.as_str() == "status" {
                v = Some(Term::tuple([Term::Atom(item), Term::atom("waiting")]));
            }
            v.map(Some).ok_or(())
        }) {
            return other.map_err(|_| Exception::badarg());
        }
        std::thread::yield_now();
    }
    match item.as_str() {
        "status" => Ok(Some(Term::tuple([Term::Atom(item), Term::atom("running")]))),
        _ => Ok(Some(Term::tuple([Term::Atom(item), Term::Atom(atoms::UNDEFINED)]))),
    }
}

fn process_info(p: &mut Proc, target: &Term, item: &Term) -> BifResult {
    let Term::Pid(pid) = target else { return badarg() };
    match item {
        Term::Atom(a) => Ok(info_of(p, *pid, *a)?.unwrap_or(Term::Atom(atoms::UNDEFINED))),
        Term::Cons(_) | Term::Nil => {
            let mut out = Vec::new();
            for x in item.iter_list() {
                let Term::Atom(a) = x else { return badarg() };
                match info_of(p, *pid, *a)? {
                    // In a list, a missing name still comes as a pair.
                    Some(Term::Nil) if a.as_str() == "registered_name" => {
                        out.push(Term::tuple([Term::Atom(*a), Term::Nil]))
                    }
                    Some(v) => out.push(v),
                    None => return Ok(Term::Atom(atoms::UNDEFINED)),
                }
            }
            Ok(Term::list(out))
        }
        _ => badarg(),
    }
}

fn process_info_all(p: &mut Proc, target: &Term) -> BifResult {
    let items = [
        "current_function",
        "initial_call",
        "status",
        "message_queue_len",
        "links",
        "dictionary",
        "trap_exit",
        "priority",
        "group_leader",
        "reductions",
    ];
    let list = Term::list(items.iter().map(|i| Term::atom(i)).collect());
    let r = process_info(p, target, &list)?;
    // registered_name is included only when the process has one.
    if let (Term::Pid(pid), true) = (target, r.is_list()) {
        if let Some(n) = p.vm.processes.name_of(*pid) {
            let mut v = r.list_to_vec().unwrap_or_default();
            v.insert(0, Term::tuple([Term::atom("registered_name"), Term::Atom(n)]));
            return Ok(Term::list(v));
        }
    }
    Ok(r)
}

fn system_info(p: &mut Proc, what: &Term) -> BifResult {
    let Term::Atom(a) = what else { return badarg() };
    Ok(match a.as_str() {
        "schedulers" | "schedulers_online" => Term::Int(p.vm.scheduler_count() as i64),
        "process_count" => Term::Int(p.vm.processes.len() as i64),
        "process_limit" => Term::Int(134_217_727),
        "atom_count" => Term::Int(Atom::count() as i64),
        "atom_limit" => Term::Int(1_048_576),
        "otp_release" => Term::string("25"),
        "version" => Term::string(env!("CARGO_PKG_VERSION")),
        "wordsize" => Term::Int(8),
        "logical_processors" | "logical_processors_available" => {
            Term::Int(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as i64)
        }
        "machine" => Term::string("BEAM"),
        _ => return badarg(),
    })
}

fn statistics(p: &mut Proc, what: &Term) -> BifResult {
    let Term::Atom(a) = what else { return badarg() };
    Ok(match a.as_str() {
        "reductions" => Term::tuple([Term::Int(p.reductions as i64), Term::Int(0)]),
        "run_queue" => Term::Int(0),
        "process_count" => Term::Int(p.vm.processes.len() as i64),
        "runtime" | "wall_clock" => {
            let ms = crate::bif::time_ms();
            Term::tuple([Term::Int(ms), Term::Int(0)])
        }
        _ => return badarg(),
    })
}

/// `erlang:trace(Pid, How, Flags)` for message tracing: flags `send`, `'receive'`, `all`,
/// `{tracer, Pid}`; returns the number of processes traced (0 or 1).
fn trace(p: &mut Proc, target: &Term, how: &Term, flags: &Term) -> BifResult {
    let (Term::Pid(pid), Some(on)) = (target, how.as_bool()) else { return badarg() };
    let mut send = false;
    let mut receive = false;
    let mut tracer = p.pid;
    for f in flags.iter_list() {
        match f {
            Term::Atom(a) if a.as_str() == "send" => send = true,
            Term::Atom(a) if a.as_str() == "receive" => receive = true,
            Term::Atom(a) if a.as_str() == "all" || a.as_str() == "messages" => {
                send = true;
                receive = true;
            }
            Term::Tuple(t) if t.len() == 2 && t[0].is_atom(Atom::new("tracer")) => match &t[1] {
                Term::Pid(tp) => tracer = *tp,
                _ => return badarg(),
            },
            Term::Atom(_) => {}
            _ => return badarg(),
        }
    }
    let s = Signal::Trace { tracer: on.then_some(tracer), send, receive };
    let delivered = if *pid == p.pid {
        p.apply_signal(s);
        true
    } else {
        p.vm.signal(*pid, s)
    };
    if !delivered {
        return badarg();
    }
    Ok(Term::Int(1))
}
