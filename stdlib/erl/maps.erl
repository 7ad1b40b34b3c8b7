%% maps: functions on maps, following the documented behaviour of OTP 25's
%% maps module (results and error reasons).
%%
%% Not defined here, because the VM implements them natively: get/2, put/3,
%% find/2, is_key/2, remove/2, keys/1, values/1, to_list/1, from_list/1,
%% size/1, merge/2, new/0 and update/3.
%% Iterators: maps:iterator(M) is [0 | M], as in OTP; maps:next/1 on it
%% returns {K, V, Next}, where Next is the rest of the iteration as nested
%% {K, V, Next} tuples ending in none. That is OTP's shape for maps of up to
%% 32 keys; for larger maps OTP's iterator terms (and its key order) differ.
%% Functions taking a map or an iterator visit the entries in the order of
%% maps:to_list/1. Deliberately left out: the ordered iterators of later
%% releases (iterator/2).
-module(maps).

-export([filter/2, filtermap/2, fold/3, foreach/2, from_keys/2, get/3,
         groups_from_list/2, groups_from_list/3, intersect/2,
         intersect_with/3, iterator/1, map/2, merge_with/3, next/1, take/2,
         update_with/3, update_with/4, with/2, without/2]).

get(Key, Map, Default) when is_map(Map) ->
    case maps:find(Key, Map) of
        {ok, Value} -> Value;
        error -> Default
    end;
get(Key, Map, Default) ->
    error({badmap, Map}, [Key, Map, Default]).

take(Key, Map) when is_map(Map) ->
    case maps:find(Key, Map) of
        {ok, Value} -> {Value, maps:remove(Key, Map)};
        error -> error
    end;
take(Key, Map) ->
    error({badmap, Map}, [Key, Map]).

update_with(Key, Fun, Map) when is_function(Fun, 1), is_map(Map) ->
    case maps:find(Key, Map) of
        {ok, Value} -> maps:put(Key, Fun(Value), Map);
        error -> error({badkey, Key}, [Key, Fun, Map])
    end;
update_with(Key, Fun, Map) when is_map(Map) ->
    error(badarg, [Key, Fun, Map]);
update_with(Key, Fun, Map) ->
    error({badmap, Map}, [Key, Fun, Map]).

update_with(Key, Fun, Init, Map) when is_function(Fun, 1), is_map(Map) ->
    case maps:find(Key, Map) of
        {ok, Value} -> maps:put(Key, Fun(Value), Map);
        error -> maps:put(Key, Init, Map)
    end;
update_with(Key, Fun, Init, Map) when is_map(Map) ->
    error(badarg, [Key, Fun, Init, Map]);
update_with(Key, Fun, Init, Map) ->
    error({badmap, Map}, [Key, Fun, Init, Map]).

with(Keys, Map) when is_list(Keys), is_map(Map) ->
    with_1(Keys, Map, #{});
with(Keys, Map) when is_map(Map) ->
    error(badarg, [Keys, Map]);
with(Keys, Map) ->
    error({badmap, Map}, [Keys, Map]).

with_1([K | Ks], Map, Acc) ->
    case maps:find(K, Map) of
        {ok, V} -> with_1(Ks, Map, maps:put(K, V, Acc));
        error -> with_1(Ks, Map, Acc)
    end;
with_1([], _Map, Acc) -> Acc.

without(Keys, Map) when is_list(Keys), is_map(Map) ->
    without_1(Keys, Map);
without(Keys, Map) when is_map(Map) ->
    error(badarg, [Keys, Map]);
without(Keys, Map) ->
    error({badmap, Map}, [Keys, Map]).

without_1([K | Ks], Map) -> without_1(Ks, maps:remove(K, Map));
without_1([], Map) -> Map.

from_keys(Keys, Value) when is_list(Keys) ->
    from_keys_1(Keys, Value, #{}, Keys);
from_keys(Keys, Value) ->
    error(badarg, [Keys, Value]).

from_keys_1([K | Ks], Value, Acc, Keys) ->
    from_keys_1(Ks, Value, maps:put(K, Value, Acc), Keys);
from_keys_1([], _Value, Acc, _Keys) -> Acc;
from_keys_1(_, Value, _Acc, Keys) -> error(badarg, [Keys, Value]).

intersect(Map1, Map2) when is_map(Map1), is_map(Map2) ->
    intersect_1(maps:to_list(Map1), Map2, #{});
intersect(Map1, Map2) when is_map(Map1) ->
    error({badmap, Map2}, [Map1, Map2]);
intersect(Map1, Map2) ->
    error({badmap, Map1}, [Map1, Map2]).

intersect_1([{K, _} | T], Map2, Acc) ->
    case maps:find(K, Map2) of
        {ok, V2} -> intersect_1(T, Map2, maps:put(K, V2, Acc));
        error -> intersect_1(T, Map2, Acc)
    end;
intersect_1([], _Map2, Acc) -> Acc.

intersect_with(Combiner, Map1, Map2)
  when is_function(Combiner, 3), is_map(Map1), is_map(Map2) ->
    intersect_with_1(Combiner, maps:to_list(Map1), Map2, #{});
intersect_with(Combiner, Map1, Map2) ->
    check_combine_args(Combiner, Map1, Map2).

intersect_with_1(Combiner, [{K, V1} | T], Map2, Acc) ->
    case maps:find(K, Map2) of
        {ok, V2} ->
            intersect_with_1(Combiner, T, Map2,
                             maps:put(K, Combiner(K, V1, V2), Acc));
        error ->
            intersect_with_1(Combiner, T, Map2, Acc)
    end;
intersect_with_1(_Combiner, [], _Map2, Acc) -> Acc.

merge_with(Combiner, Map1, Map2)
  when is_function(Combiner, 3), is_map(Map1), is_map(Map2) ->
    merge_with_1(Combiner, maps:to_list(Map2), Map1);
merge_with(Combiner, Map1, Map2) ->
    check_combine_args(Combiner, Map1, Map2).

merge_with_1(Combiner, [{K, V2} | T], Acc) ->
    case maps:find(K, Acc) of
        {ok, V1} ->
            merge_with_1(Combiner, T, maps:put(K, Combiner(K, V1, V2), Acc));
        error ->
            merge_with_1(Combiner, T, maps:put(K, V2, Acc))
    end;
merge_with_1(_Combiner, [], Acc) -> Acc.

check_combine_args(Combiner, Map1, Map2) when not is_function(Combiner, 3) ->
    error(badarg, [Combiner, Map1, Map2]);
check_combine_args(Combiner, Map1, Map2) when not is_map(Map1) ->
    error({badmap, Map1}, [Combiner, Map1, Map2]);
check_combine_args(Combiner, Map1, Map2) ->
    error({badmap, Map2}, [Combiner, Map1, Map2]).

groups_from_list(KeyFun, List) when is_function(KeyFun, 1), is_list(List) ->
    groups_1(KeyFun, fun(X) -> X end, List, #{}, [KeyFun, List]);
groups_from_list(KeyFun, List) ->
    error(badarg, [KeyFun, List]).

groups_from_list(KeyFun, ValueFun, List)
  when is_function(KeyFun, 1), is_function(ValueFun, 1), is_list(List) ->
    groups_1(KeyFun, ValueFun, List, #{}, [KeyFun, ValueFun, List]);
groups_from_list(KeyFun, ValueFun, List) ->
    error(badarg, [KeyFun, ValueFun, List]).

%% Groups are collected in reverse and put in order at the end.
groups_1(KeyFun, ValueFun, [X | Xs], Acc, Args) ->
    K = KeyFun(X),
    V = ValueFun(X),
    case maps:find(K, Acc) of
        {ok, Vs} -> groups_1(KeyFun, ValueFun, Xs, maps:put(K, [V | Vs], Acc), Args);
        error -> groups_1(KeyFun, ValueFun, Xs, maps:put(K, [V], Acc), Args)
    end;
groups_1(_KeyFun, _ValueFun, [], Acc, _Args) ->
    reverse_groups(maps:to_list(Acc), Acc);
groups_1(_KeyFun, _ValueFun, _, _Acc, Args) ->
    error(badarg, Args).

reverse_groups([{K, Vs} | T], Acc) ->
    reverse_groups(T, maps:put(K, lists:reverse(Vs), Acc));
reverse_groups([], Acc) -> Acc.

%% ---------------------------------------------------------------------
%% Iteration

iterator(Map) when is_map(Map) -> [0 | Map];
iterator(Map) -> error({badmap, Map}, [Map]).

next({_K, _V, _I} = Next) -> Next;
next(none) -> none;
next([0 | Map] = Iter) when is_map(Map) ->
    case chain(ember_maps:pairs(Map)) of
        none -> none;
        {_, _, _} = Next -> Next;
        _ -> error(badarg, [Iter])
    end;
next(Iter) -> error(badarg, [Iter]).

chain([{K, V} | T]) -> {K, V, chain(T)};
chain([]) -> none.

%% The functions below walk a "source": a list of {Key, Value} pairs or an
%% iterator. start/2 turns a map or an iterator into a source; anything else
%% yields badmap. step/2 takes one entry off a source; a malformed iterator
%% yields badarg when it is reached.
start(Map, _Args) when is_map(Map) -> ember_maps:pairs(Map);
start([0 | Map], _Args) when is_map(Map) -> ember_maps:pairs(Map);
start(none, _Args) -> none;
start({_, _, _} = Iter, _Args) -> Iter;
start(Other, Args) -> error({badmap, Other}, Args).

step([{K, V} | T], _Args) -> {K, V, T};
step([], _Args) -> none;
step({_, _, _} = Iter, _Args) -> Iter;
step(none, _Args) -> none;
step([0 | Map], Args) when is_map(Map) -> step(ember_maps:pairs(Map), Args);
step(_, Args) -> error(badarg, Args).

fold(Fun, Init, MapOrIter) when is_function(Fun, 3) ->
    Args = [Fun, Init, MapOrIter],
    fold_1(Fun, Init, start(MapOrIter, Args), Args);
fold(Fun, Init, MapOrIter) ->
    error(badarg, [Fun, Init, MapOrIter]).

fold_1(Fun, Acc, Source, Args) ->
    case step(Source, Args) of
        {K, V, Rest} -> fold_1(Fun, Fun(K, V, Acc), Rest, Args);
        none -> Acc
    end.

foreach(Fun, MapOrIter) when is_function(Fun, 2) ->
    Args = [Fun, MapOrIter],
    foreach_1(Fun, start(MapOrIter, Args), Args);
foreach(Fun, MapOrIter) ->
    error(badarg, [Fun, MapOrIter]).

foreach_1(Fun, Source, Args) ->
    case step(Source, Args) of
        {K, V, Rest} ->
            Fun(K, V),
            foreach_1(Fun, Rest, Args);
        none ->
            ok
    end.

map(Fun, MapOrIter) when is_function(Fun, 2) ->
    Args = [Fun, MapOrIter],
    map_1(Fun, start(MapOrIter, Args), #{}, Args);
map(Fun, MapOrIter) ->
    error(badarg, [Fun, MapOrIter]).

map_1(Fun, Source, Acc, Args) ->
    case step(Source, Args) of
        {K, V, Rest} -> map_1(Fun, Rest, maps:put(K, Fun(K, V), Acc), Args);
        none -> Acc
    end.

filter(Pred, MapOrIter) when is_function(Pred, 2) ->
    Args = [Pred, MapOrIter],
    filter_1(Pred, start(MapOrIter, Args), #{}, Args);
filter(Pred, MapOrIter) ->
    error(badarg, [Pred, MapOrIter]).

filter_1(Pred, Source, Acc, Args) ->
    case step(Source, Args) of
        {K, V, Rest} ->
            case Pred(K, V) of
                true -> filter_1(Pred, Rest, maps:put(K, V, Acc), Args);
                false -> filter_1(Pred, Rest, Acc, Args)
            end;
        none ->
            Acc
    end.

filtermap(Fun, MapOrIter) when is_function(Fun, 2) ->
    Args = [Fun, MapOrIter],
    filtermap_1(Fun, start(MapOrIter, Args), #{}, Args);
filtermap(Fun, MapOrIter) ->
    error(badarg, [Fun, MapOrIter]).

filtermap_1(Fun, Source, Acc, Args) ->
    case step(Source, Args) of
        {K, V, Rest} ->
            case Fun(K, V) of
                true -> filtermap_1(Fun, Rest, maps:put(K, V, Acc), Args);
                {true, NewV} -> filtermap_1(Fun, Rest, maps:put(K, NewV, Acc), Args);
                false -> filtermap_1(Fun, Rest, Acc, Args)
            end;
        none ->
            Acc
    end.
