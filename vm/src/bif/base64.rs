//! The `base64` module of OTP 25: encoding and decoding with the standard alphabet and
//! padding. `decode` accepts whitespace anywhere and `=` only at the end; `mime_decode`
//! skips every character outside the alphabet. Input is a binary or a flat list of bytes.

use super::BifDef;
use crate::interp::exception::Exception;
use crate::term::{atoms, Term};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bifs! {
    "base64", "encode", 1 => |_, a| Ok(Term::binary(encode(&bytes(&a[0])?)));
    "base64", "encode_to_string", 1 => |_, a| Ok(chars(&encode(&bytes(&a[0])?)));
    "base64", "decode", 1 => |_, a| Ok(Term::binary(decode(&bytes(&a[0])?, false)?));
    "base64", "decode_to_string", 1 => |_, a| Ok(chars(&decode(&bytes(&a[0])?, false)?));
    "base64", "mime_decode", 1 => |_, a| Ok(Term::binary(decode(&bytes(&a[0])?, true)?));
    "base64", "mime_decode_to_string", 1 => |_, a| Ok(chars(&decode(&bytes(&a[0])?, true)?));
}

/// The bytes of a binary or of a flat list of bytes; anything else is no clause of the
/// function, as in OTP.
fn bytes(t: &Term) -> Result<Vec<u8>, Exception> {
    match t {
        Term::Bits(b) if b.is_binary() => Ok(b.to_bytes().into_owned()),
        Term::Nil | Term::Cons(_) => {
            let v = t.list_to_vec().ok_or_else(Exception::badarg)?;
            v.iter().map(|c| c.as_int().and_then(|c| u8::try_from(c).ok()).ok_or_else(Exception::badarg)).collect()
        }
        _ => Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))),
    }
}

fn chars(b: &[u8]) -> Term {
    Term::list(b.iter().map(|&c| Term::Int(c as i64)).collect())
}

fn encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&x| x == c).map(|i| i as u32)
}

/// Decodes; `mime` skips what is not in the alphabet. Strictly: whitespace is skipped,
/// `=` may only end the input, and the rest must come in groups of four (badarg, or no
/// clause for a length that is not).
fn decode(data: &[u8], mime: bool) -> Result<Vec<u8>, Exception> {
    let mut digits = Vec::with_capacity(data.len());
    let mut pad = 0;
    for &c in data {
        match value(c) {
            Some(v) if pad == 0 || mime => digits.push(v),
            _ if mime => {}
            _ if matches!(c, b' ' | b'\t' | b'\r' | b'\n') => {}
            None if c == b'=' && pad < 2 => pad += 1,
            _ => return Err(Exception::badarg()),
        }
    }
    if !mime && (digits.len() + pad) % 4 != 0 {
        return Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE)));
    }
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for group in digits.chunks(4) {
        if group.len() == 1 {
            // One digit makes no byte.
            if mime {
                break;
            }
            return Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE)));
        }
        let n = group.iter().enumerate().fold(0u32, |n, (i, &d)| n | d << (18 - 6 * i));
        for i in 0..group.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}
