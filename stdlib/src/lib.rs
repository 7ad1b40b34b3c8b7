//! ember-stdlib: the standard library, as Erlang sources built into the binary.
//!
//! Each module in `erl/` is compiled by ember the first time a program calls it. The
//! speed-critical functions of `lists`, `maps`, `io` and `erlang` are built-ins in the VM
//! (`vm/src/bif`); this crate holds the rest. A module may be both: `io.erl` defines
//! functions that are also built-ins, for the calls the built-ins decline (see the VM's
//! `code` module). It has no Rust logic of its own.

/// Every built-in module: its name and its source.
pub const MODULES: &[(&str, &str)] = &[
    ("lists", include_str!("../erl/lists.erl")),
    ("maps", include_str!("../erl/maps.erl")),
    ("string", include_str!("../erl/string.erl")),
    ("proplists", include_str!("../erl/proplists.erl")),
    ("queue", include_str!("../erl/queue.erl")),
    ("sets", include_str!("../erl/sets.erl")),
    ("ordsets", include_str!("../erl/ordsets.erl")),
    ("orddict", include_str!("../erl/orddict.erl")),
    ("dict", include_str!("../erl/dict.erl")),
    ("gb_trees", include_str!("../erl/gb_trees.erl")),
    ("gb_sets", include_str!("../erl/gb_sets.erl")),
    ("array", include_str!("../erl/array.erl")),
    ("timer", include_str!("../erl/timer.erl")),
    ("ember_shell", include_str!("../erl/ember_shell.erl")),
    ("eunit", include_str!("../erl/eunit.erl")),
    ("ets", include_str!("../erl/ets.erl")),
    ("proc_lib", include_str!("../erl/proc_lib.erl")),
    ("gen", include_str!("../erl/gen.erl")),
    ("gen_server", include_str!("../erl/gen_server.erl")),
    ("gen_statem", include_str!("../erl/gen_statem.erl")),
    ("gen_event", include_str!("../erl/gen_event.erl")),
    ("supervisor", include_str!("../erl/supervisor.erl")),
    ("sys", include_str!("../erl/sys.erl")),
    ("application", include_str!("../erl/application.erl")),
    ("logger", include_str!("../erl/logger.erl")),
    ("rand", include_str!("../erl/rand.erl")),
    ("calendar", include_str!("../erl/calendar.erl")),
    ("io", include_str!("../erl/io.erl")),
    ("file", include_str!("../erl/file.erl")),
    ("file_io_server", include_str!("../erl/file_io_server.erl")),
];

/// Header files that programs include with `-include_lib`.
pub const INCLUDES: &[(&str, &str)] = &[("eunit/include/eunit.hrl", include_str!("../include/eunit.hrl"))];
