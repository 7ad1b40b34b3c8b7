%% erl_parse:abstract/1,2 and normalise/1 (terms as abstract forms and back), erl_scan's
%% token functions, reserved words, {Line, Column} locations and error text.
-module(lib_erl_parse_scan).
-export([main/0]).
main() ->
    Ts = [a, 1, -5, 2.5, -0.5, "abc", [], [1, 2], [a | b], {}, {x, "y", [z]}, <<1, 2>>, <<"hi">>, <<1:3>>, #{a => 1}, [1, "x"], "a\nb", [256, 1000], [-1]],
    [io:format("~p~n", [erl_parse:abstract(T)]) || T <- Ts],
    io:format("~p~n", [erl_parse:abstract({a, 1}, 7)]),
    io:format("~p~n", [[erl_parse:normalise(erl_parse:abstract(T)) =:= T || T <- Ts]]),
    io:format("~p~n", [try erl_parse:normalise({var, 1, 'X'}) catch error:R -> R end]),
    io:format("~p~n", [erl_parse:normalise({op, 1, '-', {integer, 1, 3}})]),
    io:format("~p~n", [erl_parse:normalise({bin, 1, [{bin_element, 1, {integer, 1, 5}, {integer, 1, 16}, default}]})]),
    io:format("~p~n", [erl_parse:normalise({char, 1, $a})]),
    io:format("~p~n", [erl_parse:normalise({'fun', 1, {function, {atom, 1, lists}, {atom, 1, map}, {integer, 1, 2}}})]),
    {ok, Toks, _} = erl_scan:string("foo(X) -> 'Bar' + 1.5. % c"),
    [io:format("~p~n", [{erl_scan:category(T), erl_scan:symbol(T), erl_scan:line(T), erl_scan:column(T), erl_scan:location(T), erl_scan:text(T)}]) || T <- Toks],
    io:format("~p~n", [[erl_scan:reserved_word(W) || W <- ['case', 'end', foo, 'receive', 'maybe', 'else', 'fun', 'catch', 'andalso', 'div', 'bnot']]]),
    io:format("~p~n", [erl_scan:string("a b", {1, 1})]),
    io:format("~p~n", [erl_scan:string("x\n y", 5)]),
    io:format("~p~n", [erl_scan:string("foo(X)\n  -> \"s\" ++ [$a].", {3, 5})]),
    io:format("~p~n", [erl_scan:string("x\n  'ab", {1, 4})]),
    %% Columns carry over from the tokens to the abstract format.
    {ok, CT, _} = erl_scan:string("1 + x.", {2, 3}),
    io:format("~p~n", [erl_parse:parse_exprs(CT)]),
    {ok, ET, _} = erl_scan:string("1 + .", {2, 3}),
    io:format("~p~n", [erl_parse:parse_exprs(ET)]),
    io:format("~p~n", [erl_parse:abstract([1, x], [{line, 5}])]),
    %% Forms.
    PF = fun(S) -> {ok, FT, _} = erl_scan:string(S), erl_parse:parse_form(FT) end,
    [io:format("~p~n", [PF(S)]) || S <- ["-module(m).", "-export([f/1, g/0]).", "-import(lists, [map/2]).",
        "-record(r, {a, b = 1}).", "-compile([export_all]).", "-vsn(\"1\").", "-my_attr({x, 1}).",
        "f(0) -> zero; f(N) when N > 0 -> pos.", "-define(X, 1).", "f( -> .", "g() -> [X || X <- [1,2]].",
        "-behaviour(gen_server).", "h(#{a := A}) -> A."]],
    {error, E, _} = erl_scan:string("'abc"),
    io:format("~p~n", [E]),
    io:format("~s~n", [erl_scan:format_error(element(3, E))]),
    ok.
