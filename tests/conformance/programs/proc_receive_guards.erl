-module(proc_receive_guards).
-export([main/0]).

%% receive clauses with guards, maps, binaries and several clauses.
main() ->
    Msgs = [{temp, 15}, {temp, 35}, #{kind => alert, level => 3}, <<"bin:payload">>,
            {temp, -5}, {list, [1, 2, 3]}, 7, 2.5, #{kind => info}, {pair, x, x}, {pair, x, y}],
    [self() ! M || M <- Msgs],
    io:format("hot: ~p~n", [receive {temp, Hot} when Hot > 30 -> Hot end]),
    io:format("freezing: ~p~n", [receive {temp, Cold} when Cold < 0 -> Cold end]),
    io:format("alert level: ~p~n", [receive #{kind := alert, level := Level} -> Level end]),
    io:format("binary prefix: ~p~n", [receive <<"bin:", Rest/binary>> -> Rest end]),
    io:format("float: ~p~n", [receive Fl when is_float(Fl) -> Fl end]),
    io:format("integer: ~p~n", [receive Int when is_integer(Int) -> Int end]),
    io:format("repeated variable: ~p~n", [receive {pair, A, A} -> A end]),
    io:format("list length guard: ~p~n", [receive {list, Lst} when length(Lst) > 2 -> Lst end]),
    io:format("guard with orelse: ~p~n",
              [receive {pair, P, Q} when P =:= Q orelse Q =:= y -> {P, Q} end]),
    io:format("map without alert: ~p~n", [receive #{kind := K} -> K end]),
    io:format("left in order: ~p~n", [drain()]),
    %% A guard that raises is just false.
    self() ! {val, atom},
    self() ! {val, 4},
    io:format("failing guard skipped: ~p~n", [receive {val, V} when V + 1 > 0 -> V end]),
    io:format("left: ~p~n", [drain()]),
    ok.

drain() ->
    receive M -> [M | drain()] after 0 -> [] end.
