-module(macros_basic).
-export([main/0]).

-define(PI, 3.14159).
-define(GREETING, "hello").
-define(EMPTY_LIST, []).
-define(TUPLE, {a, b, c}).
-define(ADD(A, B), A + B).
-define(MUL(A, B), ((A) * (B))).
-define(BAD_MUL(A, B), A * B).
-define(MAX(A, B), (if A > B -> A; true -> B end)).
-define(PAIR(X), {X, X}).
-define(STR(X), ??X).
-define(CALL(F, Arg), F(Arg)).
-define(NOARGS(), no_args_macro).
-define(SEQ, lists:seq(1, 5)).
-define(AS_BLOCK(E1, E2), begin E1, E2 end).
-define(TIMES_TWO(X), ?MUL(X, 2)).
-define(QUAD(X), ?TIMES_TWO(?TIMES_TWO(X))).

main() ->
    io:format("PI: ~p~n", [?PI]),
    io:format("GREETING: ~s~n", [?GREETING]),
    io:format("EMPTY_LIST: ~p~n", [?EMPTY_LIST]),
    io:format("TUPLE: ~p~n", [?TUPLE]),
    io:format("ADD: ~p~n", [?ADD(2, 3)]),
    io:format("ADD precedence: ~p~n", [?ADD(2, 3) * 10]),
    io:format("MUL: ~p~n", [?MUL(2 + 1, 3 + 1)]),
    io:format("BAD_MUL: ~p~n", [?BAD_MUL(2 + 1, 3 + 1)]),
    io:format("MAX: ~p ~p~n", [?MAX(3, 9), ?MAX(10, 2)]),
    io:format("PAIR: ~p~n", [?PAIR(x)]),
    io:format("STR: ~s~n", [?STR(1 + 2 * foo(bar))]),
    io:format("STR list: ~p~n", [?STR([a, "b", $c])]),
    io:format("CALL: ~p~n", [?CALL(length, [1, 2, 3])]),
    io:format("NOARGS: ~p~n", [?NOARGS()]),
    io:format("SEQ: ~p~n", [?SEQ]),
    io:format("block: ~p~n", [?AS_BLOCK(io:format("side effect~n"), result)]),
    io:format("nested macro: ~p~n", [?TIMES_TWO(21)]),
    io:format("deep nested: ~p~n", [?QUAD(5)]),
    io:format("macro in pattern: ~p~n", [check(?TUPLE)]),
    io:format("macro in guard: ~p~n", [[small(X) || X <- [1, 3, 4]]]),
    ok.

check(?TUPLE) -> matched_tuple;
check(_) -> no.

-define(LIMIT, 3).
small(X) when X =< ?LIMIT -> small;
small(_) -> big.
