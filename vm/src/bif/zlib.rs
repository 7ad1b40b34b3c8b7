//! The one-call functions of OTP's `zlib` module, on the zlib library itself (through
//! `flate2`), so that the compressed bytes are the ones erl makes: `compress`/`uncompress`
//! (zlib format), `gzip`/`gunzip`, `zip`/`unzip` (raw deflate). Data is iodata; what does
//! not decompress raises `data_error`. The streaming interface (`zlib:open/0` and the
//! deflate/inflate calls on a stream) is not here.

use super::erlang::iodata_bytes;
use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::Term;
use std::io::{Read, Write};

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
