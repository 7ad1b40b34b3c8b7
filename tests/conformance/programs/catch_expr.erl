-module(catch_expr).
-export([main/0]).

main() ->
    io:format("value: ~p~n", [catch 42]),
    io:format("throw: ~p~n", [catch throw(thrown_value)]),
    io:format("exit: ~p~n", [catch exit(exit_reason)]),
    {'EXIT', {Reason1, _}} = catch error(err_reason),
    io:format("error reason: ~p~n", [Reason1]),
    {'EXIT', {Reason2, _}} = catch 1 / zero(),
    io:format("badarith reason: ~p~n", [Reason2]),
    {'EXIT', {Reason3, _}} = catch list_to_atom(id(1)),
    io:format("badarg reason: ~p~n", [Reason3]),
    {'EXIT', {Reason4, _}} = catch fail_match(),
    io:format("badmatch reason: ~p~n", [Reason4]),
    {'EXIT', {Reason5, _}} = catch nofun:nothing(),
    io:format("undef reason: ~p~n", [Reason5]),
    Res = catch exit({nested, [1, 2]}),
    io:format("exit tuple: ~p~n", [Res]),
    io:format("throw tuple looks like exit: ~p~n", [catch throw({'EXIT', fake})]),
    X = (catch 1) + 1,
    io:format("catch in expr: ~p~n", [X]),
    io:format("is EXIT tuple: ~p~n", [is_exit(catch error(e))]),
    io:format("is EXIT tuple: ~p~n", [is_exit(catch fine)]),
    io:format("catch list: ~p~n", [[catch may_throw(N) || N <- [1, 2, 3]]]),
    io:format("precedence: ~p~n", [catch 1 + 2]),
    ok.

id(X) -> X.
zero() -> 0.
fail_match() -> {a, _} = id({b, c}).
may_throw(2) -> throw(two);
may_throw(N) -> N.

is_exit({'EXIT', _}) -> true;
is_exit(_) -> false.
