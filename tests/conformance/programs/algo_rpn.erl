-module(algo_rpn).
-export([main/0]).

main() ->
    Exprs = ["3 4 +", "5 1 2 + 4 * + 3 -", "2 3 ^", "10 4 /", "1 2 3 4 5 + + + +",
             "7 2 - 3 *", "4 sqrt", "2 0.5 ^", "9 neg abs", "1 +", "1 2 3", "6 0 /"],
    [io:format("~-22s => ~p~n", [E, safe_rpn(E)]) || E <- Exprs],
    ok.

safe_rpn(E) ->
    try rpn(E) of
        V -> {ok, V}
    catch
        throw:Why -> {error, Why};
        error:badarith -> {error, arith}
    end.

rpn(E) ->
    case lists:foldl(fun step/2, [], string:tokens(E, " ")) of
        [V] -> V;
        Stack -> throw({leftover, lists:reverse(Stack)})
    end.

step("+", [B, A | S]) -> [A + B | S];
step("-", [B, A | S]) -> [A - B | S];
step("*", [B, A | S]) -> [A * B | S];
step("/", [B, A | S]) -> [A / B | S];
step("^", [B, A | S]) -> [math:pow(A, B) | S];
step("sqrt", [A | S]) -> [math:sqrt(A) | S];
step("neg", [A | S]) -> [-A | S];
step("abs", [A | S]) -> [abs(A) | S];
step(Op, S) when Op =:= "+"; Op =:= "-"; Op =:= "*"; Op =:= "/"; Op =:= "^" ->
    throw({underflow, Op, S});
step(Tok, S) -> [num(Tok) | S].

num(T) ->
    try list_to_float(T)
    catch error:badarg -> list_to_integer(T)
    end.
