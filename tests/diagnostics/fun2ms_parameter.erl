-module(fun2ms_parameter).
-export([f/0]).
-include_lib("stdlib/include/ms_transform.hrl").
f() ->
    ets:fun2ms(fun([H | _]) -> H end).
