-module(pretty_maps).
-export([main/0]).

main() ->
    io:format("~p~n", [#{name => "server", port => 8080, opts => #{tls => true, verify => verify_peer, ciphers => [aes, chacha]}}]),
    io:format("~p~n", [#{a => #{b => #{c => #{d => #{e => #{f => deep}}}}}}]),
    io:format("~p~n", [#{list => lists:seq(1, 30), tuple => {x, y, z}, string => "hello world", bin => <<"data">>}]),
    io:format("~p~n", [[#{id => I, label => lists:flatten(io_lib:format("item-~b", [I]))} || I <- lists:seq(1, 5)]]),
    io:format("~p~n", [#{{composite, key} => 1, [list, key] => 2, <<"bin key">> => 3, 42 => 4, 4.2 => 5}]),
    io:format("~p~n", [#{}]),
    io:format("~p~n", [#{k => #{}}]),
    io:format("~p~n", [maps:from_list([{list_to_atom("key_" ++ integer_to_list(I)), I} || I <- lists:seq(1, 20)])]),
    io:format("~w~n", [#{a => [1, 2], b => "s"}]),
    io:format("~P~n", [#{a => 1, b => 2, c => 3, d => 4}, 3]),
    ok.
