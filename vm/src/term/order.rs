//! Term order, equality and hashing, as Erlang defines them.
//!
//! `number < atom < reference < fun < port < pid < tuple < map < [] < list < bitstring`.
//! Rust's `Eq`/`Ord`/`Hash` on [`Term`] are the *exact* order (`=:=`; an integer sorts
//! before a float of the same value), which is also map key order. The language's `==`,
//! `<`, ... use [`cmp_terms`] with `exact = false`, where `1 == 1.0`.

use super::{Bitstring, Fun, FunKind, Map, Term};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive};
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

fn class(t: &Term) -> u8 {
    match t {
        Term::Int(_) | Term::Big(_) | Term::Float(_) => 0,
        Term::Atom(_) => 1,
        Term::Ref(_) => 2,
        Term::Fun(_) => 3,
        Term::Pid(_) => 5,
        Term::Tuple(_) => 6,
        Term::Map(_) => 7,
        Term::Nil => 8,
        Term::Cons(_) => 9,
        Term::Bits(_) => 10,
    }
}

/// Compares an integer with a float by their exact mathematical values.
fn cmp_int_float(i: &BigInt, f: f64) -> Ordering {
    if let Some(small) = i.to_i64() {
        if small.unsigned_abs() < (1u64 << 53) {
            return (small as f64).partial_cmp(&f).unwrap_or(Ordering::Equal);
        }
    }
    // Floats this large are integers: compare against the float's integer value, and if
    // equal, against its fractional part.
    let fl = f.floor();
    match BigInt::from_f64(fl) {
        Some(fi) => match i.cmp(&fi) {
            Ordering::Equal if f > fl => Ordering::Less,
            o => o,
        },
        None => Ordering::Equal,
    }
}

fn cmp_numbers(a: &Term, b: &Term, exact: bool) -> Ordering {
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => x.cmp(y),
        (Term::Float(x), Term::Float(y)) => x.get().partial_cmp(&y.get()).unwrap_or(Ordering::Equal),
        (Term::Float(_), _) => cmp_numbers(b, a, exact).reverse(),
        // In the exact order (map key order) every integer sorts before every float.
        (_, Term::Float(_)) if exact => Ordering::Less,
        (_, Term::Float(f)) => {
            let i = a.as_bigint().unwrap_or_default();
            cmp_int_float(&i, f.get())
        }
        _ => {
            let x = a.as_bigint().unwrap_or_default();
            let y = b.as_bigint().unwrap_or_default();
            x.cmp(&y)
        }
    }
}

fn cmp_bits(a: &Bitstring, b: &Bitstring) -> Ordering {
    if a.bit_len().is_multiple_of(8) && b.bit_len().is_multiple_of(8) {
        return a.to_bytes().cmp(&b.to_bytes());
    }
    let n = a.bit_len().min(b.bit_len());
    let mut i = 0;
    while i < n {
        let k = (n - i).min(64);
        match a.read_bits(i, k).cmp(&b.read_bits(i, k)) {
            Ordering::Equal => i += k,
            o => return o,
        }
    }
    a.bit_len().cmp(&b.bit_len())
}

fn cmp_maps(a: &Map, b: &Map, exact: bool) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    // Keys, then values, in map key order (a large map iterates in hash order).
    let (a, b) = (a.sorted(), b.sorted());
    let keys = a.iter().zip(b.iter()).map(|((ka, _), (kb, _))| cmp_terms(ka, kb, true));
    let values = a.iter().zip(b.iter()).map(|((_, va), (_, vb))| cmp_terms(va, vb, exact));
    keys.chain(values).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
}

fn cmp_funs(a: &Fun, b: &Fun) -> Ordering {
    match (&a.kind, &b.kind) {
        (FunKind::Export { function: fa, arity: aa }, FunKind::Export { function: fb, arity: ab }) => {
            a.module.as_str().cmp(b.module.as_str()).then(fa.as_str().cmp(fb.as_str())).then(aa.cmp(ab))
        }
        (FunKind::Export { .. }, _) => Ordering::Greater,
        (_, FunKind::Export { .. }) => Ordering::Less,
        _ => {
            let (Some((ia, ua, ea)), Some((ib, ub, eb))) = (a.closure(), b.closure()) else { return Ordering::Equal };
            a.module.as_str().cmp(b.module.as_str()).then(ia.cmp(&ib)).then(ua.cmp(&ub)).then_with(|| {
                ea.len().cmp(&eb.len()).then_with(|| {
                    for (x, y) in ea.iter().zip(eb.iter()) {
                        match cmp_terms(x, y, true) {
                            Ordering::Equal => {}
                            o => return o,
                        }
                    }
                    Ordering::Equal
                })
            })
        }
    }
}

/// Compares two terms in Erlang's term order. With `exact`, integers and floats of equal
/// value differ (the integer is smaller), as for `=:=` and map keys.
pub fn cmp_terms(a: &Term, b: &Term, exact: bool) -> Ordering {
    let mut a = a;
    let mut b = b;
    // Loop along list tails (and the last tuple element) so that long lists compare
    // without deep recursion.
    loop {
        let (ca, cb) = (class(a), class(b));
        if ca != cb {
            return ca.cmp(&cb);
        }
        match (a, b) {
            (Term::Cons(x), Term::Cons(y)) => {
                match cmp_terms(&x.head, &y.head, exact) {
                    Ordering::Equal => {}
                    o => return o,
                }
                a = &x.tail;
                b = &y.tail;
            }
            (Term::Tuple(x), Term::Tuple(y)) => {
                match x.len().cmp(&y.len()) {
                    Ordering::Equal => {}
                    o => return o,
                }
                if x.is_empty() {
                    return Ordering::Equal;
                }
                let n = x.len() - 1;
                for i in 0..n {
                    match cmp_terms(&x[i], &y[i], exact) {
                        Ordering::Equal => {}
                        o => return o,
                    }
                }
                a = &x[n];
                b = &y[n];
            }
            _ => return cmp_leaf(a, b, exact),
        }
    }
}

fn cmp_leaf(a: &Term, b: &Term, exact: bool) -> Ordering {
    match (a, b) {
        (Term::Atom(x), Term::Atom(y)) => {
            if x == y {
                Ordering::Equal
            } else {
                x.as_str().cmp(y.as_str())
            }
        }
        (Term::Nil, Term::Nil) => Ordering::Equal,
        (Term::Map(x), Term::Map(y)) => cmp_maps(x, y, exact),
        (Term::Bits(x), Term::Bits(y)) => cmp_bits(x, y),
        (Term::Fun(x), Term::Fun(y)) => cmp_funs(x, y),
        (Term::Pid(x), Term::Pid(y)) => super::external::cmp_pids(*x, *y),
        (Term::Ref(x), Term::Ref(y)) => super::external::cmp_refs(*x, *y),
        _ if class(a) == 0 => cmp_numbers(a, b, exact),
        _ => Ordering::Equal,
    }
}

/// Erlang's `==`: equal in term order, with `1 == 1.0`.
pub fn eq_coerce(a: &Term, b: &Term) -> bool {
    cmp_terms(a, b, false) == Ordering::Equal
}

impl PartialEq for Term {
    /// Exact equality (`=:=`).
    fn eq(&self, other: &Term) -> bool {
        exact_eq(self, other, 0)
    }
}

/// How deep [`exact_eq`] walks nested tuples and list heads before it hands the rest to
/// [`cmp_terms`] (which keeps its own stack on the heap).
const EQ_DEPTH: u32 = 32;

/// Exact equality by structure: immediates by value, tuples and lists element by element
/// (a shared cell is equal to itself without a look inside); anything else, or anything
/// nested deeper than [`EQ_DEPTH`], through the exact order.
fn exact_eq(a: &Term, b: &Term, depth: u32) -> bool {
    match (a, b) {
        (Term::Int(x), Term::Int(y)) => x == y,
        (Term::Atom(x), Term::Atom(y)) => x == y,
        (Term::Nil, Term::Nil) => true,
        (Term::Pid(x), Term::Pid(y)) => x == y,
        // Other nodes' references are interned (`external.rs`): equal ones share an index.
        (Term::Ref(x), Term::Ref(y)) => x == y,
        (Term::Tuple(x), Term::Tuple(y)) if depth < EQ_DEPTH => {
            // Atoms and small integers, the usual elements, are compared here rather than
            // by a call each.
            x.ptr_eq(y)
                || (x.len() == y.len()
                    && x.iter().zip(y.iter()).all(|(p, q)| match (p, q) {
                        (Term::Int(i), Term::Int(j)) => i == j,
                        (Term::Atom(i), Term::Atom(j)) => i == j,
                        _ => exact_eq(p, q, depth + 1),
                    }))
        }
        (Term::Cons(_), Term::Cons(_)) if depth < EQ_DEPTH => {
            let (mut p, mut q) = (a, b);
            loop {
                match (p, q) {
                    (Term::Cons(x), Term::Cons(y)) => {
                        if triomphe::Arc::ptr_eq(x, y) {
                            return true;
                        }
                        if !exact_eq(&x.head, &y.head, depth + 1) {
                            return false;
                        }
                        p = &x.tail;
                        q = &y.tail;
                    }
                    _ => return exact_eq(p, q, depth + 1),
                }
            }
        }
        // Integers are normalized (a big one never equals a small one) and an integer never
        // exactly equals a float, so terms of different kinds differ.
        _ if std::mem::discriminant(a) != std::mem::discriminant(b) => false,
        _ => cmp_terms(a, b, true) == Ordering::Equal,
    }
}

impl Eq for Term {}

impl PartialOrd for Term {
    fn partial_cmp(&self, other: &Term) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Term {
    /// Exact term order (map key order).
    fn cmp(&self, other: &Term) -> Ordering {
        cmp_terms(self, other, true)
    }
}

impl Hash for Term {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut t = self;
        loop {
            state.write_u8(class(t));
            match t {
                Term::Int(i) => i.hash(state),
                Term::Big(b) => b.hash(state),
                Term::Float(f) => (f.get() + 0.0).to_bits().hash(state),
                Term::Atom(a) => a.hash(state),
                Term::Nil => {}
                Term::Cons(c) => {
                    c.head.hash(state);
                    t = &c.tail;
                    continue;
                }
                Term::Tuple(x) => {
                    x.len().hash(state);
                    for e in x.iter() {
                        e.hash(state);
                    }
                }
                Term::Map(m) => {
                    m.len().hash(state);
                    for (k, v) in m.iter() {
                        k.hash(state);
                        v.hash(state);
                    }
                }
                Term::Bits(b) => {
                    b.bit_len().hash(state);
                    b.to_bytes().hash(state);
                }
                Term::Fun(f) => {
                    f.module.hash(state);
                    f.arity().hash(state);
                }
                Term::Pid(p) => p.hash(state),
                Term::Ref(r) => r.hash(state),
            }
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &[Term]) -> Vec<Term> {
        s.to_vec()
    }

    #[test]
    fn classes_follow_erlang_term_order() {
        let ordered = t(&[
            Term::Int(1),
            Term::atom("a"),
            Term::Ref(super::super::Ref(1)),
            Term::Pid(super::super::Pid::new(1, 0)),
            Term::tuple([]),
            Term::Map(Map::new()),
            Term::Nil,
            Term::list(vec![Term::Int(1)]),
            Term::binary(vec![]),
        ]);
        for w in ordered.windows(2) {
            assert_eq!(cmp_terms(&w[0], &w[1], false), Ordering::Less, "{:?} < {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn integers_and_floats_compare_by_value() {
        assert!(eq_coerce(&Term::Int(1), &Term::float(1.0)));
        assert_ne!(Term::Int(1), Term::float(1.0));
        assert_eq!(cmp_terms(&Term::Int(2), &Term::float(1.5), false), Ordering::Greater);
        let big = Term::from_bigint(BigInt::from(1u64 << 60) * 4);
        assert_eq!(cmp_terms(&big, &Term::float(1e30), false), Ordering::Less);
        assert_eq!(cmp_terms(&big, &Term::float(2f64.powi(62)), false), Ordering::Equal);
    }

    #[test]
    fn tuples_compare_by_size_first() {
        let a = Term::tuple([Term::Int(9)]);
        let b = Term::tuple([Term::Int(1), Term::Int(1)]);
        assert_eq!(cmp_terms(&a, &b, false), Ordering::Less);
    }

    #[test]
    fn long_lists_compare_without_recursion() {
        let a = Term::list((0..1_000_000).map(Term::Int).collect());
        let b = Term::list((0..1_000_000).map(Term::Int).collect());
        assert_eq!(a, b);
    }
}
