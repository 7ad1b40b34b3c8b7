%% ets:fun2ms/1 with ms_transform.hrl: the match specifications funs make (heads, guards
%% with alternatives, bodies, values of the enclosing function, object() and bindings()),
%% and using them with ets:select/2.
-module(lib_ets_fun2ms).
-export([main/0]).

-include_lib("stdlib/include/ms_transform.hrl").

-record(r, {a, b = 2, c}).

p(X) -> io:format("~p~n", [X]).

main() ->
    Lim = 10,
    p(ets:fun2ms(fun({K, V}) when V > 10 -> K end)),
    p(ets:fun2ms(fun({K, V}) when V > Lim, is_integer(K) -> {K, V} end)),
    p(ets:fun2ms(fun(X) -> X end)),
    p(ets:fun2ms(fun({K, _} = T) when K =/= a -> T end)),
    p(ets:fun2ms(fun(T = {K, _}) when K =/= a -> T end)),
    p(ets:fun2ms(fun({a, B, [C | _]}) -> [B, C] end)),
    p(ets:fun2ms(fun({K, V}) when V > 1; K =:= x -> object() end)),
    p(ets:fun2ms(fun({K, V}) when V > 1 andalso K =:= x -> bindings() end)),
    p(ets:fun2ms(fun({K, 1}) -> true; ({K, 2}) -> {K}; (_) -> false end)),
    p(ets:fun2ms(fun({K, V}) when element(1, V) == 3, hd(K) > 2 -> V + 1 end)),
    p(ets:fun2ms(fun({K, V}) -> {{K, V}, Lim, [Lim]} end)),
    p(ets:fun2ms(fun({K, V}) when not (K > 1) -> {ok, "str", 1.5, <<"b">>} end)),
    p(ets:fun2ms(fun({_, #{a := V}}) -> V end)),
    p(ets:fun2ms(fun({_, V}) when is_map_key(a, V) -> map_get(a, V) end)),
    p(ets:fun2ms(fun({K, V}) -> K, V end)),
    p(ets:fun2ms(fun({K, K}) -> -K end)),
    p(ets:fun2ms(fun({K, V}) -> erlang:self() end)),
    p(ets:fun2ms(fun({K, V}) when K rem 2 =:= 0, V band 1 =/= 0 -> {K div 2, V * 2.0, -V} end)),
    %% Records: in heads, built in bodies (defaults filled in), fields and indexes.
    p(ets:fun2ms(fun(#r{a = A}) when A > 1 -> A end)),
    p(ets:fun2ms(fun(#r{a = A, c = C} = R) when A > C -> R#r.b end)),
    p(ets:fun2ms(fun(#r{a = A}) -> #r{a = A, c = x} end)),
    p(ets:fun2ms(fun(#r{_ = '_', a = 1}) -> #r.c end)),
    p(ets:fun2ms(fun({K, #r{b = B}}) -> {K, B} end)),
    p(ets:fun2ms(fun(X = #r{}) when X#r.a =:= 1 -> X end)),
    R = ets:new(r, [{keypos, #r.a}]),
    ets:insert(R, [#r{a = N, c = N * 2} || N <- [1, 2, 3]]),
    p(lists:sort(ets:select(R, ets:fun2ms(fun(#r{a = A, c = C}) when C > 2 -> {A, C} end)))),
    T = ets:new(t, [ordered_set]),
    ets:insert(T, [{N, N * N} || N <- lists:seq(1, 10)]),
    p(ets:select(T, ets:fun2ms(fun({K, V}) when V > 20, K rem 2 =:= 0 -> {K, V} end))),
    p(ets:select(T, ets:fun2ms(fun({K, V}) when V < Lim -> K end))),
    p(ets:select_count(T, ets:fun2ms(fun({K, _}) when K > 5 -> true end))),
    p(ets:select_delete(T, ets:fun2ms(fun({K, _}) when K < 3 -> true end))),
    p(ets:tab2list(T)).
