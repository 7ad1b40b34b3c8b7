-module(proc_exit1_reasons).
-export([main/0]).

%% exit/1 ends the calling process with the given reason. exit(kill) is an
%% ordinary reason: it is not turned into 'killed' and can be trapped by
%% linked processes.
main() ->
    Top = self(),
    lists:foreach(
      fun(Reason) ->
              {P, Ref} = spawn_monitor(fun() -> exit(Reason) end),
              receive {'DOWN', Ref, process, P, W} -> io:format("monitor sees ~p~n", [W]) end
      end,
      [normal, kill, killed, shutdown, {shutdown, why}, "text", 42, [1, 2]]),
    %% Through a link, to a trapping process.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  Results = [begin
                                 C = spawn_link(fun() -> exit(R) end),
                                 receive {'EXIT', C, W} -> W end
                             end || R <- [normal, kill, custom]],
                  Top ! {trapped, Results}
          end),
    receive {trapped, Rs} -> io:format("trapping link sees: ~p~n", [Rs]) end,
    %% A non-trapping linked process dies with the same reason, also for kill.
    lists:foreach(
      fun(Reason) ->
              {Mid, Ref} = spawn_monitor(fun() ->
                                                 spawn_link(fun() -> exit(Reason) end),
                                                 receive after infinity -> ok end
                                         end),
              receive {'DOWN', Ref, process, Mid, W} -> io:format("linked non-trapping after exit(~p): ~p~n", [Reason, W]) end
      end,
      [kill, custom]),
    %% exit/1 can be caught inside the process itself.
    {P2, Ref2} = spawn_monitor(fun() ->
                                       R = (catch exit(caught_here)),
                                       Top ! {caught, R},
                                       exit(after_catch)
                               end),
    receive {caught, C} -> io:format("catch exit/1: ~p~n", [C]) end,
    receive {'DOWN', Ref2, process, P2, W2} -> io:format("then: ~p~n", [W2]) end,
    %% Returning normally from the entry function is reason normal.
    {P3, Ref3} = spawn_monitor(fun() -> some_value end),
    receive {'DOWN', Ref3, process, P3, W3} -> io:format("returned: ~p~n", [W3]) end,
    ok.
