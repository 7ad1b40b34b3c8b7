//! The `file` module's whole-file and directory operations, as in OTP 25: `read_file`,
//! `write_file`, `consult`, `list_dir`, `make_dir`, `del_dir`, `del_dir_r`, `delete`,
//! `rename`, `copy`, `read_file_info`, `read_link_info`, `write_file_info` (mode, owner,
//! times), `read_link`, `make_symlink`, `make_link`, `get_cwd` and `set_cwd`; and
//! `erl_posix_msg:message/1`, the text of an error. Failures are
//! `{error, Posix}` with erl's atoms (`enoent`, `eacces`, `eexist`, ...), and a bad file
//! name or bad data is `{error, badarg}`, as erl returns them.
//!
//! Also the raw open files that devices are made of (`prim_file`): `open/2`, `read/2`,
//! `write/2`, `position/2`, `truncate/1`, `sync/1`, `datasync/1`, `close/1`. A raw file is a
//! reference, usable only by the process that opened it (the io server behind a device,
//! `stdlib/erl/file_io_server.erl`), and closed when that process ends. Devices themselves,
//! their buffers, lines, encodings and the io protocol are Erlang code, not here.
//!
//! The I/O runs on the VM's blocking pool (`sched::blocking`), never on a scheduler thread:
//! each built-in here checks its arguments, hands the work to the pool and returns a
//! reference, and the Erlang side (`stdlib/erl/prim_file.erl`, `file.erl`) waits for the
//! answer in `receive`, so a slow disk or a FIFO with no writer holds up only the calling
//! process. Only `get_cwd`, `set_cwd` and `close` run in place. `set_cwd` changes the working directory
//! of the whole OS process (every VM in it), since that is what the OS offers. Times in
//! file information are UTC, also for `{time, local}` (the default).

use super::BifDef;
use crate::interp::exception::BifResult;
use crate::process::{Proc, OWNS_FILES};
use crate::term::{atoms, Atom, BitWriter, Pid, Ref, Term};
use crate::vm::VmShared;
use parking_lot::RwLock;
use std::collections::HashMap;
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::Arc;

bifs! {
    "ember_file", "read_file", 1 => |p, a| path_job(p, &a[0], |p| std::fs::read(p).map(|b| ok_value(Term::binary(b))));
    "ember_file", "write_file", 3 => |p, a| write_file(p, &a[0], &a[1], &a[2]);
    "ember_file", "consult", 1 => |p, a| path_job(p, &a[0], |p| std::fs::read(p).map(|b| super::scan::consult(&b)));
    "ember_file", "list_dir", 1 => |p, a| path_job(p, &a[0], list_dir);
    "ember_file", "make_dir", 1 => |p, a| path_job(p, &a[0], |p| std::fs::create_dir(p).map(|_| ok()));
    "ember_file", "del_dir", 1 => |p, a| path_job(p, &a[0], |p| std::fs::remove_dir(p).map(|_| ok()));
    "ember_file", "delete", 1 => |p, a| path_job(p, &a[0], delete);
    "ember_file", "rename", 2 => |p, a| match filename(&a[1]) {
        Some(to) => path_job(p, &a[0], move |from| std::fs::rename(from, &to).map(|_| ok())),
        None => Ok(error(Term::Atom(atoms::BADARG))),
    };
    "ember_file", "copy", 2 => |p, a| match filename(&a[1]) {
        Some(to) => path_job(p, &a[0], move |from| std::fs::copy(from, &to).map(|n| ok_value(Term::Int(n as i64)))),
        None => Ok(error(Term::Atom(atoms::BADARG))),
    };
    "ember_file", "copy", 3 => |p, a| match (filename(&a[1]), &a[2]) {
        (Some(to), Term::Int(n)) if *n >= 0 => {
            let n = *n as u64;
            path_job(p, &a[0], move |from| copy_n(from, &to, n))
        }
        // Any count that is not an integer (infinity) copies everything, as in erl.
        (Some(to), n) if !matches!(n, Term::Int(_)) => path_job(p, &a[0], move |from| copy_n(from, &to, u64::MAX)),
        _ => Ok(error(Term::Atom(atoms::BADARG))),
    };
    "ember_file", "del_dir_r", 1 => |p, a| path_job(p, &a[0], |p| {
        // A directory goes with everything in it; anything else is deleted as it is.
        if std::fs::symlink_metadata(p)?.is_dir() { std::fs::remove_dir_all(p) } else { std::fs::remove_file(p) }.map(|_| ok())
    });
    "ember_file", "read_link", 1 => |p, a| path_job(p, &a[0], |p| {
        std::fs::read_link(p).map(|to| ok_value(Term::string(&to.to_string_lossy())))
    });
    "ember_file", "make_symlink", 2 => |p, a| match filename(&a[1]) {
        Some(new) => path_job(p, &a[0], move |existing| std::os::unix::fs::symlink(existing, &new).map(|_| ok())),
        None => Ok(error(Term::Atom(atoms::BADARG))),
    };
    "ember_file", "make_link", 2 => |p, a| match filename(&a[1]) {
        Some(new) => path_job(p, &a[0], move |existing| std::fs::hard_link(existing, &new).map(|_| ok())),
        None => Ok(error(Term::Atom(atoms::BADARG))),
    };
    "erl_posix_msg", "message", 1 => |_, a| Ok(Term::string(
        a[0].as_atom().and_then(|c| crate::interp::errinfo::posix_message(c.as_str())).unwrap_or("unknown POSIX error"),
    ));
    "ember_file", "write_file_info", 4 => |p, a| write_file_info(p, &a[0], &a[1], &a[2], &a[3]);
    "ember_file", "read_file_info", 2 => |p, a| info(p, &a[0], &a[1], false);
    "ember_file", "read_link_info", 2 => |p, a| info(p, &a[0], &a[1], true);
    "file", "get_cwd", 0 => |_, _| Ok(match std::env::current_dir() {
        Ok(d) => ok_value(Term::string(&d.to_string_lossy())),
        Err(e) => error(posix(&e)),
    });
    "file", "set_cwd", 1 => |_, a| Ok(match filename(&a[0]) {
        Some(p) => std::env::set_current_dir(p).map_or_else(|e| error(posix(&e)), |_| ok()),
        None => error(Term::Atom(atoms::BADARG)),
    });
    "ember_file", "open", 2 => |p, a| open(p, &a[0], &a[1]);
    "ember_file", "read", 2 => |p, a| {
        let n = match &a[1] {
            Term::Int(n) if *n >= 0 => *n,
            _ => return Ok(error(Term::Atom(atoms::BADARG))),
        };
        // Until `n` bytes or the end, also from a pipe, as erl's raw read.
        file_job(p, &a[0], move |f| {
            let mut v = Vec::new();
            f.take(n as u64).read_to_end(&mut v)?;
            Ok(if v.is_empty() && n > 0 { Term::atom("eof") } else { ok_value(Term::binary(v)) })
        })
    };
    "ember_file", "write", 2 => |p, a| match iodata(&a[1]) {
        Some(bytes) => file_job(p, &a[0], move |mut f| f.write_all(&bytes).map(|_| ok())),
        None => Ok(error(Term::Atom(atoms::BADARG))),
    };
    "ember_file", "position", 2 => |p, a| match seek_target(&a[1]) {
        Some(Some(to)) => file_job(p, &a[0], move |mut f| f.seek(to).map(|n| ok_value(Term::Int(n as i64)))),
        Some(None) => Ok(error(Term::atom("einval"))),
        None => Ok(error(Term::Atom(atoms::BADARG))),
    };
    "ember_file", "truncate", 1 => |p, a| file_job(p, &a[0], |mut f| {
        let at = f.stream_position()?;
        f.set_len(at).map(|_| ok())
    });
    "ember_file", "sync", 1 => |p, a| file_job(p, &a[0], |f| f.sync_all().map(|_| ok()));
    "ember_file", "datasync", 1 => |p, a| file_job(p, &a[0], |f| f.sync_data().map(|_| ok()));
    "prim_file", "close", 1 => |p, a| {
        let r = owned_file(p, &a[0]).map(|_| ok()).unwrap_or_else(|e| e);
        if let (Term::Ref(h), true) = (&a[0], r.is_atom(atoms::OK)) {
            p.vm.files.close(*h);
        }
        Ok(r)
    };
}

/// Runs `work` on the VM's blocking pool and returns a reference at once; the calling
/// process receives `{Ref, Result}` when the work is done (`prim_file:await/1` waits for it).
/// If the work panics, the answer is `{Ref, internal_error, Name}` instead, which `await`
/// raises as `{internal_error, Name}`, as a panic in any other built-in would.
pub(super) fn offload(p: &mut Proc, name: &'static str, work: impl FnOnce() -> Term + Send + 'static) -> BifResult {
    let r = p.vm.make_ref();
    let (vm, me) = (Arc::downgrade(&p.vm), p.pid);
    p.vm.blocking.submit(Box::new(move || {
        let answer = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
            Ok(v) => Term::tuple([Term::Ref(r), v]),
            Err(_) => Term::tuple([Term::Ref(r), Term::atom("internal_error"), Term::atom(name)]),
        };
        if let Some(vm) = vm.upgrade() {
            vm.signal(me, crate::process::Signal::Message(answer));
        }
    }));
    Ok(Term::Ref(r))
}

/// Runs `f` on the path `name` names, on the blocking pool: `{error, badarg}` at once if
/// it names none, `{error, Posix}` if `f` fails.
fn path_job(
    p: &mut Proc,
    name: &Term,
    f: impl FnOnce(&PathBuf) -> std::io::Result<Term> + Send + 'static,
) -> BifResult {
    let Some(path) = filename(name) else { return Ok(error(Term::Atom(atoms::BADARG))) };
    offload(p, "file", move || f(&path).unwrap_or_else(|e| error(posix(&e))))
}

/// The raw files open in a VM, each owned by the process that opened it.
#[derive(Default)]
pub(crate) struct OpenFiles {
    inner: RwLock<OpenRegistry>,
}

#[derive(Default)]
struct OpenRegistry {
    by_ref: HashMap<Ref, Arc<OpenFile>>,
    /// The files each process owns, so that a process's end finds them quickly.
    owned: HashMap<Pid, Vec<Ref>>,
}

struct OpenFile {
    owner: Pid,
    file: std::fs::File,
}

impl OpenFiles {
    fn insert(&self, h: Ref, owner: Pid, file: std::fs::File) {
        let mut g = self.inner.write();
        g.by_ref.insert(h, Arc::new(OpenFile { owner, file }));
        g.owned.entry(owner).or_default().push(h);
    }

    fn get(&self, h: Ref) -> Option<Arc<OpenFile>> {
        self.inner.read().by_ref.get(&h).cloned()
    }

    /// Forgets a file; it closes once no call is using it any more.
    fn close(&self, h: Ref) {
        let mut g = self.inner.write();
        if let Some(f) = g.by_ref.remove(&h) {
            if let Some(v) = g.owned.get_mut(&f.owner) {
                v.retain(|x| *x != h);
                if v.is_empty() {
                    g.owned.remove(&f.owner);
                }
            }
        }
    }
}

/// Closes the files of a process that ended. Called by `VmShared::finish_process` for every
/// process that ends with `OWNS_FILES`.
pub(crate) fn owner_exited(vm: &VmShared, pid: Pid) {
    if !vm.files.inner.read().owned.contains_key(&pid) {
        return;
    }
    let mut g = vm.files.inner.write();
    for h in g.owned.remove(&pid).unwrap_or_default() {
        g.by_ref.remove(&h);
    }
}

/// `prim_file:open/2`: `{ok, Handle}` or `{error, Posix}`. Of the modes only `read`,
/// `write`, `append` and `exclusive` matter here (none means `read`); others are the
/// device's business and ignored, as unknown modes are in erl. The file is opened on the
/// blocking pool (opening a FIFO waits for its other end).
fn open(p: &mut Proc, name: &Term, modes: &Term) -> BifResult {
    let Some(path) = filename(name) else { return Ok(error(Term::Atom(atoms::BADARG))) };
    let Some(modes) = modes.list_to_vec() else { return Ok(error(Term::Atom(atoms::BADARG))) };
    let has = |m: &str| modes.iter().any(|x| x.is_atom(Atom::new(m)));
    let (append, exclusive) = (has("append"), has("exclusive"));
    let write = has("write") || append || exclusive;
    let read = has("read") || !write;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(read).write(write);
    if append {
        opts.append(true).create(true);
    } else if exclusive {
        opts.create_new(true);
    } else if write {
        // Writing without reading starts the file afresh; with reading it keeps its bytes.
        opts.create(true).truncate(!read);
    }
    let h = p.vm.make_ref();
    let (vm, me) = (Arc::downgrade(&p.vm), p.pid);
    offload(p, "open", move || {
        let file = match opts.open(&path) {
            Ok(f) => f,
            Err(e) => return error(posix(&e)),
        };
        // A directory opens for reading on Linux; erl refuses it.
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return error(Term::atom("eisdir"));
        }
        let Some(vm) = vm.upgrade() else { return error(Term::atom("terminated")) };
        vm.files.insert(h, me, file);
        // The opener may have ended meanwhile without looking for files: close this one
        // too (`add_owned` says which of the two sides cleans up).
        if !vm.add_owned(me, OWNS_FILES) {
            vm.files.close(h);
        }
        ok_value(Term::Ref(h))
    })
}

/// The open file `handle` names, if the calling process owns it; else the error term to
/// answer with.
fn owned_file(p: &Proc, handle: &Term) -> Result<Arc<OpenFile>, Term> {
    let Term::Ref(h) = handle else { return Err(error(Term::Atom(atoms::BADARG))) };
    let Some(file) = p.vm.files.get(*h) else { return Err(error(Term::atom("ebadf"))) };
    if file.owner != p.pid {
        return Err(error(Term::atom("not_on_controlling_process")));
    }
    Ok(file)
}

/// Runs `f` on the blocking pool on the open file `handle` names, if the calling process
/// owns it: `{error, Posix}` if `f` fails.
fn file_job(
    p: &mut Proc,
    handle: &Term,
    f: impl FnOnce(&std::fs::File) -> std::io::Result<Term> + Send + 'static,
) -> BifResult {
    match owned_file(p, handle) {
        Ok(file) => offload(p, "file", move || f(&file.file).unwrap_or_else(|e| error(posix(&e)))),
        Err(e) => Ok(e),
    }
}

/// Where `file:position/2` moves to: `None` for a bad location, `Some(None)` for a position
/// before the start of the file.
fn seek_target(at: &Term) -> Option<Option<SeekFrom>> {
    let from_start = |n: i64| Some(u64::try_from(n).ok().map(SeekFrom::Start));
    match at {
        Term::Atom(a) => match a.as_str() {
            "bof" => from_start(0),
            "cur" => Some(Some(SeekFrom::Current(0))),
            "eof" => Some(Some(SeekFrom::End(0))),
            _ => None,
        },
        Term::Int(n) => from_start(*n),
        Term::Tuple(t) => match (&t[..], t.first().and_then(|x| x.as_atom()).map(|a| a.as_str())) {
            ([_, Term::Int(n)], Some("bof")) => from_start(*n),
            ([_, Term::Int(n)], Some("cur")) => Some(Some(SeekFrom::Current(*n))),
            ([_, Term::Int(n)], Some("eof")) => Some(Some(SeekFrom::End(*n))),
            _ => None,
        },
        _ => None,
    }
}

fn ok() -> Term {
    Term::Atom(atoms::OK)
}

fn ok_value(v: Term) -> Term {
    Term::tuple([Term::Atom(atoms::OK), v])
}

fn error(reason: Term) -> Term {
    Term::tuple([Term::Atom(atoms::ERROR), reason])
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

/// `file:copy/3` between two named files: at most `n` bytes.
fn copy_n(from: &PathBuf, to: &PathBuf, n: u64) -> std::io::Result<Term> {
    let mut src = std::fs::File::open(from)?;
    let mut dst = std::fs::File::create(to)?;
    let copied = std::io::copy(&mut (&mut src).take(n), &mut dst)?;
    Ok(ok_value(Term::Int(copied as i64)))
}

/// `file:write_file_info/3` once its record is taken apart (stdlib/erl/file.erl): the mode,
/// the owner `{Uid, Gid}` (each an integer or `undefined`) and the times `{Atime, Mtime}`
/// in POSIX seconds, each `undefined` to leave it. Applied in that order; the first
/// failure is the answer.
fn write_file_info(p: &mut Proc, name: &Term, mode: &Term, owner: &Term, times: &Term) -> BifResult {
    let undefined = |t: &Term| t.is_atom(atoms::UNDEFINED);
    let uint = |t: &Term| match t {
        Term::Int(n) if *n >= 0 && *n <= u32::MAX as i64 => Some(Some(*n as u32)),
        t if undefined(t) => Some(None),
        _ => None,
    };
    let secs = |t: &Term| match t {
        Term::Int(n) => Some(Some(*n)),
        t if undefined(t) => Some(None),
        _ => None,
    };
    let pair = |t: &Term| match t.as_tuple() {
        Some([a, b]) => Some((a.clone(), b.clone())),
        _ => None,
    };
    let parsed = (|| {
        let mode = uint(mode)?;
        let (uid, gid) = pair(owner)?;
        let (atime, mtime) = pair(times)?;
        Some((mode, uint(&uid)?, uint(&gid)?, secs(&atime)?, secs(&mtime)?))
    })();
    let Some((mode, uid, gid, atime, mtime)) = parsed else { return Ok(error(Term::Atom(atoms::BADARG))) };
    path_job(p, name, move |path| {
        use std::os::unix::fs::PermissionsExt;
        if let Some(mode) = mode {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        }
        if uid.is_some() || gid.is_some() {
            std::os::unix::fs::chown(path, uid, gid)?;
        }
        // Set on the path, as erl does: opening the file would block on a FIFO and need
        // read permission.
        let at = |s: i64| filetime::FileTime::from_unix_time(s, 0);
        match (atime, mtime) {
            (Some(a), Some(m)) => filetime::set_file_times(path, at(a), at(m))?,
            (None, Some(m)) => filetime::set_file_mtime(path, at(m))?,
            (Some(a), None) => filetime::set_file_atime(path, at(a))?,
            (None, None) => {}
        }
        Ok(ok())
    })
}

/// erl's name for an I/O error.
pub(crate) fn posix(e: &std::io::Error) -> Term {
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
        ErrorKind::ConnectionRefused => "econnrefused",
        ErrorKind::ConnectionReset => "econnreset",
        ErrorKind::ConnectionAborted => "econnaborted",
        ErrorKind::NotConnected => "enotconn",
        ErrorKind::AddrInUse => "eaddrinuse",
        ErrorKind::AddrNotAvailable => "eaddrnotavail",
        ErrorKind::BrokenPipe => "epipe",
        ErrorKind::TimedOut => "etimedout",
        ErrorKind::HostUnreachable => "ehostunreach",
        ErrorKind::NetworkUnreachable => "enetunreach",
        _ => match e.raw_os_error() {
            Some(40) if cfg!(target_os = "linux") => "eloop",
            Some(24) => "emfile",
            Some(9) => "ebadf",
            _ => "eio",
        },
    };
    Term::atom(name)
}

fn write_file(p: &mut Proc, name: &Term, data: &Term, modes: &Term) -> BifResult {
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
    path_job(p, name, move |path| {
        let mut f = opts.open(path)?;
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
            let triple = |a: i64, b: i64, c: i64| Term::tuple([Term::Int(a), Term::Int(b), Term::Int(c)]);
            Term::tuple([triple(y, m, d), triple(rem / 3600, rem / 60 % 60, rem % 60)])
        }
    }
}

/// `read_file_info` (following a symbolic link) or `read_link_info` (not following it).
fn info(p: &mut Proc, name: &Term, opts: &Term, link: bool) -> BifResult {
    let Some(kind) = time_kind(opts) else { return Ok(error(Term::Atom(atoms::BADARG))) };
    path_job(p, name, move |p| {
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
    Term::tuple([
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_read_as_erl_reads_them() {
        let t = |s: &str| {
            let mut d = Vec::new();
            let toks = crate::syntax::lexer::lex("", &format!("{s}."), &mut d);
            let expr = crate::syntax::parser::parse_exprs("", toks, &mut d).unwrap_or_default();
            seek_target(&crate::compile::const_term(&expr[0]).unwrap_or(Term::Nil))
        };
        assert_eq!(t("bof"), Some(Some(SeekFrom::Start(0))));
        assert_eq!(t("{cur, -3}"), Some(Some(SeekFrom::Current(-3))));
        assert_eq!(t("{eof, 2}"), Some(Some(SeekFrom::End(2))));
        assert_eq!(t("7"), Some(Some(SeekFrom::Start(7))));
        assert_eq!(t("-1"), Some(None));
        assert_eq!(t("{bof, -1}"), Some(None));
        assert_eq!(t("here"), None);
        assert_eq!(t("{cur, x}"), None);
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
}
