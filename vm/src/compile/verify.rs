//! The bytecode verifier: rejects code that a correct compiler cannot produce, before it
//! runs. Every rejection names what is wrong and where.

use crate::code::Module;
use crate::interp::op::{Op, Reg, Src};

/// Checks a module's bytecode: jump targets inside the code, registers inside their frame,
/// literals, functions, lambdas and imports inside their tables.
pub(crate) fn verify(m: &Module) -> Result<(), String> {
    let n = m.code.len() as u32;
    for (fi, f) in m.functions.iter().enumerate() {
        let end = m.functions.get(fi + 1).map(|g| g.entry).unwrap_or(n);
        if f.entry > end || f.entry >= n.max(1) && n > 0 && f.entry > n {
            return Err(format!("function {}/{} starts outside the code", f.name.as_str(), f.arity));
        }
        for pc in f.entry..end {
            let op = &m.code[pc as usize];
            for l in op.labels() {
                if l.0 >= n {
                    return Err(format!("instruction {pc} jumps to {} outside the code", l.0));
                }
            }
            let mut srcs = Vec::new();
            let mut regs = Vec::new();
            visit_operands(op, &mut |s| srcs.push(s), &mut |r| regs.push(r));
            for s in srcs {
                match s {
                    Src::R(r) | Src::M(r) => regs.push(r),
                    Src::L(l) if l.0 as usize >= m.literals.len() => {
                        return Err(format!("instruction {pc} uses missing literal {}", l.0));
                    }
                    Src::L(_) => {}
                }
            }
            if let Some(r) = regs.iter().find(|r| r.0 >= f.nslots) {
                return Err(format!("instruction {pc} uses register {} of a {}-register frame", r.0, f.nslots));
            }
            match op {
                Op::Call { func, .. } | Op::TailCall { func, .. } if *func as usize >= m.functions.len() => {
                    return Err(format!("instruction {pc} calls missing function {func}"));
                }
                Op::CallExt { import, .. } | Op::TailCallExt { import, .. } if *import as usize >= m.imports.len() => {
                    return Err(format!("instruction {pc} calls missing import {import}"));
                }
                Op::MakeFun { lambda, .. } if *lambda as usize >= m.lambdas.len() => {
                    return Err(format!("instruction {pc} makes missing lambda {lambda}"));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn visit_operands(op: &Op, src: &mut dyn FnMut(Src), reg: &mut dyn FnMut(Reg)) {
    match op {
        Op::Move { src: s, dst } => {
            src(*s);
            reg(*dst);
        }
        Op::Test { src: s, .. } | Op::TestArity { src: s, .. } => src(*s),
        Op::TestFunArity { src: s, arity, .. } => {
            src(*s);
            src(*arity);
        }
        Op::Compare { a, b, .. } => {
            src(*a);
            src(*b);
        }
        Op::GetElement { src: s, dst, .. } => {
            src(*s);
            reg(*dst);
        }
        Op::GetList { src: s, head, tail } => {
            src(*s);
            reg(*head);
            reg(*tail);
        }
        Op::GetMapValue { map, key, dst, .. } => {
            src(*map);
            src(*key);
            reg(*dst);
        }
        Op::MakeTuple { elems, dst } => {
            elems.iter().for_each(|s| src(*s));
            reg(*dst);
        }
        Op::MakeCons { head, tail, dst } => {
            src(*head);
            src(*tail);
            reg(*dst);
        }
        Op::MakeMap { pairs, dst } => {
            pairs.iter().for_each(|(k, v)| {
                src(*k);
                src(*v)
            });
            reg(*dst);
        }
        Op::UpdateMap { map, pairs, dst, .. } => {
            src(*map);
            pairs.iter().for_each(|(k, v, _)| {
                src(*k);
                src(*v)
            });
            reg(*dst);
        }
        Op::MakeFun { env, dst, .. } => {
            env.iter().for_each(|s| src(*s));
            reg(*dst);
        }
        Op::Arith { a, b, dst, .. } => {
            src(*a);
            src(*b);
            reg(*dst);
        }
        Op::ArithImm { a, dst, .. } | Op::AddImm { a, dst, .. } => {
            reg(*a);
            reg(*dst);
        }
        Op::CmpImm { a, .. }
        | Op::IsEqInt { a, .. }
        | Op::IsEqAtomic { a, .. }
        | Op::ElementEq { tuple: a, .. }
        | Op::TestTagged { tuple: a, .. } => reg(*a),
        Op::ElementEqReg { tuple, other, .. } => {
            reg(*tuple);
            reg(*other);
        }
        Op::SelfPid { dst } => reg(*dst),
        Op::Element { tuple, dst, .. } => {
            src(*tuple);
            reg(*dst);
        }
        Op::Send { to, msg, .. } => {
            src(*to);
            src(*msg);
        }
        Op::CallBif { args, dst, .. } | Op::Call { args, dst, .. } | Op::CallExt { args, dst, .. } => {
            args.iter().for_each(|s| src(*s));
            reg(*dst);
        }
        Op::TailCall { args, .. } | Op::TailCallExt { args, .. } => args.iter().for_each(|s| src(*s)),
        Op::CallFun { fun, args, dst } => {
            src(*fun);
            args.iter().for_each(|s| src(*s));
            reg(*dst);
        }
        Op::TailCallFun { fun, args } => {
            src(*fun);
            args.iter().for_each(|s| src(*s));
        }
        Op::CallDyn { module, function, args, dst } => {
            src(*module);
            src(*function);
            args.iter().for_each(|s| src(*s));
            reg(*dst);
        }
        Op::TailCallDyn { module, function, args } => {
            src(*module);
            src(*function);
            args.iter().for_each(|s| src(*s));
        }
        Op::Apply { module, function, args, dst, .. } => {
            if let Some(m) = module {
                src(*m);
            }
            src(*function);
            src(*args);
            reg(*dst);
        }
        Op::Return { src: s } | Op::MatchFail { src: s, .. } => src(*s),
        Op::TryBegin { class, reason, stack, .. } => {
            reg(*class);
            reg(*reason);
            reg(*stack);
        }
        Op::Reraise { class, reason, stack } => {
            src(*class);
            src(*reason);
            src(*stack);
        }
        Op::CatchValue { class, reason, stack, dst } => {
            src(*class);
            src(*reason);
            src(*stack);
            reg(*dst);
        }
        Op::RecvPeek { dst, .. } => reg(*dst),
        Op::RecvMark { dst } => reg(*dst),
        Op::RecvBind { mark, r } => {
            src(*mark);
            src(*r);
        }
        Op::RecvUse { r } => src(*r),
        Op::RecvWait { timeout, .. } => {
            if let Some(t) = timeout {
                src(*t);
            }
        }
        Op::MakeBinary { segs, dst, .. } => {
            for (v, seg) in segs.iter() {
                src(*v);
                if let Some(s) = seg.size {
                    src(s);
                }
            }
            reg(*dst);
        }
        Op::BinStart { src: s, ctx, .. } => {
            src(*s);
            reg(*ctx);
        }
        Op::BinGet { ctx, seg, dst, .. } => {
            reg(*ctx);
            if let Some(s) = seg.size {
                src(s);
            }
            reg(*dst);
        }
        Op::BinSkip { ctx, seg, .. } => {
            reg(*ctx);
            if let Some(s) = seg.size {
                src(s);
            }
        }
        Op::BinEnd { ctx, .. } | Op::BinTestUnit { ctx, .. } => reg(*ctx),
        Op::RecvNext { msg, .. } => reg(*msg),
        Op::Jump { .. } | Op::TryEnd | Op::RecvAccept | Op::Yield => {}
    }
}
