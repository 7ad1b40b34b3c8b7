-module(shapes_tests).
-include_lib("eunit/include/eunit.hrl").

square_test() -> ?assertEqual(16, shapes:area({square, 4})).

perimeter_test() -> ?assertEqual(14, shapes:perimeter({rect, 3, 4})).

classify_test() -> ?assertMatch({big, _}, shapes:classify({square, 5})).

rect_test() -> ?assert(shapes:area({rect, 2, 3}) =:= 6).

unknown_shape_test() -> shapes:area({hexagon, 2}).

crash_test() -> error({not_implemented, triangle}).

small_test() -> ?assertNotEqual({big, 4}, shapes:classify({square, 2})).


%% What a test writes is captured: shown under a failure, never for a pass, and what
%% processes started by the test write is captured with it.
quiet_pass_test() -> io:format("not shown~n").

noisy_failure_test() ->
    io:format("area ~p~n", [shapes:area({square, 3})]),
    Self = self(),
    spawn(fun() -> io:put_chars("from a helper\n"), Self ! done end),
    receive done -> ok end,
    ?assertEqual(10, shapes:area({square, 3})).
