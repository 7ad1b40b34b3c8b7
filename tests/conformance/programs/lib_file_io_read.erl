-module(lib_file_io_read).
-export([main/0]).

%% Reading an open file: file:read_line/1, file:read/2, file:position/2, file:pread/2,3,
%% io:get_line/2 and io:get_chars/3, in list and binary mode, with how the read-ahead
%% shows in positions; truncate and sync. Files live under /tmp/ember_lib_file_io_read_N.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

path(Name) -> get(dir) ++ "/" ++ Name.

main() ->
    put(dir, "/tmp/ember_lib_file_io_read_" ++ integer_to_list(erlang:system_time(nanosecond))),
    ok = file:make_dir(get(dir)),
    ok = file:write_file(path("t"), "line1\nline2\nline3\nlast"),
    lines(list),
    lines(binary),
    reads(),
    positions(),
    preads(),
    line_ends(),
    empty(),
    long_lines(),
    bytes(),
    truncate_sync(),
    cleanup(),
    ok.

lines(Mode) ->
    {ok, F} = file:open(path("t"), [read, Mode]),
    show(io_lib:format("~w read_line", [Mode]), file:read_line(F)),
    show(io_lib:format("~w get_line", [Mode]), io:get_line(F, "ignored prompt")),
    show(io_lib:format("~w get_chars 3", [Mode]), io:get_chars(F, "", 3)),
    show(io_lib:format("~w read 2", [Mode]), file:read(F, 2)),
    show(io_lib:format("~w read_line", [Mode]), file:read_line(F)),
    show(io_lib:format("~w read_line last", [Mode]), file:read_line(F)),
    show(io_lib:format("~w read_line at end", [Mode]), file:read_line(F)),
    show(io_lib:format("~w read at end", [Mode]), file:read(F, 5)),
    show(io_lib:format("~w get_line at end", [Mode]), io:get_line(F, "")),
    show(io_lib:format("~w get_chars at end", [Mode]), io:get_chars(F, "", 5)),
    show(io_lib:format("~w read 0 at end", [Mode]), file:read(F, 0)),
    ok = file:close(F).

reads() ->
    {ok, F} = file:open(path("t"), [read]),
    show("read 0", file:read(F, 0)),
    show("read 4", file:read(F, 4)),
    show("read 100", file:read(F, 100)),
    show("read after all", file:read(F, 1)),
    show("read negative", file:read(F, -1)),
    show("read atom size", file:read(F, all)),
    show("get_chars 0", io:get_chars(F, "", 0)),
    ok = file:close(F).

positions() ->
    {ok, F} = file:open(path("t"), [read]),
    show("read_line", file:read_line(F)),
    show("cur after a line", file:position(F, cur)),
    show("read 3", file:read(F, 3)),
    show("cur after 3 more", file:position(F, cur)),
    show("{cur, 0}", file:position(F, {cur, 0})),
    show("bof", file:position(F, bof)),
    show("eof", file:position(F, eof)),
    show("{bof, 6}", file:position(F, {bof, 6})),
    show("read_line at 6", file:read_line(F)),
    show("{cur, -3}", file:position(F, {cur, -3})),
    show("read_line there", file:read_line(F)),
    show("{eof, -4}", file:position(F, {eof, -4})),
    show("read_line there", file:read_line(F)),
    show("6", file:position(F, 6)),
    show("past the end", file:position(F, 1000)),
    show("read past the end", file:read(F, 1)),
    show("read_line past the end", file:read_line(F)),
    show("negative", file:position(F, -1)),
    show("{bof, -1}", file:position(F, {bof, -1})),
    show("{cur, -100}", file:position(F, {cur, -100})),
    show("{eof, -100}", file:position(F, {eof, -100})),
    show("bad location", file:position(F, foo)),
    show("bad tuple", file:position(F, {here, 1})),
    show("still usable", file:position(F, bof)),
    show("read_line", file:read_line(F)),
    ok = file:close(F).

preads() ->
    {ok, F} = file:open(path("t"), [read]),
    show("pread 2 5", file:pread(F, 2, 5)),
    show("read after pread", file:read(F, 3)),
    show("cur after pread", file:position(F, cur)),
    show("pread {bof, 0}", file:pread(F, {bof, 0}, 3)),
    show("pread cur", file:pread(F, cur, 3)),
    show("pread {cur, 0}", file:pread(F, {cur, 0}, 3)),
    show("pread {eof, -2}", file:pread(F, {eof, -2}, 10)),
    show("pread past the end", file:pread(F, 500, 5)),
    show("pread negative", file:pread(F, -1, 5)),
    show("pread bad size", file:pread(F, 0, -1)),
    show("pread list", file:pread(F, [{0, 2}, {6, 5}, {100, 1}])),
    show("pread bad list", file:pread(F, [{0, 2}, oops])),
    ok = file:close(F).

line_ends() ->
    ok = file:write_file(path("crlf"), <<"a\r\nb\rc\r\n\r\nlast\r">>),
    {ok, F} = file:open(path("crlf"), [read]),
    show("crlf lines", [file:read_line(F) || _ <- lists:seq(1, 5)]),
    ok = file:close(F),
    {ok, B} = file:open(path("crlf"), [read, binary]),
    show("crlf get_line binary", [io:get_line(B, "") || _ <- lists:seq(1, 5)]),
    ok = file:close(B).

empty() ->
    ok = file:write_file(path("empty"), ""),
    {ok, F} = file:open(path("empty"), [read]),
    show("empty read_line", file:read_line(F)),
    show("empty read", file:read(F, 1)),
    show("empty read 0", file:read(F, 0)),
    show("empty eof position", file:position(F, eof)),
    ok = file:close(F),
    ok = file:write_file(path("nl"), "\n\n"),
    {ok, N} = file:open(path("nl"), [read]),
    show("blank lines", [file:read_line(N) || _ <- lists:seq(1, 3)]),
    ok = file:close(N).

%% Lines longer than what is read at a time.
long_lines() ->
    Long = lists:duplicate(20000, $x),
    ok = file:write_file(path("long"), [Long, "\n", Long, "y\nz"]),
    {ok, F} = file:open(path("long"), [read, binary]),
    {ok, L1} = file:read_line(F),
    {ok, L2} = file:read_line(F),
    show("long line sizes", {byte_size(L1), byte_size(L2), binary:last(L2)}),
    show("after long lines", file:read_line(F)),
    show("position at end", file:position(F, cur)),
    ok = file:close(F),
    {ok, G} = file:open(path("long"), [read]),
    {ok, D} = file:read(G, 30000),
    show("long read", {length(D), file:position(G, cur)}),
    ok = file:close(G).

%% Bytes above 127 in a Latin-1 file are characters up to 255.
bytes() ->
    ok = file:write_file(path("bytes"), <<"caf", 233, "\n", 0, 255, "\n">>),
    {ok, F} = file:open(path("bytes"), [read]),
    show("latin1 list", [file:read_line(F), file:read_line(F)]),
    ok = file:close(F),
    {ok, B} = file:open(path("bytes"), [read, binary]),
    show("latin1 binary read_line", file:read_line(B)),
    show("latin1 binary get_line (unicode)", io:get_line(B, "")),
    ok = file:close(B).

truncate_sync() ->
    ok = file:write_file(path("tr"), "0123456789"),
    {ok, F} = file:open(path("tr"), [read, write]),
    show("position 4", file:position(F, 4)),
    show("truncate", file:truncate(F)),
    show("sync", file:sync(F)),
    show("datasync", file:datasync(F)),
    show("eof after truncate", file:position(F, eof)),
    ok = file:close(F),
    show("truncated", file:read_file(path("tr"))),
    {ok, R} = file:open(path("tr"), [read]),
    show("truncate read-only", file:truncate(R)),
    show("after failed truncate", file:read(R, 1)),
    file:close(R),
    {ok, S} = file:open(path("tr"), [read]),
    show("sync read-only", file:sync(S)),
    ok = file:close(S).

cleanup() ->
    {ok, Names} = file:list_dir(get(dir)),
    [file:delete(path(N)) || N <- Names],
    ok = file:del_dir(get(dir)).
