//! Terms: the immutable values every Erlang program computes with.
//!
//! A [`Term`] is a 16-byte enum. Immediates (small integers, floats, atoms, `[]`, local pids
//! and references) live inline; everything else is an `Arc`-shared box, so copying a term
//! (into a message, a tuple, another process) is O(1) and never deep. There is no garbage
//! collector: reference counts free terms, and long lists are dropped iteratively.
//!
//! This module knows nothing about processes or the interpreter: it is the value layer.
//! Term order and hashing live in `order.rs`, printing in `print.rs`, the external term
//! format in `etf.rs`.

mod atom;
mod bits;
pub mod etf;
pub mod external;
pub mod floats;
pub mod format;
mod fun;
pub mod hash;
mod map;
mod map_hash;
mod order;
mod pretty;
pub mod print;
mod raw;
mod tuple;

pub use atom::{atoms, Atom, AtomError, MAX_ATOM_CHARS};
pub use bits::BitWriter;
pub use bits::Bitstring;
pub use external::{ExternalPid, ExternalRef, NodeId};
pub use floats::{float_to_list, FloatOpts};
pub use fun::{ForeignFun, Fun, FunKind};
pub use hash::{phash, phash2, phash2_range};
pub use map::Map;
pub use order::{cmp_terms, eq_coerce};
pub use tuple::{Tuple, TupleElems};
#[cfg_attr(loom, allow(unused_imports))]
pub(crate) use tuple::{TUPLE_ELEMENTS_OFFSET, TUPLE_LEN_OFFSET};

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
use std::sync::Arc;

/// An Erlang value.
///
/// `repr(u8)` fixes the layout that native code reads and writes (see `crate::jit`): the
/// variant's tag in the first byte, in declaration order from 0, and its payload at offset 8.
#[repr(u8)]
pub enum Term {
    /// An integer that fits in 64 bits.
    Int(i64),
    /// An integer that does not fit in 64 bits (always normalized: never fits in `Int`).
    Big(Arc<BigInt>),
    /// A float (never NaN or infinite: arithmetic that would produce one raises `badarith`).
    Float(FloatBits),
    /// An atom.
    Atom(Atom),
    /// The empty list `[]`.
    Nil,
    /// A list cell `[H | T]`.
    Cons(triomphe::Arc<Cons>),
    /// A tuple.
    Tuple(Tuple),
    /// A map.
    Map(Map),
    /// A binary or bitstring.
    Bits(Arc<Bitstring>),
    /// A fun (closure or export).
    Fun(Arc<Fun>),
    /// A process identifier.
    Pid(Pid),
    /// A reference.
    Ref(Ref),
}

const _: () = assert!(std::mem::size_of::<Term>() == 16);
const _: () = assert!(std::mem::size_of::<Option<Term>>() == 16);

/// A float held as its bit pattern.
///
/// Every payload of [`Term`] is one 64-bit integer or pointer (an atom's index is widened
/// for the same reason). That makes `Term` a pair of scalars to the compiler: it travels in
/// two machine registers, and a copy is two word moves. With an `f64` payload it would be a
/// 16-byte aggregate, copied by vector loads that stall when they read back a term just
/// written as a tag and a payload.
#[derive(Clone, Copy)]
pub struct FloatBits(u64);

impl FloatBits {
    /// The float's value.
    #[inline(always)]
    pub fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl std::fmt::Debug for FloatBits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl Clone for Term {
    /// Immediates are copied without dispatching on the variant; boxes bump their count.
    #[inline(always)]
    fn clone(&self) -> Term {
        match raw::copy_immediate(self) {
            Some(t) => t,
            None => self.clone_box(),
        }
    }
}

impl Term {
    /// Makes the tuples in this literal (at any depth, in tuples and lists) module
    /// literals, whose reference counts never change (see [`Tuple::make_literal`]). A
    /// module's literal tuples then stay allocated after the module is purged: processes
    /// may hold them without a count.
    pub(crate) fn make_literal(&self) {
        let mut t = self;
        loop {
            match t {
                Term::Tuple(tuple) => {
                    for e in tuple.iter() {
                        e.make_literal();
                    }
                    tuple.make_literal();
                    return;
                }
                Term::Cons(c) => {
                    c.head.make_literal();
                    t = &c.tail;
                }
                _ => return,
            }
        }
    }

    /// The general clone (boxes; immediates never get here from `clone`).
    #[inline(never)]
    fn clone_box(&self) -> Term {
        match self {
            Term::Big(b) => Term::Big(b.clone()),
            Term::Cons(c) => Term::Cons(c.clone()),
            Term::Tuple(t) => Term::Tuple(t.clone()),
            Term::Map(m) => Term::Map(m.clone()),
            Term::Bits(b) => Term::Bits(b.clone()),
            Term::Fun(f) => Term::Fun(f.clone()),
            Term::Int(i) => Term::Int(*i),
            Term::Float(f) => Term::Float(*f),
            Term::Atom(a) => Term::Atom(*a),
            Term::Nil => Term::Nil,
            Term::Pid(p) => Term::Pid(*p),
            Term::Ref(r) => Term::Ref(*r),
        }
    }
}

/// A list cell.
pub struct Cons {
    /// The first element.
    pub head: Term,
    /// The rest of the list (`[]` for the last cell of a proper list).
    pub tail: Term,
}

impl Drop for Cons {
    /// Drops the tail chain in a loop rather than by recursion, so that a list of any
    /// length can be freed without exhausting the stack.
    fn drop(&mut self) {
        // Only a tail this cell owns alone can start a chain of frees; anything else (a
        // shared tail, `[]`, an improper tail) is dropped normally.
        if !matches!(&self.tail, Term::Cons(c) if c.is_unique()) {
            return;
        }
        let mut tail = std::mem::replace(&mut self.tail, Term::Nil);
        while let Term::Cons(cell) = tail {
            match triomphe::Arc::try_unwrap(cell) {
                Ok(mut cell) => tail = std::mem::replace(&mut cell.tail, Term::Nil),
                Err(_) => break,
            }
        }
    }
}

/// A process identifier. A local one is a slot index and the generation of that slot; one
/// of another node is an index into the table of remote pids (see `external.rs`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Pid(pub u64);

impl Pid {
    /// The largest serial a local pid holds (the top bit marks pids of other nodes).
    pub const MAX_SERIAL: u32 = 0x7fff_ffff;

    /// Makes a local pid from a slot index and a serial (generation, at most
    /// [`Pid::MAX_SERIAL`]: higher bits are dropped).
    pub fn new(index: u32, serial: u32) -> Pid {
        Pid((((serial & Pid::MAX_SERIAL) as u64) << 32) | index as u64)
    }
    /// The slot index.
    pub fn index(self) -> u32 {
        self.0 as u32
    }
    /// The slot's generation when the process was made.
    pub fn serial(self) -> u32 {
        (self.0 >> 32) as u32
    }
}

/// A reference: a number unique within this node (below 2^63), or an index into the table
/// of other nodes' references (see `external.rs`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Ref(pub u64);

impl Term {
    /// `[]`.
    pub const NIL: Term = Term::Nil;

    /// A float term.
    #[inline(always)]
    pub const fn float(f: f64) -> Term {
        Term::Float(FloatBits(f.to_bits()))
    }

    /// The atom `true` or `false`.
    pub fn bool(b: bool) -> Term {
        Term::Atom(if b { atoms::TRUE } else { atoms::FALSE })
    }

    /// An atom from its name.
    pub fn atom(name: &str) -> Term {
        Term::Atom(Atom::new(name))
    }

    /// An integer from a big integer, normalized to `Int` when it fits.
    pub fn from_bigint(b: BigInt) -> Term {
        match b.to_i64() {
            Some(i) => Term::Int(i),
            None => Term::Big(Arc::new(b)),
        }
    }

    /// An integer term from an i128.
    pub fn from_i128(i: i128) -> Term {
        match i64::try_from(i) {
            Ok(i) => Term::Int(i),
            Err(_) => Term::Big(Arc::new(BigInt::from(i))),
        }
    }

    /// A tuple term.
    #[inline]
    pub fn tuple(elems: impl TupleElems) -> Term {
        Term::Tuple(Tuple::new(elems))
    }

    /// A list cell.
    pub fn cons(head: Term, tail: Term) -> Term {
        Term::Cons(raw::new_cons(head, tail))
    }

    /// A proper list of the given elements.
    pub fn list(elems: Vec<Term>) -> Term {
        Term::list_with_tail(elems, Term::Nil)
    }

    /// A list of the given elements ending in `tail`.
    pub fn list_with_tail(elems: Vec<Term>, tail: Term) -> Term {
        let mut acc = tail;
        for e in elems.into_iter().rev() {
            acc = Term::cons(e, acc);
        }
        acc
    }

    /// A list of clones of `elems`, ending in `tail` (for a builder that reuses its buffer).
    pub fn list_from_slice(elems: &[Term], tail: Term) -> Term {
        elems.iter().rev().fold(tail, |acc, e| Term::cons(e.clone(), acc))
    }

    /// A list of character codes (an Erlang string).
    pub fn string(s: &str) -> Term {
        let chars: Vec<Term> = s.chars().map(|c| Term::Int(c as i64)).collect();
        Term::list(chars)
    }

    /// A binary holding `bytes`.
    pub fn binary(bytes: Vec<u8>) -> Term {
        Term::Bits(Arc::new(Bitstring::from_bytes(bytes)))
    }

    /// True for `true`, false for `false`, None otherwise.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Term::Atom(a) if *a == atoms::TRUE => Some(true),
            Term::Atom(a) if *a == atoms::FALSE => Some(false),
            _ => None,
        }
    }

    /// The atom, if this is one.
    pub fn as_atom(&self) -> Option<Atom> {
        match self {
            Term::Atom(a) => Some(*a),
            _ => None,
        }
    }

    /// The integer, if this is a small one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Term::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The integer as a big integer, if this is an integer.
    pub fn as_bigint(&self) -> Option<BigInt> {
        match self {
            Term::Int(i) => Some(BigInt::from(*i)),
            Term::Big(b) => Some((**b).clone()),
            _ => None,
        }
    }

    /// The tuple's elements, if this is a tuple.
    pub fn as_tuple(&self) -> Option<&[Term]> {
        match self {
            Term::Tuple(t) => Some(t),
            _ => None,
        }
    }

    /// The bitstring, if this is one.
    pub fn as_bits(&self) -> Option<&Bitstring> {
        match self {
            Term::Bits(b) => Some(b),
            _ => None,
        }
    }

    /// The bytes of a binary (a bitstring of whole bytes).
    pub fn as_binary(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        match self {
            Term::Bits(b) if b.bit_len() % 8 == 0 => Some(b.to_bytes()),
            _ => None,
        }
    }

    /// Is this an integer (small or big)?
    pub fn is_integer(&self) -> bool {
        matches!(self, Term::Int(_) | Term::Big(_))
    }

    /// Is this a number?
    pub fn is_number(&self) -> bool {
        matches!(self, Term::Int(_) | Term::Big(_) | Term::Float(_))
    }

    /// Is this `[]` or a list cell?
    pub fn is_list(&self) -> bool {
        matches!(self, Term::Nil | Term::Cons(_))
    }

    /// Is this a binary (whole bytes)?
    pub fn is_binary(&self) -> bool {
        matches!(self, Term::Bits(b) if b.bit_len() % 8 == 0)
    }

    /// Is this the atom `a`?
    pub fn is_atom(&self, a: Atom) -> bool {
        matches!(self, Term::Atom(x) if *x == a)
    }

    /// Iterates over the elements of a list; `ListIter::tail` tells how it ended.
    pub fn iter_list(&self) -> ListIter<'_> {
        ListIter { cur: self }
    }

    /// The elements of a proper list, or None for anything else.
    pub fn list_to_vec(&self) -> Option<Vec<Term>> {
        // Counted first (which also proves the list proper): a vector of the exact size
        // costs one allocation, where growing one costs a reallocation and a copy at every
        // doubling.
        let mut out = Vec::with_capacity(self.list_len()?);
        out.extend(self.iter_list().cloned());
        Some(out)
    }

    /// The length of a proper list.
    pub fn list_len(&self) -> Option<usize> {
        let mut n = 0;
        let mut it = self.iter_list();
        for _ in it.by_ref() {
            n += 1;
        }
        matches!(it.cur, Term::Nil).then_some(n)
    }

    /// The characters of a proper list of Unicode code points.
    pub fn list_to_string(&self) -> Option<String> {
        let mut s = String::new();
        let mut it = self.iter_list();
        for t in it.by_ref() {
            let c = t.as_int().and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32)?;
            s.push(c);
        }
        matches!(it.cur, Term::Nil).then_some(s)
    }

    /// The number as an f64, if this is a number (big integers may round or overflow to
    /// infinity; callers check).
    pub fn to_f64(&self) -> Option<f64> {
        match self {
            Term::Int(i) => Some(*i as f64),
            Term::Big(b) => Some(b.to_f64().unwrap_or(if b.is_negative() { f64::NEG_INFINITY } else { f64::INFINITY })),
            Term::Float(f) => Some(f.get()),
            _ => None,
        }
    }

    /// Does the term own a reference count (a box)? Immediates need no drop.
    #[inline(always)]
    pub fn is_boxed(&self) -> bool {
        !matches!(self, Term::Int(_) | Term::Float(_) | Term::Atom(_) | Term::Nil | Term::Pid(_) | Term::Ref(_))
    }

    /// Replaces `*slot` with `v`, dropping the old value only if it is a box (the common
    /// immediate case skips the drop code entirely).
    #[inline(always)]
    pub fn store(slot: &mut Term, v: Term) {
        if let Err(v) = raw::overwrite_immediate(slot, v) {
            *slot = v;
        }
    }

    /// Shortens `v` to `len` elements, dropping only the boxed ones.
    #[inline]
    pub fn truncate(v: &mut Vec<Term>, len: usize) {
        // Popping costs a length check and a tag test per term (a drain would set up an
        // iterator and move the tail back on drop, for nothing here).
        while v.len() > len {
            if let Some(t) = v.pop() {
                if t.is_boxed() {
                    drop(t);
                } else {
                    std::mem::forget(t);
                }
            }
        }
    }

    /// A short name of the term's type, for diagnostics.
    pub fn type_name(&self) -> &'static str {
        match self {
            Term::Int(_) | Term::Big(_) => "integer",
            Term::Float(_) => "float",
            Term::Atom(_) => "atom",
            Term::Nil | Term::Cons(_) => "list",
            Term::Tuple(_) => "tuple",
            Term::Map(_) => "map",
            Term::Bits(_) => "bitstring",
            Term::Fun(_) => "fun",
            Term::Pid(_) => "pid",
            Term::Ref(_) => "reference",
        }
    }
}

/// An iterator over a list's elements by reference.
pub struct ListIter<'a> {
    cur: &'a Term,
}

impl<'a> ListIter<'a> {
    /// What remains: `[]` after a proper list, the improper tail otherwise.
    pub fn tail(&self) -> &'a Term {
        self.cur
    }
}

impl<'a> Iterator for ListIter<'a> {
    type Item = &'a Term;
    fn next(&mut self) -> Option<&'a Term> {
        match self.cur {
            Term::Cons(c) => {
                self.cur = &c.tail;
                Some(&c.head)
            }
            _ => None,
        }
    }
}

impl From<i64> for Term {
    fn from(i: i64) -> Term {
        Term::Int(i)
    }
}

impl From<Atom> for Term {
    fn from(a: Atom) -> Term {
        Term::Atom(a)
    }
}

impl std::fmt::Debug for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&print::write_term(self))
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&print::write_term(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Term>(), 16);
    }

    #[test]
    fn dropping_a_ten_million_element_list_does_not_overflow() {
        let mut l = Term::Nil;
        for i in 0..10_000_000 {
            l = Term::cons(Term::Int(i), l);
        }
        assert_eq!(l.list_len(), Some(10_000_000));
        drop(l);
    }

    #[test]
    fn lists_round_trip() {
        let l = Term::list(vec![Term::Int(1), Term::atom("a")]);
        assert_eq!(l.list_to_vec().map(|v| v.len()), Some(2));
        let improper = Term::list_with_tail(vec![Term::Int(1)], Term::Int(2));
        assert_eq!(improper.list_to_vec().map(|v| v.len()), None);
        assert_eq!(Term::string("hé").list_to_string().as_deref(), Some("hé"));
    }
}
