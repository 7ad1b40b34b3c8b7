//! Packing each function's registers into as few as it needs at once.
//!
//! Code generation gives every variable and temporary a register of its own, so frames
//! come out large (dozens of registers in a `gen_server` function), and every call fills
//! a whole frame with `[]` and every return drops one. This pass renumbers registers so
//! that two of them share a number unless both hold a value at the same time: an
//! interference graph from the liveness the moves pass computes, colored greedily.
//!
//! Fixed in place: the arguments and a fun's captured values (registers `0..arity+free`,
//! where calls put them). A register is in use where it is live; it interferes with
//! every register live after an instruction that writes it, the registers an instruction
//! writes together interfere with each other, the registers a `try` handler receives the
//! exception in interfere with everything live when the handler starts, and the
//! registers live on entry (the fixed ones, and any read before being written, which then
//! read `[]`) interfere with one another. A register passed as argument `i` of a local
//! tail call gets number `i` if it can, so that a loop writes its arguments in place.

use super::moves::{liveness, Set};
use crate::code::Module;
use crate::interp::op::{Op, Reg, RegRole, Src};

/// Renumbers the registers of every function of `m` and shrinks their frames.
pub(crate) fn pack_registers(m: &mut Module) {
    let n = m.code.len() as u32;
    let mut free = vec![0u32; m.functions.len()];
    for l in &m.lambdas {
        if let Some(x) = free.get_mut(l.func as usize) {
            *x = l.nfree;
        }
    }
    for (fi, nfree) in free.iter().enumerate() {
        let f = &m.functions[fi];
        let end = m.functions.get(fi + 1).map(|g| g.entry).unwrap_or(n).min(n);
        let start = f.entry.min(end);
        let nslots = f.nslots as usize;
        let fixed = ((f.arity + nfree) as usize).min(nslots);
        if nslots <= fixed + 1 || start == end {
            continue;
        }
        let code = &mut m.code[start as usize..end as usize];
        if let Some(packed) = pack_function(code, start, nslots, fixed, f.arity as usize) {
            m.functions[fi].nslots = packed;
        }
    }
}

/// Packs one function's registers; returns its new frame size, or None to leave it as it is.
fn pack_function(code: &mut [Op], start: u32, nslots: usize, fixed: usize, arity: usize) -> Option<u32> {
    let len = code.len();
    let live = liveness(code, start, nslots, arity);
    let local = |l: u32| l.checked_sub(start).map(|x| x as usize).filter(|x| *x < len);
    let mut adj: Vec<Set> = vec![Set::new(nslots); nslots];
    let mut used = vec![false; nslots];
    // A register passed as argument `i` of a local tail call would best be register `i`:
    // the arguments can then be written in place.
    let mut prefer: Vec<Option<usize>> = vec![None; nslots];
    for op in code.iter() {
        if let Op::TailCall { args, .. } = op {
            for (i, a) in args.iter().enumerate() {
                if let Src::R(r) | Src::M(r) = a {
                    if let Some(p) = prefer.get_mut(r.0 as usize) {
                        p.get_or_insert(i);
                    }
                }
            }
        }
    }
    for (i, op) in code.iter_mut().enumerate() {
        let mut defs: Vec<usize> = Vec::new();
        let mut caught: Vec<usize> = Vec::new();
        let mut bad = false;
        op.for_each_reg_mut(|r, role| {
            let k = r.0 as usize;
            if k >= nslots {
                bad = true;
                return;
            }
            used[k] = true;
            match role {
                RegRole::Def | RegRole::UseDef => defs.push(k),
                RegRole::Caught => caught.push(k),
                RegRole::Use => {}
            }
        });
        if bad {
            // Malformed code: leave it to the verifier.
            return None;
        }
        for &d in &defs {
            adj[d].union(&live.after[i]);
            for &e in &defs {
                adj[d].insert(e);
            }
        }
        if let Op::TryBegin { handler, .. } = op {
            let at = local(handler.0)?;
            for &c in &caught {
                adj[c].union(&live.live_in[at]);
                for &e in &caught {
                    adj[c].insert(e);
                }
            }
        }
    }
    // Registers live on entry hold their values (or `[]`) from the call itself.
    let mut entry = live.live_in.first().cloned().unwrap_or_else(|| Set::new(nslots));
    for r in 0..fixed {
        entry.insert(r);
    }
    for r in entry.iter().collect::<Vec<_>>() {
        adj[r].union(&entry);
    }
    // Make the graph symmetric.
    for a in 0..nslots {
        for b in adj[a].iter().collect::<Vec<_>>() {
            if b < nslots {
                adj[b].insert(a);
            }
        }
    }
    let mut color = vec![u32::MAX; nslots];
    for (r, c) in color.iter_mut().enumerate().take(fixed) {
        *c = r as u32;
    }
    let mut size = fixed as u32;
    for r in fixed..nslots {
        if !used[r] {
            continue;
        }
        let mut taken = Set::new(nslots);
        for nb in adj[r].iter() {
            if nb != r && color[nb] != u32::MAX {
                taken.insert(color[nb] as usize);
            }
        }
        let c = match prefer[r] {
            Some(p) if !taken.contains(p) => p,
            _ => (0..nslots).find(|c| !taken.contains(*c)).unwrap_or(r),
        } as u32;
        color[r] = c;
        size = size.max(c + 1);
    }
    if size as usize >= nslots {
        return None;
    }
    for op in code.iter_mut() {
        op.for_each_reg_mut(|r: &mut Reg, _| {
            if let Some(&c) = color.get(r.0 as usize) {
                if c != u32::MAX {
                    r.0 = c;
                }
            }
        });
    }
    Some(size)
}
