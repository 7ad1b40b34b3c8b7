-module(shapes_tests).
-include_lib("eunit/include/eunit.hrl").

square_test() -> ?assertEqual(16, shapes:area({square, 4})).

perimeter_test() -> ?assertEqual(14, shapes:perimeter({rect, 3, 4})).

classify_test() -> ?assertMatch({big, _}, shapes:classify({square, 5})).

rect_test() -> ?assert(shapes:area({rect, 2, 3}) =:= 6).

unknown_shape_test() -> shapes:area({hexagon, 2}).

crash_test() -> error({not_implemented, triangle}).

small_test() -> ?assertNotEqual({big, 4}, shapes:classify({square, 2})).
