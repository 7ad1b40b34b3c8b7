//! The places terms are copied bit for bit or written into fresh memory: cloning an
//! immediate, and building a list cell in place.
//!
//! `Term`'s derived `Clone` dispatches on the variant through a jump table, and the
//! interpreter clones a term for nearly every operand it reads. Immediates (integers,
//! floats, atoms, `[]`, local pids and references) own no reference count, so a bitwise copy
//! of one is a valid, independent term; this module makes that copy, and the matching
//! store that overwrites an immediate without running (or calling) drop glue.

use super::{Cons, Term};

/// A copy of `t`, which must be an immediate (`!t.is_boxed()`); `None` for a box.
#[inline(always)]
pub(super) fn copy_immediate(t: &Term) -> Option<Term> {
    if t.is_boxed() {
        return None;
    }
    // SAFETY: `t` is a valid, initialized `Term` behind a shared reference, so reading its
    // 16 bytes is in bounds and aligned. It is not a box (checked above), so its payload is
    // plain data (`i64`, `FloatBits`, `Atom`, `Pid`, `Ref` or nothing) that owns no resource: the
    // copy shares nothing with the original, and dropping either one does nothing. This is
    // exactly what the derived `Clone` returns for these variants, without the dispatch.
    Some(unsafe { std::ptr::read(t) })
}

/// Writes `v` into `slot` if `slot` holds an immediate; gives `v` back otherwise.
#[inline(always)]
pub(super) fn overwrite_immediate(slot: &mut Term, v: Term) -> Result<(), Term> {
    if slot.is_boxed() {
        return Err(v);
    }
    // SAFETY: `slot` is a valid, exclusively borrowed `Term`, so writing 16 bytes to it is
    // in bounds and aligned. Its old value is an immediate (checked above), which owns
    // nothing, so skipping its drop leaks nothing; `v` is moved into the slot and not
    // dropped here, so its ownership passes to the slot exactly once.
    unsafe { std::ptr::write(slot, v) };
    Ok(())
}

/// A new list cell holding `head` and `tail`, written straight into its allocation.
///
/// (`Arc::new` builds the cell on the stack and copies it in with wide loads, which wait
/// for the narrow stores that just wrote the cell: in list-building loops that copy cost
/// more than the allocation.)
#[inline(always)]
pub(super) fn new_cons(head: Term, tail: Term) -> triomphe::Arc<Cons> {
    let mut cell = triomphe::UniqueArc::<Cons>::new_uninit();
    cell.write(Cons { head, tail });
    // SAFETY: `write` has just initialized the whole cell, which is all `assume_init`
    // requires.
    unsafe { triomphe::UniqueArc::assume_init(cell) }.shareable()
}
