-module(stdlib_file).
-export([main/0]).

%% The file module: whole files, directories, file information, consult, the working
%% directory. Everything happens under /tmp/ember_stdlib_file_N, removed at the end. The
%% suffix N (from the clock) keeps two runs at the same time (the suite runs every program
%% on 1 and on 4 schedulers in parallel) out of each other's way; nothing prints it.

-define(DIR, (get(dir))).

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

path(Name) -> ?DIR ++ "/" ++ Name.

main() ->
    put(dir, "/tmp/ember_stdlib_file_" ++ integer_to_list(erlang:system_time(nanosecond))),
    cleanup(),
    show("make_dir", file:make_dir(?DIR)),
    show("make_dir again", file:make_dir(?DIR)),
    show("make_dir no parent", file:make_dir(?DIR ++ "/no/such")),
    show("write_file", file:write_file(path("a.txt"), "hello")),
    show("append", file:write_file(path("a.txt"), [<<"more">>, $!], [append])),
    show("read_file", file:read_file(path("a.txt"))),
    show("read dir", file:read_file(?DIR)),
    show("read missing", file:read_file(path("missing"))),
    show("write binary name", file:write_file(list_to_binary(path("b.bin")), <<0, 1, 2, 255>>)),
    show("read atom name", file:read_file(list_to_atom(path("b.bin")))),
    show("read deep name", file:read_file([?DIR, "/", ["b", '.bin']])),
    show("read bad name", file:read_file(123)),
    show("write bad data", file:write_file(path("x"), abc)),
    show("write no dir", file:write_file(path("no/such/file"), "x")),
    show("exclusive new", file:write_file(path("ex"), "a", [exclusive])),
    show("exclusive exists", file:write_file(path("ex"), "a", [exclusive])),
    show("overwrite", {file:write_file(path("ex"), "replaced"), file:read_file(path("ex"))}),
    show("list_dir", lists:sort(element(2, file:list_dir(?DIR)))),
    show("list_dir missing", file:list_dir(path("missing"))),
    show("list_dir file", file:list_dir(path("a.txt"))),
    info(),
    show("rename", file:rename(path("a.txt"), path("c.txt"))),
    show("rename missing", file:rename(path("a.txt"), path("c.txt"))),
    show("read renamed", file:read_file(path("c.txt"))),
    show("copy", file:copy(path("c.txt"), path("d.txt"))),
    show("read copy", file:read_file(path("d.txt"))),
    consult(),
    cwd(),
    show("make sub", file:make_dir(path("sub"))),
    show("write in sub", file:write_file(path("sub/f"), "")),
    show("del_dir not empty", file:del_dir(path("sub"))),
    show("delete dir", file:delete(path("sub"))),
    show("delete file", file:delete(path("sub/f"))),
    show("delete missing", file:delete(path("sub/f"))),
    show("del_dir", file:del_dir(path("sub"))),
    show("del_dir missing", file:del_dir(path("sub"))),
    cleanup(),
    show("gone", file:read_file_info(?DIR)),
    ok.

info() ->
    {ok, F} = file:read_file_info(path("a.txt")),
    show("record", {element(1, F), tuple_size(F)}),
    show("file size/type/access", {element(2, F), element(3, F), element(4, F)}),
    show("mtime shape", case element(6, F) of {{_, _, _}, {_, _, _}} -> date_time; Other -> Other end),
    {ok, D} = file:read_file_info(?DIR),
    show("dir type", element(3, D)),
    {ok, P} = file:read_file_info(path("a.txt"), [{time, posix}]),
    show("posix time", is_integer(element(6, P))),
    show("info missing", file:read_file_info(path("missing"))),
    show("link info", element(3, element(2, file:read_link_info(path("a.txt"))))).

consult() ->
    Conf = "{a, 1}.\n%% comment\n[1, \"two\", <<\"three\">>, -4, 5.0e3, #{k => v}, 'q a', $c].\n"
           "{nested, {deep, [x | y]}}.\n<<1, 2:16, \"ab\">>.\n",
    ok = file:write_file(path("t.conf"), Conf),
    show("consult", file:consult(path("t.conf"))),
    ok = file:write_file(path("empty.conf"), ""),
    show("consult empty", file:consult(path("empty.conf"))),
    ok = file:write_file(path("bad.conf"), "{a, 1}.\n{b, .\n"),
    show("consult syntax error", file:consult(path("bad.conf"))),
    ok = file:write_file(path("bad2.conf"), "{a, 1}.\n1 + 2.\n"),
    show("consult expression", file:consult(path("bad2.conf"))),
    ok = file:write_file(path("bad3.conf"), "{a, 1}.\n{b, 2}"),
    show("consult no full stop", file:consult(path("bad3.conf"))),
    show("consult missing", file:consult(path("missing"))).

cwd() ->
    {ok, Cwd} = file:get_cwd(),
    show("set_cwd", file:set_cwd(?DIR)),
    show("get_cwd", file:get_cwd() =:= {ok, ?DIR}),
    show("relative read", file:read_file("c.txt")),
    show("set_cwd missing", file:set_cwd("/nonexistent/ember")),
    show("set_cwd file", file:set_cwd(path("c.txt"))),
    ok = file:set_cwd(Cwd).

cleanup() ->
    case file:list_dir(?DIR) of
        {ok, Names} ->
            [begin
                 P = path(N),
                 case file:list_dir(P) of
                     {ok, Sub} -> [file:delete(P ++ "/" ++ S) || S <- Sub], file:del_dir(P);
                     _ -> file:delete(P)
                 end
             end || N <- Names],
            file:del_dir(?DIR);
        _ ->
            ok
    end.
