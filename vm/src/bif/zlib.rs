//! OTP's `zlib` module on the zlib library itself (through `flate2`), so that the
//! compressed bytes are the ones erl makes.
//!
//! - The one-call functions: `compress`/`uncompress` (zlib format), `gzip`/`gunzip`,
//!   `zip`/`unzip` (raw deflate). What does not decompress raises `data_error`.
//! - Streams (`open/0` and the deflate and inflate calls on one): a stream is a reference
//!   naming an entry of the VM's stream table, which lives until `close/1` (or the VM's end;
//!   terms have no finalizers). The window bits choose the format as in zlib: 8..15 zlib,
//!   -8..-15 raw, 24..31 gzip (and, inflating, 40..47 either). The memory level and the
//!   strategy are not used: flate2 takes zlib's defaults.

use super::erlang::iodata_bytes;
use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::{atoms, Ref, Term};
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::Arc;

bifs! {
    "zlib", "compress", 1 => |_, a| encode(&a[0], |d| {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(d)?;
        z.finish()
    });
    "zlib", "uncompress", 1 => |_, a| decode(&a[0], |d, out| flate2::read::ZlibDecoder::new(d).read_to_end(out));
    // The header as erl writes it: no name, no time, made on Unix.
    "zlib", "gzip", 1 => |_, a| encode(&a[0], |d| {
        let mut z = flate2::GzBuilder::new().operating_system(3).write(Vec::new(), flate2::Compression::default());
        z.write_all(d)?;
        z.finish()
    });
    "zlib", "gunzip", 1 => |_, a| decode(&a[0], |d, out| flate2::read::MultiGzDecoder::new(d).read_to_end(out));
    "zlib", "zip", 1 => |_, a| encode(&a[0], |d| {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(d)?;
        z.finish()
    });
    "zlib", "unzip", 1 => |_, a| decode(&a[0], |d, out| flate2::read::DeflateDecoder::new(d).read_to_end(out));
    "zlib", "open", 0 => |p, _| {
        let r = p.vm.make_ref();
        p.vm.zstreams.map.lock().insert(r, Arc::new(Mutex::new(Stream::Idle)));
        Ok(Term::Ref(r))
    };
    "zlib", "close", 1 => |p, a| {
        let r = stream_ref(&a[0])?;
        match p.vm.zstreams.map.lock().remove(&r) {
            Some(_) => ok(),
            None => Err(Exception::error(Term::atom("not_on_controlling_process"))),
        }
    };
    "zlib", "deflateInit", 1 => |p, a| deflate_init(p, &a[0], &Term::atom("default"), 15);
    "zlib", "deflateInit", 2 => |p, a| deflate_init(p, &a[0], &a[1], 15);
    "zlib", "deflateInit", 6 => |p, a| match &a[3] {
        Term::Int(bits) => deflate_init(p, &a[0], &a[1], *bits),
        _ => Err(Exception::badarg()),
    };
    "zlib", "deflate", 2 => |p, a| deflate(p, &a[0], &a[1], &Term::atom("none"));
    "zlib", "deflate", 3 => |p, a| deflate(p, &a[0], &a[1], &a[2]);
    "zlib", "deflateReset", 1 => |p, a| with_stream(p, &a[0], |s| match s {
        Stream::Deflate(c) => { c.reset(); ok() }
        _ => Err(not_initialized()),
    });
    "zlib", "deflateParams", 3 => |p, a| {
        let level = level_of(&a[1])?;
        with_stream(p, &a[0], |s| match s {
            Stream::Deflate(c) => match c.set_level(level) {
                Ok(()) => ok(),
                Err(_) => Err(Exception::error(Term::atom("buf_error"))),
            },
            _ => Err(not_initialized()),
        })
    };
    "zlib", "deflateEnd", 1 => |p, a| end(p, &a[0], true);
    "zlib", "inflateInit", 1 => |p, a| inflate_init(p, &a[0], 15);
    "zlib", "inflateInit", 2 => |p, a| match &a[1] {
        Term::Int(bits) => inflate_init(p, &a[0], *bits),
        _ => Err(Exception::badarg()),
    };
    "zlib", "inflate", 2 => |p, a| inflate(p, &a[0], &a[1]).map(|(out, _)| out);
    "zlib", "inflate", 3 => |p, a| inflate(p, &a[0], &a[1]).map(|(out, _)| out);
    "zlib", "safeInflate", 2 => |p, a| inflate(p, &a[0], &a[1]).map(|(out, done)| {
        Term::tuple([Term::atom(if done { "finished" } else { "continue" }), out])
    });
    "zlib", "inflateReset", 1 => |p, a| with_stream(p, &a[0], |s| match s {
        Stream::Inflate(d, header, done) => { d.reset(*header); *done = false; ok() }
        _ => Err(not_initialized()),
    });
    "zlib", "inflateEnd", 1 => |p, a| end(p, &a[0], false);
    "zlib", "getBufSize", 1 => |p, a| with_stream(p, &a[0], |_| Ok(Term::Int(8192)));
    "zlib", "setBufSize", 2 => |p, a| with_stream(p, &a[0], |_| ok());
    "zlib", "set_controlling_process", 2 => |p, a| with_stream(p, &a[0], |_| ok());
}

/// The VM's zlib streams.
#[derive(Default)]
pub(crate) struct Streams {
    map: Mutex<HashMap<Ref, Arc<Mutex<Stream>>>>,
}

enum Stream {
    Idle,
    Deflate(Compress),
    /// The decompressor, whether it expects a zlib header (for reset), and whether the
    /// compressed stream has ended.
    Inflate(Decompress, bool, bool),
}

fn ok() -> BifResult {
    Ok(Term::Atom(atoms::OK))
}

fn not_initialized() -> Exception {
    Exception::error(Term::atom("not_initialized"))
}

fn stream_ref(t: &Term) -> Result<Ref, Exception> {
    match t {
        Term::Ref(r) => Ok(*r),
        _ => Err(Exception::badarg()),
    }
}

/// Runs `f` on the stream `z` names (badarg if it names none).
fn with_stream(p: &mut crate::process::Proc, z: &Term, f: impl FnOnce(&mut Stream) -> BifResult) -> BifResult {
    let r = stream_ref(z)?;
    let stream = p.vm.zstreams.map.lock().get(&r).cloned().ok_or_else(Exception::badarg)?;
    let mut s = stream.lock();
    f(&mut s)
}

fn level_of(t: &Term) -> Result<Compression, Exception> {
    Ok(match t {
        Term::Atom(a) => match a.as_str() {
            "none" => Compression::none(),
            "default" => Compression::default(),
            "best_speed" => Compression::fast(),
            "best_compression" => Compression::best(),
            _ => return Err(Exception::badarg()),
        },
        Term::Int(n @ 0..=9) => Compression::new(*n as u32),
        Term::Int(-1) => Compression::default(),
        _ => return Err(Exception::badarg()),
    })
}

fn deflate_init(p: &mut crate::process::Proc, z: &Term, level: &Term, bits: i64) -> BifResult {
    let level = level_of(level)?;
    let c = match bits {
        8..=15 => Compress::new_with_window_bits(level, true, bits as u8),
        -15..=-8 => Compress::new_with_window_bits(level, false, (-bits) as u8),
        24..=31 => Compress::new_gzip(level, (bits - 16) as u8),
        _ => return Err(Exception::badarg()),
    };
    with_stream(p, z, |s| match s {
        Stream::Idle => {
            *s = Stream::Deflate(c);
            ok()
        }
        _ => Err(Exception::error(Term::atom("already_initialized"))),
    })
}

fn inflate_init(p: &mut crate::process::Proc, z: &Term, bits: i64) -> BifResult {
    let (d, header) = match bits {
        8..=15 => (Decompress::new_with_window_bits(true, bits as u8), true),
        -15..=-8 => (Decompress::new_with_window_bits(false, (-bits) as u8), false),
        24..=31 => (Decompress::new_gzip((bits - 16) as u8), true),
        _ => return Err(Exception::badarg()),
    };
    with_stream(p, z, |s| match s {
        Stream::Idle => {
            *s = Stream::Inflate(d, header, false);
            ok()
        }
        _ => Err(Exception::error(Term::atom("already_initialized"))),
    })
}

/// Output as erl gives it: a list of binaries (none if there is nothing).
fn chunks(out: Vec<u8>) -> Term {
    if out.is_empty() {
        Term::Nil
    } else {
        Term::list(vec![Term::binary(out)])
    }
}

fn deflate(p: &mut crate::process::Proc, z: &Term, data: &Term, flush: &Term) -> BifResult {
    let flush = match flush.as_atom().map(|a| a.as_str()) {
        Some("none") => FlushCompress::None,
        Some("sync") => FlushCompress::Sync,
        Some("full") => FlushCompress::Full,
        Some("finish") => FlushCompress::Finish,
        _ => return Err(Exception::badarg()),
    };
    let input = iodata_bytes(data)?;
    with_stream(p, z, |s| {
        let Stream::Deflate(c) = s else { return Err(not_initialized()) };
        let mut out = Vec::with_capacity(input.len() / 2 + 64);
        let start = c.total_in();
        loop {
            let consumed = (c.total_in() - start) as usize;
            if out.capacity() - out.len() < 64 {
                out.reserve(out.capacity().max(1024));
            }
            let before = out.len();
            let status = c
                .compress_vec(&input[consumed..], &mut out, flush)
                .map_err(|_| Exception::error(Term::atom("stream_error")))?;
            let done_input = (c.total_in() - start) as usize == input.len();
            let room_left = out.len() < out.capacity();
            match status {
                Status::StreamEnd => break,
                _ if done_input && room_left && (flush != FlushCompress::Finish) => break,
                Status::BufError if out.len() == before => break,
                _ => {}
            }
        }
        Ok(chunks(out))
    })
}

/// Inflates what `data` holds: the output, and whether the compressed stream has ended.
fn inflate(p: &mut crate::process::Proc, z: &Term, data: &Term) -> Result<(Term, bool), Exception> {
    let input = iodata_bytes(data)?;
    let mut result = Err(not_initialized());
    with_stream(p, z, |s| {
        let Stream::Inflate(d, _, done) = s else { return Err(not_initialized()) };
        let mut out = Vec::with_capacity(input.len() * 3 + 64);
        let start = d.total_in();
        while !*done {
            let consumed = (d.total_in() - start) as usize;
            if out.capacity() - out.len() < 64 {
                out.reserve(out.capacity().max(1024));
            }
            let before = out.len();
            let status = d
                .decompress_vec(&input[consumed..], &mut out, FlushDecompress::None)
                .map_err(|_| Exception::error(Term::atom("data_error")))?;
            match status {
                Status::StreamEnd => *done = true,
                _ if (d.total_in() - start) as usize == input.len() && out.len() < out.capacity() => break,
                Status::BufError if out.len() == before => break,
                _ => {}
            }
        }
        result = Ok((chunks(out), *done));
        ok()
    })?;
    result
}

fn end(p: &mut crate::process::Proc, z: &Term, deflating: bool) -> BifResult {
    with_stream(p, z, |s| match (&*s, deflating) {
        (Stream::Deflate(_), true) | (Stream::Inflate(..), false) => {
            *s = Stream::Idle;
            ok()
        }
        _ => Err(not_initialized()),
    })
}

fn encode(t: &Term, f: impl FnOnce(&[u8]) -> std::io::Result<Vec<u8>>) -> BifResult {
    let data = iodata_bytes(t)?;
    f(&data).map(Term::binary).map_err(|_| Exception::badarg())
}

fn decode(t: &Term, f: impl FnOnce(&[u8], &mut Vec<u8>) -> std::io::Result<usize>) -> BifResult {
    let data = iodata_bytes(t)?;
    let mut out = Vec::new();
    match f(&data, &mut out) {
        Ok(_) => Ok(Term::binary(out)),
        Err(_) => Err(Exception::error(Term::atom("data_error"))),
    }
}
