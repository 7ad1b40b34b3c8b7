//! The code server: loaded modules and the export table.
//!
//! A module is immutable bytecode once loaded. Each `{M, F, A}` ever referred to has one
//! [`Export`] entry whose target is swapped when a module is (re)loaded, so that fully
//! qualified calls always reach the newest version while running code keeps the version it
//! holds (the old one stays alive as long as a frame or a fun refers to it).
//!
//! A function can be both a built-in and defined in its module's Erlang source (`io:format/3`
//! is both): the built-in always takes the call first, whenever the module was loaded, and
//! may decline it (`Origin::Declined`), handing it to the Erlang definition, which the entry
//! keeps beside the built-in. So a built-in covers the fast cases and the library the rest.

use crate::bif::BifId;
use crate::interp::op::Op;
use crate::term::{Atom, Term};
use cell::EpochCell;
use parking_lot::RwLock;
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

mod cell;

/// A function in a module.
#[derive(Clone, Debug)]
pub struct FunctionInfo {
    /// Its name.
    pub name: Atom,
    /// Its arity (for lambdas: the arity of the fun, not counting captured values).
    pub arity: u32,
    /// The address of its first instruction.
    pub entry: u32,
    /// The number of registers its frame needs.
    pub nslots: u32,
    /// It can never return (see `compile::noreturn`): stack traces leave out the frames of
    /// its callers that wait for it outside a `try`, as erl's do.
    pub never_returns: bool,
}

/// A lambda (fun expression) in a module.
#[derive(Clone, Debug)]
pub struct LambdaInfo {
    /// The function that implements it (index into `functions`); its registers hold the
    /// fun's arguments first, then the captured values.
    pub func: u32,
    /// The fun's arity.
    pub arity: u32,
    /// The number of captured values.
    pub nfree: u32,
    /// A hash of its code, shown when the fun is printed.
    pub uniq: u32,
}

/// A compiled module.
pub struct Module {
    /// The module's name.
    pub name: Atom,
    /// The source file it came from.
    pub file: String,
    /// The instructions of every function, one after the other.
    pub code: Vec<Op>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    /// Literal terms the code refers to.
    pub literals: Vec<Term>,
    /// The functions, in address order.
    pub functions: Vec<FunctionInfo>,
    /// The lambdas.
    pub lambdas: Vec<LambdaInfo>,
    /// Exported functions: name, arity, function index.
    pub exports: Vec<(Atom, u32, u32)>,
    /// The external functions the code calls.
    pub imports: Vec<Arc<Export>>,
    /// `module_info(attributes)`.
    pub attributes: Term,
    /// The record definitions, for the shell: name and field names.
    pub records: Vec<(Atom, Vec<Atom>)>,
    /// Native code for the functions that have it (see `crate::jit`).
    pub native: crate::jit::Native,
}

impl Module {
    /// The function whose code contains `pc`.
    pub fn function_at(&self, pc: u32) -> Option<&FunctionInfo> {
        let i = self.functions.partition_point(|f| f.entry <= pc);
        i.checked_sub(1).map(|i| &self.functions[i])
    }

    /// The index of the exported or local function `name/arity`.
    pub fn find_function(&self, name: Atom, arity: u32) -> Option<u32> {
        self.functions.iter().position(|f| f.name == name && f.arity == arity).map(|i| i as u32)
    }

    /// The source line of the instruction at `pc`.
    pub fn line_at(&self, pc: u32) -> u32 {
        self.lines.get(pc as usize).copied().unwrap_or(0)
    }
}

/// What an export entry currently points at.
#[derive(Clone)]
pub enum Target {
    /// Nothing is loaded for it: calling it is `undef` (after trying to load the module).
    Undefined,
    /// Erlang code.
    Code {
        /// The module.
        module: Arc<Module>,
        /// The function index.
        func: u32,
    },
    /// A built-in function (which may hand a call to [`Export::fallback`]).
    Bif(BifId),
}

/// One `{Module, Function, Arity}` that code can call.
pub struct Export {
    /// The module.
    pub module: Atom,
    /// The function.
    pub function: Atom,
    /// The arity.
    pub arity: u32,
    target: EpochCell<Target>,
    /// For a built-in: the Erlang definition of the same function, once its module is loaded.
    fallback: RwLock<Option<(Arc<Module>, u32)>>,
}

impl Export {
    /// What the entry points at now.
    pub fn target(&self) -> Target {
        self.target.get()
    }

    /// The Erlang definition (module and function index) of a function that is also a
    /// built-in, for the calls the built-in declines.
    pub fn fallback(&self) -> Option<(Arc<Module>, u32)> {
        self.fallback.read().clone()
    }
}

/// Loaded modules and the export table of one VM.
#[derive(Default)]
pub struct CodeServer {
    /// Tells this VM's entries in the threads' export caches from other VMs'.
    id: ServerId,
    modules: RwLock<FxHashMap<Atom, ModuleVersions>>,
    /// Keyed by small integers, so hashed with FxHash (SipHash's collision resistance buys
    /// nothing here, and this lookup is on every `M:F(...)` call with a computed module).
    exports: RwLock<FxHashMap<(Atom, Atom, u32), Arc<Export>>>,
}

#[derive(Default, Clone)]
struct ModuleVersions {
    current: Option<Arc<Module>>,
    old: Option<Arc<Module>>,
}

/// A number unique to each code server of the OS process.
struct ServerId(u64);

impl Default for ServerId {
    fn default() -> ServerId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        ServerId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// How many export entries each thread keeps at hand for `M:F(...)` calls (a power of two).
const EXPORT_CACHE: usize = 64;

/// One thread's cache of export entries: server, module, function and arity, and the
/// entry (entries are never removed from a server's table, so one stays valid while the
/// `Arc` keeps it).
type CacheSlot = Option<(u64, Atom, Atom, u32, Arc<Export>)>;

thread_local! {
    static EXPORTS: std::cell::RefCell<Vec<CacheSlot>> = std::cell::RefCell::new(vec![None; EXPORT_CACHE]);
}

impl CodeServer {
    /// An empty code server.
    pub fn new() -> CodeServer {
        CodeServer::default()
    }

    /// The Erlang code `{m, f, a}` runs now, if it is Erlang code (not a built-in, not
    /// undefined): the path of `M:F(...)` calls with a computed module. The entry comes
    /// from a small per-thread cache, so a server loop's `Mod:handle_call(...)` takes no lock.
    pub fn code_target(&self, m: Atom, f: Atom, a: u32) -> Option<(Arc<Module>, u32)> {
        let h = (m.index() as usize)
            .wrapping_mul(31)
            .wrapping_add(f.index() as usize)
            .wrapping_mul(31)
            .wrapping_add(a as usize);
        let slot = h & (EXPORT_CACHE - 1);
        let target = EXPORTS.with(|c| {
            let mut c = c.borrow_mut();
            match &c[slot] {
                Some((id, m2, f2, a2, e)) if *id == self.id.0 && *m2 == m && *f2 == f && *a2 == a => e.target(),
                _ => {
                    let e = self.export(m, f, a);
                    let t = e.target();
                    c[slot] = Some((self.id.0, m, f, a, e));
                    t
                }
            }
        });
        match target {
            Target::Code { module, func } => Some((module, func)),
            _ => None,
        }
    }

    /// The export entry for `{m, f, a}`, made (undefined) if it does not exist yet.
    pub fn export(&self, m: Atom, f: Atom, a: u32) -> Arc<Export> {
        if let Some(e) = self.exports.read().get(&(m, f, a)) {
            return e.clone();
        }
        let mut exports = self.exports.write();
        exports
            .entry((m, f, a))
            .or_insert_with(|| {
                Arc::new(Export {
                    module: m,
                    function: f,
                    arity: a,
                    target: EpochCell::new(Target::Undefined),
                    fallback: RwLock::new(None),
                })
            })
            .clone()
    }

    /// Registers a built-in as the target of `{m, f, a}`.
    pub fn register_bif(&self, m: Atom, f: Atom, a: u32, bif: BifId) {
        self.export(m, f, a).target.update(|_| Some(Target::Bif(bif)));
    }

    /// Loads a module (replacing the current version, which becomes old) and points its
    /// exports at it; an export that is a built-in stays one, with the module's definition
    /// as its fallback. Returns the previous old version, which the caller purges.
    pub fn load(&self, module: Arc<Module>) -> Option<Arc<Module>> {
        let name = module.name;
        let mut modules = self.modules.write();
        let entry = modules.entry(name).or_default();
        let purged = entry.old.take();
        let previous = entry.current.replace(module.clone());
        entry.old = previous.clone();
        drop(modules);
        // Exports of the old version that the new one no longer has become undefined.
        if let Some(prev) = &previous {
            for &(f, a, _) in &prev.exports {
                if !module.exports.iter().any(|&(f2, a2, _)| f2 == f && a2 == a) {
                    self.undefine(name, f, a);
                }
            }
        }
        for &(f, a, func) in &module.exports {
            let e = self.export(name, f, a);
            e.target.update(|target| match target {
                Target::Bif(_) => {
                    *e.fallback.write() = Some((module.clone(), func));
                    None
                }
                _ => Some(Target::Code { module: module.clone(), func }),
            });
        }
        purged
    }

    /// Drops a module's old version (`code:purge/1`). Processes still in it keep it alive
    /// until they leave it.
    pub fn purge(&self, name: Atom) -> Option<Arc<Module>> {
        self.modules.write().get_mut(&name).and_then(|v| v.old.take())
    }

    /// Makes a module's current version old (`code:delete/1`): its exports become undefined
    /// (a built-in stays one, without the module's definition behind it). False if the module
    /// has no current version, or still has an old one (which must be purged first).
    pub fn delete(&self, name: Atom) -> bool {
        let mut modules = self.modules.write();
        let Some(entry) = modules.get_mut(&name) else { return false };
        if entry.old.is_some() {
            return false;
        }
        let Some(current) = entry.current.take() else { return false };
        entry.old = Some(current.clone());
        drop(modules);
        for &(f, a, _) in &current.exports {
            self.undefine(name, f, a);
        }
        true
    }

    /// An export whose module no longer defines it: undefined, or a built-in without the
    /// module's definition behind it.
    fn undefine(&self, m: Atom, f: Atom, a: u32) {
        let e = self.export(m, f, a);
        e.target.update(|target| match target {
            Target::Bif(_) => {
                *e.fallback.write() = None;
                None
            }
            _ => Some(Target::Undefined),
        });
    }

    /// The current version of a module.
    pub fn get(&self, name: Atom) -> Option<Arc<Module>> {
        self.modules.read().get(&name).and_then(|v| v.current.clone())
    }

    /// Is the module loaded?
    pub fn is_loaded(&self, name: Atom) -> bool {
        self.get(name).is_some()
    }

    /// The names of all loaded modules.
    pub fn loaded(&self) -> Vec<Atom> {
        let mut v: Vec<Atom> =
            self.modules.read().iter().filter(|(_, v)| v.current.is_some()).map(|(k, _)| *k).collect();
        v.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        v
    }

    /// Does `{m, f, a}` resolve to something callable now?
    pub fn is_exported(&self, m: Atom, f: Atom, a: u32) -> bool {
        self.exports.read().get(&(m, f, a)).is_some_and(|e| !matches!(e.target(), Target::Undefined))
    }
}
