-module(recursion_mutual).
-export([main/0]).

main() ->
    io:format("~p~n", [[{N, even(N), odd(N)} || N <- [0, 1, 2, 7, 10]]]),
    io:format("~p~n", [expr({add, {num, 1}, {mul, {num, 2}, {neg, {num, 3}}}})]),
    io:format("~p~n", [tokens("12+34*(5-6)")]),
    io:format("~p~n", [parse_eval("2*(3+4)-5")]),
    io:format("~p~n", [parse_eval("1+2*3+4")]),
    io:format("~p~n", [parse_eval("((7))")]),
    io:format("~p~n", [hofstadter(15)]),
    ok.

even(0) -> true;
even(N) -> odd(N - 1).
odd(0) -> false;
odd(N) -> even(N - 1).

expr({num, N}) -> N;
expr({add, A, B}) -> expr(A) + expr(B);
expr({mul, A, B}) -> expr(A) * expr(B);
expr({neg, A}) -> -expr(A).

tokens([]) -> [];
tokens([C | _] = S) when C >= $0, C =< $9 ->
    Digits = lists:takewhile(fun(X) -> X >= $0 andalso X =< $9 end, S),
    Rest = lists:dropwhile(fun(X) -> X >= $0 andalso X =< $9 end, S),
    [{int, list_to_integer(Digits)} | tokens(Rest)];
tokens([C | Rest]) -> [list_to_atom([C]) | tokens(Rest)].

%% expr := term (('+'|'-') term)*
parse_eval(S) ->
    {V, []} = p_expr(tokens(S)),
    V.
p_expr(Ts) ->
    {V, Rest} = p_term(Ts),
    p_expr_rest(V, Rest).
p_expr_rest(Acc, ['+' | Ts]) -> {V, R} = p_term(Ts), p_expr_rest(Acc + V, R);
p_expr_rest(Acc, ['-' | Ts]) -> {V, R} = p_term(Ts), p_expr_rest(Acc - V, R);
p_expr_rest(Acc, Ts) -> {Acc, Ts}.
p_term(Ts) ->
    {V, Rest} = p_factor(Ts),
    p_term_rest(V, Rest).
p_term_rest(Acc, ['*' | Ts]) -> {V, R} = p_factor(Ts), p_term_rest(Acc * V, R);
p_term_rest(Acc, Ts) -> {Acc, Ts}.
p_factor([{int, N} | Ts]) -> {N, Ts};
p_factor(['(' | Ts]) ->
    {V, [')' | Rest]} = p_expr(Ts),
    {V, Rest}.

hofstadter(N) -> [{f(I), m(I)} || I <- lists:seq(0, N)].
f(0) -> 1;
f(N) -> N - m(f(N - 1)).
m(0) -> 0;
m(N) -> N - f(m(N - 1)).
