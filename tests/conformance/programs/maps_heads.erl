-module(maps_heads).
-export([main/0]).

main() ->
    Events = [#{kind => click, x => 10, y => 20},
              #{kind => key, code => 65},
              #{kind => key, code => 27, mod => ctrl},
              #{kind => scroll, delta => -3},
              #{other => thing}],
    [io:format("~p~n", [handle(E)]) || E <- Events],
    State = lists:foldl(fun step/2, #{clicks => 0, keys => []}, Events),
    io:format("state: ~p~n", [State]),
    io:format("~p~n", [merge_defaults(#{port => 8080})]),
    io:format("~p~n", [merge_defaults(#{})]),
    ok.

handle(#{kind := click, x := X, y := Y}) -> {click_at, X, Y};
handle(#{kind := key, code := 27, mod := M}) -> {escape_with, M};
handle(#{kind := key, code := C}) -> {key, [C]};
handle(#{kind := K}) -> {unhandled, K};
handle(_) -> ignored.

step(#{kind := click}, S = #{clicks := N}) -> S#{clicks := N + 1};
step(#{kind := key, code := C}, S = #{keys := Ks}) -> S#{keys := [C | Ks]};
step(_, S) -> S.

merge_defaults(Opts) ->
    maps:merge(#{host => "localhost", port => 80, tls => false}, Opts).
