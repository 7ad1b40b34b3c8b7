-module(calc).
-export([add/2, sub/2, mul/2, divide/2, fact/1, mean/1, parse/1]).

add(A, B) -> A + B.
sub(A, B) -> A - B.
mul(A, B) -> A * B.

divide(_, 0) -> error(badarith);
divide(A, B) -> A / B.

fact(0) -> 1;
fact(N) when is_integer(N), N > 0 -> N * fact(N - 1).

mean([]) -> throw(empty);
mean(Xs) -> lists:sum(Xs) / length(Xs).

%% "1+2" -> {ok, 3}; anything else -> {error, Reason}
parse(S) ->
    case string:split(S, "+") of
        [A, B] ->
            try {ok, list_to_integer(A) + list_to_integer(B)}
            catch error:badarg -> {error, not_a_number}
            end;
        _ -> {error, no_operator}
    end.
