%% queue: double-ended FIFO queues, following the documented behaviour of
%% OTP 25's queue module (results, error reasons and the shape of the queue
%% terms).
%%
%% A queue is {Rear, Front}: Front holds the oldest items, head first, and
%% Rear the newest, newest first. When one of the two lists runs empty while
%% the other has two or more items, the items are shared out again, as OTP
%% does, so queues built here compare equal (=:=) to OTP's. All three APIs
%% are here: the original one, the "extended" one and the "Okasaki" one
%% (including the deprecated lait/1). Nothing is left out.
-module(queue).

-export([new/0, is_queue/1, is_empty/1, len/1, to_list/1, from_list/1,
         member/2, in/2, in_r/2, out/1, out_r/1, get/1, get_r/1, peek/1,
         peek_r/1, drop/1, drop_r/1, reverse/1, join/2, split/2,
         filter/2, filtermap/2, fold/3, any/2, all/2, delete/2,
         delete_r/2, delete_with/2, delete_with_r/2, cons/2, head/1,
         tail/1, snoc/2, daeh/1, last/1, liat/1, lait/1, init/1]).

-compile({no_auto_import, [get/1]}).

-define(IS_Q(R, F), is_list(R), is_list(F)).

%% ---------------------------------------------------------------------
%% Original API

new() -> {[], []}.

is_queue({R, F}) when ?IS_Q(R, F) -> true;
is_queue(_) -> false.

is_empty({[], []}) -> true;
is_empty({R, F}) when ?IS_Q(R, F) -> false;
is_empty(Q) -> error(badarg, [Q]).

len({R, F}) when ?IS_Q(R, F) -> length(R) + length(F);
len(Q) -> error(badarg, [Q]).

to_list({R, F}) when ?IS_Q(R, F) -> F ++ lists:reverse(R, []);
to_list(Q) -> error(badarg, [Q]).

from_list(L) when is_list(L) -> front_to_rear(L);
from_list(L) -> error(badarg, [L]).

member(X, {R, F}) when ?IS_Q(R, F) ->
    lists:member(X, F) orelse lists:member(X, R);
member(X, Q) -> error(badarg, [X, Q]).

in(X, {[_] = R, []}) -> {[X], R};
in(X, {R, F}) when ?IS_Q(R, F) -> {[X | R], F};
in(X, Q) -> error(badarg, [X, Q]).

in_r(X, {[], [_] = F}) -> {F, [X]};
in_r(X, {R, F}) when ?IS_Q(R, F) -> {R, [X | F]};
in_r(X, Q) -> error(badarg, [X, Q]).

out({[], []} = Q) -> {empty, Q};
out({[V], []}) -> {{value, V}, {[], []}};
out({[Y | R], []}) ->
    [V | F] = lists:reverse(R, []),
    {{value, V}, {[Y], F}};
out({R, [V]}) when is_list(R) -> {{value, V}, rear_to_front(R)};
out({R, [V | F]}) when is_list(R) -> {{value, V}, {R, F}};
out(Q) -> error(badarg, [Q]).

out_r({[], []} = Q) -> {empty, Q};
out_r({[], [V]}) -> {{value, V}, {[], []}};
out_r({[], [Y | F]}) ->
    [V | R] = lists:reverse(F, []),
    {{value, V}, {R, [Y]}};
out_r({[V], F}) when is_list(F) -> {{value, V}, front_to_rear(F)};
out_r({[V | R], F}) when is_list(F) -> {{value, V}, {R, F}};
out_r(Q) -> error(badarg, [Q]).

get({[], []} = Q) -> error(empty, [Q]);
get({R, F}) when ?IS_Q(R, F) -> first(R, F);
get(Q) -> error(badarg, [Q]).

get_r({[], []} = Q) -> error(empty, [Q]);
get_r({R, F}) when ?IS_Q(R, F) -> final(R, F);
get_r(Q) -> error(badarg, [Q]).

peek({[], []}) -> empty;
peek({R, F}) when ?IS_Q(R, F) -> {value, first(R, F)};
peek(Q) -> error(badarg, [Q]).

peek_r({[], []}) -> empty;
peek_r({R, F}) when ?IS_Q(R, F) -> {value, final(R, F)};
peek_r(Q) -> error(badarg, [Q]).

%% The oldest and the newest item of a non-empty queue.
first(_, [X | _]) -> X;
first([X], []) -> X;
first([_ | R], []) -> lists:last(R).

final([X | _], _) -> X;
final([], [X]) -> X;
final([], [_ | F]) -> lists:last(F).

drop({[], []} = Q) -> error(empty, [Q]);
drop({[_], []}) -> {[], []};
drop({[Y | R], []}) ->
    [_ | F] = lists:reverse(R, []),
    {[Y], F};
drop({R, [_]}) when is_list(R) -> rear_to_front(R);
drop({R, [_ | F]}) when is_list(R) -> {R, F};
drop(Q) -> error(badarg, [Q]).

drop_r({[], []} = Q) -> error(empty, [Q]);
drop_r({[], [_]}) -> {[], []};
drop_r({[], [Y | F]}) ->
    [_ | R] = lists:reverse(F, []),
    {R, [Y]};
drop_r({[_], F}) when is_list(F) -> front_to_rear(F);
drop_r({[_ | R], F}) when is_list(F) -> {R, F};
drop_r(Q) -> error(badarg, [Q]).

reverse({R, F}) when ?IS_Q(R, F) -> {F, R};
reverse(Q) -> error(badarg, [Q]).

join({R, F} = Q, {[], []}) when ?IS_Q(R, F) -> Q;
join({[], []}, {R, F} = Q) when ?IS_Q(R, F) -> Q;
join({R1, F1}, {R2, F2}) when ?IS_Q(R1, F1), ?IS_Q(R2, F2) ->
    {R2, F1 ++ lists:reverse(R1, F2)};
join(Q1, Q2) -> error(badarg, [Q1, Q2]).

split(0, {R, F} = Q) when ?IS_Q(R, F) -> {{[], []}, Q};
split(N, {R, F} = Q) when is_integer(N), N >= 1, ?IS_Q(R, F) ->
    LenF = length(F),
    if
        N < LenF ->
            [X | F1] = F,
            {Taken, Rest} = take(N - 1, F1, []),
            {{Taken, [X]}, {R, Rest}};
        N =:= LenF ->
            {front_to_rear(F), rear_to_front(R)};
        true ->
            LenR = length(R),
            if
                N < LenF + LenR ->
                    [Y | R1] = R,
                    {Taken, Rest} = take(N - LenF, lists:reverse(R1, []), []),
                    {{Taken, F}, {[Y], Rest}};
                N =:= LenF + LenR ->
                    {Q, {[], []}};
                true ->
                    error(badarg, [N, Q])
            end
    end;
split(N, Q) -> error(badarg, [N, Q]).

%% The first N items of a list, reversed, and the rest.
take(0, L, Acc) -> {Acc, L};
take(N, [X | L], Acc) -> take(N - 1, L, [X | Acc]).

filter(Fun, {R, F}) when is_function(Fun, 1), ?IS_Q(R, F) ->
    F1 = filter_front(Fun, F),
    rebuild(filter_rear(Fun, R), F1);
filter(Fun, Q) -> error(badarg, [Fun, Q]).

%% Items kept in the rear list are visited oldest first, so the list is
%% rebuilt from its tail.
filter_rear(_Fun, []) -> [];
filter_rear(Fun, [X | R]) ->
    Kept = filter_rear(Fun, R),
    case Fun(X) of
        true -> [X | Kept];
        false -> Kept;
        L when is_list(L) -> lists:reverse(L, Kept)
    end.

filter_front(_Fun, []) -> [];
filter_front(Fun, [X | F]) ->
    case Fun(X) of
        true -> [X | filter_front(Fun, F)];
        false -> filter_front(Fun, F);
        L when is_list(L) -> L ++ filter_front(Fun, F)
    end.

filtermap(Fun, {R, F}) when is_function(Fun, 1), ?IS_Q(R, F) ->
    F1 = filtermap_front(Fun, F),
    rebuild(filtermap_rear(Fun, R), F1);
filtermap(Fun, Q) -> error(badarg, [Fun, Q]).

filtermap_rear(_Fun, []) -> [];
filtermap_rear(Fun, [X | R]) ->
    Kept = filtermap_rear(Fun, R),
    case Fun(X) of
        true -> [X | Kept];
        false -> Kept;
        {true, V} -> [V | Kept]
    end.

filtermap_front(_Fun, []) -> [];
filtermap_front(Fun, [X | F]) ->
    case Fun(X) of
        true -> [X | filtermap_front(Fun, F)];
        false -> filtermap_front(Fun, F);
        {true, V} -> [V | filtermap_front(Fun, F)]
    end.

%% A queue from a rear and a front list, shared out again when one of them
%% is empty.
rebuild(R, []) -> rear_to_front(R);
rebuild([], F) -> front_to_rear(F);
rebuild(R, F) -> {R, F}.

fold(Fun, Acc, {R, F}) when is_function(Fun, 2), ?IS_Q(R, F) ->
    lists:foldr(Fun, lists:foldl(Fun, Acc, F), R);
fold(Fun, Acc, Q) -> error(badarg, [Fun, Acc, Q]).

any(Pred, {R, F}) when is_function(Pred, 1), ?IS_Q(R, F) ->
    lists:any(Pred, F) orelse lists:any(Pred, R);
any(Pred, Q) -> error(badarg, [Pred, Q]).

all(Pred, {R, F}) when is_function(Pred, 1), ?IS_Q(R, F) ->
    lists:all(Pred, F) andalso lists:all(Pred, R);
all(Pred, Q) -> error(badarg, [Pred, Q]).

delete(X, {R, F}) when ?IS_Q(R, F) ->
    del_first(fun(Y) -> Y =:= X end, R, F);
delete(X, Q) -> error(badarg, [X, Q]).

delete_r(X, {R, F}) when ?IS_Q(R, F) ->
    del_last(fun(Y) -> Y =:= X end, R, F);
delete_r(X, Q) -> error(badarg, [X, Q]).

delete_with(Pred, {R, F}) when is_function(Pred, 1), ?IS_Q(R, F) ->
    del_first(Pred, R, F);
delete_with(Pred, Q) -> error(badarg, [Pred, Q]).

delete_with_r(Pred, {R, F}) when is_function(Pred, 1), ?IS_Q(R, F) ->
    del_last(Pred, R, F);
delete_with_r(Pred, Q) -> error(badarg, [Pred, Q]).

%% Remove the oldest item matching Pred.
del_first(Pred, R, F) ->
    case del_one(Pred, F) of
        {ok, []} -> rear_to_front(R);
        {ok, F1} -> {R, F1};
        none ->
            case del_one(Pred, lists:reverse(R, [])) of
                {ok, []} -> front_to_rear(F);
                {ok, R1} -> {lists:reverse(R1, []), F};
                none -> {R, F}
            end
    end.

%% Remove the newest item matching Pred.
del_last(Pred, R, F) ->
    case del_one(Pred, R) of
        {ok, []} -> front_to_rear(F);
        {ok, R1} -> {R1, F};
        none ->
            case del_one(Pred, lists:reverse(F, [])) of
                {ok, []} -> rear_to_front(R);
                {ok, F1} -> {R, lists:reverse(F1, [])};
                none -> {R, F}
            end
    end.

%% Remove the first element of a list for which Pred holds.
del_one(_Pred, []) -> none;
del_one(Pred, [X | L]) ->
    case Pred(X) of
        true -> {ok, L};
        false ->
            case del_one(Pred, L) of
                {ok, L1} -> {ok, [X | L1]};
                none -> none
            end
    end.

%% ---------------------------------------------------------------------
%% Okasaki API

cons(X, Q) -> in_r(X, Q).

head(Q) -> get(Q).

tail(Q) -> drop(Q).

snoc(Q, X) -> in(X, Q).

daeh(Q) -> get_r(Q).

last(Q) -> get_r(Q).

liat(Q) -> drop_r(Q).

lait(Q) -> drop_r(Q).

init(Q) -> drop_r(Q).

%% ---------------------------------------------------------------------
%% Sharing out the items of one list

%% A queue of the items of a front list (oldest first): the older half
%% stays in front, the newer half (the larger one) goes to the rear.
front_to_rear([]) -> {[], []};
front_to_rear([_] = L) -> {L, []};
front_to_rear([X, Y]) -> {[Y], [X]};
front_to_rear(L) ->
    {F, R} = lists:split(length(L) div 2, L),
    {lists:reverse(R, []), F}.

%% A queue of the items of a rear list (newest first): the newer half stays
%% in the rear, the older half (the larger one) goes to the front.
rear_to_front([]) -> {[], []};
rear_to_front([_] = L) -> {[], L};
rear_to_front([X, Y]) -> {[X], [Y]};
rear_to_front(L) ->
    {R, F} = lists:split(length(L) div 2, L),
    {R, lists:reverse(F, [])}.
