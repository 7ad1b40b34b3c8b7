-module(proc_spawn_mfa).
-export([main/0, worker/3, no_args/1, sum_list/2]).

%% spawn/3 runs an exported function with an argument list.
worker(Parent, Tag, N) ->
    Parent ! {Tag, N * 10}.

no_args(Parent) ->
    Parent ! no_args_called.

sum_list(Parent, L) ->
    Parent ! {sum, lists:sum(L)}.

main() ->
    Self = self(),
    P1 = spawn(?MODULE, worker, [Self, first, 4]),
    io:format("spawn/3 gives pid: ~p~n", [is_pid(P1)]),
    receive {first, V1} -> io:format("first: ~p~n", [V1]) end,
    spawn(proc_spawn_mfa, no_args, [Self]),
    receive no_args_called -> io:format("no_args called~n") end,
    spawn(?MODULE, sum_list, [Self, [1, 2, 3, 4, 5]]),
    receive {sum, S} -> io:format("sum: ~p~n", [S]) end,
    %% A BIF as the entry point.
    spawn(erlang, send, [Self, via_bif]),
    receive via_bif -> io:format("erlang:send/2 as entry point~n") end,
    %% erlang:apply/2 as the entry point runs a fun with arguments.
    spawn(erlang, apply, [fun(A, B) -> Self ! {applied, A + B} end, [20, 22]]),
    receive {applied, AB} -> io:format("applied: ~p~n", [AB]) end,
    %% Bad argument shapes raise badarg in the caller.
    show("args not a list", catch spawn(?MODULE, worker, not_a_list)),
    show("improper args", catch spawn(?MODULE, worker, [a | b])),
    show("module not an atom", catch spawn("mod", worker, [])),
    show("function not an atom", catch spawn(?MODULE, 42, [])),
    ok.

show(Label, {'EXIT', {Reason, _Stack}}) -> io:format("~s: error ~p~n", [Label, Reason]);
show(Label, Other) -> io:format("~s: returned pid ~p~n", [Label, is_pid(Other)]).
