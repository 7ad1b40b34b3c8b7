%% erlang:external_size/1,2: the size of a term's external encoding, without making it.
-module(lib_erlang_external_size).
-export([main/0]).
main() ->
    Terms = [0, 255, 256, -1, 1 bsl 40, 1 bsl 70, -(1 bsl 70), 1.5, atom, 'a longer atom name',
             "", "abc", [1, 2000, 3], [a | b], {}, {a, 1, "x"}, <<>>, <<1, 2, 3>>, <<1:3>>,
             #{}, #{a => 1, b => [2]}, self(), make_ref(), fun lists:map/2,
             lists:seq(1, 300), list_to_binary(lists:duplicate(70000, $x))],
    [io:format("~p ~p~n", [erlang:external_size(T), erlang:external_size(T) =:= byte_size(term_to_binary(T))])
     || T <- Terms],
    io:format("~p~n", [erlang:external_size({a, "abc"}, [{minor_version, 1}])]),
    io:format("~p~n", [erlang:external_size(1.5, [{minor_version, 0}])]),
    io:format("~p~n", [erlang:external_size(lists:duplicate(100, 0), [])]),
    io:format("~p~n", [[try erlang:external_size(a, O) catch error:W -> W end
                        || O <- [[compressed], [local], [{minor_version, 2}], [{minor_version, 1} | x]]]]),
    io:format("~p~n", [try erlang:external_size(1, bad) catch error:Why -> Why end]),
    io:format("~p~n", [try erlang:external_size(1, [{minor_version, 7}]) catch error:Why2 -> Why2 end]).
