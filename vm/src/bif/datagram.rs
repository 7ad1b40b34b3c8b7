//! Receiving a datagram with its sender's address, through socket2.
//!
//! std's `UdpSocket::recv_from` asserts on the sender's address, and a socket woken by
//! `shutdown` (which is how closing it stops its receiving thread) reports an empty one:
//! the assertion would panic that thread. socket2 hands the address back as it came.

use std::mem::MaybeUninit;
use std::net::{SocketAddr, UdpSocket};

/// One datagram into `buf`: its length and, if there was one, its sender.
pub(super) fn recv_from(u: &UdpSocket, buf: &mut [u8]) -> std::io::Result<(usize, Option<SocketAddr>)> {
    // SAFETY: `[u8]` and `[MaybeUninit<u8>]` have the same layout, and every byte of `buf` is
    // initialized; socket2's `recv_from` only ever writes received (initialized) bytes into
    // it, so `buf` is still fully initialized afterwards.
    let uninit = unsafe { &mut *(buf as *mut [u8] as *mut [MaybeUninit<u8>]) };
    let (n, from) = socket2::SockRef::from(u).recv_from(uninit)?;
    Ok((n, from.as_socket()))
}
