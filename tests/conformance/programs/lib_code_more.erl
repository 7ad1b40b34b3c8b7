%% code: ensure_modules_loaded/1, is_sticky/1, get_mode/0, is_module_native/1, the sticky
%% calls, where_is_file/1,2, is_loaded/1, load_abs/1 of a missing file, replace_path/2.
-module(lib_code_more).
-export([main/0]).

show(What, Value) -> io:format("~p: ~p~n", [What, Value]).

main() ->
    show(ensure_some, code:ensure_modules_loaded([lists, nonexistent_module_x])),
    show(ensure_all, code:ensure_modules_loaded([lists, maps])),
    show(sticky, {code:is_sticky(lists), code:is_sticky(lib_code_more), code:is_sticky(nonexistent_module_x)}),
    show(mode, code:get_mode()),
    show(native, code:is_module_native(lists)),
    show(stick, {code:stick_mod(x), code:unstick_mod(x), code:stick_dir("/tmp"), code:unstick_dir("/tmp")}),
    show(is_loaded, {element(1, code:is_loaded(lists)), code:is_loaded(nonexistent_module_x)}),
    show(preloaded, code:is_loaded(erlang)),
    show(native_missing, code:is_module_native(nonexistent_module_x)),
    show(load_abs_sticky, code:load_abs("/nonexistent/dir/lists")),
    show(replace_bad_name, code:replace_path(foo, "/tmp")),
    show(load_abs_missing, code:load_abs("/nonexistent/dir/nothing")),
    Dir = "/tmp/ember_lib_code_more_" ++ os:getpid(),
    ok = filelib:ensure_path(Dir ++ "/sub"),
    ok = file:write_file(Dir ++ "/sub/data.txt", "x"),
    show(where_missing, code:where_is_file("no_such_file.txt")),
    show(where_in_path, code:where_is_file(["/nonexistent", Dir ++ "/sub"], "data.txt") =:= Dir ++ "/sub/data.txt"),
    true = code:add_pathz(Dir ++ "/sub"),
    show(where_on_code_path, code:where_is_file("data.txt") =:= Dir ++ "/sub/data.txt"),
    show(replace_bad, code:replace_path(sub, "/nonexistent/sub")),
    ok = file:del_dir_r(Dir),
    ok.
