-module(guards_bifs).
-export([main/0]).

main() ->
    [io:format("~p: ~p~n", [X, check(X)]) || X <- [[1, 2, 3], [], {a, b, c}, <<1, 2, 3, 4>>,
                                                  5, -5, 2.5, "abcdef", #{a => 1, b => 2}, 12]],
    io:format("~p~n", [[size_class(X) || X <- [{}, {a}, <<>>, <<"abc">>]]]),
    io:format("~p~n", [[head_is(X) || X <- [[a], [b, c], [1], []]]]),
    io:format("~p~n", [[elem(X) || X <- [{1, 2}, {3, 4, 5}, {x}]]]),
    io:format("~p~n", [[arith(X) || X <- [1, 2, 3, 4, 5, 6, 10, 15, 30]]]),
    io:format("~p~n", [[mapg(M) || M <- [#{k => 1}, #{k => 2}, #{j => 1}, #{}]]]),
    io:format("~p~n", [[bits(B) || B <- [<<1:1>>, <<1:8>>, <<1:16>>, <<1:12>>]]]),
    io:format("~p~n", [[node_check(X) || X <- [x]]]),
    io:format("~p~n", [[fl(X) || X <- [1.4, 1.5, -1.5, 2.7, 3]]]),
    ok.

check(X) when is_list(X), length(X) > 2 -> long_list;
check(X) when is_list(X), length(X) =:= 0 -> empty_list;
check(X) when tuple_size(X) =:= 3 -> triple;
check(X) when byte_size(X) =:= 4 -> four_bytes;
check(X) when abs(X) =:= 5 -> abs_five;
check(X) when trunc(X) =:= 2 -> trunc_two;
check(X) when is_list(X) -> list;
check(X) when map_size(X) =:= 2 -> map_two;
check(X) when X rem 4 =:= 0 -> mult_four;
check(_) -> other.

size_class(X) when size(X) =:= 0 -> empty;
size_class(X) when size(X) > 0 -> nonempty.

head_is(L) when hd(L) =:= a -> starts_a;
head_is(L) when tl(L) =:= [c] -> tail_c;
head_is(L) when is_integer(hd(L)) -> int_head;
head_is(_) -> no.

elem(T) when element(1, T) =:= 1 -> first_one;
elem(T) when element(3, T) =:= 5 -> third_five;
elem(_) -> none.

arith(X) when X rem 15 =:= 0 -> fizzbuzz;
arith(X) when X rem 5 =:= 0 -> buzz;
arith(X) when X rem 3 =:= 0 -> fizz;
arith(X) when X * 2 > 7 -> X;
arith(X) when X div 2 =:= 1 -> {half, X};
arith(X) -> {low, X}.

mapg(M) when is_map_key(k, M), map_get(k, M) =:= 1 -> k_is_1;
mapg(M) when is_map_key(k, M) -> {k, map_get(k, M)};
mapg(M) when map_size(M) > 0 -> other_keys;
mapg(_) -> empty.

bits(B) when bit_size(B) < 8 -> sub_byte;
bits(B) when bit_size(B) rem 8 =/= 0 -> unaligned;
bits(B) when byte_size(B) =:= 1 -> byte;
bits(_) -> bigger.

node_check(X) when node() =:= nonode@nohost -> {local, X};
node_check(X) -> {distributed, X}.

fl(X) when round(X) =:= 2 -> round_two;
fl(X) when floor(X) =:= 2 -> floor_two;
fl(X) when ceil(X) =:= -1 -> ceil_minus_one;
fl(X) when is_float(X), float(X) > 0 -> {pos, X};
fl(X) -> {other, X}.
