//! The `unicode` module: converting chardata between encodings, byte order marks, and
//! Unicode normalization, as in OTP 25.
//!
//! OTP converts in two places, and programs can tell them apart by the `Rest` of an
//! `{error, Converted, Rest}` result. The runtime itself converts Latin-1 and UTF-8 input to
//! UTF-8 or to a list (erl_unicode.c); its rest is the unconverted data with the remainders
//! of the enclosing lists wrapped around it (`[[Rest | Inner] | Outer]`). Every other
//! encoding goes through Erlang code in unicode.erl, whose rest wraps a bad integer in a
//! list of its own (`[[Bad] | T]`), carries a character cut between two binaries over to
//! the next one, and cuts binaries longer than 8192 bytes in two. This file keeps both
//! algorithms, [`native`] and [`MlMap`], each with its own quirks, so that results match
//! OTP's term for term.
//!
//! Normalization takes its data from the `unicode-normalization` and `unicode-segmentation`
//! crates, pinned to their releases with Unicode 14 data, the version OTP 25 uses, rather
//! than from tables of our own. OTP normalizes one grapheme cluster at a time, and its
//! composition is not quite the standard one (see [`normalize_run`]), so the crate gives
//! decompositions, classes and pairs, and the composing follows OTP. The traversal that
//! finds where bad data stops a normalization follows OTP's `unicode_util`, so that its rest
//! has OTP's shape too.
//!
//! Not here: `unicode_util` itself (grapheme clusters, case mapping) and conversions that
//! stop to let other processes run (the runtime traps on long input; the result is the
//! same).

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::{atoms, Bitstring, Term};
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

/// `function_clause`, as the Erlang-written functions raise it for arguments they do not
/// match.
fn function_clause<T>() -> Result<T, Exception> {
    Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE)))
}

bifs! {
    "unicode", "characters_to_list", 1 => |_, a| characters_to_list(&a[0], Encoding::Utf8);
    "unicode", "characters_to_list", 2 => |_, a| match encoding(&a[1]) {
        Some(e) => characters_to_list(&a[0], e),
        None => badarg(),
    };
    "unicode", "characters_to_binary", 1 => |_, a| characters_to_binary(&a[0], Encoding::Utf8);
    "unicode", "characters_to_binary", 2 => |_, a| match encoding(&a[1]) {
        Some(e) => characters_to_binary(&a[0], e),
        None => badarg(),
    };
    "unicode", "characters_to_binary", 3 => |_, a| characters_to_binary_3(&a[0], &a[1], &a[2]);
    "unicode", "bin_is_7bit", 1 => |_, a| Ok(Term::bool(is_7bit(&a[0])));
    "unicode", "bom_to_encoding", 1 => |_, a| bom_to_encoding(&a[0]);
    "unicode", "encoding_to_bom", 1 => |_, a| match encoding(&a[0]) {
        Some(e) => Ok(Term::binary(e.bom().to_vec())),
        None => function_clause(),
    };
    "unicode", "characters_to_nfc_list", 1 => |_, a| normalize(&a[0], Form::Nfc, false);
    "unicode", "characters_to_nfd_list", 1 => |_, a| normalize(&a[0], Form::Nfd, false);
    "unicode", "characters_to_nfkc_list", 1 => |_, a| normalize(&a[0], Form::Nfkc, false);
    "unicode", "characters_to_nfkd_list", 1 => |_, a| normalize(&a[0], Form::Nfkd, false);
    "unicode", "characters_to_nfc_binary", 1 => |_, a| normalize(&a[0], Form::Nfc, true);
    "unicode", "characters_to_nfd_binary", 1 => |_, a| normalize(&a[0], Form::Nfd, true);
    "unicode", "characters_to_nfkc_binary", 1 => |_, a| normalize(&a[0], Form::Nfkc, true);
    "unicode", "characters_to_nfkd_binary", 1 => |_, a| normalize(&a[0], Form::Nfkd, true);
}

/// A character encoding as the `unicode` module names it (`unicode` is UTF-8).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Encoding {
    Latin1,
    Utf8,
    Utf16 { little: bool },
    Utf32 { little: bool },
}

fn encoding(t: &Term) -> Option<Encoding> {
    match t {
        Term::Atom(a) => match a.as_str() {
            "latin1" => Some(Encoding::Latin1),
            "unicode" | "utf8" => Some(Encoding::Utf8),
            "utf16" => Some(Encoding::Utf16 { little: false }),
            "utf32" => Some(Encoding::Utf32 { little: false }),
            _ => None,
        },
        Term::Tuple(t) => {
            let [Term::Atom(kind), Term::Atom(order)] = &t[..] else {
                return None;
            };
            let little = match order.as_str() {
                "big" => false,
                "little" => true,
                _ => return None,
            };
            match kind.as_str() {
                "utf16" => Some(Encoding::Utf16 { little }),
                "utf32" => Some(Encoding::Utf32 { little }),
                _ => None,
            }
        }
        _ => None,
    }
}

impl Encoding {
    fn bom(self) -> &'static [u8] {
        match self {
            Encoding::Latin1 => &[],
            Encoding::Utf8 => &[0xEF, 0xBB, 0xBF],
            Encoding::Utf16 { little: false } => &[0xFE, 0xFF],
            Encoding::Utf16 { little: true } => &[0xFF, 0xFE],
            Encoding::Utf32 { little: false } => &[0, 0, 0xFE, 0xFF],
            Encoding::Utf32 { little: true } => &[0xFF, 0xFE, 0, 0],
        }
    }

    /// Appends `cp` in this encoding; false if it has no encoding here (as `<<X/utf8>>`
    /// fails for surrogates, negative numbers and numbers past 16#10FFFF).
    fn encode(self, cp: i64, out: &mut Vec<u8>) -> bool {
        if self == Encoding::Latin1 {
            return match u8::try_from(cp) {
                Ok(b) => {
                    out.push(b);
                    true
                }
                Err(_) => false,
            };
        }
        let Some(c) = u32::try_from(cp).ok().and_then(char::from_u32) else {
            return false;
        };
        match self {
            Encoding::Latin1 | Encoding::Utf8 => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            Encoding::Utf16 { little } => {
                let mut buf = [0; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.extend_from_slice(&if little { unit.to_le_bytes() } else { unit.to_be_bytes() });
                }
            }
            Encoding::Utf32 { little } => {
                let v = c as u32;
                out.extend_from_slice(&if little { v.to_le_bytes() } else { v.to_be_bytes() });
            }
        }
        true
    }
}

fn is_7bit(t: &Term) -> bool {
    match t {
        Term::Bits(b) if b.is_binary() => b.to_bytes().is_ascii(),
        _ => false,
    }
}

fn bom_to_encoding(t: &Term) -> BifResult {
    let bytes = match t {
        Term::Bits(b) if b.is_binary() => b.to_bytes(),
        _ => return function_clause(),
    };
    let pair = |enc: Term, len: i64| Ok(Term::tuple([enc, Term::Int(len)]));
    let utf = |kind: &str, order: &str| Term::tuple([Term::atom(kind), Term::atom(order)]);
    match &bytes[..] {
        [0xEF, 0xBB, 0xBF, ..] => pair(Term::Atom(atoms::UTF8), 3),
        [0, 0, 0xFE, 0xFF, ..] => pair(utf("utf32", "big"), 4),
        [0xFF, 0xFE, 0, 0, ..] => pair(utf("utf32", "little"), 4),
        [0xFE, 0xFF, ..] => pair(utf("utf16", "big"), 2),
        [0xFF, 0xFE, ..] => pair(utf("utf16", "little"), 2),
        _ => pair(Term::Atom(atoms::LATIN1), 0),
    }
}

/// How a conversion ended, besides what it converted.
enum End {
    Done,
    Error(Term),
    Incomplete(Term),
}

/// The `{error, Converted, Rest}` or `{incomplete, ...}` tuple, or `Converted` alone.
fn result(converted: Term, end: End) -> Term {
    match end {
        End::Done => converted,
        End::Error(rest) => Term::tuple([Term::atom("error"), converted, rest]),
        End::Incomplete(rest) => Term::tuple([Term::atom("incomplete"), converted, rest]),
    }
}

fn bin(bytes: Vec<u8>) -> Term {
    Term::binary(bytes)
}

/// The bytes from byte `from` on, sharing the binary's buffer.
fn sub(b: &Arc<Bitstring>, from: usize) -> Term {
    if from == 0 {
        return Term::Bits(b.clone());
    }
    Term::Bits(Arc::new(b.slice(from * 8, b.bit_len() - from * 8)))
}

/// A list of the characters of valid UTF-8.
fn utf8_list(bytes: &[u8]) -> Term {
    char_list(&String::from_utf8_lossy(bytes))
}

/// A list of the characters of a text.
fn char_list(text: &str) -> Term {
    let mut acc = Term::Nil;
    for c in text.chars().rev() {
        acc = Term::cons(Term::Int(c as i64), acc);
    }
    acc
}

fn characters_to_list(data: &Term, enc: Encoding) -> BifResult {
    match enc {
        Encoding::Latin1 | Encoding::Utf8 => native::to_list(data, enc == Encoding::Latin1),
        _ => {
            let (bytes, end) = MlMap::convert(data, enc, Encoding::Utf8)?;
            Ok(result(utf8_list(&bytes), end))
        }
    }
}

fn characters_to_binary(data: &Term, enc: Encoding) -> BifResult {
    match enc {
        Encoding::Latin1 | Encoding::Utf8 => native::to_binary(data, enc == Encoding::Latin1),
        _ => {
            let (bytes, end) = MlMap::convert(data, enc, Encoding::Utf8)?;
            Ok(result(bin(bytes), end))
        }
    }
}

fn characters_to_binary_3(data: &Term, from: &Term, to: &Term) -> BifResult {
    let latin1 = |t: &Term| t.is_atom(atoms::LATIN1);
    let utf8 = |t: &Term| t.is_atom(atoms::UTF8) || t.is_atom(atoms::UNICODE);
    // Data that needs no conversion is returned as it is.
    let as_is = if latin1(from) && latin1(to) {
        data.is_binary()
    } else {
        ((latin1(from) && utf8(to)) || (utf8(from) && latin1(to))) && is_7bit(data)
    };
    if as_is {
        return Ok(data.clone());
    }
    let (Some(from), Some(to)) = (encoding(from), encoding(to)) else {
        return badarg();
    };
    if matches!(from, Encoding::Latin1 | Encoding::Utf8) && to == Encoding::Utf8 {
        return characters_to_binary(data, from);
    }
    let (bytes, end) = MlMap::convert(data, from, to)?;
    Ok(result(bin(bytes), end))
}

/// The runtime's own conversion of Latin-1 or UTF-8 chardata (erl_unicode.c).
///
/// Everything is checked before anything is converted: only integers, binaries and lists
/// of them (with a binary as an improper tail) are chardata here, and anything else
/// is `badarg` wherever it is. Integers that are no character are bad data, reported in an
/// error tuple. A UTF-8 character may be cut between two binaries; the part at the end of
/// one is carried over to the next.
mod native {
    use super::{bin, char_list, result, sub, utf8_list, End};
    use crate::interp::exception::{BifResult, Exception};
    use crate::term::{Bitstring, Term};
    use std::sync::Arc;

    pub(super) fn to_binary(data: &Term, latin1: bool) -> BifResult {
        // A list of one binary is converted as the binary itself.
        let subject = match data {
            Term::Cons(c) if matches!(c.head, Term::Bits(_)) && matches!(c.tail, Term::Nil) => &c.head,
            other => other,
        };
        let need = check(subject, latin1)?;
        if let Term::Bits(b) = subject {
            let bytes = b.to_bytes();
            if need == bytes.len() && (latin1 || std::str::from_utf8(&bytes).is_ok()) {
                return Ok(subject.clone());
            }
        }
        let (bytes, end) = convert(subject, latin1, need);
        Ok(result(bin(bytes), end))
    }

    pub(super) fn to_list(data: &Term, latin1: bool) -> BifResult {
        if let (Term::Bits(b), false) = (data, latin1) {
            if let (true, Ok(text)) = (b.is_binary(), std::str::from_utf8(&b.to_bytes())) {
                return Ok(char_list(text));
            }
        }
        let need = check(data, latin1)?;
        let (bytes, end) = convert(data, latin1, need);
        Ok(result(utf8_list(&bytes), end))
    }

    /// Checks that `t` is chardata, and returns the size of its UTF-8 (at most).
    fn check(t: &Term, latin1: bool) -> Result<usize, Exception> {
        let binary = |b: &Bitstring| -> Result<usize, Exception> {
            if !b.is_binary() {
                return Err(Exception::badarg());
            }
            Ok(if latin1 { b.to_bytes().iter().map(|&x| 1 + (x >> 7) as usize).sum() } else { b.byte_len() })
        };
        let mut need = 0;
        let mut stack = vec![t];
        while let Some(t) = stack.pop() {
            let mut cur = t;
            loop {
                match cur {
                    Term::Cons(c) => {
                        match &c.head {
                            Term::Int(x) => need += utf8_len_of(*x),
                            Term::Big(_) => {}
                            Term::Nil => {}
                            h @ Term::Cons(_) => stack.push(h),
                            Term::Bits(b) => need += binary(b)?,
                            _ => return Err(Exception::badarg()),
                        }
                        cur = &c.tail;
                    }
                    Term::Nil => break,
                    Term::Bits(b) => {
                        need += binary(b)?;
                        break;
                    }
                    _ => return Err(Exception::badarg()),
                }
            }
        }
        Ok(need)
    }

    fn utf8_len_of(x: i64) -> usize {
        match x {
            0..=0x7F => 1,
            0x80..=0x7FF => 2,
            0x800..=0xFFFF => 3,
            _ => 4,
        }
    }

    fn convert(t: &Term, latin1: bool, need: usize) -> (Vec<u8>, End) {
        let mut n = Native { latin1, out: Vec::with_capacity(need), leftover: Vec::new() };
        let rest = n.build(t);
        let end = match rest {
            // The bytes carried over from a binary come first in the rest.
            Some(rest) if n.leftover.is_empty() => End::Error(rest),
            Some(rest) => End::Error(Term::list(vec![bin(n.leftover), rest])),
            None if n.leftover.is_empty() => End::Done,
            None if leftover_may_complete(&n.leftover) => End::Incomplete(bin(n.leftover)),
            None => End::Error(bin(n.leftover)),
        };
        (n.out, end)
    }

    struct Native {
        latin1: bool,
        out: Vec<u8>,
        /// The start of a UTF-8 character at the end of the last binary.
        leftover: Vec<u8>,
    }

    impl Native {
        /// Converts chardata (already checked) into `out`; on bad data, returns the rest.
        fn build(&mut self, top: &Term) -> Option<Term> {
            // The remainders of the enclosing lists, the innermost last.
            let mut stack: Vec<&Term> = Vec::new();
            let mut cur = top;
            let rest = loop {
                match cur {
                    Term::Cons(c) => match &c.head {
                        Term::Int(x) => {
                            if !self.leftover.is_empty() || !self.push(*x) {
                                break cur.clone();
                            }
                            cur = &c.tail;
                        }
                        Term::Big(_) => break cur.clone(),
                        Term::Nil => cur = &c.tail,
                        h @ Term::Cons(_) => {
                            stack.push(&c.tail);
                            cur = h;
                        }
                        Term::Bits(b) => {
                            if let Some(r) = self.binary(b) {
                                break Term::cons(r, c.tail.clone());
                            }
                            cur = &c.tail;
                        }
                        _ => break cur.clone(),
                    },
                    Term::Bits(b) => {
                        if let Some(r) = self.binary(b) {
                            break r;
                        }
                        match stack.pop() {
                            Some(t) => cur = t,
                            None => return None,
                        }
                    }
                    Term::Nil => match stack.pop() {
                        Some(t) => cur = t,
                        None => return None,
                    },
                    _ => break cur.clone(),
                }
            };
            Some(stack.into_iter().rev().fold(rest, |acc, t| Term::cons(acc, t.clone())))
        }

        /// Appends one character; false if it is none.
        fn push(&mut self, x: i64) -> bool {
            if x < 0 || (self.latin1 && x > 255) {
                return false;
            }
            match u32::try_from(x).ok().and_then(char::from_u32) {
                Some(c) => {
                    let mut buf = [0; 4];
                    self.out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    true
                }
                None => false,
            }
        }

        /// Appends a binary; on bad UTF-8, returns the binary from the bad byte on.
        fn binary(&mut self, b: &Arc<Bitstring>) -> Option<Term> {
            let bytes = b.to_bytes();
            if self.latin1 {
                for &x in bytes.iter() {
                    if x < 0x80 {
                        self.out.push(x);
                    } else {
                        self.out.extend_from_slice(&[0xC0 | (x >> 6), 0x80 | (x & 0x3F)]);
                    }
                }
                return None;
            }
            let mut pos = 0;
            if !self.leftover.is_empty() {
                let need = seq_len(self.leftover[0]).unwrap_or(1);
                let missing = need.saturating_sub(self.leftover.len());
                if bytes.len() < missing {
                    self.leftover.extend_from_slice(&bytes);
                    return None;
                }
                let mut whole = self.leftover.clone();
                whole.extend_from_slice(&bytes[..missing]);
                if !valid_seq(&whole) {
                    // The whole binary is the rest; the carried bytes stay in `leftover`.
                    return Some(sub(b, 0));
                }
                self.out.extend_from_slice(&whole);
                self.leftover.clear();
                pos = missing;
            }
            // Valid UTF-8 is copied in one go; only where it stops is looked at byte by byte.
            let valid = match std::str::from_utf8(&bytes[pos..]) {
                Ok(_) => bytes.len() - pos,
                Err(e) => e.valid_up_to(),
            };
            self.out.extend_from_slice(&bytes[pos..pos + valid]);
            pos += valid;
            if pos < bytes.len() {
                match seq_len(bytes[pos]) {
                    // A character cut short at the end waits for the next binary.
                    Some(n) if bytes.len() - pos < n => self.leftover.extend_from_slice(&bytes[pos..]),
                    // Anything else where `from_utf8` stopped is bad.
                    _ => return Some(sub(b, pos)),
                }
            }
            None
        }
    }

    /// The length of the sequence a lead byte starts, by its bit pattern alone.
    fn seq_len(b: u8) -> Option<usize> {
        match b {
            0x00..=0x7F => Some(1),
            _ if b & 0xE0 == 0xC0 => Some(2),
            _ if b & 0xF0 == 0xE0 => Some(3),
            _ if b & 0xF8 == 0xF0 => Some(4),
            _ => None,
        }
    }

    /// Is `s` exactly one well-formed UTF-8 character?
    fn valid_seq(s: &[u8]) -> bool {
        std::str::from_utf8(s).is_ok_and(|t| t.chars().count() == 1)
    }

    /// Whether the bytes left at the end could start a character that later bytes complete
    /// (an `incomplete` result), or are bad already (an `error`). Like OTP, this looks at
    /// the continuation bytes only, not at overlong or out-of-range lead bytes.
    fn leftover_may_complete(s: &[u8]) -> bool {
        let cont = |i: usize| s[i] & 0xC0 == 0x80;
        match seq_len(s[0]) {
            Some(2) => true,
            Some(3) => s.len() < 2 || (s.len() < 3 && cont(1)),
            Some(4) => s.len() < 2 || (s.len() < 3 && cont(1)) || (s.len() < 4 && cont(1) && cont(2)),
            _ => false,
        }
    }
}

/// unicode.erl's conversion for the encodings the runtime leaves to it (`ml_map/3` there).
///
/// Chardata is walked lazily: anything that is not chardata is `badarg` only if the walk gets
/// to it. A binary is decoded with the input encoding; a character cut at its end waits for
/// the bytes that complete it from the next binary. An integer is a code point, whatever the
/// input encoding, up to a limit (255 from or to Latin-1).
struct MlMap {
    from: Encoding,
    to: Encoding,
    limit: i64,
    acc: Vec<u8>,
    /// The start of a character cut at the end of a binary, and how many bytes it lacks.
    pending: Option<(Vec<u8>, usize)>,
}

/// How decoding a binary ended.
enum Decoded {
    Done,
    /// Bad data from this byte on.
    Error(usize),
    /// A character cut short from this byte on, lacking this many bytes.
    Incomplete(usize, usize),
}

impl MlMap {
    fn convert(data: &Term, from: Encoding, to: Encoding) -> Result<(Vec<u8>, End), Exception> {
        let limit = if from == Encoding::Latin1 || to == Encoding::Latin1 { 255 } else { 0x10FFFF };
        let mut m = MlMap { from, to, limit, acc: Vec::new(), pending: None };
        let end = match m.walk(data)? {
            Some(rest) => End::Error(rest),
            None => match m.pending.take() {
                Some((bytes, _)) => End::Incomplete(bin(bytes)),
                None => End::Done,
            },
        };
        Ok((m.acc, end))
    }

    /// Converts `data` into `acc`; on bad data, returns the rest.
    fn walk(&mut self, data: &Term) -> Result<Option<Term>, Exception> {
        // The tails of the enclosing lists, the innermost last.
        let mut stack: Vec<Term> = Vec::new();
        let mut cur = data.clone();
        let rest = loop {
            let (head, tail) = match &cur {
                Term::Cons(c) => (&c.head, &c.tail),
                Term::Nil => match stack.pop() {
                    Some(t) => {
                        cur = t;
                        continue;
                    }
                    None => return Ok(None),
                },
                Term::Bits(b) if b.is_binary() => {
                    // A binary as a whole (the data itself, or a list's tail).
                    let b = b.clone();
                    if let Some((inc, missing)) = self.pending.take() {
                        if b.byte_len() >= missing {
                            cur = Term::list(vec![bin(inc), Term::Bits(b)]);
                            continue;
                        }
                        self.pending = Some((join(inc, &b.to_bytes()), missing - b.byte_len()));
                    } else if b.byte_len() > 8192 {
                        cur = Term::list(vec![slice(&b, 0, 8192), slice(&b, 8192, b.byte_len())]);
                        continue;
                    } else if let Some(r) = self.binary(&b)? {
                        break r;
                    }
                    cur = Term::Nil;
                    continue;
                }
                _ => return badarg(),
            };
            match head {
                Term::Int(_) | Term::Big(_) => {
                    if let Some((inc, _)) = &self.pending {
                        break Term::cons(bin(inc.clone()), cur.clone());
                    }
                    if !self.integer(head)? {
                        break Term::cons(Term::list(vec![head.clone()]), tail.clone());
                    }
                    cur = tail.clone();
                }
                Term::Bits(b) if b.is_binary() => {
                    let n = b.byte_len();
                    if let Some((inc, missing)) = self.pending.take() {
                        if n >= missing {
                            let whole = join(inc, &b.to_bytes()[..missing]);
                            let trailing = slice(b, missing, n);
                            cur = Term::cons(bin(whole), Term::cons(trailing, tail.clone()));
                        } else {
                            self.pending = Some((join(inc, &b.to_bytes()), missing - n));
                            cur = tail.clone();
                        }
                    } else if n > 8192 {
                        cur = Term::cons(slice(b, 0, 8192), Term::cons(slice(b, 8192, n), tail.clone()));
                    } else if let Some(r) = self.binary(b)? {
                        break Term::cons(r, tail.clone());
                    } else {
                        cur = tail.clone();
                    }
                }
                Term::Nil | Term::Cons(_) => {
                    stack.push(tail.clone());
                    cur = head.clone();
                }
                _ => return badarg(),
            }
        };
        Ok(Some(stack.into_iter().rev().fold(rest, Term::cons)))
    }

    /// Converts one integer; false if it is bad data.
    fn integer(&mut self, t: &Term) -> Result<bool, Exception> {
        let x = match t {
            Term::Int(x) if *x <= self.limit => *x,
            // A negative bignum is below the limit, and no character.
            Term::Big(b) if b.sign() == num_bigint::Sign::Minus => -1,
            _ => return Ok(false),
        };
        if self.to.encode(x, &mut self.acc) {
            return Ok(true);
        }
        // `list_to_binary/1` raises where the other encodings report bad data.
        if self.to == Encoding::Latin1 {
            return badarg();
        }
        Ok(false)
    }

    /// Converts one binary; on bad data, returns the binary from the bad character on.
    fn binary(&mut self, b: &Arc<Bitstring>) -> Result<Option<Term>, Exception> {
        let bytes = b.to_bytes();
        match self.decode(&bytes)? {
            Decoded::Done => Ok(None),
            Decoded::Error(pos) => Ok(Some(sub(b, pos))),
            Decoded::Incomplete(pos, missing) => {
                self.pending = Some((bytes[pos..].to_vec(), missing));
                Ok(None)
            }
        }
    }

    /// Decodes bytes in the input encoding, appending the characters in the output one.
    fn decode(&mut self, bytes: &[u8]) -> Result<Decoded, Exception> {
        // Into Latin-1, only characters up to 255 are good.
        let checked = self.to == Encoding::Latin1;
        let mut pos = 0;
        while pos < bytes.len() {
            let Some((cp, len)) = decode_one(self.from, &bytes[pos..]) else {
                return Ok(match cut_short(self.from, &bytes[pos..]) {
                    // unicode.erl's checked UTF-32 decoders crash (case_clause) on a
                    // character cut short after others.
                    Some(_) if checked && pos > 0 && matches!(self.from, Encoding::Utf32 { .. }) => return badarg(),
                    Some(missing) => Decoded::Incomplete(pos, missing),
                    None => Decoded::Error(pos),
                });
            };
            if checked && cp > 255 {
                return Ok(Decoded::Error(pos));
            }
            self.to.encode(cp as i64, &mut self.acc);
            pos += len;
        }
        Ok(Decoded::Done)
    }
}

fn join(mut a: Vec<u8>, b: &[u8]) -> Vec<u8> {
    a.extend_from_slice(b);
    a
}

/// Bytes `from..to` of a binary, sharing its buffer.
fn slice(b: &Arc<Bitstring>, from: usize, to: usize) -> Term {
    Term::Bits(Arc::new(b.slice(from * 8, (to - from) * 8)))
}

/// The first character of `s` and its length in bytes, as binary matching decodes it
/// (`<<C/utf8, _/binary>>` and so on).
fn decode_one(enc: Encoding, s: &[u8]) -> Option<(u32, usize)> {
    match enc {
        Encoding::Latin1 => s.first().map(|&b| (b as u32, 1)),
        Encoding::Utf8 => {
            let n = match s.first()? {
                0x00..=0x7F => 1,
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => return None,
            };
            let c = std::str::from_utf8(s.get(..n)?).ok()?.chars().next()?;
            Some((c as u32, n))
        }
        Encoding::Utf16 { little } => {
            let unit = |i: usize| -> Option<u32> {
                let b = s.get(i..i + 2)?;
                Some(if little { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) } as u32)
            };
            match unit(0)? {
                hi @ 0xD800..=0xDBFF => match unit(2)? {
                    lo @ 0xDC00..=0xDFFF => Some((0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), 4)),
                    _ => None,
                },
                0xDC00..=0xDFFF => None,
                w => Some((w, 2)),
            }
        }
        Encoding::Utf32 { little } => {
            let b: [u8; 4] = s.get(..4)?.try_into().ok()?;
            let v = if little { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) };
            char::from_u32(v).map(|c| (c as u32, 4))
        }
    }
}

/// Whether bytes that do not decode are the start of a character cut short, and how many
/// bytes it lacks (`cbv/2` in unicode.erl, with its guesses kept as they are).
fn cut_short(enc: Encoding, s: &[u8]) -> Option<usize> {
    let cont = |b: u8| b & 0xC0 == 0x80;
    match (enc, s) {
        (Encoding::Utf8, [a]) if a & 0xE0 == 0xC0 => Some(1),
        (Encoding::Utf8, [a, rest @ ..]) if a & 0xF0 == 0xE0 => match rest {
            [] => Some(2),
            [b] if cont(*b) => Some(1),
            _ => None,
        },
        (Encoding::Utf8, [a, rest @ ..]) if a & 0xF8 == 0xF0 => match rest {
            [] => Some(3),
            [b] if cont(*b) => Some(2),
            [b, c] if cont(*b) && cont(*c) => Some(1),
            _ => None,
        },
        (Encoding::Utf16 { little: false }, [a]) if *a <= 215 || *a >= 224 => Some(1),
        (Encoding::Utf16 { little: false }, [a]) if a >> 2 == 54 => Some(3),
        (Encoding::Utf16 { little: false }, [a, _]) if a >> 2 == 54 => Some(2),
        (Encoding::Utf16 { little: false }, [a, _, c]) if a >> 2 == 54 && c >> 2 == 55 => Some(1),
        (Encoding::Utf16 { little: true }, [_]) => Some(1),
        (Encoding::Utf16 { little: true }, [_, b]) if b >> 2 == 54 => Some(2),
        (Encoding::Utf16 { little: true }, [_, b, _]) if b >> 2 == 54 => Some(1),
        (Encoding::Utf32 { little: false }, [0]) => Some(3),
        (Encoding::Utf32 { little: false }, [0, x]) if *x <= 16 => Some(2),
        (Encoding::Utf32 { little: false }, [0, x, y]) if *x <= 16 && (*x > 0 || *y <= 215 || *y >= 224) => Some(1),
        (Encoding::Utf32 { little: true }, [_]) => Some(3),
        (Encoding::Utf32 { little: true }, [_, _]) => Some(2),
        (Encoding::Utf32 { little: true }, [254 | 255, 255, 0]) => None,
        (Encoding::Utf32 { little: true }, [_, y, x]) if *x <= 16 && (*x > 0 || *y <= 215 || *y >= 224) => Some(1),
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Form {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

/// What a normalization reads before it stops: code points, then perhaps bad data.
struct Scanned {
    /// Characters, and integers that are none (OTP passes those through as they are).
    items: Vec<Result<char, Term>>,
    /// The rest from the first binary that is not UTF-8 on, shaped as unicode_util's
    /// traversal leaves it.
    rest: Option<Term>,
}

fn normalize(data: &Term, form: Form, binary: bool) -> BifResult {
    let Scanned { items, rest } = scan(data)?;
    let mut out: Vec<Term> = Vec::with_capacity(items.len());
    let mut run = String::new();
    for item in items {
        match item {
            Ok(c) => run.push(c),
            Err(t) => {
                // A binary result cannot hold an integer that is no character.
                if binary {
                    return badarg();
                }
                normalize_run(&run, form, &mut out);
                run.clear();
                out.push(t);
            }
        }
    }
    normalize_run(&run, form, &mut out);
    let converted = if binary {
        let mut bytes = Vec::with_capacity(out.len());
        for t in &out {
            if let Term::Int(x) = t {
                Encoding::Utf8.encode(*x, &mut bytes);
            }
        }
        bin(bytes)
    } else {
        Term::list(out)
    };
    Ok(match rest {
        Some(rest) => result(converted, End::Error(rest)),
        None => converted,
    })
}

/// Normalizes text one grapheme cluster at a time, as OTP 25 does.
///
/// Decomposition is the standard one. Composition is OTP's, which differs from the standard
/// where a cluster holds more than one starter: only the cluster's first character
/// composes with the characters after it, and characters of class 0 in between do not block
/// it (`a`, U+0DDF, U+030A gives `å`, U+0DDF; U+0CCA stays decomposed after a letter).
/// A Hangul syllable composes from its jamo with whatever follows left as it is, and
/// U+11A7 counts as a trailing consonant of none (U+1100 U+1161 U+11A7 gives U+AC00 alone).
fn normalize_run(text: &str, form: Form, out: &mut Vec<Term>) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut push = |c: char| out.push(Term::Int(c as i64));
    for cluster in text.graphemes(true) {
        let mut chars = cluster.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c as u32),
            _ => None,
        };
        match form {
            Form::Nfd => cluster.nfd().for_each(&mut push),
            Form::Nfkd => cluster.nfkd().for_each(&mut push),
            Form::Nfc if single.is_some_and(|c| c < 256) => cluster.chars().for_each(&mut push),
            Form::Nfc => compose(&cluster.nfd().collect::<Vec<char>>()).into_iter().for_each(&mut push),
            Form::Nfkc if single.is_some_and(|c| c < 128) => cluster.chars().for_each(&mut push),
            Form::Nfkc => {
                // The decomposition may hold several clusters (as U+FB01 becomes "fi").
                let decomposed: String = cluster.nfkd().collect();
                for part in decomposed.graphemes(true) {
                    compose(&part.chars().collect::<Vec<char>>()).into_iter().for_each(&mut push);
                }
            }
        }
    }
}

/// unicode_util's composition of one decomposed grapheme cluster.
fn compose(cps: &[char]) -> Vec<char> {
    use unicode_normalization::char::canonical_combining_class as class;
    const L: std::ops::RangeInclusive<u32> = 0x1100..=0x1112;
    const V: std::ops::RangeInclusive<u32> = 0x1161..=0x1175;
    const T: std::ops::RangeInclusive<u32> = 0x11A7..=0x11C2;
    // The table of pairs OTP composes by leaves the Hangul syllables out.
    let pair = |a: char, b: char| match a as u32 {
        0x1100..=0x1112 | 0xAC00..=0xD7A3 => None,
        _ => unicode_normalization::char::compose(a, b),
    };
    match cps {
        [] | [_] => cps.to_vec(),
        [lead, rest @ ..] if L.contains(&(*lead as u32)) => {
            let vowel = rest[0] as u32;
            if !V.contains(&vowel) {
                let mut v = vec![*lead];
                v.extend(compose(rest));
                return v;
            }
            let lv = 0xAC00 + (*lead as u32 - 0x1100) * 588 + (vowel - 0x1161) * 28;
            let (syllable, after) = match rest.get(1) {
                Some(&t) if T.contains(&(t as u32)) => (lv + t as u32 - 0x11A7, &rest[2..]),
                _ => (lv, &rest[1..]),
            };
            let mut v: Vec<char> = char::from_u32(syllable).into_iter().collect();
            v.extend_from_slice(after);
            v
        }
        [a, b] => match pair(*a, *b) {
            Some(c) => vec![c],
            None => cps.to_vec(),
        },
        [first, rest @ ..] => {
            let mut base = *first;
            let mut accents = Vec::new();
            let mut prev = class(base);
            for &c in rest {
                let cc = class(c);
                match pair(base, c) {
                    Some(composed) if prev == 0 || prev < cc => base = composed,
                    _ => {
                        accents.push(c);
                        prev = cc;
                    }
                }
            }
            let mut v = vec![base];
            v.extend(accents);
            v
        }
    }
}

/// Reads chardata for a normalization, as unicode_util's code point traversal does:
/// lazily (something that is not chardata is `badarg` only if it comes before the first bad
/// binary), stopping at the first binary that is not UTF-8.
fn scan(data: &Term) -> Result<Scanned, Exception> {
    let mut items = Vec::new();
    if let Term::Bits(b) = data {
        // A binary on its own: the traversal reads it without the list quirks below.
        if !b.is_binary() {
            return badarg();
        }
        let bytes = b.to_bytes();
        let valid = utf8_prefix(&bytes, &mut items);
        let rest = (valid < bytes.len()).then(|| sub(b, valid));
        return Ok(Scanned { items, rest });
    }
    // The tails of the enclosing lists, the innermost last.
    let mut stack: Vec<&Term> = Vec::new();
    let mut cur = data;
    let rest = loop {
        match cur {
            Term::Cons(c) => match &c.head {
                Term::Int(x) => {
                    items.push(u32::try_from(*x).ok().and_then(char::from_u32).ok_or_else(|| c.head.clone()));
                    cur = &c.tail;
                }
                Term::Big(_) => {
                    items.push(Err(c.head.clone()));
                    cur = &c.tail;
                }
                h @ (Term::Nil | Term::Cons(_)) => {
                    stack.push(&c.tail);
                    cur = h;
                }
                Term::Bits(b) if b.is_binary() => {
                    let bytes = b.to_bytes();
                    let valid = utf8_prefix(&bytes, &mut items);
                    if valid < bytes.len() {
                        stack.push(&c.tail);
                        break sub(b, valid);
                    }
                    cur = &c.tail;
                }
                _ => return badarg(),
            },
            Term::Nil => match stack.pop() {
                Some(t) => cur = t,
                None => return Ok(Scanned { items, rest: None }),
            },
            Term::Bits(b) if b.is_binary() => {
                let bytes = b.to_bytes();
                let valid = utf8_prefix(&bytes, &mut items);
                if valid < bytes.len() {
                    break sub(b, valid);
                }
                cur = &Term::Nil;
            }
            _ => return badarg(),
        }
    };
    // unicode_util reads a carriage return and then the next code point, to pair it with a
    // line feed; bad data there crashes its traversal.
    if matches!(items.last(), Some(Ok('\r'))) {
        return badarg();
    }
    // The remainder after the bad binary: the outermost list's tail goes on as the list,
    // the tails of inner lists are elements in front of it, the innermost first.
    let mut tails = stack.into_iter().filter(|t| !matches!(t, Term::Nil));
    let rest = match tails.next() {
        None => rest,
        Some(outer) => Term::cons(rest, tails.fold(outer.clone(), |acc, t| Term::cons(t.clone(), acc))),
    };
    Ok(Scanned { items, rest: Some(rest) })
}

/// Appends the characters of the longest valid UTF-8 prefix of `bytes`; returns its length.
fn utf8_prefix(bytes: &[u8], items: &mut Vec<Result<char, Term>>) -> usize {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let text = String::from_utf8_lossy(&bytes[..valid]);
    items.extend(text.chars().map(Ok));
    valid
}
