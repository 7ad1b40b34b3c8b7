-module(lex_chars).
-export([main/0]).

main() ->
    Chars = [$a, $Z, $0, $9, $\n, $\t, $\s, $\\, $', $", $$, $%, $(, $),
             $\0, $\7, $\101, $\x41, $\x{3b1}, $\^A, $\^z, $\e, $\d, $\b,
             $\f, $\v, $\r, $ , $~, $é, $\x{1F600}],
    lists:foreach(fun(C) -> io:format("~w~n", [C]) end, Chars),
    io:format("list: ~w~n", [[$h, $i]]),
    io:format("as string: ~p~n", [[$h, $i]]),
    io:format("sum: ~p~n", [$a + 1]),
    io:format("next: ~c~n", [$a + 1]),
    io:format("compare: ~p~n", [$a < $b]),
    io:format("upper: ~p~n", [[C - 32 || C <- "hello"]]),
    io:format("digit value: ~p~n", [$7 - $0]),
    ok.
