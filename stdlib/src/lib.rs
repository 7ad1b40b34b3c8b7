//! ember-stdlib: the standard library, as Erlang sources built into the binary.
//!
//! Each module in `erl/` is compiled by ember the first time a program calls it. The
//! speed-critical functions of `lists`, `maps`, `io` and `erlang` are built-ins in the VM
//! (`vm/src/bif`); this crate holds the rest. It has no Rust logic of its own.

/// Every built-in module: its name and its source.
pub const MODULES: &[(&str, &str)] = &[
    ("lists", include_str!("../erl/lists.erl")),
    ("maps", include_str!("../erl/maps.erl")),
    ("string", include_str!("../erl/string.erl")),
    ("proplists", include_str!("../erl/proplists.erl")),
];

/// Header files that programs include with `-include_lib`.
pub const INCLUDES: &[(&str, &str)] = &[];
