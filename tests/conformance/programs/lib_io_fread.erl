%% Formatted input: io_lib:fread/2 on strings, its collector io_lib:fread/3 fed in
%% pieces, and io:fread/2,3 on standard input and on a file.
-module(lib_io_fread).
-export([main/0]).

show(Format, Input) ->
    io:format("~p on ~w: ~w~n", [Format, Input, catch io_lib:fread(Format, Input)]).

main() ->
    strings(),
    pieces(),
    standard_input(),
    from_file().

strings() ->
    %% Integers, with and without widths, signs and leftovers.
    [show(F, S) || {F, S} <- [{"~d", "  42 rest"}, {"~d", "x"}, {"~d", ""}, {"~d", "   "},
                              {"~d~d", "1 2"}, {"~d,~d", "1,2"}, {"~d,~d", "1 ,2"},
                              {"~3d", "12345"}, {"~3d", "  123"}, {"~3d", "12 "}, {"~3d", "-12"},
                              {"~d", "+5"}, {"~d", "- 5"}, {"~d", "12a"}, {"~d", "1_000"},
                              {"~5d", "12"}, {"~d", "123456789012345678901234567890"},
                              {"~d", [$1, $2 | tail]}]],
    %% Unsigned in a base, signs, based integers.
    [show(F, S) || {F, S} <- [{"~u", "12"}, {"~16u", "fF"}, {"~16u", " ff"}, {"~2u", "1012"},
                              {"~2u", "1a2"}, {"~12u", "1bc"}, {"~1u", "1"}, {"~37u", "1"},
                              {"~-", "-3"}, {"~-~d", "-3"}, {"~-", "+3"}, {"~-", " -3"},
                              {"~-d", "-1"}, {"~#", "16#ff"}, {"~#", "ff"}, {"~#", "-2#101"},
                              {"~#", " 8#17 x"}, {"~#", "37#1"}, {"~#", "2#102"}, {"~3#", "2#101"}]],
    %% Floats.
    [show(F, S) || {F, S} <- [{"~f", "1.5"}, {"~f", "1"}, {"~f", "1.5E3"}, {"~f", "-1.5e-3"},
                              {"~f", "1."}, {"~f", "1.0e"}, {"~f", "1e5"}, {"~f", ".5"},
                              {"~f", "1.5.5"}, {"~4f", "1.234"}, {"~2f", "1.5"},
                              {"~f", "1.0e400"}, {"~f", "1.0e-400"}]],
    %% Strings, atoms, characters, counts, tildes.
    [show(F, S) || {F, S} <- [{"~s", "  hello world"}, {"~3s", "hello"}, {"~5s", "  abcdef"}, {"~5s", "ab   cd"}, {"~5a", " ab  "}, {"~3ta", "abc"}, {"~ta", "abc"},
                              {"~10s", "abc defghijkl"}, {"~5s", "ab\ncd"}, {"~s", "\n"},
                              {"~s", "   "}, {"~s", [97, 300]}, {"~s", [300]}, {"~ts", [1024, 97]},
                              {"~a", "foo bar"}, {"~a", "  "}, {"~a", [300]},
                              {"~c", "abc"}, {"~3c", " ab"}, {"~3c", "ab"}, {"~c", "\n"},
                              {"~c", [1024]}, {"~tc", [1024]}, {"~0c", "a"},
                              {"~l", "abc"}, {"~d~l", "  12 x"}, {"~*d~d", "1 2"}, {"~*3c~c", "abcd"},
                              {"~~", "~"}, {"~~", "x"}, {"~*~", "~"}]],
    %% Literal characters and whitespace in the format, bad formats, running out.
    [show(F, S) || {F, S} <- [{"a~d", "a1"}, {"a~d", "b1"}, {"~d ", "1"}, {" ~d", "  "},
                              {"~d ~d", "1\t\r\n 2"}, {" a", [11, $a]}, {"abc", "ab"},
                              {"~x", "1"}, {"~", "1"}, {"~td", "1"}, {"~x", ""},
                              {"~d~d", "1"}, {"~d~d~d", "1 2"}, {"~d~*d~d", "1 2"},
                              {"~d ~d", "1 "}, {"~d~d", "1 "}]],
    io:format("~p~n", [try io_lib:fread(nonsense, "1") catch error:R -> R end]).

%% The collector, given its input in pieces.
feed(Format, Pieces) ->
    io:format("~p:", [Format]),
    feed(Format, Pieces, []).

feed(Format, [Piece | Pieces], Cont) ->
    case io_lib:fread(Cont, Piece, Format) of
        {more, Cont1} ->
            io:format(" more ~w", [Cont1]),
            feed(Format, Pieces, Cont1);
        Done ->
            io:format(" ~w~n", [Done])
    end;
feed(_Format, [], _Cont) ->
    io:format(" (no more input)~n").

pieces() ->
    feed("~d", ["\n", "5\n"]),
    feed("~d", ["\n5\n"]),
    feed("~d ~s", ["4 five six\n"]),
    feed("~d ~s", ["4 five six\r\n"]),
    feed("~d", ["1", "2\n"]),
    feed("~d", ["12", eof]),
    feed("~d", [eof]),
    feed("~d", [[], eof]),
    feed("~d~d", ["1\n", "2\n"]),
    feed("~d", ["ab\ncd\n"]),
    feed("~d", ["\r\n5"]),
    feed("~d", [" \n", "5\n"]),
    feed("~d ~d", ["1\n", "\n", "2\n"]),
    feed("abc", ["ab\n", "c\n"]),
    feed("~3c", ["ab\n", "c\n"]),
    feed("~d ~d", ["1\n", eof]),
    feed("~d", ["1 \nx"]),
    feed("~d", ["1\nx"]),
    feed("~s", ["ab", eof]),
    feed("~d", ["x", eof]),
    feed("~d", ["1 2", eof]),
    feed("~l", ["\n", "ab\n"]),
    feed("~d~l", ["\n", " 12\n"]),
    feed("", ["abc\n"]),
    feed("~d", ["\r", "5\n"]),
    feed("~d", [<<"1\n">>]).

%% io:fread on standard input (this program's .stdin): one read per line or more.
standard_input() ->
    R = io:fread("? ", "~d ~s"),
    io:format("~p~n", [R]),
    case R of
        eof -> ok;
        _ -> standard_input()
    end.

from_file() ->
    File = "/tmp/ember_lib_io_fread_" ++ integer_to_list(erlang:system_time(nanosecond)),
    ok = file:write_file(File, "10 20 30\n4.5 word\n"),
    {ok, Fd} = file:open(File, [read]),
    io:format("~p~n", [io:fread(Fd, "", "~d ~d")]),
    io:format("~p~n", [io:fread(Fd, "", "~d")]),
    io:format("~p~n", [io:fread(Fd, "", "~f ~a")]),
    io:format("~p~n", [io:fread(Fd, "", "~d")]),
    ok = file:close(Fd),
    ok = file:delete(File).
