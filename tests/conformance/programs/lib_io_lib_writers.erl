%% io_lib's other writers: print/4, write/2 with options, write/3, format/3 and fwrite/3
%% without a limit, the *_as_latin1 and unicode writers, write_latin1_string/2,
%% deep_unicode_char_list/1 and format_prompt/1,2. Results are flattened: erl nests them
%% differently from ember (the characters are what counts).
-module(lib_io_lib_writers).
-export([main/0]).

p(Label, F) ->
    R = try lists:flatten(F()) catch error:E -> {error_raised, E} end,
    io:format("~s: ~w~n~ts~n", [Label, R, case io_lib:deep_char_list(R) of true -> R; false -> "" end]).

main() ->
    T = {a, [1, 2, 3], "str", lists:seq(1, 30), #{k => v}, <<"bin">>, 'Quoted atom'},
    p("print/4 at 1, 40", fun() -> io_lib:print(T, 1, 40, -1) end),
    p("print/4 at 10, depth 3", fun() -> io_lib:print(T, 10, 80, 3) end),
    p("print/4 at 0", fun() -> io_lib:print(T, 0, 80, -1) end),
    p("print/4 depth 0", fun() -> io_lib:print(T, 1, 80, 0) end),
    p("print/4 at 30, 50", fun() -> io_lib:print([{key, lists:seq(1, 12)}, {other, "text"}], 30, 50, -1) end),
    p("write/3 true", fun() -> io_lib:write(T, 4, true) end),
    p("write/3 false", fun() -> io_lib:write(T, 4, false) end),
    p("write/2 depth option", fun() -> io_lib:write(T, [{depth, 3}]) end),
    p("write/2 unicode", fun() -> io_lib:write(['\x{400}', "\x{400}"], [{encoding, unicode}]) end),
    p("write/2 latin1", fun() -> io_lib:write(['\x{400}', "\x{400}"], [{encoding, latin1}]) end),
    p("write/2 no options", fun() -> io_lib:write(T, []) end),
    p("fwrite/3", fun() -> io_lib:fwrite("~p ~w", [a, b], []) end),
    p("format/3", fun() -> io_lib:format("~p ~w", [a, "b"], [{chars_limit, -1}]) end),
    p("deep_unicode_char_list", fun() -> [io_lib:deep_unicode_char_list(["a", [16#400]])] end),
    p("deep_unicode_char_list no", fun() -> [io_lib:deep_unicode_char_list(["a", [-1]])] end),
    p("write_latin1_string/2", fun() -> io_lib:write_latin1_string("a'b\"", $') end),
    p("write_string_as_latin1/1", fun() -> io_lib:write_string_as_latin1("a\x{400}b\x{ABC}\x{10FFFF}\n") end),
    p("write_string_as_latin1/2", fun() -> io_lib:write_string_as_latin1("a\x{400}'b", $') end),
    p("write_atom_as_latin1", fun() -> io_lib:write_atom_as_latin1('a\x{400}b') end),
    p("write_atom_as_latin1 plain", fun() -> io_lib:write_atom_as_latin1(plain) end),
    p("write_char_as_latin1", fun() -> io_lib:write_char_as_latin1(16#400) end),
    p("write_char_as_latin1 a", fun() -> io_lib:write_char_as_latin1($a) end),
    p("write_char_as_latin1 space", fun() -> io_lib:write_char_as_latin1($\s) end),
    p("write_unicode_string", fun() -> io_lib:write_unicode_string("a\x{400}") end),
    p("write_unicode_char", fun() -> io_lib:write_unicode_char(16#400) end),
    p("format_prompt", fun() -> io_lib:format_prompt("abc> ") end),
    p("format_prompt atom", fun() -> io_lib:format_prompt('abc> ') end),
    p("format_prompt/2", fun() -> io_lib:format_prompt({format, "~w> ", [1]}, unicode) end),
    p("format_prompt bad format", fun() -> io_lib:format_prompt({format, "~w~w", [1]}, unicode) end),
    p("format_prompt beyond latin1", fun() -> io_lib:format_prompt([16#400], latin1) end),
    p("format_prompt unicode", fun() -> io_lib:format_prompt([16#400], unicode) end),
    p("format_prompt term", fun() -> io_lib:format_prompt({a, 1}) end),
    p("write/3 pretty, long", fun() -> io_lib:write(lists:seq(1, 40), -1, true) end).
