%% gb_trees: general balanced trees (Arne Andersson's scheme), following
%% the documented behaviour of OTP 25's gb_trees module (results, error
%% reasons and the term shape of a tree).
%%
%% A tree is {Size, Node}, where Node is nil or {Key, Value, Smaller,
%% Bigger}. Keys are ordered by term order and compared with == (so 1 and
%% 1.0 are the same key). As in OTP, insert/3 rebuilds the subtree it went
%% through into a perfectly balanced one as soon as the path it took is
%% deeper than twice the base-2 logarithm of the tree's size, and deletion
%% never rebalances, so trees built by the same calls are equal (=:=) to
%% OTP's. An iterator is the list of the nodes still to be visited, as in
%% OTP. Nothing is left out.
-module(gb_trees).

-export([empty/0, is_empty/1, size/1, lookup/2, get/2, is_defined/2,
         insert/3, update/3, enter/3, delete/2, delete_any/2, take/2,
         take_any/2, balance/1, from_orddict/1, to_list/1, keys/1,
         values/1, smallest/1, largest/1, take_smallest/1,
         take_largest/1, iterator/1, iterator_from/2, next/1, map/2]).

-compile({no_auto_import, [size/1]}).

%% ---------------------------------------------------------------------
%% Queries

empty() -> {0, nil}.

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({Size, _}) when is_integer(Size), Size >= 0 -> Size.

lookup(Key, {_, T}) -> lookup_1(Key, T).

lookup_1(Key, {Key1, _, Smaller, _}) when Key < Key1 -> lookup_1(Key, Smaller);
lookup_1(Key, {Key1, _, _, Bigger}) when Key > Key1 -> lookup_1(Key, Bigger);
lookup_1(_, {_, Value, _, _}) -> {value, Value};
lookup_1(_, nil) -> none.

is_defined(Key, {_, T}) -> is_defined_1(Key, T).

is_defined_1(Key, {Key1, _, Smaller, _}) when Key < Key1 ->
    is_defined_1(Key, Smaller);
is_defined_1(Key, {Key1, _, _, Bigger}) when Key > Key1 ->
    is_defined_1(Key, Bigger);
is_defined_1(_, {_, _, _, _}) -> true;
is_defined_1(_, nil) -> false.

%% A missing key is a function_clause error, as in OTP.
get(Key, {_, T}) -> get_1(Key, T).

get_1(Key, {Key1, _, Smaller, _}) when Key < Key1 -> get_1(Key, Smaller);
get_1(Key, {Key1, _, _, Bigger}) when Key > Key1 -> get_1(Key, Bigger);
get_1(_, {_, Value, _, _}) -> Value.

%% ---------------------------------------------------------------------
%% Insertion

insert(Key, Val, {S, T}) when is_integer(S) ->
    S1 = S + 1,
    {S1, insert_1(Key, Val, T, S1 * S1)}.

%% Budget starts as the square of the new size and is halved at each level;
%% when the new node lands where it is used up, the path is too deep. Then
%% the result is {Tree, H, Size} rather than a node, with H = 2^height of
%% Tree, until an ancestor is found with H > Size^2, which is rebuilt.
insert_1(Key, Val, {Key1, V, Smaller, Bigger}, Budget) when Key < Key1 ->
    case insert_1(Key, Val, Smaller, Budget bsr 1) of
        {T1, H1, S1} -> too_deep({Key1, V, T1, Bigger}, H1, S1, Bigger);
        T1 -> {Key1, V, T1, Bigger}
    end;
insert_1(Key, Val, {Key1, V, Smaller, Bigger}, Budget) when Key > Key1 ->
    case insert_1(Key, Val, Bigger, Budget bsr 1) of
        {T1, H1, S1} -> too_deep({Key1, V, Smaller, T1}, H1, S1, Smaller);
        T1 -> {Key1, V, Smaller, T1}
    end;
insert_1(Key, Val, nil, 0) -> {{Key, Val, nil, nil}, 1, 1};
insert_1(Key, Val, nil, _) -> {Key, Val, nil, nil};
insert_1(Key, _, _, _) -> error({key_exists, Key}).

too_deep(T, H1, S1, Other) ->
    {H2, S2} = count(Other),
    H = 2 * max(H1, H2),
    Size = S1 + S2 + 1,
    if
        H > Size * Size -> balance_node(T, Size);
        true -> {T, H, Size}
    end.

%% {2^height, size} of a subtree, a leaf and nil both counting as height 0.
count({_, _, nil, nil}) -> {1, 1};
count({_, _, Sm, Bi}) ->
    {H1, S1} = count(Sm),
    {H2, S2} = count(Bi),
    {2 * max(H1, H2), S1 + S2 + 1};
count(nil) -> {1, 0}.

update(Key, Val, {S, T}) -> {S, update_1(Key, Val, T)}.

update_1(Key, Val, {Key1, V, Smaller, Bigger}) when Key < Key1 ->
    {Key1, V, update_1(Key, Val, Smaller), Bigger};
update_1(Key, Val, {Key1, V, Smaller, Bigger}) when Key > Key1 ->
    {Key1, V, Smaller, update_1(Key, Val, Bigger)};
update_1(Key, Val, {_, _, Smaller, Bigger}) -> {Key, Val, Smaller, Bigger}.

enter(Key, Val, T) ->
    case is_defined(Key, T) of
        true -> update(Key, Val, T);
        false -> insert(Key, Val, T)
    end.

%% ---------------------------------------------------------------------
%% Deletion

delete(Key, {S, T}) when is_integer(S), S >= 0 -> {S - 1, delete_1(Key, T)}.

delete_1(Key, {Key1, V, Smaller, Bigger}) when Key < Key1 ->
    {Key1, V, delete_1(Key, Smaller), Bigger};
delete_1(Key, {Key1, V, Smaller, Bigger}) when Key > Key1 ->
    {Key1, V, Smaller, delete_1(Key, Bigger)};
delete_1(_, {_, _, Smaller, Bigger}) -> join(Smaller, Bigger).

%% The two subtrees of a removed node, joined under the smallest key of
%% the bigger one.
join(Smaller, nil) -> Smaller;
join(nil, Bigger) -> Bigger;
join(Smaller, Bigger) ->
    {Key, Val, Bigger1} = take_smallest_1(Bigger),
    {Key, Val, Smaller, Bigger1}.

delete_any(Key, T) ->
    case is_defined(Key, T) of
        true -> delete(Key, T);
        false -> T
    end.

take(Key, {S, T}) when is_integer(S), S >= 0 ->
    {Val, T1} = take_1(Key, T),
    {Val, {S - 1, T1}}.

take_1(Key, {Key1, V, Smaller, Bigger}) when Key < Key1 ->
    {Val, Smaller1} = take_1(Key, Smaller),
    {Val, {Key1, V, Smaller1, Bigger}};
take_1(Key, {Key1, V, Smaller, Bigger}) when Key > Key1 ->
    {Val, Bigger1} = take_1(Key, Bigger),
    {Val, {Key1, V, Smaller, Bigger1}};
take_1(_, {_, Val, Smaller, Bigger}) -> {Val, join(Smaller, Bigger)}.

take_any(Key, T) ->
    case is_defined(Key, T) of
        true -> take(Key, T);
        false -> error
    end.

smallest({_, T}) -> smallest_1(T).

smallest_1({Key, Val, nil, _}) -> {Key, Val};
smallest_1({_, _, Smaller, _}) -> smallest_1(Smaller).

take_smallest({Size, T}) when is_integer(Size), Size >= 0 ->
    {Key, Val, T1} = take_smallest_1(T),
    {Key, Val, {Size - 1, T1}}.

take_smallest_1({Key, Val, nil, Bigger}) -> {Key, Val, Bigger};
take_smallest_1({Key, Val, Smaller, Bigger}) ->
    {Key1, Val1, Smaller1} = take_smallest_1(Smaller),
    {Key1, Val1, {Key, Val, Smaller1, Bigger}}.

largest({_, T}) -> largest_1(T).

largest_1({Key, Val, _, nil}) -> {Key, Val};
largest_1({_, _, _, Bigger}) -> largest_1(Bigger).

take_largest({Size, T}) when is_integer(Size), Size >= 0 ->
    {Key, Val, T1} = take_largest_1(T),
    {Key, Val, {Size - 1, T1}}.

take_largest_1({Key, Val, Smaller, nil}) -> {Key, Val, Smaller};
take_largest_1({Key, Val, Smaller, Bigger}) ->
    {Key1, Val1, Bigger1} = take_largest_1(Bigger),
    {Key1, Val1, {Key, Val, Smaller, Bigger1}}.

%% ---------------------------------------------------------------------
%% Balancing and conversion

balance({S, T}) -> {S, balance_node(T, S)}.

balance_node(T, S) -> from_pairs(to_list_1(T, []), S).

from_orddict(L) ->
    S = length(L),
    {S, from_pairs(L, S)}.

%% A perfectly balanced tree of the first S pairs of an ordered list, the
%% smaller subtree getting the larger half of the rest.
from_pairs(L, S) ->
    {T, _} = from_pairs_1(L, S),
    T.

from_pairs_1(L, S) when S > 1 ->
    Rest = S - 1,
    S2 = Rest div 2,
    S1 = Rest - S2,
    {T1, [{K, V} | L1]} = from_pairs_1(L, S1),
    {T2, L2} = from_pairs_1(L1, S2),
    {{K, V, T1, T2}, L2};
from_pairs_1([{K, V} | L], 1) -> {{K, V, nil, nil}, L};
from_pairs_1(L, 0) -> {nil, L}.

to_list({_, T}) -> to_list_1(T, []).

to_list_1({Key, Val, Smaller, Bigger}, L) ->
    to_list_1(Smaller, [{Key, Val} | to_list_1(Bigger, L)]);
to_list_1(nil, L) -> L.

keys({_, T}) -> keys_1(T, []).

keys_1({Key, _, Smaller, Bigger}, L) -> keys_1(Smaller, [Key | keys_1(Bigger, L)]);
keys_1(nil, L) -> L.

values({_, T}) -> values_1(T, []).

values_1({_, Val, Smaller, Bigger}, L) ->
    values_1(Smaller, [Val | values_1(Bigger, L)]);
values_1(nil, L) -> L.

%% ---------------------------------------------------------------------
%% Iterators and mapping

iterator({_, T}) -> push_left(T, []).

%% Push a node and the nodes down its left edge.
push_left({_, _, nil, _} = T, As) -> [T | As];
push_left({_, _, Smaller, _} = T, As) -> push_left(Smaller, [T | As]);
push_left(nil, As) -> As.

iterator_from(Key, {_, T}) -> iterator_from_1(Key, T, []).

iterator_from_1(Key, {K, _, _, Bigger}, As) when K < Key ->
    iterator_from_1(Key, Bigger, As);
iterator_from_1(_, {_, _, nil, _} = T, As) -> [T | As];
iterator_from_1(Key, {_, _, Smaller, _} = T, As) ->
    iterator_from_1(Key, Smaller, [T | As]);
iterator_from_1(_, nil, As) -> As.

next([{Key, Val, _, Bigger} | As]) -> {Key, Val, push_left(Bigger, As)};
next([]) -> none.

map(F, {Size, T}) when is_function(F, 2) -> {Size, map_1(F, T)}.

map_1(F, {Key, Val, Smaller, Bigger}) ->
    Val1 = F(Key, Val),
    Smaller1 = map_1(F, Smaller),
    {Key, Val1, Smaller1, map_1(F, Bigger)};
map_1(_, nil) -> nil.
