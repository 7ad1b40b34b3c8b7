//! BEAM's internal term hash, which places the keys of a map of more than 32 keys.
//!
//! OTP keeps such a map as a hash trie over this hash: four bits a level, lowest bits
//! first, and the same hash salted with the depth for levels past the first 32 bits. A
//! trie walked in slot order visits the keys sorted by their hashes with the nibbles
//! reversed, level by level; [`key_order`] is that order. Iterating, printing,
//! `maps:to_list/1` (which gives the reverse) and `term_to_binary/1` all follow it, so
//! ember keeps its large maps in it too (see `map.rs`).
//!
//! The hash is OTP 25's for every number, binary, bitstring, list, tuple and map built of
//! them, and for `true` and `false`. BEAM hashes other atoms by their index in its atom
//! table, which depends on everything the node loaded before; ember uses its own atom
//! index instead, so maps keyed by such atoms, pids, references or funs have a stable order
//! of their own, not BEAM's. Nested terms go through an explicit stack.

use super::hash::{
    block_hash, byte_run, hconst, H2, HCONST, HCONST_10, HCONST_11, HCONST_12, HCONST_13, HCONST_14, HCONST_15,
    HCONST_16, HCONST_7, HCONST_9,
};
use super::{atoms, Fun, FunKind, Term};
use std::cmp::Ordering;

const HCONST_8: u32 = hconst(8);
const HCONST_17: u32 = hconst(17);
const HCONST_18: u32 = hconst(18);
const HCONST_20: u32 = hconst(20);
const HCONST_21: u32 = hconst(21);
const HCONST_22: u32 = hconst(22);

/// Mixed into every internal hash, so that it differs from `phash2`.
const INTERNAL_SALT: u32 = 3_432_918_353;

/// BEAM's small integers have 60 bits; larger ones hash as big integers.
const SMALL_MIN: i64 = -(1 << 59);
const SMALL_MAX: i64 = (1 << 59) - 1;

/// A light mix of a type marker.
fn mark(st: &mut H2, konst: u32) {
    st.hash = (st.hash ^ konst).rotate_left(17);
}

/// An immediate, as BEAM's 64-bit tagged word.
fn word(st: &mut H2, w: u64) {
    st.hash2(w as u32, (w >> 32) as u32, HCONST);
}

/// Pending work, innermost last.
enum Work<'a> {
    Term(&'a Term),
    /// The tail of a list cell whose head was not a byte comes next, and is not a list.
    Cdr,
}

/// The tagged word of an atom. BEAM's atom table starts with `false` and `true`.
fn atom_word(a: super::Atom) -> u64 {
    let index = if a == atoms::FALSE {
        0
    } else if a == atoms::TRUE {
        1
    } else {
        u64::from(a.index()) + 2
    };
    (index << 6) | 0x0b
}

/// The internal hash of `t` at trie depth `depth` (0 for the first 32 bits).
pub(crate) fn map_hash(t: &Term, depth: u32) -> u32 {
    let salt = if depth == 0 {
        0
    } else {
        let mut s = H2 { hash: 0 };
        s.hash2(depth, 1, HCONST_22);
        s.hash
    };
    let mut st = H2 { hash: salt ^ INTERNAL_SALT };
    let mut stack: Vec<Work<'_>> = Vec::new();
    let mut next = Some(t);
    loop {
        let t = match next.take() {
            Some(t) => t,
            None => match stack.pop() {
                None => return st.hash,
                Some(Work::Cdr) => {
                    mark(&mut st, HCONST_18);
                    continue;
                }
                Some(Work::Term(t)) => t,
            },
        };
        match t {
            Term::Int(i) if (SMALL_MIN..=SMALL_MAX).contains(i) => word(&mut st, ((*i as u64) << 4) | 0xf),
            // Beyond BEAM's small integers: a big integer of one 64-bit digit.
            Term::Int(i) => {
                let m = i.unsigned_abs();
                st.hash2(m as u32, (m >> 32) as u32, if *i < 0 { HCONST_10 } else { HCONST_11 });
            }
            Term::Big(b) => st.big(b),
            Term::Float(f) => {
                // 0.0 and -0.0 are the same key.
                let bits = if f.get() == 0.0 { 0u64 } else { f.get().to_bits() };
                st.hash2(bits as u32, (bits >> 32) as u32, HCONST_12);
            }
            Term::Atom(a) => word(&mut st, atom_word(*a)),
            Term::Nil => word(&mut st, 0x3b),
            Term::Cons(_) => {
                // A run of bytes is packed four to a word; a cell with another head is
                // hashed as head, then tail.
                let (packed, count, cur) = byte_run(&mut st, t);
                if count > 0 {
                    st.hash2(packed, count, HCONST_22);
                }
                match cur {
                    Term::Cons(c) => {
                        mark(&mut st, HCONST_17);
                        stack.push(Work::Term(&c.tail));
                        if !matches!(c.tail, Term::Cons(_)) {
                            stack.push(Work::Cdr);
                        }
                        next = Some(&c.head);
                    }
                    rest => next = Some(rest),
                }
            }
            Term::Tuple(x) => {
                st.hash1(x.len() as u32, HCONST_9);
                for e in x.iter().rev() {
                    stack.push(Work::Term(e));
                }
            }
            Term::Map(m) => {
                st.hash1(m.len() as u32, HCONST_16);
                // A small map's pairs in key order; a large map's leaves from the last
                // slot of its trie to the first. (The stack takes them in reverse.)
                let pushed: Box<dyn Iterator<Item = (&Term, &Term)>> =
                    if m.is_large() { m.iter() } else { Box::new(m.iter().rev()) };
                for (k, v) in pushed {
                    stack.push(Work::Term(v));
                    stack.push(Work::Term(k));
                }
            }
            Term::Bits(b) => {
                let konst = HCONST_13.wrapping_add(st.hash);
                if b.bit_len() == 0 {
                    st.hash = konst;
                } else {
                    let bytes = b.to_bytes();
                    let (whole, rest) = (b.bit_len() / 8, b.bit_len() % 8);
                    st.hash = block_hash(&bytes[..whole], konst);
                    if rest > 0 {
                        st.hash2(rest as u32, u32::from(bytes[whole] >> (8 - rest)), HCONST_15);
                    }
                }
            }
            Term::Fun(f) => fun(&mut st, f, &mut stack),
            // Pids and references are hashed over ember's own fields.
            Term::Pid(p) => word(&mut st, (p.0 << 4) | 0x3),
            Term::Ref(r) => {
                st.hash1(r.0 as u32, HCONST_7);
                st.hash2((r.0 >> 32) as u32, 0, HCONST_8);
            }
        }
    }
}

fn fun<'a>(st: &mut H2, f: &'a Fun, stack: &mut Vec<Work<'a>>) {
    match &f.kind {
        FunKind::Export { function, arity } => {
            st.hash2(atom_word(f.module) as u32, atom_word(*function) as u32, HCONST_14);
            st.hash1(*arity, HCONST_14);
        }
        FunKind::Local { .. } | FunKind::Foreign(_) => {
            let (index, uniq, env) = f.closure().unwrap_or((0, 0, &[]));
            st.hash2(env.len() as u32, atom_word(f.module) as u32, HCONST_20);
            st.hash2(index, uniq, HCONST_21);
            for e in env.iter().rev() {
                stack.push(Work::Term(e));
            }
        }
    }
}

/// A hash with its nibbles reversed: the order in which a trie walk meets it.
fn trie_position(h: u32) -> u32 {
    let h = h.swap_bytes();
    ((h & 0x0f0f_0f0f) << 4) | ((h >> 4) & 0x0f0f_0f0f)
}

/// A large map key's position at the first trie level.
pub(crate) fn first_position(t: &Term) -> u32 {
    trie_position(map_hash(t, 0))
}

/// The order of two keys with the same first position: by the deeper levels' hashes,
/// and (for keys whose hashes never part, which BEAM assumes cannot happen) by term order.
pub(crate) fn deeper_order(a: &Term, b: &Term) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    for depth in 1..=8 {
        let o = trie_position(map_hash(a, depth)).cmp(&trie_position(map_hash(b, depth)));
        if o.is_ne() {
            return o;
        }
    }
    a.cmp(b)
}

/// The order of two keys in a large map.
#[cfg(test)]
pub(crate) fn key_order(a: &Term, b: &Term) -> Ordering {
    first_position(a).cmp(&first_position(b)).then_with(|| deeper_order(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_integers_hash_as_beam_does() {
        assert_eq!(map_hash(&Term::Int(1), 0), 0x9185_9556);
        assert_eq!(map_hash(&Term::Int(2), 0), 0x4b97_3e47);
        assert_eq!(map_hash(&Term::Int(0), 0), 0xd7d1_82c8);
        assert_eq!(map_hash(&Term::Int(-1), 0), 0x215c_6004);
    }

    #[test]
    fn other_terms_hash_as_beam_does() {
        assert_eq!(map_hash(&Term::Atom(atoms::FALSE), 0), 0xba1c_4b4c);
        assert_eq!(map_hash(&Term::Atom(atoms::TRUE), 0), 0x023e_e113);
        assert_eq!(map_hash(&Term::float(0.0), 0), 0xa5a2_08d3);
        assert_eq!(map_hash(&Term::float(-0.0), 0), 0xa5a2_08d3);
        assert_eq!(map_hash(&Term::string("abc"), 0), 0xf168_560f);
        assert_eq!(map_hash(&Term::binary(b"abc".to_vec()), 0), 0x11c7_fd0d);
        assert_eq!(map_hash(&Term::tuple([Term::Int(1), Term::Int(2)]), 0), 0x0e59_6bfe);
    }

    #[test]
    fn the_first_33_integers_take_beams_order() {
        let mut keys: Vec<Term> = (1..=33).map(Term::Int).collect();
        keys.sort_by(key_order);
        let got: Vec<i64> = keys.iter().filter_map(Term::as_int).collect();
        let beam = [
            16, 18, 5, 19, 27, 10, 24, 4, 21, 22, 17, 3, 8, 1, 7, 2, 14, 15, 20, 13, 6, 28, 25, 32, 9, 11, 31, 26, 30,
            29, 23, 12, 33,
        ];
        assert_eq!(got, beam);
    }

    #[test]
    fn keys_with_the_same_first_hash_part_at_the_next_level() {
        // Two integers whose hashes agree in all 32 bits of the first level.
        assert_eq!(map_hash(&Term::Int(40660), 0), map_hash(&Term::Int(59671), 0));
        assert_eq!(key_order(&Term::Int(59671), &Term::Int(40660)), Ordering::Less);
    }
}
