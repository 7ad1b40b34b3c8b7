//! Fusing a value's computation with the move that follows it.
//!
//! Code generation computes a value into a temporary and then, when the value is bound to
//! a variable (`X = f(Y)`), moves it into the variable's register. Where the move is the
//! temporary's last use (after the moves pass marked it `Src::M`) and nothing jumps to
//! the move, the instruction before it writes the variable's register directly and the
//! move goes. Jumps to the next instruction go too. The code is then compacted and every
//! address in the module remapped (an address of a removed instruction becomes that of
//! the next one kept).

use crate::code::Module;
use crate::interp::op::{Label, Op, Reg, RegRole, Src};

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
    if keep.iter().all(|k| *k) {
        return;
    }
    // Compact: old address -> new address (a removed instruction maps to the next kept
    // one: a removed jump may have been a jump target).
    let mut new_at = Vec::with_capacity(n + 1);
    let mut next = 0u32;
    for k in &keep {
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
