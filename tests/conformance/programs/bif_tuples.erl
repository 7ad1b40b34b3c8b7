-module(bif_tuples).
-export([main/0]).

main() ->
    T = {a, b, c, d},
    io:format("element: ~p ~p~n", [element(1, T), element(4, T)]),
    io:format("setelement: ~p~n", [setelement(2, T, x)]),
    io:format("setelement last: ~p~n", [setelement(4, T, z)]),
    io:format("tuple_size: ~p~n", [tuple_size(T)]),
    io:format("size: ~p~n", [size(T)]),
    io:format("size empty: ~p~n", [size({})]),
    io:format("make_tuple: ~p~n", [erlang:make_tuple(3, zero)]),
    io:format("make_tuple 0: ~p~n", [erlang:make_tuple(0, x)]),
    io:format("make_tuple/3: ~p~n", [erlang:make_tuple(5, def, [{2, two}, {4, four}])]),
    io:format("append_element: ~p~n", [erlang:append_element(T, e)]),
    io:format("append_element empty: ~p~n", [erlang:append_element({}, first)]),
    io:format("delete_element: ~p~n", [erlang:delete_element(2, T)]),
    io:format("insert_element: ~p~n", [erlang:insert_element(1, T, start)]),
    io:format("element 0: ~p~n", [catch_err(fun() -> element(id(0), T) end)]),
    io:format("element 5: ~p~n", [catch_err(fun() -> element(id(5), T) end)]),
    io:format("element non-tuple: ~p~n", [catch_err(fun() -> element(1, id([a])) end)]),
    io:format("setelement oob: ~p~n", [catch_err(fun() -> setelement(id(9), T, x) end)]),
    io:format("tuple_size list: ~p~n", [catch_err(fun() -> tuple_size(id([])) end)]),
    Big = list_to_tuple(lists:seq(1, 1000)),
    io:format("big tuple: ~p ~p~n", [tuple_size(Big), element(500, Big)]),
    Big2 = setelement(1000, Big, last),
    io:format("big setelement: ~p ~p~n", [element(1000, Big2), element(1000, Big)]),
    io:format("nested: ~p~n", [element(2, element(2, {x, {y, z}}))]),
    io:format("swap: ~p~n", [swap_first_last({1, 2, 3, 4, 5})]),
    ok.

id(X) -> X.
catch_err(F) -> try F() catch error:R -> {error, R} end.

swap_first_last(T) ->
    N = tuple_size(T),
    setelement(N, setelement(1, T, element(N, T)), element(1, T)).
