//! The `code` and `init` modules' built-ins: what is loaded and from where, the code path,
//! and the program's arguments (`init:stop/0,1` is in stdlib/erl/init.erl).
//!
//! Modules load from Erlang sources (`MODULE.erl` on the code path, or the standard
//! library's built-in copies): a module's file is its source, and `code:which/1` names it.
//! Purging drops a module's old version; processes still running it keep it until they
//! leave it (erl would kill them).

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::process::Proc;
use crate::term::{atoms, Term};
use std::path::PathBuf;

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

bifs! {
    "code", "ensure_loaded", 1 => |p, a| match &a[0] {
        Term::Atom(m) if p.vm.ensure_loaded(*m) => Ok(Term::tuple([Term::atom("module"), a[0].clone()])),
        Term::Atom(_) => Ok(error("nofile")),
        _ => Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))),
    };
    "code", "load_file", 1 => |p, a| match &a[0] {
        Term::Atom(m) => Ok(match p.vm.reload(*m) {
            Some(true) => Term::tuple([Term::atom("module"), a[0].clone()]),
            Some(false) => error("badfile"),
            None => error("nofile"),
        }),
        _ => Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))),
    };
    // Loads the module in Filename.erl (erl's form names Filename.beam).
    "code", "load_abs", 1 => |p, a| load_abs(p, &a[0]);
    "code", "load_abs", 2 => |p, a| load_abs(p, &a[0]);
    // Is the module the standard library's (which erl makes sticky)?
    "code", "is_sticky", 1 => |p, a| match &a[0] {
        Term::Atom(m) => Ok(Term::bool(p.vm.is_stdlib_module(m.as_str()))),
        _ => Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))),
    };
    "code", "which", 1 => |p, a| match &a[0] {
        Term::Atom(m) => Ok(p.vm.module_file(*m).map(|f| Term::string(&f)).unwrap_or_else(|| Term::atom("non_existing"))),
        _ => Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))),
    };
    "code", "all_loaded", 0 => |p, _| Ok(Term::list(
        p.vm.code.loaded().into_iter().map(|m| {
            let file = p.vm.code.get(m).map(|c| c.file.clone()).unwrap_or_default();
            Term::tuple([Term::Atom(m), Term::string(&file)])
        }).collect(),
    ));
    "code", "get_path", 0 => |p, _| Ok(Term::list(p.vm.code_path().iter().map(|d| Term::string(&d.to_string_lossy())).collect()));
    "code", "add_path", 1 => |p, a| add_path(p, &a[0], false);
    "code", "add_pathz", 1 => |p, a| add_path(p, &a[0], false);
    "code", "add_patha", 1 => |p, a| add_path(p, &a[0], true);
    "code", "add_paths", 1 => |p, a| add_paths(p, &a[0], false);
    "code", "add_pathsz", 1 => |p, a| add_paths(p, &a[0], false);
    "code", "add_pathsa", 1 => |p, a| add_paths(p, &a[0], true);
    "code", "set_path", 1 => |p, a| {
        let dirs = dirs(&a[0])?;
        if !dirs.iter().all(|d| d.is_dir()) {
            return Ok(error("bad_directory"));
        }
        p.vm.set_code_path(|path| *path = dirs);
        Ok(Term::bool(true))
    };
    "code", "del_path", 1 => |p, a| {
        let name = a[0].list_to_string().or_else(|| a[0].as_atom().map(|m| m.as_str().to_owned())).ok_or_else(Exception::badarg)?;
        let mut found = false;
        p.vm.set_code_path(|path| {
            if let Some(i) = path.iter().position(|d| d.to_string_lossy() == name || d.file_name().is_some_and(|f| f.to_string_lossy() == name)) {
                path.remove(i);
                found = true;
            }
        });
        Ok(Term::bool(found))
    };
    // Processes in a module's old version keep running it, so there is never one to kill.
    "code", "purge", 1 => |p, a| match &a[0] {
        Term::Atom(m) => {
            p.vm.code.purge(*m);
            Ok(Term::bool(false))
        }
        _ => Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))),
    };
    "code", "soft_purge", 1 => |p, a| match &a[0] {
        Term::Atom(m) => {
            p.vm.code.purge(*m);
            Ok(Term::bool(true))
        }
        _ => Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))),
    };
    "code", "delete", 1 => |p, a| match &a[0] {
        Term::Atom(m) => Ok(Term::bool(p.vm.delete_module(*m))),
        _ => Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))),
    };
    "code", "objfile_extension", 0 => |_, _| Ok(Term::string(".beam"));
    // ember has no OTP applications on disk.
    "code", "priv_dir", 1 => |_, _| Ok(error("bad_name"));
    "code", "lib_dir", 1 => |_, _| Ok(error("bad_name"));
    // init:stop/0,1 says so before the VM halts, so that the shell knows to wait for it.
    "ember_init", "halt_pending", 0 => |p, _| {
        p.vm.halt_pending.store(true, std::sync::atomic::Ordering::Release);
        Ok(Term::Atom(atoms::OK))
    };
    "init", "get_plain_arguments", 0 => |p, _| Ok(Term::list(p.vm.plain_args.lock().iter().map(|a| Term::string(a)).collect()));
    "init", "get_argument", 1 => |_, a| match &a[0] {
        Term::Atom(flag) => Ok(match argument(flag.as_str()) {
            Some(v) => Term::tuple([Term::Atom(atoms::OK), Term::list(vec![Term::list(vec![Term::string(&v)])])]),
            None => Term::Atom(atoms::ERROR),
        }),
        _ => Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))),
    };
    "init", "get_arguments", 0 => |_, _| Ok(Term::list(
        ["root", "progname", "home"]
            .into_iter()
            .filter_map(|f| argument(f).map(|v| Term::tuple([Term::atom(f), Term::list(vec![Term::string(&v)])])))
            .collect(),
    ));
}

fn load_abs(p: &mut Proc, name: &Term) -> BifResult {
    let Some(base) = name.list_to_string().or_else(|| name.as_atom().map(|a| a.as_str().to_owned())) else {
        return Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE)));
    };
    let path = PathBuf::from(format!("{base}.erl"));
    let module = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !path.is_file() {
        return Ok(error("nofile"));
    }
    // The standard library cannot be replaced this way (erl's directories are sticky).
    if p.vm.is_stdlib_module(&module) {
        return Ok(error("sticky_directory"));
    }
    let Ok(src) = std::fs::read_to_string(&path) else { return Ok(error("nofile")) };
    // A file that defines another module than its name says is not loaded.
    if declared_module(&src).is_some_and(|m| m != module) {
        return Ok(error("badfile"));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(match p.vm.load_source_as(&path.to_string_lossy(), &name, &src) {
        Ok((m, _)) => Term::tuple([Term::atom("module"), Term::Atom(m)]),
        Err(_) => error("badfile"),
    })
}

/// The name in a source's `-module(Name).` attribute.
fn declared_module(src: &str) -> Option<String> {
    let mut diags = Vec::new();
    let toks = crate::syntax::lexer::lex("", src, &mut diags);
    let at = toks.windows(3).position(|w| {
        w[0].is("-") && matches!(&w[1].tok, crate::syntax::token::Tok::Atom(a) if a == "module") && w[2].is("(")
    })?;
    match &toks.get(at + 3)?.tok {
        crate::syntax::token::Tok::Atom(name) => Some(name.clone()),
        _ => None,
    }
}

fn error(reason: &str) -> Term {
    Term::tuple([Term::Atom(atoms::ERROR), Term::atom(reason)])
}

/// The flags erl always has: `root` (here, the directory of the ember executable),
/// `progname` and `home`.
fn argument(flag: &str) -> Option<String> {
    match flag {
        "root" => std::env::current_exe().ok().and_then(|e| e.parent().map(|d| d.to_string_lossy().into_owned())),
        "progname" => Some("ember".to_owned()),
        "home" => std::env::var("HOME").ok(),
        _ => None,
    }
}

fn dir(t: &Term) -> Option<PathBuf> {
    t.list_to_string().map(PathBuf::from)
}

fn dirs(t: &Term) -> Result<Vec<PathBuf>, Exception> {
    t.list_to_vec().ok_or_else(Exception::badarg)?.iter().map(|d| dir(d).ok_or_else(Exception::badarg)).collect()
}

fn add_path(p: &mut Proc, d: &Term, first: bool) -> BifResult {
    let Some(d) = dir(d) else { return badarg() };
    if !d.is_dir() {
        return Ok(error("bad_directory"));
    }
    p.vm.set_code_path(|path| {
        path.retain(|x| *x != d);
        if first {
            path.insert(0, d);
        } else {
            path.push(d);
        }
    });
    Ok(Term::bool(true))
}

fn add_paths(p: &mut Proc, ds: &Term, first: bool) -> BifResult {
    let mut ds = dirs(ds)?;
    ds.retain(|d| d.is_dir());
    p.vm.set_code_path(|path| {
        path.retain(|x| !ds.contains(x));
        if first {
            path.splice(0..0, ds);
        } else {
            path.extend(ds);
        }
    });
    Ok(Term::Atom(atoms::OK))
}
