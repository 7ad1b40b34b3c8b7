//! Building and matching binaries segment by segment (the bit syntax at run time).

use super::exception::Exception;
use super::op::{SegKind, Segment, Src};
use crate::term::{BitWriter, Bitstring, Term};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::Arc;

fn size_of(seg: &Segment, size: Option<&Term>) -> Option<Option<usize>> {
    match size {
        None => Some(None),
        Some(Term::Int(n)) if *n >= 0 => Some(Some(*n as usize * seg.unit as usize)),
        Some(Term::Atom(a)) if a.as_str() == "all" => Some(None),
        _ => None,
    }
}

/// Builds a bitstring from segment values and their sizes.
pub(crate) fn build_binary(segs: &[(Src, Segment)], mut vals: Vec<(Term, Option<Term>)>) -> Result<Term, Exception> {
    let mut w = BitWriter::new();
    let mut from = 0;
    // `<<Acc/binary, ...>>` where nothing else holds `Acc` (its last use, and a binary an
    // earlier append made): the new segments go on the end of its own buffer, which grows
    // by doubling, so a loop that appends to a binary takes linear time, as it does with
    // BEAM's writable binaries.
    if let (Some((_, seg)), Some((Term::Bits(b), None))) = (segs.first(), vals.first_mut()) {
        if matches!(seg.kind, SegKind::Binary | SegKind::Bitstring) && seg.size.is_none() {
            if let Some(bytes) = Arc::get_mut(b).and_then(|b| b.take_whole_buffer()) {
                w = BitWriter::after(bytes);
                from = 1;
            }
        }
    }
    for (i, ((_, seg), (v, size))) in segs.iter().zip(vals).enumerate().skip(from) {
        let bits = size_of(seg, size.as_ref()).ok_or_else(Exception::badarg)?;
        // A value of the wrong type: the error names the segment, as erl's does.
        let wrong_type = match seg.kind {
            SegKind::Integer => !v.is_integer(),
            SegKind::Float => !v.is_number(),
            SegKind::Binary | SegKind::Bitstring => !matches!(v, Term::Bits(_)),
            SegKind::Utf8 | SegKind::Utf16 | SegKind::Utf32 => !v.is_integer(),
        };
        if wrong_type {
            let kind = match seg.kind {
                SegKind::Integer => "integer",
                SegKind::Float => "float",
                SegKind::Binary => "binary",
                SegKind::Bitstring => "bitstring",
                SegKind::Utf8 => "utf8",
                SegKind::Utf16 => "utf16",
                SegKind::Utf32 => "utf32",
            };
            let cause = Term::tuple([Term::Int(i as i64 + 1), Term::atom(kind), Term::atom("type"), v]);
            return Err(Exception {
                class: super::exception::Class::Error,
                reason: Term::atom("badarg"),
                origin: super::exception::Origin::BinaryConstruction(cause),
            });
        }
        match seg.kind {
            SegKind::Integer => {
                let n = bits.unwrap_or(8);
                // A small integer in at most 64 bits: its two's complement bits as they are
                // (`push_bits` takes the low `n`).
                if let (Term::Int(x), true) = (&v, n <= 64) {
                    if !seg.little {
                        w.push_bits(*x as u64, n);
                        continue;
                    }
                    if n.is_multiple_of(8) {
                        w.push_bytes(&x.to_le_bytes()[..n / 8]);
                        continue;
                    }
                }
                let i = v.as_bigint().ok_or_else(Exception::badarg)?;
                put_int(&mut w, &i, n, seg.little);
            }
            SegKind::Float => {
                let f = v.to_f64().ok_or_else(Exception::badarg)?;
                match bits.unwrap_or(64) {
                    64 => {
                        let b = if seg.little { f.to_le_bytes() } else { f.to_be_bytes() };
                        w.push_bytes(&b);
                    }
                    32 => {
                        let b = if seg.little { (f as f32).to_le_bytes() } else { (f as f32).to_be_bytes() };
                        w.push_bytes(&b);
                    }
                    16 => {
                        let h = f32_to_f16(f as f32);
                        let b = if seg.little { h.to_le_bytes() } else { h.to_be_bytes() };
                        w.push_bytes(&b);
                    }
                    _ => return Err(Exception::badarg()),
                }
            }
            SegKind::Binary | SegKind::Bitstring => {
                let b = match &v {
                    Term::Bits(b) => b.clone(),
                    _ => return Err(Exception::badarg()),
                };
                let n = match bits {
                    Some(n) => {
                        if n > b.bit_len() {
                            return Err(Exception::badarg());
                        }
                        n
                    }
                    None => {
                        if seg.kind == SegKind::Binary && b.bit_len() % 8 != 0 {
                            return Err(Exception::badarg());
                        }
                        b.bit_len()
                    }
                };
                w.push_bitstring(&b, n);
            }
            SegKind::Utf8 | SegKind::Utf16 | SegKind::Utf32 => {
                let c = v
                    .as_int()
                    .and_then(|i| u32::try_from(i).ok())
                    .and_then(char::from_u32)
                    .ok_or_else(Exception::badarg)?;
                match seg.kind {
                    SegKind::Utf8 => {
                        let mut buf = [0u8; 4];
                        w.push_bytes(c.encode_utf8(&mut buf).as_bytes());
                    }
                    SegKind::Utf16 => {
                        let mut buf = [0u16; 2];
                        for u in c.encode_utf16(&mut buf) {
                            let b = if seg.little { u.to_le_bytes() } else { u.to_be_bytes() };
                            w.push_bytes(&b);
                        }
                    }
                    _ => {
                        let b = if seg.little { (c as u32).to_le_bytes() } else { (c as u32).to_be_bytes() };
                        w.push_bytes(&b);
                    }
                }
            }
        }
    }
    Ok(Term::Bits(std::sync::Arc::new(w.finish())))
}

fn put_int(w: &mut BitWriter, i: &BigInt, n: usize, little: bool) {
    if n == 0 {
        return;
    }
    // Two's complement of `i` truncated to `n` bits, most significant first.
    let modulus = BigInt::from(1) << n;
    let mut v = i % &modulus;
    if v.is_negative() {
        v += &modulus;
    }
    let (_, mut bytes) = v.to_bytes_be();
    let nbytes = n.div_ceil(8);
    if bytes.len() < nbytes {
        let mut pad = vec![0u8; nbytes - bytes.len()];
        pad.extend(bytes);
        bytes = pad;
    }
    if little && n.is_multiple_of(8) {
        bytes.reverse();
        w.push_bytes(&bytes);
        return;
    }
    if little {
        // Erlang's little-endian for non-byte sizes: the value is laid out as bytes in
        // little-endian order, with the partial byte last.
        let mut le = v.to_bytes_le().1;
        le.resize(nbytes, 0);
        let full = n / 8;
        for b in &le[..full] {
            w.push_bits(*b as u64, 8);
        }
        let rest = n % 8;
        w.push_bits(le[full] as u64 & ((1 << rest) - 1), rest);
        return;
    }
    let skip = nbytes * 8 - n;
    let first_bits = 8 - skip;
    w.push_bits((bytes[0] as u64) & ((1u64 << first_bits) - 1), first_bits);
    w.push_bytes(&bytes[1..]);
}

/// Matches one segment at the front of `b`: the value and the rest.
pub(crate) fn match_segment(b: &Bitstring, seg: &Segment, size: Option<&Term>) -> Option<(Term, Bitstring)> {
    let bits = size_of(seg, size)?;
    let avail = b.bit_len();
    match seg.kind {
        SegKind::Integer => {
            let n = bits.unwrap_or(8);
            if n > avail {
                return None;
            }
            let v = read_int(b, n, seg.signed, seg.little);
            Some((v, b.slice(n, avail - n)))
        }
        SegKind::Float => {
            let n = bits.unwrap_or(64);
            if n > avail {
                return None;
            }
            let raw = b.bytes_at(0, n / 8).to_vec();
            let f = match n {
                64 => {
                    let arr: [u8; 8] = raw.try_into().ok()?;
                    if seg.little {
                        f64::from_le_bytes(arr)
                    } else {
                        f64::from_be_bytes(arr)
                    }
                }
                32 => {
                    let arr: [u8; 4] = raw.try_into().ok()?;
                    (if seg.little { f32::from_le_bytes(arr) } else { f32::from_be_bytes(arr) }) as f64
                }
                16 => {
                    let arr: [u8; 2] = raw.try_into().ok()?;
                    f16_to_f32(if seg.little { u16::from_le_bytes(arr) } else { u16::from_be_bytes(arr) }) as f64
                }
                _ => return None,
            };
            if !f.is_finite() {
                return None;
            }
            Some((Term::float(f), b.slice(n, avail - n)))
        }
        SegKind::Binary | SegKind::Bitstring => {
            let n = match bits {
                Some(n) => n,
                None => {
                    if seg.kind == SegKind::Binary && !avail.is_multiple_of(8) {
                        return None;
                    }
                    avail
                }
            };
            if n > avail {
                return None;
            }
            Some((Term::Bits(std::sync::Arc::new(b.slice(0, n))), b.slice(n, avail - n)))
        }
        SegKind::Utf8 => {
            if avail < 8 {
                return None;
            }
            let first = b.read_bits(0, 8) as u8;
            let len = match first {
                0x00..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                _ => return None,
            };
            if avail < len * 8 {
                return None;
            }
            let bytes = b.bytes_at(0, len).to_vec();
            let s = std::str::from_utf8(&bytes).ok()?;
            let c = s.chars().next()?;
            Some((Term::Int(c as i64), b.slice(len * 8, avail - len * 8)))
        }
        SegKind::Utf16 => {
            if avail < 16 {
                return None;
            }
            let rd = |off: usize| {
                let v = b.read_bits(off, 16) as u16;
                if seg.little {
                    v.swap_bytes()
                } else {
                    v
                }
            };
            let u1 = rd(0);
            if (0xd800..0xdc00).contains(&u1) {
                if avail < 32 {
                    return None;
                }
                let u2 = rd(16);
                let c = char::decode_utf16([u1, u2]).next()?.ok()?;
                Some((Term::Int(c as i64), b.slice(32, avail - 32)))
            } else {
                let c = char::from_u32(u1 as u32)?;
                Some((Term::Int(c as i64), b.slice(16, avail - 16)))
            }
        }
        SegKind::Utf32 => {
            if avail < 32 {
                return None;
            }
            let mut v = b.read_bits(0, 32) as u32;
            if seg.little {
                v = v.swap_bytes();
            }
            let c = char::from_u32(v)?;
            Some((Term::Int(c as i64), b.slice(32, avail - 32)))
        }
    }
}

fn read_int(b: &Bitstring, n: usize, signed: bool, little: bool) -> Term {
    if n == 0 {
        return Term::Int(0);
    }
    if n <= 64 && !little {
        let v = b.read_bits(0, n);
        if signed && n < 64 && (v >> (n - 1)) & 1 == 1 {
            return Term::Int((v as i64) - (1i64 << (n - 1)) * 2);
        }
        if signed && n == 64 {
            return Term::Int(v as i64);
        }
        return Term::from_i128(v as i128);
    }
    let mut bytes: Vec<u8> = Vec::with_capacity(n.div_ceil(8));
    let mut off = 0;
    while off < n {
        let k = (n - off).min(8);
        bytes.push(b.read_bits(off, k) as u8);
        off += k;
    }
    let v = if little {
        // Little-endian: bytes in reverse order; a final partial byte is the most significant.
        let mut le = bytes.clone();
        le.reverse();
        BigInt::from_bytes_be(Sign::Plus, &le)
    } else {
        let mut v = BigInt::zero();
        let mut off = 0;
        for &byte in &bytes {
            let k = (n - off).min(8);
            v = (v << k) + BigInt::from(byte);
            off += k;
        }
        v
    };
    let v = if signed && (&v >> (n - 1)) & BigInt::from(1) == BigInt::from(1) { v - (BigInt::from(1) << n) } else { v };
    match v.to_i64() {
        Some(i) => Term::Int(i),
        None => Term::from_bigint(v),
    }
}

fn f32_to_f16(f: f32) -> u16 {
    let bits = f.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exp = ((bits >> 23) & 0xff) as i32 - 127 + 15;
    let mant = bits & 0x7f_ffff;
    if exp <= 0 {
        sign
    } else if exp >= 31 {
        sign | 0x7c00
    } else {
        sign | ((exp as u16) << 10) | ((mant >> 13) as u16)
    }
}

fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h & 0x8000) as u32) << 16;
    let exp = ((h >> 10) & 0x1f) as u32;
    let mant = (h & 0x3ff) as u32;
    let bits = if exp == 0 {
        if mant == 0 {
            sign
        } else {
            let f = mant as f32 / 1024.0 * 2f32.powi(-14);
            return if sign != 0 { -f } else { f };
        }
    } else if exp == 31 {
        sign | 0x7f80_0000 | (mant << 13)
    } else {
        sign | ((exp + 127 - 15) << 23) | (mant << 13)
    };
    f32::from_bits(bits)
}
