%% term_to_binary/1,2 byte for byte, its options (minor versions, compression levels,
%% when compression is worth it), and binary_to_term/2 on compressed input.
-module(etf_encode).
-export([main/0]).

main() ->
    Terms = [0.1, -0.0, 1.0e300, 5.0e-324, 3.0,
             1 bsl 64, 1 bsl 255, -(1 bsl 255) + 1, 1 bsl 2040, 16#7FFFFFFF, 16#80000000, -16#80000000, -16#80000001,
             #{}, #{a => 1, b => [2]}, #{1 => one, one => 1, "one" => 1.0},
             'é', '\x{263A}', lists:duplicate(300, $a), lists:seq(1, 300),
             <<1, 2, 3:5>>, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
             list_to_tuple(lists:seq(1, 300))],
    lists:foreach(fun(T) ->
                          B = term_to_binary(T),
                          io:format("~w~n", [crop(B)]),
                          io:format("  size=~p back=~p~n", [byte_size(B), binary_to_term(B) =:= T])
                  end, Terms),
    io:format("~w~n", [term_to_binary(0.1, [{minor_version, 0}])]),
    io:format("~w~n", [term_to_binary(hello, [{minor_version, 2}])]),
    io:format("~w~n", [term_to_binary(lists:duplicate(100, 0), [compressed])]),
    io:format("~w~n", [term_to_binary({a, "b"}, [deterministic])]),
    %% Compression is used only when it is no longer than the plain form.
    [io:format("~p ~w~n", [N, term_to_binary(lists:duplicate(N, 0), [compressed])])
     || N <- [0, 1, 13, 14, 15, 16, 20]],
    C = term_to_binary({lists:seq(1, 50), <<"abc">>}, [{compressed, 9}]),
    io:format("~w~n", [C]),
    io:format("~w~n", [term_to_binary(lists:duplicate(40, $a), [{compressed, 1}])]),
    io:format("~w~n", [term_to_binary(lists:duplicate(40, $a), [{compressed, 0}])]),
    Big = term_to_binary(lists:seq(1, 300), [compressed]),
    io:format("~p ~w~n", [byte_size(Big), erlang:md5(Big)]),
    {Back, Used} = binary_to_term(<<Big/binary, 7, 7>>, [used]),
    io:format("~p ~p~n", [Back =:= lists:seq(1, 300), Used]),
    io:format("~p~n", [try binary_to_term(<<131, 80, 0, 0, 0, 9, 1, 2, 3>>) catch error:E -> E end]),
    io:format("~p~n", [erlang:md5(["ab", <<"c">>, $d])]),
    ok.

crop(B) when byte_size(B) > 64 -> <<H:64/binary, _/binary>> = B, {H, '...'};
crop(B) -> B.
