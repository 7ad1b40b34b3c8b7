-module(funs_export).
-export([main/0, triple/1, pair/2]).

triple(X) -> X * 3.
pair(A, B) -> {A, B}.

main() ->
    F = fun ?MODULE:triple/1,
    io:format("remote fun: ~p~n", [F(7)]),
    G = fun funs_export:pair/2,
    io:format("remote fun 2: ~p~n", [G(x, y)]),
    R = fun lists:reverse/1,
    io:format("lists:reverse fun: ~p~n", [R([1, 2, 3])]),
    io:format("erlang fun: ~p~n", [(fun erlang:length/1)([a, b])]),
    io:format("map with remote: ~p~n", [lists:map(fun erlang:abs/1, [-1, 2, -3])]),
    io:format("fun_info module: ~p~n", [erlang:fun_info(F, module)]),
    io:format("fun_info name: ~p~n", [erlang:fun_info(F, name)]),
    io:format("fun_info arity: ~p~n", [erlang:fun_info(F, arity)]),
    io:format("fun_info type: ~p~n", [erlang:fun_info(F, type)]),
    io:format("fun_info type local: ~p~n", [erlang:fun_info(fun() -> ok end, type)]),
    M = lists, Fn = seq, A = 2,
    Dyn = fun M:Fn/A,
    io:format("dynamic remote fun: ~p~n", [Dyn(1, 4)]),
    io:format("apply/3: ~p~n", [apply(?MODULE, triple, [11])]),
    io:format("M:F(A): ~p~n", [M:Fn(3, 5)]),
    Mod = ?MODULE,
    io:format("Mod:pair: ~p~n", [Mod:pair(1, 2)]),
    io:format("is_function remote: ~p ~p~n", [is_function(F, 1), is_function(F, 2)]),
    io:format("exported: ~p~n", [erlang:function_exported(?MODULE, triple, 1)]),
    io:format("not exported: ~p~n", [erlang:function_exported(?MODULE, helper, 0)]),
    io:format("module_info exports: ~p~n", [lists:sort(?MODULE:module_info(exports))]),
    io:format("helper: ~p~n", [helper()]),
    ok.

helper() -> helped.
