-module(proc_spawn_monitor).
-export([main/0]).

%% spawn_monitor/1,3 return {Pid, Ref}; the 'DOWN' message has the shape
%% {'DOWN', Ref, process, Pid, Reason}.
main() ->
    {P1, R1} = spawn_monitor(fun() -> ok end),
    io:format("shape: ~p ~p~n", [is_pid(P1), is_reference(R1)]),
    receive
        {'DOWN', Ref, Type, Pid, Reason} ->
            io:format("ref matches: ~p~n", [Ref =:= R1]),
            io:format("type: ~p~n", [Type]),
            io:format("pid matches: ~p~n", [Pid =:= P1]),
            io:format("reason: ~p~n", [Reason])
    end,
    {P2, R2} = spawn_monitor(fun() -> exit(custom_reason) end),
    receive {'DOWN', R2, process, P2, Why2} -> io:format("exit/1 reason: ~p~n", [Why2]) end,
    {P3, R3} = spawn_monitor(fun() -> exit({shutdown, [1, 2]}) end),
    receive {'DOWN', R3, process, P3, Why3} -> io:format("tuple reason: ~p~n", [Why3]) end,
    {P4, R4} = spawn_monitor(lists, reverse, [[1, 2, 3]]),
    receive {'DOWN', R4, process, P4, Why4} -> io:format("spawn_monitor/3 reason: ~p~n", [Why4]) end,
    %% A monitor is one-way: the parent is unaffected and no link exists.
    {P5, R5} = spawn_monitor(fun() -> receive stop -> exit(stopped) end end),
    {links, L5} = process_info(P5, links),
    io:format("child links: ~p~n", [L5]),
    P5 ! stop,
    receive {'DOWN', R5, process, P5, Why5} -> io:format("stopped child: ~p~n", [Why5]) end,
    io:format("parent still alive: ~p~n", [is_process_alive(self())]),
    %% Wrong-arity funs are rejected up front by spawn_monitor/1.
    F1 = fun(_) -> ok end,
    case catch spawn_monitor(F1) of
        {'EXIT', {E, _}} -> io:format("spawn_monitor arity 1 fun: ~p~n", [E]);
        {_, _} -> io:format("spawn_monitor arity 1 fun: spawned~n")
    end,
    ok.
