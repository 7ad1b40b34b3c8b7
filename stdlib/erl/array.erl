%% array: functional, extendible arrays, following the documented
%% behaviour of OTP 25's array module (results, error reasons and the term
%% shape of an array).
%%
%% An array is {array, Size, Max, Default, Elements}: Max is 0 for a fixed
%% array and otherwise the capacity of the tree in Elements (a power of 10,
%% at least 10). The tree is the same as OTP's: a leaf is a tuple of 10
%% entries; an inner node is a tuple of 10 subtrees followed by the
%% capacity of each subtree; a subtree that was never written is just its
%% capacity (an integer) and reads as the default. Arrays built by the same
%% calls are equal (=:=) to OTP's, including OTP's quirks: shrinking with
%% resize/2 only lowers Size (the entries past it stay in the tree and show
%% again when the array grows back by set/3); map/2 resets the entries
%% past Size in the last leaf it maps to the default; sparse_map/2 maps
%% every non-default entry of the leaves that hold an index below Size;
%% from_orddict/2 writes out an empty leaf of defaults when the next entry
%% is the first index of the leaf after it; and an array whose tree lost
%% its shape (a fixed array shrunk and grown again, or relax/1 after
%% shrinking) is read the way OTP reads it. The "sparse" functions skip
%% entries that are =:= the default. Nothing is left out.
-module(array).

-export([new/0, new/1, new/2, is_array/1, size/1, default/1, fix/1,
         relax/1, is_fix/1, resize/1, resize/2, set/3, get/2, reset/2,
         to_list/1, sparse_to_list/1, from_list/1, from_list/2,
         to_orddict/1, sparse_to_orddict/1, from_orddict/1,
         from_orddict/2, map/2, sparse_map/2, foldl/3, foldr/3,
         sparse_foldl/3, sparse_foldr/3, sparse_size/1]).

-compile({no_auto_import, [size/1]}).

-define(LEAF, 10).

-record(array, {size, max, default, elements}).

%% ---------------------------------------------------------------------
%% Making arrays

new() -> new([]).

new(Opts) when is_list(Opts) -> new_opts(Opts, 0, false, undefined);
new(Opt) -> new_opts([Opt], 0, false, undefined).

new(Size, Opts) when is_list(Opts) ->
    new_opts([{size, Size} | Opts], 0, false, undefined);
new(Size, Opt) ->
    new_opts([{size, Size}, Opt], 0, false, undefined).

%% Later options override earlier ones; giving a size makes the array
%% fixed unless {fixed, false} comes after it.
new_opts([fixed | Opts], Size, _, Default) ->
    new_opts(Opts, Size, true, Default);
new_opts([{fixed, Fixed} | Opts], Size, _, Default) when is_boolean(Fixed) ->
    new_opts(Opts, Size, Fixed, Default);
new_opts([{default, Default} | Opts], Size, Fixed, _) ->
    new_opts(Opts, Size, Fixed, Default);
new_opts([{size, Size} | Opts], _, _, Default)
  when is_integer(Size), Size >= 0 ->
    new_opts(Opts, Size, true, Default);
new_opts([Size | Opts], _, _, Default) when is_integer(Size), Size >= 0 ->
    new_opts(Opts, Size, true, Default);
new_opts([], Size, Fixed, Default) ->
    make(Size, Fixed, Default);
new_opts(_, _, _, _) ->
    error(badarg).

make(Size, Fixed, Default) ->
    M = capacity(Size - 1, ?LEAF),
    Max = case Fixed of
              true -> 0;
              false -> M
          end,
    #array{size = Size, max = Max, default = Default, elements = M}.

%% The capacity needed to hold index I, starting from M.
capacity(I, M) when I >= M -> capacity(I, M * ?LEAF);
capacity(_, M) -> M.

from_list(L) -> from_list(L, undefined).

from_list([], Default) -> new([{default, Default}]);
from_list(L, Default) when is_list(L) ->
    {Leaves, N} = leaves(L, Default, []),
    {E, M} = build_up(Leaves, ?LEAF),
    #array{size = N, max = M, default = Default, elements = E};
from_list(_, _) -> error(badarg).

%% The list cut into leaves (the last padded with the default), and its
%% length.
leaves(L, D, Acc) ->
    case take_leaf(L, ?LEAF, D, []) of
        {Leaf, [], K} -> {lists:reverse(Acc, [Leaf]), length(Acc) * ?LEAF + K};
        {Leaf, Rest, _} -> leaves(Rest, D, [Leaf | Acc])
    end.

take_leaf([X | L], I, D, Acc) when I > 0 -> take_leaf(L, I - 1, D, [X | Acc]);
take_leaf(L, 0, _, Acc) when is_list(L) ->
    {list_to_tuple(lists:reverse(Acc)), L, ?LEAF};
take_leaf([], I, D, Acc) ->
    {list_to_tuple(lists:reverse(Acc, lists:duplicate(I, D))), [], ?LEAF - I};
take_leaf(_, _, _, _) -> error(badarg).

%% Group the subtrees of one level (each of capacity S) into inner nodes
%% until one is left; returns it with its capacity.
build_up([E], S) -> {E, S};
build_up(Es, S) -> build_up(group(Es, S), S * ?LEAF).

group([], _) -> [];
group(Es, S) ->
    {Children, Rest} = take_children(Es, ?LEAF, []),
    Pad = lists:duplicate(?LEAF - length(Children), S),
    [list_to_tuple(Children ++ Pad ++ [S]) | group(Rest, S)].

take_children([E | Es], I, Acc) when I > 0 -> take_children(Es, I - 1, [E | Acc]);
take_children(Es, _, Acc) -> {lists:reverse(Acc), Es}.

from_orddict(L) -> from_orddict(L, undefined).

from_orddict([], Default) -> new([{default, Default}]);
from_orddict(L, Default) when is_list(L) ->
    Last = check_orddict(L, 0, -1),
    M = capacity(Last, ?LEAF),
    E0 = lists:foldl(fun(Start, E) -> set_1(Start, E, Default, Default) end,
                     M, empty_leaves(L, 0)),
    E1 = lists:foldl(fun({I, V}, E) -> set_1(I, E, V, Default) end, E0, L),
    #array{size = Last + 1, max = M, default = Default, elements = E1};
from_orddict(_, _) -> error(badarg).

%% OTP fills the leaves in order, skipping gaps of whole leaves, except
%% that a leaf with no entry is written out (with default entries) when
%% the next entry is the first index of the leaf after it. The starts of
%% such leaves; Next is the start of the next leaf to fill.
empty_leaves([{I, _} | _] = L, Next) when I =:= Next + ?LEAF ->
    [Next | empty_leaves(L, I)];
empty_leaves([{I, _} | L], _) ->
    Start = I - I rem ?LEAF,
    empty_leaves(drop_leaf(L, Start + ?LEAF), Start + ?LEAF);
empty_leaves([], _) -> [].

drop_leaf([{I, _} | L], End) when I < End -> drop_leaf(L, End);
drop_leaf(L, _) -> L.

%% Indices must be integers in strictly ascending order from 0; the error
%% names the rest of the list from the first bad entry.
check_orddict([{I, _} | L], Min, _) when is_integer(I), I >= Min ->
    check_orddict(L, I + 1, I);
check_orddict([], _, Last) -> Last;
check_orddict(L, _, _) -> error({badarg, L}).

%% ---------------------------------------------------------------------
%% Properties

is_array(#array{}) -> true;
is_array(_) -> false.

size(#array{size = N}) -> N;
size(_) -> error(badarg).

default(#array{default = D}) -> D;
default(_) -> error(badarg).

fix(#array{} = A) -> A#array{max = 0}.

relax(#array{size = N} = A) -> A#array{max = capacity(N - 1, ?LEAF)}.

is_fix(#array{max = 0}) -> true;
is_fix(#array{}) -> false.

resize(A) -> resize(sparse_size(A), A).

resize(Size, #array{size = N, max = M, elements = E} = A)
  when is_integer(Size), Size >= 0 ->
    if
        Size > N ->
            Cap = if
                      M > 0 -> M;
                      true -> capacity(N - 1, ?LEAF)
                  end,
            {E1, M1} = grow(Size - 1, E, Cap),
            A#array{size = Size,
                    max = if
                              M > 0 -> M1;
                              true -> M
                          end,
                    elements = E1};
        Size < N ->
            A#array{size = Size};
        true ->
            A
    end;
resize(_, _) -> error(badarg).

%% Make room for index I in a tree of capacity M.
grow(I, E, _M) when is_integer(E) ->
    M1 = capacity(I, E),
    {M1, M1};
grow(I, E, M) -> grow_1(I, E, M).

grow_1(I, E, M) when I >= M ->
    grow_1(I, setelement(1, erlang:make_tuple(?LEAF + 1, M), E), M * ?LEAF);
grow_1(_, E, M) -> {E, M}.

%% ---------------------------------------------------------------------
%% Entries

set(I, X, #array{size = N, max = M, default = D, elements = E} = A)
  when is_integer(I), I >= 0 ->
    if
        I < N ->
            A#array{elements = set_1(I, E, X, D)};
        I < M ->
            A#array{size = I + 1, elements = set_1(I, E, X, D)};
        M > 0 ->
            {E1, M1} = grow(I, E, M),
            A#array{size = I + 1, max = M1, elements = set_1(I, E1, X, D)};
        true ->
            error(badarg)
    end;
set(_, _, _) -> error(badarg).

set_1(I, E, X, D) when tuple_size(E) > ?LEAF ->
    S = element(?LEAF + 1, E),
    C = I div S + 1,
    setelement(C, E, set_1(I rem S, element(C, E), X, D));
set_1(I, E, X, D) when is_integer(E) -> expand(I, E, X, D);
set_1(I, E, X, _) -> setelement(I + 1, E, X).

%% Write X at index I of a subtree of capacity S that was never written.
expand(I, S, X, D) when S > ?LEAF ->
    S1 = S div ?LEAF,
    setelement(I div S1 + 1, erlang:make_tuple(?LEAF + 1, S1),
               expand(I rem S1, S1, X, D));
expand(I, _, X, D) ->
    setelement(I + 1, erlang:make_tuple(?LEAF, D), X).

get(I, #array{size = N, max = M, default = D, elements = E})
  when is_integer(I), I >= 0 ->
    if
        I < N -> get_1(I, E, D);
        M > 0 -> D;
        true -> error(badarg)
    end;
get(_, _) -> error(badarg).

get_1(I, E, D) when tuple_size(E) > ?LEAF ->
    S = element(?LEAF + 1, E),
    get_1(I rem S, element(I div S + 1, E), D);
get_1(_, E, D) when is_integer(E) -> D;
get_1(I, E, _) -> element(I + 1, E).

reset(I, #array{size = N, max = M, default = D, elements = E} = A)
  when is_integer(I), I >= 0 ->
    if
        I < N ->
            case reset_1(I, E, D) of
                {ok, E1} -> A#array{elements = E1};
                unchanged -> A
            end;
        M > 0 -> A;
        true -> error(badarg)
    end;
reset(_, _) -> error(badarg).

reset_1(I, E, D) when tuple_size(E) > ?LEAF ->
    S = element(?LEAF + 1, E),
    C = I div S + 1,
    case reset_1(I rem S, element(C, E), D) of
        {ok, Sub} -> {ok, setelement(C, E, Sub)};
        unchanged -> unchanged
    end;
reset_1(_, E, _) when is_integer(E) -> unchanged;
reset_1(I, E, D) -> {ok, setelement(I + 1, E, D)}.

%% ---------------------------------------------------------------------
%% Conversions

%% As in OTP, the list conversions take the subtree holding the last index
%% up to that index and every subtree before it whole, as the subtree
%% itself says; in a tree that lost its shape through resize/2 and relax/1
%% this yields more entries than the size, and to_orddict/1 numbers them
%% backwards from Size - 1.
to_list(#array{size = N} = A) when N > 0 -> to_list_down(A, false, false);
to_list(#array{}) -> [];
to_list(_) -> error(badarg).

sparse_to_list(#array{size = N} = A) when N > 0 -> to_list_down(A, true, false);
sparse_to_list(#array{}) -> [];
sparse_to_list(_) -> error(badarg).

to_orddict(#array{size = N} = A) when N > 0 -> to_list_down(A, false, true);
to_orddict(#array{}) -> [];
to_orddict(_) -> error(badarg).

sparse_to_orddict(#array{size = N} = A) when N > 0 ->
    to_list_down(A, true, true);
sparse_to_orddict(#array{}) -> [];
sparse_to_orddict(_) -> error(badarg).

to_list_down(#array{size = N, default = D, elements = E}, Sparse, Pairs) ->
    {_, L} = last_part(E, N - 1, {Sparse, Pairs, D}, {N - 1, []}),
    L.

%% The entries of E up to relative index I, prepended in descending order
%% to the accumulator {Index, List}.
last_part(E, I, How, Acc) when tuple_size(E) > ?LEAF ->
    S = element(?LEAF + 1, E),
    K = I div S,
    whole_children(E, K, How, last_part(element(K + 1, E), I rem S, How, Acc));
last_part(E, I, How, Acc) when is_integer(E) -> push_defaults(I + 1, How, Acc);
last_part(E, I, How, Acc) -> push_leaf(E, I + 1, How, Acc).

whole_children(E, C, How, Acc) when C >= 1 ->
    whole_children(E, C - 1, How, whole(element(C, E), How, Acc));
whole_children(_, _, _, Acc) -> Acc.

whole(E, How, Acc) when tuple_size(E) > ?LEAF -> whole_children(E, ?LEAF, How, Acc);
whole(E, How, Acc) when is_integer(E) -> push_defaults(E, How, Acc);
whole(E, How, Acc) -> push_leaf(E, ?LEAF, How, Acc).

push_leaf(E, J, How, Acc) when J >= 1 ->
    push_leaf(E, J - 1, How, push(element(J, E), How, Acc));
push_leaf(_, _, _, Acc) -> Acc.

push_defaults(0, _, Acc) -> Acc;
push_defaults(K, {true, _, _}, {I, L}) -> {I - K, L};
push_defaults(K, {_, _, D} = How, Acc) ->
    push_defaults(K - 1, How, push(D, How, Acc)).

push(X, {true, _, D}, {I, L}) when X =:= D -> {I - 1, L};
push(X, {_, true, _}, {I, L}) -> {I - 1, [{I, X} | L]};
push(X, _, {I, L}) -> {I - 1, [X | L]}.

sparse_size(#array{} = A) ->
    try sparse_foldr(fun(I, _, _) -> throw({array_last, I}) end, none, A) of
        none -> 0
    catch
        throw:{array_last, I} -> I + 1
    end;
sparse_size(_) -> error(badarg).

%% ---------------------------------------------------------------------
%% Mapping and folding

map(F, #array{size = N, default = D, elements = E} = A)
  when is_function(F, 2) ->
    if
        N > 0 -> A#array{elements = map_1(E, 0, N - 1, F, D)};
        true -> A
    end;
map(_, _) -> error(badarg).

%% Map the entries with index up to Last of a subtree starting at index
%% Base, writing out the subtrees that were never written.
map_1(E, Base, Last, F, D) when is_integer(E) ->
    map_1(unfold(E, D), Base, Last, F, D);
map_1(E, Base, Last, F, D) when tuple_size(E) > ?LEAF ->
    S = element(?LEAF + 1, E),
    list_to_tuple(map_children(tuple_to_list(E), Base, S, Last, F, D, 1));
map_1(E, Base, Last, F, D) ->
    list_to_tuple(map_leaf(tuple_to_list(E), Base, Last, F, D)).

unfold(S, _) when S > ?LEAF -> erlang:make_tuple(?LEAF + 1, S div ?LEAF);
unfold(_, D) -> erlang:make_tuple(?LEAF, D).

map_children([C | Cs], Base, S, Last, F, D, I) when I =< ?LEAF, Base =< Last ->
    C1 = map_1(C, Base, min(Last, Base + S - 1), F, D),
    [C1 | map_children(Cs, Base + S, S, Last, F, D, I + 1)];
map_children(Cs, _, _, _, _, _, _) -> Cs.

%% As in OTP, the entries of a leaf past Last are reset to the default.
map_leaf([X | Xs], I, Last, F, D) when I =< Last ->
    X1 = F(I, X),
    [X1 | map_leaf(Xs, I + 1, Last, F, D)];
map_leaf(Xs, _, _, _, D) -> [D || _ <- Xs].

sparse_map(F, #array{size = N, default = D, elements = E} = A)
  when is_function(F, 2) ->
    if
        N > 0 -> A#array{elements = sparse_map_1(E, 0, N - 1, F, D)};
        true -> A
    end;
sparse_map(_, _) -> error(badarg).

sparse_map_1(E, _, _, _, _) when is_integer(E) -> E;
sparse_map_1(E, Base, Last, F, D) when tuple_size(E) > ?LEAF ->
    S = element(?LEAF + 1, E),
    list_to_tuple(sparse_map_children(tuple_to_list(E), Base, S, Last, F, D, 1));
sparse_map_1(E, Base, _, F, D) ->
    list_to_tuple(sparse_map_leaf(tuple_to_list(E), Base, F, D)).

sparse_map_children([C | Cs], Base, S, Last, F, D, I)
  when I =< ?LEAF, Base =< Last ->
    C1 = sparse_map_1(C, Base, min(Last, Base + S - 1), F, D),
    [C1 | sparse_map_children(Cs, Base + S, S, Last, F, D, I + 1)];
sparse_map_children(Cs, _, _, _, _, _, _) -> Cs.

sparse_map_leaf([X | Xs], I, F, D) when X =/= D ->
    X1 = F(I, X),
    [X1 | sparse_map_leaf(Xs, I + 1, F, D)];
sparse_map_leaf([X | Xs], I, F, D) -> [X | sparse_map_leaf(Xs, I + 1, F, D)];
sparse_map_leaf([], _, _, _) -> [].

foldl(F, Acc, #array{size = N} = A) when is_function(F, 3) ->
    if
        N > 0 -> fold_up(A, false, F, Acc);
        true -> Acc
    end;
foldl(_, _, _) -> error(badarg).

sparse_foldl(F, Acc, #array{size = N} = A) when is_function(F, 3) ->
    if
        N > 0 -> fold_up(A, true, F, Acc);
        true -> Acc
    end;
sparse_foldl(_, _, _) -> error(badarg).

foldr(F, Acc, #array{size = N} = A) when is_function(F, 3) ->
    if
        N > 0 -> fold_down(A, false, F, Acc);
        true -> Acc
    end;
foldr(_, _, _) -> error(badarg).

sparse_foldr(F, Acc, #array{size = N} = A) when is_function(F, 3) ->
    if
        N > 0 -> fold_down(A, true, F, Acc);
        true -> Acc
    end;
sparse_foldr(_, _, _) -> error(badarg).

%% Fold over the entries with index below Size, in ascending (fold_up) or
%% descending (fold_down) order; Sparse skips those equal to the default.
%% Each subtree is taken only over the index range its parent gives it.
fold_up(#array{size = N, default = D, elements = E}, Sparse, F, Acc) ->
    up(E, 0, N - 1, Sparse, F, Acc, D).

up(E, Base, Last, Sparse, F, Acc, D) when is_integer(E) ->
    case Sparse of
        true -> Acc;
        false -> up_default(Base, Last, F, Acc, D)
    end;
up(E, Base, Last, Sparse, F, Acc, D) when tuple_size(E) > ?LEAF ->
    S = element(?LEAF + 1, E),
    up_children(E, 1, Base, S, Last, Sparse, F, Acc, D);
up(E, Base, Last, Sparse, F, Acc, D) ->
    up_leaf(E, 1, Base, Last, Sparse, F, Acc, D).

up_default(I, Last, F, Acc, D) when I =< Last ->
    up_default(I + 1, Last, F, F(I, D, Acc), D);
up_default(_, _, _, Acc, _) -> Acc.

up_children(E, C, Base, S, Last, Sparse, F, Acc, D)
  when C =< ?LEAF, Base =< Last ->
    Acc1 = up(element(C, E), Base, min(Last, Base + S - 1), Sparse, F, Acc, D),
    up_children(E, C + 1, Base + S, S, Last, Sparse, F, Acc1, D);
up_children(_, _, _, _, _, _, _, Acc, _) -> Acc.

up_leaf(E, J, I, Last, Sparse, F, Acc, D) when J =< ?LEAF, I =< Last ->
    X = element(J, E),
    Acc1 = if
               Sparse, X =:= D -> Acc;
               true -> F(I, X, Acc)
           end,
    up_leaf(E, J + 1, I + 1, Last, Sparse, F, Acc1, D);
up_leaf(_, _, _, _, _, _, Acc, _) -> Acc.

fold_down(#array{size = N, default = D, elements = E}, Sparse, F, Acc) ->
    down(E, 0, N - 1, Sparse, F, Acc, D).

down(E, Base, Last, Sparse, F, Acc, D) when is_integer(E) ->
    case Sparse of
        true -> Acc;
        false -> down_default(Last, Base, F, Acc, D)
    end;
down(E, Base, Last, Sparse, F, Acc, D) when tuple_size(E) > ?LEAF ->
    S = element(?LEAF + 1, E),
    C = (Last - Base) div S + 1,
    down_children(E, C, Base + (C - 1) * S, S, Last, Sparse, F, Acc, D);
down(E, Base, Last, Sparse, F, Acc, D) ->
    down_leaf(E, Last - Base + 1, Last, Sparse, F, Acc, D).

down_default(I, First, F, Acc, D) when I >= First ->
    down_default(I - 1, First, F, F(I, D, Acc), D);
down_default(_, _, _, Acc, _) -> Acc.

down_children(E, C, Base, S, Last, Sparse, F, Acc, D) when C >= 1 ->
    Acc1 = down(element(C, E), Base, min(Last, Base + S - 1), Sparse, F, Acc, D),
    down_children(E, C - 1, Base - S, S, Last, Sparse, F, Acc1, D);
down_children(_, _, _, _, _, _, _, Acc, _) -> Acc.

down_leaf(E, J, I, Sparse, F, Acc, D) when J >= 1 ->
    X = element(J, E),
    Acc1 = if
               Sparse, X =:= D -> Acc;
               true -> F(I, X, Acc)
           end,
    down_leaf(E, J - 1, I - 1, Sparse, F, Acc1, D);
down_leaf(_, _, _, _, _, Acc, _) -> Acc.
