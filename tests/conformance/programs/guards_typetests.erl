-module(guards_typetests).
-export([main/0]).

main() ->
    Values = [42, -1, 3.14, 100000000000000000000, atom, true, "str", [], [1 | 2],
              {}, {a, b}, <<"bin">>, <<1:3>>, #{}, #{a => 1}, fun() -> ok end,
              fun lists:reverse/1],
    lists:foreach(fun(V) -> io:format("~s~n", [describe(V)]) end, Values),
    io:format("is_function/2: ~p~n", [[arity_check(F) || F <- [fun() -> ok end, fun(_) -> ok end, fun(_, _) -> ok end]]]),
    io:format("is_record: ~p~n", [[rec_check(T) || T <- [{point, 1, 2}, {point, 1}, {other, 1, 2}, point]]]),
    ok.

describe(V) ->
    Tests = [{integer, is_integer(V)}, {float, is_float(V)}, {number, is_number(V)},
             {atom, is_atom(V)}, {boolean, is_boolean(V)}, {list, is_list(V)},
             {tuple, is_tuple(V)}, {binary, is_binary(V)}, {bitstring, is_bitstring(V)},
             {map, is_map(V)}, {function, is_function(V)}],
    Names = [atom_to_list(N) || {N, true} <- Tests],
    Kind = kind(V),
    lists:flatten([atom_to_list(Kind), ": ", lists:join(",", Names)]).

kind(V) when is_integer(V) -> integer;
kind(V) when is_float(V) -> float;
kind(V) when is_boolean(V) -> boolean;
kind(V) when is_atom(V) -> atom;
kind(V) when is_list(V) -> list;
kind(V) when is_tuple(V) -> tuple;
kind(V) when is_binary(V) -> binary;
kind(V) when is_bitstring(V) -> bitstring;
kind(V) when is_map(V) -> map;
kind(V) when is_function(V) -> function.

arity_check(F) when is_function(F, 0) -> zero;
arity_check(F) when is_function(F, 1) -> one;
arity_check(F) when is_function(F) -> many.

rec_check(T) when is_record(T, point, 3) -> point3;
rec_check(T) when is_tuple(T), tuple_size(T) > 0, element(1, T) =:= point -> other_point;
rec_check(_) -> no.
