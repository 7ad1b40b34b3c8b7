//! The VM as a value: a code server, the module sources it may load, its output and input,
//! and the processes it runs. Two `Vm`s in one OS process are independent (they share only the
//! atom table).

use crate::code::{CodeServer, Target};
use crate::compile::{compile_module, Compiled};
use crate::diagnostic::Diagnostic;
use crate::interp;
use crate::interp::exception::{Class, Exception};
use crate::process::table::ProcessTable;
use crate::process::{Proc, ProcessHandle, Signal, Watch, OWNS_ETS, OWNS_FILES, OWNS_NAME, OWNS_SOCKETS};
use crate::sched::timer::Timers;
use crate::sched::Scheduler;
use crate::stdin::{Input, NoInput, StdInput, StdinReader};
use crate::syntax::{PpOptions, SourceLoader};
use crate::term::atoms;
use crate::term::{Atom, NodeId, Pid, Ref, Term};
use crate::Transport;

/// How a new process starts.
pub(crate) enum Start {
    /// `apply(M, F, Args)`.
    Mfa(Atom, Atom, Vec<Term>),
    /// `apply(Fun, Args)`.
    Fun(Term, Vec<Term>),
}

use parking_lot::Mutex;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// One of the two output streams of a VM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Standard output (`standard_io`, `user`).
    Out,
    /// Standard error (`standard_error`).
    Err,
}

/// Where a VM's standard output and standard error go.
pub trait Output: Send + Sync {
    /// Writes bytes to standard output.
    fn out(&self, bytes: &[u8]);
    /// Writes bytes to standard error.
    fn err(&self, bytes: &[u8]);
    /// Flushes both.
    fn flush(&self) {}
}

/// The process's real standard output and error. Output is buffered, and flushed at the
/// end of a line once a few milliseconds have passed since the last flush (so that a
/// program printing many lines does not make a system call for each, while a line printed
/// by a process that then waits shows up promptly), when the VM goes idle, and at exit.
pub struct StdOutput {
    out: Mutex<(std::io::BufWriter<std::io::Stdout>, std::time::Instant)>,
}

impl Default for StdOutput {
    fn default() -> StdOutput {
        let w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
        StdOutput { out: Mutex::new((w, std::time::Instant::now())) }
    }
}

impl Output for StdOutput {
    fn out(&self, bytes: &[u8]) {
        let mut g = self.out.lock();
        let _ = g.0.write_all(bytes);
        if bytes.contains(&b'\n') && g.1.elapsed() >= std::time::Duration::from_millis(5) {
            let _ = g.0.flush();
            g.1 = std::time::Instant::now();
        }
    }
    fn err(&self, bytes: &[u8]) {
        let _ = self.out.lock().0.flush();
        let _ = std::io::stderr().write_all(bytes);
    }
    fn flush(&self) {
        let mut g = self.out.lock();
        let _ = g.0.flush();
        g.1 = std::time::Instant::now();
    }
}

/// Output captured in memory (for tests and embedding).
#[derive(Default)]
pub struct CapturedOutput {
    /// What was written to standard output.
    pub out: Mutex<Vec<u8>>,
    /// What was written to standard error.
    pub err: Mutex<Vec<u8>>,
}

impl Output for CapturedOutput {
    fn out(&self, bytes: &[u8]) {
        self.out.lock().extend_from_slice(bytes);
    }
    fn err(&self, bytes: &[u8]) {
        self.err.lock().extend_from_slice(bytes);
    }
}

/// How to build a VM.
#[derive(Clone, Default)]
pub struct VmConfig {
    /// Directories searched for `MODULE.erl` when a module is first called.
    pub code_path: Vec<PathBuf>,
    /// Directories searched by `-include` and `-include_lib`.
    pub include_paths: Vec<String>,
    /// Module sources built into the binary (the standard library): module name and source.
    pub builtin_modules: Vec<(&'static str, &'static str)>,
    /// Header files built into the binary, by `-include_lib` path (e.g. `eunit/include/eunit.hrl`).
    pub builtin_includes: Vec<(&'static str, &'static str)>,
    /// Documentation of built-in modules (module name and doc file), for the shell's help.
    pub builtin_docs: Vec<(&'static str, &'static str)>,
    /// Scheduler threads (0: one per core).
    pub schedulers: usize,
    /// Standard output takes Unicode (UTF-8), as a terminal does; otherwise it is a
    /// Latin-1 device, as erl's standard output is under `-noshell`: characters below 256
    /// are single bytes and others are written as `\x{...}`.
    pub unicode_output: bool,
}

/// The state every process of a VM shares.
pub struct VmShared {
    /// Loaded modules and exports.
    pub code: CodeServer,
    config: VmConfig,
    builtin: HashMap<&'static str, &'static str>,
    output: Arc<dyn Output>,
    /// Standard input, read on request for the io server of `standard_io`.
    pub(crate) stdin: StdinReader,
    next_ref: AtomicU64,
    halt: Mutex<Option<i32>>,
    load_lock: Mutex<()>,
    /// Live processes and registered names.
    pub(crate) processes: ProcessTable,
    /// The run queues and workers.
    pub(crate) sched: Scheduler,
    /// Pending timers.
    pub(crate) timers: Timers,
    /// Host calls waiting for a process to finish.
    waiters: Mutex<Vec<std::sync::Weak<Completion>>>,
    /// This node's name, and what crosses to other nodes.
    pub(crate) dist: crate::dist::Dist,
    /// Wakes host threads waiting on a host mailbox.
    host_lock: std::sync::Mutex<()>,
    host_cv: std::sync::Condvar,
    /// ETS tables.
    pub(crate) ets: crate::bif::ets::EtsTables,
    /// Open files (`prim_file`), each owned by the process that opened it.
    pub(crate) files: crate::bif::OpenFiles,
    /// The TCP sockets (gen_tcp).
    pub(crate) sockets: crate::bif::Sockets,
    /// The zlib streams (zlib:open/0).
    pub(crate) zstreams: crate::bif::ZStreams,
    /// Threads for blocking work (file I/O), off the schedulers.
    pub(crate) blocking: crate::sched::blocking::BlockingPool,
    /// Active process aliases and their owners.
    pub(crate) aliases: crate::process::table::Aliases,
    /// The environment `os:getenv` and `os:putenv` see (a copy of the OS process's, taken
    /// when first used).
    pub(crate) env: Mutex<Option<std::collections::BTreeMap<String, String>>>,
    /// The directories searched for `MODULE.erl`: the configuration's at first, changed by
    /// `code:add_path/1` and its relatives.
    code_path: parking_lot::RwLock<Vec<PathBuf>>,
    /// What `init:get_plain_arguments/0` returns: the program's arguments.
    pub(crate) plain_args: Mutex<Vec<String>>,
    /// Persistent terms and atomics arrays.
    pub(crate) shared: crate::bif::shared::Shared,
    /// `init:stop/0,1` was called: the VM halts shortly.
    pub(crate) halt_pending: std::sync::atomic::AtomicBool,
}

/// A mailbox with a pid of its own, read by Rust code outside the VM: Erlang processes
/// send to it like to any process. Dropping it frees the pid.
pub struct HostMailbox {
    vm: Vm,
    handle: Arc<ProcessHandle>,
    /// Messages taken from the inbox and not yet received.
    pending: Mutex<std::collections::VecDeque<Term>>,
}

impl HostMailbox {
    /// The mailbox's pid.
    pub fn pid(&self) -> Pid {
        self.handle.pid
    }

    /// The next message, waiting at most `timeout`.
    pub fn recv_timeout(&self, timeout: std::time::Duration) -> Option<Term> {
        let deadline = std::time::Instant::now() + timeout;
        let shared = &self.vm.shared;
        let mut g = shared.host_lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let mut pending = self.pending.lock();
            for (alias, msg) in self.handle.take_messages(&mut pending) {
                shared.forward_to_alias(alias, msg);
            }
            if let Some(m) = pending.pop_front() {
                return Some(m);
            }
            drop(pending);
            let now = std::time::Instant::now();
            if now >= deadline {
                return None;
            }
            g = shared.host_cv.wait_timeout(g, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }
}

impl Drop for HostMailbox {
    fn drop(&mut self) {
        for s in self.handle.mark_exited() {
            self.vm.shared.answer_late(self.handle.pid, s);
        }
        self.vm.shared.release_owned(&self.handle);
        self.vm.shared.processes.remove(self.handle.pid);
    }
}

/// A host thread waiting for a process's result.
pub(crate) struct Completion {
    result: Mutex<Option<CallResult>>,
    cv: std::sync::Condvar,
    /// The program ends with this process (`ember run`'s main): its end is not signalled
    /// to links and monitors, as erl halts before they could act on it.
    halts: bool,
}

impl Completion {
    fn new(halts: bool) -> Completion {
        Completion { result: Mutex::new(None), cv: std::sync::Condvar::new(), halts }
    }

    /// Sets the result (the first one wins) and wakes the waiter.
    pub(crate) fn complete(&self, r: CallResult) {
        let mut g = self.result.lock();
        if g.is_none() {
            *g = Some(r);
        }
        drop(g);
        self.cv.notify_all();
    }

    fn wait(&self) -> CallResult {
        // parking_lot's mutex has no std condvar; poll the result under a std mutex instead.
        let m = std::sync::Mutex::new(());
        let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(r) = self.result.lock().take() {
                return r;
            }
            g = self.cv.wait_timeout(g, std::time::Duration::from_millis(50)).unwrap_or_else(|e| e.into_inner()).0;
        }
    }
}

/// A virtual machine. Dropping the last clone stops its scheduler threads.
#[derive(Clone)]
pub struct Vm {
    shared: Arc<VmShared>,
    _guard: Arc<ShutdownGuard>,
}

struct ShutdownGuard(Arc<VmShared>);

impl Drop for ShutdownGuard {
    fn drop(&mut self) {
        self.0.timers.shutdown();
        self.0.sched.shutdown();
    }
}

/// A handle on a VM that does not keep it running (for what the VM itself holds, such as
/// its distribution transport, which would otherwise keep it alive forever).
#[derive(Clone)]
pub struct WeakVm {
    shared: std::sync::Weak<VmShared>,
    guard: std::sync::Weak<ShutdownGuard>,
}

impl WeakVm {
    /// The VM, if it still runs.
    pub fn upgrade(&self) -> Option<Vm> {
        Some(Vm { shared: self.shared.upgrade()?, _guard: self.guard.upgrade()? })
    }
}

/// How a call made with [`Vm::call`] ended.
#[derive(Debug)]
pub enum CallResult {
    /// It returned a value.
    Returned(Term),
    /// It raised an exception that was not caught.
    Raised(Class, Term, Term),
    /// `halt/0,1` was called with this status.
    Halted(i32),
    /// The process was ended by an exit signal with this reason.
    Exited(Term),
}

struct FsLoader<'a> {
    builtin_includes: &'a [(&'static str, &'static str)],
}

impl SourceLoader for FsLoader<'_> {
    fn read(&self, path: &str) -> Option<String> {
        if let Some(lib) = path.strip_prefix("lib:") {
            return self.builtin_includes.iter().find(|(p, _)| *p == lib).map(|(_, s)| (*s).to_owned());
        }
        std::fs::read_to_string(path).ok()
    }
}

impl Vm {
    /// A new VM reading the process's standard input and writing to its standard output.
    pub fn new(config: VmConfig) -> Vm {
        Vm::with_io(config, Arc::new(StdOutput::default()), Arc::new(StdInput))
    }

    /// A new VM writing to `output`, with no standard input (reads are at the end).
    pub fn with_output(config: VmConfig, output: Arc<dyn Output>) -> Vm {
        Vm::with_io(config, output, Arc::new(NoInput))
    }

    /// A new VM writing to `output` and reading standard input from `input`.
    pub fn with_io(config: VmConfig, output: Arc<dyn Output>, input: Arc<dyn Input>) -> Vm {
        let code = CodeServer::new();
        for (id, d) in crate::bif::all() {
            code.register_bif(Atom::new(d.module), Atom::new(d.name), d.arity, id);
        }
        let builtin = config.builtin_modules.iter().copied().collect();
        let n = if config.schedulers == 0 {
            std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
        } else {
            config.schedulers
        };
        let code_path = config.code_path.clone();
        let shared = Arc::new(VmShared {
            code,
            config,
            builtin,
            output,
            stdin: StdinReader::new(input),
            next_ref: AtomicU64::new(1),
            halt: Mutex::new(None),
            load_lock: Mutex::new(()),
            processes: ProcessTable::default(),
            sched: Scheduler::new(),
            timers: Timers::new(),
            waiters: Mutex::new(Vec::new()),
            dist: Default::default(),
            host_lock: std::sync::Mutex::new(()),
            host_cv: std::sync::Condvar::new(),
            ets: Default::default(),
            files: Default::default(),
            sockets: Default::default(),
            zstreams: Default::default(),
            blocking: Default::default(),
            aliases: Default::default(),
            env: Mutex::new(None),
            code_path: parking_lot::RwLock::new(code_path),
            plain_args: Mutex::new(Vec::new()),
            shared: Default::default(),
            halt_pending: Default::default(),
        });
        shared.sched.start(&shared, n);
        // The timer thread keeps the VM alive until the shutdown guard stops it.
        let timer_vm = shared.clone();
        let spawned = std::thread::Builder::new().name("ember-timers".into()).spawn(move || {
            let weak = Arc::downgrade(&timer_vm);
            timer_vm.timers.run(weak);
        });
        if let Err(e) = spawned {
            eprintln!("ember: cannot start the timer thread: {e}");
        }
        Vm { shared: shared.clone(), _guard: Arc::new(ShutdownGuard(shared)) }
    }

    /// The shared state, for processes.
    pub fn shared(&self) -> &Arc<VmShared> {
        &self.shared
    }

    /// Compiles `src` (from `file`) and loads it. Returns the module's name and the
    /// warnings, or every diagnostic if it did not compile.
    pub fn load_source(&self, file: &str, src: &str) -> Result<(Atom, Vec<Diagnostic>), Vec<Diagnostic>> {
        self.shared.load_source(file, src)
    }

    /// Compiles a file without loading it.
    pub fn compile_file(&self, path: &Path) -> Result<Compiled, std::io::Error> {
        let src = std::fs::read_to_string(path)?;
        Ok(self.shared.compile(&path.to_string_lossy(), &src))
    }

    /// Reloads module `name` from the code path (the shell's `l/1`).
    pub fn reload(&self, name: &str) -> Result<(Atom, Vec<Diagnostic>), Vec<Diagnostic>> {
        for dir in &self.shared.code_path() {
            let path = dir.join(format!("{name}.erl"));
            if path.exists() {
                return self.load_file(&path);
            }
        }
        let path = PathBuf::from(format!("{name}.erl"));
        if path.exists() {
            return self.load_file(&path);
        }
        Err(vec![Diagnostic::error(&format!("{name}.erl"), Default::default(), "no such file in the code path")])
    }

    /// Reads, compiles and loads a file; stack traces name it `trace_file` (as erl names a
    /// module by the path it was compiled from).
    pub fn load_file_as(&self, path: &Path, trace_file: &str) -> Result<(Atom, Vec<Diagnostic>), Vec<Diagnostic>> {
        match std::fs::read_to_string(path) {
            Ok(src) => self.shared.load_source_as(&path.to_string_lossy(), trace_file, &src),
            Err(e) => Err(vec![Diagnostic::error(
                &path.to_string_lossy(),
                Default::default(),
                format!("cannot read file: {e}"),
            )]),
        }
    }

    /// Reads, compiles and loads a file (stack traces name it by its file name).
    pub fn load_file(&self, path: &Path) -> Result<(Atom, Vec<Diagnostic>), Vec<Diagnostic>> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.load_file_as(path, &name)
    }

    /// Sets the program's arguments, which `init:get_plain_arguments/0` returns.
    pub fn set_plain_arguments(&self, args: Vec<String>) {
        *self.shared.plain_args.lock() = args;
    }

    /// Adds a directory to the end of the code path.
    pub fn add_code_path(&mut self, dir: PathBuf) {
        self.shared.code_path.write().push(dir);
    }

    /// Runs `m:f(args)` in a new process and waits until it returns or fails (or the VM
    /// halts). Other processes keep running.
    pub fn call(&self, m: &str, f: &str, args: Vec<Term>) -> CallResult {
        self.call_opts(m, f, args, false)
    }

    /// Runs a program's main function as `erl -run` does: the process traps exits (erl's
    /// `-run` starts it that way), so a crashing linked child does not take it down.
    pub fn run_main(&self, m: &str, f: &str, args: Vec<Term>) -> CallResult {
        self.call_opts(m, f, args, true)
    }

    fn call_opts(&self, m: &str, f: &str, args: Vec<Term>, trap_exit: bool) -> CallResult {
        let done = Arc::new(Completion::new(trap_exit));
        self.shared.waiters.lock().push(Arc::downgrade(&done));
        if let Some(code) = *self.shared.halt.lock() {
            return CallResult::Halted(code);
        }
        let start = Start::Mfa(Atom::new(m), Atom::new(f), args);
        self.shared.spawn_opts(start, trap_exit, Some(done.clone()));
        let r = done.wait();
        self.shared.output.flush();
        r
    }

    /// The names of the modules that can be called: loaded, built in, or on the code path.
    pub fn module_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.shared.code.loaded().iter().map(|a| a.as_str().to_owned()).collect();
        names.extend(self.shared.builtin.keys().map(|k| (*k).to_owned()));
        names.extend(crate::bif::all().map(|(_, d)| d.module.to_owned()));
        for dir in &self.shared.code_path() {
            if let Ok(rd) = std::fs::read_dir(dir) {
                for e in rd.flatten() {
                    let p = e.path();
                    if p.extension().is_some_and(|x| x == "erl") {
                        if let Some(stem) = p.file_stem() {
                            names.push(stem.to_string_lossy().into_owned());
                        }
                    }
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }

    /// The documentation of a built-in module (see [`VmConfig::builtin_docs`]).
    pub fn module_doc(&self, name: &str) -> Option<&'static str> {
        self.shared.config.builtin_docs.iter().find(|(m, _)| *m == name).map(|(_, d)| *d)
    }

    /// The source text of a module: `Module.erl` on the code path, else the built-in copy.
    pub fn module_source(&self, name: &str) -> Option<String> {
        for dir in &self.shared.code_path() {
            if let Ok(src) = std::fs::read_to_string(dir.join(format!("{name}.erl"))) {
                return Some(src);
            }
        }
        self.shared.builtin.get(name).map(|s| (*s).to_owned())
    }

    /// The names of the records the loaded modules define.
    pub fn record_names(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in self.shared.code.loaded() {
            if let Some(code) = self.shared.code.get(m) {
                out.extend(code.records.iter().map(|(r, _)| r.as_str().to_owned()));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Up to `limit` atoms that start with `prefix`, in table order.
    pub fn atoms_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        for i in 0..Atom::count() as u32 {
            if let Some(a) = Atom::from_index(i) {
                let name = a.as_str();
                if name.starts_with(prefix) && !name.is_empty() && !name.starts_with('$') {
                    out.push(name.to_owned());
                    if out.len() >= limit {
                        break;
                    }
                }
            }
        }
        out
    }

    /// The exported functions of a module (loading it if needed), with built-ins.
    pub fn exports(&self, module: &str) -> Vec<(String, u32)> {
        let m = Atom::new(module);
        self.shared.ensure_loaded(m);
        let mut out: Vec<(String, u32)> = match self.shared.code.get(m) {
            Some(code) => code.exports.iter().map(|(f, a, _)| (f.as_str().to_owned(), *a)).collect(),
            None => Vec::new(),
        };
        out.extend(crate::bif::all().filter(|(_, d)| d.module == module).map(|(_, d)| (d.name.to_owned(), d.arity)));
        out.sort();
        out.dedup();
        out
    }

    /// A new host mailbox (a pid Erlang code can send to, read from Rust).
    pub fn host_mailbox(&self) -> HostMailbox {
        let vm = self.shared.clone();
        let h = self.shared.processes.insert(move |pid| {
            let h = ProcessHandle::new(pid, Box::new(Proc::new(vm, pid)));
            h.set_host();
            h
        });
        HostMailbox { vm: self.clone(), handle: h, pending: Mutex::new(Default::default()) }
    }

    /// Makes this VM the distributed node `name` (`alive@host`) of incarnation `creation`,
    /// with `cookie`, its traffic to other nodes going through `transport`. Registers the
    /// node's `net_kernel` process when the stdlib has one. False (and nothing changes) if
    /// the node is distributed already or `name` is not a node name.
    pub fn start_distribution(&self, name: &str, creation: u32, cookie: &str, transport: Arc<dyn Transport>) -> bool {
        let (Ok(name), Ok(cookie)) = (Atom::try_new(name), Atom::try_new(cookie)) else { return false };
        if !name.as_str().contains('@') {
            return false;
        }
        if !self.shared.dist.start(NodeId { name, creation }, cookie, transport) {
            return false;
        }
        // Without the stdlib there is no net_kernel: the call then fails with undef.
        let _ = self.call("net_kernel", "start_link", vec![]);
        true
    }

    /// Installs what `net_kernel:start/1,2` calls to make this running VM a node (the
    /// command line installs `ember-dist`'s). False if one is installed already.
    pub fn set_node_starter(&self, starter: Arc<crate::dist::NodeStarter>) -> bool {
        self.shared.dist.starter.set(starter).is_ok()
    }

    /// A handle that does not keep the VM running.
    pub fn downgrade(&self) -> WeakVm {
        WeakVm { shared: Arc::downgrade(&self.shared), guard: Arc::downgrade(&self._guard) }
    }

    /// This node's name and creation (`nonode@nohost` and 0 when not distributed).
    pub fn node(&self) -> NodeId {
        self.shared.dist.node()
    }

    /// The node's cookie (`nocookie` when not distributed).
    pub fn cookie(&self) -> Atom {
        self.shared.dist.cookie()
    }

    /// The cookie to present to `node` (`erlang:set_cookie/2` may have set one for it).
    pub fn cookie_for(&self, node: Atom) -> Atom {
        self.shared.dist.cookie_for(node)
    }

    /// A control message that came from `node`, and the payload that followed it: the
    /// distribution layer calls this for each one, in the order they came.
    pub fn dist_receive(&self, node: Atom, control: &Term, payload: Option<Term>) {
        self.shared.dist_receive(node, control, payload);
    }

    /// A connection to `node` is up (`net_kernel:monitor_nodes` subscribers hear of it).
    pub fn node_up(&self, node: Atom) {
        self.shared.node_up(node);
    }

    /// The connection to `node` went down, or could not be made: links and monitors that
    /// crossed to it fire with `noconnection`.
    pub fn node_down(&self, node: Atom) {
        self.shared.node_down(node);
    }

    /// Sends a message to a process from outside the VM.
    pub fn send(&self, to: Pid, msg: Term) {
        self.shared.signal(to, Signal::Message(msg));
    }

    /// Starts a process running `m:f(args)`; returns its pid.
    pub fn spawn(&self, m: &str, f: &str, args: Vec<Term>) -> Pid {
        self.shared.spawn_opts(Start::Mfa(Atom::new(m), Atom::new(f), args), false, None)
    }

    /// Sends an exit signal to a process from outside the VM (`kill` cannot be trapped).
    pub fn exit(&self, to: Pid, reason: Term) {
        self.shared.signal(to, Signal::Exit { from: Pid(0), reason, linked: false });
    }

    /// Is the process alive?
    pub fn is_alive(&self, pid: Pid) -> bool {
        self.shared.processes.get(pid).is_some_and(|h| h.is_alive())
    }

    /// The status `halt/1` was called with, if it was.
    pub fn halt_status(&self) -> Option<i32> {
        *self.shared.halt.lock()
    }

    /// Has a process asked the VM to stop (`init:stop/0,1`), which it will do shortly?
    pub fn halt_pending(&self) -> bool {
        self.shared.halt_pending.load(std::sync::atomic::Ordering::Acquire)
    }

    /// The number of live processes.
    pub fn process_count(&self) -> usize {
        self.shared.processes.len()
    }

    /// Is `m:f/a` callable (loading `m` if needed)?
    pub fn function_exported(&self, m: Atom, f: Atom, a: u32) -> bool {
        self.shared.ensure_loaded(m);
        self.shared.code.is_exported(m, f, a)
    }

    /// Writes to the VM's standard error.
    pub fn write_err(&self, s: &str) {
        self.shared.output.err(s.as_bytes());
    }

    /// Flushes the VM's output.
    pub fn flush(&self) {
        self.shared.output.flush();
    }
}

/// Where a message goes (see [`VmShared::destination`]).
#[derive(Clone, Copy)]
pub(crate) enum Destination {
    /// A local process (which may have died).
    Pid(Pid),
    /// A process alias.
    Alias(Ref),
    /// A registered name on another node.
    Remote(Atom, Atom),
    /// Nowhere: `{Name, nonode@nohost}` with no such name.
    Nowhere,
}

impl VmShared {
    fn compile(&self, file: &str, src: &str) -> Compiled {
        let opts = PpOptions { include_paths: self.config.include_paths.clone(), defines: Vec::new() };
        let loader = FsLoader { builtin_includes: &self.config.builtin_includes };
        compile_module(file, src, &opts, &loader, &self.code)
    }

    fn load_source(&self, file: &str, src: &str) -> Result<(Atom, Vec<Diagnostic>), Vec<Diagnostic>> {
        let base = file.rsplit('/').next().unwrap_or(file).to_owned();
        self.load_source_as(file, &base, src)
    }

    /// Compiles and loads `src`; diagnostics name `file`, stack traces name `trace_file`.
    pub(crate) fn load_source_as(
        &self,
        file: &str,
        trace_file: &str,
        src: &str,
    ) -> Result<(Atom, Vec<Diagnostic>), Vec<Diagnostic>> {
        let c = self.compile(file, src);
        match c.module {
            Some(mut m) => {
                m.file = trace_file.to_owned();
                let name = m.name;
                for l in &m.literals {
                    l.make_literal();
                }
                let m = Arc::new(m);
                crate::jit::prepare(&m);
                if let Some(purged) = self.code.load(m) {
                    self.purge(&purged);
                }
                Ok((name, c.diagnostics))
            }
            None => Err(c.diagnostics),
        }
    }

    /// Purges an old module version: processes still running it are killed, as erl does
    /// when a third version of a module is loaded.
    fn purge(&self, old: &Arc<crate::code::Module>) {
        for pid in self.processes.pids() {
            if let Some(h) = self.processes.get(pid) {
                if h.peek_private(|p| p.runs_module(old)).unwrap_or(false) {
                    self.signal(pid, Signal::Exit { from: Pid(0), reason: Term::Atom(atoms::KILL), linked: false });
                }
            }
        }
    }

    /// Makes sure module `name` is loaded, compiling it from the built-in sources or the
    /// code path if needed. Returns whether it is loaded.
    /// Is module `name` loaded, or one this VM has without looking on the code path (its
    /// standard library's, or one made only of built-ins)? What `erlang:module_loaded/1`
    /// answers: erl has its standard library loaded from the start.
    /// Is `name` a module of the standard library ember carries (built-ins or sources)?
    pub(crate) fn is_stdlib_module(&self, name: &str) -> bool {
        self.builtin.contains_key(name) || crate::bif::has_module(name)
    }

    pub(crate) fn has_module(&self, name: Atom) -> bool {
        let n = name.as_str();
        self.code.is_loaded(name) || self.builtin.contains_key(n) || crate::bif::has_module(n)
    }

    /// Loads a module again from its source (`code:load_file/1`): `MODULE.erl` on the code
    /// path, else its built-in copy. None if there is no source; false if it does not compile.
    pub(crate) fn reload(&self, name: Atom) -> Option<bool> {
        let _guard = self.load_lock.lock();
        self.load_from_source(name)
    }

    /// Loads `MODULE.erl` from the code path, else the built-in copy (the caller holds the
    /// loading lock). None if there is no source; false if it does not compile (its
    /// diagnostics go to standard error).
    fn load_from_source(&self, name: Atom) -> Option<bool> {
        let n = name.as_str();
        let report = |diags: Vec<Diagnostic>| {
            for d in diags {
                self.output.err(format!("{d}\n").as_bytes());
            }
            false
        };
        for dir in self.code_path() {
            let path = dir.join(format!("{n}.erl"));
            if let Ok(src) = std::fs::read_to_string(&path) {
                return Some(self.load_source(&path.to_string_lossy(), &src).map(|_| true).unwrap_or_else(report));
            }
        }
        let src = self.builtin.get(n)?;
        Some(self.load_source(&format!("{n}.erl"), src).map(|_| true).unwrap_or_else(report))
    }

    /// The directories searched for `MODULE.erl`, in order.
    pub(crate) fn code_path(&self) -> Vec<PathBuf> {
        self.code_path.read().clone()
    }

    /// Changes the code path (`code:add_path/1` and its relatives).
    pub(crate) fn set_code_path(&self, f: impl FnOnce(&mut Vec<PathBuf>)) {
        f(&mut self.code_path.write());
    }

    /// The file a module is loaded from, or would be: its source on the code path (as a
    /// full path), else the name it was loaded under, else its built-in copy's name.
    pub(crate) fn module_file(&self, name: Atom) -> Option<String> {
        let n = name.as_str();
        for dir in self.code_path() {
            let path = dir.join(format!("{n}.erl"));
            if path.is_file() {
                let full = std::path::absolute(&path).unwrap_or(path);
                return Some(full.to_string_lossy().into_owned());
            }
        }
        if let Some(m) = self.code.get(name) {
            return Some(m.file.clone());
        }
        (self.builtin.contains_key(n) || crate::bif::has_module(n)).then(|| format!("{n}.erl"))
    }

    /// `code:delete/1`, under the loading lock so that no load comes between.
    pub(crate) fn delete_module(&self, name: Atom) -> bool {
        let _guard = self.load_lock.lock();
        self.code.delete(name)
    }

    pub fn ensure_loaded(&self, name: Atom) -> bool {
        if self.code.is_loaded(name) {
            return true;
        }
        let _guard = self.load_lock.lock();
        if self.code.is_loaded(name) {
            return true;
        }
        if let Some(loaded) = self.load_from_source(name) {
            return loaded;
        }
        let n = name.as_str();
        // A module made only of built-ins (binary, math, unicode, ...) loads as an empty
        // one, which gives it module_info/0,1 as every module has; its built-ins stay the
        // targets of their exports.
        if crate::bif::has_module(n) {
            return self.load_source(&format!("{n}.erl"), &format!("-module({n}).\n")).is_ok();
        }
        false
    }

    /// A fresh reference.
    pub fn make_ref(&self) -> Ref {
        Ref(self.next_ref.fetch_add(1, Ordering::Relaxed))
    }

    /// Asks the VM to stop with `code`: every host call waiting on it returns.
    pub fn request_halt(&self, code: i32) {
        *self.halt.lock() = Some(code);
        self.output.flush();
        for w in self.waiters.lock().drain(..) {
            if let Some(c) = w.upgrade() {
                c.complete(CallResult::Halted(code));
            }
        }
    }

    /// Starts a process for the host, optionally trapping exits.
    fn spawn_opts(self: &Arc<Self>, start: Start, trap_exit: bool, done: Option<Arc<Completion>>) -> Pid {
        let h = self.build_process(start, trap_exit, None, None, done, None);
        let pid = h.pid;
        self.sched.schedule(&h);
        pid
    }

    /// Starts a new process, linked to `link` and monitored by `monitor` (reference and
    /// monitoring process) from its very first instruction.
    pub(crate) fn spawn_with(
        self: &Arc<Self>,
        start: Start,
        link: Option<Pid>,
        monitor: Option<(Ref, Pid)>,
        done: Option<Arc<Completion>>,
        group_leader: Option<Pid>,
    ) -> Pid {
        let h = self.spawn_held(start, link, monitor, done, group_leader);
        let pid = h.pid;
        self.sched.schedule_new(&h);
        pid
    }

    /// [`VmShared::spawn_with`], without scheduling the process: it runs once the caller
    /// hands the handle to the scheduler (after answering a spawn request, say, so that the
    /// answer goes out before anything the process does).
    pub(crate) fn spawn_held(
        self: &Arc<Self>,
        start: Start,
        link: Option<Pid>,
        monitor: Option<(Ref, Pid)>,
        done: Option<Arc<Completion>>,
        group_leader: Option<Pid>,
    ) -> Arc<ProcessHandle> {
        self.build_process(start, false, link, monitor, done, group_leader)
    }

    /// Makes a process in the table, not yet scheduled: its first call, whether it traps
    /// exits, its link and monitor from the start, the host call it completes, and its group
    /// leader.
    fn build_process(
        self: &Arc<Self>,
        start: Start,
        trap_exit: bool,
        link: Option<Pid>,
        monitor: Option<(Ref, Pid)>,
        done: Option<Arc<Completion>>,
        group_leader: Option<Pid>,
    ) -> Arc<ProcessHandle> {
        let vm = self.clone();
        self.processes.insert(move |pid| {
            let mut proc = Box::new(Proc::new(vm, pid));
            match start {
                Start::Mfa(m, f, args) => interp::start(&mut proc, m, f, args),
                Start::Fun(fun, args) => interp::start_fun(&mut proc, fun, args),
            }
            proc.trap_exit = trap_exit;
            // A new process's one link or monitor gets a vector of exactly one (a first
            // push would make room for four, through the general growth path).
            if let Some(l) = link {
                proc.extras_mut().links = crate::process::Links::one(l);
            }
            if let Some((r, by)) = monitor {
                proc.extras_mut().monitored_by = crate::process::SmallMap::one((r, by), Watch::Pid);
            }
            if done.is_some() {
                proc.rare_mut().completion = done;
            }
            if let Some(gl) = group_leader {
                proc.set_group_leader(gl);
            }
            ProcessHandle::new(pid, proc)
        })
    }

    /// Delivers a signal to a live process (dropped if it is gone).
    #[inline]
    pub(crate) fn signal(&self, to: Pid, s: Signal) -> bool {
        if !to.is_local() {
            // Another node's process: the distribution layer answers for it.
            self.dist.outgoing(to, s);
            return true;
        }
        // False when the process is gone, also if it died after the table lookup (its
        // inbox then refuses the signal).
        // The process is scheduled by an uncounted entry (see `Runnable`).
        let pushed = self.processes.with(to, |h| match h.push_or_return(s) {
            Err(_) => (false, None),
            Ok(true) => (true, Some((crate::sched::Runnable::new(h), h.home()))),
            Ok(false) => {
                self.wake_host(h);
                (true, None)
            }
        });
        match pushed {
            Some((delivered, wake)) => {
                if let Some((h, home)) = wake {
                    self.sched.push(h, home);
                }
                delivered
            }
            None => false,
        }
    }

    /// As `signal`, but a signal that no process takes comes back.
    pub(crate) fn signal_or_return(&self, to: Pid, s: Signal) -> Result<(), Signal> {
        if !to.is_local() {
            self.dist.outgoing(to, s);
            return Ok(());
        }
        let mut s = Some(s);
        let pushed = self.processes.with(to, |h| match s.take().map(|s| h.push_or_return(s)) {
            Some(Ok(true)) => Ok(Some((crate::sched::Runnable::new(h), h.home()))),
            Some(Ok(false)) => {
                self.wake_host(h);
                Ok(None)
            }
            Some(Err(back)) => Err(Some(back)),
            None => Err(None),
        });
        match pushed {
            Some(Ok(wake)) => {
                if let Some((h, home)) = wake {
                    self.sched.push(h, home);
                }
                Ok(())
            }
            Some(Err(back)) => back.map_or(Ok(()), Err),
            None => s.map_or(Ok(()), Err),
        }
    }

    /// Answers a signal that reached process `pid` after it ended, or after a kill: a link
    /// or a monitor finds no process, a message is dropped, and a reply sent there for an
    /// alias goes on to the owner.
    pub(crate) fn answer_late(&self, pid: Pid, s: Signal) {
        let noproc = Term::Atom(atoms::NOPROC);
        match s {
            Signal::Link(from) => {
                self.signal(from, Signal::Exit { from: pid, reason: noproc, linked: true });
            }
            Signal::Monitor { from, r, name } => self.send_down(from, r, name.unwrap_or(Term::Pid(pid)), noproc),
            // (The call's message goes where messages to an ended process go.)
            Signal::Call { from, r, .. } => self.send_down(from, r, Term::Pid(pid), noproc),
            // The process's own aliases are gone (or about to go).
            Signal::AliasMessage { alias, msg, direct: true, .. } => self.forward_to_alias(alias, msg),
            _ => {}
        }
    }

    /// Passes a reply sent directly to a process that does not own `alias` on to the owner
    /// the alias table gives, if the alias is active.
    pub(crate) fn forward_to_alias(&self, alias: Ref, msg: Term) {
        if let Some(owner) = self.aliases.owner(alias) {
            self.signal(owner, Signal::AliasMessage { alias, msg, direct: false, released: false });
        }
    }

    /// A signal reached a process that needs no scheduling: if it is a host mailbox, its
    /// waiter wakes.
    fn wake_host(&self, h: &ProcessHandle) {
        if h.is_host() {
            let _g = self.host_lock.lock().unwrap_or_else(|e| e.into_inner());
            self.host_cv.notify_all();
        }
    }

    /// Frees what VM-wide tables hold of a process that has just been marked exited: its
    /// ETS tables go to their heirs or are deleted before anyone can learn that it ended
    /// (even by a monitor answered with noproc), its open files close, its name is freed.
    /// Only the tables its `OWNS_*` bits name are looked into.
    fn release_owned(&self, h: &ProcessHandle) {
        let owns = h.owned();
        if owns & OWNS_ETS != 0 {
            crate::bif::ets::owner_exited(self, h.pid);
        }
        if owns & OWNS_FILES != 0 {
            crate::bif::files_owner_exited(self, h.pid);
        }
        if owns & OWNS_SOCKETS != 0 {
            crate::bif::sockets_owner_exited(self, h.pid);
        }
        if owns & OWNS_NAME != 0 {
            self.processes.unregister_pid(h.pid);
        }
    }

    /// Records that a VM-wide table (an `OWNS_*` bit) now holds something of `pid`. False
    /// if the process has ended: the caller must then free what it gave it.
    pub(crate) fn add_owned(&self, pid: Pid, bits: u8) -> bool {
        self.processes.with(pid, |h| {
            h.add_owned(bits);
            h.is_alive()
        }) == Some(true)
    }

    /// Ends a process: tells links and monitors, answers signals that came too late, frees
    /// the name and the slot, reports a crash.
    pub(crate) fn finish_process(
        &self,
        h: &Arc<ProcessHandle>,
        proc: &mut Proc,
        reason: Term,
        failure: Option<(Class, Term, Term)>,
    ) {
        let pid = h.pid;
        let stashed = proc.rare_made().map(|r| std::mem::take(&mut r.late)).unwrap_or_default();
        let late = h.mark_exited();
        self.release_owned(h);
        self.processes.remove(pid);
        if let Some((_, timer)) = proc.rare().timer_armed {
            self.timers.discard(timer);
        }
        // Unlinks and demonitors that arrived before the end are honoured: no exit signal
        // or 'DOWN' goes to whoever took its link or monitor back (so a demonitor whose
        // signal was delivered never needs to expect a 'DOWN'), nor to a linked process
        // whose own exit came.
        for (a, _) in proc.extras().aliases.iter() {
            self.aliases.remove(*a);
        }
        let mut unlinked = Vec::new();
        let mut demonitored = Vec::new();
        let mut unanswered = Vec::new();
        for s in stashed.into_iter().chain(late) {
            match s {
                Signal::Unlink(from) | Signal::Exit { from, linked: true, .. } => unlinked.push(from),
                Signal::Demonitor { from, r } => demonitored.push((r, from)),
                s => unanswered.push(s),
            }
        }
        if proc.rare().completion.as_ref().is_some_and(|c| c.halts) {
            if let Some(c) = &proc.rare().completion {
                if let Some(code) = *self.halt.lock() {
                    c.complete(CallResult::Halted(code));
                    return;
                }
                match failure {
                    Some((class, r, stack)) => c.complete(CallResult::Raised(class, r, stack)),
                    None => c.complete(match &proc.rare().result {
                        Some(v) => CallResult::Returned(v.clone()),
                        None => CallResult::Exited(reason),
                    }),
                }
            }
            return;
        }
        for l in proc.extras().links.iter().filter(|l| !unlinked.contains(l)) {
            self.signal(l, Signal::Exit { from: pid, reason: reason.clone(), linked: true });
        }
        for ((r, from), name) in proc.extras().monitored_by.iter() {
            if demonitored.contains(&(*r, *from)) {
                continue;
            }
            let who = match name {
                Watch::Name(n) => n.clone(),
                Watch::Pid | Watch::Call => Term::Pid(pid),
            };
            self.send_down(*from, *r, who, reason.clone());
        }
        for (r, (target, name)) in proc.extras().monitors.iter() {
            self.demonitor(pid, *r, *target, name.as_ref());
        }
        // Then the signals that found the process ended, as erl handles what is left in an
        // ended process's queue after its exit signals.
        for s in unanswered {
            self.answer_late(pid, s);
        }
        // (The halt code is read only by the two kinds of end that depend on it.)
        let halted = match (&proc.rare().completion, &failure) {
            (Some(_), _) | (None, Some((Class::Error | Class::Throw, _, _))) => *self.halt.lock(),
            _ => None,
        };
        match (&proc.rare().completion, failure) {
            (Some(c), _) if halted.is_some() => c.complete(CallResult::Halted(halted.unwrap_or(0))),
            (Some(c), None) => c.complete(match &proc.rare().result {
                Some(v) => CallResult::Returned(v.clone()),
                None => CallResult::Exited(reason.clone()),
            }),
            (Some(c), Some((class, r, stack))) => c.complete(CallResult::Raised(class, r, stack)),
            (None, Some((Class::Error | Class::Throw, _, _))) if halted.is_none() => {
                let text = format!(
                    "=ERROR REPORT==== {} ===\nError in process {} with exit value:\n{}\n\n",
                    crate::bif::now_text(),
                    crate::term::print::write_term(&Term::Pid(pid)),
                    crate::term::format::pretty(&reason, 0, 80, None)
                );
                self.output.err(text.as_bytes());
            }
            _ => {}
        }
    }

    /// Does standard output take Unicode (see [`VmConfig::unicode_output`])? Standard input
    /// is read with the same encoding.
    pub fn unicode_io(&self) -> bool {
        self.config.unicode_output
    }

    /// Writes characters to standard output or standard error, encoded as the VM's
    /// configuration says (see [`VmConfig::unicode_output`]).
    pub fn write_out(&self, stream: Stream, s: &str) {
        let mut bytes = Vec::with_capacity(s.len());
        for c in s.chars() {
            if self.config.unicode_output {
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            } else if (c as u32) < 256 {
                bytes.push(c as u32 as u8);
            } else {
                // A Latin-1 device (erl -noshell) shows other characters as \x{...}.
                bytes.extend_from_slice(format!("\\x{{{:X}}}", c as u32).as_bytes());
            }
        }
        match stream {
            Stream::Err => self.output.err(&bytes),
            Stream::Out => self.output.out(&bytes),
        }
    }

    /// Flushes buffered output (when the VM goes idle, and at exit).
    pub(crate) fn flush_output(&self) {
        self.output.flush();
    }

    /// Sends a message from a process. It takes the VM from the sender (`from.vm`), borrowed
    /// statement by statement: cloning the `Arc` would bump a counter every sender shares.
    pub(crate) fn send(from: &mut Proc, to: &Term, msg: Term) -> Result<(), Exception> {
        let dest = VmShared::destination(from, to)?;
        VmShared::deliver(from, dest, to, msg);
        Ok(())
    }

    /// Where a send to `to` goes; `badarg` if `to` is not a destination (the only way a send
    /// fails, so that a caller can keep the message until it is known to be sent).
    pub(crate) fn destination(from: &Proc, to: &Term) -> Result<Destination, Exception> {
        Ok(match to {
            Term::Pid(p) => Destination::Pid(*p),
            Term::Ref(r) => Destination::Alias(*r),
            Term::Atom(a) => Destination::Pid(from.vm.processes.whereis(*a).ok_or_else(Exception::badarg)?),
            Term::Tuple(t) if t.len() == 2 => match (&t[0], &t[1]) {
                (Term::Atom(name), Term::Atom(node)) if *node == atoms::NONODE || *node == from.vm.dist.node().name => {
                    // Unlike a bare name, an unknown {Name, Node} is not an error.
                    match from.vm.processes.whereis(*name) {
                        Some(pid) => Destination::Pid(pid),
                        None => Destination::Nowhere,
                    }
                }
                (Term::Atom(name), Term::Atom(node)) => Destination::Remote(*node, *name),
                _ => return Err(Exception::badarg()),
            },
            _ => return Err(Exception::badarg()),
        })
    }

    /// Sends `msg` to a destination found by [`VmShared::destination`] for `to`.
    pub(crate) fn deliver(from: &mut Proc, dest: Destination, to: &Term, msg: Term) {
        let pid = match dest {
            Destination::Pid(p) => p,
            Destination::Alias(r) => {
                if let Some((tracer, true, _)) = from.rare().trace {
                    VmShared::trace_send(from, tracer, &msg, to);
                }
                return VmShared::send_to_alias(from, r, msg);
            }
            Destination::Remote(node, name) => return from.vm.dist.send_to_name(from.pid, node, name, msg),
            Destination::Nowhere => return,
        };
        if let Some((tracer, true, _)) = from.rare().trace {
            VmShared::trace_send(from, tracer, &msg, to);
        }
        if pid == from.pid {
            from.take_in(std::iter::once(Signal::Message(msg)));
        } else {
            from.vm.signal(pid, Signal::Message(msg));
        }
    }

    /// Tells `tracer` of a send by a traced process.
    #[cold]
    pub(crate) fn trace_send(from: &Proc, tracer: Pid, msg: &Term, to: &Term) {
        let ev = Term::tuple([Term::atom("trace"), Term::Pid(from.pid), Term::atom("send"), msg.clone(), to.clone()]);
        from.vm.signal(tracer, Signal::Message(ev));
    }

    /// Sends a message to a process alias; dropped if the alias is not active (as erl does).
    pub(crate) fn send_to_alias(from: &mut Proc, alias: Ref, msg: Term) {
        if !alias.is_local() {
            return from.vm.dist.send_to_alias(from.pid, alias, msg);
        }
        let owner = from.vm.aliases.owner(alias);
        match owner {
            Some(pid) if pid == from.pid => {
                from.take_in(std::iter::once(Signal::AliasMessage { alias, msg, direct: false, released: false }))
            }
            Some(pid) => {
                from.vm.signal(pid, Signal::AliasMessage { alias, msg, direct: false, released: false });
            }
            None => {}
        }
    }

    /// The number of scheduler threads.
    pub fn scheduler_count(&self) -> usize {
        self.sched.workers()
    }

    /// Is the export callable now?
    pub fn is_callable(&self, m: Atom, f: Atom, a: u32) -> bool {
        !matches!(self.code.export(m, f, a).target(), Target::Undefined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CapturedOutput, VmConfig};
    use std::sync::Arc;

    /// A worker that never runs out of work still frees the handles of the processes that
    /// end meanwhile (they wait for the epoch collector, which a pinned worker must feed).
    #[test]
    fn a_busy_worker_frees_the_handles_of_ended_processes() {
        let config = VmConfig { schedulers: 1, ..VmConfig::default() };
        let vm = Vm::with_output(config, Arc::new(CapturedOutput::default()));
        let src = "-module(churn).\n-export([wait/0, run/2]).\n\
                   wait() -> receive stop -> ok end.\n\
                   run(P, N) -> P ! stop, spawn_all(N).\n\
                   spawn_all(0) -> ok;\n\
                   spawn_all(N) -> spawn(fun() -> ok end), spawn_all(N - 1).\n";
        if let Err(d) = vm.load_source("churn.erl", src) {
            panic!("does not compile: {d:?}");
        }
        let first = vm.spawn("churn", "wait", vec![]);
        let handle = match vm.shared.processes.get(first) {
            Some(h) => Arc::downgrade(&h),
            None => panic!("the first process is not in the table"),
        };
        // The collector is shared by every thread of the test binary: a thread of another
        // test pinned for long holds the epoch back, so the churn goes on (for a bounded
        // number of rounds) until the handle is freed. Without the worker feeding the
        // collector it is never freed.
        for _ in 0..50 {
            match vm.call("churn", "run", vec![Term::Pid(first), Term::Int(20_000)]) {
                CallResult::Returned(v) => assert_eq!(v.to_string(), "ok"),
                other => panic!("{other:?}"),
            }
            if handle.upgrade().is_none() {
                return;
            }
        }
        panic!("the handle of an ended process is still held");
    }
}
