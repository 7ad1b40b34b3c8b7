-module(proc_main_returns_busy).
-export([main/0]).

%% Processes that never wait: busy loops must not starve main, and main
%% returning ends the program even though they are still running.
main() ->
    Top = self(),
    Busy = [spawn(fun() -> Top ! started, spin(0) end) || _ <- lists:seq(1, 4)],
    [receive started -> ok end || _ <- Busy],
    %% main keeps getting scheduled while the spinners run.
    Sum = lists:sum([work(I) || I <- lists:seq(1, 200)]),
    io:format("main computed: ~p~n", [Sum]),
    %% Messages still flow between other processes.
    Echo = spawn(fun() -> receive {From, X} -> From ! {echo, X} end end),
    Echo ! {Top, hello},
    receive {echo, E} -> io:format("echo while spinning: ~p~n", [E]) end,
    %% A spinner can be killed.
    [First | _] = Busy,
    exit(First, kill),
    io:format("killed spinner alive: ~p~n", [is_process_alive(First)]),
    io:format("other spinners alive: ~p~n", [[is_process_alive(P) || P <- tl(Busy)]]),
    io:format("main returns while 3 spinners run~n"),
    ok.

spin(N) -> spin((N + 1) rem 1000000).

work(I) -> lists:sum(lists:seq(1, I)).
