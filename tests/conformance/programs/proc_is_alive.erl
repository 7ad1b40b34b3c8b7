-module(proc_is_alive).
-export([main/0]).

%% is_process_alive/1 across the life of a process.
main() ->
    io:format("self: ~p~n", [is_process_alive(self())]),
    P = spawn(fun() -> receive stop -> ok end end),
    io:format("waiting child: ~p~n", [is_process_alive(P)]),
    Ref = monitor(process, P),
    P ! stop,
    receive {'DOWN', Ref, process, P, _} -> ok end,
    io:format("after normal return: ~p~n", [is_process_alive(P)]),
    %% After exit(Pid, kill) from the caller, is_process_alive/1 from the
    %% same caller sees the kill: signals from one process to another are
    %% handled in order.
    K = spawn(fun() -> receive after infinity -> ok end end),
    exit(K, kill),
    io:format("right after kill: ~p~n", [is_process_alive(K)]),
    C = spawn(fun() -> receive after infinity -> ok end end),
    exit(C, custom),
    io:format("right after custom exit: ~p~n", [is_process_alive(C)]),
    N = spawn(fun() -> receive stop -> ok end end),
    exit(N, normal),
    io:format("right after exit normal: ~p~n", [is_process_alive(N)]),
    N ! stop,
    %% A crashed child.
    {X, XRef} = spawn_monitor(fun() -> exit(bad) end),
    receive {'DOWN', XRef, process, X, _} -> ok end,
    io:format("after exit/1: ~p~n", [is_process_alive(X)]),
    %% Not a pid.
    case catch is_process_alive(not_a_pid) of
        {'EXIT', {E, _}} -> io:format("atom argument: ~p~n", [E]);
        Other -> io:format("atom argument: ~p~n", [Other])
    end,
    ok.
