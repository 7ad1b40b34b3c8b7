-module(proc_badarity).
-export([main/0, id/1]).

%% Spawning a fun that takes arguments: spawn/1 and spawn_link/1 accept it
%% and the child fails with badarity; spawn_monitor/1 rejects it at once.
main() ->
    quiet(),
    Top = self(),
    F1 = ?MODULE:id(fun(X) -> X end),
    %% spawn_link/1: a trapping runner sees why the child failed.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  P = spawn_link(F1),
                  receive {'EXIT', P, {Reason, _}} -> Top ! {linked, Reason} end
          end),
    receive {linked, {badarity, {Fun, Args}}} ->
            io:format("spawn_link reason: badarity, fun arity ~p, args ~p~n",
                      [element(2, erlang:fun_info(Fun, arity)), Args]),
            io:format("same fun: ~p~n", [Fun =:= F1])
    end,
    P2 = spawn(F1),
    io:format("spawn/1 returned a pid: ~p~n", [is_pid(P2)]),
    %% spawn/3 with erlang:apply and a wrong arity fun.
    {P3, R3} = spawn_monitor(erlang, apply, [F1, [a, b]]),
    receive {'DOWN', R3, process, P3, {{badarity, {_, A3}}, _}} -> io:format("apply reason: badarity, args ~p~n", [A3]) end,
    %% spawn_monitor/1 checks the arity before spawning.
    case catch spawn_monitor(F1) of
        {'EXIT', {E, _}} -> io:format("spawn_monitor/1: ~p~n", [E]);
        _ -> io:format("spawn_monitor/1: spawned~n")
    end,
    %% spawn/3 of a function that does not exist.
    {P4, R4} = spawn_monitor(?MODULE, no_such_function, [1]),
    receive {'DOWN', R4, process, P4, {Why4, _}} -> io:format("missing function: ~p~n", [Why4]) end,
    {P5, R5} = spawn_monitor(no_such_module, f, []),
    receive {'DOWN', R5, process, P5, {Why5, _}} -> io:format("missing module: ~p~n", [Why5]) end,
    %% spawn/1 with something that is not a fun.
    case catch spawn(?MODULE:id(not_a_fun)) of
        {'EXIT', {E6, _}} -> io:format("spawn of an atom: ~p~n", [E6]);
        _ -> io:format("spawn of an atom: spawned~n")
    end,
    ok.

id(X) -> X.

%% erl's logger prints a timestamped report for every process that dies
%% from an uncaught error; switch it off so the output is deterministic.
quiet() -> catch logger:set_primary_config(level, none).
