//! Native code for numeric functions: a baseline compiler from bytecode to machine code,
//! through Cranelift.
//!
//! When a module is loaded, the functions whose instructions are all ones native code
//! knows (moves, jumps, type tests, comparisons, arithmetic, reading tuples, local calls
//! and returns) are
//! compiled, instruction by instruction, into code that works on the interpreter's own
//! register file. Native code takes the fast paths only: small integers and floats.
//! Anything else (a big integer, an overflow, a type it does not handle, an error, the end
//! of the slice's reductions, a built-in) makes it *bail out*: it stops before the
//! instruction has any effect and the interpreter runs that instruction and what follows.
//! So native code never raises, never allocates terms, and agrees with the interpreter on
//! every result by construction.
//!
//! Local calls (and tail calls) between compiled functions are native calls into a second
//! copy of each function that starts without the entry checks, up to a depth limit; the
//! caller's frame then lives on the machine stack. If a callee bails out, each native
//! caller on the way out records its frame, and the interpreter pushes those frames, which
//! carry a *resume point* so that the return into them goes back to native code. The
//! function the interpreter entered returns its value to the interpreter, which pops the
//! caller's frame and, if that caller is native code too, goes back into it.
//!
//! The interpreter enters native code at a local call or tail call to a compiled function,
//! at a return into a frame with a resume point, and after a call into another module or
//! a fun that starts a compiled function.
//!
//! The memory layout that native code relies on is in `native`, the only unsafe part.

mod native;

pub(crate) use native::{enter, Exit, NativeFn};

use crate::code::Module;
use crate::interp::op::{ArithKind, Cmp, Op, Reg, Src, TypeTest};
use crate::term::{atoms, Term};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, AbiParam, Block, BlockArg, InstBuilder, JumpTableData, MemFlagsData, Value};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module as _};
use native::*;
use std::sync::{Mutex, OnceLock};

/// How deep native calls nest before a call is left to the interpreter (which then enters
/// the callee afresh): native frames live on the scheduler thread's stack.
const MAX_DEPTH: i64 = 2000;

/// A native caller's frame, recorded when a callee bails out.
pub(crate) struct Pending {
    ret_pc: u32,
    base: u32,
    dst: u32,
    resume: u32,
}

/// A module's native code, if any of its functions could be compiled.
#[derive(Default)]
pub struct Native {
    compiled: OnceLock<Option<Compiled>>,
}

impl std::fmt::Debug for Native {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.compiled.get().and_then(|c| c.as_ref()).map_or(0, |c| c.entries.iter().flatten().count());
        write!(f, "Native({n} functions)")
    }
}

pub(crate) struct Compiled {
    /// Each function's code, by function index.
    entries: Vec<Option<NativeFn>>,
    /// Resume point `i + 1`: the code and its entry point, for a return into a frame that
    /// native code left behind.
    resumes: Vec<(NativeFn, u32)>,
    /// The compiled functions' first instructions, in order, with their code.
    starts: Vec<(u32, NativeFn)>,
    /// The code's memory, freed when the module is dropped.
    module: Mutex<Option<JITModule>>,
}

impl Native {
    fn get(&self) -> Option<&Compiled> {
        self.compiled.get().and_then(|c| c.as_ref())
    }

    /// The native code of function `func`, entered at its start.
    #[inline]
    pub(crate) fn entry(&self, func: u32) -> Option<NativeFn> {
        self.get().and_then(|c| c.entries.get(func as usize).copied().flatten())
    }

    /// The native code and entry point for resume point `id` (0: none).
    #[inline]
    pub(crate) fn resume(&self, id: u32) -> Option<(NativeFn, u32)> {
        if id == 0 {
            return None;
        }
        self.get().and_then(|c| c.resumes.get(id as usize - 1).copied())
    }

    /// The native code of the function that starts at instruction `pc`, if any.
    #[inline]
    pub(crate) fn at_entry(&self, pc: u32) -> Option<NativeFn> {
        let c = self.get()?;
        let i = c.starts.binary_search_by_key(&pc, |&(s, _)| s).ok()?;
        Some(c.starts[i].1)
    }

    /// How many of the module's functions run as native code.
    pub fn count(&self) -> usize {
        self.get().map_or(0, |c| c.entries.iter().flatten().count())
    }
}

/// Is native code on? `EMBER_JIT=off` (or `0`) turns it off, for comparing with the
/// interpreter alone.
fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| !matches!(std::env::var("EMBER_JIT").as_deref(), Ok("off" | "0")))
}

/// `EMBER_JIT_DUMP` set: print the machine code of every compiled function to standard
/// error, for working on the code generator.
fn dump() -> bool {
    static DUMP: OnceLock<bool> = OnceLock::new();
    *DUMP.get_or_init(|| std::env::var_os("EMBER_JIT_DUMP").is_some())
}

fn isa() -> Option<OwnedTargetIsa> {
    static ISA: OnceLock<Option<OwnedTargetIsa>> = OnceLock::new();
    ISA.get_or_init(|| {
        let mut flags = settings::builder();
        flags.set("opt_level", "speed").ok()?;
        flags.set("use_colocated_libcalls", "false").ok()?;
        flags.set("is_pic", "false").ok()?;
        cranelift_native::builder().ok()?.finish(settings::Flags::new(flags)).ok()
    })
    .clone()
}

/// Compiles what it can of `m`, once (a module is compiled when it is loaded).
pub fn prepare(m: &Module) {
    // A failure in the code generator leaves the module to the interpreter.
    let compile = || std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| compile(m))).ok().flatten();
    m.native.compiled.get_or_init(|| if enabled() { compile() } else { None });
}

/// How native code treats an instruction.
#[derive(Clone, Copy, PartialEq)]
enum Support {
    /// Compiled (a call: if its callee is compiled too).
    Native,
    /// Compiled as a bail-out to the interpreter, on a path that is rarely taken.
    Bail,
    /// The function cannot be compiled.
    No,
}

fn support(code: &[Op], pc: usize, end: usize) -> Support {
    match &code[pc] {
        Op::Move { .. }
        | Op::Jump { .. }
        | Op::Test { .. }
        | Op::Compare { .. }
        | Op::CmpImm { .. }
        | Op::IsEqInt { .. }
        | Op::IsEqAtomic { .. }
        | Op::Arith { .. }
        | Op::ArithImm { .. }
        | Op::AddImm { .. }
        | Op::Call { .. }
        | Op::TailCall { .. }
        | Op::Return { .. }
        | Op::Yield
        | Op::TestArity { .. }
        | Op::TestTagged { .. }
        | Op::GetElement { .. }
        | Op::ElementEq { .. }
        | Op::Element { .. } => Support::Native,
        Op::MatchFail { .. } => Support::Bail,
        // A built-in whose value is returned at once: a function's way out, which the
        // interpreter finishes.
        Op::CallBif { .. } if pc + 1 < end && matches!(code[pc + 1], Op::Return { .. }) => Support::Bail,
        _ => Support::No,
    }
}

/// The function index range of every function: `[entry, end)` (functions are laid out in
/// index order; `compile` checks).
fn ranges(m: &Module) -> Vec<(usize, usize)> {
    let n = m.functions.len();
    (0..n)
        .map(|i| {
            let start = m.functions[i].entry as usize;
            let end = m.functions.get(i + 1).map_or(m.code.len(), |f| f.entry as usize);
            (start, end.max(start))
        })
        .collect()
}

/// Which functions to compile, and which of those the interpreter enters.
///
/// A function can be compiled if every instruction is supported and every local callee
/// can be compiled too. It is worth entering from the interpreter if it has arithmetic or
/// a call to do (a function that would only bail out is not); one that is not is compiled
/// anyway when a function worth entering calls it, so that the caller stays native.
fn choose(m: &Module, ranges: &[(usize, usize)]) -> (Vec<bool>, Vec<bool>) {
    let mut ok: Vec<bool> = ranges
        .iter()
        .map(|&(s, e)| {
            e > s
                && (s..e).all(|pc| support(&m.code, pc, e) != Support::No)
                // A loop must go through a call, where native code counts reductions.
                && (s..e).all(|pc| !matches!(m.code[pc], Op::Jump { to } if to.0 as usize <= pc))
        })
        .collect();
    let callees = |i: usize| {
        let (s, e) = ranges[i];
        (s..e).filter_map(|pc| match &m.code[pc] {
            Op::Call { func, .. } | Op::TailCall { func, .. } => Some(*func as usize),
            _ => None,
        })
    };
    loop {
        let mut changed = false;
        for i in 0..ranges.len() {
            if ok[i] && callees(i).any(|f| !ok.get(f).copied().unwrap_or(false)) {
                ok[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let worth: Vec<bool> = ranges
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            ok[i]
                && (s..e).any(|pc| {
                    matches!(
                        m.code[pc],
                        Op::Arith { .. }
                            | Op::ArithImm { .. }
                            | Op::AddImm { .. }
                            | Op::Call { .. }
                            | Op::TailCall { .. }
                    )
                })
        })
        .collect();
    // Compile what is worth entering and, transitively, what it calls.
    let mut chosen = worth.clone();
    let mut todo: Vec<usize> = (0..ranges.len()).filter(|&i| chosen[i]).collect();
    while let Some(i) = todo.pop() {
        for f in callees(i) {
            if !chosen[f] {
                chosen[f] = true;
                todo.push(f);
            }
        }
    }
    (chosen, worth)
}

fn compile(m: &Module) -> Option<Compiled> {
    if !m.functions.windows(2).all(|w| w[0].entry < w[1].entry) {
        return None;
    }
    let ranges = ranges(m);
    let (chosen, worth) = choose(m, &ranges);
    if !chosen.iter().any(|&c| c) {
        return None;
    }
    let isa = isa()?;
    let mut jm = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let mut sig = jm.make_signature();
    for ty in [types::I64, types::I64, types::I32, types::I32] {
        sig.params.push(AbiParam::new(ty));
    }
    sig.returns.push(AbiParam::new(types::I32));
    // Native calls enter a function at its start only: they call a second copy of it,
    // `direct`, without the entry point dispatch and the frame check.
    let mut direct_sig = jm.make_signature();
    for ty in [types::I64, types::I64, types::I32] {
        direct_sig.params.push(AbiParam::new(ty));
    }
    direct_sig.returns.push(AbiParam::new(types::I32));
    let mut ids: Vec<Option<FuncId>> = Vec::with_capacity(ranges.len());
    let mut direct_ids: Vec<Option<FuncId>> = Vec::with_capacity(ranges.len());
    for (i, &c) in chosen.iter().enumerate() {
        if c {
            ids.push(Some(jm.declare_function(&format!("f{i}"), Linkage::Local, &sig).ok()?));
            direct_ids.push(Some(jm.declare_function(&format!("d{i}"), Linkage::Local, &direct_sig).ok()?));
        } else {
            ids.push(None);
            direct_ids.push(None);
        }
    }
    // Resume points: after each call site of each compiled function, numbered from 1.
    let mut resumes: Vec<(usize, u32)> = Vec::new();
    let mut ctx = jm.make_context();
    let mut fctx = FunctionBuilderContext::new();
    let variants = ids.iter().zip(&direct_ids).enumerate().flat_map(|(i, (&id, &d))| [(i, id, false), (i, d, true)]);
    for (i, id, direct) in variants {
        let Some(id) = id else { continue };
        ctx.func.signature = if direct { direct_sig.clone() } else { sig.clone() };
        let (s, e) = ranges[i];
        let sites: Vec<usize> = (s..e).filter(|&pc| matches!(m.code[pc], Op::Call { .. })).collect();
        // Both copies number the call sites alike; the resume points are the first copy's.
        let first_resume =
            if direct { resumes.len() as u32 + 1 - sites.len() as u32 } else { resumes.len() as u32 + 1 };
        if !direct {
            for (k, _) in sites.iter().enumerate() {
                resumes.push((i, k as u32 + 1));
            }
        }
        let mut gen = Gen {
            b: FunctionBuilder::new(&mut ctx.func, &mut fctx),
            m,
            func: i,
            range: (s, e),
            nslots: m.functions[i].nslots as i64,
            direct,
            direct_ids: &direct_ids,
            jm: &mut jm,
            ctx: Value::from_u32(0),
            base: Value::from_u32(0),
            depth: Value::from_u32(0),
            fp: Value::from_u32(0),
            blocks: Vec::new(),
            bails: Default::default(),
            sites,
            first_resume,
        };
        gen.function();
        let config = gen.jm.target_config();
        gen.b.finalize(config);
        ctx.set_disasm(dump());
        jm.define_function(id, &mut ctx).ok()?;
        if let Some(code) = ctx.compiled_code().and_then(|c| c.vcode.as_ref()) {
            let f = &m.functions[i];
            let copy = if direct { " (direct)" } else { "" };
            eprintln!("== {}:{}/{}{copy}\n{code}", m.name.as_str(), f.name.as_str(), f.arity);
        }
        jm.clear_context(&mut ctx);
    }
    jm.finalize_definitions().ok()?;
    let code = |i: usize| NativeFn::new(jm.get_finalized_function(ids[i].expect("compiled")));
    // The interpreter enters only the functions worth it.
    let entries = ids.iter().enumerate().map(|(i, id)| id.filter(|_| worth[i]).map(|_| code(i))).collect();
    let resumes = resumes.iter().map(|&(i, k)| (code(i), k)).collect();
    let starts = (0..ids.len()).filter(|&i| worth[i]).map(|i| (m.functions[i].entry, code(i))).collect();
    Some(Compiled { entries, resumes, starts, module: Mutex::new(Some(jm)) })
}

/// A term in SSA values: its tag (i8) and payload (i64).
#[derive(Clone, Copy)]
struct Val {
    tag: Value,
    payload: Value,
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

struct Gen<'a, 'b> {
    b: FunctionBuilder<'b>,
    m: &'a Module,
    func: usize,
    range: (usize, usize),
    nslots: i64,
    /// Compiling the copy that native calls enter (at the start only)?
    direct: bool,
    direct_ids: &'a [Option<FuncId>],
    jm: &'a mut JITModule,
    ctx: Value,
    base: Value,
    depth: Value,
    /// The address of the frame's first register.
    fp: Value,
    /// One block per instruction of the function.
    blocks: Vec<Block>,
    /// The bail-out block for each instruction that has one.
    bails: std::collections::HashMap<usize, Block>,
    /// The function's call sites, in order: resume point `first_resume + k` follows site k.
    sites: Vec<usize>,
    first_resume: u32,
}

impl Gen<'_, '_> {
    fn function(&mut self) {
        let (s, e) = self.range;
        let start = self.b.create_block();
        self.b.append_block_params_for_function_params(start);
        self.b.switch_to_block(start);
        let params = self.b.block_params(start).to_vec();
        self.ctx = params[0];
        self.base = params[1];
        self.depth = if self.direct { params[2] } else { params[3] };
        let regs = self.b.ins().load(types::I64, flags(), self.ctx, CTX_REGS);
        let off = self.b.ins().imul_imm_s(self.base, 16);
        self.fp = self.b.ins().iadd(regs, off);
        self.blocks = (s..e).map(|_| self.b.create_block()).collect();
        if self.direct {
            // The caller has built the frame.
            let first = self.block_at(s);
            self.jump(first);
            self.body();
            return;
        }
        // Entry points: the function's start, then the instruction after each call site.
        let mut targets = vec![s];
        targets.extend(self.sites.iter().map(|&pc| pc + 1));
        let checks: Vec<Block> = targets.iter().map(|_| self.b.create_block()).collect();
        let calls: Vec<_> = checks.iter().map(|&blk| self.b.func.dfg.block_call(blk, &[])).collect();
        let table = self.b.create_jump_table(JumpTableData::new(calls[0], &calls));
        self.b.ins().br_table(params[2], table);
        // Native code assumes the frame ends where the function's registers do.
        for (&blk, &pc) in checks.iter().zip(&targets) {
            self.b.switch_to_block(blk);
            let len = self.b.ins().load(types::I64, flags(), self.ctx, CTX_LEN);
            let want = self.b.ins().iadd_imm_s(self.base, self.nslots);
            let ok = self.b.ins().icmp(IntCC::Equal, len, want);
            let bail = self.bail(pc);
            let target = self.block_at(pc);
            self.b.ins().brif(ok, target, &[], bail, &[]);
        }
        self.body();
    }

    fn body(&mut self) {
        let (s, e) = self.range;
        for pc in s..e {
            let blk = self.blocks[pc - s];
            self.b.switch_to_block(blk);
            self.op(pc);
        }
        self.fill_bails();
        self.b.seal_all_blocks();
    }

    /// The block of the instruction at `pc`, or a bail-out if it is outside the function.
    fn block_at(&mut self, pc: usize) -> Block {
        let (s, e) = self.range;
        if (s..e).contains(&pc) {
            self.blocks[pc - s]
        } else {
            self.bail(pc)
        }
    }

    fn next(&mut self, pc: usize) -> Block {
        self.block_at(pc + 1)
    }

    /// The block that leaves instruction `pc` (and all after it) to the interpreter.
    /// (Filled in at the end of the function, by `fill_bails`.)
    fn bail(&mut self, pc: usize) -> Block {
        if let Some(&b) = self.bails.get(&pc) {
            return b;
        }
        let blk = self.b.create_block();
        self.b.set_cold_block(blk);
        self.bails.insert(pc, blk);
        blk
    }

    fn fill_bails(&mut self) {
        let mut bails: Vec<(usize, Block)> = self.bails.iter().map(|(&pc, &b)| (pc, b)).collect();
        bails.sort_by_key(|&(pc, _)| pc);
        for (pc, blk) in bails {
            self.b.switch_to_block(blk);
            let pcv = self.b.ins().iconst(types::I32, pc as i64);
            self.b.ins().store(flags(), pcv, self.ctx, CTX_EXIT_PC);
            let basev = self.b.ins().ireduce(types::I32, self.base);
            self.b.ins().store(flags(), basev, self.ctx, CTX_EXIT_BASE);
            let one = self.b.ins().iconst(types::I32, 1);
            self.b.ins().return_(&[one]);
        }
    }

    fn jump(&mut self, to: Block) {
        self.b.ins().jump(to, &[]);
    }

    /// Goes on to `then` if `cond`, else to `otherwise`.
    fn branch(&mut self, cond: Value, then: Block, otherwise: Block) {
        self.b.ins().brif(cond, then, &[], otherwise, &[]);
    }

    /// Continues in a fresh block reached when `cond` holds; `otherwise` is taken if not.
    fn guard(&mut self, cond: Value, otherwise: Block) {
        let cont = self.b.create_block();
        self.branch(cond, cont, otherwise);
        self.b.switch_to_block(cont);
    }

    fn reg_addr(&mut self, r: Reg) -> (Value, i32) {
        (self.fp, r.0 as i32 * 16)
    }

    /// The raw bits of an operand, without taking ownership (for tests and arithmetic).
    fn peek(&mut self, s: Src) -> Val {
        match s {
            Src::R(r) | Src::M(r) => {
                let (a, o) = self.reg_addr(r);
                let tag = self.b.ins().load(types::I8, flags(), a, o);
                let payload = self.b.ins().load(types::I64, flags(), a, o + 8);
                Val { tag, payload }
            }
            Src::L(l) => {
                let t = &self.m.literals[l.0 as usize];
                match immediate_bits(t) {
                    Some((tag, payload)) => self.konst(tag, payload),
                    None => {
                        let a = self.b.ins().iconst(types::I64, literal_address(t));
                        let tag = self.b.ins().load(types::I8, flags(), a, 0);
                        let payload = self.b.ins().load(types::I64, flags(), a, 8);
                        Val { tag, payload }
                    }
                }
            }
        }
    }

    fn konst(&mut self, tag: u8, payload: u64) -> Val {
        let tag = self.b.ins().iconst(types::I8, tag as i64);
        let payload = self.b.ins().iconst(types::I64, payload as i64);
        Val { tag, payload }
    }

    /// Calls a helper at `addr` with `args` (all i64 but the i32s pushed as such).
    fn helper(&mut self, addr: i64, args: &[Value]) {
        let mut sig = self.jm.make_signature();
        for &a in args {
            let ty = self.b.func.dfg.value_type(a);
            sig.params.push(AbiParam::new(ty));
        }
        let sref = self.b.import_signature(sig);
        let f = self.b.ins().iconst(types::I64, addr);
        self.b.ins().call_indirect(sref, f, args);
    }

    /// Is `tag` one of a box?
    fn is_boxed(&mut self, tag: Value) -> Value {
        let t = self.b.ins().uextend(types::I64, tag);
        let mask = self.b.ins().iconst(types::I64, BOXED_TAGS as i64);
        let bit = self.b.ins().ushr(mask, t);
        let bit = self.b.ins().band_imm_s(bit, 1);
        self.b.ins().icmp_imm_s(IntCC::NotEqual, bit, 0)
    }

    /// Calls `helper(addr)` when `tag` is a box's.
    fn if_boxed(&mut self, tag: Value, helper: i64, addr: Value) {
        let boxed = self.is_boxed(tag);
        let call = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(call);
        self.branch(boxed, call, cont);
        self.b.switch_to_block(call);
        self.helper(helper, &[addr]);
        self.jump(cont);
        self.b.switch_to_block(cont);
    }

    /// Takes an operand over, as the interpreter's `get!` does: a move leaves `[]` behind,
    /// a copy of a box takes a reference.
    fn take(&mut self, s: Src) -> Val {
        let v = self.peek(s);
        match s {
            Src::M(r) => {
                let (a, o) = self.reg_addr(r);
                let nil = self.b.ins().iconst(types::I8, TAG_NIL as i64);
                self.b.ins().store(flags(), nil, a, o);
            }
            Src::R(r) => {
                let (a, o) = self.reg_addr(r);
                let addr = self.b.ins().iadd_imm_s(a, o as i64);
                self.if_boxed(v.tag, helper_inc_ref(), addr);
            }
            Src::L(l) => {
                let t = &self.m.literals[l.0 as usize];
                if immediate_bits(t).is_none() {
                    let addr = self.b.ins().iconst(types::I64, literal_address(t));
                    self.helper(helper_inc_ref(), &[addr]);
                }
            }
        }
        v
    }

    /// Writes `v` (owned) to `addr + off`, which holds a term that is dropped first.
    fn put_at(&mut self, addr: Value, off: i32, v: Val) {
        let old = self.b.ins().load(types::I8, flags(), addr, off);
        let slot = self.b.ins().iadd_imm_s(addr, off as i64);
        self.if_boxed(old, helper_drop_term(), slot);
        self.write_at(addr, off, v);
    }

    /// Writes `v` (owned) to `addr + off`, which holds nothing to drop.
    fn write_at(&mut self, addr: Value, off: i32, v: Val) {
        self.b.ins().store(flags(), v.tag, addr, off);
        self.b.ins().store(flags(), v.payload, addr, off + 8);
    }

    fn put(&mut self, r: Reg, v: Val) {
        let (a, o) = self.reg_addr(r);
        self.put_at(a, o, v);
    }

    fn tag_is(&mut self, tag: Value, t: u8) -> Value {
        self.b.ins().icmp_imm_s(IntCC::Equal, tag, t as i64)
    }

    /// Charges a call's reduction, bailing out at `pc` when the slice is used up (the
    /// interpreter then charges it again and ends the slice).
    fn charge(&mut self, pc: usize) {
        let reds = self.b.ins().load(types::I64, flags(), self.ctx, CTX_REDS);
        let ok = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, reds, 1);
        let bail = self.bail(pc);
        self.guard(ok, bail);
        let left = self.b.ins().iadd_imm_s(reds, -1);
        self.b.ins().store(flags(), left, self.ctx, CTX_REDS);
    }

    fn op(&mut self, pc: usize) {
        let op = &self.m.code[pc];
        match op {
            Op::Move { src, dst } => {
                if *src != Src::R(*dst) {
                    let v = self.take(*src);
                    self.put(*dst, v);
                }
                let n = self.next(pc);
                self.jump(n);
            }
            Op::Jump { to } => {
                let t = self.block_at(to.0 as usize);
                self.jump(t);
            }
            Op::Test { test, src, fail } => {
                let v = self.peek(*src);
                let fail = self.block_at(fail.0 as usize);
                let next = self.next(pc);
                let ok = match test {
                    TypeTest::Integer => self.tag_in(v.tag, &[TAG_INT, TAG_BIG]),
                    TypeTest::Float => self.tag_is(v.tag, TAG_FLOAT),
                    TypeTest::Number => self.tag_in(v.tag, &[TAG_INT, TAG_BIG, TAG_FLOAT]),
                    TypeTest::Atom => self.tag_is(v.tag, TAG_ATOM),
                    TypeTest::Boolean => {
                        let atom = self.tag_is(v.tag, TAG_ATOM);
                        let t = immediate_bits(&Term::Atom(atoms::TRUE)).map_or(0, |b| b.1);
                        let f = immediate_bits(&Term::Atom(atoms::FALSE)).map_or(0, |b| b.1);
                        let is_t = self.b.ins().icmp_imm_s(IntCC::Equal, v.payload, t as i64);
                        let is_f = self.b.ins().icmp_imm_s(IntCC::Equal, v.payload, f as i64);
                        let either = self.b.ins().bor(is_t, is_f);
                        self.b.ins().band(atom, either)
                    }
                    TypeTest::Nil => self.tag_is(v.tag, TAG_NIL),
                    TypeTest::Cons => self.tag_is(v.tag, TAG_CONS),
                    TypeTest::List => self.tag_in(v.tag, &[TAG_NIL, TAG_CONS]),
                    TypeTest::Tuple => self.tag_is(v.tag, TAG_TUPLE),
                    TypeTest::Map => self.tag_is(v.tag, TAG_MAP),
                    TypeTest::Bitstring => self.tag_is(v.tag, TAG_BITS),
                    TypeTest::Pid => self.tag_is(v.tag, TAG_PID),
                    TypeTest::Ref => self.tag_is(v.tag, TAG_REF),
                    TypeTest::Function => self.tag_is(v.tag, TAG_FUN),
                    TypeTest::Port => self.b.ins().iconst(types::I8, 0),
                    TypeTest::Binary => {
                        let bail = self.bail(pc);
                        self.jump(bail);
                        return;
                    }
                };
                self.branch(ok, next, fail);
            }
            Op::IsEqInt { a, imm, fail } => {
                let v = self.peek(Src::R(*a));
                let int = self.tag_is(v.tag, TAG_INT);
                let same = self.b.ins().icmp_imm_s(IntCC::Equal, v.payload, *imm);
                let ok = self.b.ins().band(int, same);
                let fail = self.block_at(fail.0 as usize);
                let next = self.next(pc);
                self.branch(ok, next, fail);
            }
            Op::IsEqAtomic { a, imm, fail } => {
                match immediate_bits(imm).filter(|_| matches!(imm, Term::Atom(_) | Term::Nil)) {
                    Some((tag, payload)) => {
                        let v = self.peek(Src::R(*a));
                        let t = self.tag_is(v.tag, tag);
                        let ok = if tag == TAG_NIL {
                            t
                        } else {
                            let same = self.b.ins().icmp_imm_s(IntCC::Equal, v.payload, payload as i64);
                            self.b.ins().band(t, same)
                        };
                        let fail = self.block_at(fail.0 as usize);
                        let next = self.next(pc);
                        self.branch(ok, next, fail);
                    }
                    None => {
                        let bail = self.bail(pc);
                        self.jump(bail);
                    }
                }
            }
            Op::CmpImm { cmp, a, imm, fail } => {
                let fail = self.block_at(fail.0 as usize);
                let next = self.next(pc);
                let bail = self.bail(pc);
                let v = self.peek(Src::R(*a));
                match (imm, cmp) {
                    (Term::Int(k), _) => {
                        let int = self.tag_is(v.tag, TAG_INT);
                        self.guard(int, bail);
                        let ok = self.b.ins().icmp_imm_s(int_cc(*cmp), v.payload, *k);
                        self.branch(ok, next, fail);
                    }
                    (Term::Atom(_), Cmp::Eq | Cmp::ExactEq | Cmp::Ne | Cmp::ExactNe) => {
                        let k = immediate_bits(imm).map_or(0, |b| b.1);
                        let atom = self.tag_is(v.tag, TAG_ATOM);
                        let same = self.b.ins().icmp_imm_s(IntCC::Equal, v.payload, k as i64);
                        let eq = self.b.ins().band(atom, same);
                        if matches!(cmp, Cmp::Eq | Cmp::ExactEq) {
                            self.branch(eq, next, fail);
                        } else {
                            self.branch(eq, fail, next);
                        }
                    }
                    _ => self.jump(bail),
                }
            }
            Op::Compare { cmp, a, b, fail } => {
                let fail = self.block_at(fail.0 as usize);
                let next = self.next(pc);
                let bail = self.bail(pc);
                let x = self.peek(*a);
                let y = self.peek(*b);
                self.compare(*cmp, x, y, next, fail, bail);
            }
            Op::Arith { kind, a, b, dst, .. } => {
                let x = self.peek(*a);
                let y = self.peek(*b);
                self.arith(pc, *kind, x, y, *dst);
            }
            Op::ArithImm { kind, a, imm, dst, .. } | Op::AddImm { kind, a, imm, dst, .. } => {
                let x = self.peek(Src::R(*a));
                let y = self.konst(TAG_INT, *imm as u64);
                self.arith(pc, *kind, x, y, *dst);
            }
            Op::TestArity { src, arity, fail } => {
                let v = self.peek(*src);
                let fail = self.block_at(fail.0 as usize);
                self.tuple_of_arity(v, *arity, fail);
                let n = self.next(pc);
                self.jump(n);
            }
            Op::TestTagged { tuple, arity, tag, fail } => {
                let v = self.peek(Src::R(*tuple));
                let fail = self.block_at(fail.0 as usize);
                if *arity == 0 {
                    self.jump(fail);
                    return;
                }
                self.tuple_of_arity(v, *arity, fail);
                let first = self.element_bits(v.payload, 0);
                let want = immediate_bits(&Term::Atom(*tag)).map_or(0, |b| b.1);
                let atom = self.tag_is(first.tag, TAG_ATOM);
                let same = self.b.ins().icmp_imm_s(IntCC::Equal, first.payload, want as i64);
                let ok = self.b.ins().band(atom, same);
                let n = self.next(pc);
                self.branch(ok, n, fail);
            }
            Op::GetElement { src, index, dst } => {
                // (The tuple is known to be large enough; checked anyway.)
                let v = self.peek(*src);
                let bail = self.bail(pc);
                self.tuple_longer_than(v, *index, bail);
                let e = self.take_element(v.payload, *index);
                self.put(*dst, e);
                let n = self.next(pc);
                self.jump(n);
            }
            Op::ElementEq { tuple, index, imm, fail } => {
                let bail = self.bail(pc);
                let Some((tag, payload)) = immediate_bits(imm).filter(|_| matches!(imm, Term::Atom(_) | Term::Int(_)))
                else {
                    self.jump(bail);
                    return;
                };
                let v = self.peek(Src::R(*tuple));
                let fail = self.block_at(fail.0 as usize);
                self.tuple_longer_than(v, *index, fail);
                let e = self.element_bits(v.payload, *index);
                let t = self.tag_is(e.tag, tag);
                let same = self.b.ins().icmp_imm_s(IntCC::Equal, e.payload, payload as i64);
                let ok = self.b.ins().band(t, same);
                let n = self.next(pc);
                self.branch(ok, n, fail);
            }
            Op::Element { index, tuple, dst, .. } => {
                // element/2 with a literal position: anything but a tuple long enough is
                // the built-in's error, which the interpreter raises.
                let bail = self.bail(pc);
                if *index == 0 {
                    self.jump(bail);
                    return;
                }
                let v = self.peek(*tuple);
                self.tuple_longer_than(v, *index - 1, bail);
                let e = self.take_element(v.payload, *index - 1);
                if let Src::M(r) = tuple {
                    // The tuple's last use: the register lets go of it.
                    let nil = self.konst(TAG_NIL, 0);
                    self.put(*r, nil);
                }
                self.put(*dst, e);
                let n = self.next(pc);
                self.jump(n);
            }
            Op::Yield => {
                self.charge(pc);
                let n = self.next(pc);
                self.jump(n);
            }
            Op::Call { func, args, dst } => self.call(pc, *func as usize, args, *dst),
            Op::TailCall { func, args, .. } => self.tail_call(pc, *func as usize, args),
            Op::Return { src } => {
                // The value goes to the native caller, or (from the function the interpreter
                // entered) to the interpreter, which pops the caller's frame.
                let v = self.take(*src);
                self.release_frame();
                let v64 = self.b.ins().uextend(types::I64, v.tag);
                self.b.ins().store(flags(), v64, self.ctx, CTX_RET_TAG);
                self.b.ins().store(flags(), v.payload, self.ctx, CTX_RET_PAYLOAD);
                self.b.ins().store(flags(), self.base, self.ctx, CTX_LEN);
                let zero = self.b.ins().iconst(types::I32, 0);
                self.b.ins().return_(&[zero]);
            }
            _ => {
                let bail = self.bail(pc);
                self.jump(bail);
            }
        }
    }

    /// Do `x` and `y` both have tag `tag`?
    fn both(&mut self, x: Val, y: Val, tag: u8) -> Value {
        let a = self.tag_is(x.tag, tag);
        let b = self.tag_is(y.tag, tag);
        self.b.ins().band(a, b)
    }

    /// Goes on if `v` is a tuple whose length compares with `n` as `cc` says, else to
    /// `otherwise`.
    fn tuple_len_is(&mut self, v: Val, cc: IntCC, n: u32, otherwise: Block) {
        let tuple = self.tag_is(v.tag, TAG_TUPLE);
        self.guard(tuple, otherwise);
        let len = self.b.ins().load(types::I64, flags(), v.payload, TUPLE_LEN);
        let ok = self.b.ins().icmp_imm_s(cc, len, n as i64);
        self.guard(ok, otherwise);
    }

    /// Goes on if `v` is a tuple of `arity` elements, else to `fail`.
    fn tuple_of_arity(&mut self, v: Val, arity: u32, fail: Block) {
        self.tuple_len_is(v, IntCC::Equal, arity, fail);
    }

    /// Goes on if `v` is a tuple with an element at (0-based) `index`, else to `otherwise`.
    fn tuple_longer_than(&mut self, v: Val, index: u32, otherwise: Block) {
        self.tuple_len_is(v, IntCC::UnsignedGreaterThan, index, otherwise);
    }

    /// The raw bits of element `index` (0-based) of the tuple at `ptr`, not taken over.
    fn element_bits(&mut self, ptr: Value, index: u32) -> Val {
        let off = TUPLE_ELEMENTS + index as i32 * 16;
        let tag = self.b.ins().load(types::I8, flags(), ptr, off);
        let payload = self.b.ins().load(types::I64, flags(), ptr, off + 8);
        Val { tag, payload }
    }

    /// A copy of element `index` (0-based) of the tuple at `ptr`, with a reference taken
    /// if it is a box.
    fn take_element(&mut self, ptr: Value, index: u32) -> Val {
        let e = self.element_bits(ptr, index);
        let addr = self.b.ins().iadd_imm_s(ptr, (TUPLE_ELEMENTS + index as i32 * 16) as i64);
        self.if_boxed(e.tag, helper_inc_ref(), addr);
        e
    }

    fn tag_in(&mut self, tag: Value, tags: &[u8]) -> Value {
        let mut acc = self.tag_is(tag, tags[0]);
        for &t in &tags[1..] {
            let c = self.tag_is(tag, t);
            acc = self.b.ins().bor(acc, c);
        }
        acc
    }

    /// Drops every register of the frame (a return, or a tail call to another function).
    fn release_frame(&mut self) {
        for r in 0..self.nslots as u32 {
            let (a, o) = self.reg_addr(Reg(r));
            let tag = self.b.ins().load(types::I8, flags(), a, o);
            let slot = self.b.ins().iadd_imm_s(a, o as i64);
            self.if_boxed(tag, helper_drop_term(), slot);
        }
    }

    fn compare(&mut self, cmp: Cmp, x: Val, y: Val, next: Block, fail: Block, bail: Block) {
        // Two small integers.
        let ints = self.both(x, y, TAG_INT);
        let int_blk = self.b.create_block();
        let other = self.b.create_block();
        self.branch(ints, int_blk, other);
        self.b.switch_to_block(int_blk);
        let ok = self.b.ins().icmp(int_cc(cmp), x.payload, y.payload);
        self.branch(ok, next, fail);
        self.b.switch_to_block(other);
        let equality = matches!(cmp, Cmp::Eq | Cmp::ExactEq | Cmp::Ne | Cmp::ExactNe);
        let positive = matches!(cmp, Cmp::Eq | Cmp::ExactEq);
        if equality {
            // Two atoms: equal exactly when they are the same atom.
            let atoms = self.both(x, y, TAG_ATOM);
            let atom_blk = self.b.create_block();
            let rest = self.b.create_block();
            self.branch(atoms, atom_blk, rest);
            self.b.switch_to_block(atom_blk);
            let same = self.b.ins().icmp(IntCC::Equal, x.payload, y.payload);
            if positive {
                self.branch(same, next, fail);
            } else {
                self.branch(same, fail, next);
            }
            self.b.switch_to_block(rest);
        }
        if matches!(cmp, Cmp::ExactEq | Cmp::ExactNe) {
            // Terms of different kinds are never exactly equal.
            let differ = self.b.ins().icmp(IntCC::NotEqual, x.tag, y.tag);
            let unequal = if cmp == Cmp::ExactEq { fail } else { next };
            self.branch(differ, unequal, bail);
            return;
        }
        // Two floats (ordered as IEEE orders them: no NaN ever exists).
        let floats = self.both(x, y, TAG_FLOAT);
        self.guard(floats, bail);
        let fx = self.b.ins().bitcast(types::F64, MemFlagsData::new(), x.payload);
        let fy = self.b.ins().bitcast(types::F64, MemFlagsData::new(), y.payload);
        let cc = match cmp {
            Cmp::Eq => FloatCC::Equal,
            Cmp::Ne => FloatCC::NotEqual,
            Cmp::Lt => FloatCC::LessThan,
            Cmp::Le => FloatCC::LessThanOrEqual,
            Cmp::Gt => FloatCC::GreaterThan,
            _ => FloatCC::GreaterThanOrEqual,
        };
        let ok = self.b.ins().fcmp(cc, fx, fy);
        self.branch(ok, next, fail);
    }

    /// An arithmetic instruction: small integers and floats in place, the rest bails out.
    fn arith(&mut self, pc: usize, kind: ArithKind, x: Val, y: Val, dst: Reg) {
        let bail = self.bail(pc);
        let ints = self.both(x, y, TAG_INT);
        let not_ints = self.b.ins().icmp_imm_s(IntCC::Equal, ints, 0);
        let int_blk = self.b.create_block();
        let float_blk = self.b.create_block();
        // (The block a branch does not take is laid out next: small integers.)
        self.branch(not_ints, float_blk, int_blk);
        // Small integers.
        self.b.switch_to_block(int_blk);
        let (p, q) = (x.payload, y.payload);
        let int_result = match kind {
            ArithKind::Add | ArithKind::Sub | ArithKind::Mul => {
                let (r, over) = match kind {
                    ArithKind::Add => self.b.ins().sadd_overflow(p, q),
                    ArithKind::Sub => self.b.ins().ssub_overflow(p, q),
                    _ => self.b.ins().smul_overflow(p, q),
                };
                let fine = self.b.ins().icmp_imm_s(IntCC::Equal, over, 0);
                self.guard(fine, bail);
                Some(r)
            }
            ArithKind::Band => Some(self.b.ins().band(p, q)),
            ArithKind::Bor => Some(self.b.ins().bor(p, q)),
            ArithKind::Bxor => Some(self.b.ins().bxor(p, q)),
            ArithKind::Div | ArithKind::Rem => {
                // Not by zero, and not the one quotient that overflows.
                let nonzero = self.b.ins().icmp_imm_s(IntCC::NotEqual, q, 0);
                self.guard(nonzero, bail);
                let min = self.b.ins().icmp_imm_s(IntCC::Equal, p, i64::MIN);
                let minus1 = self.b.ins().icmp_imm_s(IntCC::Equal, q, -1);
                let both = self.b.ins().band(min, minus1);
                let fine = self.b.ins().icmp_imm_s(IntCC::Equal, both, 0);
                self.guard(fine, bail);
                Some(if kind == ArithKind::Div { self.b.ins().sdiv(p, q) } else { self.b.ins().srem(p, q) })
            }
            ArithKind::FDiv => {
                let nonzero = self.b.ins().icmp_imm_s(IntCC::NotEqual, q, 0);
                self.guard(nonzero, bail);
                let fp = self.b.ins().fcvt_from_sint(types::F64, p);
                let fq = self.b.ins().fcvt_from_sint(types::F64, q);
                let r = self.b.ins().fdiv(fp, fq);
                self.float_result(r, dst, pc, bail);
                None
            }
            ArithKind::Cmp(_) => {
                self.jump(bail);
                None
            }
        };
        if let Some(r) = int_result {
            let tag = self.b.ins().iconst(types::I8, TAG_INT as i64);
            self.put(dst, Val { tag, payload: r });
            let n = self.next(pc);
            self.jump(n);
        }
        // Floats, or a float with a small integer.
        self.b.switch_to_block(float_blk);
        if !matches!(kind, ArithKind::Add | ArithKind::Sub | ArithKind::Mul | ArithKind::FDiv) {
            self.jump(bail);
            return;
        }
        let fx = self.as_float(x, bail);
        let fy = self.as_float(y, bail);
        let r = match kind {
            ArithKind::Add => self.b.ins().fadd(fx, fy),
            ArithKind::Sub => self.b.ins().fsub(fx, fy),
            ArithKind::Mul => self.b.ins().fmul(fx, fy),
            _ => self.b.ins().fdiv(fx, fy),
        };
        self.float_result(r, dst, pc, bail);
    }

    /// A float operand (a small integer converted), or a bail-out for anything else.
    fn as_float(&mut self, v: Val, bail: Block) -> Value {
        let is_f = self.tag_is(v.tag, TAG_FLOAT);
        let f_blk = self.b.create_block();
        let i_blk = self.b.create_block();
        let join = self.b.create_block();
        let out = self.b.append_block_param(join, types::F64);
        self.branch(is_f, f_blk, i_blk);
        self.b.switch_to_block(f_blk);
        let f = self.b.ins().bitcast(types::F64, MemFlagsData::new(), v.payload);
        self.b.ins().jump(join, &[BlockArg::Value(f)]);
        self.b.switch_to_block(i_blk);
        let is_i = self.tag_is(v.tag, TAG_INT);
        self.guard(is_i, bail);
        let f = self.b.ins().fcvt_from_sint(types::F64, v.payload);
        self.b.ins().jump(join, &[BlockArg::Value(f)]);
        self.b.switch_to_block(join);
        out
    }

    /// Stores a float result if it is finite (else bails out: the built-in raises), then
    /// goes on to the next instruction.
    fn float_result(&mut self, r: Value, dst: Reg, pc: usize, bail: Block) {
        let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), r);
        let exp = self.b.ins().band_imm_s(bits, 0x7ff0_0000_0000_0000);
        let finite = self.b.ins().icmp_imm_s(IntCC::NotEqual, exp, 0x7ff0_0000_0000_0000);
        self.guard(finite, bail);
        let tag = self.b.ins().iconst(types::I8, TAG_FLOAT as i64);
        self.put(dst, Val { tag, payload: bits });
        let n = self.next(pc);
        self.jump(n);
    }

    /// Bails out at `pc` unless a native call may nest one level deeper.
    fn check_depth(&mut self, pc: usize) {
        let ok = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, self.depth, MAX_DEPTH);
        let bail = self.bail(pc);
        self.guard(ok, bail);
    }

    /// Bails out at `pc` unless the register file has room for `need` registers.
    fn check_room(&mut self, pc: usize, need: Value) {
        let cap = self.b.ins().load(types::I64, flags(), self.ctx, CTX_CAP);
        let ok = self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, need, cap);
        let bail = self.bail(pc);
        self.guard(ok, bail);
    }

    /// Calls compiled function `func` from its start on the frame at `base`, one level
    /// deeper; its status.
    fn call_native(&mut self, func: usize, base: Value) -> Value {
        let id = self.direct_ids[func].expect("callees of compiled functions are compiled");
        let f = self.jm.declare_func_in_func(id, self.b.func);
        let depth = self.b.ins().iadd_imm_s(self.depth, 1);
        let call = self.b.ins().call(f, &[self.ctx, base, depth]);
        self.b.inst_results(call)[0]
    }

    fn call(&mut self, pc: usize, func: usize, args: &[Src], dst: Reg) {
        let callee_slots = self.m.functions[func].nslots as i64;
        self.check_depth(pc);
        let new_base = self.b.ins().iadd_imm_s(self.base, self.nslots);
        let need = self.b.ins().iadd_imm_s(new_base, callee_slots);
        self.check_room(pc, need);
        self.charge(pc);
        // From here on the call has effects: no more bail-outs at `pc`.
        let vals: Vec<Val> = args.iter().map(|&a| self.take(a)).collect();
        let new_fp = self.b.ins().iadd_imm_s(self.fp, self.nslots * 16);
        self.build_frame(new_fp, &vals, callee_slots);
        self.b.ins().store(flags(), need, self.ctx, CTX_LEN);
        let status = self.call_native(func, new_base);
        let returned = self.b.ins().icmp_imm_s(IntCC::Equal, status, 0);
        let ok_blk = self.b.create_block();
        let left = self.b.create_block();
        self.b.set_cold_block(left);
        self.branch(returned, ok_blk, left);
        // The callee left the rest to the interpreter: leave this frame behind too, to be
        // resumed after this call site.
        self.b.switch_to_block(left);
        let site = self.sites.iter().position(|&p| p == pc).unwrap_or(0) as u32;
        let resume = self.first_resume + site;
        let ret_pc = self.b.ins().iconst(types::I32, pc as i64 + 1);
        let base32 = self.b.ins().ireduce(types::I32, self.base);
        let dst32 = self.b.ins().iconst(types::I32, dst.0 as i64);
        let res32 = self.b.ins().iconst(types::I32, resume as i64);
        self.helper(helper_push_pending(), &[self.ctx, ret_pc, base32, dst32, res32]);
        self.b.ins().return_(&[status]);
        self.b.switch_to_block(ok_blk);
        let tag64 = self.b.ins().load(types::I64, flags(), self.ctx, CTX_RET_TAG);
        let tag = self.b.ins().ireduce(types::I8, tag64);
        let payload = self.b.ins().load(types::I64, flags(), self.ctx, CTX_RET_PAYLOAD);
        self.put(dst, Val { tag, payload });
        let n = self.next(pc);
        self.jump(n);
    }

    /// Writes a new frame at `fp`: the arguments, then `[]` up to `slots` registers.
    fn build_frame(&mut self, fp: Value, vals: &[Val], slots: i64) {
        for (i, v) in vals.iter().enumerate() {
            self.write_at(fp, i as i32 * 16, *v);
        }
        let nil = self.b.ins().iconst(types::I8, TAG_NIL as i64);
        for i in vals.len() as i64..slots {
            self.b.ins().store(flags(), nil, fp, i as i32 * 16);
        }
    }

    fn tail_call(&mut self, pc: usize, func: usize, args: &[Src]) {
        if func == self.func {
            // A loop: the arguments go into place and the function starts again.
            self.charge(pc);
            let vals: Vec<Val> = args.iter().map(|&a| self.take(a)).collect();
            for (i, v) in vals.into_iter().enumerate() {
                self.put(Reg(i as u32), v);
            }
            let entry = self.block_at(self.range.0);
            self.jump(entry);
            return;
        }
        // Another function: a native call in this frame's place, whose return is this
        // function's.
        self.check_depth(pc);
        let callee_slots = self.m.functions[func].nslots as i64;
        let need = self.b.ins().iadd_imm_s(self.base, callee_slots);
        self.check_room(pc, need);
        self.charge(pc);
        let vals: Vec<Val> = args.iter().map(|&a| self.take(a)).collect();
        self.release_frame();
        let fp = self.fp;
        self.build_frame(fp, &vals, callee_slots);
        self.b.ins().store(flags(), need, self.ctx, CTX_LEN);
        let status = self.call_native(func, self.base);
        self.b.ins().return_(&[status]);
    }
}

/// The integer condition of a comparison (term order on small integers is numeric order).
fn int_cc(cmp: Cmp) -> IntCC {
    match cmp {
        Cmp::Eq | Cmp::ExactEq => IntCC::Equal,
        Cmp::Ne | Cmp::ExactNe => IntCC::NotEqual,
        Cmp::Lt => IntCC::SignedLessThan,
        Cmp::Le => IntCC::SignedLessThanOrEqual,
        Cmp::Gt => IntCC::SignedGreaterThan,
        Cmp::Ge => IntCC::SignedGreaterThanOrEqual,
    }
}

#[cfg(test)]
mod tests;
