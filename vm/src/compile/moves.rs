//! Last uses: a register read for the last time is moved out, not copied.
//!
//! Terms are reference-counted, so copying a boxed value out of a register costs an atomic
//! increment now and an atomic decrement when the register is overwritten or its frame
//! ends. Where the register is dead after an instruction, the interpreter can take the
//! value instead ([`Src::M`]), and a value with one owner can then be updated in place (a
//! map built in a loop is never copied).
//!
//! The pass computes, per function, which registers are live after each instruction (a
//! backward dataflow over the control flow graph) and rewrites the operands of
//! instructions that consume their operands. Liveness is conservative where control flow
//! is implicit:
//! - an exception may leave any instruction of a function that has a `try` or `catch`
//!   for any of its handlers, so every handler's live registers are live everywhere in it;
//! - a `function_clause` failure reads the frame's arguments for the stack trace, so it
//!   reads every register;
//! - a register written only on some paths (an instruction with a fail label) is not
//!   counted as written.

use crate::bif::{self, BifId};
use crate::code::Module;
use crate::interp::op::{MatchError, Op, Reg, RegRole, Src};
use std::sync::OnceLock;

/// Rewrites every last-use register operand of `m`'s consuming instructions into a move.
pub(crate) fn mark_last_uses(m: &mut Module) {
    for (start, end, nslots) in bounds(m) {
        mark_function(&mut m.code[start as usize..end as usize], start, nslots as usize);
    }
}

/// Each function's code range and register count.
fn bounds(m: &Module) -> Vec<(u32, u32, u32)> {
    let n = m.code.len() as u32;
    let mut bounds: Vec<(u32, u32, u32)> = Vec::with_capacity(m.functions.len());
    for (i, f) in m.functions.iter().enumerate() {
        let end = m.functions.get(i + 1).map(|g| g.entry).unwrap_or(n).min(n);
        bounds.push((f.entry.min(end), end, f.nslots));
    }
    bounds
}

/// Turns the sends whose value is dead into [`Op::Send`] once moves are fused: a send
/// that ends a `case` arm (`Pid ! Msg` as the arm's value, the `case` itself unused) wrote
/// a temporary that a move took into the case's result, so it looked read when
/// [`mark_last_uses`] ran.
pub(crate) fn dead_sends(m: &mut Module) {
    for (start, end, nslots) in bounds(m) {
        let code = &mut m.code[start as usize..end as usize];
        let is_send = |op: &Op| matches!(op, Op::CallBif { bif, args, fail: None, .. } if args.len() == 2 && sends().contains(bif));
        if !code.iter().any(is_send) {
            continue;
        }
        let Liveness { succs, live_in, .. } = liveness(code, start, nslots as usize, nslots as usize);
        for (i, op) in code.iter_mut().enumerate() {
            if let Op::CallBif { bif, args, dst, fail: None } = op {
                if args.len() == 2 && sends().contains(bif) && !live_out(&live_in, &succs[i], dst.0 as usize) {
                    *op = Op::Send { bif: *bif, to: args[0], msg: args[1] };
                }
            }
        }
    }
}

/// A set of registers.
#[derive(Clone, PartialEq)]
pub(super) struct Set(Vec<u64>);

impl Set {
    pub(super) fn new(n: usize) -> Set {
        Set(vec![0; n.div_ceil(64)])
    }
    /// The members, in increasing order.
    pub(super) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0
            .iter()
            .enumerate()
            .flat_map(|(w, bits)| (0..64).filter(move |b| bits & (1 << b) != 0).map(move |b| w * 64 + b))
    }
    pub(super) fn insert(&mut self, r: usize) {
        if let Some(w) = self.0.get_mut(r / 64) {
            *w |= 1 << (r % 64);
        }
    }
    pub(super) fn contains(&self, r: usize) -> bool {
        self.0.get(r / 64).is_some_and(|w| w & (1 << (r % 64)) != 0)
    }
    pub(super) fn union(&mut self, other: &Set) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
}

/// Register liveness in one function's code.
pub(super) struct Liveness {
    /// The instructions' positions (relative to the function) that exception handlers start at.
    pub(super) handlers: Vec<usize>,
    /// Each instruction's successors (positions), other than exception handlers.
    pub(super) succs: Vec<Vec<usize>>,
    /// The registers live on entry to each instruction.
    pub(super) live_in: Vec<Set>,
    /// The registers needed after each instruction, other than those it certainly writes
    /// (and, conservatively, everything any handler may read).
    pub(super) after: Vec<Set>,
    /// The registers each instruction certainly writes (instructions without a fail label).
    pub(super) defs: Vec<Set>,
}

/// Computes liveness for the function whose code is `code` (starting at address `start`),
/// with `nslots` registers, where a `function_clause` failure reads registers
/// `0..clause_reads`. (It takes the code mutably only because the register visitor,
/// [`Op::for_each_reg_mut`], does; it changes nothing.)
pub(super) fn liveness(code: &mut [Op], start: u32, nslots: usize, clause_reads: usize) -> Liveness {
    let len = code.len();
    let local = |l: u32| l.checked_sub(start).map(|x| x as usize).filter(|x| *x < len);
    let handlers: Vec<usize> = code
        .iter()
        .filter_map(|op| match op {
            Op::TryBegin { handler, .. } => local(handler.0),
            _ => None,
        })
        .collect();
    let mut succs: Vec<Vec<usize>> = Vec::with_capacity(len);
    let mut uses: Vec<Set> = Vec::with_capacity(len);
    let mut defs: Vec<Set> = Vec::with_capacity(len);
    for (i, op) in code.iter_mut().enumerate() {
        let mut s: Vec<usize> = op.labels().iter().filter_map(|l| local(l.0)).collect();
        if falls_through(op) && i + 1 < len {
            s.push(i + 1);
        }
        succs.push(s);
        let mut u = Set::new(nslots);
        if matches!(op, Op::MatchFail { kind: MatchError::FunctionClause, .. }) {
            for r in 0..clause_reads.min(nslots) {
                u.insert(r);
            }
        }
        reads(op, &mut |r| u.insert(r.0 as usize));
        uses.push(u);
        let mut d = Set::new(nslots);
        if op.labels().is_empty() {
            writes(op, &mut |r| d.insert(r.0 as usize));
        }
        defs.push(d);
    }
    // Backward dataflow to a fixed point: live_in = uses ∪ (normal successors' live_in −
    // defs) ∪ handlers' live_in.
    let mut live_in: Vec<Set> = vec![Set::new(nslots); len];
    let mut after: Vec<Set> = vec![Set::new(nslots); len];
    let mut changed = true;
    while changed {
        changed = false;
        for i in (0..len).rev() {
            let mut out = Set::new(nslots);
            for &s in &succs[i] {
                out.union(&live_in[s]);
            }
            for (w, d) in out.0.iter_mut().zip(&defs[i].0) {
                *w &= !d;
            }
            for &h in &handlers {
                out.union(&live_in[h]);
            }
            let mut inn = out.clone();
            inn.union(&uses[i]);
            if inn != live_in[i] {
                live_in[i] = inn;
                changed = true;
            }
            after[i] = out;
        }
    }
    Liveness { handlers, succs, live_in, after, defs }
}

/// Is register `r` live after an instruction with successors `succs`?
fn live_out(live_in: &[Set], succs: &[usize], r: usize) -> bool {
    succs.iter().any(|&s| live_in[s].contains(r))
}

fn mark_function(code: &mut [Op], start: u32, nslots: usize) {
    if code.is_empty() {
        return;
    }
    // A function_clause failure is taken to read every register (conservatively).
    let Liveness { handlers, succs, live_in, after, defs } = liveness(code, start, nslots, nslots);
    // What any exception handler of the function may read: an instruction that raises
    // leaves its destination unwritten, so those registers keep their old values.
    let mut handler_live = Set::new(nslots);
    for &h in &handlers {
        handler_live.union(&live_in[h]);
    }
    for (i, op) in code.iter_mut().enumerate() {
        let mut count = vec![0u8; nslots];
        reads(op, &mut |r| {
            if let Some(c) = count.get_mut(r.0 as usize) {
                *c = c.saturating_add(1);
            }
        });
        let needed = &after[i];
        // A register this instruction overwrites (on its only path) does not need its old
        // value afterwards, even if the new one is live, unless a handler may see the old
        // one.
        let overwritten = |k: usize| defs[i].contains(k) && !handler_live.contains(k);
        consumed_operands(op, &mut |s| {
            if let Src::R(r) = *s {
                let k = r.0 as usize;
                if count.get(k) == Some(&1) && (!needed.contains(k) || overwritten(k)) {
                    *s = Src::M(r);
                }
            }
        });
        // A send whose value is dead hands its message over instead of keeping a copy.
        // (`after` leaves out what the instruction writes; the successors tell whether its
        // result is read.)
        if let Op::CallBif { bif, args, dst, fail: None } = op {
            let read_later = live_out(&live_in, &succs[i], dst.0 as usize);
            if sends().contains(bif) && args.len() == 2 && !read_later {
                *op = Op::Send { bif: *bif, to: args[0], msg: args[1] };
            }
        }
    }
}

/// The built-ins `erlang:send/2` and `erlang:'!'/2`.
fn sends() -> &'static [BifId] {
    static SENDS: OnceLock<Vec<BifId>> = OnceLock::new();
    SENDS.get_or_init(|| [("send", 2), ("!", 2)].iter().filter_map(|(n, a)| bif::lookup("erlang", n, *a)).collect())
}

/// Does control go on to the next instruction (on some path)?
fn falls_through(op: &Op) -> bool {
    !matches!(
        op,
        Op::Jump { .. }
            | Op::RecvNext { .. }
            | Op::Return { .. }
            | Op::TailCall { .. }
            | Op::TailCallExt { .. }
            | Op::TailCallFun { .. }
            | Op::TailCallDyn { .. }
            | Op::Apply { tail: true, .. }
            | Op::MatchFail { .. }
            | Op::Reraise { .. }
    )
}

/// Calls `f` with every register the instruction reads.
fn reads(op: &mut Op, f: &mut dyn FnMut(Reg)) {
    op.for_each_reg_mut(|r, role| {
        if matches!(role, RegRole::Use | RegRole::UseDef) {
            f(*r)
        }
    });
}

/// Calls `f` with every register the instruction writes when it completes normally. (An
/// instruction with a fail label writes only on success: the caller leaves those out.)
fn writes(op: &mut Op, f: &mut dyn FnMut(Reg)) {
    op.for_each_reg_mut(|r, role| {
        if matches!(role, RegRole::Def | RegRole::UseDef) {
            f(*r)
        }
    });
}

/// Calls `f` on each operand that the instruction consumes (reads into a new value or a
/// call), where a move can replace a copy.
fn consumed_operands(op: &mut Op, f: &mut dyn FnMut(&mut Src)) {
    match op {
        Op::Move { src, .. } | Op::Return { src } | Op::GetList { src, .. } | Op::Send { msg: src, .. } => f(src),
        Op::MakeCons { head, tail, .. } => {
            f(head);
            f(tail);
        }
        Op::MakeTuple { elems: args, .. }
        | Op::MakeFun { env: args, .. }
        | Op::CallBif { args, .. }
        | Op::Call { args, .. }
        | Op::TailCall { args, .. }
        | Op::CallExt { args, .. }
        | Op::TailCallExt { args, .. } => args.iter_mut().for_each(f),
        Op::MakeMap { pairs, .. } => pairs.iter_mut().for_each(|(k, v)| {
            f(k);
            f(v);
        }),
        Op::UpdateMap { map, pairs, .. } => {
            f(map);
            pairs.iter_mut().for_each(|(_, v, _)| f(v));
        }
        Op::CallFun { fun, args, .. } | Op::TailCallFun { fun, args } => {
            f(fun);
            args.iter_mut().for_each(f);
        }
        Op::CallDyn { args, .. } | Op::TailCallDyn { args, .. } => args.iter_mut().for_each(f),
        // The segments' values (not their sizes): a binary handed on this way, with no
        // other holder, is appended to in place.
        Op::MakeBinary { segs, .. } => segs.iter_mut().for_each(|(v, _)| f(v)),
        _ => {}
    }
}
