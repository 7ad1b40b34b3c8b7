//! The atom table: atoms are indices into one process-wide, append-only table of names.
//!
//! The table is shared by every VM in the process (atoms are immutable names, so sharing
//! them is harmless) and never shrinks, as in BEAM. It does not know about term order:
//! atoms compare by their text, which `order.rs` reads from here.

use parking_lot::RwLock;
use std::collections::HashMap;
use std::sync::OnceLock;

/// An interned atom: an index into the atom table (held in a full word, as every payload
/// of a `Term` is: see `FloatBits`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(u64);

/// The most atoms a table may hold, as in BEAM's default atom limit.
pub(crate) const MAX_ATOMS: usize = 1_048_576;

/// The most characters an atom may have.
pub const MAX_ATOM_CHARS: usize = 255;

struct Table {
    names: Vec<&'static str>,
    index: HashMap<&'static str, u32>,
}

macro_rules! predefined_atoms {
    ($($name:ident = $text:expr,)*) => {
        #[allow(missing_docs)]
        pub mod atoms {
            use super::Atom;
            predefined_atoms!(@consts 0u64; $($name,)*);
        }
        const PREDEFINED: &[&str] = &[$($text,)*];
    };
    (@consts $n:expr; $first:ident, $($rest:ident,)*) => {
        pub const $first: Atom = Atom($n);
        predefined_atoms!(@consts $n + 1; $($rest,)*);
    };
    (@consts $n:expr;) => {};
}

predefined_atoms! {
    FALSE = "false",
    TRUE = "true",
    OK = "ok",
    ERROR = "error",
    EXIT = "exit",
    THROW = "throw",
    UNDEFINED = "undefined",
    NIL_ATOM = "nil",
    BADARG = "badarg",
    BADARITH = "badarith",
    BADMATCH = "badmatch",
    FUNCTION_CLAUSE = "function_clause",
    CASE_CLAUSE = "case_clause",
    IF_CLAUSE = "if_clause",
    TRY_CLAUSE = "try_clause",
    UNDEF = "undef",
    BADFUN = "badfun",
    BADARITY = "badarity",
    BADKEY = "badkey",
    BADMAP = "badmap",
    BAD_GENERATOR = "bad_generator",
    BADRECORD = "badrecord",
    SYSTEM_LIMIT = "system_limit",
    NORMAL = "normal",
    KILL = "kill",
    KILLED = "killed",
    NOPROC = "noproc",
    NOCONNECTION = "noconnection",
    NOCONNECT = "noconnect",
    NOSUSPEND = "nosuspend",
    TIMEOUT = "timeout",
    INFINITY = "infinity",
    ERLANG = "erlang",
    EXIT_TAG = "EXIT",
    DOWN = "DOWN",
    PROCESS = "process",
    FILE = "file",
    LINE = "line",
    ERROR_INFO = "error_info",
    NONODE = "nonode@nohost",
    MODULE_INFO = "module_info",
    DECIMALS = "decimals",
    SCIENTIFIC = "scientific",
    COMPACT = "compact",
    SHORT = "short",
    UTF8 = "utf8",
    LATIN1 = "latin1",
    UNICODE = "unicode",
    NOMATCH = "nomatch",
    STANDARD_IO = "standard_io",
    STANDARD_ERROR = "standard_error",
    UNDEFINED_FUNCTION = "undefined_function",
    EMPTY = "",
    PRIORITY = "priority",
    TRAP_EXIT = "trap_exit",
    NOTSUP = "notsup",
    NOCOOKIE = "nocookie",
    IGNORED = "ignored",
    NODEDOWN = "nodedown",
    LINK = "link",
    MONITOR = "monitor",
    INFO = "info",
    FLUSH = "flush",
    NAME = "name",
    MODULE = "module",
    EXPORTS = "exports",
    ATTRIBUTES = "attributes",
    FUNCTIONS = "functions",
    ARITY = "arity",
    ENV = "env",
    TYPE = "type",
    LOCAL = "local",
    EXTERNAL = "external",
    APPLY = "apply",
    ALIAS = "alias",
    DEMONITOR = "demonitor",
    REPLY_DEMONITOR = "reply_demonitor",
    EXPLICIT_UNALIAS = "explicit_unalias",
    REPLY = "reply",
}

fn table() -> &'static RwLock<Table> {
    static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table { names: Vec::with_capacity(4096), index: HashMap::with_capacity(4096) };
        for name in PREDEFINED {
            let i = t.names.len() as u32;
            t.names.push(name);
            t.index.insert(name, i);
        }
        RwLock::new(t)
    })
}

/// Why an atom could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtomError {
    /// The name has more than [`MAX_ATOM_CHARS`] characters.
    TooLong,
    /// The table is full.
    TableFull,
}

impl Atom {
    /// Interns `name`, failing as Erlang does (`system_limit`) when it is too long or the
    /// table is full.
    pub fn try_new(name: &str) -> Result<Atom, AtomError> {
        if let Some(&i) = table().read().index.get(name) {
            return Ok(Atom(i as u64));
        }
        if name.chars().count() > MAX_ATOM_CHARS {
            return Err(AtomError::TooLong);
        }
        let mut t = table().write();
        if let Some(&i) = t.index.get(name) {
            return Ok(Atom(i as u64));
        }
        if t.names.len() >= MAX_ATOMS {
            return Err(AtomError::TableFull);
        }
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let i = t.names.len() as u32;
        t.names.push(leaked);
        t.index.insert(leaked, i);
        Ok(Atom(i as u64))
    }

    /// Interns `name`. Names from source code and the VM itself are short; an overlong or
    /// overflowing name yields the atom `''`'s sibling `system_limit` rather than panicking.
    pub fn new(name: &str) -> Atom {
        Atom::try_new(name).unwrap_or(atoms::SYSTEM_LIMIT)
    }

    /// Looks `name` up without creating it (`list_to_existing_atom`).
    pub fn existing(name: &str) -> Option<Atom> {
        table().read().index.get(name).map(|&i| Atom(i as u64))
    }

    /// The atom's text.
    pub fn as_str(self) -> &'static str {
        table().read().names[self.0 as usize]
    }

    /// The atom's index in the table.
    pub fn index(self) -> u32 {
        self.0 as u32
    }

    /// The atom with table index `i`, if there is one.
    pub fn from_index(i: u32) -> Option<Atom> {
        if (i as usize) < table().read().names.len() {
            Some(Atom(i as u64))
        } else {
            None
        }
    }

    /// The number of atoms in the table.
    pub fn count() -> usize {
        table().read().names.len()
    }
}

impl std::fmt::Debug for Atom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", crate::term::print::quote_atom(self.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_atoms_have_their_names() {
        assert_eq!(atoms::OK.as_str(), "ok");
        assert_eq!(atoms::EXTERNAL.as_str(), "external");
        assert_eq!(Atom::new("true"), atoms::TRUE);
    }

    #[test]
    fn interning_is_idempotent() {
        let a = Atom::new("some_fresh_atom_for_test");
        assert_eq!(a, Atom::new("some_fresh_atom_for_test"));
        assert_eq!(a.as_str(), "some_fresh_atom_for_test");
        assert_eq!(Atom::try_new(&"x".repeat(256)), Err(AtomError::TooLong));
    }
}
