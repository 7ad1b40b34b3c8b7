-module(maps_patterns).
-export([main/0]).

main() ->
    M = #{type => circle, r => 2, meta => #{color => red}},
    #{type := T} = M,
    io:format("type: ~p~n", [T]),
    #{type := circle, r := R, meta := #{color := C}} = M,
    io:format("r and color: ~p ~p~n", [R, C]),
    #{} = M,
    io:format("empty pattern matches any map~n"),
    Shapes = [#{type => circle, r => 1}, #{type => square, side => 3},
              #{type => rect, w => 2, h => 5}, #{type => blob}, #{no_type => 1}, not_a_map],
    [io:format("~p -> ~p~n", [S, area(S)]) || S <- Shapes],
    Key = side,
    #{Key := Side} = #{side => 9},
    io:format("variable key: ~p~n", [Side]),
    io:format("case: ~p~n", [case #{status => ok, data => [1, 2]} of
                                  #{status := error} -> failed;
                                  #{status := ok, data := D} -> {ok, length(D)}
                              end]),
    io:format("mismatch: ~p~n", [try #{a := _} = id(#{b => 1}) catch error:E -> E end]),
    io:format("comprehension: ~p~n", [[V || #{v := V} <- [#{v => 1}, #{w => 2}, #{v => 3}]]]),
    Same = #{x => 1, y => 1},
    #{x := SV, y := SV} = Same,
    io:format("same var twice: ~p~n", [SV]),
    io:format("tuple key: ~p~n", [tuple_key(#{{1, 2} => pair})]),
    ok.

id(X) -> X.

area(#{type := circle, r := R}) -> 3 * R * R;
area(#{type := square, side := S}) -> S * S;
area(#{type := rect, w := W, h := H}) -> W * H;
area(#{type := Other}) -> {unknown, Other};
area(#{}) -> no_type;
area(_) -> not_map.

tuple_key(#{{1, 2} := V}) -> V;
tuple_key(_) -> none.
