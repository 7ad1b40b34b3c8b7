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
    ("io_lib", include_str!("../erl/io_lib.erl")),
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
    ("io_lib_fread", include_str!("../erl/io_lib_fread.erl")),
    ("os", include_str!("../erl/os.erl")),
    ("filename", include_str!("../erl/filename.erl")),
    ("file", include_str!("../erl/file.erl")),
    ("prim_file", include_str!("../erl/prim_file.erl")),
    ("file_io_server", include_str!("../erl/file_io_server.erl")),
    ("net_kernel", include_str!("../erl/net_kernel.erl")),
    ("net_adm", include_str!("../erl/net_adm.erl")),
    ("rpc", include_str!("../erl/rpc.erl")),
    ("ember_rex", include_str!("../erl/ember_rex.erl")),
    ("erlang", include_str!("../erl/erlang.erl")),
    ("erpc", include_str!("../erl/erpc.erl")),
];

/// The documentation of built-in modules, for the shell's `h/1` and `h/2`: module name and
/// doc file (`# module`, a summary, then a `## name/arity` section per exported function).
pub const DOCS: &[(&str, &str)] = &[
    ("application", include_str!("../doc/application.md")),
    ("atomics", include_str!("../doc/atomics.md")),
    ("base64", include_str!("../doc/base64.md")),
    ("array", include_str!("../doc/array.md")),
    ("binary", include_str!("../doc/binary.md")),
    ("calendar", include_str!("../doc/calendar.md")),
    ("code", include_str!("../doc/code.md")),
    ("counters", include_str!("../doc/counters.md")),
    ("dict", include_str!("../doc/dict.md")),
    ("ets", include_str!("../doc/ets.md")),
    ("file", include_str!("../doc/file.md")),
    ("filename", include_str!("../doc/filename.md")),
    ("gb_sets", include_str!("../doc/gb_sets.md")),
    ("gb_trees", include_str!("../doc/gb_trees.md")),
    ("gen_event", include_str!("../doc/gen_event.md")),
    ("gen_server", include_str!("../doc/gen_server.md")),
    ("gen_statem", include_str!("../doc/gen_statem.md")),
    ("init", include_str!("../doc/init.md")),
    ("io", include_str!("../doc/io.md")),
    ("io_lib", include_str!("../doc/io_lib.md")),
    ("lists", include_str!("../doc/lists.md")),
    ("logger", include_str!("../doc/logger.md")),
    ("maps", include_str!("../doc/maps.md")),
    ("math", include_str!("../doc/math.md")),
    ("net_adm", include_str!("../doc/net_adm.md")),
    ("orddict", include_str!("../doc/orddict.md")),
    ("ordsets", include_str!("../doc/ordsets.md")),
    ("os", include_str!("../doc/os.md")),
    ("persistent_term", include_str!("../doc/persistent_term.md")),
    ("proc_lib", include_str!("../doc/proc_lib.md")),
    ("proplists", include_str!("../doc/proplists.md")),
    ("queue", include_str!("../doc/queue.md")),
    ("rand", include_str!("../doc/rand.md")),
    ("re", include_str!("../doc/re.md")),
    ("rpc", include_str!("../doc/rpc.md")),
    ("sets", include_str!("../doc/sets.md")),
    ("string", include_str!("../doc/string.md")),
    ("supervisor", include_str!("../doc/supervisor.md")),
    ("sys", include_str!("../doc/sys.md")),
    ("timer", include_str!("../doc/timer.md")),
];

/// Header files that programs include with `-include_lib`.
pub const INCLUDES: &[(&str, &str)] = &[
    ("eunit/include/eunit.hrl", include_str!("../include/eunit.hrl")),
    ("kernel/include/file.hrl", include_str!("../include/file.hrl")),
    ("stdlib/include/ms_transform.hrl", include_str!("../include/ms_transform.hrl")),
];
