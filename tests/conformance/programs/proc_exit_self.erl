-module(proc_exit_self).
-export([main/0]).

%% exit/2 aimed at the calling process itself.
main() ->
    probe("exit(self(), normal), not trapping",
          fun() -> exit(self(), normal), sleep() end),
    probe("exit(self(), custom), not trapping",
          fun() -> exit(self(), custom), sleep() end),
    probe("exit(self(), kill), not trapping",
          fun() -> exit(self(), kill), sleep() end),
    probe("exit(self(), normal), trapping",
          fun() ->
                  process_flag(trap_exit, true),
                  exit(self(), normal),
                  receive {'EXIT', From, W} -> report({From =:= self(), W}) end
          end),
    probe("exit(self(), custom), trapping",
          fun() ->
                  process_flag(trap_exit, true),
                  exit(self(), custom),
                  receive {'EXIT', From, W} -> report({From =:= self(), W}) end
          end),
    probe("exit(self(), kill), trapping",
          fun() ->
                  process_flag(trap_exit, true),
                  exit(self(), kill),
                  sleep()
          end),
    %% exit(self(), kill) cannot be caught by try either.
    probe("exit(self(), kill) inside try",
          fun() ->
                  try
                      exit(self(), kill),
                      sleep()
                  catch
                      Class:Reason -> report({caught, Class, Reason})
                  end
          end),
    ok.

%% Run F in a monitored process; print what it reported and how it ended.
probe(Label, F) ->
    Top = self(),
    {P, Ref} = spawn_monitor(fun() -> put(top, Top), F(), exit(fell_through) end),
    Reports = collect(P, Ref),
    io:format("~s: ~p~n", [Label, Reports]).

collect(P, Ref) ->
    receive
        {report, P, What} -> [What | collect(P, Ref)];
        {'DOWN', Ref, process, P, Reason} -> [{down, Reason}]
    end.

report(What) -> get(top) ! {report, self(), What}.

sleep() -> receive after 1000 -> slept end.
