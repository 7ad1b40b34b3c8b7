-module(proc_signals_after_kill).
-export([main/0]).

%% Signals that reach a process after one that kills it find it gone, even when they were
%% sent before it had the chance to die: a monitor gets 'DOWN' with noproc, a link an
%% exit with noproc, after the links and monitors made before the kill are told of it. A
%% process that traps the exit signal lives on, and a monitor then sees its real end.

main() ->
    process_flag(trap_exit, true),
    show("monitor after kill", monitor_after(kill)),
    show("monitor after an exit signal", monitor_after(boom)),
    show("monitor after a normal exit signal", monitor_after(normal)),
    show("link after kill", link_after(kill)),
    show("link after an exit signal", link_after(boom)),
    show("monitor and link after kill", both_after(kill)),
    %% A trapping target lives on.
    T = spawn(fun() ->
                      process_flag(trap_exit, true),
                      receive {'EXIT', _, Why} -> exit({trapped, Why}) end
              end),
    receive after 20 -> ok end,
    exit(T, boom),
    M = monitor(process, T),
    show("monitor after a trapped exit signal", receive {'DOWN', M, process, T, R} -> R after 200 -> none end),
    %% Messages sent after the kill are simply lost; the sender goes on.
    P = idle(),
    exit(P, kill),
    P ! hello,
    M2 = monitor(process, P),
    show("message and monitor after kill", receive {'DOWN', M2, process, P, R2} -> R2 after 200 -> none end),
    show("mailbox", flush()),
    %% The order: those set up before the kill hear of it first.
    Q = idle(),
    Before = monitor(process, Q),
    link(Q),
    exit(Q, kill),
    After = monitor(process, Q),
    receive after 100 -> ok end,
    show("in order", [case X of
                          {'DOWN', Before, process, Q, R3} -> {monitor_before, R3};
                          {'DOWN', After, process, Q, R3} -> {monitor_after, R3};
                          {'EXIT', Q, R3} -> {link, R3};
                          Other -> Other
                      end || X <- flush()]).

idle() ->
    P = spawn(fun() -> receive _ -> ok end end),
    receive after 20 -> ok end,
    P.

monitor_after(Reason) ->
    P = idle(),
    exit(P, Reason),
    M = monitor(process, P),
    receive {'DOWN', M, process, P, R} -> R after 200 -> none end.

link_after(Reason) ->
    P = idle(),
    exit(P, Reason),
    link(P),
    receive {'EXIT', P, R} -> R after 200 -> none end.

both_after(Reason) ->
    P = idle(),
    exit(P, Reason),
    M = monitor(process, P),
    link(P),
    D = receive {'DOWN', M, process, P, R1} -> R1 after 200 -> none end,
    E = receive {'EXIT', P, R2} -> R2 after 200 -> none end,
    {D, E}.

show(What, X) ->
    io:format("~s: ~p~n", [What, X]).

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.
