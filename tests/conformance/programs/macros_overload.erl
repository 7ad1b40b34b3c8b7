-module(macros_overload).
-export([main/0]).

%% Macros with the same name but different arity.
-define(M, zero).
-define(M(A), {one, A}).
-define(M(A, B), {two, A, B}).
-define(WRAP(X), [?M, ?M(X), ?M(X, X)]).
-define(IDENT(X), X).
-define(COMMA_ARG(X), tuple_size(X)).
-define(LOG(Fmt, Args), io:format("log: " ++ Fmt ++ "~n", Args)).
-define(SWAP(A, B), {B, A}).
-define(APPLY_TWICE(F, X), F(F(X))).
-define(LAMBDA, fun(Y) -> Y * 3 end).

main() ->
    io:format("~p~n", [?M]),
    io:format("~p~n", [?M(1)]),
    io:format("~p~n", [?M(1, 2)]),
    io:format("~p~n", [?WRAP(w)]),
    io:format("~p~n", [?IDENT({a, b})]),
    io:format("~p~n", [?COMMA_ARG({a, b, c})]),
    ?LOG("value ~p and ~p", [1, two]),
    io:format("~p~n", [?SWAP(first, second)]),
    io:format("~p~n", [?APPLY_TWICE(?LAMBDA, 2)]),
    io:format("~p~n", [?IDENT(?IDENT(?M(deep)))]),
    io:format("~p~n", [?M([1, 2], {3, 4})]),
    ok.
