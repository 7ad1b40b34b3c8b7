//! The `file` module's whole-file and directory operations, as in OTP 25: `read_file`,
//! `write_file`, `consult`, `list_dir`, `make_dir`, `del_dir`, `delete`, `rename`, `copy`,
//! `read_file_info`, `read_link_info`, `get_cwd` and `set_cwd`. Failures are
//! `{error, Posix}` with erl's atoms (`enoent`, `eacces`, `eexist`, ...), and a bad file
//! name or bad data is `{error, badarg}`, as erl returns them.
//!
//! The I/O is done directly, on the scheduler thread that runs the calling process. The
//! design wants blocking work on a separate pool; everything that touches the file system
//! is in this one file so that it can move there. `set_cwd` changes the working directory
//! of the whole OS process (every VM in it), since that is what the OS offers. Times in
//! file information are UTC, also for `{time, local}` (the default). Not here: open files
//! (`open`, `read_line`, `write`, `close`), which need I/O device processes.

use super::BifDef;
use crate::interp::exception::BifResult;
use crate::syntax::ast::{BinElem, Expr, UnOp};
use crate::syntax::lexer::lex;
use crate::syntax::parser::parse_exprs;
use crate::syntax::token::{Tok, Token};
use crate::term::{atoms, Atom, BitWriter, Map, Term};
use std::io::ErrorKind;
use std::path::PathBuf;
use std::sync::Arc;

macro_rules! bifs {
    ($($m:expr, $name:expr, $arity:expr => $f:expr;)*) => {
        pub(super) const BIFS: &[BifDef] = &[$(BifDef { module: $m, name: $name, arity: $arity, f: $f },)*];
    };
}

bifs! {
    "file", "read_file", 1 => |_, a| with_path(&a[0], |p| std::fs::read(p).map(|b| ok_value(Term::binary(b))));
    "file", "write_file", 2 => |_, a| write_file(&a[0], &a[1], &Term::Nil);
    "file", "write_file", 3 => |_, a| write_file(&a[0], &a[1], &a[2]);
    "file", "consult", 1 => |_, a| with_path(&a[0], |p| std::fs::read(p).map(|b| consult(&p.to_string_lossy(), &b)));
    "file", "list_dir", 1 => |_, a| with_path(&a[0], list_dir);
    "file", "list_dir_all", 1 => |_, a| with_path(&a[0], list_dir);
    "file", "make_dir", 1 => |_, a| with_path(&a[0], |p| std::fs::create_dir(p).map(|_| ok()));
    "file", "del_dir", 1 => |_, a| with_path(&a[0], |p| std::fs::remove_dir(p).map(|_| ok()));
    "file", "delete", 1 => |_, a| with_path(&a[0], delete);
    "file", "rename", 2 => |_, a| match filename(&a[1]) {
        Some(to) => with_path(&a[0], |from| std::fs::rename(from, &to).map(|_| ok())),
        None => Ok(error(Term::Atom(atoms::BADARG))),
    };
    "file", "copy", 2 => |_, a| match filename(&a[1]) {
        Some(to) => with_path(&a[0], |from| std::fs::copy(from, &to).map(|n| ok_value(Term::Int(n as i64)))),
        None => Ok(error(Term::Atom(atoms::BADARG))),
    };
    "file", "read_file_info", 1 => |_, a| info(&a[0], &Term::Nil, false);
    "file", "read_file_info", 2 => |_, a| info(&a[0], &a[1], false);
    "file", "read_link_info", 1 => |_, a| info(&a[0], &Term::Nil, true);
    "file", "read_link_info", 2 => |_, a| info(&a[0], &a[1], true);
    "file", "get_cwd", 0 => |_, _| Ok(match std::env::current_dir() {
        Ok(d) => ok_value(Term::string(&d.to_string_lossy())),
        Err(e) => error(posix(&e)),
    });
    "file", "set_cwd", 1 => |_, a| with_path(&a[0], |p| std::env::set_current_dir(p).map(|_| ok()));
}

fn ok() -> Term {
    Term::Atom(atoms::OK)
}

fn ok_value(v: Term) -> Term {
    Term::tuple(vec![Term::Atom(atoms::OK), v])
}

fn error(reason: Term) -> Term {
    Term::tuple(vec![Term::Atom(atoms::ERROR), reason])
}

/// Runs `f` on the path `name` names: `{error, badarg}` if it names none, `{error, Posix}`
/// if `f` fails.
fn with_path(name: &Term, f: impl FnOnce(&PathBuf) -> std::io::Result<Term>) -> BifResult {
    let Some(path) = filename(name) else { return Ok(error(Term::Atom(atoms::BADARG))) };
    Ok(f(&path).unwrap_or_else(|e| error(posix(&e))))
}

/// A file name: a string (possibly deep, with atoms), an atom, or a binary.
fn filename(t: &Term) -> Option<PathBuf> {
    match t {
        Term::Atom(a) => Some(PathBuf::from(a.as_str())),
        Term::Bits(b) if b.is_binary() => Some(path_from_bytes(b.to_bytes().into_owned())),
        Term::Nil | Term::Cons(_) => {
            let mut s = String::new();
            let mut stack = vec![t.iter_list()];
            while let Some(it) = stack.last_mut() {
                match it.next() {
                    Some(Term::Int(c)) => s.push(u32::try_from(*c).ok().and_then(char::from_u32)?),
                    Some(Term::Atom(a)) => s.push_str(a.as_str()),
                    Some(x @ (Term::Cons(_) | Term::Nil)) => stack.push(x.iter_list()),
                    Some(_) => return None,
                    None => {
                        if !matches!(it.tail(), Term::Nil) {
                            return None;
                        }
                        stack.pop();
                    }
                }
            }
            // A file name cannot hold a NUL byte.
            (!s.contains('\0')).then(|| PathBuf::from(s))
        }
        _ => None,
    }
}

#[cfg(unix)]
fn path_from_bytes(b: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&b).into_owned())
}

/// The bytes of iodata.
fn iodata(t: &Term) -> Option<Vec<u8>> {
    if let Term::Bits(b) = t {
        return b.is_binary().then(|| b.to_bytes().into_owned());
    }
    if !t.is_list() {
        return None;
    }
    let mut w = BitWriter::new();
    let mut stack = vec![t.iter_list()];
    while let Some(it) = stack.last_mut() {
        match it.next() {
            Some(Term::Int(c)) if (0..=255).contains(c) => w.push_bits(*c as u64, 8),
            Some(Term::Bits(b)) if b.is_binary() => w.push_bitstring(b, b.bit_len()),
            Some(x @ (Term::Cons(_) | Term::Nil)) => stack.push(x.iter_list()),
            Some(_) => return None,
            None => {
                let tail = it.tail();
                stack.pop();
                match tail {
                    Term::Nil => {}
                    Term::Bits(b) if b.is_binary() => w.push_bitstring(b, b.bit_len()),
                    _ => return None,
                }
            }
        }
    }
    Some(w.finish().to_bytes().into_owned())
}

/// erl's name for an I/O error.
fn posix(e: &std::io::Error) -> Term {
    let name = match e.kind() {
        ErrorKind::NotFound => "enoent",
        ErrorKind::PermissionDenied => "eacces",
        ErrorKind::AlreadyExists => "eexist",
        ErrorKind::NotADirectory => "enotdir",
        ErrorKind::IsADirectory => "eisdir",
        // erl reports a directory that is not empty as eexist.
        ErrorKind::DirectoryNotEmpty => "eexist",
        ErrorKind::StorageFull => "enospc",
        ErrorKind::ReadOnlyFilesystem => "erofs",
        ErrorKind::ResourceBusy => "ebusy",
        ErrorKind::CrossesDevices => "exdev",
        ErrorKind::InvalidFilename => "enametoolong",
        ErrorKind::FileTooLarge => "efbig",
        ErrorKind::TooManyLinks => "emlink",
        ErrorKind::InvalidInput => "einval",
        ErrorKind::Interrupted => "eintr",
        ErrorKind::OutOfMemory => "enomem",
        ErrorKind::Unsupported => "enotsup",
        _ => match e.raw_os_error() {
            Some(40) if cfg!(target_os = "linux") => "eloop",
            Some(24) => "emfile",
            Some(9) => "ebadf",
            _ => "eio",
        },
    };
    Term::atom(name)
}

fn write_file(name: &Term, data: &Term, modes: &Term) -> BifResult {
    let Some(bytes) = iodata(data) else { return Ok(error(Term::Atom(atoms::BADARG))) };
    let Some(modes) = modes.list_to_vec() else { return Ok(error(Term::Atom(atoms::BADARG))) };
    let has = |m: &str| modes.iter().any(|x| x.is_atom(Atom::new(m)));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true);
    if has("append") {
        opts.append(true).create(true);
    } else if has("exclusive") {
        opts.create_new(true);
    } else {
        opts.create(true).truncate(true);
    }
    with_path(name, |p| {
        use std::io::Write;
        let mut f = opts.open(p)?;
        f.write_all(&bytes)?;
        Ok(ok())
    })
}

fn list_dir(p: &PathBuf) -> std::io::Result<Term> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(p)? {
        names.push(Term::string(&entry?.file_name().to_string_lossy()));
    }
    Ok(ok_value(Term::list(names)))
}

fn delete(p: &PathBuf) -> std::io::Result<Term> {
    match std::fs::remove_file(p) {
        Ok(()) => Ok(ok()),
        // erl reports deleting a directory as eperm.
        Err(e) if e.kind() == ErrorKind::IsADirectory || p.is_dir() => Ok(error(Term::atom("eperm"))),
        Err(e) => Err(e),
    }
}

#[derive(Clone, Copy)]
enum TimeKind {
    Local,
    Universal,
    Posix,
}

fn time_kind(opts: &Term) -> Option<TimeKind> {
    let mut kind = TimeKind::Local;
    for o in opts.list_to_vec()? {
        match o.as_tuple() {
            Some([k, Term::Atom(v)]) if k.is_atom(Atom::new("time")) => {
                kind = match v.as_str() {
                    "local" => TimeKind::Local,
                    "universal" => TimeKind::Universal,
                    "posix" => TimeKind::Posix,
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    Some(kind)
}

fn time_term(secs: i64, kind: TimeKind) -> Term {
    match kind {
        TimeKind::Posix => Term::Int(secs),
        TimeKind::Local | TimeKind::Universal => {
            let (y, m, d) = super::time::civil_from_days(secs.div_euclid(86_400));
            let rem = secs.rem_euclid(86_400);
            let triple = |a: i64, b: i64, c: i64| Term::tuple(vec![Term::Int(a), Term::Int(b), Term::Int(c)]);
            Term::tuple(vec![triple(y, m, d), triple(rem / 3600, rem / 60 % 60, rem % 60)])
        }
    }
}

/// `read_file_info` (following a symbolic link) or `read_link_info` (not following it).
fn info(name: &Term, opts: &Term, link: bool) -> BifResult {
    let Some(kind) = time_kind(opts) else { return Ok(error(Term::Atom(atoms::BADARG))) };
    with_path(name, |p| {
        let m = if link { std::fs::symlink_metadata(p)? } else { std::fs::metadata(p)? };
        Ok(ok_value(file_info(&m, kind)))
    })
}

/// The `#file_info{}` record: size, type, access, atime, mtime, ctime, mode, links,
/// major_device, minor_device, inode, uid, gid.
fn file_info(m: &std::fs::Metadata, kind: TimeKind) -> Term {
    let ft = m.file_type();
    let ty = if ft.is_file() {
        "regular"
    } else if ft.is_dir() {
        "directory"
    } else if ft.is_symlink() {
        "symlink"
    } else {
        "other"
    };
    let since_epoch = |t: std::io::Result<std::time::SystemTime>| {
        t.ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_secs() as i64)
    };
    #[cfg(unix)]
    let (mode, links, dev, rdev, ino, uid, gid, atime, ctime) = {
        use std::os::unix::fs::MetadataExt;
        (
            m.mode() as i64,
            m.nlink() as i64,
            m.dev() as i64,
            m.rdev() as i64,
            m.ino() as i64,
            m.uid() as i64,
            m.gid() as i64,
            m.atime(),
            m.ctime(),
        )
    };
    #[cfg(not(unix))]
    let (mode, links, dev, rdev, ino, uid, gid, atime, ctime) = {
        let mode = if m.permissions().readonly() { 0o444 } else { 0o666 };
        (mode, 1, 0, 0, 0, 0, 0, since_epoch(m.accessed()), since_epoch(m.modified()))
    };
    let access = match (mode & 0o400 != 0, mode & 0o200 != 0) {
        (true, true) => "read_write",
        (true, false) => "read",
        (false, true) => "write",
        (false, false) => "none",
    };
    Term::tuple(vec![
        Term::atom("file_info"),
        Term::Int(m.len() as i64),
        Term::atom(ty),
        Term::atom(access),
        time_term(atime, kind),
        time_term(since_epoch(m.modified()), kind),
        time_term(ctime, kind),
        Term::Int(mode),
        Term::Int(links),
        Term::Int(dev),
        Term::Int(rdev),
        Term::Int(ino),
        Term::Int(uid),
        Term::Int(gid),
    ])
}

/// `file:consult/1` on a file's bytes: every term, each ended by a full stop.
fn consult(file: &str, bytes: &[u8]) -> Term {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    let mut diags = Vec::new();
    let tokens = lex(file, &text, &mut diags);
    if let Some(d) = diags.iter().find(|d| d.is_error()) {
        return error(Term::tuple(vec![
            Term::Int(d.pos.line as i64),
            Term::atom("erl_scan"),
            Term::string(&d.message),
        ]));
    }
    let mut terms = Vec::new();
    let mut chunk: Vec<Token> = Vec::new();
    for t in tokens {
        match t.tok {
            Tok::Eof => {
                if !chunk.is_empty() {
                    let line = t.pos.line;
                    return parse_error(line, "");
                }
                break;
            }
            Tok::Dot => {
                let line = chunk.first().map_or(t.pos.line, |x| x.pos.line);
                chunk.push(t);
                let toks = std::mem::take(&mut chunk);
                let mut d = Vec::new();
                match parse_exprs(file, toks, &mut d) {
                    Some(exprs) if exprs.len() == 1 => match literal(&exprs[0]) {
                        Some(v) => terms.push(v),
                        None => {
                            let line = exprs[0].pos().line;
                            return error(Term::tuple(vec![
                                Term::Int(line as i64),
                                Term::atom("erl_parse"),
                                Term::string("bad term"),
                            ]));
                        }
                    },
                    Some(_) => {
                        return error(Term::tuple(vec![
                            Term::Int(line as i64),
                            Term::atom("erl_parse"),
                            Term::string("bad term"),
                        ]))
                    }
                    None => {
                        let (line, msg) = d.first().map_or((line, String::new()), |d| (d.pos.line, d.message.clone()));
                        let before = msg.strip_prefix("syntax error before: ").unwrap_or(&msg).to_owned();
                        return parse_error(line, &before);
                    }
                }
            }
            _ => chunk.push(t),
        }
    }
    ok_value(Term::list(terms))
}

fn parse_error(line: u32, before: &str) -> Term {
    error(Term::tuple(vec![
        Term::Int(line as i64),
        Term::atom("erl_parse"),
        Term::list(vec![Term::string("syntax error before: "), Term::string(before)]),
    ]))
}

/// The value of a literal term expression (what `erl_parse:parse_term/1` accepts).
fn literal(e: &Expr) -> Option<Term> {
    match e {
        Expr::UnOp(_, op @ (UnOp::Neg | UnOp::Plus), x) => {
            let v = literal(x)?;
            match (op, v) {
                (UnOp::Plus, v) if v.is_number() => Some(v),
                (_, Term::Float(f)) => Some(Term::Float(-f)),
                (_, v) if v.is_integer() => Some(Term::from_bigint(-v.as_bigint()?)),
                _ => None,
            }
        }
        Expr::Tuple(_, es) => Some(Term::tuple(es.iter().map(literal).collect::<Option<Vec<_>>>()?)),
        Expr::Cons(..) => {
            let mut elems = Vec::new();
            let mut cur = e;
            while let Expr::Cons(_, h, t) = cur {
                elems.push(literal(h)?);
                cur = t;
            }
            Some(Term::list_with_tail(elems, literal(cur)?))
        }
        Expr::Map(_, fields) if fields.iter().all(|f| !f.exact) => {
            let mut m = Map::new();
            for f in fields {
                m.insert(literal(&f.key)?, literal(&f.value)?);
            }
            Some(Term::Map(m))
        }
        Expr::Bin(_, elems) => binary(elems),
        other => crate::compile::const_term(other),
    }
}

/// A binary of literal segments: strings and integers, with an optional literal size.
fn binary(elems: &[BinElem]) -> Option<Term> {
    let mut w = BitWriter::new();
    for el in elems {
        let utf8 = el.specs.iter().any(|(s, _)| s == "utf8");
        if el.specs.iter().any(|(s, _)| !matches!(s.as_str(), "utf8" | "integer" | "big" | "unsigned" | "signed")) {
            return None;
        }
        let size = match &el.size {
            None => 8,
            Some(s) => literal(s)?.as_int().filter(|n| (1..=64).contains(n))? as usize,
        };
        match &el.value {
            Expr::Str(_, s) if utf8 => w.push_bytes(s.as_bytes()),
            Expr::Str(_, s) => s.chars().for_each(|c| w.push_bits(c as u64 & mask(size), size)),
            other => {
                let v = literal(other)?.as_int()?;
                if utf8 {
                    let c = u32::try_from(v).ok().and_then(char::from_u32)?;
                    let mut buf = [0u8; 4];
                    w.push_bytes(c.encode_utf8(&mut buf).as_bytes());
                } else {
                    w.push_bits(v as u64 & mask(size), size);
                }
            }
        }
    }
    Some(Term::Bits(Arc::new(w.finish())))
}

fn mask(bits: usize) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consult_reads_literal_terms() {
        let t = consult("t", b"{a, -1}.\n[<<\"x\">>, 2.5, #{k => v}].\n");
        assert_eq!(t.to_string(), "{ok,[{a,-1},[<<\"x\">>,2.5,#{k => v}]]}");
        let bad = consult("t", b"f(x).\n");
        let expected = error(Term::tuple(vec![Term::Int(1), Term::atom("erl_parse"), Term::string("bad term")]));
        assert_eq!(bad.to_string(), expected.to_string());
        let open = consult("t", b"{a, 1}");
        assert_eq!(open.to_string(), parse_error(1, "").to_string());
    }

    #[test]
    fn file_names_may_be_deep() {
        let deep = Term::list(vec![Term::string("/tmp"), Term::list(vec![Term::atom("/x"), Term::Int('y' as i64)])]);
        assert_eq!(filename(&deep), Some(PathBuf::from("/tmp/xy")));
        assert_eq!(filename(&Term::Int(1)), None);
        assert_eq!(filename(&Term::list(vec![Term::binary(b"a".to_vec())])), None);
    }

    #[test]
    fn io_errors_become_posix_atoms() {
        let e = std::io::Error::from(ErrorKind::NotFound);
        assert_eq!(posix(&e).to_string(), "enoent");
        let e = std::io::Error::from(ErrorKind::DirectoryNotEmpty);
        assert_eq!(posix(&e).to_string(), "eexist");
    }

    #[test]
    fn a_written_file_reads_back() {
        let path = format!("/tmp/ember_file_unit_{}", std::process::id());
        let name = Term::string(&path);
        let data = Term::list(vec![Term::string("ab"), Term::binary(b"cd".to_vec())]);
        assert_eq!(write_file(&name, &data, &Term::Nil).map(|t| t.to_string()).ok().as_deref(), Some("ok"));
        let read = with_path(&name, |p| std::fs::read(p).map(|b| ok_value(Term::binary(b))));
        assert_eq!(read.map(|t| t.to_string()).ok().as_deref(), Some("{ok,<<\"abcd\">>}"));
        let _ = std::fs::remove_file(&path);
    }
}
