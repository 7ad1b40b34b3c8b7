//! Fusing a value's computation with the move that follows it, and a tuple element's read
//! with the comparison that tests it.
//!
//! Code generation computes a value into a temporary and then, when the value is bound to
//! a variable (`X = f(Y)`), moves it into the variable's register. Where the move is the
//! temporary's last use (after the moves pass marked it `Src::M`) and nothing jumps to
//! the move, the instruction before it writes the variable's register directly and the
//! move goes. Jumps to the next instruction go too. The code is then compacted and every
//! address in the module remapped (an address of a removed instruction becomes that of
//! the next one kept).
//!
//! A pattern's tuple element compared with an immediate literal (the tag of `{ok, X}` or
//! of a record) or with a bound variable is read into a temporary and compared: where the
//! temporary is dead after the comparison and nothing jumps to it, [`Op::ElementEq`] (or
//! [`Op::ElementEqReg`]) tests the element in place. A tuple's arity test followed by
//! such a test of its first element against an atom becomes one [`Op::TestTagged`].

use super::moves::liveness;
use super::specialize::immediate_literal;
use crate::code::Module;
use crate::interp::op::{Cmp, Label, Op, Reg, RegRole, Src};
use crate::term::Term;

/// Fuses every computation with the move after it where that is safe (see the module).
pub(crate) fn fuse_moves(m: &mut Module) {
    let n = m.code.len();
    let mut targets = vec![false; n + 1];
    for f in &m.functions {
        if let Some(t) = targets.get_mut(f.entry as usize) {
            *t = true;
        }
    }
    for op in &m.code {
        for l in op.labels() {
            if let Some(t) = targets.get_mut(l.0 as usize) {
                *t = true;
            }
        }
    }
    let mut keep = vec![true; n];
    fuse_element_tests(m, &targets, &mut keep);
    fuse_tagged_tests(m, &targets, &mut keep);
    for i in 0..n.saturating_sub(1) {
        let Op::Move { src: Src::M(t), dst: r } = m.code[i + 1] else { continue };
        if targets[i + 1] || t == r || !keep[i] {
            continue;
        }
        if writes_only(&mut m.code[i], t) {
            m.code[i].for_each_reg_mut(|d, role| {
                if role == RegRole::Def {
                    *d = r;
                }
            });
            keep[i + 1] = false;
        }
    }
    // A jump to the next instruction does nothing (a label on it moves to that instruction).
    for (i, op) in m.code.iter().enumerate() {
        if matches!(op, Op::Jump { to } if to.0 as usize == i + 1) {
            keep[i] = false;
        }
    }
    compact(m, &keep);
}

/// Drops every move of a register into itself (register packing leaves some: a value
/// bound to a variable that got the temporary's register).
pub(crate) fn drop_self_moves(m: &mut Module) {
    let keep: Vec<bool> =
        m.code.iter().map(|op| !matches!(op, Op::Move { src: Src::R(s) | Src::M(s), dst } if s == dst)).collect();
    compact(m, &keep);
}

/// Removes the instructions not in `keep`, remapping every code address.
fn compact(m: &mut Module, keep: &[bool]) {
    let n = m.code.len();
    if keep.iter().all(|k| *k) {
        return;
    }
    // Compact: old address -> new address (a removed instruction maps to the next kept
    // one: a removed jump may have been a jump target).
    let mut new_at = Vec::with_capacity(n + 1);
    let mut next = 0u32;
    for k in keep {
        new_at.push(next);
        if *k {
            next += 1;
        }
    }
    new_at.push(next);
    let code = std::mem::take(&mut m.code);
    let lines = std::mem::take(&mut m.lines);
    for (i, mut op) in code.into_iter().enumerate() {
        if keep[i] {
            // (A label out of range, in a module with errors that is discarded anyway,
            // stays as it is: the verifier rejects it.)
            op.for_each_label_mut(|l: &mut Label| l.0 = new_at.get(l.0 as usize).copied().unwrap_or(l.0));
            m.code.push(op);
            m.lines.push(lines.get(i).copied().unwrap_or(0));
        }
    }
    for f in &mut m.functions {
        f.entry = new_at.get(f.entry as usize).copied().unwrap_or(f.entry);
    }
}

/// Does the instruction write exactly one register, `t`, after reading its operands (so
/// that the destination may become one of them)?
fn writes_only(op: &mut Op, t: Reg) -> bool {
    let (mut defs, mut only_t, mut other) = (0, true, false);
    op.for_each_reg_mut(|r, role| match role {
        RegRole::Def => {
            defs += 1;
            only_t &= *r == t;
        }
        RegRole::UseDef | RegRole::Caught => other = true,
        RegRole::Use => {}
    });
    defs == 1 && only_t && !other
}

/// Turns each `GetElement` into a temporary followed by an exact comparison of the
/// temporary with an immediate literal or another register into one [`Op::ElementEq`] or
/// [`Op::ElementEqReg`], where nothing jumps to
/// the comparison and the temporary is dead after it; the comparison is then dropped
/// (`keep`).
fn fuse_element_tests(m: &mut Module, targets: &[bool], keep: &mut [bool]) {
    let n = m.code.len() as u32;
    let literals = &m.literals;
    let immediate = |s: Src| match s {
        Src::L(l) => immediate_literal(literals, l),
        _ => None,
    };
    for (fi, f) in m.functions.iter().enumerate() {
        let end = m.functions.get(fi + 1).map(|g| g.entry).unwrap_or(n).min(n);
        let start = f.entry.min(end);
        let code = &mut m.code[start as usize..end as usize];
        let pairs: Vec<usize> = (0..code.len().saturating_sub(1))
            .filter(|&i| {
                matches!((&code[i], &code[i + 1]), (Op::GetElement { .. }, Op::Compare { cmp: Cmp::ExactEq, .. }))
            })
            .collect();
        if pairs.is_empty() {
            continue;
        }
        // A function_clause failure reads the arguments (for the stack trace).
        let live = liveness(code, start, f.nslots as usize, f.arity as usize);
        for i in pairs {
            let (Op::GetElement { src: Src::R(tuple) | Src::M(tuple), index, dst: t }, Op::Compare { a, b, fail, .. }) =
                (&code[i], &code[i + 1])
            else {
                continue;
            };
            let other = match (*a, *b) {
                (Src::R(x) | Src::M(x), o) | (o, Src::R(x) | Src::M(x)) if x == *t => o,
                _ => continue,
            };
            let at = start as usize + i;
            if targets[at + 1] || !keep[at] || t.0 < f.arity || live.after[i + 1].contains(t.0 as usize) {
                continue;
            }
            let (tuple, index, fail) = (*tuple, *index, *fail);
            code[i] = match other {
                Src::R(o) | Src::M(o) if o != *t => Op::ElementEqReg { tuple, index, other: o, fail },
                lit => match immediate(lit) {
                    Some(imm) => Op::ElementEq { tuple, index, imm, fail },
                    None => continue,
                },
            };
            keep[at + 1] = false;
        }
    }
}

/// Turns each `TestArity` of a register followed by an [`Op::ElementEq`] of the same
/// tuple's first element against an atom, failing to the same place, into one
/// [`Op::TestTagged`], where nothing jumps to the second test; the second is then dropped
/// (`keep`).
fn fuse_tagged_tests(m: &mut Module, targets: &[bool], keep: &mut [bool]) {
    for i in 0..m.code.len().saturating_sub(1) {
        if !keep[i] || !keep[i + 1] || targets[i + 1] {
            continue;
        }
        let (
            Op::TestArity { src: Src::R(x), arity, fail },
            Op::ElementEq { tuple, index: 0, imm: Term::Atom(tag), fail: f2 },
        ) = (&m.code[i], &m.code[i + 1])
        else {
            continue;
        };
        if x != tuple || fail != f2 {
            continue;
        }
        m.code[i] = Op::TestTagged { tuple: *x, arity: *arity, tag: *tag, fail: *fail };
        keep[i + 1] = false;
    }
}
