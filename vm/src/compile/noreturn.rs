//! Functions that can never return, as erlc infers them.
//!
//! erlc's type analysis finds local functions that can only raise (or loop forever): every
//! clause ends in `erlang:error/1,2,3`, `exit/1`, `throw/1` or `erlang:raise/3`, or in a call
//! to another such function. Outside a `try` or `catch`, it compiles a call to one as a
//! jump, so the caller's frame is gone and stack traces do not show it. ember keeps the
//! frame (calls never recurse in Rust, and the interpreter needs it to return into) and
//! leaves it out of stack traces instead (`interp::stack`), so that they read as erl's.
//!
//! The analysis here is the plain part of erlc's: an expression diverges if something it
//! always evaluates diverges; a `case`, `if` or `receive` diverges if every clause does;
//! `try` and `catch` never do. It starts from "no function returns" and keeps any
//! function with a clause that may return, until nothing changes.

use crate::syntax::ast::{BinOp, Clause, Expr, Function};
use std::collections::HashMap;

/// For each function of `fns` (indexed as in `index`), whether it can never return.
pub(super) fn never_returning(fns: &[&Function], index: &HashMap<(String, u32), u32>) -> Vec<bool> {
    let mut never = vec![true; fns.len()];
    loop {
        let mut changed = false;
        for (i, f) in fns.iter().enumerate() {
            if never[i] && f.clauses.iter().any(|c| !body_diverges(&c.body, &never, index)) {
                never[i] = false;
                changed = true;
            }
        }
        if !changed {
            return never;
        }
    }
}

fn body_diverges(body: &[Expr], never: &[bool], index: &HashMap<(String, u32), u32>) -> bool {
    body.iter().any(|e| diverges(e, never, index))
}

fn clauses_diverge(cs: &[Clause], never: &[bool], index: &HashMap<(String, u32), u32>) -> bool {
    !cs.is_empty() && cs.iter().all(|c| body_diverges(&c.body, never, index))
}

/// Does evaluating `e` never finish normally?
fn diverges(e: &Expr, never: &[bool], index: &HashMap<(String, u32), u32>) -> bool {
    let d = |e: &Expr| diverges(e, never, index);
    match e {
        Expr::Call(_, f, args) => {
            if args.iter().any(d) {
                return true;
            }
            let Expr::Atom(_, name) = f.as_ref() else { return d(f) };
            let arity = args.len() as u32;
            match index.get(&(name.clone(), arity)) {
                Some(&i) => never.get(i as usize).copied().unwrap_or(false),
                None => raises(name, arity),
            }
        }
        Expr::RemoteCall(_, m, f, args) => {
            if d(m) || d(f) || args.iter().any(d) {
                return true;
            }
            match (m.as_ref(), f.as_ref()) {
                (Expr::Atom(_, m), Expr::Atom(_, f)) => {
                    m == "erlang" && (raises(f, args.len() as u32) || (f == "raise" && args.len() == 3))
                }
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
        Expr::Case(_, v, cs) => d(v) || clauses_diverge(cs, never, index),
        Expr::If(_, cs) => clauses_diverge(cs, never, index),
        Expr::Receive(_, cs, after) => {
            let clauses = cs.is_empty() || clauses_diverge(cs, never, index);
            let timeout = match after {
                Some((_, body)) => body_diverges(body, never, index),
                None => true,
            };
            clauses && timeout && !(cs.is_empty() && after.is_none())
        }
        _ => false,
    }
}

/// The auto-imported built-ins that always raise.
fn raises(name: &str, arity: u32) -> bool {
    matches!((name, arity), ("error", 1..=3) | ("exit", 1) | ("throw", 1))
}
