-module(proc_exit_matrix).
-export([main/0]).

%% What happens to a process that receives an exit signal, for each kind of
%% signal and with and without trap_exit. Each line shows the messages the
%% target received and how it ended.
main() ->
    Cases = [{Via, Reason, Trap}
             || Via <- [exit2, link],
                Reason <- [normal, kill, custom],
                Trap <- [false, true]],
    lists:foreach(fun run/1, Cases),
    ok.

run({Via, Reason, Trap} = Case) ->
    Top = self(),
    Target = spawn(fun() -> target(Top, Trap) end),
    Ref = monitor(process, Target),
    receive {ready, Target} -> ok end,
    case Via of
        exit2 ->
            exit(Target, Reason);
        link ->
            %% A linked helper that ends with exit(Reason) (for kill that
            %% is exit(kill), not exit(Pid, kill)).
            Target ! {spawn_linked_helper, Reason}
    end,
    %% Ask the target to report; if it has died, the monitor says so.
    Target ! report,
    Result = receive
                 {report, Target, Seen} -> {alive, Seen};
                 {'DOWN', Ref, process, Target, Why} -> {dead, Why}
             end,
    case Result of
        {alive, _} ->
            Target ! stop,
            receive {'DOWN', Ref, process, Target, _} -> ok end;
        {dead, _} -> ok
    end,
    io:format("~p -> ~p~n", [Case, Result]).

target(Top, Trap) ->
    process_flag(trap_exit, Trap),
    Top ! {ready, self()},
    target_loop(Top, []).

target_loop(Top, Seen) ->
    receive
        {spawn_linked_helper, Reason} ->
            H = spawn_link(fun() -> exit(Reason) end),
            %% Wait until the helper is gone: either the EXIT message
            %% arrives (trapping) or the signal was ignored (normal) or it
            %% killed us.
            M = monitor(process, H),
            receive {'DOWN', M, process, H, _} -> ok end,
            wait_exit_message(H, Top, Seen);
        report ->
            Top ! {report, self(), lists:reverse(Seen)},
            target_loop(Top, Seen);
        {'EXIT', From, Why} ->
            target_loop(Top, [{'EXIT', who(From, Top), Why} | Seen]);
        stop ->
            ok
    end.

%% For a trapping target, the EXIT message from the helper follows shortly.
wait_exit_message(H, Top, Seen) ->
    case process_info(self(), trap_exit) of
        {trap_exit, true} ->
            receive {'EXIT', H, Why} -> target_loop(Top, [{'EXIT', helper, Why} | Seen]) end;
        {trap_exit, false} ->
            target_loop(Top, Seen)
    end.

who(From, Top) when From =:= Top -> main;
who(_, _) -> other.
