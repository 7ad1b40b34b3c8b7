//! Extended error information for failing built-ins: the `*** argument N: ...` lines that
//! erl prints under a failed call, for the common built-ins.
//!
//! Only the explanations for built-ins we know are given; for others nothing is added.
//! Those for `io` read the `cause` that `io.erl` puts in the frame's `error_info`, as erl's
//! `erl_stdlib_errors` does (format strings are not analysed).

use crate::term::Term;

/// The explanation lines for `module:function(args)` failing with `reason`; `cause` is
/// the frame's `error_info` cause, if any.
pub(crate) fn explain_args(
    module: &str,
    function: &str,
    args: &[Term],
    reason: &Term,
    cause: Option<&Term>,
) -> Vec<String> {
    if module == "io" {
        return explain_io(function, args, cause);
    }
    let arg = |n: usize, text: &str| vec![format!("argument {n}: {text}")];
    let cause_is = |c: &str| cause.and_then(|t| t.as_atom()).is_some_and(|a| a.as_str() == c);
    if module == "ets" {
        // The table errors carry their cause, as erl_stdlib_errors reads it.
        return if cause_is("id") {
            arg(1, "the table identifier does not refer to an existing ETS table")
        } else if cause_is("access") {
            arg(1, "the table identifier refers to an ETS table with insufficient access rights")
        } else if cause_is("badkey") {
            arg(2, "not a key that exists in the table")
        } else if function == "new" && args.len() == 2 {
            arg(2, "invalid options")
        } else {
            Vec::new()
        };
    }
    let is_map = |t: &Term| matches!(t, Term::Map(_));
    match (module, function, args) {
        ("lists", "keyfind" | "keymember" | "keysearch", [_, Term::Int(n), _]) if *n < 1 => {
            return arg(2, "out of range")
        }
        ("lists", "member", [_, l]) if !l.is_list() => return arg(2, "not a list"),
        ("maps", "merge", [a, _]) if !is_map(a) => return arg(1, "not a map"),
        ("maps", "merge", [_, b]) if !is_map(b) => return arg(2, "not a map"),
        ("maps", "keys" | "values" | "to_list", [m]) if !is_map(m) => return arg(1, "not a map"),
        ("maps", "put" | "update", [_, _, m]) if !is_map(m) => return arg(3, "not a map"),
        ("maps", "remove" | "find", [_, m]) if !is_map(m) => return arg(2, "not a map"),
        ("binary", "part", [b, ..]) if b.is_binary() => return arg(2, "out of range"),
        ("binary", "part", [_, ..]) => return arg(1, "not a binary"),
        _ => {}
    }
    if module != "erlang" {
        return Vec::new();
    }
    if function == "monitor" && args.len() == 3 && cause_is("badopt") {
        // erl's explanation also names a target that is not a pid (even a valid name).
        let mut lines = if matches!(args[1], Term::Pid(_)) { Vec::new() } else { arg(2, "not a pid") };
        lines.extend(arg(3, "invalid option in list"));
        return lines;
    }
    let is_badarg = reason.as_atom().is_some_and(|a| a.as_str() == "badarg");
    let is_badkey = matches!(reason.as_tuple(), Some([t, _]) if t.as_atom().is_some_and(|a| a.as_str() == "badkey"));
    match (function, args) {
        ("atom_to_list" | "atom_to_binary", [a, ..]) if !matches!(a, Term::Atom(_)) => arg(1, "not an atom"),
        ("hd" | "tl", [_]) if is_badarg => arg(1, "not a nonempty list"),
        ("length", [_]) if is_badarg => arg(1, "not a list"),
        ("element", [i, t]) => match (i, t) {
            (Term::Int(_), Term::Tuple(_)) => arg(1, "out of range"),
            (Term::Int(_), _) => arg(2, "not a tuple"),
            _ => arg(1, "not an integer"),
        },
        ("setelement", [i, t, _]) => match (i, t) {
            (Term::Int(_), Term::Tuple(_)) => arg(1, "out of range"),
            (Term::Int(_), _) => arg(2, "not a tuple"),
            _ => arg(1, "not an integer"),
        },
        ("tuple_size", [_]) => arg(1, "not a tuple"),
        ("list_to_integer" | "binary_to_integer", [s, ..]) => {
            if s.is_list() || s.is_binary() {
                arg(1, "not a textual representation of an integer")
            } else if function == "list_to_integer" {
                arg(1, "not a list")
            } else {
                arg(1, "not a binary")
            }
        }
        ("list_to_float" | "binary_to_float", [s]) => {
            if s.is_list() || s.is_binary() {
                arg(1, "not a textual representation of a float")
            } else {
                arg(1, "not a list")
            }
        }
        ("list_to_atom", [s]) if is_badarg => {
            if s.is_list() {
                arg(1, "not a list of characters")
            } else {
                arg(1, "not a list")
            }
        }
        ("integer_to_list" | "integer_to_binary", [i, ..]) if !i.is_integer() => arg(1, "not an integer"),
        ("list_to_tuple", [_]) => arg(1, "not a list"),
        ("tuple_to_list", [_]) => arg(1, "not a tuple"),
        ("map_get", [_, m]) => {
            if matches!(m, Term::Map(_)) && is_badkey {
                arg(1, "not present in map")
            } else {
                arg(2, "not a map")
            }
        }
        ("map_size", [_]) => arg(1, "not a map"),
        ("binary_to_list", [_]) => arg(1, "not a binary"),
        ("byte_size", [_]) | ("bit_size", [_]) => arg(1, "not a bitstring"),
        ("list_to_binary", [_]) => arg(1, "not an iolist term"),
        ("iolist_to_binary", [_]) => arg(1, "not an iodata term"),
        ("atom_to_binary", [a, ..]) if !matches!(a, Term::Atom(_)) => arg(1, "not an atom"),
        ("binary_to_atom" | "binary_to_existing_atom", [b, ..]) if !b.is_binary() => arg(1, "not a binary"),
        ("list_to_pid", [_]) => arg(1, "not a textual representation of a pid"),
        ("list_to_existing_atom", [_]) => arg(1, "not an already existing atom"),
        ("send", [_, _]) => arg(1, "invalid destination"),
        ("register", [_, p]) if !matches!(p, Term::Pid(_)) => arg(2, "not a pid or port"),
        ("unregister", [_]) | ("link", [_]) | ("unlink", [_]) | ("exit", [_, _]) => arg(1, "not a pid"),
        ("spawn" | "spawn_link" | "spawn_monitor", [_]) => arg(1, "not a fun"),
        ("process_flag", [_, _]) if is_badarg => arg(1, "invalid process flag"),
        ("make_tuple", [n, ..]) if !matches!(n, Term::Int(x) if *x >= 0) => arg(1, "out of range"),
        ("append_element", [t, _]) if !matches!(t, Term::Tuple(_)) => arg(1, "not a tuple"),
        ("term_to_binary", [_, _]) => arg(2, "invalid option in list"),
        ("apply", [_, l]) | ("apply", [_, _, l]) if !l.is_list() || l.list_len().is_none() => {
            arg(args.len(), "not a list")
        }
        ("binary_to_term", [_]) => arg(1, "invalid external representation of a term"),
        ("abs", [_]) | ("trunc", [_]) | ("round", [_]) | ("float", [_]) => arg(1, "not a number"),
        _ => Vec::new(),
    }
}

/// An io function that failed on its device (the first argument).
fn explain_io(function: &str, args: &[Term], cause: Option<&Term>) -> Vec<String> {
    let with_device =
        matches!((function, args.len()), ("format" | "fwrite", 3) | ("put_chars" | "write", 2) | ("nl", 1));
    let Some([side, what]) = cause.and_then(|c| c.as_tuple()) else { return Vec::new() };
    let text = match (side.as_atom().map(|a| a.as_str()), what) {
        (Some("io"), w) if w.is_atom(crate::term::Atom::new("arguments")) => "the device does not exist".to_owned(),
        (Some("io"), w) if w.is_atom(crate::term::Atom::new("terminated")) => "the device has terminated".to_owned(),
        (Some("io"), w) if w.is_atom(crate::term::Atom::new("calling_self")) => {
            "the device is not allowed to be the current process".to_owned()
        }
        (Some("device"), w) => match w.as_tuple() {
            Some([tag, from, to]) if tag.is_atom(crate::term::Atom::new("no_translation")) => {
                format!("device failed to transcode string from {from} to {to}")
            }
            _ => match w.as_atom().and_then(|a| posix_message(a.as_str())) {
                Some(m) => format!("{m} ({w})"),
                None => return Vec::new(),
            },
        },
        _ => return Vec::new(),
    };
    if with_device {
        vec![format!("argument 1: {text}")]
    } else {
        vec![text]
    }
}

/// erl_posix_msg's words for the errors that files and devices report.
pub(crate) fn posix_message(code: &str) -> Option<&'static str> {
    Some(match code {
        "eacces" => "permission denied",
        "eagain" => "resource temporarily unavailable",
        "ebadf" => "bad file number",
        "ebusy" => "file busy",
        "eexist" => "file already exists",
        "efbig" => "file too large",
        "eintr" => "interrupted system call",
        "einval" => "invalid argument",
        "eio" => "I/O error",
        "eisdir" => "illegal operation on a directory",
        "eloop" => "too many levels of symbolic links",
        "emfile" => "too many open files",
        "emlink" => "too many links",
        "enametoolong" => "file name too long",
        "enoent" => "no such file or directory",
        "enomem" => "not enough memory",
        "enospc" => "no space left on device",
        "enotdir" => "not a directory",
        "enotempty" => "directory not empty",
        "enotsup" => "operation not supported",
        "eperm" => "not owner",
        "epipe" => "broken pipe",
        "erofs" => "read-only file system",
        "espipe" => "invalid seek",
        "exdev" => "cross-domain link",
        _ => return None,
    })
}
