//! Bounds-checked reading of big-endian fields from a buffer that came from the network.
//!
//! Every read returns `None` instead of panicking when the buffer is too short, so a parser
//! written with `?` turns any truncated or lying packet into a rejection. It knows nothing
//! about any particular message.

/// A read position in a received buffer.
pub(crate) struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `buf`.
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Cursor { rest: buf }
    }

    /// The next `n` bytes, or `None` if fewer are left.
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.rest.len() {
            return None;
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Some(head)
    }

    /// All the bytes not read yet.
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.rest)
    }

    /// Whether every byte has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.array::<1>().map(|[b]| b)
    }

    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_be_bytes)
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_be_bytes)
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_be_bytes)
    }

    /// The next `N` bytes as an array.
    pub(crate) fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::Cursor;

    #[test]
    fn reads_big_endian_fields_and_stops_at_the_end() {
        let mut c = Cursor::new(&[1, 0, 2, 0, 0, 0, 3, 9]);
        assert_eq!(c.u8(), Some(1));
        assert_eq!(c.u16(), Some(2));
        assert_eq!(c.u32(), Some(3));
        assert_eq!(c.u16(), None, "one byte left is not a u16");
        assert_eq!(c.rest(), &[9]);
        assert!(c.is_empty());
        assert_eq!(c.u8(), None);
        assert_eq!(c.take(0), Some(&[][..]));
    }
}
