//! ember-dist: the wire layer of Erlang distribution, the part that lets ember nodes and
//! real Erlang nodes find each other, authenticate and exchange packets.
//!
//! A node joins a cluster in three steps, one module each:
//!
//! - [`epmd`]: the port mapper. A node registers its name and listening port with the EPMD
//!   of its host (keeping the registration's connection open for as long as it lives), and
//!   asks a host's EPMD for the port of the node it wants to reach. When no `epmd` runs on
//!   the host, [`epmd::ensure_running`] starts one in-process.
//! - [`handshake`]: on a fresh TCP connection, the two nodes exchange names, capability
//!   flags and creation numbers, and prove with MD5 digests of random challenges that they
//!   share a cookie ([`handshake::connect`] on the side that dialled,
//!   [`handshake::accept`] on the side that listened).
//! - [`frame`]: from then on, 4-byte length-prefixed packets; an empty one is a tick, the
//!   others are pass-through packets (type 112) holding a control message and an optional
//!   payload in the external term format.
//!
//! Those three modules know nothing about processes or terms, and move only bytes. On
//! top of them, [`node`] is the VM's transport: it starts a node ([`node::start`]), keeps
//! the table of connections, encodes and decodes control messages with the VM's external
//! term format, sends ticks and notices silent peers. What control messages mean (links,
//! monitors, sends) is the VM's business (`ember_vm`'s `dist` module).

pub mod epmd;
pub mod frame;
pub mod handshake;
pub mod node;

mod cursor;
mod random;
