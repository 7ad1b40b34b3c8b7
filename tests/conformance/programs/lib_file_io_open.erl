-module(lib_file_io_open).
-export([main/0]).

%% file:open/2 and file:close/1: the modes and what each allows, the errors erl returns,
%% file names in every form, and what a closed device answers. Files live under
%% /tmp/ember_lib_file_io_open_N (N from the clock, so that the suite's two runs at the
%% same time keep apart), removed at the end.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

path(Name) -> get(dir) ++ "/" ++ Name.

main() ->
    put(dir, "/tmp/ember_lib_file_io_open_" ++ integer_to_list(erlang:system_time(nanosecond))),
    ok = file:make_dir(get(dir)),
    errors(),
    modes(),
    names(),
    closed(),
    not_devices(),
    cleanup(),
    ok.

errors() ->
    show("missing", file:open(path("missing"), [read])),
    show("missing, no modes", file:open(path("missing"), [])),
    show("no directory", file:open(path("no/such"), [write])),
    show("directory for reading", file:open(get(dir), [read])),
    show("directory for writing", file:open(get(dir), [write])),
    show("empty name", file:open("", [read])),
    show("modes not a list", file:open(path("x"), read)),
    show("bad name", file:open(123, [read])),
    show("bad name in list", file:open([path("x"), {a}], [read])),
    show("bad encoding", file:open(path("x"), [write, {encoding, klingon}])),
    show("unknown mode ignored", file:open(path("missing"), [foo, {bar, 1}])),
    ok = file:write_file(path("ex"), "x"),
    show("exclusive, exists", file:open(path("ex"), [exclusive])),
    show("write+exclusive, exists", file:open(path("ex"), [write, exclusive])).

%% Each mode on a file holding "0123456789\n": write "ab", where that leaves the position,
%% a read from the start, and the file's contents afterwards.
modes() ->
    lists:foreach(fun try_mode/1,
                  [[], [read], [write], [read, write], [append], [read, append], [append, write],
                   [write, read, read], [binary], [list], [list, binary], [binary, list],
                   [read_ahead], [{read_ahead, 16}], [raw], [raw, read, write],
                   [{encoding, utf8}], [{encoding, latin1}], [{encoding, unicode}], [unicode],
                   "r"]),
    file:delete(path("new")),
    [begin
         R = file:open(path("new"), M),
         show(io_lib:format("new file ~w", [M]), element(1, R)),
         case R of {ok, F} -> file:close(F); _ -> ok end,
         show(io_lib:format("  created ~w", [M]), file:read_file(path("new"))),
         file:delete(path("new"))
     end || M <- [[], [read], [write], [append], [exclusive], [read, write], [raw, write]]].

try_mode(Modes) ->
    ok = file:write_file(path("m"), "0123456789\n"),
    R = case file:open(path("m"), Modes) of
            {ok, F} ->
                W = file:write(F, "ab"),
                Pos = file:position(F, cur),
                _ = file:position(F, bof),
                Rd = file:read(F, 4),
                C = file:close(F),
                {W, Pos, Rd, C, file:read_file(path("m"))};
            Error ->
                Error
        end,
    show(io_lib:format("~w", [Modes]), R).

names() ->
    Name = path("n.txt"),
    lists:foreach(
      fun({Label, N}) ->
              {ok, F} = file:open(N, [write]),
              ok = io:format(F, "~s~n", [Label]),
              ok = file:close(F),
              show(Label, file:read_file(Name))
      end,
      [{"string name", Name}, {"binary name", list_to_binary(Name)},
       {"atom name", list_to_atom(Name)}, {"deep name", [get(dir), "/", ["n", '.txt']]}]).

closed() ->
    {ok, F} = file:open(path("c"), [write]),
    show("is_pid", is_pid(F)),
    show("close", file:close(F)),
    show("close again", file:close(F)),
    show("alive after close", is_process_alive(F)),
    show("write", file:write(F, "x")),
    show("read", file:read(F, 1)),
    show("read_line", file:read_line(F)),
    show("position", file:position(F, 0)),
    show("pread", file:pread(F, 0, 1)),
    show("pwrite", file:pwrite(F, 0, "x")),
    show("sync", file:sync(F)),
    show("truncate", file:truncate(F)),
    show("io:get_line", io:get_line(F, "")),
    show("io:format", catch_error(fun() -> io:format(F, "x", []) end)),
    show("io:put_chars", catch_error(fun() -> io:put_chars(F, "x") end)),
    show("io:nl", catch_error(fun() -> io:nl(F) end)),
    show("io:write", catch_error(fun() -> io:write(F, x) end)).

not_devices() ->
    show("read_line atom", file:read_line(no_such_device)),
    show("read atom", file:read(no_such_device, 1)),
    show("write atom", file:write(no_such_device, "x")),
    show("read_line integer", file:read_line(1)),
    show("read integer", file:read(1, 1)),
    show("read negative", file:read(no_such_device, -1)),
    show("write integer", file:write(1, "x")),
    show("write bad data", file:write(no_such_device, [a])),
    show("close atom", file:close(no_such_device)),
    show("position atom", file:position(no_such_device, 0)),
    show("pread atom", file:pread(no_such_device, 0, 1)),
    show("pwrite atom", file:pwrite(no_such_device, 0, "x")),
    show("sync atom", file:sync(no_such_device)),
    show("truncate atom", file:truncate(no_such_device)),
    show("io:get_line atom", io:get_line(no_such_device, "")),
    show("io:get_chars atom", io:get_chars(no_such_device, "", 1)),
    show("io:read atom", io:read(no_such_device, "")),
    show("io:format atom", catch_error(fun() -> io:format(no_such_device, "x", []) end)),
    show("io:fwrite atom", catch_error(fun() -> io:fwrite(no_such_device, "x", []) end)),
    show("io:put_chars atom", catch_error(fun() -> io:put_chars(no_such_device, "x") end)),
    show("io:nl atom", catch_error(fun() -> io:nl(no_such_device) end)),
    show("io:write atom", catch_error(fun() -> io:write(no_such_device, x) end)),
    show("io:format integer", catch_error(fun() -> io:format(1, "x", []) end)),
    show("io:get_line integer", catch_error(fun() -> io:get_line(1, "") end)),
    show("io:get_chars negative", catch_error(fun() -> io:get_chars(standard_io, "", -1) end)),
    show("io:get_chars not integer", catch_error(fun() -> io:get_chars(standard_io, "", a) end)).

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
