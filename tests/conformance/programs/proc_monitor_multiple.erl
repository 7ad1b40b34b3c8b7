-module(proc_monitor_multiple).
-export([main/0]).

%% Several monitors on one process and several watchers of one process.
main() ->
    Top = self(),
    P = spawn(fun() -> receive {stop, R} -> exit(R) end end),
    Refs = [monitor(process, P) || _ <- lists:seq(1, 5)],
    io:format("distinct refs: ~p~n", [length(lists:usort(Refs))]),
    {monitors, Ms} = process_info(self(), monitors),
    io:format("monitors held: ~p~n", [length(Ms)]),
    {monitored_by, By} = process_info(P, monitored_by),
    io:format("monitored_by entries: ~p~n", [length(By)]),
    %% Remove two of them.
    [R1, R2, R3, R4, R5] = Refs,
    demonitor(R2),
    demonitor(R4),
    P ! {stop, many},
    Got = [receive {'DOWN', R, process, P, W} -> {ok, W} after 1000 -> none end || R <- [R1, R3, R5]],
    io:format("remaining monitors fired: ~p~n", [Got]),
    io:format("removed ones silent: ~p~n", [[receive {'DOWN', R, _, _, _} -> fired after 20 -> silent end || R <- [R2, R4]]]),
    %% Several watcher processes each get their own DOWN.
    T = spawn(fun() -> receive {stop, R} -> exit(R) end end),
    Watchers = [spawn(fun() ->
                              Ref = monitor(process, T),
                              Top ! {watching, self()},
                              receive {'DOWN', Ref, process, T, W} -> Top ! {watcher, self(), W} end
                      end) || _ <- lists:seq(1, 3)],
    [receive {watching, W} -> ok end || W <- Watchers],
    T ! {stop, shared},
    Results = [receive {watcher, W, Why} -> Why end || W <- Watchers],
    io:format("each watcher: ~p~n", [Results]),
    %% A monitor and a link on the same process.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  C = spawn_link(fun() -> receive go -> exit(both_ways) end end),
                  Ref = monitor(process, C),
                  C ! go,
                  A = receive {'DOWN', Ref, process, C, W1} -> W1 end,
                  B = receive {'EXIT', C, W2} -> W2 end,
                  Top ! {both, A, B}
          end),
    receive {both, A, B} -> io:format("monitor and link: ~p ~p~n", [A, B]) end,
    ok.
