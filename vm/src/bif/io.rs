//! The `io` module's output built-ins, the fast path for the standard devices, and the
//! natives behind the io server of standard input (`ember_io`).
//!
//! `io:format/3`, `fwrite/3`, `put_chars/2`, `nl/1` and `write/2` write to `standard_io`,
//! `user` and `standard_error` here, directly. Any other device (an io server's pid, a
//! registered name, or something that is no device at all) is not theirs: they decline the
//! call, and the Erlang definitions in `stdlib/erl/io.erl` take it, speaking the io protocol
//! to the device's process (and raising erl's errors for what is no device). `standard_io`
//! (and the forms without a device) is standard output unless the process has a group
//! leader of its own, which then gets the request through io.erl.
//!
//! Not here: reading. Every `io` input function is Erlang code that asks an io server;
//! standard input has one too (`file_io_server`), which gets its bytes from
//! `ember_io:read_stdin/0` (see `crate::stdin`).

use super::erlang::{chardata, format_args, write_w};
use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::process::Proc;
use crate::term::{atoms, Term};
use crate::vm::Stream;

bifs! {
    "io", "format", 1 => |p, a| format(p, out(p)?, &a[0], &Term::Nil);
    "io", "format", 2 => |p, a| format(p, out(p)?, &a[0], &a[1]);
    "io", "format", 3 => |p, a| format(p, standard(p, &a[0])?, &a[1], &a[2]);
    "io", "fwrite", 1 => |p, a| format(p, out(p)?, &a[0], &Term::Nil);
    "io", "fwrite", 2 => |p, a| format(p, out(p)?, &a[0], &a[1]);
    "io", "fwrite", 3 => |p, a| format(p, standard(p, &a[0])?, &a[1], &a[2]);
    "io", "put_chars", 1 => |p, a| put_chars(p, out(p)?, &a[0]);
    "io", "put_chars", 2 => |p, a| put_chars(p, standard(p, &a[0])?, &a[1]);
    "io", "nl", 0 => |p, _| write(p, out(p)?, "\n");
    "io", "nl", 1 => |p, a| write(p, standard(p, &a[0])?, "\n");
    "io", "write", 1 => |p, a| write(p, out(p)?, &write_w(&a[0]));
    "io", "write", 2 => |p, a| {
        let to = standard(p, &a[0])?;
        write(p, to, &write_w(&a[1]))
    };
    "ember_io", "group_leader", 0 => |p, _| Ok(match p.rare().group_leader {
        Some(gl) => Term::Pid(gl),
        None => Term::Atom(atoms::UNDEFINED),
    });
    "ember_io", "read_stdin", 0 => |p, _| {
        let r = p.vm.make_ref();
        let vm = p.vm.clone();
        if !vm.stdin.request(&vm, p.pid, r) {
            return Err(Exception::error(Term::atom("system_limit")));
        }
        Ok(Term::Ref(r))
    };
    "ember_io", "encoding", 0 => |p, _| Ok(Term::atom(if p.vm.unicode_io() { "unicode" } else { "latin1" }));
}

/// Standard output, for `standard_io`; a process with a group leader of its own declines
/// the call (io.erl sends the request to the group leader).
fn out(p: &Proc) -> Result<Stream, Exception> {
    match p.rare().group_leader {
        None => Ok(Stream::Out),
        Some(_) => Err(Exception::declined()),
    }
}

/// The stream a standard device writes to; any other device declines the call.
fn standard(p: &Proc, dev: &Term) -> Result<Stream, Exception> {
    match dev {
        Term::Atom(a) if a.as_str() == "standard_io" => out(p),
        Term::Atom(a) if a.as_str() == "user" => Ok(Stream::Out),
        Term::Atom(a) if a.as_str() == "standard_error" => Ok(Stream::Err),
        _ => Err(Exception::declined()),
    }
}

fn write(p: &mut Proc, to: Stream, s: &str) -> BifResult {
    p.vm.write_out(to, s);
    Ok(Term::Atom(atoms::OK))
}

fn format(p: &mut Proc, to: Stream, fmt: &Term, args: &Term) -> BifResult {
    let s = format_args(fmt, args)?;
    write(p, to, &s)
}

/// Writes character data: lists of characters and binaries in UTF-8, nested.
fn put_chars(p: &mut Proc, to: Stream, data: &Term) -> BifResult {
    let s: String = chardata(data)?.into_iter().collect();
    write(p, to, &s)
}
