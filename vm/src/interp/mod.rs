//! The bytecode interpreter.
//!
//! [`run`] executes a process for at most a budget of reductions and returns why it stopped:
//! it used its budget ([`Outcome::Yield`]), it waits in `receive` ([`Outcome::Wait`]), or it
//! finished. It never recurses in Rust for an Erlang call: calls push a `Frame`, tail
//! calls reuse the current one, and exceptions unwind to the innermost catch frame. So a
//! process can be suspended at any instruction boundary, and Erlang recursion depth is
//! bounded by memory, not by the Rust stack.

mod binary;
pub(crate) mod errinfo;
pub mod exception;
pub mod op;
mod stack;

use crate::bif::{self, BifId};
use crate::code::{Module, Target};
use crate::process::{CatchFrame, Frame, Hibernation, InitialCall, PendingStart, Proc};
use crate::term::{atoms, Atom, Bitstring, Fun, FunKind, Map, Term, Tuple};
use exception::{Class, Exception, Origin};
use op::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use stack::format_exception;

/// Why [`run`] returned.
#[derive(Debug)]
pub enum Outcome {
    /// The budget ran out; run the process again later.
    Yield,
    /// The process waits in `receive` for a message, or until the deadline.
    Wait(Option<Instant>),
    /// The initial function returned this value.
    Done(Term),
    /// An exception was not caught: class, reason and stack trace.
    Failed(Class, Term, Term),
}

/// The stack trace of a process where it is now (`process_info(P, current_stacktrace)`).
pub(crate) fn current_stacktrace(proc: &Proc) -> Term {
    let e = Exception::raised(Class::Error, Term::Nil);
    stack::trace(proc, &e, None)
}

/// Prepares a process to call `m:f(args)`; the call happens on its first `run`. The
/// arguments wait in its registers, and the initial call names the function.
pub fn start(proc: &mut Proc, m: Atom, f: Atom, args: Vec<Term>) {
    proc.initial_call = InitialCall::new(m, f, args.len() as u32);
    proc.regs = args;
    proc.pending_start = PendingStart::Call;
}

/// Prepares a process to call a fun with `args` (as `apply(Fun, Args)`); the arguments wait
/// in its registers.
pub fn start_fun(proc: &mut Proc, fun: Term, mut args: Vec<Term>) {
    // As on BEAM, a process started with a fun starts in erlang:apply/2.
    proc.initial_call = InitialCall::new(atoms::ERLANG, atoms::APPLY, 2);
    match fun {
        Term::Fun(f) => proc.pending_fun = Some(f),
        // Not a fun (calling it raises badfun): it waits after the arguments.
        other => args.push(other),
    }
    proc.regs = args;
    proc.pending_start = PendingStart::Fun;
}

/// The argument buffer for built-in calls, lent by the worker to each `run` so that a slice
/// allocates nothing for it (most slices are short: one message, one reply). Emptied when
/// the slice ends, so that it keeps no term alive.
struct ArgBuf<'a>(&'a mut Vec<Term>);

impl Drop for ArgBuf<'_> {
    fn drop(&mut self) {
        self.0.clear();
    }
}

impl std::ops::Deref for ArgBuf<'_> {
    type Target = Vec<Term>;
    fn deref(&self) -> &Vec<Term> {
        self.0
    }
}

impl std::ops::DerefMut for ArgBuf<'_> {
    fn deref_mut(&mut self) -> &mut Vec<Term> {
        self.0
    }
}

/// Marks the path that calls it as rarely taken, so that the compiler lays the interpreter
/// loop out for the common instructions: their state stays in machine registers, and the
/// spills that the rare instructions and the slow paths need happen on those paths. (A
/// stand-in for `std::hint::cold_path`, which needs a newer compiler than the workspace's
/// minimum.)
#[cold]
#[inline(never)]
fn cold() {}

enum Flow {
    Continue,
    Stop(Outcome),
}

/// `erlang:hibernate/3`: drops the stack when it was just asked for (the call's arguments
/// then wait in the registers), then waits for a message; once one is there, the module and
/// function to call.
fn hibernate(proc: &mut Proc) -> Option<(Atom, Atom)> {
    let (m, f) = match std::mem::replace(&mut proc.rare_mut().hibernation, Hibernation::Awake) {
        Hibernation::Requested(m, f, args) => {
            Term::truncate(&mut proc.regs, 0);
            proc.regs = args;
            proc.frames.clear();
            proc.catches.clear();
            proc.module = None;
            proc.pc = 0;
            proc.base = 0;
            proc.save = 0;
            (m, f)
        }
        Hibernation::Asleep(m, f) => (m, f),
        // (The caller asks only a process that is not awake.)
        Hibernation::Awake => return None,
    };
    if proc.mailbox.is_empty() {
        proc.rare_mut().hibernation = Hibernation::Asleep(m, f);
        return None;
    }
    Some((m, f))
}

/// Runs `proc` for at most `budget` reductions. `buf` is scratch space for built-in
/// arguments; it is left empty.
pub fn run(proc: &mut Proc, budget: u32, buf: &mut Vec<Term>) -> Outcome {
    let mut reds = budget as i64;
    let mut wake = None;
    if !matches!(proc.rare().hibernation, Hibernation::Awake) {
        match hibernate(proc) {
            Some(mf) => wake = Some(mf),
            None => return Outcome::Wait(None),
        }
    }
    let pending = std::mem::replace(&mut proc.pending_start, PendingStart::None);
    if wake.is_some() || pending != PendingStart::None {
        // The first call's arguments wait in the registers.
        let mut args = std::mem::take(&mut proc.regs);
        let started = match (wake, pending) {
            // A process started with a fun runs it through erlang:apply/2.
            (None, PendingStart::Fun) => {
                let f = match proc.pending_fun.take() {
                    Some(f) => Term::Fun(f),
                    None => args.pop().unwrap_or(Term::Nil),
                };
                call_fun(proc, f, &mut args, None).map_err(|mut e| {
                    let apply = Term::tuple([Term::Atom(atoms::ERLANG), Term::atom("apply"), Term::Int(2), Term::Nil]);
                    e.origin = Origin::Stack(Term::list(vec![apply]));
                    e
                })
            }
            (wake, _) => {
                let (m, f) = wake.unwrap_or_else(|| {
                    let (m, f, _) = proc.initial_call.get();
                    (m, f)
                });
                let exp = proc.vm.code.export(m, f, args.len() as u32);
                enter_export(proc, &exp, &mut args, None)
            }
        };
        match started {
            Ok(()) => {}
            Err(e) => {
                if let Flow::Stop(o) = raise(proc, e, None) {
                    return o;
                }
            }
        }
    }
    let mut m = match proc.module.clone() {
        Some(m) => m,
        None => return Outcome::Done(proc.rare().result.clone().unwrap_or(Term::Nil)),
    };
    let mut argbuf = ArgBuf(buf);
    // The next instruction and the frame's first register live in locals while the loop
    // runs (not in `proc`, which would put a store and a reload on every dispatch).
    // `sync!` writes them back before anything that reads `proc.pc` or `proc.base` (stack
    // traces, built-ins, calls through `enter_code`), and `reload!` reads them after anything
    // that changes them.
    let mut next = proc.pc;
    let mut base = proc.base as usize;
    // The register file is a local while the loop runs, too: the compiler can then keep
    // its pointer and length in machine registers. `with_regs!` puts it back around calls
    // to helpers that use `proc.regs`, and `finish!` before returning.
    let mut regs = std::mem::take(&mut proc.regs);
    macro_rules! with_regs {
        ($e:expr) => {{
            proc.regs = std::mem::take(&mut regs);
            let r = $e;
            regs = std::mem::take(&mut proc.regs);
            r
        }};
    }
    // The module the process runs in lives in `m` while the loop runs: calls and returns
    // into other modules move it between `m` and the frames without touching
    // `proc.module`, whose reference count every process running that module shares (a
    // cache line the schedulers would pass back and forth). `sync_module!` brings
    // `proc.module` up to date before anything outside the loop can read it: with `sync!`
    // before every helper, and in `finish!`. (`proc.module` is `None` only before the
    // first call and after the last return, and then stays so.)
    macro_rules! sync_module {
        () => {{
            if let Some(pm) = &proc.module {
                if !Arc::ptr_eq(pm, &m) {
                    proc.module = Some(m.clone());
                }
            }
        }};
    }
    macro_rules! finish {
        ($o:expr) => {{
            sync_module!();
            proc.regs = std::mem::take(&mut regs);
            return finish(proc, reds, budget, $o);
        }};
    }
    loop {
        let pc = next;
        macro_rules! sync {
            () => {{
                proc.pc = next;
                proc.base = base as u32;
                sync_module!();
            }};
        }
        macro_rules! reload {
            () => {{
                next = proc.pc;
                base = proc.base as usize;
            }};
        }
        let Some(op) = m.code.get(pc as usize) else {
            cold();
            let e = Exception::error(Term::atom("bad_code_address"));
            sync!();
            match with_regs!(raise(proc, e, None)) {
                Flow::Stop(o) => finish!(o),
                Flow::Continue => {
                    m = current(proc);
                    reload!();
                    continue;
                }
            }
        };
        next = pc + 1;
        macro_rules! get {
            ($s:expr) => {
                match $s {
                    Src::R(r) => regs[base + r.0 as usize].clone(),
                    Src::M(r) => std::mem::replace(&mut regs[base + r.0 as usize], Term::Nil),
                    Src::L(l) => m.literals[l.0 as usize].clone(),
                }
            };
        }
        macro_rules! get_ref {
            ($s:expr) => {
                match $s {
                    Src::R(r) | Src::M(r) => &regs[base + r.0 as usize],
                    Src::L(l) => &m.literals[l.0 as usize],
                }
            };
        }
        macro_rules! set {
            ($r:expr, $v:expr) => {{
                let v = $v;
                Term::store(&mut regs[base + $r.0 as usize], v);
            }};
        }
        macro_rules! jump {
            ($l:expr) => {
                next = $l.0
            };
        }
        macro_rules! fail_or_raise {
            ($fail:expr, $exn:expr) => {
                match $fail {
                    Some(l) => jump!(l),
                    None => {
                        cold();
                        sync!();
                        match with_regs!(raise(proc, $exn, None)) {
                            Flow::Stop(o) => finish!(o),
                            Flow::Continue => {
                                m = current(proc);
                                reload!();
                            }
                        }
                    }
                }
            };
        }
        macro_rules! throw {
            ($exn:expr, $bif:expr) => {{
                cold();
                sync!();
                match with_regs!(raise(proc, $exn, $bif)) {
                    Flow::Stop(o) => finish!(o),
                    Flow::Continue => {
                        m = current(proc);
                        reload!();
                        continue;
                    }
                }
            }};
        }
        // Returns `$v` from the current frame: pops the caller's frame (or ends the process
        // at the outermost one) and gives the caller's native resume point (0 for none).
        macro_rules! pop_frame {
            ($v:expr) => {{
                let v = $v;
                match proc.frames.pop() {
                    None => {
                        regs.clear();
                        proc.module = None;
                        finish!(Outcome::Done(v));
                    }
                    Some(fr) => {
                        Term::truncate(&mut regs, base);
                        base = fr.base as usize;
                        next = fr.ret_pc;
                        if let Some(mm) = fr.module {
                            m = mm;
                        }
                        Term::store(&mut regs[fr.base as usize + fr.ret_dst.0 as usize], v);
                        fr.resume
                    }
                }
            }};
        }
        // Runs native code from entry point `$start` of `$code` on the current frame, and
        // on through the returns into callers that are native code too; the interpreter
        // goes on where it left off.
        macro_rules! native {
            ($code:expr, $start:expr) => {{
                let (mut code, mut start) = ($code, $start);
                loop {
                    match crate::jit::enter(code, start, &mut regs, base, &mut reds, &mut proc.frames) {
                        crate::jit::Exit::At(pc, b) => {
                            next = pc;
                            base = b;
                            break;
                        }
                        crate::jit::Exit::Returned(v) => {
                            let resume = pop_frame!(v);
                            match m.native.resume(resume) {
                                Some((c, s)) => (code, start) = (c, s),
                                None => break,
                            }
                        }
                    }
                }
            }};
        }
        // After a call through a helper: a built-in reached this way may have ended the slice
        // (erlang:yield/0, erlang:hibernate/3); otherwise go on in the module the process is
        // in now (an Arc clone only if it changed).
        macro_rules! after_call {
            () => {{
                if proc.yield_requested {
                    proc.yield_requested = false;
                    finish!(Outcome::Yield);
                }
                if !proc.module.as_ref().is_some_and(|pm| Arc::ptr_eq(pm, &m)) {
                    m = current(proc);
                }
                reload!();
                // A call into another module (or a fun) that starts a function with native
                // code runs it.
                if let Some(code) = m.native.at_entry(next) {
                    native!(code, 0);
                }
            }};
        }
        // The end of an operator's (or a two-argument built-in's) evaluation after its inline
        // paths: the value `fast` found, or else the built-in on the operands `x` and `y`.
        macro_rules! arith_rest {
            ($fast:expr, $bif:expr, $x:expr, $y:expr, $dst:expr, $fail:expr) => {
                arith_rest!($fast, $bif, $x, $y, $dst, $fail, false)
            };
            // `inline`: the operator fails as BEAM's inline arithmetic does, with no stack
            // frame of its own (see `fails_inline`).
            ($fast:expr, $bif:expr, $x:expr, $y:expr, $dst:expr, $fail:expr, $inline:expr) => {
                match $fast {
                    Some(v) => Term::store(&mut regs[base + $dst.0 as usize], v),
                    None => {
                        cold();
                        argbuf.clear();
                        argbuf.push($x);
                        argbuf.push($y);
                        sync!();
                        match with_regs!(call_bif(proc, $bif, &mut argbuf)) {
                            Ok(v) => Term::store(&mut regs[base + $dst.0 as usize], v),
                            Err(e) => match $fail {
                                Some(l) => jump!(l),
                                None => {
                                    let args = std::mem::take(&mut *argbuf);
                                    throw!(e, if $inline { None } else { Some(($bif, args)) })
                                }
                            },
                        }
                    }
                }
            };
        }
        // An integer result, stored as a whole term (no drop glue for an immediate in the
        // register); then the next instruction. (Writing only the payload into a register
        // that held an integer was slower: the next instruction reads the register whole,
        // and a read that spans a partial write waits for it.)
        macro_rules! int_result {
            ($dst:expr, $r:expr) => {{
                Term::store(&mut regs[base + $dst.0 as usize], Term::Int($r));
                continue;
            }};
        }
        // A float result, stored as `int_result!` stores an integer.
        macro_rules! float_result {
            ($dst:expr, $r:expr) => {{
                Term::store(&mut regs[base + $dst.0 as usize], Term::float($r));
                continue;
            }};
        }
        macro_rules! charge_call {
            () => {{
                reds -= 1;
                if reds <= 0 {
                    cold();
                    proc.pc = pc;
                    proc.base = base as u32;
                    finish!(Outcome::Yield);
                }
            }};
        }
        // A call into Erlang function `$func` of `$module` (found through an export) with
        // arguments `$args`, set up here as a local call is; the caller's module moves into
        // its frame (and `proc.module` waits for `sync_module!`). Called by `CallExt` and
        // `CallDyn` on their common path (built-ins, undefined functions and erlang:apply
        // go through `enter_export`).
        macro_rules! call_code {
            ($module:expr, $func:expr, $args:expr, $dst:expr) => {{
                let (module, func): (Arc<Module>, u32) = ($module, $func);
                let f = &module.functions[func as usize];
                let (entry, nslots) = (f.entry, f.nslots as usize);
                let new_base = regs.len();
                for a in $args.iter() {
                    let v = get!(*a);
                    regs.push(v);
                }
                grow_frame(&mut regs, new_base + nslots);
                let ret_dst = $dst;
                let saved = if Arc::ptr_eq(&module, &m) { None } else { Some(std::mem::replace(&mut m, module)) };
                proc.frames.push(Frame { ret_pc: next, base: base as u32, ret_dst, module: saved, resume: 0 });
                base = new_base;
                next = entry;
                if let Some(code) = m.native.entry(func) {
                    native!(code, 0);
                }
                continue;
            }};
        }
        // The tail-call form of `call_code!`, with the arguments already in `argbuf`.
        macro_rules! tail_code {
            ($module:expr, $func:expr) => {{
                let (module, func): (Arc<Module>, u32) = ($module, $func);
                let f = &module.functions[func as usize];
                let (entry, nslots) = (f.entry, f.nslots as usize);
                Term::truncate(&mut regs, base);
                regs.append(&mut argbuf);
                grow_frame(&mut regs, base + nslots);
                if !Arc::ptr_eq(&module, &m) {
                    let caller = std::mem::replace(&mut m, module);
                    // The frame below returns into our caller: one that records no module
                    // (the caller's is ours) must now record it.
                    if let Some(fr) = proc.frames.last_mut() {
                        if fr.module.is_none() {
                            fr.module = Some(caller);
                        }
                    }
                }
                next = entry;
                if let Some(code) = m.native.entry(func) {
                    native!(code, 0);
                }
                continue;
            }};
        }
        match op {
            Op::Move { src, dst } => set!(dst, get!(*src)),
            Op::Jump { to } => jump!(to),
            Op::Test { test, src, fail } => {
                if !type_test(*test, get_ref!(*src)) {
                    jump!(fail);
                }
            }
            Op::TestArity { src, arity, fail } => match get_ref!(*src) {
                Term::Tuple(t) if t.len() == *arity as usize => {}
                _ => jump!(fail),
            },
            Op::TestFunArity { src, arity, fail } => {
                cold();
                let ok = match (get_ref!(*src), get_ref!(*arity)) {
                    (Term::Fun(f), Term::Int(a)) => f.arity() as i64 == *a,
                    _ => false,
                };
                if !ok {
                    jump!(fail);
                }
            }
            Op::Compare { cmp, a, b, fail } => {
                if !compare(*cmp, get_ref!(*a), get_ref!(*b)) {
                    jump!(fail);
                }
            }
            Op::GetElement { src, index, dst } => {
                let v = match get_ref!(*src) {
                    Term::Tuple(t) => t.get(*index as usize).cloned().unwrap_or(Term::Nil),
                    _ => Term::Nil,
                };
                set!(dst, v);
            }
            Op::GetList { src, head, tail } => {
                let (h, t) = match src {
                    // The list's last use: a cell nobody else holds gives up its head and
                    // tail without touching reference counts.
                    Src::M(_) => match get!(*src) {
                        Term::Cons(c) => match triomphe::Arc::try_unwrap(c) {
                            Ok(mut cell) => (
                                std::mem::replace(&mut cell.head, Term::Nil),
                                std::mem::replace(&mut cell.tail, Term::Nil),
                            ),
                            Err(c) => (c.head.clone(), c.tail.clone()),
                        },
                        _ => (Term::Nil, Term::Nil),
                    },
                    _ => match get_ref!(*src) {
                        Term::Cons(c) => (c.head.clone(), c.tail.clone()),
                        _ => (Term::Nil, Term::Nil),
                    },
                };
                set!(head, h);
                set!(tail, t);
            }
            Op::GetMapValue { map, key, dst, fail } => {
                let v = match get_ref!(*map) {
                    Term::Map(mm) => mm.get(get_ref!(*key)).cloned(),
                    _ => None,
                };
                match v {
                    Some(v) => set!(dst, v),
                    None => jump!(fail),
                }
            }
            Op::MakeTuple { elems, dst } => {
                // Small tuples, the most made, from arrays: their construction is then
                // specialized for the size (no iterator calls per element).
                let t = match &elems[..] {
                    [a, b] => Tuple::from_array([get!(*a), get!(*b)]),
                    [a, b, c] => Tuple::from_array([get!(*a), get!(*b), get!(*c)]),
                    [a, b, c, d] => Tuple::from_array([get!(*a), get!(*b), get!(*c), get!(*d)]),
                    _ => Tuple::from_exact_iter(elems.iter().map(|s| get!(*s))),
                };
                set!(dst, Term::Tuple(t));
            }
            Op::MakeCons { head, tail, dst } => {
                let v = Term::cons(get!(*head), get!(*tail));
                set!(dst, v);
            }
            Op::MakeMap { pairs, dst } => {
                let mut mm = Map::new();
                for (k, v) in pairs.iter() {
                    mm.insert(get!(*k), get!(*v));
                }
                set!(dst, Term::Map(mm));
            }
            Op::UpdateMap { map, pairs, dst, fail } => {
                let mv = get!(*map);
                let mut mm = match mv {
                    Term::Map(mm) => mm,
                    other => {
                        let e = Exception::error(Term::tuple([Term::Atom(atoms::BADMAP), other]));
                        fail_or_raise!(*fail, e);
                        continue;
                    }
                };
                let mut bad = None;
                for (k, v, exact) in pairs.iter() {
                    let k = get!(*k);
                    if *exact && mm.get(&k).is_none() {
                        bad = Some(k);
                        break;
                    }
                    mm.insert(k, get!(*v));
                }
                match bad {
                    Some(k) => {
                        let e = Exception::error(Term::tuple([Term::Atom(atoms::BADKEY), k]));
                        fail_or_raise!(*fail, e);
                    }
                    None => set!(dst, Term::Map(mm)),
                }
            }
            Op::MakeFun { lambda, env, dst } => {
                let info = &m.lambdas[*lambda as usize];
                let env: Vec<Term> = env.iter().map(|s| get!(*s)).collect();
                let f = Fun {
                    module: m.name,
                    kind: FunKind::Local { index: *lambda, arity: info.arity, uniq: info.uniq, env, code: m.clone() },
                };
                set!(dst, Term::Fun(Arc::new(f)));
            }
            Op::Arith { kind, bif, a, b, dst, fail } => {
                match (get_ref!(*a), get_ref!(*b)) {
                    (Term::Int(x), Term::Int(y)) => {
                        if let Some(r) = int_arith(*kind, *x, *y) {
                            int_result!(dst, r);
                        }
                    }
                    (Term::Float(x), Term::Float(y)) => {
                        if let Some(r) = float_arith(*kind, x.get(), y.get()) {
                            float_result!(dst, r);
                        }
                    }
                    _ => {}
                }
                // The in-place paths above took +, -, *, band, bor and bxor on integers
                // unless they overflowed (overflow goes to the built-in: big integers), and
                // +, -, * and / on floats with a finite result.
                let fast = arith_other(*kind, get_ref!(*a), get_ref!(*b));
                let lit = |s: &Src| match s {
                    Src::L(l) => m.literals.get(l.0 as usize),
                    _ => None,
                };
                let inline = fails_inline(*kind, lit(a), lit(b));
                arith_rest!(fast, *bif, get!(*a), get!(*b), *dst, *fail, inline);
            }
            Op::ArithImm { kind, bif, a, imm, dst, fail } => {
                let x = &regs[base + a.0 as usize];
                if let Term::Int(x) = x {
                    if let Some(r) = int_arith(*kind, *x, *imm) {
                        int_result!(dst, r);
                    }
                }
                let fast = arith_other(*kind, x, &Term::Int(*imm));
                let inline = fails_inline(*kind, None, Some(&Term::Int(*imm)));
                arith_rest!(fast, *bif, get!(Src::R(*a)), Term::Int(*imm), *dst, *fail, inline);
            }
            Op::SelfPid { dst } => {
                let me = Term::Pid(proc.pid);
                Term::store(&mut regs[base + dst.0 as usize], me);
            }
            Op::AddImm { kind, bif, a, imm, delta, dst, fail } => {
                let x = &regs[base + a.0 as usize];
                if let Term::Int(x) = x {
                    if let Some(r) = x.checked_add(*delta) {
                        int_result!(dst, r);
                    }
                }
                let fast = arith_other(*kind, x, &Term::Int(*imm));
                let inline = fails_inline(*kind, None, Some(&Term::Int(*imm)));
                arith_rest!(fast, *bif, get!(Src::R(*a)), Term::Int(*imm), *dst, *fail, inline);
            }
            Op::CmpImm { cmp, a, imm, fail } => {
                let x = &regs[base + a.0 as usize];
                let ok = match (x, imm) {
                    (Term::Int(p), Term::Int(q)) => int_compare(*cmp, *p, *q),
                    (Term::Atom(p), Term::Atom(q)) if matches!(cmp, Cmp::ExactEq | Cmp::Eq) => p == q,
                    _ => compare(*cmp, x, imm),
                };
                if !ok {
                    jump!(fail);
                }
            }
            Op::IsEqInt { a, imm, fail } => {
                if !matches!(&regs[base + a.0 as usize], Term::Int(x) if *x == *imm) {
                    jump!(fail);
                }
            }
            Op::IsEqAtomic { a, imm, fail } => {
                let same = match (&regs[base + a.0 as usize], imm) {
                    (Term::Atom(x), Term::Atom(y)) => x == y,
                    (Term::Nil, Term::Nil) => true,
                    _ => false,
                };
                if !same {
                    jump!(fail);
                }
            }
            Op::ElementEq { tuple, index, imm, fail } => {
                if !element_is(&regs[base + tuple.0 as usize], *index, imm) {
                    jump!(fail);
                }
            }
            Op::TestTagged { tuple, arity, tag, fail } => {
                let ok = match &regs[base + tuple.0 as usize] {
                    Term::Tuple(t) => {
                        t.len() == *arity as usize && matches!(t.first(), Some(Term::Atom(a)) if a == tag)
                    }
                    _ => false,
                };
                if !ok {
                    jump!(fail);
                }
            }
            Op::ElementEqReg { tuple, index, other, fail } => {
                if !element_is(&regs[base + tuple.0 as usize], *index, &regs[base + other.0 as usize]) {
                    jump!(fail);
                }
            }
            Op::Element { bif, index, tuple, dst, fail } => {
                if let Term::Tuple(t) = get_ref!(*tuple) {
                    if let Some(e) = t.get(*index as usize - 1) {
                        let e = e.clone();
                        if let Src::M(r) = tuple {
                            // The tuple's last use: it is not kept alive by the register.
                            Term::store(&mut regs[base + r.0 as usize], Term::Nil);
                        }
                        Term::store(&mut regs[base + dst.0 as usize], e);
                        continue;
                    }
                }
                arith_rest!(None, *bif, Term::Int(i64::from(*index)), get!(*tuple), *dst, *fail);
            }
            Op::CallBif { bif, args, dst, fail } => {
                argbuf.clear();
                for a in args.iter() {
                    argbuf.push(get!(*a));
                }
                reds -= 1;
                sync!();
                match with_regs!(call_bif(proc, *bif, &mut argbuf)) {
                    Ok(v) => {
                        Term::store(&mut regs[base + dst.0 as usize], v);
                        // A built-in may have ended the slice (yield/0) or the process (exit/2 to self).
                        if proc.yield_requested || proc.must_die() {
                            proc.yield_requested = false;
                            finish!(Outcome::Yield);
                        }
                    }
                    Err(e) => match fail {
                        Some(l) => jump!(l),
                        None => {
                            let args = std::mem::take(&mut *argbuf);
                            throw!(e, Some((*bif, args)))
                        }
                    },
                }
            }
            Op::Send { bif, to, msg } => {
                reds -= 1;
                let to = get!(*to);
                let dest = match &to {
                    Term::Pid(p) => Ok(crate::vm::Destination::Pid(*p)),
                    _ => crate::vm::VmShared::destination(proc, &to),
                };
                match dest {
                    Ok(dest) => {
                        let msg = get!(*msg);
                        crate::vm::VmShared::deliver(proc, dest, &to, msg);
                    }
                    Err(e) => {
                        let args = vec![to, get!(*msg)];
                        throw!(e, Some((*bif, args)))
                    }
                }
            }
            Op::Call { func, args, dst } => {
                charge_call!();
                let f = &m.functions[*func as usize];
                let new_base = regs.len();
                for a in args.iter() {
                    let v = get!(*a);
                    regs.push(v);
                }
                grow_frame(&mut regs, new_base + f.nslots as usize);
                proc.frames.push(Frame { ret_pc: next, base: base as u32, ret_dst: *dst, module: None, resume: 0 });
                base = new_base;
                next = f.entry;
                if let Some(code) = m.native.entry(*func) {
                    native!(code, 0);
                }
            }
            Op::TailCall { func, args, in_place } => {
                charge_call!();
                let f = &m.functions[*func as usize];
                let frame_len = regs.len() - base;
                // Arguments that can be written into place in order (`in_place`, see the
                // instruction) skip the buffer when the frame keeps its size: most loops.
                if *in_place && frame_len == f.nslots as usize {
                    for (i, a) in args.iter().enumerate() {
                        // An argument already in its place (moved from its own register)
                        // stays.
                        if matches!(a, Src::M(r) if r.0 as usize == i) {
                            continue;
                        }
                        let v = get!(*a);
                        Term::store(&mut regs[base + i], v);
                    }
                    next = f.entry;
                    if let Some(code) = m.native.entry(*func) {
                        native!(code, 0);
                    }
                    continue;
                }
                argbuf.clear();
                for a in args.iter() {
                    argbuf.push(get!(*a));
                }
                if frame_len == f.nslots as usize {
                    // Same frame size (a loop): overwrite the arguments in place.
                    for (i, v) in argbuf.drain(..).enumerate() {
                        Term::store(&mut regs[base + i], v);
                    }
                } else {
                    Term::truncate(&mut regs, base);
                    regs.append(&mut argbuf);
                    grow_frame(&mut regs, base + f.nslots as usize);
                }
                next = f.entry;
                if let Some(code) = m.native.entry(*func) {
                    native!(code, 0);
                }
            }
            Op::CallExt { import, args, dst } => {
                charge_call!();
                // A call into Erlang code, the common case, sets up the callee's frame here
                // as a local call does; built-ins, undefined functions and erlang:apply go
                // through `enter_export`.
                let exp = &m.imports[*import as usize];
                if !is_apply(exp.module, exp.function) {
                    if let Target::Code { module, func } = exp.target() {
                        call_code!(module, func, args, *dst);
                    }
                }
                argbuf.clear();
                for a in args.iter() {
                    argbuf.push(get!(*a));
                }
                sync!();
                if let Err(e) = with_regs!(enter_export(proc, &m.imports[*import as usize], &mut argbuf, Some(*dst))) {
                    throw!(e, None);
                }
                after_call!();
            }
            Op::TailCallExt { import, args } => {
                charge_call!();
                argbuf.clear();
                for a in args.iter() {
                    argbuf.push(get!(*a));
                }
                // Erlang code: replace the frame here (see `CallExt`).
                let exp = &m.imports[*import as usize];
                if !is_apply(exp.module, exp.function) {
                    if let Target::Code { module, func } = exp.target() {
                        tail_code!(module, func);
                    }
                }
                sync!();
                if let Err(e) = with_regs!(tail_export(proc, &m.imports[*import as usize], &mut argbuf)) {
                    throw!(e, None);
                }
                after_call!();
            }
            Op::CallFun { fun, args, dst } => {
                charge_call!();
                let f = get!(*fun);
                argbuf.clear();
                for a in args.iter() {
                    argbuf.push(get!(*a));
                }
                sync!();
                if let Err(e) = with_regs!(call_fun(proc, f, &mut argbuf, Some(*dst))) {
                    throw!(e, None);
                }
                after_call!();
            }
            Op::TailCallFun { fun, args } => {
                charge_call!();
                let f = get!(*fun);
                argbuf.clear();
                for a in args.iter() {
                    argbuf.push(get!(*a));
                }
                sync!();
                if let Err(e) = with_regs!(call_fun(proc, f, &mut argbuf, None)).map_err(tail_error) {
                    throw!(e, None);
                }
                after_call!();
            }
            Op::CallDyn { module, function, args, dst } => {
                charge_call!();
                if let (Term::Atom(ma), Term::Atom(fa)) = (get_ref!(*module), get_ref!(*function)) {
                    if !is_apply(*ma, *fa) {
                        if let Some((module, func)) = proc.vm.code.code_target(*ma, *fa, args.len() as u32) {
                            call_code!(module, func, args, *dst);
                        }
                    }
                }
                let (mv, fv) = (get!(*module), get!(*function));
                argbuf.clear();
                for a in args.iter() {
                    argbuf.push(get!(*a));
                }
                sync!();
                if let Err(e) = with_regs!(call_mfa(proc, mv, fv, &mut argbuf, Some(*dst))) {
                    throw!(e, None);
                }
                after_call!();
            }
            Op::TailCallDyn { module, function, args } => {
                charge_call!();
                let (mv, fv) = (get!(*module), get!(*function));
                argbuf.clear();
                for a in args.iter() {
                    argbuf.push(get!(*a));
                }
                if let (Term::Atom(ma), Term::Atom(fa)) = (&mv, &fv) {
                    if !is_apply(*ma, *fa) {
                        if let Some((module, func)) = proc.vm.code.code_target(*ma, *fa, args.len() as u32) {
                            tail_code!(module, func);
                        }
                    }
                }
                sync!();
                if let Err(e) = with_regs!(call_mfa(proc, mv, fv, &mut argbuf, None)).map_err(tail_error) {
                    throw!(e, None);
                }
                after_call!();
            }
            Op::Apply { module, function, args, dst, tail } => {
                cold();
                charge_call!();
                let fv = get!(*function);
                let list = get!(*args);
                let dst = if *tail { None } else { Some(*dst) };
                sync!();
                let r = match list.list_to_vec() {
                    // apply/2,3 itself fails, with its own frame (as erl shows it).
                    None => {
                        let mut shown = Vec::with_capacity(3);
                        if let Some(ms) = module {
                            shown.push(get!(*ms));
                        }
                        shown.push(fv);
                        shown.push(list);
                        let mut e = Exception::badarg();
                        e.origin = Origin::TopFrame(stack::bif_frame("erlang", "apply", shown, None));
                        Err(e)
                    }
                    Some(mut argv) => match module {
                        Some(ms) => {
                            let mv = get!(*ms);
                            with_regs!(call_mfa(proc, mv, fv, &mut argv, dst))
                        }
                        None => with_regs!(call_fun(proc, fv, &mut argv, dst)),
                    },
                };
                if let Err(e) = r {
                    throw!(e, None);
                }
                after_call!();
            }
            Op::Return { src } => {
                let resume = pop_frame!(get!(*src));
                if let Some((code, start)) = m.native.resume(resume) {
                    native!(code, start);
                }
            }
            Op::MatchFail { kind, src } => {
                cold();
                let v = get!(*src);
                let e = match kind {
                    MatchError::Badmatch => tagged(atoms::BADMATCH, v),
                    MatchError::CaseClause => tagged(atoms::CASE_CLAUSE, v),
                    MatchError::TryClause => tagged(atoms::TRY_CLAUSE, v),
                    MatchError::Badrecord => tagged(atoms::BADRECORD, v),
                    MatchError::IfClause => Exception::raised(Class::Error, Term::Atom(atoms::IF_CLAUSE)),
                    MatchError::FunctionClause => {
                        let f = m.function_at(pc).cloned();
                        let arity = f.as_ref().map(|f| f.arity).unwrap_or(0) as usize;
                        let nargs = m
                            .lambdas
                            .iter()
                            .find(|l| f.as_ref().is_some_and(|f| m.functions[l.func as usize].entry == f.entry))
                            .map(|l| l.arity as usize)
                            .unwrap_or(arity);
                        let args: Vec<Term> = regs[base..base + nargs].to_vec();
                        let frame = stack::frame_with_args(&m, pc, Term::list(args));
                        Exception {
                            class: Class::Error,
                            reason: Term::Atom(atoms::FUNCTION_CLAUSE),
                            origin: Origin::Stack(frame),
                        }
                    }
                };
                throw!(e, None);
            }
            Op::TryBegin { handler, class, reason, stack } => {
                proc.catches.push(CatchFrame {
                    frames_len: proc.frames.len(),
                    regs_len: regs.len(),
                    base: base as u32,
                    handler: handler.0,
                    class: *class,
                    reason: *reason,
                    stack: *stack,
                });
            }
            Op::TryEnd => {
                proc.catches.pop();
            }
            Op::Reraise { class, reason, stack } => {
                cold();
                let c = get!(*class).as_atom().and_then(Class::from_atom).unwrap_or(Class::Error);
                let e = Exception { class: c, reason: get!(*reason), origin: Origin::Stack(get!(*stack)) };
                throw!(e, None);
            }
            Op::CatchValue { class, reason, stack, dst } => {
                cold();
                let c = get!(*class).as_atom().and_then(Class::from_atom).unwrap_or(Class::Error);
                let r = get!(*reason);
                let v = match c {
                    Class::Throw => r,
                    Class::Exit => Term::tuple([Term::Atom(atoms::EXIT_TAG), r]),
                    Class::Error => Term::tuple([Term::Atom(atoms::EXIT_TAG), Term::tuple([r, get!(*stack)])]),
                };
                set!(dst, v);
            }
            Op::RecvPeek { dst, empty } => match proc.mailbox.get_mut(proc.save as usize) {
                Some(slot) => {
                    let msg = std::mem::replace(slot, Term::Nil);
                    set!(dst, msg);
                }
                None => jump!(empty),
            },
            Op::RecvNext { msg, to } => {
                let v = std::mem::replace(&mut regs[base + msg.0 as usize], Term::Nil);
                if let Some(slot) = proc.mailbox.get_mut(proc.save as usize) {
                    *slot = v;
                }
                proc.save += 1;
                jump!(to);
            }
            Op::RecvAccept => proc.accept_message(),
            Op::RecvMark { dst } => {
                let n = Term::Int(proc.mailbox.len() as i64);
                set!(dst, n);
            }
            Op::RecvBind { mark, r } => {
                if let (Term::Int(pos), Term::Ref(r)) = (get_ref!(*mark), get_ref!(*r)) {
                    let (r, pos) = (*r, u32::try_from(*pos).unwrap_or(0));
                    proc.bind_recv_mark(r, pos);
                }
            }
            Op::RecvUse { r } => {
                if let Term::Ref(r) = get_ref!(*r) {
                    let start = proc.recv_start(*r);
                    proc.save = proc.save.max(start);
                }
            }
            Op::RecvWait { timeout, retry } => {
                if (proc.save as usize) < proc.mailbox.len() {
                    jump!(retry);
                    continue;
                }
                let t = timeout.map(|t| get!(t));
                let ms = match &t {
                    None => None,
                    Some(Term::Atom(a)) if *a == atoms::INFINITY => None,
                    Some(Term::Int(n)) if *n >= 0 => Some(*n as u64),
                    Some(Term::Big(_)) => Some(u64::MAX / 4),
                    Some(_) => {
                        throw!(Exception::raised(Class::Error, Term::atom("timeout_value")), None);
                    }
                };
                match ms {
                    Some(0) => {
                        proc.save = 0;
                    }
                    Some(ms) => {
                        let now = Instant::now();
                        let deadline = *proc.rare_mut().deadline.get_or_insert_with(|| now + Duration::from_millis(ms));
                        if now >= deadline {
                            proc.finish_receive();
                            proc.save = 0;
                        } else {
                            proc.pc = pc;
                            proc.base = base as u32;
                            finish!(Outcome::Wait(Some(deadline)));
                        }
                    }
                    None => {
                        proc.pc = pc;
                        proc.base = base as u32;
                        finish!(Outcome::Wait(None));
                    }
                }
            }
            Op::MakeBinary { segs, dst, fail } => {
                cold();
                let mut vals = Vec::with_capacity(segs.len());
                for (v, seg) in segs.iter() {
                    let size = seg.size.map(|s| get!(s));
                    vals.push((get!(*v), size));
                }
                match binary::build_binary(segs, vals) {
                    Ok(b) => set!(dst, b),
                    Err(e) => fail_or_raise!(*fail, e),
                }
            }
            Op::BinStart { src, ctx, fail } => match get_ref!(*src) {
                t @ Term::Bits(_) => {
                    let t = t.clone();
                    set!(ctx, t);
                }
                _ => jump!(fail),
            },
            Op::BinGet { ctx, seg, dst, fail } => {
                cold();
                let size = seg.size.map(|s| get!(s));
                let bits: Arc<Bitstring> = match &regs[base + ctx.0 as usize] {
                    Term::Bits(b) => b.clone(),
                    _ => {
                        jump!(fail);
                        continue;
                    }
                };
                match binary::match_segment(&bits, seg, size.as_ref()) {
                    Some((v, rest)) => {
                        set!(ctx, Term::Bits(Arc::new(rest)));
                        set!(dst, v);
                    }
                    None => jump!(fail),
                }
            }
            Op::BinSkip { ctx, seg, fail } => {
                cold();
                let size = seg.size.map(|s| get!(s));
                let bits = match &regs[base + ctx.0 as usize] {
                    Term::Bits(b) => b.clone(),
                    _ => {
                        jump!(fail);
                        continue;
                    }
                };
                match binary::match_segment(&bits, seg, size.as_ref()) {
                    Some((_, rest)) => set!(ctx, Term::Bits(Arc::new(rest))),
                    None => jump!(fail),
                }
            }
            Op::BinEnd { ctx, fail } => match &regs[base + ctx.0 as usize] {
                Term::Bits(b) if b.bit_len() == 0 => {}
                _ => jump!(fail),
            },
            Op::BinTestUnit { ctx, unit, fail } => match &regs[base + ctx.0 as usize] {
                Term::Bits(b) if b.bit_len() % (*unit as usize) == 0 => {}
                _ => jump!(fail),
            },
            Op::Yield => {
                cold();
                reds -= 1;
                if reds <= 0 {
                    sync!();
                    finish!(Outcome::Yield);
                }
            }
        }
    }
}

fn finish(proc: &mut Proc, reds: i64, budget: u32, o: Outcome) -> Outcome {
    proc.reductions += (budget as i64 - reds).max(0) as u64;
    o
}

fn current(proc: &Proc) -> Arc<Module> {
    match &proc.module {
        Some(m) => m.clone(),
        None => Arc::new(Module {
            name: atoms::UNDEFINED,
            file: String::new(),
            code: vec![Op::Return { src: Src::L(Lit(0)) }],
            lines: vec![0],
            literals: vec![proc.rare().result.clone().unwrap_or(Term::Nil)],
            functions: vec![],
            lambdas: vec![],
            exports: vec![],
            imports: vec![],
            attributes: Term::Nil,
            records: vec![],
            native: Default::default(),
        }),
    }
}

fn tagged(tag: Atom, v: Term) -> Exception {
    Exception::raised(Class::Error, Term::tuple([Term::Atom(tag), v]))
}

fn call_bif(proc: &mut Proc, bif: BifId, args: &mut [Term]) -> Result<Term, Exception> {
    let f = bif::def(bif).f;
    // A panic inside a built-in ends this process, not the VM.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(proc, args))) {
        Ok(r) => r,
        Err(_) => Err(Exception::raised(
            Class::Error,
            Term::tuple([Term::atom("internal_error"), Term::atom(bif::def(bif).name)]),
        )),
    }
}

fn type_test(test: TypeTest, t: &Term) -> bool {
    match test {
        TypeTest::Integer => t.is_integer(),
        TypeTest::Float => matches!(t, Term::Float(_)),
        TypeTest::Number => t.is_number(),
        TypeTest::Atom => matches!(t, Term::Atom(_)),
        TypeTest::Boolean => t.as_bool().is_some(),
        TypeTest::Nil => matches!(t, Term::Nil),
        TypeTest::Cons => matches!(t, Term::Cons(_)),
        TypeTest::List => t.is_list(),
        TypeTest::Tuple => matches!(t, Term::Tuple(_)),
        TypeTest::Map => matches!(t, Term::Map(_)),
        TypeTest::Binary => t.is_binary(),
        TypeTest::Bitstring => matches!(t, Term::Bits(_)),
        TypeTest::Pid => matches!(t, Term::Pid(_)),
        TypeTest::Ref => matches!(t, Term::Ref(_)),
        TypeTest::Port => false,
        TypeTest::Function => matches!(t, Term::Fun(_)),
    }
}

/// The inline paths of [`Op::Arith`] other than in-place small-integer arithmetic: division,
/// comparisons and floats. None sends the operation to its built-in (big integers, errors).
#[inline(always)]
fn arith_other(kind: ArithKind, a: &Term, b: &Term) -> Option<Term> {
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => {
            let (x, y) = (*x, *y);
            match kind {
                ArithKind::Div if y != 0 => x.checked_div(y).map(Term::Int),
                ArithKind::FDiv if y != 0 => finite(x as f64 / y as f64),
                ArithKind::Rem if y != 0 => x.checked_rem(y).map(Term::Int),
                ArithKind::Cmp(c) => Some(Term::bool(compare(c, &Term::Int(x), &Term::Int(y)))),
                _ => None,
            }
        }
        (x, y) => match (kind, float_pair(x, y)) {
            (ArithKind::Cmp(c), _) => Some(Term::bool(compare(c, x, y))),
            // Floats (or an integer with a float) take a fast path too; a result that is not
            // finite goes to the built-in, which raises badarith.
            (ArithKind::Add, Some((x, y))) => finite(x + y),
            (ArithKind::Sub, Some((x, y))) => finite(x - y),
            (ArithKind::Mul, Some((x, y))) => finite(x * y),
            (ArithKind::FDiv, Some((x, y))) => finite(x / y),
            _ => None,
        },
    }
}

/// Float `+`, `-`, `*`, `/`; None for another operator or a result that is not finite
/// (which the built-in turns into `badarith`).
#[inline(always)]
fn float_arith(kind: ArithKind, x: f64, y: f64) -> Option<f64> {
    let r = match kind {
        ArithKind::Add => x + y,
        ArithKind::Sub => x - y,
        ArithKind::Mul => x * y,
        ArithKind::FDiv => x / y,
        _ => return None,
    };
    r.is_finite().then_some(r)
}

/// Does the operator `kind`, with these literal operands (`None`: not a literal), fail as
/// BEAM's inline arithmetic does, without a stack frame for `erlang:Op/2`? OTP 25 raises
/// `badarith` in place for `/`, for float operands known at compile time, and for `+` and
/// `-` when it knows an operand is a small integer: a literal, but also what its type
/// analysis finds (an argument that every local call passes as an integer), which ember
/// does not reproduce, so `+` and `-` always fail inline here, as they mostly do there.
/// `*` on integers calls the built-in, whose frame shows, and so does any operator with a
/// literal operand that is neither a float nor a small integer.
fn fails_inline(kind: ArithKind, a: Option<&Term>, b: Option<&Term>) -> bool {
    // A literal that is not a float or a small integer (BEAM's: 60 bits) makes erlc call
    // the built-in.
    const SMALL: std::ops::RangeInclusive<i64> = -(1 << 59)..=(1 << 59) - 1;
    if a.into_iter().chain(b).any(|t| !matches!(t, Term::Float(_)) && !matches!(t, Term::Int(i) if SMALL.contains(i))) {
        return false;
    }
    let float = |t: &Term| matches!(t, Term::Float(_));
    match kind {
        ArithKind::FDiv | ArithKind::Add | ArithKind::Sub => true,
        ArithKind::Mul => a.is_some_and(float) || b.is_some_and(float),
        _ => false,
    }
}

/// Small-integer `+`, `-`, `*`, `band`, `bor`, `bxor`; None on overflow or another operator.
#[inline(always)]
fn int_arith(kind: ArithKind, x: i64, y: i64) -> Option<i64> {
    match kind {
        ArithKind::Add => x.checked_add(y),
        ArithKind::Sub => x.checked_sub(y),
        ArithKind::Band => Some(x & y),
        ArithKind::Bor => Some(x | y),
        ArithKind::Bxor => Some(x ^ y),
        ArithKind::Mul => x.checked_mul(y),
        _ => None,
    }
}

#[inline(always)]
fn compare(cmp: Cmp, a: &Term, b: &Term) -> bool {
    if let (Term::Int(x), Term::Int(y)) = (a, b) {
        return int_compare(cmp, *x, *y);
    }
    if let (Term::Atom(x), Term::Atom(y), Cmp::ExactEq | Cmp::Eq) = (a, b, cmp) {
        return x == y;
    }
    // Terms of different kinds are never exactly equal (integers are normalized, so a big
    // integer never equals a small one).
    if matches!(cmp, Cmp::ExactEq | Cmp::ExactNe) && std::mem::discriminant(a) != std::mem::discriminant(b) {
        return cmp == Cmp::ExactNe;
    }
    compare_general(cmp, a, b)
}

/// Is element `index` (counted from 0) of `tuple` exactly `v`? False if `tuple` is not a
/// tuple with such an element. (`ElementEq` and `ElementEqReg`: atoms, small integers and
/// references, a pattern's usual elements, without a call.)
#[inline(always)]
fn element_is(tuple: &Term, index: u32, v: &Term) -> bool {
    let Term::Tuple(t) = tuple else { return false };
    match (t.get(index as usize), v) {
        (Some(Term::Atom(p)), Term::Atom(q)) => p == q,
        (Some(Term::Int(p)), Term::Int(q)) => p == q,
        (Some(Term::Ref(p)), Term::Ref(q)) => p == q,
        (Some(e), _) => e == v,
        (None, _) => false,
    }
}

#[inline(always)]
fn int_compare(cmp: Cmp, x: i64, y: i64) -> bool {
    match cmp {
        Cmp::Eq | Cmp::ExactEq => x == y,
        Cmp::Ne | Cmp::ExactNe => x != y,
        Cmp::Lt => x < y,
        Cmp::Le => x <= y,
        Cmp::Gt => x > y,
        Cmp::Ge => x >= y,
    }
}

/// [`compare`] for anything but two small integers.
#[inline(never)]
fn compare_general(cmp: Cmp, a: &Term, b: &Term) -> bool {
    use std::cmp::Ordering::*;
    match cmp {
        Cmp::ExactEq => a == b,
        Cmp::ExactNe => a != b,
        _ => {
            let o = crate::term::cmp_terms(a, b, false);
            match cmp {
                Cmp::Eq => o == Equal,
                Cmp::Ne => o != Equal,
                Cmp::Lt => o == Less,
                Cmp::Le => o != Greater,
                Cmp::Gt => o == Greater,
                _ => o != Less,
            }
        }
    }
}

/// Two numbers as floats, if at least one is a float and the other a float or a small
/// integer (Erlang's mixed arithmetic converts the integer).
#[inline(always)]
fn float_pair(a: &Term, b: &Term) -> Option<(f64, f64)> {
    match (a, b) {
        (Term::Float(x), Term::Float(y)) => Some((x.get(), y.get())),
        (Term::Int(x), Term::Float(y)) => Some((*x as f64, y.get())),
        (Term::Float(x), Term::Int(y)) => Some((x.get(), *y as f64)),
        _ => None,
    }
}

/// A float result, or None if it is not finite (the caller then raises badarith).
#[inline(always)]
fn finite(f: f64) -> Option<Term> {
    f.is_finite().then_some(Term::float(f))
}

/// Extends the register file with `[]` up to `len` registers.
#[inline(always)]
/// Moves `args` to the end of `regs`. A register file with no memory yet (a process's
/// first call) takes over the arguments' vector instead of copying out of it.
fn push_args(regs: &mut Vec<Term>, args: &mut Vec<Term>) {
    if regs.capacity() == 0 {
        std::mem::swap(regs, args);
    } else {
        regs.append(args);
    }
}

fn grow_frame(regs: &mut Vec<Term>, len: usize) {
    // Frames are small: a push per register beats setting up a bulk extend.
    while regs.len() < len {
        regs.push(Term::Nil);
    }
}

/// Sets up a call into Erlang function `func` of `module` (pushing a frame when `dst` is
/// given, replacing the current frame otherwise).
fn enter_code(proc: &mut Proc, module: Arc<Module>, func: u32, args: &mut Vec<Term>, extra: &[Term], dst: Option<Reg>) {
    let f = &module.functions[func as usize];
    let entry = f.entry;
    let nslots = f.nslots as usize;
    let same = proc.module.as_ref().is_some_and(|m| Arc::ptr_eq(m, &module));
    match dst {
        Some(dst) if proc.module.is_some() => {
            let new_base = proc.regs.len();
            push_args(&mut proc.regs, args);
            proc.regs.extend_from_slice(extra);
            grow_frame(&mut proc.regs, new_base + nslots);
            // The caller's module moves into its frame (no reference count traffic).
            let saved = if same { None } else { proc.module.replace(module) };
            proc.frames.push(Frame { ret_pc: proc.pc, base: proc.base, ret_dst: dst, module: saved, resume: 0 });
            proc.base = new_base as u32;
            proc.pc = entry;
            return;
        }
        _ => {
            let base = proc.base as usize;
            Term::truncate(&mut proc.regs, base);
            push_args(&mut proc.regs, args);
            proc.regs.extend_from_slice(extra);
            grow_frame(&mut proc.regs, base + nslots);
            if !same && dst.is_none() && !proc.frames.is_empty() {
                // A tail call into another module: the frame below must restore the caller's
                // caller module, which it already records (or which is the same as ours).
                if let Some(fr) = proc.frames.last_mut() {
                    if fr.module.is_none() {
                        fr.module = proc.module.take();
                    }
                }
            }
        }
    }
    if !same {
        proc.module = Some(module);
    }
    proc.pc = entry;
}

/// Resolves an export, loading its module on demand.
fn resolve(proc: &mut Proc, exp: &crate::code::Export) -> Target {
    let t = exp.target();
    if !matches!(t, Target::Undefined) {
        return t;
    }
    if proc.vm.ensure_loaded(exp.module) {
        return exp.target();
    }
    Target::Undefined
}

/// A failed tail call leaves no frame for the caller.
/// (Only `undef` shows this: a failing built-in keeps its caller's frame, as in BEAM.)
fn tail_error(mut e: Exception) -> Exception {
    if e.reason.is_atom(atoms::UNDEF) {
        if let Origin::TopFrame(t) = e.origin {
            e.origin = Origin::TopFrameTail(t);
        }
    }
    e
}

/// `erlang:apply`: a call to it always takes `enter_export`, which does the call it asks
/// for (the Erlang wrapper in erlang.erl would add a frame of its own).
#[inline]
fn is_apply(m: Atom, f: Atom) -> bool {
    m == atoms::ERLANG && f == atoms::APPLY
}

fn undef(m: Term, f: Term, args: Vec<Term>) -> Exception {
    let frame = Term::tuple([m, f, Term::list(args), Term::Nil]);
    Exception { class: Class::Error, reason: Term::Atom(atoms::UNDEF), origin: Origin::TopFrame(frame) }
}

fn enter_export(
    proc: &mut Proc,
    exp: &crate::code::Export,
    args: &mut Vec<Term>,
    dst: Option<Reg>,
) -> Result<(), Exception> {
    // erlang:apply/2,3 reached as a function value (spawn, apply/3): do the call it asks for.
    if is_apply(exp.module, exp.function) && (2..=3).contains(&args.len()) {
        let list = args.pop().unwrap_or(Term::Nil);
        let mut argv = list.list_to_vec().ok_or_else(Exception::badarg)?;
        let f = args.pop().unwrap_or(Term::Nil);
        return match args.pop() {
            Some(m) => call_mfa(proc, m, f, &mut argv, dst),
            None => call_fun(proc, f, &mut argv, dst),
        };
    }
    match resolve(proc, exp) {
        Target::Code { module, func } => {
            enter_code(proc, module, func, args, &[], dst);
            Ok(())
        }
        Target::Bif(b) => match bif_as_call(proc, b, args, dst) {
            Err(e) if e.origin == Origin::Declined => {
                // The built-in hands the call to the module's Erlang definition, loading
                // the module the first time.
                let code = exp.fallback().or_else(|| {
                    proc.vm.ensure_loaded(exp.module);
                    exp.fallback()
                });
                match code {
                    Some((module, func)) => {
                        enter_code(proc, module, func, args, &[], dst);
                        Ok(())
                    }
                    None => Err(undef(Term::Atom(exp.module), Term::Atom(exp.function), std::mem::take(args))),
                }
            }
            other => other,
        },
        Target::Undefined => Err(undef(Term::Atom(exp.module), Term::Atom(exp.function), std::mem::take(args))),
    }
}

fn tail_export(proc: &mut Proc, exp: &crate::code::Export, args: &mut Vec<Term>) -> Result<(), Exception> {
    enter_export(proc, exp, args, None).map_err(tail_error)
}

/// Calls a built-in reached through a call instruction and delivers its result as a
/// return would.
fn bif_as_call(proc: &mut Proc, b: BifId, args: &mut Vec<Term>, dst: Option<Reg>) -> Result<(), Exception> {
    let v = match call_bif(proc, b, args) {
        Ok(v) => v,
        Err(e) if e.origin == Origin::Declined => return Err(e),
        Err(mut e) => {
            if matches!(e.origin, Origin::Bif | Origin::BifCause(_)) {
                let d = bif::def(b);
                let cause = if let Origin::BifCause(c) = &e.origin { Some(c.clone()) } else { None };
                e.origin = Origin::TopFrame(stack::bif_frame(d.module, d.name, std::mem::take(args), cause.as_ref()));
            }
            return Err(e);
        }
    };
    match dst {
        Some(dst) if proc.module.is_some() => {
            let base = proc.base as usize;
            Term::store(&mut proc.regs[base + dst.0 as usize], v);
        }
        _ => {
            // A tail call to a built-in: return its value from the current frame.
            return_value(proc, v);
        }
    }
    Ok(())
}

fn return_value(proc: &mut Proc, v: Term) {
    match proc.frames.pop() {
        None => {
            proc.regs.clear();
            proc.rare_mut().result = Some(v);
            proc.module = None;
            proc.pc = 0;
        }
        Some(fr) => {
            proc.regs.truncate(proc.base as usize);
            proc.base = fr.base;
            proc.pc = fr.ret_pc;
            if let Some(mm) = fr.module {
                proc.module = Some(mm);
            }
            proc.regs[fr.base as usize + fr.ret_dst.0 as usize] = v;
        }
    }
}

fn call_fun(proc: &mut Proc, f: Term, args: &mut Vec<Term>, dst: Option<Reg>) -> Result<(), Exception> {
    let fun = match &f {
        Term::Fun(fun) => fun.clone(),
        _ => return Err(Exception::raised(Class::Error, Term::tuple([Term::Atom(atoms::BADFUN), f]))),
    };
    if fun.arity() as usize != args.len() {
        let reason =
            Term::tuple([Term::Atom(atoms::BADARITY), Term::tuple([f.clone(), Term::list(std::mem::take(args))])]);
        return Err(Exception::raised(Class::Error, reason));
    }
    match &fun.kind {
        FunKind::Local { index, env, code, .. } => {
            let info = &code.lambdas[*index as usize];
            let func = info.func;
            enter_code(proc, code.clone(), func, args, env, dst);
            Ok(())
        }
        FunKind::Export { function, arity } => {
            let exp = proc.vm.code.export(fun.module, *function, *arity);
            enter_export(proc, &exp, args, dst)
        }
        // Another node's code: not here.
        FunKind::Foreign(_) => Err(Exception::raised(Class::Error, Term::tuple([Term::Atom(atoms::BADFUN), f]))),
    }
}

fn call_mfa(proc: &mut Proc, m: Term, f: Term, args: &mut Vec<Term>, dst: Option<Reg>) -> Result<(), Exception> {
    match (&m, &f) {
        (Term::Atom(ma), Term::Atom(fa)) => {
            let exp = proc.vm.code.export(*ma, *fa, args.len() as u32);
            enter_export(proc, &exp, args, dst)
        }
        _ => Err(Exception::badarg()),
    }
}

/// Raises `e` in `proc`: unwinds to the innermost catch frame, or ends the process.
fn raise(proc: &mut Proc, e: Exception, bif: Option<(BifId, Vec<Term>)>) -> Flow {
    let trace = stack::trace(proc, &e, bif);
    match proc.catches.pop() {
        None => Flow::Stop(Outcome::Failed(e.class, e.reason, trace)),
        Some(c) => {
            // The module of the function that opened the catch: the frame returning into
            // it records it if it called another module, else the frame above does (a
            // frame's module is None when its callee runs in the same module); no such
            // frame means the current function's module.
            if let Some(m) = proc.frames.get(c.frames_len..).and_then(|fs| fs.iter().find_map(|f| f.module.clone())) {
                proc.module = Some(m);
            }
            proc.frames.truncate(c.frames_len);
            proc.regs.truncate(c.regs_len);
            proc.base = c.base;
            proc.pc = c.handler;
            let base = c.base as usize;
            proc.regs[base + c.class.0 as usize] = Term::Atom(e.class.atom());
            proc.regs[base + c.reason.0 as usize] = e.reason;
            proc.regs[base + c.stack.0 as usize] = trace;
            Flow::Continue
        }
    }
}

#[cfg(test)]
mod tests;
