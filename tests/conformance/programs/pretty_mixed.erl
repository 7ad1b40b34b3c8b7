-module(pretty_mixed).
-export([main/0]).

main() ->
    Doc = {document,
           [{title, "Conformance Report"},
            {sections,
             [{section, 1, "Introduction", [{para, "Some text here."}, {para, "More text follows."}]},
              {section, 2, "Results", [{table, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}, {note, <<"binary note">>}]},
              {section, 3, "Conclusion", []}]},
            {meta, #{author => "anon", version => {1, 0, 3}, tags => [alpha, beta]}}]},
    io:format("~p~n", [Doc]),
    io:format("Document: ~p~n", [Doc]),
    io:format("~p~n", [[{ok, 1}, {error, "a reason string"}, {ok, [a, b, c]}, {error, {nested, reason, [1, 2, 3]}}]]),
    Tree = build(4),
    io:format("~p~n", [Tree]),
    io:format("~p~n", [{[1, 2, 3], "abc", <<"abc">>, abc, 'Abc', 1.5, -7, #{}, {}}]),
    ok.

build(0) -> leaf;
build(N) -> {node, N, build(N - 1), build(N - 1)}.
