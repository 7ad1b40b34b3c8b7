-module(proc_trap_exit_flag).
-export([main/0]).

%% process_flag(trap_exit, Bool) returns the previous value.
main() ->
    Top = self(),
    spawn(fun() ->
                  A = process_flag(trap_exit, true),
                  B = process_flag(trap_exit, true),
                  C = process_flag(trap_exit, false),
                  D = process_flag(trap_exit, false),
                  {trap_exit, Info} = process_info(self(), trap_exit),
                  Top ! {flags, [A, B, C, D], Info}
          end),
    receive {flags, Flags, Info} ->
            io:format("returns: ~p~n", [Flags]),
            io:format("process_info trap_exit: ~p~n", [Info])
    end,
    %% A new process does not inherit trap_exit from its parent.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  spawn(fun() -> Top ! {child_flag, process_info(self(), trap_exit)} end)
          end),
    receive {child_flag, CF} -> io:format("child of trapping process: ~p~n", [CF]) end,
    %% Turning trapping off again: the next abnormal linked exit kills.
    {P, Ref} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     C1 = spawn_link(fun() -> exit(first) end),
                                     receive {'EXIT', C1, W} -> Top ! {trapped, W} end,
                                     process_flag(trap_exit, false),
                                     spawn_link(fun() -> exit(second) end),
                                     receive after infinity -> ok end
                             end),
    receive {trapped, TW} -> io:format("trapped first: ~p~n", [TW]) end,
    receive {'DOWN', Ref, process, P, DW} -> io:format("then died with: ~p~n", [DW]) end,
    %% Exit messages queued while trapping stay queued after the flag is
    %% turned off.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  C2 = spawn_link(fun() -> exit(queued) end),
                  wait_queued(C2),
                  process_flag(trap_exit, false),
                  receive {'EXIT', C2, W2} -> Top ! {still_queued, W2} after 1000 -> Top ! {still_queued, none} end
          end),
    receive {still_queued, SQ} -> io:format("queued EXIT message: ~p~n", [SQ]) end,
    %% Bad flag values.
    case catch process_flag(trap_exit, maybe) of
        {'EXIT', {E, _}} -> io:format("bad value: ~p~n", [E]);
        Other -> io:format("bad value: ~p~n", [Other])
    end,
    ok.

%% Wait until the {'EXIT', Pid, _} message is in the mailbox.
wait_queued(Pid) ->
    {messages, Ms} = process_info(self(), messages),
    case [x || {'EXIT', P, _} <- Ms, P =:= Pid] of
        [] -> timer:sleep(1), wait_queued(Pid);
        _ -> ok
    end.
