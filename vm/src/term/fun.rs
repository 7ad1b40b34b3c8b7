//! Funs: closures over a module's lambda, and `fun M:F/A` export funs.
//!
//! A closure keeps the module version that made it alive (as in BEAM, a fun runs the code
//! it was made from); an export fun names its target and is resolved at each call.

use super::{Atom, Term};
use std::sync::Arc;

/// A fun value.
pub struct Fun {
    /// The module that defines the fun (or the export fun's target module).
    pub module: Atom,
    /// Closure or export.
    pub kind: FunKind,
}

/// The two kinds of fun.
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
}

impl Fun {
    /// The number of arguments the fun takes.
    pub fn arity(&self) -> u32 {
        match &self.kind {
            FunKind::Export { arity, .. } | FunKind::Local { arity, .. } => *arity,
        }
    }
}
