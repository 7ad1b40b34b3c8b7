-module(proc_receive_after_reuse).
-export([main/0]).

%% Receives with timeouts one after another: a timeout is never early, whatever the
%% timeouts before it were, and a wait without a timeout is not ended by one.
main() ->
    Top = self(),
    %% A short timeout that a message beats, then a longer one that runs out.
    spawn(fun() -> Top ! first end),
    R1 = receive first -> message after 50 -> timeout end,
    T0 = erlang:monotonic_time(millisecond),
    R2 = receive never -> message after 200 -> timeout end,
    Waited = erlang:monotonic_time(millisecond) - T0,
    io:format("~p ~p, waited the full time: ~p~n", [R1, R2, Waited >= 200]),
    %% A satisfied timeout, then a wait with none: only the message ends it.
    spawn(fun() -> Top ! second end),
    R3 = receive second -> message after 20 -> timeout end,
    spawn(fun() -> timer:sleep(100), Top ! third end),
    R4 = receive third -> message end,
    io:format("~p ~p~n", [R3, R4]),
    %% Many satisfied long timeouts, then a short one: it still fires.
    [begin self() ! {n, I}, receive {n, I} -> ok after 10000 -> timeout end end
     || I <- lists:seq(1, 1000)],
    R5 = receive never -> message after 30 -> timeout end,
    io:format("after many: ~p~n", [R5]),
    %% A longer timeout after a shorter one that fired.
    R6 = receive never -> message after 10 -> timeout end,
    T1 = erlang:monotonic_time(millisecond),
    R7 = receive never -> message after 60 -> timeout end,
    io:format("~p ~p, waited the full time: ~p~n",
              [R6, R7, erlang:monotonic_time(millisecond) - T1 >= 60]),
    %% Timeouts in many processes at once.
    Pids = [spawn(fun() ->
                          receive go -> ok after 5000 -> ok end,
                          R = receive never -> message after 20 + I -> timeout end,
                          Top ! {done, I, R}
                  end) || I <- lists:seq(1, 50)],
    [P ! go || P <- Pids],
    Results = [receive {done, I, R} -> R end || I <- lists:seq(1, 50)],
    io:format("all ~p timed out: ~p~n", [length(Results), lists:usort(Results)]).
