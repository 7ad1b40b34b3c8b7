//! Built-in functions implemented in Rust: the `erlang` module and the speed-critical parts
//! of other modules.
//!
//! Every built-in has a [`BifId`], an index into one static table made from the lists each
//! file declares. The compiler calls `erlang` built-ins directly; others are reached through
//! the export table like Erlang functions. Built-ins that must change the interpreter's
//! control flow (apply, raise, receive) are instructions instead, not built-ins; one reached
//! through the export table may instead decline a call it cannot finish without waiting
//! (`Exception::declined`), which then goes to the Erlang definition of the same function.

// Each file lists its built-ins with this: module, name, arity and the function. (Defined
// before the modules, so that all of them see it.)
macro_rules! bifs {
    ($($m:expr, $name:expr, $arity:expr => $f:expr;)*) => {
        pub(super) const BIFS: &[BifDef] = &[$(BifDef { module: $m, name: $name, arity: $arity, f: $f },)*];
    };
}

mod abstract_format;
mod arith;
mod base64;
mod binary;
mod checksum;
mod code;
mod crypto;
mod datagram;
mod erlang;
pub(crate) mod ets;
mod file;
mod io;
mod match_spec;
mod math;
mod memory;
mod net;
mod os;
mod process;
mod re;
mod scan;
pub(crate) mod shared;
mod sort;
mod strings;
mod time;
mod unicode;
mod zlib;

pub(crate) use file::{owner_exited as files_owner_exited, posix as posix_error, OpenFiles};
pub(crate) use net::{owner_exited as sockets_owner_exited, Sockets};
pub(crate) use time::{now_text, time_ms};
pub(crate) use zlib::Streams as ZStreams;

use crate::interp::exception::BifResult;
use crate::process::Proc;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A built-in's implementation.
pub type BifFn = fn(&mut Proc, &mut [Term]) -> BifResult;

/// A built-in's entry in the table.
pub struct BifDef {
    /// Its module.
    pub module: &'static str,
    /// Its name.
    pub name: &'static str,
    /// Its arity.
    pub arity: u32,
    /// The implementation.
    pub f: BifFn,
}

/// An index into the built-in table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BifId(pub u32);

struct Registry {
    defs: Vec<&'static BifDef>,
    index: HashMap<(&'static str, &'static str, u32), BifId>,
}

fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| {
        let mut defs = Vec::new();
        let mut index = HashMap::new();
        for list in [
            abstract_format::BIFS,
            arith::BIFS,
            base64::BIFS,
            erlang::BIFS,
            math::BIFS,
            time::BIFS,
            process::BIFS,
            ets::BIFS,
            binary::BIFS,
            checksum::BIFS,
            code::BIFS,
            crypto::BIFS,
            re::BIFS,
            file::BIFS,
            os::BIFS,
            io::BIFS,
            scan::BIFS,
            shared::BIFS,
            memory::BIFS,
            unicode::BIFS,
            strings::BIFS,
            zlib::BIFS,
            net::BIFS,
        ] {
            for d in list {
                let id = BifId(defs.len() as u32);
                defs.push(d);
                index.insert((d.module, d.name, d.arity), id);
            }
        }
        Registry { defs, index }
    })
}

/// The built-in `module:name/arity`, if there is one.
pub fn lookup(module: &str, name: &str, arity: u32) -> Option<BifId> {
    registry().index.get(&(module, name, arity)).copied()
}

/// May the built-in `module:name/arity` decline a call (`Exception::declined`), handing it
/// to its module's Erlang definition? Such calls go through the export table, never
/// straight to the built-in: io's output functions, the native paths of `string`,
/// `lists:keysort/2` (whose errors the Erlang definition raises), and spawns that may be on
/// another node.
pub fn may_decline(module: &str, name: &str, arity: u32) -> bool {
    module == "io"
        || (module == "string" && strings::native(name, arity))
        || (module, name, arity) == ("lists", "keysort", 2)
        || (module == "erlang"
            && matches!((name, arity), ("spawn" | "spawn_link" | "spawn_monitor", 2 | 4) | ("spawn_opt", 3 | 5)))
}

/// The table entry of a built-in.
pub fn def(id: BifId) -> &'static BifDef {
    registry().defs[id.0 as usize]
}

/// Every built-in, for registering them with a code server.
/// Does module `m` have built-ins?
pub(crate) fn has_module(m: &str) -> bool {
    all().any(|(_, d)| d.module == m)
}

pub fn all() -> impl Iterator<Item = (BifId, &'static BifDef)> {
    registry().defs.iter().enumerate().map(|(i, d)| (BifId(i as u32), *d))
}
