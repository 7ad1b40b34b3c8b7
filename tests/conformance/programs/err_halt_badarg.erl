%% erlang:halt/1,2 with a status or options it does not take: badarg, and the VM goes on.
-module(err_halt_badarg).
-export([main/0]).

main() ->
    [try_halt(fun() -> erlang:halt(S) end) || S <- [{5}, -1, foo, [1, x], 1.5, <<"x">>]],
    [try_halt(fun() -> erlang:halt(0, O) end) || O <- [bad, [{flush, maybe}], [x], [{flush, true} | tail]]],
    [try_halt(fun() -> erlang:halt(S, [{flush, false}, x]) end) || S <- [{5}, 0]],
    io:format("still running~n").

try_halt(F) ->
    try F() of
        V -> io:format("returned ~p~n", [V])
    catch
        C:R:Stack ->
            [{M, Fn, Args, Info} | _] = Stack,
            io:format("~p ~p ~p~n", [C, R, {M, Fn, Args, Info}])
    end.
