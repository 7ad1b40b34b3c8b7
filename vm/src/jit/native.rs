//! The unsafe edge of native code: the context it runs with, the helpers it calls, and the
//! calls into it.
//!
//! Native code reads and writes the interpreter's register file directly, as raw terms:
//! a tag byte at offset 0 and a payload word at offset 8 (`Term` is `repr(u8)`). It never
//! grows the register file (it leaves to the interpreter any call that would need more
//! room than the vector has), so the pointer it is given stays valid while it runs. Terms
//! that own a reference count are only ever touched through the helpers below, which
//! clone and drop them as Rust does.

use super::{Compiled, Pending};
use crate::process::Frame;
use crate::term::Term;

/// The tags of `Term`'s variants, in declaration order (`repr(u8)` numbers them from 0).
pub(super) const TAG_INT: u8 = 0;
pub(super) const TAG_BIG: u8 = 1;
pub(super) const TAG_FLOAT: u8 = 2;
pub(super) const TAG_ATOM: u8 = 3;
pub(super) const TAG_NIL: u8 = 4;
pub(super) const TAG_CONS: u8 = 5;
pub(super) const TAG_TUPLE: u8 = 6;
pub(super) const TAG_MAP: u8 = 7;
pub(super) const TAG_BITS: u8 = 8;
pub(super) const TAG_FUN: u8 = 9;
pub(super) const TAG_PID: u8 = 10;
pub(super) const TAG_REF: u8 = 11;
/// The tags whose payload owns a reference count, as a bit set.
pub(super) const BOXED_TAGS: u64 =
    1 << TAG_BIG | 1 << TAG_CONS | 1 << TAG_TUPLE | 1 << TAG_MAP | 1 << TAG_BITS | 1 << TAG_FUN;

/// The state native code shares with the interpreter while it runs. The field offsets are
/// the `CTX_*` constants, which the code generator uses.
#[repr(C)]
pub(super) struct Ctx {
    /// The register file's first term.
    regs: *mut Term,
    /// How many registers hold terms.
    len: usize,
    /// How many the vector has room for.
    cap: usize,
    /// The reductions left in the slice.
    reds: i64,
    /// Where the interpreter goes on after a bail-out: the instruction and register base.
    exit_pc: u32,
    exit_base: u32,
    /// A native callee's return value, as raw tag and payload: the caller takes it over.
    ret_tag: u64,
    ret_payload: u64,
    /// The frames of native callers that a bail-out left behind, innermost first.
    pending: Vec<Pending>,
}

/// Where a tuple's length and first element are, from the address a `Term::Tuple` holds.
pub(super) const TUPLE_LEN: i32 = crate::term::TUPLE_LEN_OFFSET as i32;
pub(super) const TUPLE_ELEMENTS: i32 = crate::term::TUPLE_ELEMENTS_OFFSET as i32;

pub(super) const CTX_REGS: i32 = 0;
pub(super) const CTX_LEN: i32 = 8;
pub(super) const CTX_CAP: i32 = 16;
pub(super) const CTX_REDS: i32 = 24;
pub(super) const CTX_EXIT_PC: i32 = 32;
pub(super) const CTX_EXIT_BASE: i32 = 36;
pub(super) const CTX_RET_TAG: i32 = 40;
pub(super) const CTX_RET_PAYLOAD: i32 = 48;
const _: () = {
    assert!(std::mem::offset_of!(Ctx, regs) == CTX_REGS as usize);
    assert!(std::mem::offset_of!(Ctx, len) == CTX_LEN as usize);
    assert!(std::mem::offset_of!(Ctx, cap) == CTX_CAP as usize);
    assert!(std::mem::offset_of!(Ctx, reds) == CTX_REDS as usize);
    assert!(std::mem::offset_of!(Ctx, exit_pc) == CTX_EXIT_PC as usize);
    assert!(std::mem::offset_of!(Ctx, exit_base) == CTX_EXIT_BASE as usize);
    assert!(std::mem::offset_of!(Ctx, ret_tag) == CTX_RET_TAG as usize);
    assert!(std::mem::offset_of!(Ctx, ret_payload) == CTX_RET_PAYLOAD as usize);
    assert!(std::mem::size_of::<Term>() == 16);
};

/// A compiled function: `(ctx, base, entry point, depth) -> 0` when it returned to a native
/// caller (the value in `ctx.ret_*`), or 1 when it left the rest to the interpreter at
/// `ctx.exit_pc` with base `ctx.exit_base`.
type RawFn = unsafe extern "C" fn(*mut Ctx, u64, u32, u32) -> u32;

/// A pointer to a compiled function's code.
#[derive(Clone, Copy)]
pub(crate) struct NativeFn(*const u8);

// SAFETY: the pointer names immutable machine code, which any thread may run; the code it
// points to lives as long as the `Compiled` that holds it (see `Compiled`'s `Drop`).
unsafe impl Send for NativeFn {}
// SAFETY: as for `Send`: the code is never written after it is finalized.
unsafe impl Sync for NativeFn {}

impl NativeFn {
    pub(super) fn new(code: *const u8) -> NativeFn {
        NativeFn(code)
    }
}

/// The tag and payload bits of an immediate (`None` for a box).
pub(super) fn immediate_bits(t: &Term) -> Option<(u8, u64)> {
    let tag = match t {
        Term::Nil => return Some((TAG_NIL, 0)),
        Term::Int(_) => TAG_INT,
        Term::Float(_) => TAG_FLOAT,
        Term::Atom(_) => TAG_ATOM,
        Term::Pid(_) => TAG_PID,
        Term::Ref(_) => TAG_REF,
        _ => return None,
    };
    // SAFETY: `Term` is `repr(u8)`, so each variant is laid out as a `repr(C)` struct of the
    // tag byte followed by its field; these variants' fields are single 8-byte words
    // (`i64`, `FloatBits(u64)`, `Atom(u64)`, `Pid(u64)`, `Ref(u64)`), hence at offset 8, in
    // bounds of the 16-byte term and initialized.
    let payload = unsafe { (t as *const Term).cast::<u8>().add(8).cast::<u64>().read() };
    Some((tag, payload))
}

/// Takes one more reference to the boxed term at `p` (a clone that is forgotten: native
/// code has copied the term's bits and now owns them).
extern "C" fn inc_ref(p: *const Term) {
    // SAFETY: native code passes the address of a register or literal that holds a valid
    // term (a live register below `len`, or a literal of a module that is running).
    let t = unsafe { &*p };
    std::mem::forget(t.clone());
}

/// Drops the term at `p` in place (native code overwrites it next).
extern "C" fn drop_term(p: *mut Term) {
    // SAFETY: native code passes the address of a live register that it is about to
    // overwrite or release; the term there is valid and is never read again as it was.
    unsafe { std::ptr::drop_in_place(p) };
}

/// Records a native caller's frame when a callee bails out.
extern "C" fn push_pending(ctx: *mut Ctx, ret_pc: u32, base: u32, dst: u32, resume: u32) {
    // SAFETY: `ctx` is the context `enter` passed to the code, alive and not otherwise
    // borrowed while native code runs.
    let ctx = unsafe { &mut *ctx };
    ctx.pending.push(Pending { ret_pc, base, dst, resume });
}

/// The helpers' addresses, for the code generator.
pub(super) fn helper_inc_ref() -> i64 {
    inc_ref as *const () as i64
}
pub(super) fn helper_drop_term() -> i64 {
    drop_term as *const () as i64
}
pub(super) fn helper_push_pending() -> i64 {
    push_pending as *const () as i64
}

/// The address of a literal, baked into native code.
pub(super) fn literal_address(t: &Term) -> i64 {
    t as *const Term as i64
}

/// How native code handed over to the interpreter.
pub(crate) enum Exit {
    /// Go on at this instruction with this register base (frames of native callers left
    /// behind are on the frame stack).
    At(u32, usize),
    /// The function the interpreter entered returned this value; its frame is released,
    /// and the caller's frame is still to be popped.
    Returned(Term),
}

/// Runs compiled code from entry point `start` of `f` on the frame at `base`, until it
/// hands over to the interpreter.
pub(crate) fn enter(
    f: NativeFn,
    start: u32,
    regs: &mut Vec<Term>,
    base: usize,
    reds: &mut i64,
    frames: &mut Vec<Frame>,
) -> Exit {
    let mut ctx = Ctx {
        regs: regs.as_mut_ptr(),
        len: regs.len(),
        cap: regs.capacity(),
        reds: *reds,
        exit_pc: 0,
        exit_base: 0,
        ret_tag: 0,
        ret_payload: 0,
        pending: Vec::new(),
    };
    // SAFETY: `f` points to code compiled by `super::compile` with `RawFn`'s signature, and
    // it is alive: the caller holds the module that owns it. The code keeps to the
    // contract in this module's header: it writes terms only within `regs`' capacity, keeps
    // every term below `ctx.len` valid, and owns reference counts exactly as the helpers
    // account for them.
    let status = unsafe {
        let code: RawFn = std::mem::transmute::<*const u8, RawFn>(f.0);
        code(&mut ctx, base as u64, start, 0)
    };
    debug_assert!(ctx.len <= ctx.cap);
    // SAFETY: native code never reallocates, so `regs`' buffer is the one it wrote to, and
    // it keeps `ctx.len` at the number of initialized terms from the start of the buffer
    // (every register below it holds a valid term), within the capacity.
    unsafe { regs.set_len(ctx.len) };
    *reds = ctx.reds;
    for p in ctx.pending.iter().rev() {
        frames.push(Frame {
            ret_pc: p.ret_pc,
            base: p.base,
            ret_dst: crate::interp::op::Reg(p.dst),
            module: None,
            resume: p.resume,
        });
    }
    if status == 0 {
        return Exit::Returned(returned(ctx.ret_tag as u8, ctx.ret_payload));
    }
    Exit::At(ctx.exit_pc, ctx.exit_base as usize)
}

/// The term whose tag and payload native code returned (taking over its ownership).
fn returned(tag: u8, payload: u64) -> Term {
    let mut t = std::mem::MaybeUninit::<Term>::uninit();
    let p = t.as_mut_ptr().cast::<u8>();
    // SAFETY: the bits are those of a valid term that native code moved out of a register
    // (or a literal it took a reference to): its tag byte, then its payload word at offset
    // 8, where `repr(u8)` puts every variant's field. Writing both into the 16 bytes of a
    // `Term` recreates that term, and it is returned exactly once, so its ownership passes
    // to the caller once. (For `[]`, the payload is padding and any bits do.)
    unsafe {
        p.write(tag);
        p.add(8).cast::<u64>().write(payload);
        t.assume_init()
    }
}

impl Drop for Compiled {
    fn drop(&mut self) {
        let module = match self.module.get_mut() {
            Ok(m) => m.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        if let Some(m) = module {
            // SAFETY: code of this module runs only inside `enter`, whose caller holds an
            // `Arc` of the module that owns this `Compiled`, and frames that resume native
            // code belong to processes that hold the module too. Now that it is dropped,
            // none of the module's code is running or will be called again.
            unsafe { m.free_memory() };
        }
    }
}
