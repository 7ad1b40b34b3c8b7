%% sets: sets of terms, following the documented behaviour of OTP 25's sets
%% module (results, error reasons and the term shapes of both kinds of set).
%%
%% As in OTP 25, there are two kinds of set. new/0, from_list/1 and
%% new([{version, 1}]) make version 1 sets: the tuple {set, Size, N, MaxN,
%% BuddyOffset, ExpandSize, ContractSize, EmptySegment, Segments}, a linear
%% hash table of the same shape as OTP's (slots chosen with erlang:phash/2,
%% the same growing and shrinking), so sets built by the same calls are
%% equal (=:=) to OTP's and to_list/1 and fold/3 visit their elements in
%% OTP's order. new([{version, 2}]) and from_list(L, [{version, 2}]) make
%% version 2 sets: maps from each element to []. Functions taking two sets
%% accept a mix of both kinds; as in OTP, the kind of the result then
%% depends on the sizes of the arguments. Elements are compared with =:=.
%% For a version 2 set, to_list/1 returns the elements in the order of
%% maps:keys/1 and fold/3 and filter/2 visit them in the order of
%% maps:fold/3, as in OTP; for sets of more than 32 elements these orders
%% are the VM's (see maps.erl).
%% Nothing is left out.
-module(sets).

-export([new/0, new/1, is_set/1, size/1, is_empty/1, to_list/1,
         from_list/1, from_list/2, is_element/2, add_element/2,
         del_element/2, union/2, union/1, intersection/2, intersection/1,
         is_disjoint/2, subtract/2, is_subset/2, fold/3, filter/2]).

-compile({no_auto_import, [size/1]}).
%% Slots are chosen with erlang:phash/2, as in OTP, so that tables match.
-compile({nowarn_deprecated_function, [{erlang, phash, 2}]}).

-define(SEG_SIZE, 16).
-define(EXPAND_LOAD, 5).
-define(CONTRACT_LOAD, 3).

-record(set, {size = 0, n = ?SEG_SIZE, maxn = ?SEG_SIZE,
              bso = ?SEG_SIZE div 2,
              exp_size = ?SEG_SIZE * ?EXPAND_LOAD,
              con_size = ?SEG_SIZE * ?CONTRACT_LOAD,
              empty, segs}).

%% ---------------------------------------------------------------------
%% Making sets

new() ->
    Empty = erlang:make_tuple(?SEG_SIZE, []),
    #set{empty = Empty, segs = {Empty}}.

new(Opts) ->
    case proplists:get_value(version, Opts, 1) of
        1 -> new();
        2 -> #{}
    end.

from_list(L) ->
    lists:foldl(fun(E, S) -> add_element(E, S) end, new(), L).

from_list(L, Opts) ->
    case proplists:get_value(version, Opts, 1) of
        1 -> from_list(L);
        2 -> maps:from_keys(L, [])
    end.

%% ---------------------------------------------------------------------
%% Queries

is_set(#{}) -> true;
is_set(#set{}) -> true;
is_set(_) -> false.

size(#{} = S) -> map_size(S);
size(#set{size = N}) -> N.

is_empty(#{} = S) -> map_size(S) =:= 0;
is_empty(#set{size = N}) -> N =:= 0.

to_list(#{} = S) -> maps:keys(S);
to_list(#set{} = S) ->
    fold(fun(E, Acc) -> [E | Acc] end, [], S).

is_element(E, #{} = S) ->
    case S of
        #{E := _} -> true;
        _ -> false
    end;
is_element(E, #set{} = S) ->
    lists:member(E, get_bucket(S#set.segs, slot(S, E))).

%% ---------------------------------------------------------------------
%% Adding and removing elements

add_element(E, #{} = S) -> S#{E => []};
add_element(E, #set{} = S0) ->
    {S1, Added} = on_bucket(fun(B) -> add_to_bucket(E, B, B) end, S0, E),
    maybe_expand(S1, Added).

add_to_bucket(E, B0, [E | _]) -> {B0, 0};
add_to_bucket(E, B0, [_ | B]) -> add_to_bucket(E, B0, B);
add_to_bucket(E, B0, []) -> {[E | B0], 1}.

del_element(E, #{} = S) -> maps:remove(E, S);
%% Unlike dict:erase/2, removing an absent element leaves the set as it is.
del_element(E, #set{} = S0) ->
    case on_bucket(fun(B) -> del_from_bucket(E, B) end, S0, E) of
        {_, 0} -> S0;
        {S1, 1} -> maybe_contract(S1, 1)
    end.

del_from_bucket(E, [E | B]) -> {B, 1};
del_from_bucket(E, [X | B0]) ->
    {B1, Removed} = del_from_bucket(E, B0),
    {[X | B1], Removed};
del_from_bucket(_, []) -> {[], 0}.

%% ---------------------------------------------------------------------
%% Combining sets

union(#{} = S1, #{} = S2) -> maps:merge(S1, S2);
union(S1, S2) ->
    case size(S1) < size(S2) of
        true -> fold(fun add_element/2, S2, S1);
        false -> fold(fun add_element/2, S1, S2)
    end.

union([S1, S2 | Ss]) -> union_all(union(S1, S2), Ss);
union([S]) -> S;
union([]) -> new().

union_all(S, [S1 | Ss]) -> union_all(union(S, S1), Ss);
union_all(S, []) -> S.

intersection(#{} = S1, #{} = S2) ->
    case map_size(S1) < map_size(S2) of
        true -> maps:filter(fun(E, _) -> is_map_key(E, S2) end, S1);
        false -> maps:filter(fun(E, _) -> is_map_key(E, S1) end, S2)
    end;
%% Otherwise the smaller set (the second one on a tie) is filtered.
intersection(S1, S2) ->
    case size(S1) < size(S2) of
        true -> filter(fun(E) -> is_element(E, S2) end, S1);
        false -> filter(fun(E) -> is_element(E, S1) end, S2)
    end.

intersection([S1, S2 | Ss]) -> intersection_all(intersection(S1, S2), Ss);
intersection([S]) -> S.

intersection_all(S, [S1 | Ss]) -> intersection_all(intersection(S, S1), Ss);
intersection_all(S, []) -> S.

is_disjoint(S1, S2) ->
    case size(S1) < size(S2) of
        true -> none_in(S1, S2);
        false -> none_in(S2, S1)
    end.

%% No element of Small is in Big.
none_in(#{} = Small, Big) ->
    none_in_list(maps:keys(Small), Big);
none_in(Small, Big) ->
    fold(fun(E, true) -> not is_element(E, Big);
            (_, false) -> false
         end, true, Small).

none_in_list([E | Es], Big) ->
    case is_element(E, Big) of
        true -> false;
        false -> none_in_list(Es, Big)
    end;
none_in_list([], _) -> true.

subtract(S1, S2) ->
    filter(fun(E) -> not is_element(E, S2) end, S1).

is_subset(S1, S2) ->
    fold(fun(E, true) -> is_element(E, S2);
            (_, false) -> false
         end, true, S1).

%% ---------------------------------------------------------------------
%% Traversals

%% Slots are visited from the last to the first.
fold(F, Acc, #{} = S) when is_function(F, 2) ->
    maps:fold(fun(E, _, A) -> F(E, A) end, Acc, S);
fold(F, Acc, #set{segs = Segs}) when is_function(F, 2) ->
    fold_segs(F, Acc, Segs, tuple_size(Segs)).

fold_segs(F, Acc, Segs, I) when I >= 1 ->
    Seg = element(I, Segs),
    fold_segs(F, fold_seg(F, Acc, Seg, tuple_size(Seg)), Segs, I - 1);
fold_segs(_, Acc, _, _) -> Acc.

fold_seg(F, Acc, Seg, I) when I >= 1 ->
    fold_seg(F, lists:foldl(F, Acc, element(I, Seg)), Seg, I - 1);
fold_seg(_, Acc, _, _) -> Acc.

filter(F, #{} = S) when is_function(F, 1) ->
    maps:fold(fun(E, _, Acc) ->
                      case F(E) of
                          true -> Acc;
                          false -> maps:remove(E, Acc)
                      end
              end, S, S);
filter(F, #set{} = S) when is_function(F, 1) ->
    {Segs, Removed} = filter_segs(F, tuple_to_list(S#set.segs), [], 0),
    maybe_contract(S#set{segs = list_to_tuple(Segs)}, Removed).

%% Buckets are filtered from the first slot to the last. As in OTP, the
%% elements kept in a bucket end up in reverse order.
filter_segs(F, [Seg | Segs], Acc, Removed0) ->
    {Bkts, Removed} = filter_buckets(F, tuple_to_list(Seg), [], Removed0),
    filter_segs(F, Segs, [list_to_tuple(Bkts) | Acc], Removed);
filter_segs(_, [], Acc, Removed) -> {lists:reverse(Acc), Removed}.

filter_buckets(F, [Bkt | Bkts], Acc, Removed0) ->
    {Bkt1, Removed} = filter_bucket(F, Bkt, [], Removed0),
    filter_buckets(F, Bkts, [Bkt1 | Acc], Removed);
filter_buckets(_, [], Acc, Removed) -> {lists:reverse(Acc), Removed}.

filter_bucket(F, [E | Bkt], Acc, Removed) ->
    case F(E) of
        true -> filter_bucket(F, Bkt, [E | Acc], Removed);
        false -> filter_bucket(F, Bkt, Acc, Removed + 1)
    end;
filter_bucket(_, [], Acc, Removed) -> {Acc, Removed}.

%% ---------------------------------------------------------------------
%% The hash table of version 1 sets

slot(S, E) ->
    H = erlang:phash(E, S#set.maxn),
    if
        H > S#set.n -> H - S#set.bso;
        true -> H
    end.

get_bucket(Segs, Slot) ->
    Seg = element((Slot - 1) div ?SEG_SIZE + 1, Segs),
    element((Slot - 1) rem ?SEG_SIZE + 1, Seg).

put_bucket(Segs, Slot, Bkt) ->
    SegI = (Slot - 1) div ?SEG_SIZE + 1,
    Seg = element(SegI, Segs),
    setelement(SegI, Segs, setelement((Slot - 1) rem ?SEG_SIZE + 1, Seg, Bkt)).

on_bucket(Fun, S, E) ->
    Slot = slot(S, E),
    Segs = S#set.segs,
    {Bkt, Res} = Fun(get_bucket(Segs, Slot)),
    {S#set{segs = put_bucket(Segs, Slot, Bkt)}, Res}.

maybe_expand(S0, Added) when S0#set.size + Added > S0#set.exp_size ->
    S = maybe_expand_segs(S0),
    N = S#set.n + 1,
    Slot1 = N - S#set.bso,
    Segs0 = S#set.segs,
    {B1, B2} = rehash(get_bucket(Segs0, Slot1), Slot1, S#set.maxn),
    Segs1 = put_bucket(put_bucket(Segs0, Slot1, B1), N, B2),
    S#set{size = S#set.size + Added, n = N,
          exp_size = N * ?EXPAND_LOAD, con_size = N * ?CONTRACT_LOAD,
          segs = Segs1};
maybe_expand(S, Added) ->
    S#set{size = S#set.size + Added}.

maybe_expand_segs(S) when S#set.n =:= S#set.maxn ->
    Segs = S#set.segs,
    More = lists:duplicate(tuple_size(Segs), S#set.empty),
    S#set{maxn = 2 * S#set.maxn, bso = 2 * S#set.bso,
          segs = list_to_tuple(tuple_to_list(Segs) ++ More)};
maybe_expand_segs(S) -> S.

rehash([E | Bkt], Slot1, MaxN) ->
    {B1, B2} = rehash(Bkt, Slot1, MaxN),
    case erlang:phash(E, MaxN) of
        Slot1 -> {[E | B1], B2};
        _ -> {B1, [E | B2]}
    end;
rehash([], _, _) -> {[], []}.

maybe_contract(S, Removed) when S#set.size - Removed < S#set.con_size,
                                S#set.n > ?SEG_SIZE ->
    N = S#set.n,
    Slot1 = N - S#set.bso,
    Segs0 = S#set.segs,
    B1 = get_bucket(Segs0, Slot1),
    B2 = get_bucket(Segs0, N),
    Segs1 = put_bucket(put_bucket(Segs0, Slot1, B1 ++ B2), N, []),
    N1 = N - 1,
    maybe_contract_segs(S#set{size = S#set.size - Removed, n = N1,
                              exp_size = N1 * ?EXPAND_LOAD,
                              con_size = N1 * ?CONTRACT_LOAD,
                              segs = Segs1});
maybe_contract(S, Removed) ->
    S#set{size = S#set.size - Removed}.

maybe_contract_segs(S) when S#set.n =:= S#set.maxn div 2 ->
    Segs = S#set.segs,
    Half = lists:sublist(tuple_to_list(Segs), tuple_size(Segs) div 2),
    S#set{maxn = S#set.maxn div 2, bso = S#set.bso div 2,
          segs = list_to_tuple(Half)};
maybe_contract_segs(S) -> S.
