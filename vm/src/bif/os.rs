//! The `os` module's built-ins: the environment, the OS process, and running shell
//! commands (`ember_os:cmd/2`, behind `os:cmd/1,2` in stdlib/erl/os.erl).
//!
//! Each VM has its own copy of the environment, taken from the OS process when first
//! used: `os:putenv/2` and `os:unsetenv/1` change that copy, which `os:getenv` reads and
//! which commands run by `os:cmd` get. The OS process's own environment is never
//! changed (two VMs in one process do not see each other's changes, and no thread can
//! race another's reading of it).

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::process::Proc;
use crate::term::Term;
use std::collections::BTreeMap;
use std::io::Read;

bifs! {
    "os", "getenv", 0 => |p, _| Ok(with_env(p, |env| {
        Term::list(env.iter().map(|(k, v)| Term::string(&format!("{k}={v}"))).collect())
    }));
    "os", "getenv", 1 => |p, a| {
        let name = var_name(&a[0])?;
        Ok(with_env(p, |env| env.get(&name).map(|v| Term::string(v)).unwrap_or(Term::bool(false))))
    };
    "os", "getenv", 2 => |p, a| {
        let name = var_name(&a[0])?;
        Ok(with_env(p, |env| env.get(&name).map(|v| Term::string(v))).unwrap_or_else(|| a[1].clone()))
    };
    "os", "env", 0 => |p, _| Ok(with_env(p, |env| {
        Term::list(env.iter().map(|(k, v)| Term::tuple([Term::string(k), Term::string(v)])).collect())
    }));
    "os", "putenv", 2 => |p, a| {
        let name = var_name(&a[0])?;
        let value = a[1].list_to_string().filter(|v| !v.contains('\0')).ok_or_else(Exception::badarg)?;
        with_env(p, |env| env.insert(name, value));
        Ok(Term::bool(true))
    };
    "os", "unsetenv", 1 => |p, a| {
        let name = var_name(&a[0])?;
        with_env(p, |env| env.remove(&name));
        Ok(Term::bool(true))
    };
    "os", "getpid", 0 => |_, _| Ok(Term::string(&std::process::id().to_string()));
    "os", "type", 0 => |_, _| {
        // OTP names systems as uname does: macOS is darwin.
        let name = match std::env::consts::OS {
            "macos" => "darwin",
            other => other,
        };
        Ok(Term::tuple([Term::atom("unix"), Term::atom(name)]))
    };
    // The kernel's release, as three numbers (uname's, read from /proc).
    "os", "version", 0 => |_, _| {
        let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
        let mut parts = release.trim().split(['.', '-']).map(|x| x.parse::<i64>().unwrap_or(0));
        let mut next = || Term::Int(parts.next().unwrap_or(0));
        Ok(Term::tuple([next(), next(), next()]))
    };
    "ember_os", "cmd", 2 => |p, a| cmd(p, &a[0], &a[1]);
}

/// Runs `f` on the VM's environment, copied from the OS process's the first time.
fn with_env<R>(p: &Proc, f: impl FnOnce(&mut BTreeMap<String, String>) -> R) -> R {
    let mut env = p.vm.env.lock();
    f(env.get_or_insert_with(|| {
        std::env::vars_os().map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned())).collect()
    }))
}

/// A variable's name: a string without `=` or NUL.
fn var_name(t: &Term) -> Result<String, Exception> {
    t.list_to_string().filter(|n| !n.contains(['=', '\0'])).ok_or_else(Exception::badarg)
}

/// Runs `command` with `/bin/sh -c` on the blocking pool, standard error joined to standard
/// output and no standard input; the answer is the output as a list, at most `max_size`
/// bytes of it (`infinity` for all).
fn cmd(p: &mut Proc, command: &Term, max_size: &Term) -> BifResult {
    let command = command.list_to_string().ok_or_else(Exception::badarg)?;
    let limit = match max_size {
        Term::Int(n) if *n >= 0 => *n as u64,
        _ => u64::MAX,
    };
    let env = with_env(p, |env| env.clone());
    super::file::offload(p, "os_cmd", move || {
        let mut child = match std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(format!("({command}) 2>&1"))
            .env_clear()
            .envs(env)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .spawn()
        {
            Ok(c) => c,
            Err(_) => return Term::Nil,
        };
        let mut out = Vec::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = stdout.take(limit).read_to_end(&mut out);
        }
        // Past the limit the command is not waited for: its output no longer matters.
        if out.len() as u64 >= limit {
            let _ = child.kill();
        }
        let _ = child.wait();
        // As characters when the output is UTF-8 (the native encoding), else as bytes.
        match std::str::from_utf8(&out) {
            Ok(text) => Term::string(text),
            Err(_) => Term::list(out.into_iter().map(|b| Term::Int(b as i64)).collect()),
        }
    })
}
