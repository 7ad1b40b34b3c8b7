%% gb_sets: ordered sets as general balanced trees, following the
%% documented behaviour of OTP 25's gb_sets module (results, error reasons
%% and the term shape of a set).
%%
%% A set is {Size, Node}, where Node is nil or {Element, Smaller, Bigger}.
%% Elements are ordered by term order and compared with == (so 1 and 1.0
%% are the same element). Insertion rebalances as gb_trees does, and the
%% functions combining two sets choose, as OTP does, between walking both
%% in order and looking the elements of the smaller one up in the other,
%% with the same size rule; so sets built by the same calls are equal (=:=)
%% to OTP's, down to which of two equal elements (1 or 1.0) is kept. OTP
%% computes that rule with math:log/1; here it is an integer table of the
%% same values. An iterator is the list of the nodes still to be visited,
%% as in OTP. Nothing is left out.
-module(gb_sets).

-export([empty/0, new/0, is_empty/1, size/1, singleton/1, is_member/2,
         is_element/2, insert/2, add/2, add_element/2, delete/2,
         delete_any/2, del_element/2, balance/1, union/2, union/1,
         intersection/2, intersection/1, is_disjoint/2, difference/2,
         subtract/2, is_subset/2, to_list/1, from_list/1, from_ordset/1,
         smallest/1, largest/1, take_smallest/1, take_largest/1,
         iterator/1, iterator_from/2, next/1, filter/2, fold/3,
         is_set/1]).

-compile({no_auto_import, [size/1]}).

%% ---------------------------------------------------------------------
%% Queries

empty() -> {0, nil}.

new() -> empty().

is_empty({0, _}) -> true;
is_empty(_) -> false.

size({Size, _}) -> Size.

singleton(Key) -> {1, {Key, nil, nil}}.

is_element(Key, S) -> is_member(Key, S).

is_member(Key, {_, T}) -> member_1(Key, T).

member_1(Key, {Key1, Smaller, _}) when Key < Key1 -> member_1(Key, Smaller);
member_1(Key, {Key1, _, Bigger}) when Key > Key1 -> member_1(Key, Bigger);
member_1(_, {_, _, _}) -> true;
member_1(_, nil) -> false.

is_set({0, nil}) -> true;
is_set({N, {_, _, _}}) when is_integer(N), N >= 0 -> true;
is_set(_) -> false.

%% ---------------------------------------------------------------------
%% Insertion and deletion

insert(Key, {S, T}) ->
    S1 = S + 1,
    {S1, insert_1(Key, T, S1 * S1)}.

%% As in gb_trees: when the new node lands below the depth allowed by the
%% budget, {Tree, 2^Height, Size} goes up until an ancestor is too high
%% for its size, and that subtree is rebuilt balanced.
insert_1(Key, {Key1, Smaller, Bigger}, Budget) when Key < Key1 ->
    case insert_1(Key, Smaller, Budget bsr 1) of
        {T1, H1, S1} when is_integer(H1) ->
            too_deep({Key1, T1, Bigger}, H1, S1, Bigger);
        T1 -> {Key1, T1, Bigger}
    end;
insert_1(Key, {Key1, Smaller, Bigger}, Budget) when Key > Key1 ->
    case insert_1(Key, Bigger, Budget bsr 1) of
        {T1, H1, S1} when is_integer(H1) ->
            too_deep({Key1, Smaller, T1}, H1, S1, Smaller);
        T1 -> {Key1, Smaller, T1}
    end;
insert_1(Key, nil, 0) -> {{Key, nil, nil}, 1, 1};
insert_1(Key, nil, _) -> {Key, nil, nil};
insert_1(Key, _, _) -> error({key_exists, Key}).

too_deep(T, H1, S1, Other) ->
    {H2, S2} = count(Other),
    H = 2 * max(H1, H2),
    Size = S1 + S2 + 1,
    if
        H > Size * Size -> balance_node(T, Size);
        true -> {T, H, Size}
    end.

count({_, nil, nil}) -> {1, 1};
count({_, Sm, Bi}) ->
    {H1, S1} = count(Sm),
    {H2, S2} = count(Bi),
    {2 * max(H1, H2), S1 + S2 + 1};
count(nil) -> {1, 0}.

add(X, S) -> add_element(X, S).

add_element(X, S) ->
    case is_member(X, S) of
        true -> S;
        false -> insert(X, S)
    end.

delete(Key, {S, T}) -> {S - 1, delete_1(Key, T)}.

delete_1(Key, {Key1, Smaller, Bigger}) when Key < Key1 ->
    {Key1, delete_1(Key, Smaller), Bigger};
delete_1(Key, {Key1, Smaller, Bigger}) when Key > Key1 ->
    {Key1, Smaller, delete_1(Key, Bigger)};
delete_1(_, {_, Smaller, Bigger}) -> join(Smaller, Bigger).

join(Smaller, nil) -> Smaller;
join(nil, Bigger) -> Bigger;
join(Smaller, Bigger) ->
    {Key, Bigger1} = take_smallest_1(Bigger),
    {Key, Smaller, Bigger1}.

delete_any(Key, S) ->
    case is_member(Key, S) of
        true -> delete(Key, S);
        false -> S
    end.

del_element(Key, S) -> delete_any(Key, S).

smallest({_, T}) -> smallest_1(T).

smallest_1({Key, nil, _}) -> Key;
smallest_1({_, Smaller, _}) -> smallest_1(Smaller).

largest({_, T}) -> largest_1(T).

largest_1({Key, _, nil}) -> Key;
largest_1({_, _, Bigger}) -> largest_1(Bigger).

take_smallest({S, T}) ->
    {Key, T1} = take_smallest_1(T),
    {Key, {S - 1, T1}}.

take_smallest_1({Key, nil, Bigger}) -> {Key, Bigger};
take_smallest_1({Key, Smaller, Bigger}) ->
    {Key1, Smaller1} = take_smallest_1(Smaller),
    {Key1, {Key, Smaller1, Bigger}}.

take_largest({S, T}) ->
    {Key, T1} = take_largest_1(T),
    {Key, {S - 1, T1}}.

take_largest_1({Key, Smaller, nil}) -> {Key, Smaller};
take_largest_1({Key, Smaller, Bigger}) ->
    {Key1, Bigger1} = take_largest_1(Bigger),
    {Key1, {Key, Smaller, Bigger1}}.

%% ---------------------------------------------------------------------
%% Balancing and conversion

balance({S, T}) -> {S, balance_node(T, S)}.

balance_node(T, S) -> from_sorted(to_list_1(T, []), S).

from_ordset(L) ->
    S = length(L),
    {S, from_sorted(L, S)}.

from_list(L) -> from_ordset(lists:usort(L)).

%% A perfectly balanced tree of the first S elements of an ascending list,
%% the smaller subtree getting the larger half of the rest.
from_sorted(L, S) ->
    {T, _} = from_sorted_1(L, S),
    T.

from_sorted_1(L, S) when S > 1 ->
    Rest = S - 1,
    S2 = Rest div 2,
    S1 = Rest - S2,
    {T1, [K | L1]} = from_sorted_1(L, S1),
    {T2, L2} = from_sorted_1(L1, S2),
    {{K, T1, T2}, L2};
from_sorted_1([K | L], 1) -> {{K, nil, nil}, L};
from_sorted_1(L, 0) -> {nil, L}.

%% The same from a descending list: here the bigger subtree gets the
%% larger half (the results of the set operations are built this way).
from_reversed(L, S) ->
    {T, _} = from_reversed_1(L, S),
    T.

from_reversed_1(L, S) when S > 1 ->
    Rest = S - 1,
    S2 = Rest div 2,
    S1 = Rest - S2,
    {T2, [K | L1]} = from_reversed_1(L, S1),
    {T1, L2} = from_reversed_1(L1, S2),
    {{K, T1, T2}, L2};
from_reversed_1([K | L], 1) -> {{K, nil, nil}, L};
from_reversed_1(L, 0) -> {nil, L}.

to_list({_, T}) -> to_list_1(T, []).

to_list_1({Key, Smaller, Bigger}, L) ->
    to_list_1(Smaller, [Key | to_list_1(Bigger, L)]);
to_list_1(nil, L) -> L.

%% ---------------------------------------------------------------------
%% Combining sets

%% Whether to walk both sets in order (true) rather than look each element
%% of the smaller one (N1 elements) up in the bigger one (N2 elements): as
%% in OTP, when N2 < 10 or N2 < N1 * round(1.46 * ln N2).
walk_both(_N1, N2) when N2 < 10 -> true;
walk_both(N1, N2) -> N2 < N1 * log_weight(N2).

%% round(1.46 * ln N) for N >= 1, from the least N giving each value.
log_weight(N) when is_number(N) -> log_weight(N, log_steps(), 0);
log_weight(_) -> error(badarg).

log_weight(N, [Least | Steps], K) when N >= Least -> log_weight(N, Steps, K + 1);
log_weight(_, _, K) -> K.

log_steps() ->
    [2, 3, 6, 11, 22, 44, 86, 171, 338, 670, 1329, 2636, 5228, 10369,
     20569, 40801, 80933, 160541, 318454, 631697, 1253056, 2485607,
     4930540, 9780395, 19400743, 38484012, 76338270, 151427337, 300376711,
     595838046, 1181925777, 2344510479, 4650655306, 9225207128,
     18299452647, 36299452417, 72004899338, 142831508012, 283325716285,
     562015080747, 1114833327270, 2211423483406, 4386659156430,
     8701534870675, 17260677523714, 34238900723332, 67917514890803,
     134723625218464, 267242628373365, 530112089131316,
     1051549405697944, 2085891220544836, 4137648844999543,
     8207589061166027, 16280868851010343, 32295317000939313,
     64062152317284885, 127075989357950733, 252072502830113392,
     500020082503980925, 991857819080695677, 1967484842498664445].

%% The smaller set (the first one on a tie) is the one taken as a list.
union({N1, T1}, {N2, T2}) when N2 < N1 -> union_1(to_list_1(T2, []), N2, T1, N1);
union({N1, T1}, {N2, T2}) -> union_1(to_list_1(T1, []), N1, T2, N2).

union_1(L, N1, T2, N2) ->
    case walk_both(N1, N2) of
        true -> merge(L, to_list_1(T2, []), [], N1 + N2);
        false -> lists:foldl(fun add_element/2, {N2, T2}, L)
    end.

%% Walk two ascending lists; the lists are swapped whenever the second has
%% the smaller head, and of two equal elements the first list's is kept.
merge([X | Xs], [Y | _] = Ys, Acc, S) when X < Y -> merge(Xs, Ys, [X | Acc], S);
merge([X | _] = Xs, [Y | Ys], Acc, S) when X > Y -> merge(Ys, Xs, [Y | Acc], S);
merge([X | Xs], [_ | Ys], Acc, S) -> merge(Xs, Ys, [X | Acc], S - 1);
merge([], Ys, Acc, S) -> {S, from_reversed(lists:reverse(Ys, Acc), S)};
merge(Xs, [], Acc, S) -> {S, from_reversed(lists:reverse(Xs, Acc), S)}.

union([S | Ss]) -> union_all(S, Ss);
union([]) -> empty().

union_all(S, [S1 | Ss]) -> union_all(union(S, S1), Ss);
union_all(S, []) -> S.

intersection({N1, T1}, {N2, T2}) when N2 < N1 ->
    intersection_1(to_list_1(T2, []), N2, T1, N1);
intersection({N1, T1}, {N2, T2}) ->
    intersection_1(to_list_1(T1, []), N1, T2, N2).

intersection_1(L, N1, T2, N2) ->
    case walk_both(N1, N2) of
        true -> common(L, to_list_1(T2, []), [], 0);
        false -> lookup_kept(L, T2, true, [], 0)
    end.

common([X | Xs], [Y | _] = Ys, Acc, S) when X < Y -> common(Xs, Ys, Acc, S);
common([X | _] = Xs, [Y | Ys], Acc, S) when X > Y -> common(Ys, Xs, Acc, S);
common([X | Xs], [_ | Ys], Acc, S) -> common(Xs, Ys, [X | Acc], S + 1);
common([], _, Acc, S) -> {S, from_reversed(Acc, S)};
common(_, [], Acc, S) -> {S, from_reversed(Acc, S)}.

%% The elements of a list that are (Keep = true) or are not (false) in a
%% tree, as a set.
lookup_kept([X | Xs], T, Keep, Acc, S) ->
    case member_1(X, T) of
        Keep -> lookup_kept(Xs, T, Keep, [X | Acc], S + 1);
        _ -> lookup_kept(Xs, T, Keep, Acc, S)
    end;
lookup_kept([], _, _, Acc, S) -> {S, from_reversed(Acc, S)}.

intersection([S | Ss]) -> intersection_all(S, Ss).

intersection_all(S, [S1 | Ss]) -> intersection_all(intersection(S, S1), Ss);
intersection_all(S, []) -> S.

is_disjoint({N1, T1}, {N2, T2}) when N1 < N2 -> none_in(T1, T2);
is_disjoint({_, T1}, {_, T2}) -> none_in(T2, T1).

none_in({Key, Smaller, Bigger}, T) ->
    not member_1(Key, T) andalso none_in(Smaller, T) andalso none_in(Bigger, T);
none_in(nil, _) -> true.

subtract(S1, S2) -> difference(S1, S2).

difference({N1, T1}, {N2, T2}) ->
    L = to_list_1(T1, []),
    case walk_both(N1, N2) of
        true -> minus(L, to_list_1(T2, []), [], N1);
        false -> lookup_kept(L, T2, false, [], 0)
    end.

minus([X | Xs], [Y | _] = Ys, Acc, S) when X < Y -> minus(Xs, Ys, [X | Acc], S);
minus([X | _] = Xs, [Y | Ys], Acc, S) when X > Y -> minus(Xs, Ys, Acc, S);
minus([_ | Xs], [_ | Ys], Acc, S) -> minus(Xs, Ys, Acc, S - 1);
minus([], _, Acc, S) -> {S, from_reversed(Acc, S)};
minus(Xs, [], Acc, S) -> {S, from_reversed(lists:reverse(Xs, Acc), S)}.

is_subset({N1, T1}, {N2, T2}) ->
    L = to_list_1(T1, []),
    case walk_both(N1, N2) of
        true -> all_in_list(L, to_list_1(T2, []));
        false -> all_in_tree(L, T2)
    end.

all_in_list([X | _], [Y | _]) when X < Y -> false;
all_in_list([X | _] = Xs, [Y | Ys]) when X > Y -> all_in_list(Xs, Ys);
all_in_list([_ | Xs], [_ | Ys]) -> all_in_list(Xs, Ys);
all_in_list([], _) -> true;
all_in_list(_, []) -> false.

all_in_tree([X | Xs], T) ->
    case member_1(X, T) of
        true -> all_in_tree(Xs, T);
        false -> false
    end;
all_in_tree([], _) -> true.

%% ---------------------------------------------------------------------
%% Iterators and traversals

iterator({_, T}) -> push_left(T, []).

push_left({_, nil, _} = T, As) -> [T | As];
push_left({_, Smaller, _} = T, As) -> push_left(Smaller, [T | As]);
push_left(nil, As) -> As.

iterator_from(Key, {_, T}) -> iterator_from_1(Key, T, []).

iterator_from_1(Key, {K, _, Bigger}, As) when K < Key ->
    iterator_from_1(Key, Bigger, As);
iterator_from_1(_, {_, nil, _} = T, As) -> [T | As];
iterator_from_1(Key, {_, Smaller, _} = T, As) ->
    iterator_from_1(Key, Smaller, [T | As]);
iterator_from_1(_, nil, As) -> As.

next([{Key, _, Bigger} | As]) -> {Key, push_left(Bigger, As)};
next([]) -> none.

filter(F, S) when is_function(F, 1) ->
    from_ordset([X || X <- to_list(S), F(X)]).

fold(F, Acc, {_, T}) when is_function(F, 2) -> fold_1(F, Acc, T).

fold_1(F, Acc0, {Key, Smaller, Bigger}) ->
    Acc1 = fold_1(F, Acc0, Smaller),
    fold_1(F, F(Key, Acc1), Bigger);
fold_1(_, Acc, _) -> Acc.
