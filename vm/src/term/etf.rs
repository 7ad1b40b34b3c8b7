//! The external term format, version 131 (`term_to_binary`, `binary_to_term`).
//!
//! [`encode`] produces exactly the bytes OTP 25's `term_to_binary/1` produces for every
//! term ember can hold, with two documented exceptions:
//!
//! * Maps with more than 32 keys are written in the order of BEAM's hash trie (as
//!   `maps:to_list/1` lists them), which is OTP's for keys built of numbers, binaries,
//!   lists, tuples and maps, but not for keys that are other atoms than `true` and
//!   `false`, pids, references or funs (see `map_hash.rs`). Maps of up to 32 keys are
//!   written in map key order by both.
//! * Local closures have no BEAM counterpart, so they are written as `NEW_FUN_EXT` with
//!   placeholder fields: the 16-byte MD5 field holds the fun's `uniq` as a big-endian u32
//!   followed by twelve zero bytes, `OldIndex` is the lambda index, `OldUniq` is `uniq`,
//!   and the creator pid is `<0.0.0>` of this node. Closures of other nodes are written
//!   back exactly as they came.
//!
//! This node's pids and references are written with the node's name and creation
//! ([`NodeId`]: `nonode@nohost` and 0 until distribution starts), as `NEW_PID_EXT` with the
//! pid's slot index as ID and its generation as serial, and as `NEWER_REFERENCE_EXT` with
//! three words holding the reference number as `print.rs` shows it (low 20 bits, next 20
//! bits, then the rest). Other nodes' pids and references are written as they came.
//!
//! [`decode`] accepts everything `encode` writes (compressed terms included) plus the
//! older tags (`SMALL_ATOM_EXT`, `ATOM_EXT`, `FLOAT_EXT`, `PID_EXT`, `NEW_REFERENCE_EXT`).
//! It deliberately rejects, with an error rather than a guess: atom cache references,
//! ports and the pre-R8 `FUN_EXT`. A closure (`NEW_FUN_EXT`) becomes a foreign fun
//! (`FunKind::Foreign`): kept, printed and sent on, not called (ember's own closures too,
//! when they come back from another node). A pid or reference whose node and creation are
//! this node's ([`NodeId::owns`]) becomes a local one (reference words reduced to the bits
//! a [`Ref`] holds); any other is interned as another node's (see `external.rs`).
//! Malformed input of any kind yields an [`EtfError`], never a panic. Bytes after the
//! term are left to the caller.
//!
//! Neither direction recurses along list tails or into nested terms: both keep an
//! explicit stack, so a ten-million-element list or a deeply nested term is handled in
//! constant native stack. (Only the comparison that sorts map keys recurses, into the
//! heads and elements of keys, never along a list's tail.)

use super::external::{ExternalPid, ExternalRef, MAX_REF_WORDS};
use super::{Atom, AtomError, Bitstring, ForeignFun, Fun, FunKind, Map, NodeId, Pid, Ref, Term};
use num_bigint::{BigInt, Sign};
use std::cmp::Ordering;
use std::sync::Arc;

const VERSION: u8 = 131;

const NEW_FLOAT_EXT: u8 = 70;
const BIT_BINARY_EXT: u8 = 77;
const COMPRESSED: u8 = 80;
const ATOM_CACHE_REF: u8 = 82;
const NEW_PID_EXT: u8 = 88;
const NEW_PORT_EXT: u8 = 89;
const NEWER_REFERENCE_EXT: u8 = 90;
const SMALL_INTEGER_EXT: u8 = 97;
const INTEGER_EXT: u8 = 98;
const FLOAT_EXT: u8 = 99;
const ATOM_EXT: u8 = 100;
const REFERENCE_EXT: u8 = 101;
const PORT_EXT: u8 = 102;
const PID_EXT: u8 = 103;
const SMALL_TUPLE_EXT: u8 = 104;
const LARGE_TUPLE_EXT: u8 = 105;
const NIL_EXT: u8 = 106;
const STRING_EXT: u8 = 107;
const LIST_EXT: u8 = 108;
const BINARY_EXT: u8 = 109;
const SMALL_BIG_EXT: u8 = 110;
const LARGE_BIG_EXT: u8 = 111;
const NEW_FUN_EXT: u8 = 112;
const EXPORT_EXT: u8 = 113;
const NEW_REFERENCE_EXT: u8 = 114;
const SMALL_ATOM_EXT: u8 = 115;
const MAP_EXT: u8 = 116;
const FUN_EXT: u8 = 117;
const ATOM_UTF8_EXT: u8 = 118;
const SMALL_ATOM_UTF8_EXT: u8 = 119;
const V4_PORT_EXT: u8 = 120;

/// The longest list `STRING_EXT` can hold.
const MAX_STRING_EXT: usize = 65535;

/// Why a binary could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EtfError {
    /// The input ended in the middle of a term.
    Truncated,
    /// The first byte is not the version byte 131.
    BadVersion(u8),
    /// A byte where a tag was expected is not a tag this decoder knows.
    BadTag(u8),
    /// A term's encoding is invalid (the reason names what was wrong).
    Malformed(&'static str),
    /// An atom is longer than 255 characters or the atom table is full.
    AtomLimit,
    /// A valid encoding of something ember cannot represent (the reason names it).
    Unsupported(&'static str),
}

impl std::fmt::Display for EtfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EtfError::Truncated => write!(f, "external term ends early"),
            EtfError::BadVersion(v) => write!(f, "bad external term version byte {v}"),
            EtfError::BadTag(t) => write!(f, "unknown external term tag {t}"),
            EtfError::Malformed(why) => write!(f, "malformed external term: {why}"),
            EtfError::AtomLimit => write!(f, "atom too long or atom table full"),
            EtfError::Unsupported(what) => write!(f, "unsupported external term: {what}"),
        }
    }
}

impl std::error::Error for EtfError {}

/// Options of `term_to_binary/2` that change the bytes produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodeOptions {
    /// `{minor_version, N}`: 0 writes floats as text (`FLOAT_EXT`); 1 (the default in
    /// OTP 25) writes floats as `NEW_FLOAT_EXT` and atoms as Latin-1 `ATOM_EXT` when they
    /// can be; 2 also writes every atom as UTF-8. Values above 2 behave as 2.
    pub minor_version: u8,
    /// `compressed` / `{compressed, Level}`: the zlib level (0 for none). As in erl, the
    /// compressed form is used only if it is no longer than the plain one.
    pub compression: u32,
    /// The node whose name and creation this node's pids and references carry.
    pub node: NodeId,
}

impl Default for EncodeOptions {
    fn default() -> EncodeOptions {
        EncodeOptions { minor_version: 1, compression: 0, node: NodeId::NONODE }
    }
}

/// Encodes `t` exactly as OTP 25's `term_to_binary/1` does.
pub fn encode(t: &Term) -> Vec<u8> {
    encode_with(t, &EncodeOptions::default())
}

/// Encodes `t` as `term_to_binary/2` does with the given options.
pub fn encode_with(t: &Term, opts: &EncodeOptions) -> Vec<u8> {
    let mut enc = Encoder { out: Vec::with_capacity(64), minor: opts.minor_version, node: opts.node };
    enc.out.push(VERSION);
    enc.term(t);
    if opts.compression > 0 {
        if let Some(c) = compress(&enc.out[1..], opts.compression) {
            return c;
        }
    }
    enc.out
}

/// `COMPRESSED` form of an encoded term (without its version byte), if it comes out no
/// longer than the plain one: version, tag, the uncompressed length, then the zlib stream.
fn compress(payload: &[u8], level: u32) -> Option<Vec<u8>> {
    use std::io::Write;
    let size = u32::try_from(payload.len()).ok()?;
    let mut out = vec![VERSION, COMPRESSED];
    out.extend_from_slice(&size.to_be_bytes());
    let mut z = flate2::write::ZlibEncoder::new(out, flate2::Compression::new(level.min(9)));
    z.write_all(payload).ok()?;
    let out = z.finish().ok()?;
    (out.len() <= payload.len() + 1).then_some(out)
}

/// The term inside a `COMPRESSED` form (after its tag): its declared length, then a zlib
/// stream of exactly that many bytes. Returns the term's bytes and how many input bytes
/// the stream took.
fn decompress(r: &mut Reader<'_>) -> Result<(Vec<u8>, usize), EtfError> {
    use std::io::Read;
    let size = r.u32()? as usize;
    let rest = &r.buf[r.pos..];
    let mut z = flate2::read::ZlibDecoder::new(rest);
    // Read one byte more than declared, to tell a stream that is too long; never allocate
    // more than the input could plausibly expand to before reading it.
    let mut out = Vec::with_capacity(size.min(rest.len().saturating_mul(64)));
    (&mut z).take(size as u64 + 1).read_to_end(&mut out).map_err(|_| EtfError::Malformed("bad zlib stream"))?;
    if out.len() != size {
        return Err(EtfError::Malformed("compressed length mismatch"));
    }
    let used = z.total_in() as usize;
    Ok((out, used))
}

/// The work an encoder has left, innermost last.
enum Work<'a> {
    /// Encode this term.
    Term(&'a Term),
    /// Encode these terms in order.
    Elems(&'a [Term]),
    /// Encode the elements of the list starting at this cell, then the list's tail.
    ListRest(&'a Term),
    /// Write the byte size of the `NEW_FUN_EXT` whose size field is at this offset.
    FunSize(usize),
}

struct Encoder {
    out: Vec<u8>,
    minor: u8,
    node: NodeId,
}

impl Encoder {
    fn u16(&mut self, v: u16) {
        self.out.extend_from_slice(&v.to_be_bytes());
    }

    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_be_bytes());
    }

    fn term(&mut self, root: &Term) {
        let mut work = vec![Work::Term(root)];
        while let Some(w) = work.pop() {
            match w {
                Work::Term(t) => self.one(t, &mut work),
                Work::Elems(ts) => {
                    if let Some((first, rest)) = ts.split_first() {
                        if !rest.is_empty() {
                            work.push(Work::Elems(rest));
                        }
                        work.push(Work::Term(first));
                    }
                }
                Work::ListRest(t) => match t {
                    Term::Cons(c) => {
                        work.push(Work::ListRest(&c.tail));
                        work.push(Work::Term(&c.head));
                    }
                    tail => work.push(Work::Term(tail)),
                },
                Work::FunSize(at) => {
                    let size = (self.out.len() - at) as u32;
                    self.out[at..at + 4].copy_from_slice(&size.to_be_bytes());
                }
            }
        }
    }

    /// Writes one term's header, and for compound terms queues its parts.
    fn one<'a>(&mut self, t: &'a Term, work: &mut Vec<Work<'a>>) {
        match t {
            Term::Int(i) => self.int(*i),
            Term::Big(b) => self.big(b),
            Term::Float(f) => self.float(f.get()),
            Term::Atom(a) => self.atom(a.as_str()),
            Term::Nil => self.out.push(NIL_EXT),
            Term::Cons(_) => {
                if let Some(bytes) = byte_string(t) {
                    self.out.push(STRING_EXT);
                    self.u16(bytes.len() as u16);
                    self.out.extend_from_slice(&bytes);
                } else {
                    let mut cells: u64 = 0;
                    let mut it = t.iter_list();
                    for _ in it.by_ref() {
                        cells += 1;
                    }
                    self.out.push(LIST_EXT);
                    self.u32(cells as u32);
                    work.push(Work::ListRest(t));
                }
            }
            Term::Tuple(x) => {
                if x.len() <= 255 {
                    self.out.push(SMALL_TUPLE_EXT);
                    self.out.push(x.len() as u8);
                } else {
                    self.out.push(LARGE_TUPLE_EXT);
                    self.u32(x.len() as u32);
                }
                if !x.is_empty() {
                    work.push(Work::Elems(x));
                }
            }
            Term::Map(m) => {
                self.out.push(MAP_EXT);
                self.u32(m.len() as u32);
                // A small map in map key order; a large one as BEAM walks its trie, in the
                // order of maps:to_list/1.
                let mut pairs: Vec<(&'a Term, &'a Term)> = m.list_order().collect();
                if !m.is_large() {
                    pairs.sort_by(|x, y| map_key_cmp(x.0, y.0));
                }
                for (k, v) in pairs.into_iter().rev() {
                    work.push(Work::Term(v));
                    work.push(Work::Term(k));
                }
            }
            Term::Bits(b) => self.bits(b),
            Term::Fun(f) => self.fun(f, work),
            Term::Pid(p) => self.pid(*p),
            Term::Ref(r) => {
                self.out.push(NEWER_REFERENCE_EXT);
                match r.as_external() {
                    None => {
                        self.u16(3);
                        self.atom(self.node.name.as_str());
                        self.u32(self.node.creation);
                        for w in ref_words(*r) {
                            self.u32(w);
                        }
                    }
                    Some(e) => {
                        self.u16(e.words().len() as u16);
                        self.atom(e.node.as_str());
                        self.u32(e.creation);
                        for w in e.words() {
                            self.u32(*w);
                        }
                    }
                }
            }
        }
    }

    fn int(&mut self, i: i64) {
        if (0..=255).contains(&i) {
            self.out.push(SMALL_INTEGER_EXT);
            self.out.push(i as u8);
        } else if let Ok(small) = i32::try_from(i) {
            self.out.push(INTEGER_EXT);
            self.out.extend_from_slice(&small.to_be_bytes());
        } else {
            let mag = i.unsigned_abs().to_le_bytes();
            let len = 8 - (i.unsigned_abs().leading_zeros() / 8) as usize;
            self.big_digits(i < 0, &mag[..len]);
        }
    }

    fn big(&mut self, b: &BigInt) {
        let (sign, mag) = b.to_bytes_le();
        self.big_digits(sign == Sign::Minus, &mag);
    }

    fn big_digits(&mut self, negative: bool, mag: &[u8]) {
        if mag.len() <= 255 {
            self.out.push(SMALL_BIG_EXT);
            self.out.push(mag.len() as u8);
        } else {
            self.out.push(LARGE_BIG_EXT);
            self.u32(mag.len() as u32);
        }
        self.out.push(negative as u8);
        self.out.extend_from_slice(mag);
    }

    fn float(&mut self, f: f64) {
        if self.minor == 0 {
            // Minor version 0 writes the float as `"%.20e"` text in a 31-byte field.
            self.out.push(FLOAT_EXT);
            let text = super::floats::float_to_list(f, &super::floats::FloatOpts::Scientific(20)).unwrap_or_default();
            let mut field = [0u8; 31];
            let n = text.len().min(31);
            field[..n].copy_from_slice(&text.as_bytes()[..n]);
            self.out.extend_from_slice(&field);
        } else {
            self.out.push(NEW_FLOAT_EXT);
            self.out.extend_from_slice(&f.to_bits().to_be_bytes());
        }
    }

    fn atom(&mut self, name: &str) {
        if self.minor < 2 && name.chars().all(|c| (c as u32) < 256) {
            self.out.push(ATOM_EXT);
            self.u16(name.chars().count() as u16);
            self.out.extend(name.chars().map(|c| c as u8));
        } else if name.len() <= 255 {
            self.out.push(SMALL_ATOM_UTF8_EXT);
            self.out.push(name.len() as u8);
            self.out.extend_from_slice(name.as_bytes());
        } else {
            self.out.push(ATOM_UTF8_EXT);
            self.u16(name.len() as u16);
            self.out.extend_from_slice(name.as_bytes());
        }
    }

    fn bits(&mut self, b: &Bitstring) {
        let bytes = b.to_bytes();
        let rest = b.bit_len() % 8;
        if rest == 0 {
            self.out.push(BINARY_EXT);
            self.u32(bytes.len() as u32);
        } else {
            self.out.push(BIT_BINARY_EXT);
            self.u32(bytes.len() as u32);
            self.out.push(rest as u8);
        }
        self.out.extend_from_slice(&bytes);
    }

    fn pid(&mut self, p: Pid) {
        self.out.push(NEW_PID_EXT);
        let e = p.as_external().unwrap_or(ExternalPid {
            node: self.node.name,
            id: p.index(),
            serial: p.serial(),
            creation: self.node.creation,
        });
        self.atom(e.node.as_str());
        self.u32(e.id);
        self.u32(e.serial);
        self.u32(e.creation);
    }

    fn fun<'a>(&mut self, f: &'a Fun, work: &mut Vec<Work<'a>>) {
        match &f.kind {
            FunKind::Export { function, arity } => {
                self.out.push(EXPORT_EXT);
                self.atom(f.module.as_str());
                self.atom(function.as_str());
                self.int(i64::from(*arity));
            }
            FunKind::Local { index, arity, uniq, env, .. } => {
                let mut md5 = [0u8; 16];
                md5[..4].copy_from_slice(&uniq.to_be_bytes());
                let header = (*arity, md5, *index, *index, *uniq, Pid::new(0, 0));
                self.closure(f.module, header, env, work)
            }
            FunKind::Foreign(x) => {
                self.closure(f.module, (x.arity, x.md5, x.new_index, x.index, x.uniq, x.creator), &x.env, work)
            }
        }
    }

    /// Writes a closure's `NEW_FUN_EXT` header (arity, MD5, index, old index, old uniq and
    /// creator) and queues its captured values; the size field is filled in once they are
    /// written.
    fn closure<'a>(
        &mut self,
        module: Atom,
        (arity, md5, index, old_index, old_uniq, creator): (u32, [u8; 16], u32, u32, u32, Pid),
        env: &'a [Term],
        work: &mut Vec<Work<'a>>,
    ) {
        self.out.push(NEW_FUN_EXT);
        let size_at = self.out.len();
        self.u32(0);
        self.out.push(arity as u8);
        self.out.extend_from_slice(&md5);
        self.u32(index);
        self.u32(env.len() as u32);
        self.atom(module.as_str());
        self.int(i64::from(old_index));
        self.int(i64::from(old_uniq));
        self.pid(creator);
        work.push(Work::FunSize(size_at));
        if !env.is_empty() {
            work.push(Work::Elems(env));
        }
    }
}

/// BEAM's map key order, in which small maps are written: term order, except that every
/// integer sorts before every float, at any depth (`#{2 => a, 1.5 => b}` lists 2 first,
/// and `[2]` sorts before `[1.0]`). Lists are compared in a loop along their tails.
fn map_key_cmp(a: &Term, b: &Term) -> Ordering {
    let mut a = a;
    let mut b = b;
    loop {
        match (a, b) {
            (Term::Int(_) | Term::Big(_), Term::Float(_)) => return Ordering::Less,
            (Term::Float(_), Term::Int(_) | Term::Big(_)) => return Ordering::Greater,
            (Term::Cons(x), Term::Cons(y)) => match map_key_cmp(&x.head, &y.head) {
                Ordering::Equal => {
                    a = &x.tail;
                    b = &y.tail;
                }
                o => return o,
            },
            (Term::Tuple(x), Term::Tuple(y)) => {
                return x.len().cmp(&y.len()).then_with(|| {
                    x.iter()
                        .zip(y.iter())
                        .map(|(p, q)| map_key_cmp(p, q))
                        .find(|o| o.is_ne())
                        .unwrap_or(Ordering::Equal)
                })
            }
            (Term::Map(x), Term::Map(y)) => {
                fn sorted(m: &Map) -> Vec<(&Term, &Term)> {
                    let mut v: Vec<(&Term, &Term)> = m.iter().collect();
                    v.sort_by(|p, q| map_key_cmp(p.0, q.0));
                    v
                }
                return x.len().cmp(&y.len()).then_with(|| {
                    let (px, py) = (sorted(x), sorted(y));
                    let keys = px.iter().zip(py.iter()).map(|(p, q)| map_key_cmp(p.0, q.0));
                    let values = px.iter().zip(py.iter()).map(|(p, q)| map_key_cmp(p.1, q.1));
                    keys.chain(values).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
                });
            }
            _ => return a.cmp(b),
        }
    }
}

/// The bytes of `t` if it is a proper list of at most 65535 integers in 0..=255, the
/// lists `term_to_binary` writes as `STRING_EXT`.
fn byte_string(t: &Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut it = t.iter_list();
    for e in it.by_ref() {
        match e {
            Term::Int(i) if (0..=255).contains(i) && out.len() < MAX_STRING_EXT => out.push(*i as u8),
            _ => return None,
        }
    }
    matches!(it.tail(), Term::Nil).then_some(out)
}

/// The three reference words of `r`, least significant first, as `print.rs` shows them.
fn ref_words(r: Ref) -> [u32; 3] {
    [(r.0 & 0xfffff) as u32, ((r.0 >> 20) & 0xfffff) as u32, (r.0 >> 40) as u32]
}

/// The reference whose words are `w` (words beyond what a [`Ref`] holds are dropped).
fn ref_from_words(w: &[u32]) -> Ref {
    let word = |i: usize| w.get(i).copied().unwrap_or(0) as u64;
    Ref((word(0) & 0xfffff) | ((word(1) & 0xfffff) << 20) | ((word(2) & 0x7f_ffff) << 40))
}

/// Decodes one term from the start of `bytes` (which begins with the version byte),
/// returning it and the number of bytes it used. Bytes after the term are ignored, as
/// `binary_to_term/1` ignores them.
pub fn decode(bytes: &[u8]) -> Result<(Term, usize), EtfError> {
    decode_in(bytes, NodeId::NONODE)
}

/// [`decode`] on node `node`: pids and references of `node` become local ones.
pub fn decode_in(bytes: &[u8], node: NodeId) -> Result<(Term, usize), EtfError> {
    let mut r = Reader { buf: bytes, pos: 0, node };
    let version = r.u8()?;
    if version != VERSION {
        return Err(EtfError::BadVersion(version));
    }
    if r.peek() == Some(COMPRESSED) {
        r.pos += 1;
        let (bytes, used) = decompress(&mut r)?;
        let mut inner = Reader { buf: &bytes, pos: 0, node: r.node };
        let t = decode_term(&mut inner)?;
        if inner.pos != bytes.len() {
            return Err(EtfError::Malformed("bytes after a compressed term"));
        }
        return Ok((t, r.pos + used));
    }
    let t = decode_term(&mut r)?;
    Ok((t, r.pos))
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    node: NodeId,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], EtfError> {
        if n > self.remaining() {
            return Err(EtfError::Truncated);
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// Fails unless at least `n` more bytes follow: a cheap bound that stops a huge
    /// claimed length before anything is allocated for it.
    fn need(&self, n: usize) -> Result<(), EtfError> {
        if n > self.remaining() {
            Err(EtfError::Truncated)
        } else {
            Ok(())
        }
    }

    fn u8(&mut self) -> Result<u8, EtfError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, EtfError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, EtfError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Reads an atom written with any of the four atom tags.
    fn atom(&mut self) -> Result<Atom, EtfError> {
        let tag = self.u8()?;
        self.atom_body(tag)
    }

    fn atom_body(&mut self, tag: u8) -> Result<Atom, EtfError> {
        let name: String = match tag {
            ATOM_EXT | SMALL_ATOM_EXT => {
                let n = if tag == ATOM_EXT { self.u16()? as usize } else { self.u8()? as usize };
                self.take(n)?.iter().map(|&b| b as char).collect()
            }
            ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
                let n = if tag == ATOM_UTF8_EXT { self.u16()? as usize } else { self.u8()? as usize };
                std::str::from_utf8(self.take(n)?)
                    .map_err(|_| EtfError::Malformed("atom is not valid UTF-8"))?
                    .to_owned()
            }
            ATOM_CACHE_REF => return Err(EtfError::Unsupported("atom cache reference")),
            _ => return Err(EtfError::Malformed("expected an atom")),
        };
        Atom::try_new(&name).map_err(|e| match e {
            AtomError::TooLong | AtomError::TableFull => EtfError::AtomLimit,
        })
    }

    /// Reads an integer term of 0..=255 (an export fun's arity).
    /// Reads a non-negative integer term that fits 32 bits (a closure's old index and uniq).
    fn u32_term(&mut self) -> Result<u32, EtfError> {
        let v = match self.u8()? {
            SMALL_INTEGER_EXT => i64::from(self.u8()?),
            INTEGER_EXT => i64::from(self.u32()? as i32),
            SMALL_BIG_EXT => {
                let n = self.u8()? as usize;
                let negative = self.u8()? != 0;
                let digits = self.take(n)?;
                if negative || n > 4 {
                    return Err(EtfError::Malformed("closure field out of range"));
                }
                digits.iter().rev().fold(0i64, |acc, &d| (acc << 8) | i64::from(d))
            }
            _ => return Err(EtfError::Malformed("closure field is not an integer")),
        };
        u32::try_from(v).map_err(|_| EtfError::Malformed("closure field out of range"))
    }

    /// Reads a pid term.
    fn pid_term(&mut self) -> Result<Pid, EtfError> {
        let tag = self.u8()?;
        if tag != NEW_PID_EXT && tag != PID_EXT {
            return Err(EtfError::Malformed("closure creator is not a pid"));
        }
        self.pid_body(tag)
    }

    /// The rest of a `NEW_PID_EXT` or `PID_EXT` after its tag.
    fn pid_body(&mut self, tag: u8) -> Result<Pid, EtfError> {
        let node = self.atom()?;
        let id = self.u32()?;
        let serial = self.u32()?;
        let creation = if tag == NEW_PID_EXT { self.u32()? } else { u32::from(self.u8()?) };
        Ok(if self.node.owns(node, creation) {
            Pid::new(id, serial)
        } else {
            Pid::external(ExternalPid { node, id, serial, creation })
        })
    }

    fn small_arity(&mut self) -> Result<u32, EtfError> {
        let v = match self.u8()? {
            SMALL_INTEGER_EXT => i64::from(self.u8()?),
            INTEGER_EXT => i64::from(self.u32()? as i32),
            _ => return Err(EtfError::Malformed("export fun arity is not an integer")),
        };
        u32::try_from(v).ok().filter(|&a| a <= 255).ok_or(EtfError::Malformed("export fun arity out of range"))
    }
}

/// A compound term being decoded: its finished parts so far.
enum Frame {
    /// A tuple of `n` elements.
    Tuple { items: Vec<Term>, n: usize },
    /// A `LIST_EXT` of `n` elements followed by its tail.
    List { items: Vec<Term>, n: usize },
    /// A map of `n` pairs; `key` holds a key whose value comes next.
    Map { map: Map, n: usize, key: Option<Term> },
    /// Another node's closure, waiting for its `n` captured values (`fun` is taken when
    /// they are all there).
    Fun { module: Atom, fun: Option<Box<ForeignFun>>, n: usize, env: Vec<Term> },
}

/// The most element slots reserved up front for one compound term; larger ones grow as
/// their elements arrive, so a forged length cannot make the decoder allocate much more
/// than the input's own size.
const MAX_RESERVE: usize = 1 << 16;

fn decode_term(r: &mut Reader<'_>) -> Result<Term, EtfError> {
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        let tag = r.u8()?;
        let mut value = match tag {
            SMALL_INTEGER_EXT => Term::Int(i64::from(r.u8()?)),
            INTEGER_EXT => Term::Int(i64::from(r.u32()? as i32)),
            SMALL_BIG_EXT | LARGE_BIG_EXT => {
                let n = if tag == SMALL_BIG_EXT { r.u8()? as usize } else { r.u32()? as usize };
                let negative = r.u8()? != 0;
                let digits = r.take(n)?;
                let sign = if negative { Sign::Minus } else { Sign::Plus };
                Term::from_bigint(BigInt::from_bytes_le(sign, digits))
            }
            NEW_FLOAT_EXT => {
                let b = r.take(8)?;
                let mut raw = [0u8; 8];
                raw.copy_from_slice(b);
                let f = f64::from_bits(u64::from_be_bytes(raw));
                if !f.is_finite() {
                    return Err(EtfError::Malformed("float is not finite"));
                }
                Term::float(f)
            }
            FLOAT_EXT => Term::float(parse_float_text(r.take(31)?)?),
            ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => Term::Atom(r.atom_body(tag)?),
            NIL_EXT => Term::Nil,
            STRING_EXT => {
                let n = r.u16()? as usize;
                let bytes = r.take(n)?;
                Term::list(bytes.iter().map(|&b| Term::Int(i64::from(b))).collect())
            }
            LIST_EXT => {
                let n = r.u32()? as usize;
                // Each element and the tail take at least one byte.
                r.need(n.saturating_add(1))?;
                stack.push(Frame::List { items: Vec::with_capacity(n.min(MAX_RESERVE)), n });
                continue;
            }
            SMALL_TUPLE_EXT | LARGE_TUPLE_EXT => {
                let n = if tag == SMALL_TUPLE_EXT { r.u8()? as usize } else { r.u32()? as usize };
                if n == 0 {
                    Term::tuple(Vec::new())
                } else {
                    r.need(n)?;
                    stack.push(Frame::Tuple { items: Vec::with_capacity(n.min(MAX_RESERVE)), n });
                    continue;
                }
            }
            MAP_EXT => {
                let n = r.u32()? as usize;
                if n == 0 {
                    Term::Map(Map::new())
                } else {
                    r.need(n.saturating_mul(2))?;
                    stack.push(Frame::Map { map: Map::new(), n, key: None });
                    continue;
                }
            }
            BINARY_EXT => {
                let n = r.u32()? as usize;
                Term::binary(r.take(n)?.to_vec())
            }
            BIT_BINARY_EXT => {
                let n = r.u32()? as usize;
                let bits = r.u8()? as usize;
                let valid = if n == 0 { bits == 0 } else { (1..=8).contains(&bits) };
                if !valid {
                    return Err(EtfError::Malformed("bad bit count in BIT_BINARY_EXT"));
                }
                let mut data = r.take(n)?.to_vec();
                if n == 0 {
                    Term::binary(data)
                } else {
                    // Bits past the last used one are not part of the value.
                    let last = n - 1;
                    data[last] &= 0xffu8 << (8 - bits);
                    let bit_len = last * 8 + bits;
                    Term::Bits(Arc::new(Bitstring::from_bits(data, bit_len)))
                }
            }
            NEW_PID_EXT | PID_EXT => Term::Pid(r.pid_body(tag)?),
            NEWER_REFERENCE_EXT | NEW_REFERENCE_EXT => {
                let words = r.u16()? as usize;
                let node = r.atom()?;
                let creation = if tag == NEWER_REFERENCE_EXT { r.u32()? } else { u32::from(r.u8()?) };
                if words == 0 || words > MAX_REF_WORDS {
                    return Err(EtfError::Malformed("bad reference length"));
                }
                let mut w = [0u32; MAX_REF_WORDS];
                for slot in w.iter_mut().take(words) {
                    *slot = r.u32()?;
                }
                if r.node.owns(node, creation) {
                    Term::Ref(ref_from_words(&w[..words]))
                } else {
                    Term::Ref(Ref::external(ExternalRef { node, creation, len: words as u8, words: w }))
                }
            }
            EXPORT_EXT => {
                let module = r.atom()?;
                let function = r.atom()?;
                let arity = r.small_arity()?;
                Term::Fun(Arc::new(Fun { module, kind: FunKind::Export { function, arity } }))
            }
            NEW_FUN_EXT => {
                let size = r.u32()? as usize;
                // The size counts itself and everything after the tag.
                r.need(size.saturating_sub(4))?;
                let arity = u32::from(r.u8()?);
                let mut md5 = [0u8; 16];
                md5.copy_from_slice(r.take(16)?);
                let new_index = r.u32()?;
                let n = r.u32()? as usize;
                r.need(n)?;
                let module = r.atom()?;
                let index = r.u32_term()?;
                let uniq = r.u32_term()?;
                let creator = r.pid_term()?;
                let fun = Box::new(ForeignFun { index, uniq, arity, new_index, md5, creator, env: Vec::new() });
                if n > 0 {
                    stack.push(Frame::Fun { module, fun: Some(fun), n, env: Vec::with_capacity(n.min(MAX_RESERVE)) });
                    continue;
                }
                Term::Fun(Arc::new(Fun { module, kind: FunKind::Foreign(fun) }))
            }
            FUN_EXT => return Err(EtfError::Unsupported("old-style closure")),
            PORT_EXT | NEW_PORT_EXT | V4_PORT_EXT => return Err(EtfError::Unsupported("port")),
            REFERENCE_EXT => return Err(EtfError::Unsupported("old-style reference")),
            ATOM_CACHE_REF => return Err(EtfError::Unsupported("atom cache reference")),
            COMPRESSED => return Err(EtfError::Unsupported("compressed term")),
            other => return Err(EtfError::BadTag(other)),
        };
        // Hand the finished value to the innermost open compound term; when that one is
        // then complete, hand it on in turn.
        loop {
            let done = match stack.last_mut() {
                None => return Ok(value),
                Some(Frame::Tuple { items, n }) => {
                    items.push(value);
                    if items.len() < *n {
                        break;
                    }
                    Term::tuple(std::mem::take(items))
                }
                Some(Frame::List { items, n }) => {
                    if items.len() < *n {
                        items.push(value);
                        break;
                    }
                    Term::list_with_tail(std::mem::take(items), value)
                }
                Some(Frame::Map { map, n, key }) => match key.take() {
                    None => {
                        *key = Some(value);
                        break;
                    }
                    Some(k) => {
                        if map.get(&k).is_some() {
                            return Err(EtfError::Malformed("duplicate map key"));
                        }
                        map.insert(k, value);
                        if map.len() < *n {
                            break;
                        }
                        Term::Map(std::mem::take(map))
                    }
                },
                Some(Frame::Fun { module, fun, n, env }) => {
                    env.push(value);
                    if env.len() < *n {
                        break;
                    }
                    let Some(mut fun) = fun.take() else { return Err(EtfError::Malformed("closure")) };
                    fun.env = std::mem::take(env);
                    Term::Fun(Arc::new(Fun { module: *module, kind: FunKind::Foreign(fun) }))
                }
            };
            stack.pop();
            value = done;
        }
    }
}

/// Parses the 31-byte text field of `FLOAT_EXT`: a NUL-terminated float in C syntax,
/// which BEAM requires to have digits, a decimal point (or comma) and more digits,
/// optionally followed by an exponent.
fn parse_float_text(field: &[u8]) -> Result<f64, EtfError> {
    let bad = EtfError::Malformed("bad FLOAT_EXT text");
    let end = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    let text = &field[..end];
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < text.len() && text[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if i < text.len() && (text[i] == b'+' || text[i] == b'-') {
        i += 1;
    }
    if !digits(&mut i) {
        return Err(bad);
    }
    if i >= text.len() || (text[i] != b'.' && text[i] != b',') {
        return Err(bad);
    }
    i += 1;
    if !digits(&mut i) {
        return Err(bad);
    }
    if i < text.len() && (text[i] == b'e' || text[i] == b'E') {
        i += 1;
        if i < text.len() && (text[i] == b'+' || text[i] == b'-') {
            i += 1;
        }
        if !digits(&mut i) {
            return Err(bad);
        }
    }
    if i != text.len() {
        return Err(bad);
    }
    let s: String = text.iter().map(|&b| if b == b',' { '.' } else { b as char }).collect();
    match s.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(f),
        _ => Err(bad),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Term {
        Term::atom(s)
    }

    fn big(s: &str) -> Term {
        Term::from_bigint(s.parse::<BigInt>().unwrap())
    }

    fn bits(bytes: Vec<u8>, n: usize) -> Term {
        Term::Bits(Arc::new(Bitstring::from_bits(bytes, n)))
    }

    fn export(m: &str, f: &str, arity: u32) -> Term {
        Term::Fun(Arc::new(Fun { module: Atom::new(m), kind: FunKind::Export { function: Atom::new(f), arity } }))
    }

    /// Checks that `t` encodes to `bytes` and that `bytes` decode back to `t`.
    fn exact(t: &Term, bytes: &[u8]) {
        assert_eq!(encode(t), bytes, "encoding {t:?}");
        let (back, used) = decode(bytes).unwrap();
        assert_eq!(used, bytes.len());
        assert_eq!(&back, t, "decoding {bytes:?}");
    }

    #[test]
    fn integers_encode_as_term_to_binary_does() {
        exact(&Term::Int(1), &[131, 97, 1]);
        exact(&Term::Int(255), &[131, 97, 255]);
        exact(&Term::Int(256), &[131, 98, 0, 0, 1, 0]);
        exact(&Term::Int(-1), &[131, 98, 255, 255, 255, 255]);
        exact(&Term::Int(2147483647), &[131, 98, 127, 255, 255, 255]);
        exact(&Term::Int(-2147483648), &[131, 98, 128, 0, 0, 0]);
        exact(&Term::Int(2147483648), &[131, 110, 4, 0, 0, 0, 0, 128]);
        exact(&Term::Int(-2147483649), &[131, 110, 4, 1, 1, 0, 0, 128]);
        exact(&big("18446744073709551616"), &[131, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        exact(&big("-18446744073709551616"), &[131, 110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        exact(&Term::Int(i64::MIN), &[131, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 128]);
    }

    #[test]
    fn large_bignums_use_large_big_ext() {
        // 1 bsl 2100: 263 magnitude bytes, the last one 16.
        let t = Term::from_bigint(BigInt::from(1) << 2100);
        let mut want = vec![131, 111, 0, 0, 1, 7, 0];
        want.extend(std::iter::repeat_n(0, 262));
        want.push(16);
        exact(&t, &want);
    }

    #[test]
    fn floats_encode_as_new_float_ext() {
        exact(&Term::float(1.0), &[131, 70, 63, 240, 0, 0, 0, 0, 0, 0]);
        exact(&Term::float(-0.0), &[131, 70, 128, 0, 0, 0, 0, 0, 0, 0]);
        exact(&Term::float(0.1), &[131, 70, 63, 185, 153, 153, 153, 153, 153, 154]);
    }

    #[test]
    fn atoms_use_latin1_atom_ext_when_they_can() {
        exact(&a("abc"), &[131, 100, 0, 3, 97, 98, 99]);
        exact(&a("héllo"), &[131, 100, 0, 5, 104, 233, 108, 108, 111]);
        exact(&a("\u{3e8}"), &[131, 119, 2, 207, 168]);
        let long = "\u{3e8}".repeat(255);
        let mut want = vec![131, 118, 1, 254];
        for _ in 0..255 {
            want.extend_from_slice(&[207, 168]);
        }
        exact(&a(&long), &want);
        exact(&Term::Atom(crate::term::atoms::TRUE), &[131, 100, 0, 4, 116, 114, 117, 101]);
    }

    #[test]
    fn lists_use_string_ext_for_bytes() {
        exact(&Term::Nil, &[131, 106]);
        exact(&Term::string("abc"), &[131, 107, 0, 3, 97, 98, 99]);
        exact(
            &Term::list(vec![Term::Int(1), Term::Int(2), Term::Int(300)]),
            &[131, 108, 0, 0, 0, 3, 97, 1, 97, 2, 98, 0, 0, 1, 44, 106],
        );
        exact(&Term::list_with_tail(vec![Term::Int(1)], Term::Int(2)), &[131, 108, 0, 0, 0, 1, 97, 1, 97, 2]);
        exact(&Term::list_with_tail(vec![a("a")], a("b")), &[131, 108, 0, 0, 0, 1, 100, 0, 1, 97, 100, 0, 1, 98]);
        exact(
            &Term::list_with_tail(vec![Term::Int(1), Term::Int(2)], Term::Int(3)),
            &[131, 108, 0, 0, 0, 2, 97, 1, 97, 2, 97, 3],
        );
        // [1,2|"ab"] is the proper list [1,2,97,98].
        exact(
            &Term::list_with_tail(vec![Term::Int(1), Term::Int(2)], Term::string("ab")),
            &[131, 107, 0, 4, 1, 2, 97, 98],
        );
    }

    #[test]
    fn long_byte_lists_switch_to_list_ext() {
        let ones = |n: usize| Term::list(vec![Term::Int(1); n]);
        let b = encode(&ones(65535));
        assert_eq!(&b[..8], &[131, 107, 255, 255, 1, 1, 1, 1]);
        let b = encode(&ones(65536));
        assert_eq!(&b[..12], &[131, 108, 0, 1, 0, 0, 97, 1, 97, 1, 97, 1]);
        assert_eq!(b.len(), 1 + 5 + 2 * 65536 + 1);
        assert_eq!(decode(&b).unwrap().0, ones(65536));
    }

    #[test]
    fn tuples_encode_by_size() {
        exact(&Term::tuple([]), &[131, 104, 0]);
        exact(&Term::tuple([a("a"), a("b")]), &[131, 104, 2, 100, 0, 1, 97, 100, 0, 1, 98]);
        exact(
            &Term::tuple([Term::Int(1), Term::Int(2), Term::Int(3), Term::string("abc"), Term::Nil]),
            &[131, 104, 5, 97, 1, 97, 2, 97, 3, 107, 0, 3, 97, 98, 99, 106],
        );
        let t = Term::tuple((1..=256).map(Term::Int).collect::<Vec<_>>());
        let b = encode(&t);
        assert_eq!(&b[..8], &[131, 105, 0, 0, 1, 0, 97, 1]);
        assert_eq!(decode(&b).unwrap().0, t);
    }

    #[test]
    fn small_maps_encode_in_key_order() {
        exact(&Term::Map(Map::new()), &[131, 116, 0, 0, 0, 0]);
        let m = Map::from_pairs(vec![
            (a("b"), Term::Int(1)),
            (a("a"), Term::Int(2)),
            (Term::Int(1), a("x")),
            (Term::float(1.0), a("y")),
        ]);
        exact(
            &Term::Map(m),
            &[
                131, 116, 0, 0, 0, 4, 97, 1, 100, 0, 1, 120, 70, 63, 240, 0, 0, 0, 0, 0, 0, 100, 0, 1, 121, 100, 0, 1,
                97, 97, 2, 100, 0, 1, 98, 97, 1,
            ],
        );
    }

    #[test]
    fn binaries_and_bitstrings() {
        exact(&Term::binary(vec![]), &[131, 109, 0, 0, 0, 0]);
        exact(&Term::binary(vec![1, 2, 3]), &[131, 109, 0, 0, 0, 3, 1, 2, 3]);
        exact(&bits(vec![0b0010_0000], 3), &[131, 77, 0, 0, 0, 1, 3, 32]);
        exact(&bits(vec![255, 0b0011_1000], 13), &[131, 77, 0, 0, 0, 2, 5, 255, 56]);
        // A sub-bitstring that does not start on a byte boundary.
        let whole = Bitstring::from_bytes(vec![0b1010_1100, 0b0101_0011]);
        let t = Term::Bits(Arc::new(whole.slice(3, 10)));
        exact(&t, &[131, 77, 0, 0, 0, 2, 2, 0b0110_0010, 0b1000_0000]);
        // Padding bits after the last used bit are ignored when decoding.
        let (t, _) = decode(&[131, 77, 0, 0, 0, 1, 3, 255]).unwrap();
        assert_eq!(t, bits(vec![0b1110_0000], 3));
        let (t, _) = decode(&[131, 77, 0, 0, 0, 1, 8, 255]).unwrap();
        assert_eq!(t, Term::binary(vec![255]));
    }

    #[test]
    fn export_funs_pids_and_refs() {
        exact(
            &export("lists", "map", 2),
            &[131, 113, 100, 0, 5, 108, 105, 115, 116, 115, 100, 0, 3, 109, 97, 112, 97, 2],
        );
        exact(
            &Term::Pid(Pid::new(9, 0)),
            &[
                131, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0,
                0, 0, 0, 0, 0, 0,
            ],
        );
        // #Ref<0.1837693696.482082817.71834> as erl wrote it; ember keeps the low 20 bits
        // of the first two words and 23 of the third (local references are below 2^63).
        let bytes = [
            131, 90, 0, 3, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 0, 0,
            1, 24, 154, 28, 188, 0, 1, 109, 136, 251, 0,
        ];
        let (t, used) = decode(&bytes).unwrap();
        assert_eq!(used, bytes.len());
        let Term::Ref(r) = t else { panic!("not a ref: {t:?}") };
        assert_eq!(ref_words(r), [71834, 0xc0001, 0x08fb00]);
        for r in [Ref(0), Ref(1), Ref(0x7edc_ba98_7654_3210), Ref(i64::MAX as u64)] {
            assert_eq!(decode(&encode(&Term::Ref(r))).unwrap().0, Term::Ref(r));
        }
    }

    #[test]
    fn older_tags_decode() {
        let node: &[u8] = &[100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116];
        let mut pid = vec![131, 103];
        pid.extend_from_slice(node);
        pid.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 2, 0]);
        assert_eq!(decode(&pid).unwrap().0, Term::Pid(Pid::new(1, 2)));
        let mut r = vec![131, 114, 0, 1];
        r.extend_from_slice(node);
        r.extend_from_slice(&[0, 0, 0, 0, 1]);
        assert_eq!(decode(&r).unwrap().0, Term::Ref(Ref(1)));
        assert_eq!(decode(&[131, 115, 3, 97, 98, 99]).unwrap().0, a("abc"));
        assert_eq!(decode(&[131, 118, 0, 3, 97, 98, 99]).unwrap().0, a("abc"));
        assert_eq!(decode(&[131, 100, 0, 2, 195, 169]).unwrap().0, a("Ã©"));
        let mut f = vec![131, 99];
        f.extend_from_slice(b"-0.5e1");
        f.resize(2 + 31, 0);
        assert_eq!(decode(&f).unwrap().0, Term::float(-5.0));
        // Non-normalized bignums and empty LIST_EXT are accepted, as BEAM accepts them.
        assert_eq!(decode(&[131, 110, 2, 0, 1, 0]).unwrap().0, Term::Int(1));
        assert_eq!(decode(&[131, 111, 0, 0, 0, 0, 0]).unwrap().0, Term::Int(0));
        assert_eq!(decode(&[131, 108, 0, 0, 0, 0, 97, 5]).unwrap().0, Term::Int(5));
        assert_eq!(decode(&[131, 108, 0, 0, 0, 0, 106]).unwrap().0, Term::Nil);
        assert_eq!(decode(&[131, 113, 100, 0, 1, 97, 100, 0, 1, 98, 98, 0, 0, 0, 1]).unwrap().0, export("a", "b", 1));
        // Trailing bytes are not part of the term.
        assert_eq!(decode(&[131, 97, 1, 5]).unwrap(), (Term::Int(1), 3));
    }

    #[test]
    fn minor_versions_change_floats_and_atoms() {
        let v0 = EncodeOptions { minor_version: 0, ..Default::default() };
        let v2 = EncodeOptions { minor_version: 2, ..Default::default() };
        let mut want = vec![131, 99];
        want.extend_from_slice(b"1.00000000000000000000e+00");
        want.resize(2 + 31, 0);
        assert_eq!(encode_with(&Term::float(1.0), &v0), want);
        assert_eq!(decode(&want).unwrap().0, Term::float(1.0));
        assert_eq!(encode_with(&a("a"), &v2), vec![131, 119, 1, 97]);
        assert_eq!(encode_with(&a("é"), &v2), vec![131, 119, 2, 195, 169]);
    }

    #[test]
    fn nested_terms_round_trip() {
        let m = Map::from_pairs(vec![
            (Term::string("k"), Term::tuple([Term::Nil, Term::float(2.5)])),
            (Term::Int(-7), Term::binary(b"bin".to_vec())),
        ]);
        let t = Term::tuple([
            Term::list(vec![Term::Map(m), Term::list(vec![a("x"), Term::Int(1 << 40)])]),
            Term::list_with_tail(vec![Term::Int(1)], Term::tuple([])),
            export("m", "f", 0),
            Term::Pid(Pid::new(7, 3)),
        ]);
        let b = encode(&t);
        assert_eq!(decode(&b).unwrap(), (t, b.len()));
    }

    #[test]
    fn deep_nesting_uses_no_native_stack() {
        let mut t = Term::Nil;
        for _ in 0..1000 {
            t = Term::list(vec![t]);
        }
        let b = encode(&t);
        assert_eq!(decode(&b).unwrap().0, t);
    }

    #[test]
    fn local_closures_encode_with_placeholders() {
        // The closure path is driven directly, so that the test needs no loaded module.
        let env = vec![Term::Int(5)];
        let mut enc = Encoder { out: vec![VERSION], minor: 1, node: NodeId::NONODE };
        let mut work = Vec::new();
        let mut md5 = [0u8; 16];
        md5[..4].copy_from_slice(&0x01020304u32.to_be_bytes());
        enc.closure(Atom::new("m"), (1, md5, 3, 3, 0x01020304, Pid::new(0, 0)), &env, &mut work);
        while let Some(w) = work.pop() {
            match w {
                Work::Term(t) => enc.one(t, &mut work),
                Work::Elems(ts) => {
                    for t in ts.iter().rev() {
                        work.push(Work::Term(t));
                    }
                }
                Work::ListRest(_) => unreachable!(),
                Work::FunSize(at) => {
                    let size = (enc.out.len() - at) as u32;
                    enc.out[at..at + 4].copy_from_slice(&size.to_be_bytes());
                }
            }
        }
        let b = enc.out;
        assert_eq!(&b[..2], &[131, 112]);
        let size = u32::from_be_bytes([b[2], b[3], b[4], b[5]]) as usize;
        assert_eq!(size, b.len() - 2);
        assert_eq!(&b[6..11], &[1, 1, 2, 3, 4]);
        assert_eq!(&b[11..23], &[0u8; 12]);
        assert_eq!(&b[23..31], &[0, 0, 0, 3, 0, 0, 0, 1]);
        assert_eq!(b[b.len() - 2..], [97, 5]);
        // It comes back as a closure of no known code: kept and sent on, not called.
        let (t, _) = decode(&b).unwrap();
        assert_eq!(crate::term::print::write_term(&t), "#Fun<m.3.16909060>");
    }

    #[test]
    fn other_nodes_closures_round_trip_unchanged() {
        // X = 5, Y = <<"b">>, fun(A) -> {A, X, Y} end, made in erl's shell: an erl_eval
        // closure whose environment holds the bindings and the clauses.
        let bytes: &[u8] = &[
            131, 112, 0, 0, 0, 231, 1, 6, 83, 97, 170, 70, 21, 144, 209, 189, 241, 235, 98, 209, 166, 235, 8, 0, 0, 0,
            42, 0, 0, 0, 1, 100, 0, 8, 101, 114, 108, 95, 101, 118, 97, 108, 97, 42, 98, 0, 50, 155, 13, 88, 100, 0,
            13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0,
            104, 6, 97, 1, 108, 0, 0, 0, 2, 104, 2, 100, 0, 1, 88, 97, 5, 104, 2, 100, 0, 1, 89, 109, 0, 0, 0, 1, 98,
            106, 100, 0, 4, 110, 111, 110, 101, 100, 0, 4, 110, 111, 110, 101, 116, 0, 0, 0, 0, 108, 0, 0, 0, 1, 104,
            5, 100, 0, 6, 99, 108, 97, 117, 115, 101, 97, 1, 108, 0, 0, 0, 1, 104, 3, 100, 0, 3, 118, 97, 114, 97, 1,
            100, 0, 1, 65, 106, 106, 108, 0, 0, 0, 1, 104, 3, 100, 0, 5, 116, 117, 112, 108, 101, 97, 1, 108, 0, 0, 0,
            3, 104, 3, 100, 0, 3, 118, 97, 114, 97, 1, 100, 0, 1, 65, 104, 3, 100, 0, 3, 118, 97, 114, 97, 1, 100, 0,
            1, 88, 104, 3, 100, 0, 3, 118, 97, 114, 97, 1, 100, 0, 1, 89, 106, 106, 106,
        ];
        let (t, used) = decode(bytes).unwrap();
        assert_eq!(used, bytes.len());
        assert_eq!(crate::term::print::write_term(&t), "#Fun<erl_eval.42.3316493>");
        let Term::Fun(f) = &t else { panic!("not a fun: {t:?}") };
        assert_eq!(f.arity(), 1);
        assert_eq!(f.closure().map(|(_, _, env)| env.len()), Some(1));
        assert_eq!(encode(&t), bytes);
        // Every truncation fails cleanly.
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n]).is_err(), "{n} bytes decoded");
        }
    }

    #[test]
    fn other_nodes_pids_and_refs_round_trip_and_own_ones_become_local() {
        let me = NodeId { name: Atom::new("me@host"), creation: 9 };
        let on = |node: &str, creation: u32| {
            let mut pid = vec![131, 88, 100, 0, node.len() as u8];
            pid.extend_from_slice(node.as_bytes());
            pid.extend_from_slice(&[0, 0, 0, 85, 0, 0, 0, 2]);
            pid.extend_from_slice(&creation.to_be_bytes());
            pid
        };
        let theirs = on("you@host", 4);
        let (t, _) = decode_in(&theirs, me).unwrap();
        let Term::Pid(p) = t else { panic!("not a pid: {t:?}") };
        assert!(!p.is_local());
        assert_eq!(p.as_external().map(|e| (e.id, e.serial, e.creation)), Some((85, 2, 4)));
        assert_eq!(encode_with(&Term::Pid(p), &EncodeOptions { node: me, ..Default::default() }), theirs);
        let (t, _) = decode_in(&on("me@host", 9), me).unwrap();
        assert_eq!(t, Term::Pid(Pid::new(85, 2)));
        assert_eq!(encode_with(&t, &EncodeOptions { node: me, ..Default::default() }), on("me@host", 9));
        // A reference of another node keeps all five words.
        let mut r = vec![131, 90, 0, 5, 100, 0, 8];
        r.extend_from_slice(b"you@host");
        r.extend_from_slice(&[0, 0, 0, 4]);
        for w in 1..=5u32 {
            r.extend_from_slice(&w.to_be_bytes());
        }
        let (t, _) = decode_in(&r, me).unwrap();
        assert!(matches!(t, Term::Ref(x) if !x.is_local()));
        assert_eq!(encode(&t), r);
    }

    #[test]
    fn malformed_input_is_an_error() {
        let bad: &[&[u8]] = &[
            &[],
            &[131],
            &[130, 97, 1],
            &[131, 97],
            &[131, 98, 0, 0],
            &[131, 70, 127, 240, 0, 0, 0, 0, 0, 0],
            &[131, 70, 0, 0],
            &[131, 104, 2, 97, 1],
            &[131, 109, 0, 0, 0, 5, 1, 2],
            &[131, 108, 255, 255, 255, 255, 97, 1],
            &[131, 105, 255, 255, 255, 255, 97, 1],
            &[131, 116, 255, 255, 255, 255, 97, 1],
            &[131, 111, 255, 255, 255, 255, 0, 1],
            &[131, 116, 0, 0, 0, 1, 97, 1],
            &[131, 116, 0, 0, 0, 2, 97, 1, 97, 1, 97, 1, 97, 2],
            &[131, 77, 0, 0, 0, 1, 0, 255],
            &[131, 77, 0, 0, 0, 1, 9, 255],
            &[131, 77, 0, 0, 0, 0, 3],
            &[131, 118, 0, 2, 195, 40],
            &[131, 119, 5, 97],
            &[131, 100, 255, 255, 97],
            &[131, 113, 97, 1, 100, 0, 1, 98, 97, 1],
            &[131, 113, 100, 0, 1, 97, 100, 0, 1, 98, 98, 0, 0, 1, 0],
            &[131, 88, 97, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
            &[131, 88, 100, 0, 3, 97, 64, 98, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
            &[131, 90, 0, 6, 100, 0, 3, 97, 64, 98, 0, 0, 0, 1, 0, 0, 0, 0],
            &[131, 82, 0],
            &[131, 80, 0, 0, 0, 1, 1, 2],
            &[131, 0],
            &[131, 255],
            &[131, 112, 0, 0, 0, 0],
            &[131, 107, 0, 5, 1],
        ];
        for b in bad {
            assert!(decode(b).is_err(), "{b:?} decoded");
        }
        let mut long_atom = vec![131, 100, 1, 0];
        long_atom.extend(std::iter::repeat_n(97, 256));
        assert_eq!(decode(&long_atom), Err(EtfError::AtomLimit));
        for text in [&b"inf"[..], b"  1.5", b"1.5xyz", b"1", b"1e5", b"1.0e999"] {
            let mut f = vec![131, 99];
            f.extend_from_slice(text);
            f.resize(2 + 31, 0);
            assert!(decode(&f).is_err(), "{text:?}");
        }
    }

    #[test]
    fn every_truncation_of_a_valid_term_is_an_error() {
        let t = Term::tuple([
            Term::list(vec![Term::Int(1), a("abc"), Term::float(1.5)]),
            Term::Map(Map::from_pairs(vec![(Term::Int(1), Term::binary(vec![1, 2]))])),
            Term::from_bigint(BigInt::from(1) << 100),
            Term::string("hello"),
            Term::Pid(Pid::new(1, 1)),
            Term::Ref(Ref(77)),
            export("m", "f", 2),
        ]);
        let b = encode(&t);
        for n in 0..b.len() {
            assert!(decode(&b[..n]).is_err(), "prefix of {n} bytes decoded");
        }
        // Flipping bytes must never panic, whatever it decodes to.
        for i in 1..b.len() {
            for x in [0u8, 1, 0x7f, 0x80, 0xff] {
                let mut c = b.clone();
                c[i] = x;
                let _ = decode(&c);
            }
        }
    }

    #[test]
    fn a_ten_million_element_list_round_trips() {
        let l = Term::list((0..10_000_000).map(Term::Int).collect());
        let b = encode(&l);
        assert_eq!(&b[..6], &[131, 108, 0, 0x98, 0x96, 0x80]);
        let (back, used) = decode(&b).unwrap();
        assert_eq!(used, b.len());
        assert_eq!(back.list_len(), Some(10_000_000));
        assert_eq!(back, l);
    }
}
