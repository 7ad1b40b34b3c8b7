-module(proc_exit_kill).
-export([main/0]).

%% exit(Pid, kill) cannot be trapped; the victim dies with 'killed', and
%% linked processes see 'killed' too.
main() ->
    Top = self(),
    P1 = spawn(fun() -> receive after infinity -> ok end end),
    R1 = monitor(process, P1),
    exit(P1, kill),
    receive {'DOWN', R1, process, P1, W1} -> io:format("killed plain process: ~p~n", [W1]) end,
    %% A trapping process is killed anyway.
    P2 = spawn(fun() ->
                       process_flag(trap_exit, true),
                       Top ! ready,
                       receive M -> Top ! {trapped_anyway, M} end
               end),
    receive ready -> ok end,
    R2 = monitor(process, P2),
    exit(P2, kill),
    receive
        {'DOWN', R2, process, P2, W2} -> io:format("killed trapping process: ~p~n", [W2]);
        {trapped_anyway, _} -> io:format("kill was trapped~n")
    end,
    %% A trapping process linked to the victim gets {'EXIT', Pid, killed}.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  V = spawn_link(fun() -> receive after infinity -> ok end end),
                  exit(V, kill),
                  receive {'EXIT', V, W} -> Top ! {linked_sees, W} end
          end),
    receive {linked_sees, W3} -> io:format("trapping linked process sees: ~p~n", [W3]) end,
    %% A non-trapping process linked to the victim dies with killed.
    {Mid, R4} = spawn_monitor(fun() ->
                                      V = spawn_link(fun() -> receive after infinity -> ok end end),
                                      Top ! {victim, V},
                                      receive after infinity -> ok end
                              end),
    receive {victim, V4} -> exit(V4, kill) end,
    receive {'DOWN', R4, process, Mid, W4} -> io:format("non-trapping linked process died with: ~p~n", [W4]) end,
    %% Killing an already dead process is harmless.
    io:format("kill dead process returns: ~p~n", [exit(P1, kill)]),
    ok.
