%% Spawns N idle processes (each waits in receive), reports the time, prints "ready" and
%% waits, so that the runner can read the resident memory from outside; then stops.
-module(spawn_idle).
-export([main/1]).

main([NText]) ->
    N = list_to_integer(NText),
    T0 = erlang:monotonic_time(microsecond),
    Pids = spawn_n(N, []),
    T1 = erlang:monotonic_time(microsecond),
    io:format("result ~p~ntime_us ~p~nready~n", [length(Pids), T1 - T0]),
    receive stop -> ok after 3000 -> ok end.

spawn_n(0, Acc) -> Acc;
spawn_n(K, Acc) ->
    spawn_n(K - 1, [spawn(fun() -> receive stop -> ok end end) | Acc]).
