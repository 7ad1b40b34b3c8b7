-module(wish_unicode_strings).
-export([main/0]).

main() ->
    Strs = ["plain", "caf\x{e9}", "na\x{ef}ve", "\x{263A} smile", "\x{3b1}\x{3b2}\x{3b3}", "\x{1F600}",
            "mixed \x{e9}\x{263A}", [16#10FFFF], "\x{ff}\x{100}"],
    [begin
         io:format("~p~n", [S]),
         io:format("~tp~n", [S]),
         io:format("~ts~n", [S]),
         io:format("~w~n", [S]),
         B = unicode:characters_to_binary(S),
         io:format("~p~n", [B]),
         io:format("~tp~n", [B]),
         io:format("~ts~n", [B])
     end || S <- Strs],
    io:format("~tp~n", [['\x{263A}', 'caf\x{e9}']]),
    io:format("~tp~n", [#{"\x{263A}" => <<"\x{263A}"/utf8>>}]),
    io:format("~p~n", [lists:flatten(io_lib:format("~ts", ["\x{263A}"]))]),
    io:format("~p~n", [lists:flatten(io_lib:format("~tp", ["\x{263A}"]))]),
    io:format("~p~n", [string:length("\x{263A}\x{1F600}")]),
    io:format("~tp~n", [string:uppercase("stra\x{df}e")]),
    io:format("~p~n", [unicode:characters_to_list(<<"\x{263A}"/utf8>>)]),
    io:format("~-10ts|~n", ["\x{263A}\x{263A}"]),
    io:format("~10.3ts|~n", ["\x{3b1}\x{3b2}\x{3b3}\x{3b4}"]),
    io:format("~tc~n", [16#263A]),
    ok.
