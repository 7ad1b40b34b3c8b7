-module(proc_link_noproc).
-export([main/0]).

%% Linking to a process that no longer exists.
main() ->
    Top = self(),
    Dead = dead_pid(),
    %% Not trapping: link/1 raises an error with reason noproc.
    {P1, R1} = spawn_monitor(fun() ->
                                     Result = try link(Dead) of
                                                  V -> {returned, V}
                                              catch
                                                  Class:Reason -> {Class, Reason}
                                              end,
                                     Top ! {result, Result}
                             end),
    receive {result, Res1} -> io:format("not trapping: ~p~n", [Res1]) end,
    receive {'DOWN', R1, process, P1, W1} -> io:format("process ended with: ~p~n", [W1]) end,
    %% Trapping: link/1 returns true and an {'EXIT', Pid, noproc} message
    %% arrives.
    {P2, R2} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     V = link(Dead),
                                     receive
                                         {'EXIT', From, Why} -> Top ! {result, V, From =:= Dead, Why}
                                     end
                             end),
    receive {result, V2, IsDead, Why2} -> io:format("trapping: link returned ~p, EXIT from dead pid ~p, reason ~p~n", [V2, IsDead, Why2]) end,
    receive {'DOWN', R2, process, P2, W2} -> io:format("process ended with: ~p~n", [W2]) end,
    %% Unlinking from a dead process is fine.
    io:format("unlink dead: ~p~n", [unlink(Dead)]),
    %% link/1 with a non-pid is badarg.
    case catch link(not_a_pid) of
        {'EXIT', {E, _}} -> io:format("link atom: ~p~n", [E]);
        Other -> io:format("link atom: ~p~n", [Other])
    end,
    ok.

dead_pid() ->
    {P, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, process, P, _} -> P end.
