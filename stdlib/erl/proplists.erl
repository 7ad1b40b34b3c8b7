%% proplists: property lists, following the documented behaviour of OTP 25's
%% proplists module (results and error reasons).
%%
%% An entry for a key K is the atom K (short for {K, true}) or a tuple whose
%% first element is K; other list elements are ignored. Keys are compared
%% with =:=. Deliberately different: get_keys/1 returns its keys in sorted
%% order, while OTP (which documents the result as unordered) returns them in
%% the hash order of its sets module. Nothing is left out.
-module(proplists).

-export([append_values/2, compact/1, delete/2, expand/2, from_map/1,
         get_all_values/2, get_bool/2, get_keys/1, get_value/2,
         get_value/3, is_defined/2, lookup/2, lookup_all/2, normalize/2,
         property/1, property/2, split/2, substitute_aliases/2,
         substitute_negations/2, to_map/1, to_map/2, unfold/1]).

%% ---------------------------------------------------------------------
%% Single properties

property({Key, true}) when is_atom(Key) -> Key;
property(Property) -> Property.

property(Key, true) when is_atom(Key) -> Key;
property(Key, Value) -> {Key, Value}.

unfold([P | Ps]) ->
    if
        is_atom(P) -> [{P, true} | unfold(Ps)];
        true -> [P | unfold(Ps)]
    end;
unfold([]) -> [].

compact(ListIn) ->
    [property(P) || P <- ListIn].

%% The key of an entry, or none for a list element that is not an entry.
entry_key(P) when is_atom(P) -> {key, P};
entry_key(P) when is_tuple(P), tuple_size(P) >= 1 -> {key, element(1, P)};
entry_key(_) -> none.

is_entry(Key, P) when is_atom(P) -> P =:= Key;
is_entry(Key, P) when is_tuple(P), tuple_size(P) >= 1 -> element(1, P) =:= Key;
is_entry(_, _) -> false.

%% ---------------------------------------------------------------------
%% Lookup

lookup(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> {Key, true};
        is_tuple(P), tuple_size(P) >= 1, element(1, P) =:= Key -> P;
        true -> lookup(Key, Ps)
    end;
lookup(_Key, []) -> none.

lookup_all(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> [{Key, true} | lookup_all(Key, Ps)];
        is_tuple(P), tuple_size(P) >= 1, element(1, P) =:= Key ->
            [P | lookup_all(Key, Ps)];
        true -> lookup_all(Key, Ps)
    end;
lookup_all(_Key, []) -> [].

is_defined(Key, [P | Ps]) ->
    case is_entry(Key, P) of
        true -> true;
        false -> is_defined(Key, Ps)
    end;
is_defined(_Key, []) -> false.

get_value(Key, List) -> get_value(Key, List, undefined).

get_value(Key, [P | Ps], Default) ->
    if
        is_atom(P), P =:= Key -> true;
        is_tuple(P), tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, Value} -> Value;
                _ -> Default
            end;
        true -> get_value(Key, Ps, Default)
    end;
get_value(_Key, [], Default) -> Default.

get_all_values(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> [true | get_all_values(Key, Ps)];
        is_tuple(P), tuple_size(P) =:= 2, element(1, P) =:= Key ->
            [element(2, P) | get_all_values(Key, Ps)];
        true -> get_all_values(Key, Ps)
    end;
get_all_values(_Key, []) -> [].

append_values(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> [true | append_values(Key, Ps)];
        is_tuple(P), tuple_size(P) =:= 2, element(1, P) =:= Key ->
            case element(2, P) of
                Value when is_list(Value) -> Value ++ append_values(Key, Ps);
                Value -> [Value | append_values(Key, Ps)]
            end;
        true -> append_values(Key, Ps)
    end;
append_values(_Key, []) -> [].

get_bool(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> true;
        is_tuple(P), tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, true} -> true;
                _ -> false
            end;
        true -> get_bool(Key, Ps)
    end;
get_bool(_Key, []) -> false.

get_keys(List) -> lists:usort(get_keys_1(List)).

get_keys_1([P | Ps]) ->
    case entry_key(P) of
        {key, K} -> [K | get_keys_1(Ps)];
        none -> get_keys_1(Ps)
    end;
get_keys_1([]) -> [].

delete(Key, [P | Ps]) ->
    case is_entry(Key, P) of
        true -> delete(Key, Ps);
        false -> [P | delete(Key, Ps)]
    end;
delete(_Key, []) -> [].

split(List, Keys) ->
    {Store, Rest} = split_1(List, maps:from_list([{K, []} || K <- Keys]), []),
    {[lists:reverse(maps:get(K, Store)) || K <- Keys], lists:reverse(Rest)}.

split_1([P | Ps], Store, Rest) ->
    case entry_key(P) of
        {key, K} ->
            case maps:find(K, Store) of
                {ok, Found} -> split_1(Ps, maps:put(K, [P | Found], Store), Rest);
                error -> split_1(Ps, Store, [P | Rest])
            end;
        none ->
            split_1(Ps, Store, [P | Rest])
    end;
split_1([], Store, Rest) ->
    {Store, Rest}.

%% ---------------------------------------------------------------------
%% Maps

%% The first entry for a key decides; entries that are neither atoms nor
%% pairs give no value but still hide later entries for their key.
to_map(List) -> to_map_1(List, #{}, #{}).

to_map_1([P | Ps], Map, Seen) ->
    case entry_key(P) of
        {key, K} ->
            case maps:is_key(K, Seen) of
                true ->
                    to_map_1(Ps, Map, Seen);
                false ->
                    Seen1 = maps:put(K, [], Seen),
                    case P of
                        _ when is_atom(P) -> to_map_1(Ps, maps:put(K, true, Map), Seen1);
                        {_, V} -> to_map_1(Ps, maps:put(K, V, Map), Seen1);
                        _ -> to_map_1(Ps, Map, Seen1)
                    end
            end;
        none ->
            to_map_1(Ps, Map, Seen)
    end;
to_map_1([], Map, _Seen) -> Map.

to_map(List, Stages) ->
    to_map(apply_stages(List, Stages)).

from_map(Map) -> maps:to_list(Map).

%% ---------------------------------------------------------------------
%% Substitution and expansion

substitute_aliases(Aliases, ListIn) ->
    [substitute_alias(Aliases, P) || P <- ListIn].

substitute_alias([{From, To} | As], P) ->
    case is_entry(From, P) of
        true when is_atom(P) -> property(To, true);
        true when tuple_size(P) =:= 2 -> property(To, element(2, P));
        true -> setelement(1, P, To);
        false -> substitute_alias(As, P)
    end;
substitute_alias([], P) -> P.

substitute_negations(Negations, ListIn) ->
    [substitute_negation(Negations, P) || P <- ListIn].

substitute_negation([{From, To} | Ns], P) ->
    case is_entry(From, P) of
        true when is_atom(P) -> {To, false};
        true ->
            case P of
                {_, true} -> {To, false};
                _ -> property(To, true)
            end;
        false -> substitute_negation(Ns, P)
    end;
substitute_negation([], P) -> P.

expand(Expansions, ListIn) ->
    splice(expand_all(first_per_key(Expansions, []), ListIn)).

%% Keeps the first expansion for each key, dropping malformed ones.
first_per_key([{Property, _} = E | Es], Seen) ->
    case entry_key(Property) of
        {key, K} ->
            case lists:member(K, Seen) of
                true -> first_per_key(Es, Seen);
                false -> [{K, property(Property), E} | first_per_key(Es, [K | Seen])]
            end;
        none ->
            first_per_key(Es, Seen)
    end;
first_per_key([_ | Es], Seen) ->
    first_per_key(Es, Seen);
first_per_key([], _Seen) -> [].

%% Inserted expansions are wrapped in a list, which is not an entry for any
%% key, so that they are not expanded again; splice/1 unwraps them.
expand_all([{K, Norm, {_, Expansion}} | Es], List) ->
    expand_all(Es, expand_one(K, Norm, wrap(Expansion), List));
expand_all([], List) -> List.

wrap(Expansion) when is_list(Expansion) -> Expansion;
wrap(Expansion) -> [Expansion].

expand_one(K, Norm, Expansion, [P | Ps]) ->
    case is_entry(K, P) of
        true ->
            case property(P) =:= Norm of
                true -> [Expansion | delete(K, Ps)];
                false -> [property(P) | Ps]
            end;
        false ->
            [P | expand_one(K, Norm, Expansion, Ps)]
    end;
expand_one(_K, _Norm, _Expansion, []) -> [].

splice([L | Ls]) when is_list(L) -> L ++ splice(Ls);
splice([P | Ls]) -> [P | splice(Ls)];
splice([]) -> [].

normalize(ListIn, Stages) ->
    compact(apply_stages(ListIn, Stages)).

apply_stages(L, [{aliases, As} | Stages]) ->
    apply_stages(substitute_aliases(As, L), Stages);
apply_stages(L, [{negations, Ns} | Stages]) ->
    apply_stages(substitute_negations(Ns, L), Stages);
apply_stages(L, [{expand, Es} | Stages]) ->
    apply_stages(expand(Es, L), Stages);
apply_stages(L, []) -> L.
