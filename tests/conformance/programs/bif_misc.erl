-module(bif_misc).
-export([main/0]).

main() ->
    io:format("length: ~p~n", [length([1, 2, 3])]),
    io:format("hd/tl: ~p ~p~n", [hd("abc"), tl("abc")]),
    io:format("size binary: ~p~n", [size(<<"abcd">>)]),
    io:format("byte_size bits: ~p~n", [byte_size(<<1:9>>)]),
    io:format("bit_size: ~p~n", [bit_size(<<"ab">>)]),
    io:format("is_function/2: ~p ~p~n", [is_function(fun(_, _) -> ok end, 2), is_function(fun(_) -> ok end, 2)]),
    io:format("is_function non fun: ~p~n", [is_function(foo, 0)]),
    io:format("node: ~p~n", [node()]),
    io:format("process dict put: ~p~n", [put(key, value1)]),
    io:format("process dict put again: ~p~n", [put(key, value2)]),
    io:format("process dict get: ~p~n", [get(key)]),
    io:format("process dict missing: ~p~n", [get(missing)]),
    io:format("process dict erase: ~p ~p~n", [erase(key), get(key)]),
    io:format("atom length: ~p~n", [length(atom_to_list(?MODULE))]),
    io:format("integer_to_list neg base: ~p~n", [integer_to_list(-10, 2)]),
    io:format("erlang:'not': ~p~n", [erlang:'not'(true)]),
    io:format("erlang:'=:=': ~p~n", [erlang:'=:='(1, 1.0)]),
    io:format("erlang:'++': ~p~n", [erlang:'++'([1], [2])]),
    io:format("erlang:'--': ~p~n", [erlang:'--'([1, 2], [2])]),
    io:format("erlang:'div': ~p~n", [erlang:'div'(7, 2)]),
    io:format("tuple funs: ~p~n", [lists:map(fun erlang:tuple_size/1, [{}, {1}, {1, 2}])]),
    io:format("hd of string: ~c~n", [hd("xyz")]),
    ok.
