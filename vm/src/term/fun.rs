//! Funs: closures over a module's lambda, and `fun M:F/A` export funs.
//!
//! A closure keeps the module version that made it alive (as in BEAM, a fun runs the code
//! it was made from); an export fun names its target and is resolved at each call.

use super::{Atom, Pid, Term};
use std::sync::Arc;

/// A fun value.
pub struct Fun {
    /// The module that defines the fun (or the export fun's target module).
    pub module: Atom,
    /// Closure or export.
    pub kind: FunKind,
}

/// The kinds of fun.
pub enum FunKind {
    /// `fun M:F/A`.
    Export {
        /// The function's name.
        function: Atom,
        /// The function's arity.
        arity: u32,
    },
    /// A closure made by `fun (...) -> ... end` in a module.
    Local {
        /// The lambda's index in its module.
        index: u32,
        /// The number of arguments the fun takes.
        arity: u32,
        /// A hash of the lambda's code, shown when the fun is printed.
        uniq: u32,
        /// The captured variables.
        env: Vec<Term>,
        /// The module version the fun was made from.
        code: Arc<crate::code::Module>,
    },
    /// A closure made on another node, as the external term format carried it: it can be
    /// kept, compared, printed and sent on (unchanged), but not called here.
    Foreign(Box<ForeignFun>),
}

/// The fields of a closure of another node (`NEW_FUN_EXT`).
pub struct ForeignFun {
    /// The lambda's index in its module (`OldIndex`, which printing shows).
    pub index: u32,
    /// A hash of the lambda's code (`OldUniq`, which printing shows).
    pub uniq: u32,
    /// The number of arguments the fun takes.
    pub arity: u32,
    /// The index into the module's fun table (`Index`).
    pub new_index: u32,
    /// The MD5 of the module's code (`Uniq`).
    pub md5: [u8; 16],
    /// The process that made it.
    pub creator: Pid,
    /// The captured values.
    pub env: Vec<Term>,
}

impl Fun {
    /// The number of arguments the fun takes.
    pub fn arity(&self) -> u32 {
        match &self.kind {
            FunKind::Export { arity, .. } | FunKind::Local { arity, .. } => *arity,
            FunKind::Foreign(f) => f.arity,
        }
    }

    /// A closure's lambda index, code hash and captured values (local or foreign); None
    /// for an export fun.
    pub fn closure(&self) -> Option<(u32, u32, &[Term])> {
        match &self.kind {
            FunKind::Export { .. } => None,
            FunKind::Local { index, uniq, env, .. } => Some((*index, *uniq, env)),
            FunKind::Foreign(f) => Some((f.index, f.uniq, &f.env)),
        }
    }
}
