-module(proc_yield_processes).
-export([main/0]).

%% erlang:yield/0 and erlang:processes/0.
main() ->
    io:format("yield returns: ~p~n", [erlang:yield()]),
    Ps = processes(),
    io:format("processes() is a list: ~p~n", [is_list(Ps)]),
    io:format("all pids: ~p~n", [lists:all(fun is_pid/1, Ps)]),
    io:format("includes self: ~p~n", [lists:member(self(), Ps)]),
    P = spawn(fun() -> receive stop -> ok end end),
    io:format("includes a new child: ~p~n", [lists:member(P, processes())]),
    Ref = monitor(process, P),
    P ! stop,
    receive {'DOWN', Ref, process, P, _} -> ok end,
    %% An exiting process may still be listed for a moment after its
    %% 'DOWN', so poll until it has gone.
    io:format("dead child gone: ~p~n", [wait_gone(P, 5000)]),
    %% Yielding in a loop lets another process make progress.
    Top = self(),
    spawn(fun() -> Top ! from_other end),
    io:format("got message after yielding: ~p~n", [yield_until_message(100000)]),
    %% 100 more processes are all listed while they are alive.
    Kids = [spawn(fun() -> receive stop -> ok end end) || _ <- lists:seq(1, 100)],
    Now = processes(),
    io:format("all kids listed: ~p~n", [lists:all(fun(K) -> lists:member(K, Now) end, Kids)]),
    [K ! stop || K <- Kids],
    ok.

yield_until_message(0) -> gave_up;
yield_until_message(N) ->
    receive
        from_other -> yes
    after 0 ->
            erlang:yield(),
            yield_until_message(N - 1)
    end.

wait_gone(_P, 0) -> false;
wait_gone(P, N) ->
    case lists:member(P, processes()) of
        false -> true;
        true -> timer:sleep(1), wait_gone(P, N - 1)
    end.
