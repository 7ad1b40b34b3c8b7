-module(maps_guards).
-export([main/0]).

main() ->
    Ms = [#{age => 20}, #{age => 10}, #{name => x}, #{}, #{age => old}, 5],
    [io:format("~p: ~p ~p~n", [M, adult(M), kind(M)]) || M <- Ms],
    io:format("~p~n", [[sz(M) || M <- [#{}, #{a => 1}, #{a => 1, b => 2, c => 3}]]]),
    ok.

adult(M) when is_map_key(age, M), is_integer(map_get(age, M)), map_get(age, M) >= 18 -> adult;
adult(M) when is_map_key(age, M) -> minor_or_bad;
adult(M) when is_map(M) -> unknown;
adult(_) -> not_a_map.

kind(M) when map_get(name, M) =:= x -> named_x;
kind(M) when is_map(M), map_size(M) =:= 0 -> empty;
kind(_) -> other.

sz(M) when map_size(M) > 2 -> big;
sz(M) when map_size(M) > 0 -> small;
sz(_) -> empty.
