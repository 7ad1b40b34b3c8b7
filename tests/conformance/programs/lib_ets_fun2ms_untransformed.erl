%% ets:fun2ms/1 in a module that does not include ms_transform.hrl: the call reaches ets,
%% which exits with erl's reason.
-module(lib_ets_fun2ms_untransformed).
-export([main/0]).

main() ->
    io:format("~p~n", [catch ets:fun2ms(fun({K, _}) -> K end)]).
