%% The benchmark harness: runs a fun once, prints its result and the time it took in
%% microseconds, measured inside the VM so that start-up time is not counted.
-module(ember_bench).
-export([run/1]).

run(F) ->
    T0 = erlang:monotonic_time(microsecond),
    R = F(),
    T1 = erlang:monotonic_time(microsecond),
    io:format("result ~p~ntime_us ~p~n", [R, T1 - T0]).
