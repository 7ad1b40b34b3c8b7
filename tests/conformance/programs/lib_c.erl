%% c: compiling and loading a source file (c/1,2; a missing one by path and by module
%% name), pid/3, memory/0,1, flush/0.
-module(lib_c).
-export([main/0]).

main() ->
    Dir = "/tmp/ember_lib_c_" ++ os:getpid(),
    ok = filelib:ensure_path(Dir),
    File = filename:join(Dir, "lib_c_made.erl"),
    ok = file:write_file(File, "-module(lib_c_made).\n-export([f/0]).\nf() -> 42.\n"),
    io:format("~p~n", [c:c(filename:rootname(File))]),
    io:format("~p~n", [lib_c_made:f()]),
    ok = file:write_file(File, "-module(lib_c_made).\n-export([f/0]).\nf() -> 43.\n"),
    io:format("~p~n", [c:c(File, [])]),
    io:format("~p~n", [lib_c_made:f()]),
    io:format("~p~n", [c:c("missing_lib_c_file")]),
    io:format("~p~n", [is_pid(c:pid(0, 1, 2))]),
    io:format("~p~n", [element(1, element(2, catch c:pid(a, 1, 2)))]),
    io:format("~p~n", [c:c(no_such_module_here)]),
    io:format("~p~n", [{is_list(c:memory()), is_integer(c:memory(total))}]),
    self() ! hello,
    io:format("~p~n", [c:flush()]),
    ok = file:del_dir_r(Dir),
    ok.
