-module(include_basic).
-export([main/0]).

-include("shapes.hrl").

main() ->
    P = #point{x = 3, y = 4},
    io:format("point: ~p~n", [P]),
    io:format("origin: ~p~n", [?ORIGIN]),
    io:format("rect default: ~p~n", [#rect{}]),
    io:format("circle: ~p~n", [#circle{radius = 2.5}]),
    io:format("square: ~p~n", [?SQUARE(7)]),
    io:format("square expr: ~p~n", [?SQUARE(1 + 2)]),
    io:format("unit: ~p~n", [?AREA_UNIT]),
    io:format("area rect: ~p~n", [area(#rect{top_left = #point{x = 0, y = 0}, bottom_right = #point{x = 4, y = 5}})]),
    io:format("area circle: ~p~n", [area(#circle{radius = 1.0})]),
    io:format("fields: ~p~n", [record_info(fields, rect)]),
    io:format("dist: ~p~n", [dist(?ORIGIN, P)]),
    ok.

area(#rect{top_left = #point{x = X1, y = Y1}, bottom_right = #point{x = X2, y = Y2}}) ->
    {abs(X2 - X1) * abs(Y2 - Y1), ?AREA_UNIT};
area(#circle{radius = R}) ->
    {round(3.14159 * ?SQUARE(R) * 1000) / 1000, ?AREA_UNIT}.

dist(#point{x = X1, y = Y1}, #point{x = X2, y = Y2}) ->
    math_sqrt(?SQUARE(X2 - X1) + ?SQUARE(Y2 - Y1)).

math_sqrt(N) -> isqrt(N, 0).
isqrt(N, I) when (I + 1) * (I + 1) > N -> I;
isqrt(N, I) -> isqrt(N, I + 1).
