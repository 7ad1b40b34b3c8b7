%% erl_anno: annotations as lines, {Line, Column} locations and property lists, their
%% parts, setting and unsetting properties, end locations from the text, and bad input.
-module(lib_erl_anno).
-export([main/0]).

main() ->
    A = erl_anno:new(5),
    B = erl_anno:new({5, 3}),
    Results = [A, B, erl_anno:set_generated(true, A), erl_anno:set_file("f.erl", B),
               erl_anno:set_text("x", A), erl_anno:set_record(true, A), erl_anno:set_line(7, B),
               erl_anno:set_location({2, 4}, A),
               erl_anno:set_generated(false, erl_anno:set_generated(true, A)),
               erl_anno:line(B), erl_anno:column(A), erl_anno:column(B), erl_anno:location(B),
               erl_anno:file(erl_anno:set_file("f.erl", A)), erl_anno:file(A),
               erl_anno:generated(erl_anno:set_generated(true, B)), erl_anno:generated(A),
               erl_anno:text(erl_anno:set_text("tt", A)),
               erl_anno:end_location(erl_anno:set_text("ab", B)), erl_anno:record(A),
               erl_anno:is_anno(5), erl_anno:is_anno({1, 2}), erl_anno:is_anno(foo),
               erl_anno:is_anno([{location, 1}]), erl_anno:is_anno([{generated, true}]),
               erl_anno:to_term(A), erl_anno:from_term(3),
               erl_anno:set_line(9, erl_anno:set_file("g", A)), erl_anno:new(0),
               erl_anno:set_text("ab\ncd", B), erl_anno:end_location(erl_anno:set_text("ab\ncd", B)),
               erl_anno:end_location(erl_anno:set_text("ab", A)),
               erl_anno:set_generated(true, erl_anno:set_file("h", A)),
               erl_anno:line(erl_anno:set_generated(true, erl_anno:set_file("h", B)))],
    [io:format("~p~n", [R]) || R <- Results],
    [io:format("~p~n", [try erl_anno:new(T) catch error:E -> E end]) || T <- [-1, foo, {1, 0}]],
    Try = fun(F) -> try F() catch error:E -> {error, E} end end,
    io:format("~p~n", [[erl_anno:is_anno([{location, a}]), erl_anno:is_anno([{file, 1}, {location, 1}]),
                        Try(fun() -> erl_anno:set_file(1, 5) end), Try(fun() -> erl_anno:set_text(a, 5) end),
                        Try(fun() -> erl_anno:line(a) end), Try(fun() -> erl_anno:set_generated(x, 5) end),
                        erl_anno:is_anno([{generated, true}, {location, {1, 2}}])]]),
    ok.
