-module(fun2ms_untranslatable).
-export([f/0, g/0, h/0]).
-include_lib("stdlib/include/ms_transform.hrl").
f() ->
    ets:fun2ms(fun({K, V}) -> case K of a -> V end end).
g() ->
    ets:fun2ms(fun({K, V}) when helper(K) -> V end).
h() ->
    ets:fun2ms(fun({K, <<V:8>>}) -> X = K, {X, V} end).
helper(_) -> true.
