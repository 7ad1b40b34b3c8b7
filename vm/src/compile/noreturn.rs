//! Functions that can never return, as erlc infers them.
//!
//! erlc's type analysis finds local functions that can only raise (or loop forever): every
//! clause ends in `erlang:error/1,2,3`, `exit/1` or `throw/1`, or in a call to another such
//! function. Outside a `try` or `catch`, it compiles a call to one as a jump, so the
//! caller's frame is gone and stack traces do not show it. ember keeps the frame (calls
//! never recurse in Rust, and the interpreter needs it to return into) and leaves it out
//! of stack traces instead (`interp::stack`), so that they read as erl's.
//!
//! The analysis here is the plain part of erlc's: an expression diverges if something it
//! always evaluates diverges; a `case`, `if` or `receive` diverges if every clause does;
//! `try` and `catch` never do. It starts from "no function returns" and keeps any
//! function with a clause that may return, until nothing changes. A module that loads a
//! NIF gets nothing (erlc keeps every frame there: the stubs that raise are replaced).

use crate::syntax::ast::{BinOp, Clause, Expr, Function};
use std::collections::HashMap;

/// What the analysis looks names up in.
struct Scope<'a> {
    /// Local functions by name and arity.
    local: HashMap<(&'a str, u32), usize>,
    /// Imported functions (`-import`): their module.
    imported: &'a HashMap<(String, u32), String>,
}

/// For each function of `fns` (whose indices `index` gives), whether it can never return.
pub(super) fn never_returning(
    fns: &[&Function],
    index: &HashMap<(String, u32), u32>,
    imported: &HashMap<(String, u32), String>,
) -> Vec<bool> {
    let scope = Scope { local: index.iter().map(|((n, a), &i)| ((n.as_str(), *a), i as usize)).collect(), imported };
    let mut never = vec![true; fns.len()];
    if fns.iter().any(|f| f.clauses.iter().any(|c| c.body.iter().any(loads_nif))) {
        never.iter_mut().for_each(|n| *n = false);
        return never;
    }
    // Who calls whom: a function is looked at again when one it calls turns out to return.
    let mut callers: Vec<Vec<usize>> = vec![Vec::new(); fns.len()];
    for (i, f) in fns.iter().enumerate() {
        for c in &f.clauses {
            for e in &c.body {
                super::codegen::walk(e, &mut |e| {
                    if let Expr::Call(_, name, args) = e {
                        if let Expr::Atom(_, name) = name.as_ref() {
                            if let Some(&j) = scope.local.get(&(name.as_str(), args.len() as u32)) {
                                if j < fns.len() && !callers[j].contains(&i) {
                                    callers[j].push(i);
                                }
                            }
                        }
                    }
                });
            }
        }
    }
    let mut todo: Vec<usize> = (0..fns.len()).collect();
    while let Some(i) = todo.pop() {
        if never[i] && fns[i].clauses.iter().any(|c| !body_diverges(&c.body, &never, &scope)) {
            never[i] = false;
            todo.extend(callers[i].iter().copied().filter(|&j| never[j]));
        }
    }
    never
}

/// Does `e` call `erlang:load_nif/2` anywhere?
fn loads_nif(e: &Expr) -> bool {
    let mut found = false;
    super::codegen::walk(e, &mut |e| {
        if let Expr::RemoteCall(_, m, f, args) = e {
            if let (Expr::Atom(_, m), Expr::Atom(_, f)) = (m.as_ref(), f.as_ref()) {
                found |= m == "erlang" && f == "load_nif" && args.len() == 2;
            }
        }
    });
    found
}

fn body_diverges(body: &[Expr], never: &[bool], scope: &Scope<'_>) -> bool {
    body.iter().any(|e| diverges(e, never, scope))
}

fn clauses_diverge(cs: &[Clause], never: &[bool], scope: &Scope<'_>) -> bool {
    !cs.is_empty() && cs.iter().all(|c| body_diverges(&c.body, never, scope))
}

/// Does evaluating `e` never finish normally?
fn diverges(e: &Expr, never: &[bool], scope: &Scope<'_>) -> bool {
    let d = |e: &Expr| diverges(e, never, scope);
    match e {
        Expr::Call(_, f, args) => {
            if args.iter().any(d) {
                return true;
            }
            let Expr::Atom(_, name) = f.as_ref() else { return d(f) };
            let arity = args.len() as u32;
            if let Some(&i) = scope.local.get(&(name.as_str(), arity)) {
                return never.get(i).copied().unwrap_or(false);
            }
            match scope.imported.get(&(name.clone(), arity)) {
                Some(m) => m == "erlang" && raises(name, arity),
                None => raises(name, arity),
            }
        }
        Expr::RemoteCall(_, m, f, args) => {
            if d(m) || d(f) || args.iter().any(d) {
                return true;
            }
            match (m.as_ref(), f.as_ref()) {
                (Expr::Atom(_, m), Expr::Atom(_, f)) => m == "erlang" && raises(f, args.len() as u32),
                _ => false,
            }
        }
        Expr::Match(_, _, v) => d(v),
        // The right operand of `andalso` and `orelse` is not always evaluated.
        Expr::BinOp(_, BinOp::AndAlso | BinOp::OrElse, a, _) => d(a),
        Expr::BinOp(_, _, a, b) => d(a) || d(b),
        Expr::UnOp(_, _, a) => d(a),
        Expr::Tuple(_, es) | Expr::Block(_, es) => es.iter().any(d),
        Expr::Cons(_, h, t) => d(h) || d(t),
        Expr::Map(_, fields) => fields.iter().any(|f| d(&f.key) || d(&f.value)),
        Expr::MapUpdate(_, m, fields) => d(m) || fields.iter().any(|f| d(&f.key) || d(&f.value)),
        Expr::Bin(_, elems) => elems.iter().any(|e| d(&e.value) || e.size.as_ref().is_some_and(d)),
        Expr::Record(_, _, fields) => fields.iter().any(|(_, _, v)| d(v)),
        Expr::Case(_, v, cs) => d(v) || clauses_diverge(cs, never, scope),
        Expr::If(_, cs) => clauses_diverge(cs, never, scope),
        Expr::Receive(_, cs, after) => {
            let clauses = cs.is_empty() || clauses_diverge(cs, never, scope);
            let timeout = match after {
                Some((_, body)) => body_diverges(body, never, scope),
                None => true,
            };
            clauses && timeout && !(cs.is_empty() && after.is_none())
        }
        _ => false,
    }
}

/// The built-ins that always raise (`erlang:raise/3` returns `badarg` for a bad class).
fn raises(name: &str, arity: u32) -> bool {
    matches!((name, arity), ("error", 1..=3) | ("exit", 1) | ("throw", 1))
}
