-module(proc_spawn_many).
-export([main/0]).

%% 10,000 processes each send a result back; main sums them.
main() ->
    Top = self(),
    N = 10000,
    Pids = [spawn(fun() -> Top ! {result, self(), I * 2} end) || I <- lists:seq(1, N)],
    io:format("spawned: ~p~n", [length(Pids)]),
    io:format("distinct: ~p~n", [length(lists:usort(Pids))]),
    Sum = collect(N, 0),
    io:format("sum: ~p~n", [Sum]),
    io:format("expected: ~p~n", [N * (N + 1)]),
    %% Results gathered per pid, in spawn order.
    Pids2 = [spawn(fun() -> Top ! {sq, self(), I * I} end) || I <- lists:seq(1, 1000)],
    Squares = [receive {sq, P, V} -> V end || P <- Pids2],
    io:format("sum of squares: ~p~n", [lists:sum(Squares)]),
    io:format("last three: ~p~n", [lists:nthtail(997, Squares)]),
    %% Waiting for all of them to be gone. Most have already ended, so
    %% their monitors report noproc.
    Mons = [monitor(process, P) || P <- Pids2],
    Reasons = [receive {'DOWN', R, process, _, Why} -> Why end || R <- Mons],
    io:format("all gone: ~p~n", [lists:all(fun(W) -> W =:= normal orelse W =:= noproc end, Reasons)]),
    io:format("none alive: ~p~n", [not lists:any(fun is_process_alive/1, Pids2)]),
    ok.

collect(0, Acc) -> Acc;
collect(N, Acc) -> receive {result, _, V} -> collect(N - 1, Acc + V) end.
