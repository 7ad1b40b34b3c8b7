%% erl_eval's finer points, as erl has them: the error terms of expr and expr_list, expr/5's
%% return forms, map construction with :=, the non-local function handler seeing operators
%% and built-ins, local calls that fail before their arguments are evaluated, filters that
%% are guard tests and filters that are not, bitstring generators that skip, patterns
%% with ++, funs of many arguments, constant numbers, and the eval handler's bindings.
-module(lib_erl_eval_more).
-export([main/0]).
p(S) -> {ok, T, _} = erl_scan:string(S), {ok, Es} = erl_parse:parse_exprs(T), Es.
%% Evaluates F, or gives the exception.
t(F) -> try F() catch C:R -> {C, R} end.
main() ->
    [E1] = p("X + 1."),
    io:format("~p~n", [t(fun() -> erl_eval:expr(E1, []) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:expr(E1, [{'X', 1}], none, none, none) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:expr(E1, [{'X', 1}], none, none, value) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:exprs(p("#{a := 1}."), []) end)]),
    Me = self(),
    Log = fun(F, A) -> Me ! {called, F, [case X of Me -> me; _ -> X end || X <- A]}, case F of {M, N} -> apply(M, N, A); _ -> apply(F, A) end end,
    io:format("~p~n", [t(fun() -> {value, V, Bs} = erl_eval:exprs(p("X = abs(-1) + 2, self() ! hi, F = fun(Y) -> Y end, F(X), lists:reverse([X])."), [], none, {value, Log}), {V, [N || {N, _} <- Bs]} end)]),
    io:format("~p~n", [flush()]),
    io:format("~p~n", [t(fun() -> erl_eval:exprs(p("foo(io:format(\"side effect~n\"))."), []) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:expr_list(p("A = 1, A = 2."), []) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:exprs(p("[X || X <- [1,2], X == lists:nth(5,[])]."), []) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:exprs(p("[X || X <- [1,2], X + 1]."), []) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:exprs(p("Y = true, [X || X <- [1,2], Y]."), []) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:exprs(p("[X || <<1:8,X:8>> <= <<1,2,3,4,1,5>>]."), []) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:exprs(p("case 5 of \"a\" ++ _ -> a; _ -> b end."), []) end)]),
    io:format("~p~n", [t(fun() -> element(2, erl_eval:exprs(p("F = fun(A,B,C,D,E,F1,G,H,I,J,K,L) -> L end, F(1,2,3,4,5,6,7,8,9,10,11,12)."), [])) end)]),
    io:format("~p~n", [t(fun() -> element(2, erl_eval:exprs(p("F = fun G(0, _, _, _, _, _, _, _) -> done; G(N, A, B, C, D, E, H, I) -> G(N - 1, A, B, C, D, E, H, I) end, F(3, 1, 2, 3, 4, 5, 6, 7)."), [])) end)]),
    io:format("~p~n", [[erl_eval:is_constant_expr(E) || E <- p("1 + 2, a, {1}, [1], -3, \"s\", 2.5.")]]),
    io:format("~p~n", [t(fun() -> erl_eval:exprs(p("<<\"\\x{100}\">>."), []) end)]),
    io:format("~p~n", [t(fun() -> erl_eval:exprs(p("twice(3)."), [{'Z', 1}], {eval, fun(N, As, Bs) -> self() ! {bs, Bs}, {value, {N, length(As)}, Bs} end}) end)]),
    io:format("~p~n", [flush()]),
    ok.
flush() -> receive M -> [M | flush()] after 0 -> [] end.
