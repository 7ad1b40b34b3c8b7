-module(proc_receive_after_infinity).
-export([main/0, forever/0]).

forever() -> infinity.

%% 'after infinity' waits like a plain receive.
main() ->
    Top = self(),
    spawn(fun() -> timer:sleep(20), Top ! {late, 1} end),
    R1 = receive {late, N} -> {got, N} after infinity -> never end,
    io:format("after infinity: ~p~n", [R1]),
    %% The infinity can come from a variable.
    T = ?MODULE:forever(),
    spawn(fun() -> Top ! {late, 2} end),
    R2 = receive {late, M} -> {got, M} after T -> never end,
    io:format("after variable infinity: ~p~n", [R2]),
    %% A child that waits forever until told to stop.
    Waiter = spawn(fun() ->
                           receive
                               {stop, From} -> From ! stopped
                           after infinity -> ok
                           end
                   end),
    Waiter ! {stop, Top},
    receive stopped -> io:format("waiter stopped~n") end,
    ok.
