%% lists: list processing functions, following the documented behaviour of
%% OTP 25's lists module (results and error reasons).
%%
%% Not defined here, because the VM implements them natively: reverse/1,2,
%% member/2, keyfind/3, keymember/3, keysearch/3, append/2, subtract/2 and
%% sort/1.
%% Deliberately left out: the undocumented helpers OTP exports for other
%% modules (rmerge/2,3, rmerge3/3, rumerge/2,3, rumerge3/3, rkeymerge/3,
%% rukeymerge/3). Where OTP leaves the calling order of a fun unspecified,
%% funs are applied from the head of the list to its tail.
-module(lists).

-export([append/1, concat/1, delete/2, droplast/1, dropwhile/2,
         duplicate/2, enumerate/1, enumerate/2, filter/2, filtermap/2,
         flatlength/1, flatmap/2, flatten/1, flatten/2, foldl/3, foldr/3,
         foreach/2, join/2, keydelete/3, keymap/3, keymerge/3,
         keyreplace/4, keysort/2, keystore/4, keytake/3, last/1, map/2,
         mapfoldl/3, mapfoldr/3, max/1, merge/1, merge/2, merge/3,
         merge3/3, min/1, nth/2, nthtail/2, partition/2, prefix/2,
         search/2, seq/2, seq/3, sort/2, split/2, splitwith/2, sublist/2,
         sublist/3, suffix/2, sum/1, takewhile/2, ukeymerge/3,
         ukeysort/2, umerge/1, umerge/2, umerge/3, umerge3/3, uniq/1,
         uniq/2, unzip/1, unzip3/1, usort/1, usort/2, zf/2, zip/2,
         zip3/3, zipwith/3, zipwith3/4, all/2, any/2]).
%% The merges of lists sorted in descending order (used by OTP's sorts).
-export([rmerge/2, rmerge/3, rmerge3/3, rumerge/2, rumerge/3, rumerge3/3,
         rkeymerge/3, rukeymerge/3]).

%% ---------------------------------------------------------------------
%% Concatenation

append([E]) -> E;
append([H | T]) -> H ++ append(T);
append([]) -> [].

concat(List) ->
    append(concat_things(List)).

concat_things([H | T]) -> [thing_to_list(H) | concat_things(T)];
concat_things([]) -> [].

thing_to_list(X) when is_integer(X) -> integer_to_list(X);
thing_to_list(X) when is_float(X) -> float_to_list(X);
thing_to_list(X) when is_atom(X) -> atom_to_list(X);
thing_to_list(X) when is_list(X) -> X.

%% ---------------------------------------------------------------------
%% Element access

nth(1, [H | _]) -> H;
nth(N, [_ | T]) when N > 1 -> nth(N - 1, T).

nthtail(1, [_ | T]) -> T;
nthtail(N, [_ | T]) when N > 1 -> nthtail(N - 1, T);
nthtail(0, L) when is_list(L) -> L.

last([E | Es]) -> last(E, Es).

last(_, [E | Es]) -> last(E, Es);
last(E, []) -> E.

droplast([_]) -> [];
droplast([H | T]) -> [H | droplast(T)].

prefix([X | P], [X | L]) -> prefix(P, L);
prefix([], L) when is_list(L) -> true;
prefix([_ | _], L) when is_list(L) -> false.

suffix(Suffix, List) ->
    Delta = length(List) - length(Suffix),
    Delta >= 0 andalso nthtail(Delta, List) =:= Suffix.

sublist(List, L) when is_integer(L), is_list(List) ->
    sublist_2(List, L).

sublist_2([H | T], L) when L > 0 -> [H | sublist_2(T, L - 1)];
sublist_2(_, 0) -> [];
sublist_2(List, L) when is_list(List), L > 0 -> [].

sublist(List, 1, L) when is_list(List), is_integer(L), L >= 0 ->
    sublist(List, L);
sublist([], S, _L) when is_integer(S), S >= 2 ->
    [];
sublist([_ | T], S, L) when is_integer(S), S >= 2 ->
    sublist(T, S - 1, L).

split(N, List) when is_integer(N), N >= 0, is_list(List) ->
    case split_1(N, List, []) of
        {_, _} = Result -> Result;
        Fault when is_atom(Fault) -> error(Fault, [N, List])
    end;
split(N, List) ->
    error(badarg, [N, List]).

split_1(0, L, R) -> {rev(R, []), L};
split_1(N, [H | T], R) -> split_1(N - 1, T, [H | R]);
split_1(_, [], _) -> badarg.

%% ---------------------------------------------------------------------
%% Construction

duplicate(N, X) when is_integer(N), N >= 0 -> duplicate(N, X, []).

duplicate(0, _, L) -> L;
duplicate(N, X, L) -> duplicate(N - 1, X, [X | L]).

seq(First, Last)
  when is_integer(First), is_integer(Last), First - 1 =< Last ->
    seq_loop(Last - First + 1, Last, []).

seq_loop(N, X, L) when N >= 4 ->
    seq_loop(N - 4, X - 4, [X - 3, X - 2, X - 1, X | L]);
seq_loop(N, X, L) when N >= 2 ->
    seq_loop(N - 2, X - 2, [X - 1, X | L]);
seq_loop(1, X, L) -> [X | L];
seq_loop(0, _, L) -> L.

seq(First, Last, Inc)
  when is_integer(First), is_integer(Last), is_integer(Inc),
       (Inc > 0 andalso First - Inc =< Last) orelse
       (Inc < 0 andalso First - Inc >= Last) ->
    N = (Last - First + Inc) div Inc,
    seq_step(N, Inc, First + (N - 1) * Inc, []);
seq(First, Last, 0) when is_integer(First), First =:= Last ->
    [First];
seq(First, Last, Inc) ->
    error(badarg, [First, Last, Inc]).

seq_step(0, _, _, L) -> L;
seq_step(N, Inc, X, L) -> seq_step(N - 1, Inc, X - Inc, [X | L]).

enumerate(List) -> enumerate(1, List).

enumerate(Index, List) when is_integer(Index), is_list(List) ->
    enumerate_1(Index, List).

enumerate_1(I, [H | T]) -> [{I, H} | enumerate_1(I + 1, T)];
enumerate_1(_, []) -> [].

%% ---------------------------------------------------------------------
%% Numbers and extremes

sum(L) -> sum(L, 0).

sum([H | T], Sum) -> sum(T, Sum + H);
sum([], Sum) -> Sum.

max([H | T]) -> max_1(T, H).

max_1([H | T], Max) when H > Max -> max_1(T, H);
max_1([_ | T], Max) -> max_1(T, Max);
max_1([], Max) -> Max.

min([H | T]) -> min_1(T, H).

min_1([H | T], Min) when H < Min -> min_1(T, H);
min_1([_ | T], Min) -> min_1(T, Min);
min_1([], Min) -> Min.

%% ---------------------------------------------------------------------
%% Deletion

delete(Item, [Item | Rest]) -> Rest;
delete(Item, [H | Rest]) -> [H | delete(Item, Rest)];
delete(_, []) -> [].

%% ---------------------------------------------------------------------
%% Flattening

flatten(List) when is_list(List) -> do_flatten(List, []).

flatten(List, Tail) when is_list(List), is_list(Tail) ->
    do_flatten(List, Tail).

do_flatten([H | T], Tail) when is_list(H) ->
    do_flatten(H, do_flatten(T, Tail));
do_flatten([H | T], Tail) -> [H | do_flatten(T, Tail)];
do_flatten([], Tail) -> Tail.

flatlength(List) -> flatlength(List, 0).

flatlength([H | T], L) when is_list(H) -> flatlength(H, flatlength(T, L));
flatlength([_ | T], L) -> flatlength(T, L + 1);
flatlength([], L) -> L.

%% ---------------------------------------------------------------------
%% Zipping

zip([X | Xs], [Y | Ys]) -> [{X, Y} | zip(Xs, Ys)];
zip([], []) -> [].

unzip(Ts) -> unzip(Ts, [], []).

unzip([{X, Y} | Ts], Xs, Ys) -> unzip(Ts, [X | Xs], [Y | Ys]);
unzip([], Xs, Ys) -> {rev(Xs, []), rev(Ys, [])}.

zip3([X | Xs], [Y | Ys], [Z | Zs]) -> [{X, Y, Z} | zip3(Xs, Ys, Zs)];
zip3([], [], []) -> [].

unzip3(Ts) -> unzip3(Ts, [], [], []).

unzip3([{X, Y, Z} | Ts], Xs, Ys, Zs) ->
    unzip3(Ts, [X | Xs], [Y | Ys], [Z | Zs]);
unzip3([], Xs, Ys, Zs) ->
    {rev(Xs, []), rev(Ys, []), rev(Zs, [])}.

zipwith(F, [X | Xs], [Y | Ys]) ->
    V = F(X, Y),
    [V | zipwith(F, Xs, Ys)];
zipwith(F, [], []) when is_function(F, 2) -> [].

zipwith3(F, [X | Xs], [Y | Ys], [Z | Zs]) ->
    V = F(X, Y, Z),
    [V | zipwith3(F, Xs, Ys, Zs)];
zipwith3(F, [], [], []) when is_function(F, 3) -> [].

%% ---------------------------------------------------------------------
%% Joining

join(_Sep, []) -> [];
join(Sep, [H | T]) -> [H | join_prepend(Sep, T)].

join_prepend(_Sep, []) -> [];
join_prepend(Sep, [H | T]) -> [Sep, H | join_prepend(Sep, T)].

%% ---------------------------------------------------------------------
%% Higher order functions. As in OTP, the fun is checked at entry, so a fun
%% of the wrong arity raises function_clause even for an empty list.

all(Pred, List) when is_function(Pred, 1) ->
    case List of
        [_ | _] -> all_1(Pred, List);
        [] -> true
    end.

all_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> all_1(Pred, T);
        false -> false
    end;
all_1(_Pred, []) -> true.

any(Pred, List) when is_function(Pred, 1) ->
    case List of
        [_ | _] -> any_1(Pred, List);
        [] -> false
    end.

any_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> true;
        false -> any_1(Pred, T)
    end;
any_1(_Pred, []) -> false.

map(F, List) when is_function(F, 1) ->
    case List of
        [_ | _] -> map_1(F, List);
        [] -> []
    end.

map_1(F, [H | T]) ->
    V = F(H),
    [V | map_1(F, T)];
map_1(_F, []) -> [].

flatmap(F, List) when is_function(F, 1) -> flatmap_1(F, List).

flatmap_1(F, [H | T]) ->
    V = F(H),
    V ++ flatmap_1(F, T);
flatmap_1(_F, []) -> [].

foldl(F, Acc, List) when is_function(F, 2) ->
    case List of
        [_ | _] -> foldl_1(F, Acc, List);
        [] -> Acc
    end.

foldl_1(F, Acc, [H | T]) -> foldl_1(F, F(H, Acc), T);
foldl_1(_F, Acc, []) -> Acc.

foldr(F, Acc, List) when is_function(F, 2) -> foldr_1(F, Acc, List).

foldr_1(F, Acc, [H | T]) -> F(H, foldr_1(F, Acc, T));
foldr_1(_F, Acc, []) -> Acc.

%% Raises what the list comprehension [E || E <- List, Pred(E)] raises.
filter(Pred, List) when is_function(Pred, 1) -> filter_1(Pred, List).

filter_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> [H | filter_1(Pred, T)];
        false -> filter_1(Pred, T);
        Other -> error({bad_filter, Other})
    end;
filter_1(_Pred, []) -> [];
filter_1(_Pred, Other) -> error({bad_generator, Other}).

partition(Pred, L) when is_function(Pred, 1) -> partition(Pred, L, [], []).

partition(Pred, [H | T], As, Bs) ->
    case Pred(H) of
        true -> partition(Pred, T, [H | As], Bs);
        false -> partition(Pred, T, As, [H | Bs])
    end;
partition(_Pred, [], As, Bs) ->
    {rev(As, []), rev(Bs, [])}.

filtermap(F, List) when is_function(F, 1) -> filtermap_1(F, List).

filtermap_1(F, [H | T]) ->
    case F(H) of
        false -> filtermap_1(F, T);
        true -> [H | filtermap_1(F, T)];
        {true, V} -> [V | filtermap_1(F, T)]
    end;
filtermap_1(_F, []) -> [].

zf(F, L) -> filtermap(F, L).

foreach(F, List) when is_function(F, 1) -> foreach_1(F, List).

foreach_1(F, [H | T]) ->
    F(H),
    foreach_1(F, T);
foreach_1(_F, []) -> ok.

mapfoldl(F, Acc, List) when is_function(F, 2) -> mapfoldl_1(F, Acc, List).

mapfoldl_1(F, Acc, [H | T]) ->
    {R, Acc1} = F(H, Acc),
    {Rs, Acc2} = mapfoldl_1(F, Acc1, T),
    {[R | Rs], Acc2};
mapfoldl_1(_F, Acc, []) -> {[], Acc}.

mapfoldr(F, Acc, List) when is_function(F, 2) -> mapfoldr_1(F, Acc, List).

mapfoldr_1(F, Acc, [H | T]) ->
    {Rs, Acc1} = mapfoldr_1(F, Acc, T),
    {R, Acc2} = F(H, Acc1),
    {[R | Rs], Acc2};
mapfoldr_1(_F, Acc, []) -> {[], Acc}.

takewhile(Pred, List) when is_function(Pred, 1) -> takewhile_1(Pred, List).

takewhile_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> [H | takewhile_1(Pred, T)];
        false -> []
    end;
takewhile_1(_Pred, []) -> [].

dropwhile(Pred, List) when is_function(Pred, 1) -> dropwhile_1(Pred, List).

dropwhile_1(Pred, [H | T] = L) ->
    case Pred(H) of
        true -> dropwhile_1(Pred, T);
        false -> L
    end;
dropwhile_1(_Pred, []) -> [].

search(Pred, List) when is_function(Pred, 1) -> search_1(Pred, List).

search_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> {value, H};
        false -> search_1(Pred, T)
    end;
search_1(_Pred, []) -> false.

splitwith(Pred, List) when is_function(Pred, 1) ->
    splitwith(Pred, List, []).

splitwith(Pred, [H | T] = L, Taken) ->
    case Pred(H) of
        true -> splitwith(Pred, T, [H | Taken]);
        false -> {rev(Taken, []), L}
    end;
splitwith(_Pred, [], Taken) -> {rev(Taken, []), []}.

uniq(List) when is_list(List) -> uniq_1(List, #{}).

uniq_1([H | T], Seen) ->
    case maps:is_key(H, Seen) of
        true -> uniq_1(T, Seen);
        false -> [H | uniq_1(T, maps:put(H, [], Seen))]
    end;
uniq_1([], _) -> [].

uniq(F, List) when is_function(F, 1), is_list(List) -> uniq_2(F, List, #{}).

uniq_2(F, [H | T], Seen) ->
    Key = F(H),
    case maps:is_key(Key, Seen) of
        true -> uniq_2(F, T, Seen);
        false -> [H | uniq_2(F, T, maps:put(Key, [], Seen))]
    end;
uniq_2(_, [], _) -> [].

%% ---------------------------------------------------------------------
%% Tuple lists

keydelete(Key, N, L) when is_integer(N), N > 0 -> keydelete_1(Key, N, L).

keydelete_1(Key, N, [H | T]) when element(N, H) == Key -> T;
keydelete_1(Key, N, [H | T]) -> [H | keydelete_1(Key, N, T)];
keydelete_1(_, _, []) -> [].

keyreplace(Key, N, L, New) when is_integer(N), N > 0, is_tuple(New) ->
    keyreplace_1(Key, N, L, New).

keyreplace_1(Key, Pos, [Tup | Tail], New) when element(Pos, Tup) == Key ->
    [New | Tail];
keyreplace_1(Key, Pos, [H | T], New) ->
    [H | keyreplace_1(Key, Pos, T, New)];
keyreplace_1(_, _, [], _) -> [].

keytake(Key, N, L) when is_integer(N), N > 0 -> keytake(Key, N, L, []).

keytake(Key, N, [H | T], L) when element(N, H) == Key ->
    {value, H, rev(L, T)};
keytake(Key, N, [H | T], L) -> keytake(Key, N, T, [H | L]);
keytake(_K, _N, [], _L) -> false.

keystore(Key, N, L, New) when is_integer(N), N > 0, is_tuple(New) ->
    keystore_1(Key, N, L, New).

keystore_1(Key, Pos, [Tup | Tail], New) when element(Pos, Tup) == Key ->
    [New | Tail];
keystore_1(Key, Pos, [H | T], New) ->
    [H | keystore_1(Key, Pos, T, New)];
keystore_1(_, _, [], New) -> [New].

keymap(Fun, Index, [Tup | Tail]) ->
    V = Fun(element(Index, Tup)),
    [setelement(Index, Tup, V) | keymap(Fun, Index, Tail)];
keymap(Fun, Index, []) when is_integer(Index), Index >= 1,
                            is_function(Fun, 1) -> [].

%% ---------------------------------------------------------------------
%% Sorting. All sorts are stable merge sorts: of two elements, the one that
%% came first in the input is placed first exactly when the ordering fun
%% holds for (first, second).

sort(Fun, [_, _ | _] = List) -> msort(Fun, List);
sort(Fun, []) when is_function(Fun, 2) -> [];
sort(Fun, [_] = List) when is_function(Fun, 2) -> List.

usort(List) when is_list(List) ->
    case List of
        [] -> [];
        [_] -> List;
        _ -> dedup_eq(undecorate(lists:sort(decorate(List, 1))))
    end.

usort(Fun, List) when is_function(Fun, 2) ->
    case List of
        [] -> [];
        [_] -> List;
        _ -> dedup_fun(Fun, msort(Fun, List))
    end.

keysort(I, L) when is_integer(I), I > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        [_, _ | _] -> undecorate(lists:sort(decorate_key(I, L, 1)))
    end.

ukeysort(I, L) when is_integer(I), I > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        [_, _ | _] -> dedup_key(I, undecorate(lists:sort(decorate_key(I, L, 1))))
    end.

key_le(I) -> fun(A, B) -> element(I, A) =< element(I, B) end.

msort(F, L) -> merge_all(F, sort_pairs(F, L)).

sort_pairs(F, [A, B | T]) ->
    Pair = case F(A, B) of
               true -> [A, B];
               false -> [B, A]
           end,
    [Pair | sort_pairs(F, T)];
sort_pairs(_, [A]) -> [[A]];
sort_pairs(_, []) -> [].

merge_all(_, [L]) -> L;
merge_all(_, []) -> [];
merge_all(F, Ls) -> merge_all(F, merge_pairs(F, Ls)).

merge_pairs(F, [A, B | T]) -> [fmerge(F, A, B, []) | merge_pairs(F, T)];
merge_pairs(_, Ls) -> Ls.

%% Merge two lists; the head of the first list goes first when F holds.
fmerge(F, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case F(H1, H2) of
        true -> fmerge(F, T1, L2, [H1 | Acc]);
        false -> fmerge(F, L1, T2, [H2 | Acc])
    end;
fmerge(_, [], L2, Acc) -> rev(Acc, proper(L2));
fmerge(_, L1, [], Acc) -> rev(Acc, proper(L1));
fmerge(_, _, _, _) -> error(badarg).

%% usort/1 and the key sorts use the built-in lists:sort/1 on elements tagged
%% with their position, so that elements that compare equal keep their input
%% order whatever the built-in does with them.
decorate([H | T], N) -> [{H, N} | decorate(T, N + 1)];
decorate([], _) -> [].

decorate_key(I, [H | T], N) -> [{element(I, H), N, H} | decorate_key(I, T, N + 1)];
decorate_key(_, [], _) -> [].

undecorate([{H, _} | T]) -> [H | undecorate(T)];
undecorate([{_, _, H} | T]) -> [H | undecorate(T)];
undecorate([]) -> [].

dedup_eq([H | T]) -> [H | dedup_eq(H, T)].

dedup_eq(X, [H | T]) when H == X -> dedup_eq(X, T);
dedup_eq(_, [H | T]) -> [H | dedup_eq(H, T)];
dedup_eq(_, []) -> [].

dedup_fun(F, [H | T]) -> [H | dedup_fun(F, H, T)].

dedup_fun(F, X, [H | T]) ->
    case F(H, X) of
        true -> dedup_fun(F, X, T);
        false -> [H | dedup_fun(F, H, T)]
    end;
dedup_fun(_, _, []) -> [].

dedup_key(I, [H | T]) -> [H | dedup_key(I, element(I, H), T)].

dedup_key(I, K, [H | T]) ->
    case element(I, H) of
        K1 when K1 == K -> dedup_key(I, K, T);
        K1 -> [H | dedup_key(I, K1, T)]
    end;
dedup_key(_, _, []) -> [].

%% ---------------------------------------------------------------------
%% Merging

merge(L1, []) -> L1;
merge([], L2) when is_list(L2) -> proper(L2);
merge(L1, L2) when is_list(L1), is_list(L2) ->
    merge_le(L1, L2, []).

merge_le([H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    if
        H1 =< H2 -> merge_le(T1, L2, [H1 | Acc]);
        true -> merge_le(L1, T2, [H2 | Acc])
    end;
merge_le([], L2, Acc) -> rev(Acc, proper(L2));
merge_le(L1, [], Acc) -> rev(Acc, proper(L1)).

%% Fails with badarg for an improper list, as merging into an empty list does
%% in OTP.
proper(L) ->
    _ = length(L),
    L.

merge(Fun, L1, []) when is_function(Fun, 2) -> L1;
merge(Fun, L1, L2) when is_function(Fun, 2), is_list(L1), is_list(L2) ->
    fmerge(Fun, L1, L2, []).

merge3(L1, L2, L3) ->
    merge(L1, merge(L2, L3)).

merge(ListOfLists) when is_list(ListOfLists) ->
    merge_lists(ListOfLists).

merge_lists([L]) when is_list(L) -> L;
merge_lists([L | Ls]) -> merge(L, merge_lists(Ls));
merge_lists([]) -> [].

keymerge(Index, L1, L2) when is_integer(Index), Index > 0 ->
    case L2 of
        [] -> L1;
        [H2 | _] ->
            _ = element(Index, H2),
            fmerge(key_le(Index), L1, L2, [])
    end.

%% The unique merges drop an element of the second list when it equals the
%% last element taken from the first list while it was waiting to be placed
%% (so only duplicates across the two lists are removed).
umerge([], L2) -> L2;
umerge(L1, L2) when is_list(L1), is_list(L2) ->
    umerge_eq(L1, L2, [], none).

umerge_eq([H1 | T1] = L1, [H2 | T2] = L2, Acc, Prev) ->
    if
        H1 =< H2 -> umerge_eq(T1, L2, [H1 | Acc], {prev, H1});
        true -> umerge_eq(L1, T2, keep_unless_eq(H2, Prev, Acc), none)
    end;
umerge_eq([], [H2 | T2], Acc, Prev) ->
    rev(keep_unless_eq(H2, Prev, Acc), proper(T2));
umerge_eq([], [], Acc, _) -> rev(Acc, []);
umerge_eq(L1, [], Acc, _) -> rev(Acc, proper(L1)).

keep_unless_eq(H2, {prev, P}, Acc) when H2 == P -> Acc;
keep_unless_eq(H2, _, Acc) -> [H2 | Acc].

umerge(Fun, [], L2) when is_function(Fun, 2) -> L2;
umerge(Fun, L1, L2) when is_function(Fun, 2), is_list(L1), is_list(L2) ->
    umerge_fun(Fun, L1, L2, [], none).

umerge_fun(F, [H1 | T1] = L1, [H2 | T2] = L2, Acc, Prev) ->
    case F(H1, H2) of
        true -> umerge_fun(F, T1, L2, [H1 | Acc], {prev, H1});
        false -> umerge_fun(F, L1, T2, keep_unless_fun(F, H2, Prev, Acc), none)
    end;
umerge_fun(F, [], [H2 | T2], Acc, Prev) ->
    rev(keep_unless_fun(F, H2, Prev, Acc), proper(T2));
umerge_fun(_, [], [], Acc, _) -> rev(Acc, []);
umerge_fun(_, L1, [], Acc, _) -> rev(Acc, proper(L1));
umerge_fun(_, _, _, _, _) -> error(badarg).

keep_unless_fun(F, H2, {prev, P}, Acc) ->
    case F(H2, P) of
        true -> Acc;
        false -> [H2 | Acc]
    end;
keep_unless_fun(_, H2, none, Acc) -> [H2 | Acc].

umerge3(L1, L2, L3) ->
    umerge(L1, umerge(L2, L3)).

umerge(ListOfLists) when is_list(ListOfLists) ->
    umerge_lists(ListOfLists).

umerge_lists([L]) when is_list(L) -> L;
umerge_lists([L | Ls]) -> umerge(L, umerge_lists(Ls));
umerge_lists([]) -> [].

ukeymerge(Index, L1, L2) when is_integer(Index), Index > 0 ->
    case L1 of
        [] -> L2;
        [H1 | _] ->
            _ = element(Index, H1),
            umerge_fun(key_le(Index), L1, L2, [], none)
    end.

%% Each descending merge is the ascending one on the reversed lists, reversed: so are
%% ties taken (and duplicates dropped) in the same order as OTP takes them.
rmerge(L1, L2) -> lists:reverse(merge(lists:reverse(L1), lists:reverse(L2))).

rmerge(Fun, L1, L2) -> lists:reverse(merge(Fun, lists:reverse(L1), lists:reverse(L2))).

rmerge3(L1, L2, L3) ->
    lists:reverse(merge3(lists:reverse(L1), lists:reverse(L2), lists:reverse(L3))).

rumerge(L1, L2) -> lists:reverse(umerge(lists:reverse(L1), lists:reverse(L2))).

rumerge(Fun, L1, L2) -> lists:reverse(umerge(Fun, lists:reverse(L1), lists:reverse(L2))).

rumerge3(L1, L2, L3) ->
    lists:reverse(umerge3(lists:reverse(L1), lists:reverse(L2), lists:reverse(L3))).

rkeymerge(Index, L1, L2) ->
    lists:reverse(keymerge(Index, lists:reverse(L1), lists:reverse(L2))).

rukeymerge(Index, L1, L2) ->
    lists:reverse(ukeymerge(Index, lists:reverse(L1), lists:reverse(L2))).

rev(L, Tail) -> lists:reverse(L, Tail).
