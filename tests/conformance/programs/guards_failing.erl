-module(guards_failing).
-export([main/0]).

%% Exceptions inside guards make the guard fail silently.
main() ->
    io:format("~p~n", [[g1(X) || X <- [[1, 2], [], a, 5]]]),
    io:format("~p~n", [[g2(X) || X <- [{a, b}, {a}, notuple, 3]]]),
    io:format("~p~n", [[g3(X) || X <- [4, 0, a]]]),
    io:format("~p~n", [[g4(X) || X <- [1, a, 2.5]]]),
    io:format("~p~n", [[g5(X) || X <- [#{a => 1}, #{}, not_a_map]]]),
    io:format("~p~n", [[g6(X) || X <- [<<1, 2>>, [1, 2], 7]]]),
    io:format("~p~n", [[g7(X) || X <- [a, 1, {}]]]),
    io:format("~p~n", [[g8(X) || X <- [[1, 2, 3], [1 | 2], foo]]]),
    ok.

g1(X) when hd(X) =:= 1 -> head_one;
g1(_) -> fallthrough.

g2(X) when element(2, X) =:= b -> second_b;
g2(_) -> fallthrough.

g3(X) when 10 div X > 1 -> divides;
g3(_) -> fallthrough.

g4(X) when X + 1 > 1 -> positive;
g4(_) -> fallthrough.

g5(M) when map_get(a, M) =:= 1 -> a_one;
g5(_) -> fallthrough.

g6(X) when byte_size(X) =:= 2 -> two_bytes;
g6(X) when length(X) =:= 2 -> two_elems;
g6(_) -> fallthrough.

g7(X) when (X + 1) > 0; is_atom(X) -> second_alternative;
g7(_) -> fallthrough.

g8(X) when length(X) > 2 -> long;
g8(_) -> fallthrough.
