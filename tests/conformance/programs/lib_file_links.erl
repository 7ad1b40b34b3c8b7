%% file's links, modes, times, recursive deletion, copy with a byte count, search paths
%% and error texts.
-module(lib_file_links).
-export([main/0]).

-include_lib("kernel/include/file.hrl").

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

reason(F) ->
    try F() catch error:R -> {error_raised, R} end.

%% Everything happens in a fresh directory of its own, the working directory meanwhile.
main() ->
    Tmp = "/tmp/ember_lib_file_links_" ++ integer_to_list(erlang:system_time(nanosecond)),
    ok = file:make_dir(Tmp),
    ok = file:set_cwd(Tmp),
    Dir = "lib_file_links.tmp",
    ok = file:make_dir(Dir),
    A = filename:join(Dir, "a.txt"),
    ok = file:write_file(A, "hello, links\n"),
    L = filename:join(Dir, "l.txt"),
    H = filename:join(Dir, "h.txt"),
    links(A, L, H, Dir),
    modes(A),
    times(A),
    copies(A, Dir),
    paths(Dir),
    deletion(Dir),
    errors(),
    ok = file:set_cwd("/"),
    ok = file:del_dir_r(Tmp).

links(A, L, H, Dir) ->
    show("make_symlink", file:make_symlink("a.txt", L)),
    show("make_symlink again", file:make_symlink("a.txt", L)),
    show("read_link", file:read_link(L)),
    show("read_link_all", file:read_link_all(L)),
    show("read_link of a file", file:read_link(A)),
    show("read_link missing", file:read_link(filename:join(Dir, "none"))),
    show("read through link", file:read_file(L)),
    {ok, LI} = file:read_link_info(L),
    show("link type", LI#file_info.type),
    show("make_link", file:make_link(A, H)),
    {ok, AI} = file:read_file_info(A),
    show("links now", AI#file_info.links),
    show("make_link missing", file:make_link(filename:join(Dir, "none"), filename:join(Dir, "x"))),
    show("make_symlink bad name", file:make_symlink(a, {bad})).

modes(A) ->
    show("change_mode", file:change_mode(A, 8#600)),
    {ok, I1} = file:read_file_info(A),
    show("mode", I1#file_info.mode band 8#777),
    show("write_file_info mode", file:write_file_info(A, #file_info{mode = 8#640})),
    {ok, I2} = file:read_file_info(A),
    show("mode", I2#file_info.mode band 8#777),
    show("change_mode missing", file:change_mode("lib_file_links.none", 8#600)),
    show("change_mode bad", reason(fun() -> file:change_mode(A, bad) end)).

times(A) ->
    T = {{2020, 2, 29}, {12, 34, 56}},
    show("change_time", file:change_time(A, T)),
    {ok, I1} = file:read_file_info(A, [{time, universal}]),
    show("mtime", I1#file_info.mtime),
    T2 = {{2001, 9, 9}, {1, 46, 40}},
    show("change_time/3", file:change_time(A, T2, T)),
    {ok, I2} = file:read_file_info(A, [{time, universal}]),
    show("atime mtime", {I2#file_info.atime, I2#file_info.mtime}),
    show("write_file_info posix", file:write_file_info(A, #file_info{mtime = 1000000000}, [{time, posix}])),
    {ok, I3} = file:read_file_info(A, [{time, posix}]),
    show("mtime posix", I3#file_info.mtime),
    show("change_time missing", file:change_time("lib_file_links.none", T)),
    show("change_time bad", reason(fun() -> file:change_time(A, notatime) end)).

copies(A, Dir) ->
    B = filename:join(Dir, "b.txt"),
    show("copy/3", file:copy(A, B, 5)),
    show("copied", file:read_file(B)),
    show("copy/3 more than there is", file:copy(A, B, 1000)),
    show("copied", file:read_file(B)),
    show("copy/3 infinity", file:copy(A, B, infinity)),
    show("copy/3 with modes", file:copy({A, [read]}, {B, [write]}, 3)),
    show("copied", file:read_file(B)),
    show("copy/3 missing", file:copy(filename:join(Dir, "none"), B, 3)).

paths(Dir) ->
    ok = file:write_file(filename:join(Dir, "terms.txt"), "{a, 1}.\n[b].\n"),
    show("path_consult", file:path_consult(["nowhere", Dir], "terms.txt")),
    show("path_consult missing", file:path_consult(["nowhere", Dir], "none.txt")),
    {ok, Fd, Full} = file:path_open(["nowhere", Dir], "terms.txt", [read]),
    show("path_open", Full),
    show("read", file:read_line(Fd)),
    ok = file:close(Fd),
    show("path_open missing", file:path_open([Dir], "none.txt", [read])).

deletion(Dir) ->
    Sub = filename:join([Dir, "sub", "deeper"]),
    ok = filelib_ensure(Sub),
    ok = file:write_file(filename:join(Sub, "f"), "x"),
    show("del_dir non-empty", file:del_dir(Dir)),
    show("delete/2", file:delete(filename:join(Sub, "f"), [raw])),
    show("del_dir_r", file:del_dir_r(Dir)),
    show("gone", file:read_file_info(Dir)),
    show("del_dir_r missing", file:del_dir_r(Dir)),
    ok = file:write_file("lib_file_links.file", "x"),
    show("del_dir_r on a file", file:del_dir_r("lib_file_links.file")).

filelib_ensure(Path) ->
    Parts = filename:split(Path),
    lists:foldl(fun(P, Acc) ->
                        D = filename:join(Acc ++ [P]),
                        _ = file:make_dir(D),
                        Acc ++ [P]
                end, [], Parts),
    ok.

errors() ->
    [io:format("~p: ~s~n", [R, file:format_error(R)])
     || R <- [enoent, eacces, eexist, eisdir, enotdir, enotempty, einval, ebadf, badarg,
              terminated, system_limit, unknown_thing, {a, b}, emfile, enospc, exdev, eloop,
              enametoolong, epipe, enotsup, eperm, erofs, ebusy, efbig, emlink, eintr,
              enomem, eio, eagain, espipe]],
    io:format("~s~n", [file:format_error({7, erl_parse, ["syntax error before: ", "x"]})]),
    show("get_cwd/1", file:get_cwd("c")).
