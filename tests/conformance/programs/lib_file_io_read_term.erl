-module(lib_file_io_read_term).
-export([main/0]).

%% io:read/2,3 on a file device: terms ended by a full stop, what a read leaves for the
%% next one, line counting, scan and parse errors, the end of the file; and the scanner
%% and parser underneath (erl_scan:tokens/3, erl_scan:string/1,2, erl_parse:parse_term/1).
%% Files live under /tmp/ember_lib_file_io_read_term_N.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

path(Name) -> get(dir) ++ "/" ++ Name.

main() ->
    put(dir, "/tmp/ember_lib_file_io_read_term_" ++ integer_to_list(erlang:system_time(nanosecond))),
    ok = file:make_dir(get(dir)),
    cases(),
    lines(),
    mixed(),
    binary_mode(),
    scanner(),
    cleanup(),
    ok.

%% Each text read twice with io:read/2, then with io:read/3 from line 5.
cases() ->
    lists:foreach(
      fun(Text) ->
              ok = file:write_file(path("t"), Text),
              {ok, F} = file:open(path("t"), [read]),
              R1 = io:read(F, ''),
              R2 = io:read(F, "prompt> "),
              R3 = io:read(F, '', 5),
              ok = file:close(F),
              io:format("~p -> ~p ~p ~p~n", [Text, R1, R2, R3])
      end,
      ["{a, 1}.", "{a, 1}. [b]. ", "\"abc", "'abc", "$", "1e", "{a, ", "a b.", "1.", "1. ",
       "x.%c\n", "\n\n  {a,\n b}.", "foo(1).", "X.", "[1|2].", "#{a => [1, 2]}.",
       "<<1, 2, \"ab\">>.", "\"a\\tb\\x{41}\".", "'\\x{41}b'.", " % only a comment\n", "",
       "  \n  ", "1 + 2.", "-5.", "- 5.", "+5.", "abc.def.", "'a.b'.", "\"a. b\". x.",
       "1.5e3.", "16#ff.", "$a.", "fun a/1.", "{1,2}.{3,4}.", "a.\tb.", "[a,b|[c]].",
       "a\n.\n", "{a}.\r\nb.", "\"a\nb\".", "[$a, $\\n, $\\s].", "{}.", "[].", "<<>>.",
       "'hello world'.", "true.", "-1.5.", "10000000000000000000000.", "a,b.", "(a).",
       "[1,2,3|[]].", "{a,{b,{c,{d}}}}.", "\"\".", "'\\''.", "#{}."]).

%% io:read/3 counts lines from the given start.
lines() ->
    ok = file:write_file(path("l"), "{a,\nb}.\n\nc.\nd"),
    {ok, F} = file:open(path("l"), [read]),
    show("read/3 lines", [io:read(F, '', 3), io:read(F, '', 7), io:read(F, '', 7), io:read(F, '', 7)]),
    ok = file:close(F).

%% Reads of terms and lines interleave: a term takes its full stop and one white space
%% character, and the rest of the line is left.
mixed() ->
    ok = file:write_file(path("m"), "{ok, 1}. rest of line\nnext line\n[1,\n 2].\n42.\n"),
    {ok, F} = file:open(path("m"), [read]),
    show("term", io:read(F, '')),
    show("line", io:get_line(F, '')),
    show("line", io:get_line(F, '')),
    show("term", io:read(F, '')),
    show("chars", io:get_chars(F, '', 2)),
    show("term", io:read(F, '')),
    show("eof", io:read(F, '')),
    ok = file:close(F).

binary_mode() ->
    ok = file:write_file(path("b"), "{<<\"bin\">>, \"str\"}. end."),
    {ok, F} = file:open(path("b"), [read, binary]),
    show("binary mode term", io:read(F, '')),
    show("binary mode term", io:read(F, '')),
    show("binary mode eof", io:read(F, '')),
    ok = file:close(F).

scanner() ->
    show("string", erl_scan:string("{a, \"b\", X, 1.5, $c, fun, <<>>, #{}}.")),
    show("string lines", erl_scan:string("a\nb.\n", 10)),
    show("string error", erl_scan:string("a\n\"b")),
    show("string symbols", erl_scan:string("=:= =/= -> <- || ... ; !")),
    show("string keywords", erl_scan:string("case of end when andalso orelse")),
    show("tokens done", erl_scan:tokens([], "a. b", 1)),
    show("tokens rest", erl_scan:tokens([], "a.\nb. ", 1)),
    {more, C} = erl_scan:tokens([], "{a,", 1),
    show("tokens continued", erl_scan:tokens(C, " b}.\n", 1)),
    {more, C2} = erl_scan:tokens([], "{a,", 1),
    show("tokens at eof", erl_scan:tokens(C2, eof, 1)),
    {more, C3} = erl_scan:tokens([], "", 1),
    show("tokens nothing", erl_scan:tokens(C3, eof, 1)),
    {ok, T1, _} = erl_scan:string("{a, [1, 2], \"s\", <<\"b\">>, #{k => v}, -3, 'q r'}."),
    show("parse_term", erl_parse:parse_term(T1)),
    {ok, T2, _} = erl_scan:string("f(X)."),
    show("parse_term bad term", erl_parse:parse_term(T2)),
    {ok, T3, _} = erl_scan:string("{a, ."),
    show("parse_term syntax error", erl_parse:parse_term(T3)),
    show("parse_term no dot", erl_parse:parse_term([{atom, 3, a}])),
    show("parse_term two tokens", erl_parse:parse_term([{atom, 3, a}, {atom, 4, b}])),
    show("parse_term empty", erl_parse:parse_term([])),
    show("parse_term hand-made", erl_parse:parse_term([{'[', 1}, {integer, 1, 7}, {']', 1}, {dot, 1}])).

cleanup() ->
    {ok, Names} = file:list_dir(get(dir)),
    [file:delete(path(N)) || N <- Names],
    ok = file:del_dir(get(dir)).
