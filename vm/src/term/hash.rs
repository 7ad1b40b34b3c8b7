//! Erlang's portable term hashes: `erlang:phash2/1,2` and the older `erlang:phash/2`.
//!
//! Both are defined by BEAM's implementation, and these functions give the same values
//! as OTP 25 for numbers, atoms, lists, tuples, maps, binaries and bitstrings, and for
//! export funs. `phash2` mixes 32-bit words with Bob Jenkins' 96-bit mix (the "lookup2"
//! hash, also used for binary contents); `phash` is a multiplicative hash with a set of
//! fixed primes. Atoms hash by the classic `hashpjw` of their name, which BEAM keeps in
//! its atom table.
//!
//! Pids, references and local closures have no portable identity shared with BEAM. They
//! hash in BEAM's manner over ember's own fields, which gives stable values but not
//! BEAM's: a pid by its slot index, a reference by its low word (as `etf.rs` encodes it),
//! a closure by module, lambda index, `uniq` and captured values.
//!
//! Long lists are hashed in a loop along their tails, and nested terms through an
//! explicit stack, so no input can exhaust the native stack.

use super::{Bitstring, Fun, FunKind, Term};
use num_bigint::{BigInt, Sign};

/// Multiples of the golden ratio constant, as BEAM names them `HCONST`, `HCONST_2`, ...
pub(super) const fn hconst(n: u32) -> u32 {
    0x9e37_79b9u32.wrapping_mul(n)
}

pub(super) const HCONST: u32 = hconst(1);
const HCONST_2: u32 = hconst(2);
const HCONST_3: u32 = hconst(3);
pub(super) const HCONST_4: u32 = hconst(4);
const HCONST_5: u32 = hconst(5);
pub(super) const HCONST_7: u32 = hconst(7);
pub(super) const HCONST_9: u32 = hconst(9);
pub(super) const HCONST_10: u32 = hconst(10);
pub(super) const HCONST_11: u32 = hconst(11);
pub(super) const HCONST_12: u32 = hconst(12);
pub(super) const HCONST_13: u32 = hconst(13);
pub(super) const HCONST_14: u32 = hconst(14);
pub(super) const HCONST_15: u32 = hconst(15);
pub(super) const HCONST_16: u32 = hconst(16);
const HCONST_19: u32 = hconst(19);

/// The value BEAM mixes in for `[]` (its internal tag number for nil).
const NIL_DEF: u32 = 2;

/// Bob Jenkins' reversible mix of three 32-bit words.
#[inline]
fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    macro_rules! step {
        ($x:ident, $y:ident, $z:ident, $op:tt, $s:expr) => {
            *$x = $x.wrapping_sub(*$y).wrapping_sub(*$z);
            *$x ^= *$z $op $s;
        };
    }
    step!(a, b, c, >>, 13);
    step!(b, c, a, <<, 8);
    step!(c, a, b, >>, 13);
    step!(a, b, c, >>, 12);
    step!(b, c, a, <<, 16);
    step!(c, a, b, >>, 5);
    step!(a, b, c, >>, 3);
    step!(b, c, a, <<, 10);
    step!(c, a, b, >>, 15);
}

/// Jenkins' lookup2 hash of `k`, seeded with `initval`.
pub(super) fn block_hash(k: &[u8], initval: u32) -> u32 {
    let mut a = HCONST;
    let mut b = HCONST;
    let mut c = initval;
    let word = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let mut chunks = k.chunks_exact(12);
    for ch in chunks.by_ref() {
        a = a.wrapping_add(word(&ch[0..4]));
        b = b.wrapping_add(word(&ch[4..8]));
        c = c.wrapping_add(word(&ch[8..12]));
        mix(&mut a, &mut b, &mut c);
    }
    let rest = chunks.remainder();
    c = c.wrapping_add(k.len() as u32);
    // The last partial block: bytes 0..4 go to a, 4..8 to b and 8..11 to c, whose
    // lowest byte holds the length.
    for (i, &byte) in rest.iter().enumerate() {
        let v = u32::from(byte);
        match i {
            0..=3 => a = a.wrapping_add(v << (8 * i)),
            4..=7 => b = b.wrapping_add(v << (8 * (i - 4))),
            _ => c = c.wrapping_add(v << (8 * (i - 7))),
        }
    }
    mix(&mut a, &mut b, &mut c);
    c
}

/// The hash BEAM stores with each atom: `hashpjw` over the UTF-8 name, except that a
/// two-byte sequence for U+0080..U+00FF counts as its one Latin-1 byte.
pub(crate) fn atom_hash(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let mut h: u32 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let mut v = bytes[i];
        i += 1;
        if i < bytes.len() && (v & 0xfe) == 0xc2 && (bytes[i] & 0xc0) == 0x80 {
            v = (v << 6) | (bytes[i] & 0x3f);
            i += 1;
        }
        h = (h << 4).wrapping_add(u32::from(v));
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

/// Pending work for [`phash2`], innermost last.
enum Item<'a> {
    /// Hash this term into the running hash.
    Term(&'a Term),
    /// Hash these terms in order.
    Elems(&'a [Term]),
    /// A map key and value are done: fold their hash into the pair accumulator.
    MapPair,
    /// A map's pairs are done: restore the outer state and mix in the pairs.
    MapTail { hash: u32, xor_pairs: u32 },
}

/// The running state of [`phash2`] (and of the internal hash, `map_hash.rs`).
pub(super) struct H2 {
    pub(super) hash: u32,
}

impl H2 {
    pub(super) fn hash2(&mut self, x: u32, y: u32, konst: u32) {
        let mut a = konst.wrapping_add(x);
        let mut b = konst.wrapping_add(y);
        mix(&mut a, &mut b, &mut self.hash);
    }

    pub(super) fn hash1(&mut self, x: u32, konst: u32) {
        self.hash2(x, 0, konst);
    }

    fn small(&mut self, i: i64) {
        if (-(1i64 << 27)..(1i64 << 27)).contains(&i) {
            let y = i as i32;
            if y < 0 {
                // BEAM mixes negative numbers twice: once negated, once as is.
                self.hash1(y.wrapping_neg() as u32, HCONST);
            }
            self.hash1(y as u32, HCONST);
        } else {
            let m = i.unsigned_abs();
            let k = if i < 0 { HCONST_10 } else { HCONST_11 };
            self.hash2(m as u32, (m >> 32) as u32, k);
        }
    }

    pub(super) fn big(&mut self, b: &BigInt) {
        let k = if b.sign() == Sign::Minus { HCONST_10 } else { HCONST_11 };
        for d in b.magnitude().iter_u64_digits() {
            self.hash2(d as u32, (d >> 32) as u32, k);
        }
    }

    fn float(&mut self, f: f64) {
        // 0.0 and -0.0 hash alike.
        let bits = if f == 0.0 { 0 } else { f.to_bits() };
        self.hash2((bits >> 32) as u32, bits as u32, HCONST_12);
    }

    fn atom(&mut self, h: u32) {
        if self.hash == 0 {
            self.hash = h;
        } else {
            self.hash1(h, HCONST_3);
        }
    }

    fn nil(&mut self) {
        if self.hash == 0 {
            // What mixing NIL_DEF into a zero hash gives.
            self.hash = 3_468_870_702;
        } else {
            self.hash1(NIL_DEF, HCONST_2);
        }
    }

    fn bits(&mut self, b: &Bitstring) {
        let bytes = b.to_bytes();
        let whole = b.bit_len() / 8;
        let rest = b.bit_len() % 8;
        let seed = HCONST_13.wrapping_add(self.hash);
        if whole == 0 && rest == 0 {
            self.hash = seed;
            return;
        }
        self.hash = block_hash(&bytes[..whole], seed);
        if rest > 0 {
            let last = u32::from(bytes[whole] >> (8 - rest));
            self.hash2(rest as u32, last, HCONST_15);
        }
    }
}

/// `erlang:phash2(T, 2^32)`: the full 32-bit portable hash.
fn make_hash2(root: &Term) -> u32 {
    let mut st = H2 { hash: 0 };
    let mut xor_pairs: u32 = 0;
    let mut stack: Vec<Item<'_>> = vec![Item::Term(root)];
    while let Some(item) = stack.pop() {
        let mut t = match item {
            Item::Term(t) => t,
            Item::Elems(ts) => match ts.split_first() {
                Some((first, rest)) => {
                    if !rest.is_empty() {
                        stack.push(Item::Elems(rest));
                    }
                    first
                }
                None => continue,
            },
            Item::MapPair => {
                xor_pairs ^= st.hash;
                st.hash = 0;
                continue;
            }
            Item::MapTail { hash, xor_pairs: outer } => {
                st.hash = hash;
                st.hash1(xor_pairs, HCONST_19);
                xor_pairs = outer;
                continue;
            }
        };
        // Lists are walked here, cell by cell; only heads that are not bytes are
        // deferred to the stack.
        while let Term::Cons(_) = t {
            let (run, count, cur) = byte_run(&mut st, t);
            if count > 0 {
                st.hash1(run, HCONST_4);
            }
            match cur {
                Term::Cons(c) => {
                    stack.push(Item::Term(&c.tail));
                    t = &c.head;
                }
                _ => t = cur,
            }
        }
        match t {
            Term::Cons(_) => {}
            Term::Int(i) => st.small(*i),
            Term::Big(b) => st.big(b),
            Term::Float(f) => st.float(f.get()),
            Term::Atom(a) => st.atom(atom_hash(a.as_str())),
            Term::Nil => st.nil(),
            Term::Tuple(x) => {
                st.hash1(x.len() as u32, HCONST_9);
                if !x.is_empty() {
                    stack.push(Item::Elems(x));
                }
            }
            Term::Map(m) => {
                st.hash1(m.len() as u32, HCONST_16);
                if !m.is_empty() {
                    // Each pair is hashed from zero and the results combined with xor,
                    // so that the hash does not depend on the order of the pairs.
                    stack.push(Item::MapTail { hash: st.hash, xor_pairs });
                    st.hash = 0;
                    xor_pairs = 0;
                    let pairs: Vec<(&Term, &Term)> = m.iter().collect();
                    for (k, v) in pairs.into_iter().rev() {
                        stack.push(Item::MapPair);
                        stack.push(Item::Term(v));
                        stack.push(Item::Term(k));
                    }
                }
            }
            Term::Bits(b) => st.bits(b),
            Term::Fun(f) => hash2_fun(&mut st, f, &mut stack),
            Term::Pid(p) => st.hash1(p.parts().1, HCONST_5),
            Term::Ref(r) => st.hash1((r.0 & 0xfffff) as u32, HCONST_7),
        }
    }
    st.hash
}

/// Hashes the leading cells of list `t` whose heads are bytes, packed four to a word;
/// returns the bytes left over (packed, and how many) and where the run stopped: a cell
/// whose head is not a byte, or the list's end.
#[inline]
pub(super) fn byte_run<'a>(st: &mut H2, t: &'a Term) -> (u32, u32, &'a Term) {
    let (mut run, mut count) = (0u32, 0u32);
    let mut cur = t;
    while let Term::Cons(c) = cur {
        let Term::Int(b @ 0..=255) = c.head else { break };
        run = (run << 8).wrapping_add(b as u32);
        if count == 3 {
            st.hash1(run, HCONST_4);
            run = 0;
            count = 0;
        } else {
            count += 1;
        }
        cur = &c.tail;
    }
    (run, count, cur)
}

fn hash2_fun<'a>(st: &mut H2, f: &'a Fun, stack: &mut Vec<Item<'a>>) {
    let module = atom_hash(f.module.as_str());
    match &f.kind {
        FunKind::Export { function, arity } => {
            st.hash2(*arity, module, HCONST);
            st.hash1(atom_hash(function.as_str()), HCONST_14);
        }
        FunKind::Local { .. } | FunKind::Foreign(_) => {
            let (index, uniq, env) = f.closure().unwrap_or((0, 0, &[]));
            st.hash2(env.len() as u32, module, HCONST);
            st.hash2(index, uniq, HCONST);
            if !env.is_empty() {
                stack.push(Item::Elems(env));
            }
        }
    }
}

/// `erlang:phash2/1`: the portable hash in `0..2^27`.
pub fn phash2(t: &Term) -> u32 {
    make_hash2(t) & ((1 << 27) - 1)
}

/// `erlang:phash2/2`: the portable hash in `0..range`. A `range` of 0 stands for 2^32
/// (the full hash), which does not fit in a u32; callers reject a real 0 as `badarg`.
pub fn phash2_range(t: &Term, range: u32) -> u32 {
    let h = make_hash2(t);
    if range == 0 {
        h
    } else {
        h % range
    }
}

const FUNNY_NUMBER1: u32 = 268440163;
const FUNNY_NUMBER2: u32 = 268439161;
const FUNNY_NUMBER3: u32 = 268435459;
const FUNNY_NUMBER4: u32 = 268436141;
const FUNNY_NUMBER5: u32 = 268438633;
const FUNNY_NUMBER6: u32 = 268437017;
const FUNNY_NUMBER8: u32 = 268437511;
const FUNNY_NUMBER9: u32 = 268439627;
const FUNNY_NUMBER10: u32 = 268440479;
const FUNNY_NUMBER11: u32 = 268440577;
const FUNNY_NUMBER12: u32 = 268440581;
const FUNNY_NUMBER13: u32 = 268440593;
const FUNNY_NUMBER14: u32 = 268440611;

/// Pending work for [`phash`], innermost last.
enum Old<'a> {
    /// Hash this term.
    Term(&'a Term),
    /// Hash these terms in order.
    Elems(&'a [Term]),
    /// A tuple's elements are done: mix in its arity.
    TupleEnd(u32),
    /// Continue the list at this term, which follows a head that was not a byte.
    ListRest(&'a Term),
    /// A list's tail is done: mark the end of the list.
    ListEnd,
}

struct H1 {
    hash: u32,
}

impl H1 {
    fn step(&mut self, p: u32, v: u32) {
        self.hash = self.hash.wrapping_mul(p).wrapping_add(v);
    }

    /// The magnitude's little-endian bytes, padded to whole 32-bit words, then the sign.
    fn integer(&mut self, negative: bool, magnitude: &[u8]) {
        let words = magnitude.len().div_ceil(4).max(1);
        for i in 0..words * 4 {
            self.step(FUNNY_NUMBER2, u32::from(magnitude.get(i).copied().unwrap_or(0)));
        }
        self.hash = self.hash.wrapping_mul(if negative { FUNNY_NUMBER4 } else { FUNNY_NUMBER3 });
    }

    fn bits(&mut self, b: &Bitstring) {
        let bytes = b.to_bytes();
        let whole = b.bit_len() / 8;
        let rest = b.bit_len() % 8;
        for &x in &bytes[..whole] {
            self.step(FUNNY_NUMBER1, u32::from(x));
        }
        if rest > 0 {
            self.step(FUNNY_NUMBER1, u32::from(bytes[whole] >> (8 - rest)));
            self.step(FUNNY_NUMBER12, rest as u32);
        }
        self.step(FUNNY_NUMBER4, whole as u32);
    }
}

/// The full 32-bit value of BEAM's old `make_hash`.
fn make_hash(root: &Term) -> u32 {
    let mut st = H1 { hash: 0 };
    let mut stack: Vec<Old<'_>> = vec![Old::Term(root)];
    while let Some(item) = stack.pop() {
        let t = match item {
            Old::Term(t) => t,
            Old::Elems(ts) => match ts.split_first() {
                Some((first, rest)) => {
                    if !rest.is_empty() {
                        stack.push(Old::Elems(rest));
                    }
                    first
                }
                None => continue,
            },
            Old::TupleEnd(n) => {
                st.step(FUNNY_NUMBER9, n);
                continue;
            }
            Old::ListEnd => {
                st.hash = st.hash.wrapping_mul(FUNNY_NUMBER8);
                continue;
            }
            Old::ListRest(rest) => {
                if let Term::Cons(_) = rest {
                    old_list(&mut st, rest, &mut stack);
                } else {
                    stack.push(Old::ListEnd);
                    stack.push(Old::Term(rest));
                }
                continue;
            }
        };
        match t {
            Term::Nil => st.step(FUNNY_NUMBER3, 1),
            Term::Atom(a) => st.step(FUNNY_NUMBER1, atom_hash(a.as_str())),
            Term::Int(i) => {
                let m = i.unsigned_abs();
                let len = 8 - (m.leading_zeros() / 8) as usize;
                st.integer(*i < 0, &m.to_le_bytes()[..len]);
            }
            Term::Big(b) => {
                let (sign, mag) = b.to_bytes_le();
                st.integer(sign == Sign::Minus, &mag);
            }
            Term::Float(f) => {
                let bits = if f.get() == 0.0 { 0 } else { f.get().to_bits() };
                st.step(FUNNY_NUMBER6, (bits as u32) ^ ((bits >> 32) as u32));
            }
            Term::Bits(b) => st.bits(b),
            Term::Cons(_) => old_list(&mut st, t, &mut stack),
            Term::Tuple(x) => {
                stack.push(Old::TupleEnd(x.len() as u32));
                if !x.is_empty() {
                    stack.push(Old::Elems(x));
                }
            }
            Term::Map(_) => {
                let inner = make_hash2(t);
                st.hash = st.hash.wrapping_mul(FUNNY_NUMBER13).wrapping_add(FUNNY_NUMBER14).wrapping_add(inner);
            }
            Term::Fun(f) => {
                let module = atom_hash(f.module.as_str());
                match &f.kind {
                    FunKind::Export { function, arity } => {
                        st.step(FUNNY_NUMBER11, *arity);
                        st.step(FUNNY_NUMBER1, module);
                        st.step(FUNNY_NUMBER1, atom_hash(function.as_str()));
                    }
                    FunKind::Local { .. } | FunKind::Foreign(_) => {
                        let (index, uniq, env) = f.closure().unwrap_or((0, 0, &[]));
                        st.step(FUNNY_NUMBER10, env.len() as u32);
                        st.step(FUNNY_NUMBER1, module);
                        st.step(FUNNY_NUMBER2, index);
                        st.step(FUNNY_NUMBER2, uniq);
                        if !env.is_empty() {
                            stack.push(Old::Elems(env));
                        }
                    }
                }
            }
            Term::Pid(p) => {
                uint32_bytes(&mut st, p.parts().1, FUNNY_NUMBER5);
                st.hash = st.hash.wrapping_mul(FUNNY_NUMBER6);
            }
            Term::Ref(r) => {
                uint32_bytes(&mut st, (r.0 & 0xfffff) as u32, FUNNY_NUMBER9);
                st.hash = st.hash.wrapping_mul(FUNNY_NUMBER10);
            }
        }
    }
    st.hash
}

/// Mixes the four bytes of `x`, least significant first.
fn uint32_bytes(st: &mut H1, x: u32, p: u32) {
    for k in 0..4 {
        st.step(p, (x >> (8 * k)) & 0xff);
    }
}

/// Hashes the list cells from `t` on: runs of bytes directly, and the first head that
/// is not a byte by deferring it (with the rest of the list after it) to the stack.
fn old_list<'a>(st: &mut H1, t: &'a Term, stack: &mut Vec<Old<'a>>) {
    let mut cur = t;
    while let Term::Cons(c) = cur {
        match c.head {
            Term::Int(b) if (0..=255).contains(&b) => {
                st.step(FUNNY_NUMBER2, b as u32);
                cur = &c.tail;
            }
            _ => {
                stack.push(Old::ListRest(&c.tail));
                stack.push(Old::Term(&c.head));
                return;
            }
        }
    }
    stack.push(Old::ListEnd);
    stack.push(Old::Term(cur));
}

/// `erlang:phash/2`: the old portable hash in `1..=range`. A `range` of 0 stands for
/// 2^32, giving `1..=2^32`, hence the u64 result.
pub fn phash(t: &Term, range: u32) -> u64 {
    let h = make_hash(t);
    if range == 0 {
        u64::from(h) + 1
    } else {
        u64::from(h % range) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::{Atom, Bitstring, Map};
    use std::sync::Arc;

    fn a(s: &str) -> Term {
        Term::atom(s)
    }

    fn int(s: &str) -> Term {
        Term::from_bigint(s.parse::<BigInt>().unwrap())
    }

    fn bits(bytes: Vec<u8>, n: usize) -> Term {
        Term::Bits(Arc::new(Bitstring::from_bits(bytes, n)))
    }

    /// Checks `phash2/1`, `phash2(T, 2^32)`, `phash(T, 2^32)` and `phash2(T, 1000)`
    /// against the values OTP 25 gives.
    fn check(t: &Term, h2: u32, full: u32, old: u64, in1000: u32) {
        assert_eq!(
            (phash2(t), phash2_range(t, 0), phash(t, 0), phash2_range(t, 1000)),
            (h2, full, old, in1000),
            "hashing {t:?}"
        );
    }

    #[test]
    fn nil_constant_is_the_mix_of_nil_into_zero() {
        let mut st = H2 { hash: 0 };
        st.hash1(NIL_DEF, HCONST_2);
        assert_eq!(st.hash, 3_468_870_702);
    }

    #[test]
    fn integers_hash_as_in_otp() {
        check(&Term::Int(0), 88723725, 3175731469, 1, 469);
        check(&Term::Int(1), 2614250, 539485162, 2788898428, 162);
        check(&Term::Int(-1), 44071773, 1117813597, 1680185270, 597);
        check(&Term::Int(255), 44734653, 715823293, 2499495046, 293);
        check(&Term::Int(256), 37021655, 3929335767, 1920229268, 767);
        check(&Term::Int((1 << 27) - 1), 112602999, 4273352567, 1192343453, 567);
        check(&Term::Int(1 << 27), 12354923, 2562491755, 2147483673, 755);
        check(&Term::Int(-(1 << 27)), 69672967, 874979335, 2147489129, 335);
        check(&Term::Int(-(1 << 27) - 1), 76739502, 1418916782, 3827674398, 782);
        check(&Term::Int(1 << 59), 26969617, 2442888721, 2147483673, 721);
        check(&Term::Int(1 << 60), 31803508, 1373980788, 49, 788);
        check(&Term::Int(i64::MAX), 28179613, 2712534173, 966799625, 173);
        check(&Term::Int(i64::MIN), 126213383, 1736826119, 87681, 119);
        check(&int("18446744073709551616"), 103122609, 2519041713, 2788898428, 713);
        check(&int("1267650600228229401496703205376"), 126219984, 528873168, 1672701873, 168);
        check(&int("-1267650600228229401496703205376"), 124857544, 3614518472, 1113160529, 472);
    }

    #[test]
    #[allow(clippy::approx_constant, reason = "3.14 is a datum whose hashes erl computed, not pi")]
    fn floats_hash_as_in_otp() {
        check(&Term::float(0.0), 20875736, 423528920, 1, 920);
        check(&Term::float(-0.0), 20875736, 423528920, 1, 920);
        check(&Term::float(1.0), 77147068, 3029937084, 1072693249, 84);
        check(&Term::float(3.14), 107830559, 3731709215, 300063656, 215);
        check(&Term::float(-2.5), 63894875, 2479813979, 3221487617, 979);
    }

    #[test]
    fn atoms_hash_by_their_names() {
        check(&a("a"), 97, 97, 98, 97);
        check(&a(""), 0, 0, 1, 0);
        check(&a("héllo"), 7799599, 7799599, 7799600, 599);
        check(&a("\u{1F600}"), 1026304, 1026304, 1026305, 304);
    }

    #[test]
    fn lists_and_strings_hash_as_in_otp() {
        check(&Term::Nil, 113427502, 3468870702, 2, 702);
        check(&Term::string("a"), 49011133, 2733365693, 2953390077, 693);
        check(&Term::string("abc"), 117343302, 519996486, 3654580166, 486);
        check(&Term::string("abcd"), 7922743, 1752753207, 1938728202, 207);
        check(&Term::string("abcde"), 71169904, 2487089008, 721934915, 8);
        check(&Term::list_with_tail(vec![a("a")], a("b")), 74710280, 2356411656, 4159696708, 656);
        let mixed = Term::list_with_tail(
            vec![Term::Int(97), Term::Int(98), Term::Int(99)],
            Term::list_with_tail(vec![a("x")], Term::string("de")),
        );
        check(&mixed, 106280781, 240498509, 1014580887, 509);
        check(
            &Term::list_with_tail(vec![Term::Int(1), Term::Int(2)], Term::Int(3)),
            8851781,
            4169601349,
            265598415,
            349,
        );
        check(&Term::list(vec![Term::Nil]), 96416884, 499070068, 2952798237, 68);
        let seq = Term::list((1..=300).map(Term::Int).collect());
        check(&seq, 17099521, 3909413633, 4137644929, 633);
    }

    #[test]
    fn tuples_and_maps_hash_as_in_otp() {
        check(&Term::tuple([]), 87486268, 221703996, 1, 996);
        check(&Term::tuple([Term::Nil]), 30249041, 1775079505, 268439629, 505);
        let t = Term::tuple([Term::Int(1), Term::Int(2), Term::Int(3)]);
        check(&t, 28734975, 2847307263, 4267354534, 263);
        check(&Term::Map(Map::new()), 39679005, 844985373, 1113425985, 373);
        let m = Map::from_pairs(vec![(a("a"), Term::Int(1))]);
        check(&Term::Map(m), 59617982, 1401795262, 1670235874, 262);
        let m = Map::from_pairs(vec![(Term::Int(1), a("a")), (Term::float(1.0), a("b"))]);
        check(&Term::Map(m), 82145120, 2632281952, 2900722564, 952);
        // Larger than a flat map: BEAM's hash trie gives the same value.
        let m = Map::from_pairs((1..=40).map(|i| (Term::Int(i), Term::Int(i * i))).collect());
        check(&Term::Map(m), 37357662, 708446302, 976886914, 302);
        let nested = Term::tuple([
            Term::string("k"),
            Term::list(vec![Term::float(1.5), Term::binary(b"v".to_vec())]),
            Term::Map(Map::from_pairs(vec![(a("x"), Term::list(vec![a("y")]))])),
        ]);
        check(&nested, 79674938, 1556069946, 910188247, 946);
    }

    #[test]
    fn binaries_and_bitstrings_hash_as_in_otp() {
        check(&Term::binary(vec![]), 13708901, 147926629, 1, 629);
        check(&Term::binary(vec![1]), 76691218, 881997586, 268436143, 586);
        check(&Term::binary(b"hello world!".to_vec()), 25699699, 965223795, 625310646, 795);
        check(&Term::binary(b"hello world!!".to_vec()), 2064796, 2552201628, 3968928950, 628);
        check(&bits(vec![0x80], 1), 102233125, 3994547237, 808817679, 237);
        check(&bits(vec![0], 7), 116266720, 1055790816, 1879052988, 816);
        check(&bits(vec![255, 0xc0], 10), 29192568, 2042458488, 666579452, 488);
        // The same bits seen through an unaligned window hash alike.
        let whole = Bitstring::from_bytes(vec![0b0111_1111, 0b1110_0000]);
        let t = Term::Bits(Arc::new(whole.slice(1, 10)));
        check(&t, 29192568, 2042458488, 666579452, 488);
    }

    #[test]
    fn export_funs_hash_as_in_otp() {
        let f = Term::Fun(Arc::new(Fun {
            module: Atom::new("lists"),
            kind: FunKind::Export { function: Atom::new("map"), arity: 2 },
        }));
        check(&f, 34981515, 840287883, 904024396, 883);
    }

    #[test]
    fn long_lists_hash_without_recursion() {
        let seq = Term::list((1..=1_000_000).map(Term::Int).collect());
        assert_eq!(phash2(&seq), 54897218);
        assert_eq!(phash(&seq, 0), 4109716847);
        let xs = Term::list(vec![a("x"); 1_000_000]);
        assert_eq!(phash2(&xs), 47482368);
    }

    #[test]
    fn ranges_bound_the_result() {
        let t = Term::Int(12345);
        for r in [1, 2, 7, 1000, u32::MAX] {
            assert!(phash2_range(&t, r) < r);
            assert!((1..=u64::from(r)).contains(&phash(&t, r)));
        }
        assert_eq!(phash2_range(&t, 1), 0);
        assert_eq!(phash(&t, 1), 1);
    }
}
