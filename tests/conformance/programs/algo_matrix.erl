-module(algo_matrix).
-export([main/0]).

main() ->
    A = [[1, 2, 3], [4, 5, 6]],
    B = [[7, 8], [9, 10], [11, 12]],
    io:format("A = ~p~n", [A]),
    io:format("transpose A = ~p~n", [transpose(A)]),
    io:format("A x B = ~p~n", [mul(A, B)]),
    io:format("B x A = ~p~n", [mul(B, A)]),
    I = identity(3),
    io:format("I3 = ~p~n", [I]),
    io:format("B^T x I = ~p~n", [mul(transpose(B), I)]),
    M = [[2, 0, 1], [1, 3, 2], [1, 1, 1]],
    io:format("det = ~p~n", [det(M)]),
    io:format("det 4x4 = ~p~n", [det([[1, 0, 2, -1], [3, 0, 0, 5], [2, 1, 4, -3], [1, 0, 5, 0]])]),
    Fib = [[1, 1], [1, 0]],
    io:format("fib via matrix power 90: ~p~n", [hd(tl(hd(pow(Fib, 90))))]),
    io:format("scaled = ~p~n", [[[X * 0.5 || X <- Row] || Row <- A]]),
    print(mul(A, B)),
    ok.

transpose([[] | _]) -> [];
transpose(M) -> [[hd(R) || R <- M] | transpose([tl(R) || R <- M])].

mul(A, B) ->
    BT = transpose(B),
    [[lists:sum([X * Y || {X, Y} <- lists:zip(Row, Col)]) || Col <- BT] || Row <- A].

identity(N) -> [[if I =:= J -> 1; true -> 0 end || J <- lists:seq(1, N)] || I <- lists:seq(1, N)].

det([[X]]) -> X;
det([Row | Rest]) ->
    N = length(Row),
    lists:sum([sign(J) * lists:nth(J, Row) * det(minor(J, Rest)) || J <- lists:seq(1, N)]).
sign(J) when J rem 2 =:= 1 -> 1;
sign(_) -> -1.
minor(J, Rows) -> [drop(J, R) || R <- Rows].
drop(J, R) -> {L, [_ | T]} = lists:split(J - 1, R), L ++ T.

pow(M, 1) -> M;
pow(M, N) when N rem 2 =:= 0 -> H = pow(M, N div 2), mul(H, H);
pow(M, N) -> mul(M, pow(M, N - 1)).

print(M) -> lists:foreach(fun(Row) -> io:format("~s~n", [[io_lib:format("~6w", [X]) || X <- Row]]) end, M).
