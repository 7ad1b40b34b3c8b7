%% Float arithmetic on the interpreter's inline path: mixed integer and float operands,
%% division, results that are not finite (badarith), and the same operators in guards.
-module(op_float_fast).
-export([main/0]).

main() ->
    Vals = [0, 1, -3, 7, 0.0, -0.0, 1.5, -2.25, 1.0e308, 4503599627370497, 123456789012345678901234567890],
    [io:format("~p ~p: ~p ~p ~p ~p~n", [A, B, op('+', A, B), op('-', A, B), op('*', A, B), op('/', A, B)])
     || A <- Vals, B <- Vals],
    io:format("~p~n", [[guarded(X) || X <- [0, 2, 0.5, -1.0, 3]]]),
    io:format("~p~n", [loop(1000, 0.0)]),
    ok.

op(Op, A, B) ->
    try
        case Op of
            '+' -> id(A) + id(B);
            '-' -> id(A) - id(B);
            '*' -> id(A) * id(B);
            '/' -> id(A) / id(B)
        end
    catch
        error:Reason -> Reason
    end.

guarded(X) when 1 / X > 1.0 -> big;
guarded(X) when X * 2.0 > 1.0 -> doubled;
guarded(_) -> other.

loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, Acc + N / 3 - 0.25 * N).

id(X) -> X.
