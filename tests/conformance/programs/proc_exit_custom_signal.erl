-module(proc_exit_custom_signal).
-export([main/0]).

%% exit(Pid, Reason) with a reason other than normal or kill kills a
%% non-trapping process with that reason and is a message for a trapping one.
main() ->
    Top = self(),
    P1 = spawn(fun() -> receive after infinity -> ok end end),
    R1 = monitor(process, P1),
    exit(P1, my_reason),
    receive {'DOWN', R1, process, P1, W1} -> io:format("plain process: ~p~n", [W1]) end,
    P2 = spawn(fun() -> receive after infinity -> ok end end),
    R2 = monitor(process, P2),
    exit(P2, {complex, [reason, 1], <<"two">>}),
    receive {'DOWN', R2, process, P2, W2} -> io:format("tuple reason: ~p~n", [W2]) end,
    %% Trapping: the signal becomes {'EXIT', Sender, Reason} and the
    %% process keeps running.
    P3 = spawn(fun() ->
                       process_flag(trap_exit, true),
                       Top ! ready,
                       trap_loop(Top, 3)
               end),
    receive ready -> ok end,
    exit(P3, first),
    exit(P3, {second, 2}),
    exit(P3, normal),
    Msgs = [receive {trapped, M} -> M end || _ <- [1, 2, 3]],
    io:format("trapped messages: ~p~n", [Msgs]),
    %% A child can send an exit signal to its parent runner.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  Me = self(),
                  C = spawn(fun() -> exit(Me, from_child) end),
                  receive {'EXIT', From, Why} -> Top ! {runner, From =:= C, Why} end
          end),
    receive {runner, IsChild, Why} -> io:format("from child: ~p ~p~n", [IsChild, Why]) end,
    %% exit/2 with a non-pid raises badarg.
    case catch exit(not_a_pid, reason) of
        {'EXIT', {E, _}} -> io:format("exit/2 with atom: ~p~n", [E]);
        Other -> io:format("exit/2 with atom: ~p~n", [Other])
    end,
    ok.

trap_loop(_Top, 0) -> ok;
trap_loop(Top, N) ->
    receive
        {'EXIT', From, Why} ->
            Top ! {trapped, {From =:= Top, Why}},
            trap_loop(Top, N - 1)
    end.
