-module(proc_spawn_opt).
-export([main/0, entry/1]).

entry(Parent) ->
    Parent ! {entry, self()},
    receive stop -> exit(entry_stopped) end.

%% spawn_opt/2,4 with link and monitor options.
main() ->
    Top = self(),
    %% [] behaves like spawn.
    P0 = spawn_opt(fun() -> Top ! plain end, []),
    io:format("no options returns pid: ~p~n", [is_pid(P0)]),
    receive plain -> io:format("plain child ran~n") end,
    %% [monitor] returns {Pid, Ref}.
    {P1, R1} = spawn_opt(fun() -> exit(mon_reason) end, [monitor]),
    io:format("monitor option shape: ~p ~p~n", [is_pid(P1), is_reference(R1)]),
    receive {'DOWN', R1, process, P1, W1} -> io:format("monitor option down: ~p~n", [W1]) end,
    %% [link] in a trapping runner gives an EXIT message.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  P = spawn_opt(fun() -> exit(link_reason) end, [link]),
                  receive {'EXIT', P, W} -> Top ! {link_exit, is_pid(P), W} end
          end),
    receive {link_exit, IsPid, W2} -> io:format("link option: ~p ~p~n", [IsPid, W2]) end,
    %% [link, monitor] gives both.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  {P, R} = spawn_opt(fun() -> exit(both) end, [link, monitor]),
                  A = receive {'DOWN', R, process, P, WA} -> {down, WA} end,
                  B = receive {'EXIT', P, WB} -> {exit, WB} end,
                  Top ! {both, A, B}
          end),
    receive {both, A, B} -> io:format("link and monitor: ~p ~p~n", [A, B]) end,
    %% spawn_opt/4 with module, function, arguments.
    {P4, R4} = spawn_opt(?MODULE, entry, [Top], [monitor]),
    receive {entry, From} -> io:format("spawn_opt/4 entry ran in child: ~p~n", [From =:= P4]) end,
    P4 ! stop,
    receive {'DOWN', R4, process, P4, W4} -> io:format("spawn_opt/4 down: ~p~n", [W4]) end,
    %% Unknown options are rejected.
    case catch spawn_opt(fun() -> ok end, [no_such_option]) of
        {'EXIT', {E, _}} -> io:format("bad option: ~p~n", [E]);
        _ -> io:format("bad option: accepted~n")
    end,
    ok.
