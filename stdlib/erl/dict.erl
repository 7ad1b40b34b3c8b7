%% dict: key-value dictionaries as hash tables, following the documented
%% behaviour of OTP 25's dict module (results, error reasons and the term
%% shape of a dictionary).
%%
%% A dictionary is the tuple {dict, Size, N, MaxN, BuddyOffset, ExpandSize,
%% ContractSize, EmptySegment, Segments}, a linear hash table of the same
%% shape as OTP's: slots are chosen with erlang:phash/2, each slot holds a
%% list of [Key | Value] cells, the table grows a slot at a time when it
%% averages more than 5 entries a slot and shrinks below 3. So dictionaries
%% built by the same calls are equal (=:=) to OTP's, and to_list/1, fold/3
%% and fetch_keys/1 visit the entries in OTP's order. Keys are compared
%% with =:=. Nothing is left out.
-module(dict).

-export([new/0, is_key/2, to_list/1, from_list/1, size/1, is_empty/1,
         fetch/2, find/2, fetch_keys/1, erase/2, take/2, store/3,
         append/3, append_list/3, update/3, update/4, update_counter/3,
         fold/3, map/2, filter/2, merge/3]).

-compile({no_auto_import, [size/1]}).
%% Slots are chosen with erlang:phash/2, as in OTP, so that tables match.
-compile({nowarn_deprecated_function, [{erlang, phash, 2}]}).

-define(SEG_SIZE, 16).
-define(EXPAND_LOAD, 5).
-define(CONTRACT_LOAD, 3).

-record(dict, {size = 0, n = ?SEG_SIZE, maxn = ?SEG_SIZE,
               bso = ?SEG_SIZE div 2,
               exp_size = ?SEG_SIZE * ?EXPAND_LOAD,
               con_size = ?SEG_SIZE * ?CONTRACT_LOAD,
               empty, segs}).

%% ---------------------------------------------------------------------
%% Queries

new() ->
    Empty = erlang:make_tuple(?SEG_SIZE, []),
    #dict{empty = Empty, segs = {Empty}}.

is_key(Key, D) ->
    bucket_has_key(Key, bucket(D, Key)).

bucket_has_key(Key, [[Key | _] | _]) -> true;
bucket_has_key(Key, [_ | Bkt]) -> bucket_has_key(Key, Bkt);
bucket_has_key(_, []) -> false.

to_list(D) ->
    fold(fun(Key, Val, Acc) -> [{Key, Val} | Acc] end, [], D).

from_list(L) ->
    lists:foldl(fun({K, V}, D) -> store(K, V, D) end, new(), L).

size(#dict{size = N}) when is_integer(N), N >= 0 -> N.

is_empty(#dict{size = N}) -> N =:= 0.

fetch(Key, D) ->
    case bucket_value(Key, bucket(D, Key)) of
        {ok, Val} -> Val;
        error -> error(badarg, [Key, D])
    end.

find(Key, D) ->
    bucket_value(Key, bucket(D, Key)).

bucket_value(Key, [[Key | Val] | _]) -> {ok, Val};
bucket_value(Key, [_ | Bkt]) -> bucket_value(Key, Bkt);
bucket_value(_, []) -> error.

fetch_keys(D) ->
    fold(fun(Key, _Val, Keys) -> [Key | Keys] end, [], D).

%% ---------------------------------------------------------------------
%% Updates

erase(Key, D0) ->
    {D1, Removed} = on_bucket(fun(B) -> remove_key(Key, B) end, D0, Key),
    maybe_contract(D1, Removed).

remove_key(Key, [[Key | _] | Bkt]) -> {Bkt, 1};
remove_key(Key, [E | Bkt0]) ->
    {Bkt1, Removed} = remove_key(Key, Bkt0),
    {[E | Bkt1], Removed};
remove_key(_, []) -> {[], 0}.

take(Key, D0) ->
    case on_bucket(fun(B) -> take_key(Key, B) end, D0, Key) of
        {D1, {ok, Val}} -> {Val, maybe_contract(D1, 1)};
        {_, error} -> error
    end.

take_key(Key, [[Key | Val] | Bkt]) -> {Bkt, {ok, Val}};
take_key(Key, [E | Bkt0]) ->
    {Bkt1, Res} = take_key(Key, Bkt0),
    {[E | Bkt1], Res};
take_key(_, []) -> {[], error}.

store(Key, Val, D0) ->
    put_with(Key, fun(_) -> Val end, Val, D0).

append(Key, Val, D0) ->
    put_with(Key, fun(Old) -> Old ++ [Val] end, [Val], D0).

append_list(Key, L, D0) ->
    put_with(Key, fun(Old) -> Old ++ L end, L, D0).

update(Key, Fun, D0) ->
    try on_bucket(fun(B) -> update_bkt(Key, Fun, B) end, D0, Key) of
        {D1, _} -> D1
    catch
        error:badarg -> error(badarg, [Key, Fun, D0])
    end.

update_bkt(Key, Fun, [[Key | Val] | Bkt]) -> {[[Key | Fun(Val)] | Bkt], 0};
update_bkt(Key, Fun, [E | Bkt0]) ->
    {Bkt1, X} = update_bkt(Key, Fun, Bkt0),
    {[E | Bkt1], X};
update_bkt(_, _, []) -> error(badarg).

update(Key, Fun, Init, D0) ->
    put_with(Key, Fun, Init, D0).

update_counter(Key, Incr, D0) when is_number(Incr) ->
    put_with(Key, fun(Old) -> Old + Incr end, Incr, D0).

%% Set Key to Fun(Old) when it is present, to Init when it is not (then as
%% the last cell of its slot), and grow the table if it is now too full.
put_with(Key, Fun, Init, D0) ->
    {D1, Added} = on_bucket(fun(B) -> put_bkt(Key, Fun, Init, B) end,
                            D0, Key),
    maybe_expand(D1, Added).

put_bkt(Key, Fun, _Init, [[Key | Old] | Bkt]) -> {[[Key | Fun(Old)] | Bkt], 0};
put_bkt(Key, Fun, Init, [E | Bkt0]) ->
    {Bkt1, Added} = put_bkt(Key, Fun, Init, Bkt0),
    {[E | Bkt1], Added};
put_bkt(Key, Fun, Init, []) when is_function(Fun, 1) -> {[[Key | Init]], 1}.

%% ---------------------------------------------------------------------
%% Whole-dictionary operations

%% Slots are visited from the last to the first, so that a fold that
%% conses up a list ends with the first slot's entries first.
%% As in OTP, the fun is checked at the end of each bucket: a bad fun fails
%% either there or when it is first called.
fold(F, Acc, D) ->
    Segs = D#dict.segs,
    fold_segs(F, Acc, Segs, tuple_size(Segs)).

fold_segs(F, Acc, Segs, I) when I >= 1 ->
    Seg = element(I, Segs),
    fold_segs(F, fold_seg(F, Acc, Seg, tuple_size(Seg)), Segs, I - 1);
fold_segs(_, Acc, _, _) -> Acc.

fold_seg(F, Acc, Seg, I) when I >= 1 ->
    fold_seg(F, fold_bucket(F, Acc, element(I, Seg)), Seg, I - 1);
fold_seg(_, Acc, _, _) -> Acc.

fold_bucket(F, Acc, [[Key | Val] | Bkt]) ->
    fold_bucket(F, F(Key, Val, Acc), Bkt);
fold_bucket(F, Acc, []) when is_function(F, 3) -> Acc.

%% map/2 and filter/2 call the fun from the first slot to the last.
map(F, D) ->
    Segs = [list_to_tuple(map_buckets(F, tuple_to_list(Seg)))
            || Seg <- tuple_to_list(D#dict.segs)],
    D#dict{segs = list_to_tuple(Segs)}.

map_buckets(F, [Bkt | Bkts]) ->
    Bkt1 = map_bucket(F, Bkt),
    [Bkt1 | map_buckets(F, Bkts)];
map_buckets(_, []) -> [].

map_bucket(F, [[Key | Val] | Bkt]) ->
    Val1 = F(Key, Val),
    [[Key | Val1] | map_bucket(F, Bkt)];
map_bucket(F, []) when is_function(F, 2) -> [].

filter(F, D) ->
    {Segs, Removed} = filter_segs(F, tuple_to_list(D#dict.segs), [], 0),
    maybe_contract(D#dict{segs = list_to_tuple(Segs)}, Removed).

filter_segs(F, [Seg | Segs], Acc, Removed0) ->
    {Bkts, Removed} = filter_buckets(F, tuple_to_list(Seg), [], Removed0),
    filter_segs(F, Segs, [list_to_tuple(Bkts) | Acc], Removed);
filter_segs(_, [], Acc, Removed) -> {lists:reverse(Acc), Removed}.

filter_buckets(F, [Bkt | Bkts], Acc, Removed0) ->
    {Bkt1, Removed} = filter_bucket(F, Bkt, [], Removed0),
    filter_buckets(F, Bkts, [Bkt1 | Acc], Removed);
filter_buckets(_, [], Acc, Removed) -> {lists:reverse(Acc), Removed}.

filter_bucket(F, [[Key | Val] = E | Bkt], Acc, Removed) ->
    case F(Key, Val) of
        true -> filter_bucket(F, Bkt, [E | Acc], Removed);
        false -> filter_bucket(F, Bkt, Acc, Removed + 1)
    end;
filter_bucket(F, [], Acc, Removed) when is_function(F, 2) ->
    {lists:reverse(Acc), Removed}.

%% The smaller dictionary is folded into the larger one.
merge(F, D1, D2) when D1#dict.size < D2#dict.size ->
    fold(fun(K, V1, D) ->
                 update(K, fun(V2) -> F(K, V1, V2) end, V1, D)
         end, D2, D1);
merge(F, D1, D2) ->
    fold(fun(K, V2, D) ->
                 update(K, fun(V1) -> F(K, V1, V2) end, V2, D)
         end, D1, D2).

%% ---------------------------------------------------------------------
%% The hash table

%% The slot (1-based) of a key: its hash over the table's maximum size,
%% folded back onto the lower half when that slot is not in use yet.
slot(D, Key) ->
    H = erlang:phash(Key, D#dict.maxn),
    if
        H > D#dict.n -> H - D#dict.bso;
        true -> H
    end.

bucket(D, Key) ->
    get_bucket(D#dict.segs, slot(D, Key)).

get_bucket(Segs, Slot) ->
    Seg = element((Slot - 1) div ?SEG_SIZE + 1, Segs),
    element((Slot - 1) rem ?SEG_SIZE + 1, Seg).

put_bucket(Segs, Slot, Bkt) ->
    SegI = (Slot - 1) div ?SEG_SIZE + 1,
    Seg = element(SegI, Segs),
    setelement(SegI, Segs, setelement((Slot - 1) rem ?SEG_SIZE + 1, Seg, Bkt)).

%% Apply Fun to the bucket of Key; Fun returns {NewBucket, Result}.
on_bucket(Fun, D, Key) ->
    Slot = slot(D, Key),
    Segs = D#dict.segs,
    {Bkt, Res} = Fun(get_bucket(Segs, Slot)),
    {D#dict{segs = put_bucket(Segs, Slot, Bkt)}, Res}.

maybe_expand(D0, Added) when D0#dict.size + Added > D0#dict.exp_size ->
    D = maybe_expand_segs(D0),
    N = D#dict.n + 1,
    Slot1 = N - D#dict.bso,
    Segs0 = D#dict.segs,
    {B1, B2} = rehash(get_bucket(Segs0, Slot1), Slot1, D#dict.maxn),
    Segs1 = put_bucket(put_bucket(Segs0, Slot1, B1), N, B2),
    D#dict{size = D#dict.size + Added, n = N,
           exp_size = N * ?EXPAND_LOAD, con_size = N * ?CONTRACT_LOAD,
           segs = Segs1};
maybe_expand(D, Added) ->
    D#dict{size = D#dict.size + Added}.

maybe_expand_segs(D) when D#dict.n =:= D#dict.maxn ->
    Segs = D#dict.segs,
    More = lists:duplicate(tuple_size(Segs), D#dict.empty),
    D#dict{maxn = 2 * D#dict.maxn, bso = 2 * D#dict.bso,
           segs = list_to_tuple(tuple_to_list(Segs) ++ More)};
maybe_expand_segs(D) -> D.

%% Split a bucket between its slot and its new buddy slot, keeping the
%% order of the cells.
rehash([[Key | _] = E | Bkt], Slot1, MaxN) ->
    {B1, B2} = rehash(Bkt, Slot1, MaxN),
    case erlang:phash(Key, MaxN) of
        Slot1 -> {[E | B1], B2};
        _ -> {B1, [E | B2]}
    end;
rehash([], _, _) -> {[], []}.

maybe_contract(D, Removed) when D#dict.size - Removed < D#dict.con_size,
                                D#dict.n > ?SEG_SIZE ->
    N = D#dict.n,
    Slot1 = N - D#dict.bso,
    Segs0 = D#dict.segs,
    B1 = get_bucket(Segs0, Slot1),
    B2 = get_bucket(Segs0, N),
    Segs1 = put_bucket(put_bucket(Segs0, Slot1, B1 ++ B2), N, []),
    N1 = N - 1,
    maybe_contract_segs(D#dict{size = D#dict.size - Removed, n = N1,
                               exp_size = N1 * ?EXPAND_LOAD,
                               con_size = N1 * ?CONTRACT_LOAD,
                               segs = Segs1});
maybe_contract(D, Removed) ->
    D#dict{size = D#dict.size - Removed}.

maybe_contract_segs(D) when D#dict.n =:= D#dict.maxn div 2 ->
    Segs = D#dict.segs,
    Half = lists:sublist(tuple_to_list(Segs), tuple_size(Segs) div 2),
    D#dict{maxn = D#dict.maxn div 2, bso = D#dict.bso div 2,
           segs = list_to_tuple(Half)};
maybe_contract_segs(D) -> D.
