//! Packets on a distribution connection after the handshake.
//!
//! ## Protocol
//!
//! 1. Every packet is a 4-byte big-endian length, then that many bytes.
//! 2. A packet of length zero is a tick: it carries nothing and only shows that the peer is
//!    alive. Each side sends one when it has written nothing for a while (a quarter of
//!    `net_ticktime`, 15 s by default), and gives up on a peer it has heard nothing from for
//!    `net_ticktime`.
//! 3. Every other packet starts with a type byte. Without `DFLAG_DIST_HDR_ATOM_CACHE` and
//!    `DFLAG_FRAGMENTS`, which ember does not offer, it is 112 (pass-through), followed by
//!    the control message and, for messages that have one, the payload, each a term in the
//!    external term format (starting with the version byte 131).
//!
//! This module only frames bytes. Deliberately absent: decoding terms (the VM's external
//! term format does that, and it alone can tell where the control message ends and the
//! payload begins), the tick timer and the node-down decision (the connection's owner keeps
//! them).

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The type byte of a pass-through packet.
pub const PASS_THROUGH: u8 = 112;

/// The largest packet [`read_packet`] accepts (128 MiB); a longer length closes the
/// connection rather than letting a peer make this node allocate without bound.
pub const MAX_PACKET_LEN: usize = 128 << 20;

/// Reads one packet: `Some(bytes)`, or `None` for a tick.
///
/// A connection that closes between packets gives an error of kind `UnexpectedEof`, as does
/// one that closes inside a packet; a length above [`MAX_PACKET_LEN`] gives `InvalidData`.
pub async fn read_packet<R: AsyncRead + Unpin>(r: &mut R) -> io::Result<Option<Vec<u8>>> {
    read_packet_max(r, MAX_PACKET_LEN).await
}

/// [`read_packet`] with a limit of `max_len` bytes instead of [`MAX_PACKET_LEN`].
pub async fn read_packet_max<R: AsyncRead + Unpin>(r: &mut R, max_len: usize) -> io::Result<Option<Vec<u8>>> {
    let len = r.read_u32().await?;
    if len == 0 {
        return Ok(None);
    }
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    if len > max_len {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("distribution packet of {len} bytes exceeds the limit of {max_len}"),
        ));
    }
    // Grow the buffer as bytes arrive rather than trusting the length up front.
    let mut packet = Vec::with_capacity(len.min(64 * 1024));
    (&mut *r).take(len as u64).read_to_end(&mut packet).await?;
    if packet.len() != len {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed inside a distribution packet"));
    }
    Ok(Some(packet))
}

/// Writes one packet (an empty `packet` is a tick).
pub async fn write_packet<W: AsyncWrite + Unpin>(w: &mut W, packet: &[u8]) -> io::Result<()> {
    write_parts(w, &[packet]).await
}

/// Writes a pass-through packet: the type byte 112, then `control`, then `payload` if any
/// (each already encoded in the external term format).
pub async fn write_pass_through<W: AsyncWrite + Unpin>(
    w: &mut W,
    control: &[u8],
    payload: Option<&[u8]>,
) -> io::Result<()> {
    write_parts(w, &[&[PASS_THROUGH], control, payload.unwrap_or_default()]).await
}

/// Writes a tick.
pub async fn write_tick<W: AsyncWrite + Unpin>(w: &mut W) -> io::Result<()> {
    write_parts(w, &[]).await
}

/// The bytes after the type byte of a pass-through packet (the control message, then the
/// payload if any), or `None` if `packet` is not a pass-through packet.
pub fn pass_through(packet: &[u8]) -> Option<&[u8]> {
    match packet.split_first() {
        Some((&PASS_THROUGH, rest)) => Some(rest),
        _ => None,
    }
}

/// Writes the concatenation of `parts` as one packet, in one write.
async fn write_parts<W: AsyncWrite + Unpin>(w: &mut W, parts: &[&[u8]]) -> io::Result<()> {
    let len: usize = parts.iter().map(|part| part.len()).sum();
    let header = u32::try_from(len).map_err(|_| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("distribution packet of {len} bytes is too long"))
    })?;
    let mut buf = Vec::with_capacity(4 + len);
    buf.extend_from_slice(&header.to_be_bytes());
    for part in parts {
        buf.extend_from_slice(part);
    }
    w.write_all(&buf).await?;
    w.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn packets_and_ticks_round_trip() {
        let mut wire = Vec::new();
        write_packet(&mut wire, b"hello").await.unwrap();
        write_tick(&mut wire).await.unwrap();
        write_pass_through(&mut wire, &[131, 104, 0], Some(&[131, 106])).await.unwrap();
        write_pass_through(&mut wire, &[131, 106], None).await.unwrap();
        assert_eq!(&wire[..13], b"\0\0\0\x05hello\0\0\0\0");

        let mut r = &wire[..];
        assert_eq!(read_packet(&mut r).await.unwrap(), Some(b"hello".to_vec()));
        assert_eq!(read_packet(&mut r).await.unwrap(), None);
        let p = read_packet(&mut r).await.unwrap().unwrap();
        assert_eq!(pass_through(&p), Some(&[131, 104, 0, 131, 106][..]));
        let p = read_packet(&mut r).await.unwrap().unwrap();
        assert_eq!(pass_through(&p), Some(&[131, 106][..]));
        let end = read_packet(&mut r).await.unwrap_err();
        assert_eq!(end.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[tokio::test]
    async fn truncated_and_oversized_packets_are_errors() {
        let mut r: &[u8] = b"\0\0\0\x09abc";
        assert_eq!(read_packet(&mut r).await.unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
        let mut r: &[u8] = b"\0\0";
        assert_eq!(read_packet(&mut r).await.unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
        // A lying length is refused before anything is allocated for it.
        let mut r: &[u8] = b"\xff\xff\xff\xff";
        assert_eq!(read_packet(&mut r).await.unwrap_err().kind(), io::ErrorKind::InvalidData);
        let mut r: &[u8] = b"\0\0\0\x05hello";
        assert_eq!(read_packet_max(&mut r, 4).await.unwrap_err().kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn only_type_112_is_pass_through() {
        assert_eq!(pass_through(&[]), None);
        assert_eq!(pass_through(&[68, 1]), None, "a packet with an atom-cache header");
        assert_eq!(pass_through(&[112]), Some(&[][..]));
    }
}
