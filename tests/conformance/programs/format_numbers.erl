-module(format_numbers).
-export([main/0]).

main() ->
    Ns = [0, 7, -7, 255, -255, 65535, 1 bsl 40],
    [begin
         io:format("~~b: ~b  ~~.2b: ~.2b  ~~.8b: ~.8b~n", [N, N, N]),
         io:format("~~.16b: ~.16b  ~~.16B: ~.16B  ~~.36B: ~.36B~n", [N, N, N]),
         io:format("~~.16x: ~.16x  ~~.16X: ~.16X  ~~.10x: ~.10x~n", [N, "0x", N, "0X", N, "#"]),
         io:format("~~.16#: ~.16#  ~~.2#: ~.2#  ~~#: ~#~n", [N, N, N]),
         io:format("~~+: ~+  ~~.16+: ~.16+~n", [N, N])
     end || N <- Ns],
    io:format("~w ~p~n", [1 bsl 64, -(1 bsl 64)]),
    io:format("~b~n", [100000000000000000000000]),
    io:format("~.3B~n", [-100]),
    io:format("[~12.16.0#]~n", [255]),
    io:format("[~-12.16#]~n", [255]),
    io:format("[~12.16x]~n", [255, "pre"]),
    io:format("~i~b~n", [skipped, 1]),
    io:format("badarg b: ~p~n", [try io_lib:format("~b", [id(1.5)]) catch error:R -> R end]),
    ok.

id(X) -> X.
