//! Checksums and the erlang module's smaller odds and ends: `crc32/1,2`, `adler32/1,2`,
//! the incremental `md5_init/0`, `md5_update/2` and `md5_final/1`, `display/1`,
//! `fun_to_list/1`, `module_loaded/1`, `append/2`, `garbage_collect/1,2` and `now/0`.

use super::erlang::{append, iodata_bytes, write_w};
use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::{atoms, Term};
use crate::vm::Stream;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

/// A checksum argument: an integer that fits in 32 bits.
fn u32_of(t: &Term) -> Result<u32, Exception> {
    match t {
        Term::Int(n) => u32::try_from(*n).or_else(|_| badarg()),
        _ => badarg(),
    }
}

/// Adler-32 of `data`, going on from `adler`.
/// `erlang:decode_packet/3` for the framings gen_tcp has: raw (0), 1, 2, 4 and line,
/// with the packet_size, line_length and line_delimiter options. The HTTP types are not
/// supported (badarg).
fn decode_packet(kind: &Term, bin: &Term, opts: &Term) -> BifResult {
    let Some(data) = bin.as_binary() else { return Err(Exception::badarg()) };
    let (mut max, mut line_length, mut delimiter) = (0usize, 0usize, b'\n');
    for o in opts.list_to_vec().ok_or_else(Exception::badarg)? {
        match o.as_tuple() {
            Some([Term::Atom(k), Term::Int(v)]) if *v >= 0 => match k.as_str() {
                "packet_size" => max = *v as usize,
                "line_length" => line_length = *v as usize,
                "line_delimiter" if *v <= 255 => delimiter = *v as u8,
                _ => return Err(Exception::badarg()),
            },
            _ => return Err(Exception::badarg()),
        }
    }
    let ok = |packet: &[u8], rest: &[u8]| {
        Term::tuple([Term::Atom(atoms::OK), Term::binary(packet.to_vec()), Term::binary(rest.to_vec())])
    };
    let more = |n: Option<usize>| {
        Term::tuple([Term::atom("more"), n.map_or(Term::atom("undefined"), |n| Term::Int(n as i64))])
    };
    let header = match kind {
        Term::Int(0) => 0,
        Term::Int(n @ (1 | 2 | 4)) => *n as usize,
        Term::Atom(a) if a.as_str() == "raw" => 0,
        Term::Atom(a) if a.as_str() == "line" => {
            return Ok(match data.iter().position(|b| *b == delimiter) {
                Some(i) if line_length == 0 || i < line_length => ok(&data[..=i], &data[i + 1..]),
                _ if line_length > 0 && data.len() >= line_length => ok(&data[..line_length], &data[line_length..]),
                _ => more(None),
            });
        }
        _ => return Err(Exception::badarg()),
    };
    if header == 0 {
        return Ok(if data.is_empty() { more(None) } else { ok(&data, &[]) });
    }
    if data.len() < header {
        return Ok(more(None));
    }
    let size = data[..header].iter().fold(0usize, |n, b| (n << 8) | *b as usize);
    if max > 0 && size > max {
        return Ok(Term::tuple([Term::Atom(atoms::ERROR), Term::atom("invalid")]));
    }
    Ok(if data.len() < header + size {
        more(Some(header + size))
    } else {
        ok(&data[header..header + size], &data[header + size..])
    })
}

fn len_of(t: &Term) -> Result<u64, Exception> {
    match t {
        Term::Int(n) if *n >= 0 => Ok(*n as u64),
        _ => Err(Exception::badarg()),
    }
}

/// zlib's adler32_combine: the sums of the joined data, worked out from both parts' sums
/// and the second part's length, modulo 65521.
fn adler32_combine(adler1: u32, adler2: u32, len2: u64) -> u32 {
    const BASE: u64 = 65521;
    let rem = len2 % BASE;
    let (a1, b1) = (u64::from(adler1 & 0xffff), u64::from(adler1 >> 16));
    let (a2, b2) = (u64::from(adler2 & 0xffff), u64::from(adler2 >> 16));
    let sum1 = (a1 + a2 + BASE - 1) % BASE;
    let sum2 = (rem * a1 + b1 + b2 + BASE - rem) % BASE;
    (sum1 | (sum2 << 16)) as u32
}

fn adler32(adler: u32, data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (adler & 0xffff, adler >> 16);
    // 5552 bytes is the most that can be summed before the sums need reducing.
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// `erlang:now/0`: the system time as `{MegaSecs, Secs, MicroSecs}`, a different one on
/// every call (later than the one before).
fn now() -> Term {
    static LAST: AtomicI64 = AtomicI64::new(0);
    let clock = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_micros() as i64).unwrap_or(0);
    let mut last = LAST.load(Ordering::Relaxed);
    let us = loop {
        let next = clock.max(last + 1);
        match LAST.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => break next,
            Err(seen) => last = seen,
        }
    };
    Term::tuple([Term::Int(us / 1_000_000_000_000), Term::Int(us / 1_000_000 % 1_000_000), Term::Int(us % 1_000_000)])
}

/// `erlang:display/1`'s form of a term: as `~w` writes it, but lists of printable
/// characters as strings and floats as C's `%e` does (`1.500000e+00`), as the emulator's
/// own printer writes them.
fn display_form(t: &Term) -> String {
    match t {
        Term::Float(f) => {
            let s = format!("{:.6e}", f.get());
            match s.split_once('e') {
                Some((m, e)) => {
                    let (sign, digits) = e.strip_prefix('-').map_or(("+", e), |d| ("-", d));
                    format!("{m}e{sign}{digits:0>2}")
                }
                None => s,
            }
        }
        Term::Cons(_) => match t.list_to_vec() {
            Some(items) if items.iter().all(|c| matches!(c, Term::Int(n) if (32..127).contains(n))) => {
                let s: String =
                    items.iter().filter_map(|c| c.as_int().and_then(|n| char::from_u32(n as u32))).collect();
                format!("{s:?}")
            }
            Some(items) => format!("[{}]", items.iter().map(display_form).collect::<Vec<_>>().join(",")),
            None => write_w(t),
        },
        Term::Tuple(items) => format!("{{{}}}", items.iter().map(display_form).collect::<Vec<_>>().join(",")),
        Term::Bits(b) if b.is_binary() && b.bit_len() > 0 && b.to_bytes().iter().all(|c| (32..127).contains(c)) => {
            format!("<<{:?}>>", String::from_utf8_lossy(&b.to_bytes()))
        }
        _ => write_w(t),
    }
}

bifs! {
    "erlang", "crc32", 1 => |_, a| Ok(Term::Int(i64::from(crc32fast::hash(&iodata_bytes(&a[0])?))));
    "erlang", "crc32", 2 => |_, a| {
        let mut h = crc32fast::Hasher::new_with_initial(u32_of(&a[0])?);
        h.update(&iodata_bytes(&a[1])?);
        Ok(Term::Int(i64::from(h.finalize())))
    };
    "erlang", "adler32", 1 => |_, a| Ok(Term::Int(i64::from(adler32(1, &iodata_bytes(&a[0])?))));
    "erlang", "adler32", 2 => |_, a| Ok(Term::Int(i64::from(adler32(u32_of(&a[0])?, &iodata_bytes(&a[1])?))));
    "erlang", "decode_packet", 3 => |_, a| decode_packet(&a[0], &a[1], &a[2]);
    // The checksum of two pieces joined, from theirs and the second's length.
    "erlang", "crc32_combine", 3 => |_, a| {
        let (c1, c2, len2) = (u32_of(&a[0])?, u32_of(&a[1])?, len_of(&a[2])?);
        let mut h = crc32fast::Hasher::new_with_initial_len(c1, 0);
        h.combine(&crc32fast::Hasher::new_with_initial_len(c2, len2));
        Ok(Term::Int(i64::from(h.finalize())))
    };
    "erlang", "adler32_combine", 3 => |_, a| {
        Ok(Term::Int(i64::from(adler32_combine(u32_of(&a[0])?, u32_of(&a[1])?, len_of(&a[2])?))))
    };
    // The context of an incremental MD5 is the data so far (an opaque binary to callers).
    "erlang", "md5_init", 0 => |_, _| Ok(Term::binary(Vec::new()));
    "erlang", "md5_update", 2 => |_, a| match &a[0] {
        Term::Bits(ctx) if ctx.is_binary() => {
            let mut data = ctx.to_bytes().into_owned();
            data.extend(iodata_bytes(&a[1])?);
            Ok(Term::binary(data))
        }
        _ => badarg(),
    };
    "erlang", "md5_final", 1 => |_, a| match &a[0] {
        Term::Bits(ctx) if ctx.is_binary() => {
            use md5::Digest;
            Ok(Term::binary(md5::Md5::digest(ctx.to_bytes()).to_vec()))
        }
        _ => badarg(),
    };
    "erlang", "display", 1 => |p, a| {
        // (The emulator ends the line with CR LF, wherever its output goes.)
        p.vm.write_out(Stream::Out, &format!("{}\r\n", display_form(&a[0])));
        Ok(Term::bool(true))
    };
    "erlang", "fun_to_list", 1 => |_, a| match &a[0] {
        Term::Fun(_) => Ok(Term::string(&write_w(&a[0]))),
        _ => badarg(),
    };
    "erlang", "module_loaded", 1 => |p, a| match &a[0] {
        Term::Atom(m) => Ok(Term::bool(p.vm.has_module(*m))),
        _ => badarg(),
    };
    "erlang", "append", 2 => |_, a| append(&a[0], &a[1]);
    "erlang", "garbage_collect", 1 => |_, a| match &a[0] {
        Term::Pid(_) => Ok(Term::bool(true)),
        _ => badarg(),
    };
    "erlang", "garbage_collect", 2 => |_, a| match (&a[0], a[1].list_len()) {
        (Term::Pid(_), Some(_)) => Ok(Term::bool(true)),
        _ => badarg(),
    };
    "erlang", "now", 0 => |_, _| Ok(now());
}

#[cfg(test)]
mod tests {
    use super::adler32;

    #[test]
    fn adler32_matches_known_sums() {
        assert_eq!(adler32(1, b"abc"), 38_600_999);
        assert_eq!(adler32(1, b""), 1);
        // Long enough to need the sums reduced on the way.
        let long = vec![255u8; 100_000];
        let mut a: u64 = 1;
        let mut b: u64 = 0;
        for &x in &long {
            a = (a + u64::from(x)) % 65_521;
            b = (b + a) % 65_521;
        }
        assert_eq!(adler32(1, &long), ((b << 16) | a) as u32);
    }
}
