-module(shapes).
-export([area/1, perimeter/1, classify/1]).

area({square, S}) -> S * S;
area({rect, W, H}) -> W * H;
area({circle, R}) -> 3.14159 * R * R.

%% A deliberate bug: the perimeter of a rectangle counts each side once.
perimeter({square, S}) -> 4 * S;
perimeter({rect, W, H}) -> W + H.

classify(Shape) ->
    case area(Shape) of
        A when A > 100 -> {big, A};
        A -> {small, A}
    end.
