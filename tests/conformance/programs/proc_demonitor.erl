-module(proc_demonitor).
-export([main/0]).

%% demonitor/1,2 and the flush and info options.
main() ->
    P = spawn(fun() -> receive {stop, R} -> exit(R) end end),
    %% demonitor/1 on an active monitor: no DOWN afterwards.
    M1 = monitor(process, P),
    io:format("demonitor/1: ~p~n", [demonitor(M1)]),
    %% [info] on an active monitor returns true.
    M2 = monitor(process, P),
    io:format("demonitor info active: ~p~n", [demonitor(M2, [info])]),
    %% [info] on a monitor already removed returns false.
    io:format("demonitor info again: ~p~n", [demonitor(M2, [info])]),
    io:format("demonitor/1 again: ~p~n", [demonitor(M2)]),
    %% [] behaves like demonitor/1.
    M3 = monitor(process, P),
    io:format("demonitor empty options: ~p~n", [demonitor(M3, [])]),
    %% A monitor that stays active fires.
    M4 = monitor(process, P),
    %% A monitor whose DOWN is already queued: flush removes the message.
    M5 = monitor(process, P),
    P ! {stop, gone},
    wait_for_message(M5),
    io:format("queued before flush: ~p~n", [count_down(M5)]),
    io:format("demonitor flush: ~p~n", [demonitor(M5, [flush])]),
    io:format("queued after flush: ~p~n", [count_down(M5)]),
    receive {'DOWN', M4, process, P, W4} -> io:format("kept monitor fired: ~p~n", [W4]) end,
    io:format("removed monitors silent: ~p~n",
              [[count_down(M) || M <- [M1, M2, M3]]]),
    %% [flush, info] when the DOWN is already in the mailbox returns false
    %% and removes it.
    Q = spawn(fun() -> receive stop -> ok end end),
    M6 = monitor(process, Q),
    Q ! stop,
    wait_for_message(M6),
    io:format("demonitor flush info after down: ~p~n", [demonitor(M6, [flush, info])]),
    io:format("queued after: ~p~n", [count_down(M6)]),
    %% [flush, info] on a live monitor returns true.
    R = spawn(fun() -> receive stop -> ok end end),
    M7 = monitor(process, R),
    io:format("demonitor flush info live: ~p~n", [demonitor(M7, [flush, info])]),
    R ! stop,
    %% [info] after the DOWN was received returns false.
    S = spawn(fun() -> ok end),
    M8 = monitor(process, S),
    receive {'DOWN', M8, process, S, W8} -> io:format("received down: ~p~n", [W8]) end,
    io:format("demonitor info after receive: ~p~n", [demonitor(M8, [info])]),
    %% Bad arguments.
    show("demonitor non-ref", catch demonitor(self())),
    show("demonitor bad option", catch demonitor(make_ref(), [bogus])),
    io:format("demonitor unknown ref: ~p~n", [demonitor(make_ref())]),
    ok.

%% Wait until a 'DOWN' for Ref is in the mailbox, without taking it out.
wait_for_message(Ref) ->
    case count_down(Ref) of
        0 -> timer:sleep(1), wait_for_message(Ref);
        _ -> ok
    end.

count_down(Ref) ->
    {messages, Ms} = process_info(self(), messages),
    length([x || {'DOWN', R, _, _, _} <- Ms, R =:= Ref]).

show(Label, {'EXIT', {Reason, _}}) -> io:format("~s: ~p~n", [Label, Reason]);
show(Label, Other) -> io:format("~s: ~p~n", [Label, Other]).
