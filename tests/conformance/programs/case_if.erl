-module(case_if).
-export([main/0]).

main() ->
    [io:format("case ~p -> ~p~n", [X, classify(X)]) || X <- [0, 1, 2, 7, -3, a, "s", {t}, 1.5]],
    [io:format("if ~p -> ~p~n", [X, sign(X)]) || X <- [-5, 0, 5, 0.0, -0.5]],
    io:format("grade ~p~n", [[grade(S) || S <- [95, 85, 75, 65, 10]]]),
    io:format("case in case ~p ~p ~p~n", [nested(1, a), nested(1, b), nested(2, a)]),
    R = case lists:keyfind(b, 1, [{a, 1}, {b, 2}]) of
            {b, V} -> V * 10;
            false -> none
        end,
    io:format("keyfind case ~p~n", [R]),
    io:format("if true ~p~n", [if true -> always end]),
    io:format("case binding ~p~n", [binding(3)]),
    io:format("case guard seq ~p~n", [[gs(X) || X <- [1, 2, 3, 4, 11, foo]]]),
    io:format("case returns fun ~p~n", [(pick(double))(21)]),
    ok.

classify(X) ->
    case X of
        0 -> zero;
        1 -> one;
        N when is_integer(N), N > 0, N rem 2 =:= 0 -> positive_even;
        N when is_integer(N), N > 0 -> positive_odd;
        N when is_integer(N) -> negative;
        A when is_atom(A) -> atom;
        [_ | _] -> list;
        T when is_tuple(T) -> tuple;
        _ -> other
    end.

sign(X) ->
    if X > 0 -> positive;
       X < 0 -> negative;
       true -> zero
    end.

grade(S) ->
    if S >= 90 -> a;
       S >= 80 -> b;
       S >= 70 -> c;
       S >= 60 -> d;
       true -> f
    end.

nested(X, Y) ->
    case X of
        1 ->
            case Y of
                a -> one_a;
                _ -> one_other
            end;
        _ -> not_one
    end.

binding(N) ->
    case N of
        M when M > 2 -> Result = big;
        _ -> Result = small
    end,
    {Result, N}.

gs(X) ->
    case X of
        Y when Y =:= 1; Y =:= 2 -> one_or_two;
        Y when is_integer(Y), Y > 10; is_atom(Y) -> big_or_atom;
        _ -> rest
    end.

pick(double) -> fun(X) -> X * 2 end;
pick(_) -> fun(X) -> X end.
