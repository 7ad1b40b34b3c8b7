//! The `binary` module: searching, splitting and replacing in binaries, parts, copies,
//! and unsigned integer encoding, as in OTP 25.
//!
//! Searching with several patterns picks, at the earliest position where any matches, the
//! longest one, as OTP does. A compiled pattern (`binary:compile_pattern/1`) is the tagged
//! list of its binaries (`{bm | ac, Patterns}` here): programs only pass it back, and it
//! saves no work. `referenced_byte_size/1` answers the size of the binary itself, since a
//! sub-binary's buffer is not visible at this level. Results are sub-binaries sharing the
//! subject's buffer, as OTP's are.

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::{BitWriter, Bitstring, Term};
use num_bigint::BigUint;
use std::sync::Arc;

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

bifs! {
    "binary", "split", 2 => |_, a| split(&a[0], &a[1], &Term::Nil);
    "binary", "split", 3 => |_, a| split(&a[0], &a[1], &a[2]);
    "binary", "replace", 3 => |_, a| replace(&a[0], &a[1], &a[2], &Term::Nil);
    "binary", "replace", 4 => |_, a| replace(&a[0], &a[1], &a[2], &a[3]);
    "binary", "match", 2 => |_, a| find_first(&a[0], &a[1], &Term::Nil);
    "binary", "match", 3 => |_, a| find_first(&a[0], &a[1], &a[2]);
    "binary", "matches", 2 => |_, a| find_all(&a[0], &a[1], &Term::Nil);
    "binary", "matches", 3 => |_, a| find_all(&a[0], &a[1], &a[2]);
    "binary", "compile_pattern", 1 => |_, a| {
        let pats = patterns(&a[0])?;
        let tag = if pats.len() == 1 { "bm" } else { "ac" };
        Ok(Term::tuple([Term::atom(tag), Term::list(pats.into_iter().map(Term::binary).collect())]))
    };
    "binary", "part", 2 => |_, a| match a[1].as_tuple() {
        Some([pos, len]) => part(&a[0], pos, len),
        _ => badarg(),
    };
    "binary", "part", 3 => |_, a| part(&a[0], &a[1], &a[2]);
    "binary", "copy", 1 => |_, a| {
        let b = bin(&a[0])?;
        Ok(Term::binary(b.to_bytes().into_owned()))
    };
    "binary", "copy", 2 => |_, a| {
        let b = bin(&a[0])?;
        let n = match a[1] {
            Term::Int(n) if n >= 0 => n as usize,
            _ => return badarg(),
        };
        let bytes = b.to_bytes();
        if bytes.len().checked_mul(n).is_none_or(|total| total > (1 << 32)) {
            return Err(Exception::system_limit());
        }
        Ok(Term::binary(bytes.repeat(n)))
    };
    "binary", "first", 1 => |_, a| match bin(&a[0])?.to_bytes().first() {
        Some(&x) => Ok(Term::Int(x as i64)),
        None => badarg(),
    };
    "binary", "last", 1 => |_, a| match bin(&a[0])?.to_bytes().last() {
        Some(&x) => Ok(Term::Int(x as i64)),
        None => badarg(),
    };
    "binary", "at", 2 => |_, a| {
        let bytes = bin(&a[0])?.to_bytes();
        match a[1] {
            Term::Int(i) if i >= 0 && (i as usize) < bytes.len() => Ok(Term::Int(bytes[i as usize] as i64)),
            _ => badarg(),
        }
    };
    "binary", "encode_hex", 1 => |_, a| encode_hex(&a[0]);
    "binary", "decode_hex", 1 => |_, a| decode_hex(&a[0]);
    "binary", "decode_unsigned", 1 => |_, a| decode_unsigned(&a[0], &Term::atom("big"));
    "binary", "decode_unsigned", 2 => |_, a| decode_unsigned(&a[0], &a[1]);
    "binary", "encode_unsigned", 1 => |_, a| encode_unsigned(&a[0], &Term::atom("big"));
    "binary", "encode_unsigned", 2 => |_, a| encode_unsigned(&a[0], &a[1]);
    "binary", "bin_to_list", 1 => |_, a| {
        let b = bin(&a[0])?;
        Ok(byte_list(&b.to_bytes()))
    };
    "binary", "bin_to_list", 2 => |_, a| match a[1].as_tuple() {
        Some([pos, len]) => bin_to_list(&a[0], pos, len),
        _ => badarg(),
    };
    "binary", "bin_to_list", 3 => |_, a| bin_to_list(&a[0], &a[1], &a[2]);
    "binary", "list_to_bin", 1 => |_, a| {
        if !a[0].is_list() {
            return badarg();
        }
        let mut w = BitWriter::new();
        iolist_into(&a[0], &mut w)?;
        Ok(Term::Bits(Arc::new(w.finish())))
    };
    "binary", "longest_common_prefix", 1 => |_, a| common_affix(&a[0], false);
    "binary", "longest_common_suffix", 1 => |_, a| common_affix(&a[0], true);
    "binary", "referenced_byte_size", 1 => |_, a| Ok(Term::Int(bin(&a[0])?.byte_len() as i64));
}

/// The binary (whole bytes) `t`.
fn bin(t: &Term) -> Result<&Bitstring, Exception> {
    match t {
        Term::Bits(b) if b.is_binary() => Ok(b),
        _ => badarg(),
    }
}

fn byte_list(bytes: &[u8]) -> Term {
    Term::list(bytes.iter().map(|&b| Term::Int(b as i64)).collect())
}

/// The non-empty binaries of a pattern: a binary, a non-empty list of binaries, or a
/// compiled pattern.
fn patterns(t: &Term) -> Result<Vec<Vec<u8>>, Exception> {
    let list = match t {
        Term::Bits(_) => vec![t.clone()],
        Term::Cons(_) => t.list_to_vec().ok_or_else(Exception::badarg)?,
        Term::Tuple(e) => match &e[..] {
            [Term::Atom(tag), pats] if matches!(tag.as_str(), "bm" | "ac") => return patterns(pats),
            _ => return badarg(),
        },
        _ => return badarg(),
    };
    list.iter()
        .map(|p| match p {
            Term::Bits(b) if b.is_binary() && b.byte_len() > 0 => Ok(b.to_bytes().into_owned()),
            _ => badarg(),
        })
        .collect()
}

/// Search options: the part of the subject searched, and the flags of `split`/`replace`.
#[derive(Default)]
struct Opts {
    scope: Option<(usize, usize)>,
    global: bool,
    trim: bool,
    trim_all: bool,
    insert: Vec<usize>,
}

fn options(t: &Term, size: usize, allowed: &[&str]) -> Result<Opts, Exception> {
    let mut o = Opts::default();
    for x in t.list_to_vec().ok_or_else(Exception::badarg)? {
        let name = match &x {
            Term::Atom(a) => a.as_str(),
            Term::Tuple(e) => match e.first() {
                Some(Term::Atom(a)) => a.as_str(),
                _ => return badarg(),
            },
            _ => return badarg(),
        };
        if !allowed.contains(&name) {
            return badarg();
        }
        match (&x, name) {
            (Term::Atom(_), "global") => o.global = true,
            (Term::Atom(_), "trim") => o.trim = true,
            (Term::Atom(_), "trim_all") => o.trim_all = true,
            (Term::Tuple(e), "scope") => match &e[..] {
                [_, Term::Tuple(s)] if s.len() == 2 => o.scope = Some(range(&s[0], &s[1], size)?),
                _ => return badarg(),
            },
            (Term::Tuple(e), "insert_replaced") => match &e[..] {
                [_, Term::Int(n)] if *n >= 0 => o.insert = vec![*n as usize],
                [_, l] if l.is_list() => {
                    for n in l.list_to_vec().ok_or_else(Exception::badarg)? {
                        match n {
                            Term::Int(n) if n >= 0 => o.insert.push(n as usize),
                            _ => return badarg(),
                        }
                    }
                }
                _ => return badarg(),
            },
            _ => return badarg(),
        }
    }
    Ok(o)
}

/// The byte range `{Pos, Len}` names in a subject of `size` bytes (a negative length
/// counts back from `Pos`).
fn range(pos: &Term, len: &Term, size: usize) -> Result<(usize, usize), Exception> {
    let (Term::Int(pos), Term::Int(len)) = (pos, len) else { return badarg() };
    let (start, end) = if *len >= 0 { (*pos, pos.saturating_add(*len)) } else { (pos + len, *pos) };
    if start < 0 || end < start || end as usize > size {
        return badarg();
    }
    Ok((start as usize, end as usize))
}

/// The earliest match in `h[from..to]`, the longest pattern winning a tie: (start, length).
fn find(h: &[u8], pats: &[Vec<u8>], from: usize, to: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < to {
        let mut best: Option<usize> = None;
        for p in pats {
            if i + p.len() <= to && h[i] == p[0] && &h[i..i + p.len()] == p.as_slice() {
                best = Some(best.map_or(p.len(), |b| b.max(p.len())));
            }
        }
        if let Some(len) = best {
            return Some((i, len));
        }
        i += 1;
    }
    None
}

/// Every non-overlapping match in the searched range (only the first unless `global`).
fn matches_in(h: &[u8], pats: &[Vec<u8>], o: &Opts, global: bool) -> Vec<(usize, usize)> {
    let (from, to) = o.scope.unwrap_or((0, h.len()));
    let mut out = Vec::new();
    let mut at = from;
    while let Some((s, l)) = find(h, pats, at, to) {
        out.push((s, l));
        at = s + l;
        if !global {
            break;
        }
    }
    out
}

fn pair(s: usize, l: usize) -> Term {
    Term::tuple([Term::Int(s as i64), Term::Int(l as i64)])
}

fn find_first(subject: &Term, pattern: &Term, opts: &Term) -> BifResult {
    let b = bin(subject)?;
    let pats = patterns(pattern)?;
    let o = options(opts, b.byte_len(), &["scope"])?;
    let h = b.to_bytes();
    Ok(matches_in(&h, &pats, &o, false).first().map(|&(s, l)| pair(s, l)).unwrap_or_else(|| Term::atom("nomatch")))
}

fn find_all(subject: &Term, pattern: &Term, opts: &Term) -> BifResult {
    let b = bin(subject)?;
    let pats = patterns(pattern)?;
    let o = options(opts, b.byte_len(), &["scope"])?;
    let h = b.to_bytes();
    Ok(Term::list(matches_in(&h, &pats, &o, true).into_iter().map(|(s, l)| pair(s, l)).collect()))
}

/// A sub-binary of `b` from byte `s` to byte `e`.
fn sub(b: &Bitstring, s: usize, e: usize) -> Term {
    Term::Bits(Arc::new(b.slice(s * 8, (e - s) * 8)))
}

fn split(subject: &Term, pattern: &Term, opts: &Term) -> BifResult {
    let b = bin(subject)?;
    let pats = patterns(pattern)?;
    let o = options(opts, b.byte_len(), &["scope", "global", "trim", "trim_all"])?;
    let h = b.to_bytes();
    let mut parts = Vec::new();
    let mut last = 0;
    for (s, l) in matches_in(&h, &pats, &o, o.global) {
        parts.push(sub(b, last, s));
        last = s + l;
    }
    parts.push(sub(b, last, h.len()));
    let empty = |t: &Term| matches!(t, Term::Bits(x) if x.bit_len() == 0);
    if o.trim_all {
        parts.retain(|t| !empty(t));
    } else if o.trim {
        while parts.last().is_some_and(empty) {
            parts.pop();
        }
    }
    Ok(Term::list(parts))
}

fn replace(subject: &Term, pattern: &Term, replacement: &Term, opts: &Term) -> BifResult {
    let b = bin(subject)?;
    let pats = patterns(pattern)?;
    let rep = bin(replacement)?.to_bytes().into_owned();
    let o = options(opts, b.byte_len(), &["scope", "global", "insert_replaced"])?;
    if o.insert.iter().any(|&i| i > rep.len()) {
        return badarg();
    }
    let h = b.to_bytes();
    let mut out = Vec::with_capacity(h.len());
    let mut last = 0;
    for (s, l) in matches_in(&h, &pats, &o, o.global) {
        out.extend_from_slice(&h[last..s]);
        let mut at = 0;
        let mut inserts = o.insert.clone();
        inserts.sort_unstable();
        for i in inserts {
            out.extend_from_slice(&rep[at..i]);
            out.extend_from_slice(&h[s..s + l]);
            at = i;
        }
        out.extend_from_slice(&rep[at..]);
        last = s + l;
    }
    out.extend_from_slice(&h[last..]);
    Ok(Term::binary(out))
}

fn part(subject: &Term, pos: &Term, len: &Term) -> BifResult {
    let b = bin(subject)?;
    let (s, e) = range(pos, len, b.byte_len())?;
    Ok(sub(b, s, e))
}

fn bin_to_list(subject: &Term, pos: &Term, len: &Term) -> BifResult {
    let b = bin(subject)?;
    let (s, e) = range(pos, len, b.byte_len())?;
    Ok(byte_list(&b.to_bytes()[s..e]))
}

fn endianness(t: &Term) -> Result<bool, Exception> {
    match t {
        Term::Atom(a) if a.as_str() == "big" => Ok(true),
        Term::Atom(a) if a.as_str() == "little" => Ok(false),
        _ => badarg(),
    }
}

fn decode_unsigned(subject: &Term, endian: &Term) -> BifResult {
    let big = endianness(endian)?;
    let bytes = bin(subject)?.to_bytes();
    let n = if big { BigUint::from_bytes_be(&bytes) } else { BigUint::from_bytes_le(&bytes) };
    Ok(Term::from_bigint(n.into()))
}

/// `binary:encode_hex/1`: two upper-case hexadecimal digits a byte.
fn encode_hex(subject: &Term) -> BifResult {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = bin(subject)?.to_bytes();
    let hex = bytes.iter().flat_map(|b| [DIGITS[(b >> 4) as usize], DIGITS[(b & 15) as usize]]).collect();
    Ok(Term::binary(hex))
}

/// `binary:decode_hex/1`: an even number of hexadecimal digits (either case) to bytes.
fn decode_hex(subject: &Term) -> BifResult {
    let hex = bin(subject)?.to_bytes();
    if hex.len() % 2 != 0 {
        return badarg();
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(hex.len() / 2);
    for pair in hex.chunks(2) {
        match (digit(pair[0]), digit(pair[1])) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return badarg(),
        }
    }
    Ok(Term::binary(out))
}

fn encode_unsigned(n: &Term, endian: &Term) -> BifResult {
    let big = endianness(endian)?;
    let n = n.as_bigint().ok_or_else(Exception::badarg)?;
    let Some(u) = n.to_biguint() else { return badarg() };
    let bytes = if big { u.to_bytes_be() } else { u.to_bytes_le() };
    Ok(Term::binary(bytes))
}

fn iolist_into(t: &Term, w: &mut BitWriter) -> Result<(), Exception> {
    let mut stack = vec![t.iter_list()];
    while let Some(it) = stack.last_mut() {
        match it.next() {
            Some(Term::Int(c)) if (0..=255).contains(c) => w.push_bits(*c as u64, 8),
            Some(Term::Bits(b)) if b.is_binary() => w.push_bitstring(b, b.bit_len()),
            Some(x @ (Term::Cons(_) | Term::Nil)) => stack.push(x.iter_list()),
            Some(_) => return badarg(),
            None => {
                let tail = it.tail();
                stack.pop();
                match tail {
                    Term::Nil => {}
                    Term::Bits(b) if b.is_binary() => w.push_bitstring(b, b.bit_len()),
                    _ => return badarg(),
                }
            }
        }
    }
    Ok(())
}

fn common_affix(list: &Term, suffix: bool) -> BifResult {
    let items = list.list_to_vec().ok_or_else(Exception::badarg)?;
    if items.is_empty() {
        return badarg();
    }
    let bins: Vec<Vec<u8>> =
        items.iter().map(|t| bin(t).map(|b| b.to_bytes().into_owned())).collect::<Result<_, _>>()?;
    let first = &bins[0];
    let mut n = first.len();
    for b in &bins[1..] {
        let common = if suffix {
            first.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
        } else {
            first.iter().zip(b.iter()).take_while(|(x, y)| x == y).count()
        };
        n = n.min(common);
    }
    Ok(Term::Int(n as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> Term {
        Term::binary(s.as_bytes().to_vec())
    }

    fn opts(items: Vec<Term>) -> Term {
        Term::list(items)
    }

    #[test]
    fn split_trims_as_asked() {
        let s = b(",a,,b,");
        let p = b(",");
        assert_eq!(split(&s, &p, &Term::Nil).map(|t| t.to_string()).ok().as_deref(), Some("[<<>>,<<\"a,,b,\">>]"));
        let global = opts(vec![Term::atom("global")]);
        assert_eq!(
            split(&s, &p, &global).map(|t| t.to_string()).ok().as_deref(),
            Some("[<<>>,<<\"a\">>,<<>>,<<\"b\">>,<<>>]")
        );
        let all = opts(vec![Term::atom("global"), Term::atom("trim_all")]);
        assert_eq!(split(&s, &p, &all).map(|t| t.to_string()).ok().as_deref(), Some("[<<\"a\">>,<<\"b\">>]"));
    }

    #[test]
    fn the_longest_pattern_wins_at_the_earliest_position() {
        let pats = vec![b"b".to_vec(), b"bc".to_vec(), b"abc".to_vec()];
        assert_eq!(find(b"xabcd", &pats, 0, 5), Some((1, 3)));
        assert_eq!(find(b"xbcd", &pats, 0, 4), Some((1, 2)));
        assert_eq!(find(b"xbcd", &pats, 0, 2), Some((1, 1)));
    }

    #[test]
    fn replace_can_insert_the_match() {
        let o = opts(vec![Term::atom("global"), Term::tuple([Term::atom("insert_replaced"), Term::Int(1)])]);
        let r = replace(&b("abcb"), &b("b"), &b("[]"), &o).map(|t| t.to_string()).ok();
        assert_eq!(r.as_deref(), Some("<<\"a[b]c[b]\">>"));
    }

    #[test]
    fn unsigned_integers_round_trip() {
        let n = Term::from_bigint(num_bigint::BigInt::from(1u128 << 100));
        for endian in ["big", "little"] {
            let e = Term::atom(endian);
            let enc = encode_unsigned(&n, &e).ok();
            let dec = enc.and_then(|x| decode_unsigned(&x, &e).ok());
            assert_eq!(dec.map(|t| t.to_string()), Some(n.to_string()));
        }
        assert!(encode_unsigned(&Term::Int(-1), &Term::atom("big")).is_err());
    }

    #[test]
    fn ranges_may_count_backwards() {
        assert_eq!(range(&Term::Int(4), &Term::Int(-2), 6).ok(), Some((2, 4)));
        assert!(range(&Term::Int(1), &Term::Int(-2), 6).is_err());
        assert!(range(&Term::Int(4), &Term::Int(3), 6).is_err());
    }
}
