//! The compiler: AST to checked, verified bytecode.
//!
//! [`compile_module`] is a pure function from source to a module and diagnostics: it never
//! fails outright and never does I/O (included files come through a
//! [`SourceLoader`]). `codegen` checks scoping and emits code,
//! `ms_transform` turns `ets:fun2ms(fun ... end)` into a match specification for the modules
//! that ask for it, `moves` turns last uses of registers into moves, `fuse` lets a computation write the
//! variable its value is bound to instead of a temporary, `regalloc` packs each function's
//! registers into as few as it needs at once, `specialize` picks specialized forms of
//! common instructions, `verify` rejects bytecode a correct compiler cannot produce, `disasm` prints bytecode.

pub(crate) mod autoimport;
mod codegen;
pub mod disasm;
mod fuse;
mod moves;
mod ms_transform;
mod noreturn;
mod regalloc;
mod specialize;
mod verify;

use crate::code::{CodeServer, Module};
use crate::diagnostic::Diagnostic;
use crate::syntax::{self, PpOptions, SourceLoader};

pub(crate) use autoimport::{is_auto_imported, is_operator as is_operator_name};
pub(crate) use codegen::const_term;

/// The variable names used in `exprs`, in order of first appearance (for the shell, which
/// keeps bindings between inputs).
pub fn expr_variables(exprs: &[crate::syntax::ast::Expr]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in exprs {
        codegen::collect_vars(e, &mut |v| {
            if !out.iter().any(|x| x == v) {
                out.push(v.to_owned());
            }
        });
    }
    out
}

/// The outcome of compiling a module: the module if there were no errors, and every
/// diagnostic.
pub struct Compiled {
    /// The module, absent if there were errors.
    pub module: Option<Module>,
    /// Errors and warnings, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Compiles one module's source. `code` provides export entries for the module's external
/// calls.
pub fn compile_module(
    file: &str,
    src: &str,
    opts: &PpOptions,
    loader: &dyn SourceLoader,
    code: &CodeServer,
) -> Compiled {
    let mut diags = Vec::new();
    let mut ast = syntax::parse_module(file, src, opts, loader, &mut diags);
    if ms_transform::wanted(&ast) && !ms_transform::rewrite(&mut ast, file, &mut diags) {
        return Compiled { module: None, diagnostics: diags };
    }
    let module = codegen::generate(&ast, code, &mut diags).map(|mut m| {
        moves::mark_last_uses(&mut m);
        fuse::fuse_moves(&mut m);
        regalloc::pack_registers(&mut m);
        fuse::drop_self_moves(&mut m);
        moves::dead_sends(&mut m);
        specialize::specialize(&mut m);
        m
    });
    let module = match module {
        Some(m) if !diags.iter().any(|d| d.is_error()) => match verify::verify(&m) {
            Ok(()) => Some(m),
            Err(e) => {
                diags.push(Diagnostic::error(file, Default::default(), format!("internal error: bad bytecode: {e}")));
                None
            }
        },
        _ => None,
    };
    // Front-end errors come first, then the compiler's, each in the order found (as erlc).
    diags.dedup();
    Compiled { module, diagnostics: diags }
}
