//! Specialized instructions, chosen once per module after the other passes.
//!
//! The general instructions take operands that may be registers or literals, and the
//! interpreter decides which on every execution. The common cases get forms of their own:
//! an operator with a small integer literal ([`Op::ArithImm`], and [`Op::AddImm`] for `+`
//! and `-`), a comparison with an immediate literal ([`Op::CmpImm`]; for exact equality
//! with a small integer, an atom or `[]`, [`Op::IsEqInt`] and [`Op::IsEqAtomic`], which
//! decide without dispatching on the comparison), a tail call whose
//! arguments can be written in place (`TailCall`'s `in_place`), `self()`
//! ([`Op::SelfPid`], which needs no built-in call), and `element/2` with a literal index
//! ([`Op::Element`], which reads the element inline).

use crate::bif::{self, BifId};
use crate::code::Module;
use crate::interp::op::{ArithKind, Cmp, Label, Lit, Op, Reg, Src};
use crate::term::Term;
use std::sync::OnceLock;

/// Literal `l` if it is an immediate (a small integer, an atom or `[]`): what
/// [`Op::CmpImm`] and the element tests fused in `fuse.rs` compare with.
pub(super) fn immediate_literal(literals: &[Term], l: Lit) -> Option<Term> {
    match literals.get(l.0 as usize) {
        Some(t @ (Term::Int(_) | Term::Atom(_) | Term::Nil)) => Some(t.clone()),
        _ => None,
    }
}

/// Rewrites `m`'s instructions into their specialized forms where they apply.
pub(crate) fn specialize(m: &mut Module) {
    let literals = &m.literals;
    let immediate = |l: u32| immediate_literal(literals, Lit(l));
    for op in m.code.iter_mut() {
        let new = match op {
            Op::Compare { cmp, a: Src::R(a), b: Src::L(l), fail } => {
                immediate(l.0).map(|imm| compare_immediate(*cmp, *a, imm, *fail))
            }
            Op::Compare { cmp, a: Src::L(l), b: Src::R(b), fail } => {
                immediate(l.0).map(|imm| compare_immediate(swapped(*cmp), *b, imm, *fail))
            }
            Op::Arith { kind, bif, a: Src::R(a), b: Src::L(l), dst, fail } if !matches!(kind, ArithKind::Cmp(_)) => {
                match literals.get(l.0 as usize) {
                    Some(Term::Int(i)) => {
                        let delta = match kind {
                            ArithKind::Add => Some(*i),
                            ArithKind::Sub => i.checked_neg(),
                            _ => None,
                        };
                        Some(match delta {
                            Some(delta) => {
                                Op::AddImm { kind: *kind, bif: *bif, a: *a, imm: *i, delta, dst: *dst, fail: *fail }
                            }
                            None => Op::ArithImm { kind: *kind, bif: *bif, a: *a, imm: *i, dst: *dst, fail: *fail },
                        })
                    }
                    _ => None,
                }
            }
            Op::CallBif { bif, args, dst, .. } if args.is_empty() && Some(*bif) == self_bif() => {
                Some(Op::SelfPid { dst: *dst })
            }
            Op::CallBif { bif, args, dst, fail } if Some(*bif) == element_bif() => match &args[..] {
                [Src::L(l), tuple @ (Src::R(_) | Src::M(_))] => match literals.get(l.0 as usize) {
                    Some(Term::Int(n)) if *n >= 1 && *n <= i64::from(u32::MAX) => {
                        Some(Op::Element { bif: *bif, index: *n as u32, tuple: *tuple, dst: *dst, fail: *fail })
                    }
                    _ => None,
                },
                _ => None,
            },
            Op::TailCall { args, in_place, .. } => {
                *in_place = args.iter().enumerate().all(|(i, a)| match a {
                    Src::L(_) => true,
                    Src::R(r) | Src::M(r) => r.0 as usize >= i,
                });
                None
            }
            _ => None,
        };
        if let Some(new) = new {
            *op = new;
        }
    }
}

/// The instruction for comparison `cmp` of register `a` with the immediate `imm`.
fn compare_immediate(cmp: Cmp, a: Reg, imm: Term, fail: Label) -> Op {
    match (cmp, imm) {
        (Cmp::ExactEq, Term::Int(i)) => Op::IsEqInt { a, imm: i, fail },
        // An atom or `[]` is equal only to itself, with `==` as with `=:=`.
        (Cmp::ExactEq | Cmp::Eq, imm @ (Term::Atom(_) | Term::Nil)) => Op::IsEqAtomic { a, imm, fail },
        (cmp, imm) => Op::CmpImm { cmp, a, imm, fail },
    }
}

/// The built-in `erlang:self/0`.
fn self_bif() -> Option<BifId> {
    static SELF: OnceLock<Option<BifId>> = OnceLock::new();
    *SELF.get_or_init(|| bif::lookup("erlang", "self", 0))
}

/// The built-in `erlang:element/2`.
fn element_bif() -> Option<BifId> {
    static ELEMENT: OnceLock<Option<BifId>> = OnceLock::new();
    *ELEMENT.get_or_init(|| bif::lookup("erlang", "element", 2))
}

/// The comparison with its operands exchanged: `a < b` is `b > a`.
fn swapped(cmp: Cmp) -> Cmp {
    match cmp {
        Cmp::Lt => Cmp::Gt,
        Cmp::Le => Cmp::Ge,
        Cmp::Gt => Cmp::Lt,
        Cmp::Ge => Cmp::Le,
        c => c,
    }
}
