-module(guards_combos).
-export([main/0]).

main() ->
    Inputs = [0, 1, 5, 10, 11, 100, -1, a, b, "x", 3.0, {1}],
    [io:format("~p: ~p ~p ~p~n", [X, semi(X), comma(X), mixed(X)]) || X <- Inputs],
    io:format("~p~n", [[both(X, Y) || X <- [1, 2], Y <- [1, 2]]]),
    io:format("~p~n", [[bool_guard(X) || X <- [true, false, maybe]]]),
    io:format("~p~n", [[xor_guard(X, Y) || X <- [true, false], Y <- [true, false]]]),
    io:format("~p~n", [[lit(X) || X <- [1, 1.0, "a", [97], abc, <<"a">>]]]),
    ok.

semi(X) when X =:= 0; X =:= a; X =:= "x" -> special;
semi(_) -> plain.

comma(X) when is_integer(X), X > 0, X < 10 -> digit;
comma(X) when is_integer(X), X >= 10 -> big;
comma(_) -> no.

mixed(X) when is_integer(X), X > 50; is_atom(X), X =/= b; is_float(X) -> yes;
mixed(_) -> no.

both(X, Y) when X =:= Y -> {same, X};
both(X, Y) when X < Y, Y - X =:= 1 -> {next, X, Y};
both(X, Y) -> {diff, X, Y}.

bool_guard(X) when X -> was_true;
bool_guard(X) when not X -> was_false;
bool_guard(_) -> neither.

xor_guard(X, Y) when X xor Y -> one;
xor_guard(X, Y) when X and Y -> both;
xor_guard(X, Y) when X or Y -> impossible;
xor_guard(_, _) -> none.

lit(1) -> int_one;
lit(1.0) -> float_one;
lit("a") -> string_a;
lit(abc) -> atom;
lit(<<"a">>) -> bin_a.
