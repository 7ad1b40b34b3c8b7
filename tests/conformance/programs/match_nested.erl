-module(match_nested).
-export([main/0]).

main() ->
    Data = {person, "Ann", 34, [{email, "ann@example.org"}, {phone, 5551234}], #{role => admin}},
    {person, Name, Age, [{email, Email} | Others], #{role := Role}} = Data,
    io:format("~s ~p ~s ~p ~p~n", [Name, Age, Email, Others, Role]),
    Tree = {node, {node, {leaf, 1}, {leaf, 2}}, {node, {leaf, 3}, {node, {leaf, 4}, {leaf, 5}}}},
    io:format("sum ~p~n", [sum(Tree)]),
    io:format("depth ~p~n", [depth(Tree)]),
    io:format("leaves ~p~n", [leaves(Tree)]),
    io:format("mirror ~p~n", [mirror(Tree)]),
    io:format("~p~n", [describe([{a, 1}, {b, [1, 2]}, {c, {x, y}}, {d, []}, {e, <<"bin">>}, other])]),
    Whole = {outer, {inner, value}},
    {outer, {inner, _} = InnerTuple} = Whole,
    io:format("alias inner: ~p~n", [InnerTuple]),
    {outer, _} = Whole2 = Whole,
    io:format("alias whole: ~p~n", [Whole2]),
    io:format("~p~n", [first_two([1, 2, 3, 4])]),
    io:format("~p~n", [first_two([1])]),
    io:format("~p~n", [zip3([1, 2, 3], [a, b, c], "xyz")]),
    ok.

sum({leaf, V}) -> V;
sum({node, L, R}) -> sum(L) + sum(R).

depth({leaf, _}) -> 1;
depth({node, L, R}) -> 1 + max(depth(L), depth(R)).

leaves({leaf, V}) -> [V];
leaves({node, L, R}) -> leaves(L) ++ leaves(R).

mirror({leaf, _} = Leaf) -> Leaf;
mirror({node, L, R}) -> {node, mirror(R), mirror(L)}.

describe(List) -> [d(X) || X <- List].
d({K, N}) when is_integer(N) -> {K, int};
d({K, [_ | _]}) -> {K, nonempty_list};
d({K, []}) -> {K, empty_list};
d({K, {_, _}}) -> {K, pair};
d({K, <<_/binary>>}) -> {K, binary};
d(_) -> unknown.

first_two([A, B | _]) -> {A, B};
first_two(_) -> none.

zip3([A | As], [B | Bs], [C | Cs]) -> [{A, B, C} | zip3(As, Bs, Cs)];
zip3(_, _, _) -> [].
