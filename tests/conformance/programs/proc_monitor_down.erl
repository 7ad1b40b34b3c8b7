-module(proc_monitor_down).
-export([main/0]).

%% erlang:monitor/2 on a live process and the exact 'DOWN' message.
main() ->
    Top = self(),
    P = spawn(fun() -> receive {stop, R} -> exit(R) end end),
    Ref = monitor(process, P),
    io:format("monitor returns a reference: ~p~n", [is_reference(Ref)]),
    io:format("erlang:monitor is the same BIF: ~p~n", [is_reference(erlang:monitor(process, P))]),
    P ! {stop, {bye, Top =:= self()}},
    Msg = receive {'DOWN', Ref, _, _, _} = M -> M end,
    io:format("tuple size: ~p~n", [tuple_size(Msg)]),
    io:format("element 1: ~p~n", [element(1, Msg)]),
    io:format("element 2 is the ref: ~p~n", [element(2, Msg) =:= Ref]),
    io:format("element 3: ~p~n", [element(3, Msg)]),
    io:format("element 4 is the pid: ~p~n", [element(4, Msg) =:= P]),
    io:format("element 5: ~p~n", [element(5, Msg)]),
    %% The second monitor fires too.
    receive {'DOWN', _, process, P, R2} -> io:format("second monitor: ~p~n", [R2]) end,
    %% Monitors do not make the watcher die.
    io:format("watcher alive: ~p~n", [is_process_alive(self())]),
    %% A process monitored by a process that then dies: nothing happens to it.
    Target = spawn(fun() -> receive stop -> ok end end),
    {W, WRef} = spawn_monitor(fun() -> monitor(process, Target), exit(watcher_gone) end),
    receive {'DOWN', WRef, process, W, WW} -> io:format("watcher died: ~p~n", [WW]) end,
    io:format("target alive: ~p~n", [is_process_alive(Target)]),
    TRef = monitor(process, Target),
    Target ! stop,
    receive {'DOWN', TRef, process, Target, TW} -> io:format("target reason: ~p~n", [TW]) end,
    %% Monitoring self is allowed and never fires.
    SRef = monitor(process, self()),
    io:format("monitor self: ~p~n", [is_reference(SRef)]),
    io:format("demonitor self: ~p~n", [demonitor(SRef)]),
    %% Bad arguments.
    show("monitor bad type", catch monitor(thing, self())),
    show("monitor bad item", catch monitor(process, 42)),
    ok.

show(Label, {'EXIT', {Reason, _}}) -> io:format("~s: ~p~n", [Label, Reason]);
show(Label, Other) -> io:format("~s: ~p~n", [Label, Other]).
