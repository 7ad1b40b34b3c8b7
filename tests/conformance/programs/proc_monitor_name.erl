-module(proc_monitor_name).
-export([main/0]).

%% Monitoring by registered name: the 'DOWN' message names the process as
%% {Name, Node} instead of a pid.
main() ->
    P = spawn(fun() -> receive {stop, R} -> exit(R) end end),
    true = register(watched_server, P),
    R1 = monitor(process, watched_server),
    R2 = monitor(process, {watched_server, node()}),
    P ! {stop, server_stopped},
    receive {'DOWN', R1, process, Who1, Why1} -> io:format("by name: ~p ~p~n", [Who1, Why1]) end,
    receive {'DOWN', R2, process, Who2, Why2} -> io:format("by name and node: ~p ~p~n", [Who2, Why2]) end,
    %% An unregistered name gives noproc immediately.
    R3 = monitor(process, no_such_name),
    receive {'DOWN', R3, process, Who3, Why3} -> io:format("unknown name: ~p ~p~n", [Who3, Why3]) end,
    R4 = monitor(process, {no_such_name, node()}),
    receive {'DOWN', R4, process, Who4, Why4} -> io:format("unknown name and node: ~p ~p~n", [Who4, Why4]) end,
    %% The monitor follows the process, not the name: after the name is
    %% unregistered the monitor still fires when the process dies.
    Q = spawn(fun() -> receive {stop, R} -> exit(R) end end),
    register(renamed, Q),
    R5 = monitor(process, renamed),
    unregister(renamed),
    Q ! {stop, unregistered_then_stopped},
    receive {'DOWN', R5, process, Who5, Why5} -> io:format("after unregister: ~p ~p~n", [Who5, Why5]) end,
    %% The name is free again once the process has died.
    io:format("whereis after death: ~p~n", [whereis(watched_server)]),
    ok.
