%% Tuple patterns whose elements are tested against literals and bound variables: tags,
%% exact comparison (1 vs 1.0), references, records, nested tuples, clause fall-through,
%% and a function_clause error that reports the original arguments.
-module(match_tuple_elements).
-export([main/0]).

-record(point, {x, y}).

main() ->
    io:format("~p~n", [[tag(T) || T <- [{ok, 1}, {error, x}, {ok, 1.0}, {1, ok}, {ok}, ok, {ok, 1, 2}]]]),
    io:format("~p~n", [[num(T) || T <- [{n, 0}, {n, 0.0}, {n, -1}, {n, 1 bsl 70}, {n, []}, {n, [a]}, {n, "s"}]]]),
    R1 = make_ref(),
    R2 = make_ref(),
    self() ! {R2, second},
    self() ! {R1, first},
    io:format("~p~n", [wait(R1)]),
    io:format("~p~n", [wait(R2)]),
    io:format("~p~n", [[same(X, Y) || {X, Y} <- [{1, 1}, {1, 1.0}, {a, a}, {a, b}, {"x", "x"}, {{1}, {1}}, {R1, R1}, {R1, R2}]]]),
    io:format("~p~n", [[rec(P) || P <- [#point{x = 0, y = 1}, #point{x = 1, y = 0}, {point, 0}, {other, 0, 0}]]]),
    io:format("~p~n", [[nested(T) || T <- [{a, {b, c}}, {a, {b, d}}, {a, {c, c}}, {a, b}]]]),
    io:format("~p~n", [loop([{step, 1}, {step, 2}, {skip, 3}, {step, 4}, stop], 0)]),
    io:format("~p~n", [first_frame(fun() -> strict({wrong, 1}, 7) end)]),
    io:format("~p~n", [first_frame(fun() -> strict({right, 2}, 7) end)]),
    io:format("~p~n", [guarded({x, 5})]),
    io:format("~p~n", [guarded({y, 5})]),
    strict({wrong, 3}, 8).

tag({ok, 1}) -> one;
tag({ok, X}) -> {ok_other, X};
tag({error, E}) -> {error, E};
tag({1, ok}) -> reversed;
tag(_) -> nomatch.

num({n, 0}) -> zero_int;
num({n, []}) -> nil;
num({n, -1}) -> minus_one;
num({n, X}) -> {other, X}.

wait(R) ->
    receive {R, V} -> V after 100 -> timeout end.

same(X, Y) ->
    case {X, Y} of
        {A, A} -> same;
        _ -> different
    end.

rec(#point{x = 0}) -> on_y_axis;
rec(#point{}) -> point;
rec(_) -> other.

nested({a, {b, c}}) -> abc;
nested({a, {b, _}}) -> ab;
nested({a, {_, c}}) -> ac;
nested(_) -> none.

loop([{step, N} | Rest], Acc) -> loop(Rest, Acc + N);
loop([{skip, _} | Rest], Acc) -> loop(Rest, Acc);
loop([stop], Acc) -> {stopped, Acc}.

strict({right, N}, M) -> N + M.

first_frame(F) ->
    try F() catch error:Reason:Stack -> {Reason, hd(Stack)} end.

guarded(T) when element(1, T) =:= x -> {x, element(2, T)};
guarded({y, N}) -> {y, N}.
