//! Tuples: one allocation holding a reference count, the length and the elements.
//!
//! Written here rather than taken from a general thin `Arc`: a message tuple is made and
//! freed at every hop of a message ring, and the general one made it through an iterator
//! path that checks the length at each element and freed it through the drop glue of
//! each element (about 150 instructions to make a pair and 180 to free it). Here the
//! elements are written in one loop, and freeing skips the immediates, which own nothing.

use super::Term;
use std::alloc::{self, Layout};
use std::ptr::{self, NonNull};
use std::sync::atomic::{self, AtomicUsize, Ordering};

/// The start of a tuple's allocation; the elements follow it.
#[repr(C)]
struct Header {
    count: AtomicUsize,
    len: usize,
}

/// A tuple: a shared pointer to its elements (`repr(transparent)`: native code reads the
/// pointer, the length at `TUPLE_LEN_OFFSET` and the elements at `TUPLE_ELEMENTS_OFFSET`).
#[repr(transparent)]
pub struct Tuple(NonNull<Header>);

// SAFETY: a tuple is immutable once made, its elements are `Term`s (which are `Send` and
// `Sync`), and its reference count is atomic: sharing and sending it between threads is
// what `Arc<[Term]>` allows too.
unsafe impl Send for Tuple {}
// SAFETY: as above.
unsafe impl Sync for Tuple {}

/// Where the elements start: right after the header, which is a whole number of
/// elements' alignment long.
const OFFSET: usize = std::mem::size_of::<Header>();
const _: () = assert!(OFFSET.is_multiple_of(std::mem::align_of::<Term>()));
const _: () = assert!(std::mem::align_of::<Term>() <= std::mem::align_of::<Header>());

/// Where a tuple's length is, from the start of its allocation (for native code, which the
/// loom build has none of).
#[cfg_attr(loom, allow(dead_code))]
pub(crate) const TUPLE_LEN_OFFSET: usize = std::mem::offset_of!(Header, len);
/// Where its first element is.
#[cfg_attr(loom, allow(dead_code))]
pub(crate) const TUPLE_ELEMENTS_OFFSET: usize = OFFSET;

/// The layout of a tuple of `len` elements (the header, then the elements at `OFFSET`).
fn layout(len: usize) -> Layout {
    // A tuple has at most as many elements as the memory holding their sources could, so
    // the size computation does not overflow; if it did, it fails as an allocation would.
    len.checked_mul(std::mem::size_of::<Term>())
        .and_then(|n| n.checked_add(OFFSET))
        .and_then(|size| Layout::from_size_align(size, std::mem::align_of::<Header>()).ok())
        .unwrap_or_else(|| alloc::handle_alloc_error(Layout::new::<Header>()))
}

/// What a tuple can be built from: a `Vec` of its elements, or an array of them.
pub trait TupleElems {
    /// The tuple of these elements, in order.
    fn into_tuple(self) -> Tuple;
}

impl<const N: usize> TupleElems for [Term; N] {
    #[inline]
    fn into_tuple(self) -> Tuple {
        Tuple::from_array(self)
    }
}

impl TupleElems for Vec<Term> {
    #[inline]
    fn into_tuple(self) -> Tuple {
        Tuple::from_exact_iter(self.into_iter())
    }
}

impl Tuple {
    /// Builds a tuple from its elements: a `Vec`, or an array (moved in with one copy).
    #[inline]
    pub fn new(elems: impl TupleElems) -> Tuple {
        elems.into_tuple()
    }

    /// Builds a tuple from a slice.
    pub fn from_slice(elems: &[Term]) -> Tuple {
        Tuple::from_exact_iter(elems.iter().cloned())
    }

    /// Builds a tuple from an iterator of known length, with one allocation. (An iterator
    /// that yields fewer elements than it said leaves `[]` in the rest; any more are not
    /// taken.)
    #[inline]
    pub fn from_exact_iter<I: ExactSizeIterator<Item = Term>>(elems: I) -> Tuple {
        let len = elems.len();
        let p = Tuple::alloc(len);
        // SAFETY: `alloc` made room for `len` elements at `OFFSET`, aligned for `Term` (see
        // `OFFSET`), and nothing else sees the memory until the tuple is returned. Every
        // element slot is written exactly once (by the iterator or with `[]`), so the
        // tuple is fully initialized when it is returned. Should the iterator panic, the
        // allocation leaks, which is safe.
        unsafe {
            let base = p.as_ptr().cast::<u8>().add(OFFSET).cast::<Term>();
            let mut n = 0;
            for t in elems.take(len) {
                base.add(n).write(t);
                n += 1;
            }
            while n < len {
                base.add(n).write(Term::Nil);
                n += 1;
            }
        }
        Tuple(p)
    }

    /// Builds a tuple from an array of its elements, moved into place in one copy.
    #[inline]
    pub fn from_array<const N: usize>(elems: [Term; N]) -> Tuple {
        let p = Tuple::alloc(N);
        // SAFETY: `alloc` made room for `N` elements at `OFFSET`, aligned for `Term` (see
        // `OFFSET`), and nothing else sees the memory yet; the array is moved in whole, so
        // every element is initialized once.
        unsafe { p.as_ptr().cast::<u8>().add(OFFSET).cast::<[Term; N]>().write(elems) };
        Tuple(p)
    }

    /// A new allocation for `len` elements, its header written (count 1), its elements not.
    #[inline]
    fn alloc(len: usize) -> NonNull<Header> {
        let layout = layout(len);
        // SAFETY: the layout is never zero-sized (it holds the header); `free` gives the
        // block back to the pool with the same layout.
        let raw = unsafe { crate::pool::alloc(layout) };
        let Some(p) = NonNull::new(raw.cast::<Header>()) else { alloc::handle_alloc_error(layout) };
        // SAFETY: a fresh allocation of `layout`, which starts with room for the header.
        unsafe { p.as_ptr().write(Header { count: AtomicUsize::new(1), len }) };
        p
    }

    /// Whether both are the same shared tuple.
    pub fn ptr_eq(&self, other: &Tuple) -> bool {
        self.0 == other.0
    }

    #[inline]
    fn header(&self) -> &Header {
        // SAFETY: the pointer came from `alloc`, which initialized the header, and
        // the allocation lives while any `Tuple` (this one included) points at it.
        unsafe { self.0.as_ref() }
    }

    /// The elements' first slot.
    #[inline]
    fn base(&self) -> *mut Term {
        // SAFETY: `OFFSET` is within the allocation (the header's size; the allocation
        // holds the header and then the elements).
        unsafe { self.0.as_ptr().cast::<u8>().add(OFFSET).cast::<Term>() }
    }
}

/// A reference count at or above this never changes: the tuple is a module's literal,
/// shared by every process that uses it and never freed (see [`Tuple::make_literal`]).
const LITERAL: usize = isize::MAX as usize + 1;

impl Tuple {
    /// Makes this tuple a literal: cloning and dropping it then write nothing (every
    /// process running a module shares its literals, and a count they all wrote would pass
    /// its cache line from core to core), and it is never freed. Only for a module's
    /// literal table, before the module is shared (see `Term::make_literal`).
    pub(crate) fn make_literal(&self) {
        self.header().count.store(LITERAL, Ordering::Relaxed);
    }
}

impl Clone for Tuple {
    #[inline]
    fn clone(&self) -> Tuple {
        if self.header().count.load(Ordering::Relaxed) >= LITERAL {
            return Tuple(self.0);
        }
        // Relaxed: a new reference is made from an existing one, which keeps the tuple
        // alive meanwhile (as `Arc` does).
        let old = self.header().count.fetch_add(1, Ordering::Relaxed);
        // More references than the address space holds means a leak of counts: stop
        // rather than let the count wrap around (as `Arc` does).
        if old > isize::MAX as usize {
            std::process::abort();
        }
        Tuple(self.0)
    }
}

impl Drop for Tuple {
    #[inline]
    fn drop(&mut self) {
        if self.header().count.load(Ordering::Relaxed) >= LITERAL {
            return;
        }
        // Release: this owner's reads of the elements come before the free by the last
        // owner, which acquires below.
        if self.header().count.fetch_sub(1, Ordering::Release) != 1 {
            return;
        }
        atomic::fence(Ordering::Acquire);
        self.free();
    }
}

impl Tuple {
    /// Frees the tuple, whose count has fallen to zero. Out of line: inlined, its loop
    /// would make every drop of any term save and restore registers for it.
    #[inline(never)]
    fn free(&mut self) {
        let len = self.header().len;
        let base = self.base();
        // SAFETY: the count fell to zero (the caller), so this is the last reference: no
        // other thread can read the elements or the header any more. Each element was
        // initialized when the tuple was made and is dropped once here (immediates own
        // nothing and are skipped); then the allocation is freed with the layout it was
        // made with, to the pool it came from. The caller, `drop`, never touches the
        // tuple again.
        unsafe {
            for i in 0..len {
                let t = base.add(i);
                if (*t).is_boxed() {
                    ptr::drop_in_place(t);
                }
            }
            crate::pool::dealloc(self.0.as_ptr().cast::<u8>(), layout(len));
        }
    }
}

impl std::ops::Deref for Tuple {
    type Target = [Term];
    #[inline]
    fn deref(&self) -> &[Term] {
        // SAFETY: the `len` elements from `base` were initialized when the tuple was made
        // (`from_exact_iter`, `from_array`), are never written again, and live as long as
        // `self` does.
        unsafe { std::slice::from_raw_parts(self.base(), self.header().len) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::Term;

    /// An iterator that claims more elements than it yields.
    struct Short(std::vec::IntoIter<Term>, usize);

    impl Iterator for Short {
        type Item = Term;
        fn next(&mut self) -> Option<Term> {
            self.0.next()
        }
    }

    impl ExactSizeIterator for Short {
        fn len(&self) -> usize {
            self.1
        }
    }

    impl std::iter::FusedIterator for Short {}

    impl Short {
        fn new(v: Vec<Term>, claimed: usize) -> Short {
            Short(v.into_iter(), claimed)
        }
    }

    #[test]
    fn arrays_iterators_and_slices_make_the_same_tuple() {
        let a = Tuple::from_array([Term::Int(1), Term::atom("x"), Term::list(vec![Term::Int(2)])]);
        let b = Tuple::from_exact_iter(vec![Term::Int(1), Term::atom("x"), Term::list(vec![Term::Int(2)])].into_iter());
        let c = Tuple::from_slice(&a);
        assert_eq!(&*a, &*b);
        assert_eq!(&*b, &*c);
        assert_eq!(a.len(), 3);
        assert!(!a.ptr_eq(&c));
        assert!(a.ptr_eq(&a.clone()));
        assert_eq!(Tuple::from_array::<0>([]).len(), 0);
    }

    #[test]
    fn literals_keep_their_count_and_their_elements() {
        let inner = Term::tuple([Term::Int(1)]);
        let lit = Term::list(vec![Term::tuple([inner, Term::atom("x")])]);
        lit.make_literal();
        let Term::Cons(cell) = &lit else { panic!("a list") };
        let Term::Tuple(outer) = &cell.head else { panic!("a tuple") };
        let Term::Tuple(nested) = &outer[0] else { panic!("a tuple") };
        for t in [outer, nested] {
            assert_eq!(t.header().count.load(Ordering::Relaxed), LITERAL, "marked at any depth");
            let copies: Vec<Tuple> = (0..3).map(|_| t.clone()).collect();
            drop(copies);
            assert_eq!(t.header().count.load(Ordering::Relaxed), LITERAL, "clones and drops write nothing");
        }
        // Dropping the last handle frees nothing: the elements stay readable.
        let keep = nested.clone();
        drop(lit);
        assert_eq!(&*keep, &[Term::Int(1)][..]);
    }

    #[test]
    fn an_iterator_short_of_its_length_leaves_nil() {
        let t = Tuple::from_exact_iter(Short::new(vec![Term::Int(7)], 3));
        assert_eq!(&*t, &[Term::Int(7), Term::Nil, Term::Nil][..]);
    }

    #[test]
    fn elements_are_freed_with_the_last_reference() {
        let inner = Term::list(vec![Term::Int(1)]);
        let Term::Cons(cell) = &inner else { panic!("a list") };
        let probe = cell.clone();
        let t = Tuple::from_array([inner.clone(), Term::Int(2)]);
        drop(inner);
        let u = t.clone();
        drop(t);
        assert_eq!(triomphe::Arc::count(&probe), 2, "the tuple still holds its element");
        drop(u);
        assert_eq!(triomphe::Arc::count(&probe), 1, "the element is freed with the tuple");
    }
}
