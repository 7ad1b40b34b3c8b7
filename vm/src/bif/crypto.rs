//! The part of OTP's `crypto` that programs use most: message digests (`hash/2` and the
//! `hash_init`/`hash_update`/`hash_final` triple), HMAC (`mac/4`, `macN/5`), random bytes
//! from the operating system and `hash_equals/2`, on RustCrypto's digest crates.
//!
//! A digest state is a value, as OTP's behaves: `{'$ember_hash', Type, Data}` with the
//! data so far (an iolist of the pieces), digested by `hash_final`; an old state stays
//! usable.

use super::erlang::iodata_bytes;
use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::{atoms, Atom, Term};
use hmac::Mac;
use sha2::Digest;

const STATE: &str = "$ember_hash";

bifs! {
    "crypto", "hash", 2 => |_, a| {
        let kind = kind(&a[0]).ok_or_else(|| bad("hash.c", 108, "Bad digest type"))?;
        Ok(Term::binary(digest(kind, &iodata_bytes(&a[1])?)))
    };
    "crypto", "hash_init", 1 => |_, a| {
        kind(&a[0]).ok_or_else(|| bad("hash.c", 142, "Bad digest type"))?;
        Ok(Term::tuple([Term::atom(STATE), a[0].clone(), Term::binary(Vec::new())]))
    };
    // The data so far is kept as an iolist of the pieces, joined only by hash_final.
    "crypto", "hash_update", 2 => |_, a| {
        let (kind, so_far) = state(&a[0])?;
        let piece = Term::binary(iodata_bytes(&a[1])?);
        Ok(Term::tuple([Term::atom(STATE), Term::Atom(kind), Term::list_from_slice(&[so_far, piece], Term::Nil)]))
    };
    "crypto", "hash_final", 1 => |_, a| {
        let (kind, so_far) = state(&a[0])?;
        let kind = self::kind(&Term::Atom(kind)).ok_or_else(Exception::badarg)?;
        Ok(Term::binary(digest(kind, &iodata_bytes(&so_far)?)))
    };
    "crypto", "mac", 4 => |_, a| mac(&a[0], &a[1], &a[2], &a[3], None);
    "crypto", "macN", 5 => |_, a| match &a[4] {
        Term::Int(n) if *n >= 1 => mac(&a[0], &a[1], &a[2], &a[3], Some(*n as usize)),
        _ => Err(Exception::badarg()),
    };
    // Read in place, so at most 64 MiB at a time (system_limit beyond).
    "crypto", "strong_rand_bytes", 1 => |_, a| match &a[0] {
        Term::Int(n) if *n > 1 << 26 => Err(Exception::error(Term::Atom(atoms::SYSTEM_LIMIT))),
        Term::Int(n) if *n >= 0 => {
            use std::io::Read;
            let mut buf = vec![0u8; *n as usize];
            std::fs::File::open("/dev/urandom")
                .and_then(|mut f| f.read_exact(&mut buf))
                .map_err(|_| Exception::error(Term::atom("low_entropy")))?;
            Ok(Term::binary(buf))
        }
        _ => Err(Exception::badarg()),
    };
    // Compares in time that depends only on the length, as for secrets it should.
    "crypto", "hash_equals", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Bits(x), Term::Bits(y)) if x.is_binary() && y.is_binary() && x.byte_len() == y.byte_len() => {
            let diff = x.to_bytes().iter().zip(y.to_bytes().iter()).fold(0u8, |d, (p, q)| d | (p ^ q));
            Ok(Term::bool(diff == 0))
        }
        _ => Err(Exception::badarg()),
    };
    "crypto", "start", 0 => |_, _| Ok(Term::Atom(atoms::OK));
    "crypto", "stop", 0 => |_, _| Ok(Term::Atom(atoms::OK));
}

#[derive(Clone, Copy)]
enum Kind {
    Md5,
    Sha,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

fn kind(t: &Term) -> Option<Kind> {
    Some(match t.as_atom()?.as_str() {
        "md5" => Kind::Md5,
        "sha" => Kind::Sha,
        "sha224" => Kind::Sha224,
        "sha256" => Kind::Sha256,
        "sha384" => Kind::Sha384,
        "sha512" => Kind::Sha512,
        _ => return None,
    })
}

fn digest(kind: Kind, data: &[u8]) -> Vec<u8> {
    match kind {
        Kind::Md5 => md5::Md5::digest(data).to_vec(),
        Kind::Sha => sha1::Sha1::digest(data).to_vec(),
        Kind::Sha224 => sha2::Sha224::digest(data).to_vec(),
        Kind::Sha256 => sha2::Sha256::digest(data).to_vec(),
        Kind::Sha384 => sha2::Sha384::digest(data).to_vec(),
        Kind::Sha512 => sha2::Sha512::digest(data).to_vec(),
    }
}

fn hmac_of(kind: Kind, key: &[u8], data: &[u8]) -> Vec<u8> {
    macro_rules! run {
        ($d:ty) => {{
            // An HMAC takes a key of any length.
            let mut m = hmac::Hmac::<$d>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }};
    }
    match kind {
        Kind::Md5 => run!(md5::Md5),
        Kind::Sha => run!(sha1::Sha1),
        Kind::Sha224 => run!(sha2::Sha224),
        Kind::Sha256 => run!(sha2::Sha256),
        Kind::Sha384 => run!(sha2::Sha384),
        Kind::Sha512 => run!(sha2::Sha512),
    }
}

fn mac(kind: &Term, sub: &Term, key: &Term, text: &Term, len: Option<usize>) -> BifResult {
    if !kind.is_atom(Atom::new("hmac")) {
        return Err(bad("mac.c", 233, "Unknown mac algorithm"));
    }
    let sub = self::kind(sub).ok_or_else(|| bad("mac.c", 263, "Bad digest algorithm for HMAC"))?;
    let mut out = hmac_of(sub, &iodata_bytes(key)?, &iodata_bytes(text)?);
    if let Some(n) = len {
        out.truncate(n);
    }
    Ok(Term::binary(out))
}

fn state(t: &Term) -> Result<(Atom, Term), Exception> {
    match t.as_tuple() {
        Some([tag, Term::Atom(kind), so_far]) if tag.is_atom(Atom::new(STATE)) => Ok((*kind, so_far.clone())),
        _ => Err(bad("hash.c", 171, "Bad state")),
    }
}

/// The error OTP's NIFs raise: `{badarg, {File, Line}, Description}`.
fn bad(file: &str, line: i64, what: &str) -> Exception {
    Exception::error(Term::tuple([
        Term::Atom(atoms::BADARG),
        Term::tuple([Term::string(file), Term::Int(line)]),
        Term::string(what),
    ]))
}
