%% Shared record and macro definitions for the include_* programs.
-record(point, {x = 0, y = 0}).
-record(rect, {top_left = #point{}, bottom_right = #point{x = 1, y = 1}, label = "rect"}).
-record(circle, {center = #point{}, radius = 1.0}).

-define(ORIGIN, #point{x = 0, y = 0}).
-define(AREA_UNIT, square_units).
-define(SQUARE(X), ((X) * (X))).
