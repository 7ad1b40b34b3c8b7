%% Which arithmetic errors have a frame of their own for the operator: `*` on integers
%% and unary minus call the built-in; `/` and float arithmetic fail in place.
-module(err_badarith_frames).
-export([main/0, t/2]).

t(times, {X, Y}) -> X * Y;
t(times_literal, {X, _}) -> X * 3;
t(times_float, {X, _}) -> X * 2.5;
t(negate, {X, _}) -> -X;
t(divide, {X, Y}) -> X / Y;
t(divide_literal, {X, _}) -> X / 4;
t(float_overflow, {X, Y}) -> X * Y.

main() ->
    [io:format("~p: ~p~n", [Op, top(catch ?MODULE:t(Op, Args))])
     || {Op, Args} <- [{times, {a, 2}}, {times_literal, {b, 0}}, {times_float, {c, 0}},
                       {negate, {d, 0}}, {divide, {e, 1}}, {divide, {1, 0}},
                       {divide_literal, {f, 0}}, {float_overflow, {1.0e300, 1.0e300}}]],
    ?MODULE:t(times, {6, seven}).

top({'EXIT', {Reason, [{M, F, A, _} | _]}}) when is_list(A) -> {Reason, M, F, A};
top({'EXIT', {Reason, [{M, F, A, _} | _]}}) -> {Reason, M, F, A}.
