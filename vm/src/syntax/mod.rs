//! The front end: source text to an abstract syntax tree.
//!
//! `lexer` makes tokens, `preprocess` expands macros, includes and conditionals, `parser`
//! builds the AST. All three collect diagnostics and go on; none does I/O except through
//! the [`preprocess::SourceLoader`] it is given.

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod preprocess;
pub mod token;

use crate::diagnostic::Diagnostic;
pub use preprocess::{PpOptions, SourceLoader};

/// Lexes, preprocesses and parses a whole module.
pub fn parse_module(
    file: &str,
    src: &str,
    opts: &PpOptions,
    loader: &dyn SourceLoader,
    diags: &mut Vec<Diagnostic>,
) -> ast::ModuleAst {
    let forms = preprocess::preprocess(file, src, opts, loader, diags);
    parser::parse_forms(file, forms, diags)
}
