-module(lib_file_io_write).
-export([main/0]).

%% Writing to an open file: file:write/2, file:pwrite/2,3 and the io functions on a device
%% (format, fwrite, put_chars, nl, write, request, requests), encodings, options, and
%% the errors that end a device. Files live under /tmp/ember_lib_file_io_write_N.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

path(Name) -> get(dir) ++ "/" ++ Name.

main() ->
    put(dir, "/tmp/ember_lib_file_io_write_" ++ integer_to_list(erlang:system_time(nanosecond))),
    ok = file:make_dir(get(dir)),
    io_functions(),
    raw_writes(),
    pwrites(),
    read_then_write(),
    encodings(),
    options(),
    errors(),
    cleanup(),
    ok.

io_functions() ->
    {ok, F} = file:open(path("io"), [write]),
    show("format", io:format(F, "~p and ~s~n", [{a, 1}, "text"])),
    show("format no args", io:format(F, "plain~n", [])),
    show("format binary format", io:format(F, <<"bin ~w~n">>, [b])),
    show("format atom format", io:format(F, 'atom~n', [])),
    show("fwrite", io:fwrite(F, "~5.2f|~-6s|~3..0B~n", [3.14159, "ab", 7])),
    show("put_chars", io:put_chars(F, ["deep", [$l, "ist"], <<" bin">>, $\n])),
    show("nl", io:nl(F)),
    show("write", io:write(F, {x, "y", [1.5, <<"z">>]})),
    show("nl", io:nl(F)),
    show("pretty", io:format(F, "~p~n", [lists:seq(1, 30)])),
    show("request", io:request(F, {put_chars, unicode, "request\n"})),
    show("request latin1", io:request(F, {put_chars, latin1, <<"latin1 request\n">>})),
    show("request old style", io:request(F, {put_chars, "old style\n"})),
    show("requests", io:requests(F, [{put_chars, unicode, "r1\n"}, {put_chars, unicode, "r2\n"}])),
    show("request unknown", io:request(F, what_is_this)),
    show("format error", catch_error(fun() -> io:format(F, "~p ~p~n", [one]) end)),
    show("bad format string", catch_error(fun() -> io:format(F, 1, []) end)),
    show("args not a list", catch_error(fun() -> io:format(F, "x", 1) end)),
    show("still writable", io:format(F, "after errors~n", [])),
    ok = file:close(F),
    {ok, Text} = file:read_file(path("io")),
    io:put_chars(Text).

raw_writes() ->
    {ok, F} = file:open(path("w"), [write]),
    show("write string", file:write(F, "abc")),
    show("write binary", file:write(F, <<"def">>)),
    show("write iolist", file:write(F, [$g, [<<"h">>, "i"], <<>>])),
    show("write empty", file:write(F, [])),
    show("write bytes", file:write(F, [0, 255])),
    show("write char > 255", file:write(F, [256])),
    show("write atom", file:write(F, abc)),
    show("write improper", file:write(F, [$a | $b])),
    show("position", file:position(F, cur)),
    ok = file:close(F),
    show("contents", file:read_file(path("w"))),
    {ok, A} = file:open(path("w"), [append]),
    show("append", file:write(A, "+")),
    show("append after bof", begin {ok, 0} = file:position(A, bof), file:write(A, "!") end),
    ok = file:close(A),
    show("appended", file:read_file(path("w"))).

pwrites() ->
    ok = file:write_file(path("p"), "0123456789"),
    {ok, F} = file:open(path("p"), [read, write]),
    show("pwrite 2", file:pwrite(F, 2, "ab")),
    show("read after pwrite", file:read(F, 2)),
    show("pwrite {eof, 0}", file:pwrite(F, {eof, 0}, <<"END">>)),
    show("pwrite cur", file:pwrite(F, cur, "c")),
    show("pwrite past the end", file:pwrite(F, 20, "far")),
    show("pwrite negative", file:pwrite(F, -1, "x")),
    show("pwrite list", file:pwrite(F, [{0, "A"}, {1, <<"B">>}])),
    show("pwrite list, one bad", file:pwrite(F, [{0, "a"}, {-5, "b"}, {1, "c"}])),
    show("pwrite bad data", file:pwrite(F, 0, [foo])),
    show("after bad data", file:position(F, cur)),
    file:close(F),
    show("contents", file:read_file(path("p"))).

%% Writing after reading starts where the reader is, not where the read-ahead got to.
read_then_write() ->
    ok = file:write_file(path("rw"), "abc\ndef\nghi\n"),
    {ok, F} = file:open(path("rw"), [read, write]),
    show("read_line", file:read_line(F)),
    show("write", file:write(F, "X")),
    show("position", file:position(F, cur)),
    show("read_line", file:read_line(F)),
    show("put_chars", io:put_chars(F, "Y")),
    ok = file:close(F),
    show("contents", file:read_file(path("rw"))).

encodings() ->
    {ok, U} = file:open(path("u8"), [write, {encoding, utf8}]),
    show("utf8 put_chars", io:put_chars(U, [1024, $\s, 233, $\n])),
    show("utf8 format ~ts", io:format(U, "~ts ~s~n", [[1025, 1026], [234]])),
    show("utf8 file:write latin1", file:write(U, <<233, $\n>>)),
    show("utf8 write binary string", io:put_chars(U, <<"caf", 195, 169, "\n">>)),
    ok = file:close(U),
    show("utf8 bytes", file:read_file(path("u8"))),
    {ok, R} = file:open(path("u8"), [read, {encoding, utf8}]),
    show("utf8 get_line", io:get_line(R, "")),
    show("utf8 get_chars 2", io:get_chars(R, "", 2)),
    show("utf8 get_line", io:get_line(R, "")),
    show("utf8 read_line (latin1)", file:read_line(R)),
    show("utf8 get_line", io:get_line(R, "")),
    show("utf8 get_line at end", io:get_line(R, "")),
    ok = file:close(R),
    {ok, RB} = file:open(path("u8"), [read, binary, {encoding, utf8}]),
    show("utf8 binary get_line", io:get_line(RB, "")),
    show("utf8 binary get_chars 2", io:get_chars(RB, "", 2)),
    ok = file:close(RB),
    {ok, RL} = file:open(path("u8"), [read, {encoding, utf8}]),
    show("utf8 read_line beyond latin1", file:read_line(RL)),
    show("device after that", file:read_line(RL)),
    file:close(RL),
    {ok, L} = file:open(path("l1"), [write]),
    show("latin1 put_chars", io:put_chars(L, [233, $\n])),
    show("latin1 ~ts beyond latin1", catch_error(fun() -> io:format(L, "~ts~n", [[1024]]) end)),
    show("device after that", catch_error(fun() -> io:put_chars(L, "x") end)),
    file:close(L),
    show("latin1 bytes", file:read_file(path("l1"))).

options() ->
    {ok, F} = file:open(path("o"), [write, read]),
    show("getopts", io:getopts(F)),
    show("setopts binary", io:setopts(F, [binary])),
    show("getopts", io:getopts(F)),
    show("setopts list, utf8", io:setopts(F, [list, {encoding, utf8}])),
    show("getopts", io:getopts(F)),
    show("setopts {binary, true}", io:setopts(F, [{binary, true}])),
    show("setopts unknown", io:setopts(F, [foo])),
    show("setopts bad encoding", io:setopts(F, [{encoding, klingon}])),
    show("getopts", io:getopts(F)),
    show("columns", io:columns(F)),
    show("rows", io:rows(F)),
    show("write", io:put_chars(F, [1024])),
    show("read back", file:pread(F, 0, 10)),
    ok = file:close(F).

errors() ->
    ok = file:write_file(path("ro"), "read only\n"),
    {ok, F} = file:open(path("ro"), [read]),
    show("write to read-only", file:write(F, "x")),
    show("device after that", file:read_line(F)),
    {ok, G} = file:open(path("ro"), [read]),
    show("format to read-only", catch_error(fun() -> io:format(G, "x", []) end)),
    show("device after that", file:read_line(G)),
    {ok, W} = file:open(path("wo"), [write]),
    show("read from write-only", file:read(W, 1)),
    show("device after that", file:write(W, "x")),
    {ok, W3} = file:open(path("wo"), [write]),
    show("io:read from write-only", io:read(W3, "")),
    {ok, R} = file:open(path("ro"), [read, raw]),
    show("raw: write to read-only", file:write(R, "x")),
    show("raw: device after that", file:read_line(R)),
    ok = file:close(R).

%% The class and reason of an exception (stack traces differ between VMs).
catch_error(F) ->
    try F() of
        V -> {returned, V}
    catch
        C:R -> {C, R}
    end.

cleanup() ->
    {ok, Names} = file:list_dir(get(dir)),
    [file:delete(path(N)) || N <- Names],
    ok = file:del_dir(get(dir)).
