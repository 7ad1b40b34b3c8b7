//! The VM as a value: a code server, the module sources it may load, its output, and the
//! processes it runs. Two `Vm`s in one OS process are independent (they share only the
//! atom table).

use crate::code::{CodeServer, Target};
use crate::compile::{compile_module, Compiled};
use crate::diagnostic::Diagnostic;
use crate::interp::exception::{Class, Exception};
use crate::interp::{self, Outcome};
use crate::process::Proc;
use crate::syntax::{PpOptions, SourceLoader};
use crate::term::{Atom, Pid, Ref, Term};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;

/// Where a VM's standard output and standard error go.
pub trait Output: Send + Sync {
    /// Writes bytes to standard output.
    fn out(&self, bytes: &[u8]);
    /// Writes bytes to standard error.
    fn err(&self, bytes: &[u8]);
    /// Flushes both.
    fn flush(&self) {}
}

/// The process's real standard output and error.
pub struct StdOutput {
    out: Mutex<std::io::BufWriter<std::io::Stdout>>,
}

impl Default for StdOutput {
    fn default() -> StdOutput {
        StdOutput { out: Mutex::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout())) }
    }
}

impl Output for StdOutput {
    fn out(&self, bytes: &[u8]) {
        let _ = self.out.lock().write_all(bytes);
    }
    fn err(&self, bytes: &[u8]) {
        let _ = self.out.lock().flush();
        let _ = std::io::stderr().write_all(bytes);
    }
    fn flush(&self) {
        let _ = self.out.lock().flush();
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
}

/// The state every process of a VM shares.
pub struct VmShared {
    /// Loaded modules and exports.
    pub code: CodeServer,
    config: VmConfig,
    builtin: HashMap<&'static str, &'static str>,
    output: Arc<dyn Output>,
    next_ref: AtomicU64,
    next_pid: AtomicU32,
    halt: Mutex<Option<i32>>,
    load_lock: Mutex<()>,
}

/// A virtual machine.
#[derive(Clone)]
pub struct Vm {
    shared: Arc<VmShared>,
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
    /// A new VM writing to the process's standard output.
    pub fn new(config: VmConfig) -> Vm {
        Vm::with_output(config, Arc::new(StdOutput::default()))
    }

    /// A new VM writing to `output`.
    pub fn with_output(config: VmConfig, output: Arc<dyn Output>) -> Vm {
        let code = CodeServer::new();
        for (id, d) in crate::bif::all() {
            code.register_bif(Atom::new(d.module), Atom::new(d.name), d.arity, id);
        }
        let builtin = config.builtin_modules.iter().copied().collect();
        Vm {
            shared: Arc::new(VmShared {
                code,
                config,
                builtin,
                output,
                next_ref: AtomicU64::new(1),
                next_pid: AtomicU32::new(80),
                halt: Mutex::new(None),
                load_lock: Mutex::new(()),
            }),
        }
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

    /// Reads, compiles and loads a file.
    pub fn load_file(&self, path: &Path) -> Result<(Atom, Vec<Diagnostic>), Vec<Diagnostic>> {
        match std::fs::read_to_string(path) {
            Ok(src) => self.load_source(&path.to_string_lossy(), &src),
            Err(e) => Err(vec![Diagnostic::error(
                &path.to_string_lossy(),
                Default::default(),
                format!("cannot read file: {e}"),
            )]),
        }
    }

    /// Adds a directory to the code path.
    pub fn add_code_path(&mut self, dir: PathBuf) {
        if let Some(s) = Arc::get_mut(&mut self.shared) {
            s.config.code_path.push(dir);
        }
    }

    /// Runs `m:f(args)` in a new process until it returns or fails.
    pub fn call(&self, m: &str, f: &str, args: Vec<Term>) -> CallResult {
        let pid = self.shared.new_pid();
        let mut proc = Proc::new(self.shared.clone(), pid);
        interp::start(&mut proc, Atom::new(m), Atom::new(f), args);
        let r = loop {
            match interp::run(&mut proc, 4000) {
                Outcome::Yield => {}
                Outcome::Wait(deadline) => {
                    // With one process, nothing can send a message: wait out the timeout.
                    match deadline {
                        Some(d) => {
                            let now = std::time::Instant::now();
                            if d > now {
                                std::thread::sleep(d - now);
                            }
                        }
                        None => loop {
                            std::thread::park();
                        },
                    }
                }
                Outcome::Done(v) => break CallResult::Returned(v),
                Outcome::Failed(c, r, s) => {
                    if let Some(code) = *self.shared.halt.lock() {
                        break CallResult::Halted(code);
                    }
                    break CallResult::Raised(c, r, s);
                }
            }
        };
        self.shared.output.flush();
        r
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

impl VmShared {
    fn compile(&self, file: &str, src: &str) -> Compiled {
        let opts = PpOptions { include_paths: self.config.include_paths.clone(), defines: Vec::new() };
        let loader = FsLoader { builtin_includes: &self.config.builtin_includes };
        compile_module(file, src, &opts, &loader, &self.code)
    }

    fn load_source(&self, file: &str, src: &str) -> Result<(Atom, Vec<Diagnostic>), Vec<Diagnostic>> {
        let c = self.compile(file, src);
        match c.module {
            Some(m) => {
                let name = m.name;
                self.code.load(Arc::new(m));
                Ok((name, c.diagnostics))
            }
            None => Err(c.diagnostics),
        }
    }

    /// Makes sure module `name` is loaded, compiling it from the built-in sources or the
    /// code path if needed. Returns whether it is loaded.
    pub fn ensure_loaded(&self, name: Atom) -> bool {
        if self.code.is_loaded(name) {
            return true;
        }
        let _guard = self.load_lock.lock();
        if self.code.is_loaded(name) {
            return true;
        }
        let n = name.as_str();
        for dir in &self.config.code_path {
            let path = dir.join(format!("{n}.erl"));
            if let Ok(src) = std::fs::read_to_string(&path) {
                return match self.load_source(&path.to_string_lossy(), &src) {
                    Ok(_) => true,
                    Err(diags) => {
                        for d in diags {
                            self.output.err(format!("{d}\n").as_bytes());
                        }
                        false
                    }
                };
            }
        }
        if let Some(src) = self.builtin.get(n) {
            return match self.load_source(&format!("{n}.erl"), src) {
                Ok(_) => true,
                Err(diags) => {
                    for d in diags {
                        self.output.err(format!("{d}\n").as_bytes());
                    }
                    false
                }
            };
        }
        false
    }

    /// A fresh reference.
    pub fn make_ref(&self) -> Ref {
        Ref(self.next_ref.fetch_add(1, Ordering::Relaxed))
    }

    /// A fresh pid.
    pub fn new_pid(&self) -> Pid {
        Pid::new(self.next_pid.fetch_add(1, Ordering::Relaxed), 0)
    }

    /// Asks the VM to stop with `code`.
    pub fn request_halt(&self, code: i32) {
        *self.halt.lock() = Some(code);
    }

    /// Writes characters to an I/O device (`standard_io` when None). Characters below 256
    /// are written as single bytes, as erl does on a non-interactive device; others in UTF-8.
    pub fn write_out(&self, dev: Option<&Term>, s: &str) {
        let mut bytes = Vec::with_capacity(s.len());
        for c in s.chars() {
            if (c as u32) < 256 {
                bytes.push(c as u32 as u8);
            } else {
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        match dev {
            Some(Term::Atom(a)) if a.as_str() == "standard_error" => self.output.err(&bytes),
            _ => self.output.out(&bytes),
        }
    }

    /// Sends a message.
    pub(crate) fn send(&self, from: &mut Proc, to: &Term, msg: Term) -> Result<(), Exception> {
        match to {
            Term::Pid(p) if *p == from.pid => {
                from.deliver(msg);
                Ok(())
            }
            Term::Pid(_) => Ok(()),
            Term::Atom(_) => Err(Exception::badarg()),
            Term::Tuple(t) if t.len() == 2 => Ok(()),
            _ => Err(Exception::badarg()),
        }
    }

    /// Is the export callable now?
    pub fn is_callable(&self, m: Atom, f: Atom, a: u32) -> bool {
        !matches!(self.code.export(m, f, a).target(), Target::Undefined)
    }
}
