//! Diagnostics: compile errors and warnings with a file, a line and a column.
//!
//! The front end collects diagnostics instead of stopping at the first; their wording follows
//! erlc's so that people recognise them.

use crate::syntax::token::Pos;
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The module cannot be compiled.
    Error,
    /// The module compiles, but something looks wrong.
    Warning,
}

/// One message about a place in a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the message is about.
    pub file: String,
    /// Where in the file.
    pub pos: Pos,
    /// The message, in erlc's words.
    pub message: String,
}

impl Diagnostic {
    /// An error at `pos` in `file`.
    pub fn error(file: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, file: file.to_owned(), pos, message: message.into() }
    }

    /// A warning at `pos` in `file`.
    pub fn warning(file: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, file: file.to_owned(), pos, message: message.into() }
    }

    /// Is this an error?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warn = if self.severity == Severity::Warning { "Warning: " } else { "" };
        write!(f, "{}:{}:{}: {}{}", self.file, self.pos.line, self.pos.col, warn, self.message)
    }
}
