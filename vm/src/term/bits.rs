//! Binaries and bitstrings: a shared byte buffer seen through a bit window.
//!
//! Taking a sub-binary (as binary matching does with `Rest/binary`) shares the buffer, so a
//! loop that walks a binary is linear, not quadratic. Building goes through [`BitWriter`].

use std::borrow::Cow;
use std::sync::Arc;

/// A sequence of bits: `bit_len` bits of `buf` starting at bit `start`.
#[derive(Clone)]
pub struct Bitstring {
    buf: Arc<Vec<u8>>,
    start: usize,
    len: usize,
}

impl Bitstring {
    /// A binary holding `bytes`.
    pub fn from_bytes(bytes: Vec<u8>) -> Bitstring {
        let len = bytes.len() * 8;
        Bitstring { buf: Arc::new(bytes), start: 0, len }
    }

    /// The first `bit_len` bits of `bytes`.
    pub fn from_bits(bytes: Vec<u8>, bit_len: usize) -> Bitstring {
        debug_assert!(bit_len <= bytes.len() * 8);
        Bitstring { buf: Arc::new(bytes), start: 0, len: bit_len }
    }

    /// The number of bits.
    pub fn bit_len(&self) -> usize {
        self.len
    }

    /// The number of bytes needed to hold the bits (`byte_size/1`).
    pub fn byte_len(&self) -> usize {
        self.len.div_ceil(8)
    }

    /// Is this a binary (a whole number of bytes)?
    pub fn is_binary(&self) -> bool {
        self.len.is_multiple_of(8)
    }

    /// The bits as bytes; a final partial byte is padded with zero bits.
    pub fn to_bytes(&self) -> Cow<'_, [u8]> {
        if self.start.is_multiple_of(8) && self.len.is_multiple_of(8) {
            let s = self.start / 8;
            return Cow::Borrowed(&self.buf[s..s + self.len / 8]);
        }
        let mut out = Vec::with_capacity(self.byte_len());
        let mut i = 0;
        while i < self.len {
            let n = (self.len - i).min(8);
            let v = self.read_bits(i, n) as u8;
            out.push(v << (8 - n));
            i += n;
        }
        Cow::Owned(out)
    }

    /// The bit at `i` (0 = most significant bit of the first byte).
    pub fn bit(&self, i: usize) -> u8 {
        let p = self.start + i;
        (self.buf[p / 8] >> (7 - p % 8)) & 1
    }

    /// Reads `n` (at most 64) bits at bit offset `off` as an unsigned big-endian number.
    pub fn read_bits(&self, off: usize, n: usize) -> u64 {
        debug_assert!(n <= 64 && off + n <= self.len);
        let mut v: u64 = 0;
        let mut p = self.start + off;
        let mut left = n;
        // Leading partial byte, then whole bytes, then the trailing bits.
        while left > 0 {
            let bit_in_byte = p % 8;
            let byte = self.buf[p / 8];
            let avail = 8 - bit_in_byte;
            let take = avail.min(left);
            let chunk = (byte >> (avail - take)) & ((1u16 << take) - 1) as u8;
            v = if take == 64 { chunk as u64 } else { (v << take) | chunk as u64 };
            p += take;
            left -= take;
        }
        v
    }

    /// The buffer itself, if this bitstring is all of it and the only holder of it (so
    /// that it can be appended to in place); this bitstring is left empty.
    pub fn take_whole_buffer(&mut self) -> Option<Vec<u8>> {
        if self.start != 0 || self.len != self.buf.len() * 8 {
            return None;
        }
        let bytes = std::mem::take(Arc::get_mut(&mut self.buf)?);
        self.len = 0;
        Some(bytes)
    }

    /// The sub-bitstring of `len` bits at bit offset `off`, sharing the buffer.
    pub fn slice(&self, off: usize, len: usize) -> Bitstring {
        debug_assert!(off + len <= self.len);
        Bitstring { buf: self.buf.clone(), start: self.start + off, len }
    }

    /// The bytes at byte offset `off` (only for byte-aligned reads of whole bytes).
    pub fn bytes_at(&self, off_bits: usize, n_bytes: usize) -> Cow<'_, [u8]> {
        if (self.start + off_bits).is_multiple_of(8) {
            let s = (self.start + off_bits) / 8;
            Cow::Borrowed(&self.buf[s..s + n_bytes])
        } else {
            Cow::Owned((0..n_bytes).map(|k| self.read_bits(off_bits + 8 * k, 8) as u8).collect())
        }
    }
}

/// Builds a bitstring bit by bit or byte by byte.
#[derive(Default)]
pub struct BitWriter {
    bytes: Vec<u8>,
    len: usize,
}

impl BitWriter {
    /// An empty writer.
    pub fn new() -> BitWriter {
        BitWriter::default()
    }

    /// A writer that goes on after `bytes` (whole bytes); it grows the same vector.
    pub fn after(bytes: Vec<u8>) -> BitWriter {
        BitWriter { len: bytes.len() * 8, bytes }
    }

    /// An empty writer with room for `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> BitWriter {
        BitWriter { bytes: Vec::with_capacity(bytes), len: 0 }
    }

    /// The number of bits written so far.
    pub fn bit_len(&self) -> usize {
        self.len
    }

    /// Appends the low `n` bits of `v`, most significant first.
    pub fn push_bits(&mut self, v: u64, n: usize) {
        if n == 0 {
            return;
        }
        if self.len.is_multiple_of(8) && n.is_multiple_of(8) {
            for k in (0..n / 8).rev() {
                self.bytes.push((v >> (8 * k)) as u8);
            }
            self.len += n;
            return;
        }
        for k in (0..n).rev() {
            self.push_bit(((v >> k) & 1) as u8);
        }
    }

    fn push_bit(&mut self, b: u8) {
        if self.len.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if b != 0 {
            let last = self.bytes.len() - 1;
            self.bytes[last] |= 1 << (7 - self.len % 8);
        }
        self.len += 1;
    }

    /// Appends whole bytes.
    pub fn push_bytes(&mut self, b: &[u8]) {
        if self.len.is_multiple_of(8) {
            self.bytes.extend_from_slice(b);
            self.len += b.len() * 8;
        } else {
            for &x in b {
                self.push_bits(x as u64, 8);
            }
        }
    }

    /// Appends the first `n` bits of a bitstring.
    pub fn push_bitstring(&mut self, b: &Bitstring, n: usize) {
        let whole = n / 8;
        if whole > 0 {
            let bytes = b.bytes_at(0, whole);
            self.push_bytes(&bytes);
        }
        let rest = n % 8;
        if rest > 0 {
            let v = b.read_bits(whole * 8, rest);
            self.push_bits(v, rest);
        }
    }

    /// The finished bitstring.
    pub fn finish(self) -> Bitstring {
        Bitstring::from_bits(self.bytes, self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_read_across_byte_boundaries() {
        let b = Bitstring::from_bytes(vec![0b1010_1100, 0b0101_0011]);
        assert_eq!(b.read_bits(0, 4), 0b1010);
        assert_eq!(b.read_bits(4, 8), 0b1100_0101);
        assert_eq!(b.read_bits(0, 16), 0b1010_1100_0101_0011);
        let s = b.slice(3, 10);
        assert_eq!(s.read_bits(0, 10), 0b01_1000_1010);
        assert_eq!(&*s.to_bytes(), &[0b0110_0010, 0b1000_0000]);
    }

    #[test]
    fn the_writer_packs_bits() {
        let mut w = BitWriter::new();
        w.push_bits(0b101, 3);
        w.push_bytes(&[0xff]);
        w.push_bits(0b1, 1);
        let b = w.finish();
        assert_eq!(b.bit_len(), 12);
        assert_eq!(b.read_bits(0, 12), 0b1011_1111_1111);
    }
}
