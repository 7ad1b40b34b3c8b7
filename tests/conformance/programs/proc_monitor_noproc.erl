-module(proc_monitor_noproc).
-export([main/0]).

%% Monitoring a process that does not exist gives an immediate 'DOWN'
%% with reason noproc.
main() ->
    Dead = dead_pid(),
    Ref = monitor(process, Dead),
    receive
        {'DOWN', Ref, process, Who, Why} ->
            io:format("down for dead pid: ~p ~p~n", [Who =:= Dead, Why])
    after 1000 -> io:format("no DOWN~n")
    end,
    %% Monitoring it twice gives two distinct references, two DOWNs.
    Ra = monitor(process, Dead),
    Rb = monitor(process, Dead),
    io:format("distinct refs: ~p~n", [Ra =/= Rb]),
    Wa = receive {'DOWN', Ra, process, Dead, X} -> X end,
    Wb = receive {'DOWN', Rb, process, Dead, Y} -> Y end,
    io:format("both down: ~p ~p~n", [Wa, Wb]),
    %% A process that ended with a custom reason still gives noproc later:
    %% the exit reason is not remembered.
    {P, R0} = spawn_monitor(fun() -> exit(special) end),
    receive {'DOWN', R0, process, P, First} -> io:format("first monitor: ~p~n", [First]) end,
    R1 = monitor(process, P),
    receive {'DOWN', R1, process, P, Later} -> io:format("later monitor: ~p~n", [Later]) end,
    io:format("mailbox empty: ~p~n", [process_info(self(), message_queue_len)]),
    ok.

dead_pid() ->
    {P, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, process, P, _} -> P end.
