%% code: loading on demand, the code path, purging and deleting what is not there;
%% init: arguments and stopping the program (the call returns, then the program ends).
-module(lib_code_init).
-export([main/0]).

p(Label, F) -> io:format("~s: ~p~n", [Label, try F() catch error:R -> {error_raised, R} end]).

main() ->
    Dir = "/tmp/ember_lib_code_init_" ++ integer_to_list(erlang:system_time(nanosecond)),
    ok = file:make_dir(Dir),
    p("ensure_loaded lists", fun() -> code:ensure_loaded(lists) end),
    p("ensure_loaded itself", fun() -> code:ensure_loaded(?MODULE) end),
    p("ensure_loaded missing", fun() -> code:ensure_loaded(no_such_module_here) end),
    p("ensure_loaded not an atom", fun() -> code:ensure_loaded("lists") end),
    p("function_exported after ensure_loaded", fun() -> erlang:function_exported(lists, seq, 2) end),
    p("which missing", fun() -> code:which(no_such_module_here) end),
    p("add_path", fun() -> code:add_path(Dir) end),
    p("on the path", fun() -> lists:member(Dir, code:get_path()) end),
    p("add_path missing dir", fun() -> code:add_path(Dir ++ "/none") end),
    p("add_patha", fun() -> code:add_patha(Dir) end),
    p("first on the path", fun() -> hd(code:get_path()) =:= Dir end),
    p("del_path", fun() -> code:del_path(Dir) end),
    p("del_path again", fun() -> code:del_path(Dir) end),
    p("off the path", fun() -> lists:member(Dir, code:get_path()) end),
    p("add_paths", fun() -> code:add_paths([Dir, Dir ++ "/none"]) end),
    p("on the path again", fun() -> lists:member(Dir, code:get_path()) end),
    p("del_path by name", fun() -> code:del_path(filename:basename(Dir)) end),
    p("load_file missing", fun() -> code:load_file(no_such_module_here) end),
    p("purge missing", fun() -> code:purge(no_such_module_here) end),
    p("soft_purge missing", fun() -> code:soft_purge(no_such_module_here) end),
    p("delete missing", fun() -> code:delete(no_such_module_here) end),
    p("objfile_extension", fun() -> code:objfile_extension() end),
    p("priv_dir", fun() -> code:priv_dir(no_such_app) end),
    p("lib_dir", fun() -> code:lib_dir(no_such_app) end),
    p("get_argument home", fun() -> init:get_argument(home) =:= {ok, [[os:getenv("HOME")]]} end),
    p("get_argument progname", fun() -> element(1, init:get_argument(progname)) end),
    p("get_argument missing", fun() -> init:get_argument(no_such_flag) end),
    ok = file:del_dir(Dir),
    p("stop", fun() -> init:stop() end),
    receive after 3000 -> io:format("still running~n") end.
