-module(algo_nqueens).
-export([main/0]).

main() ->
    [io:format("~p queens: ~p solutions~n", [N, length(queens(N))]) || N <- lists:seq(1, 8)],
    [First | _] = queens(8),
    io:format("first 8-queens solution: ~p~n", [First]),
    print_board(First),
    ok.

queens(N) -> place(N, N, []).

place(_, 0, Qs) -> [lists:reverse(Qs)];
place(N, K, Qs) ->
    lists:append([place(N, K - 1, [C | Qs]) || C <- lists:seq(1, N), safe(C, Qs, 1)]).

safe(_, [], _) -> true;
safe(C, [Q | Qs], D) -> C =/= Q andalso abs(C - Q) =/= D andalso safe(C, Qs, D + 1).

print_board(Qs) ->
    N = length(Qs),
    lists:foreach(fun(Q) ->
                          io:format("~s~n", [[if I =:= Q -> $Q; true -> $. end || I <- lists:seq(1, N)]])
                  end, Qs).
