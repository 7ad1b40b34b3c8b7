-module(calc_tests).
-include_lib("eunit/include/eunit.hrl").

add_test() ->
    ?assertEqual(5, calc:add(2, 3)),
    ?assertEqual(0, calc:add(-1, 1)).

sub_test() -> ?assert(calc:sub(5, 3) =:= 2).

mul_test() -> ?assertNot(calc:mul(2, 3) =:= 5).

divide_test() ->
    ?assertEqual(2.5, calc:divide(5, 2)),
    ?assertError(badarith, calc:divide(1, 0)).

mean_test() ->
    ?assertThrow(empty, calc:mean([])),
    ?assertException(throw, empty, calc:mean([])),
    ?assertNotException(throw, empty, calc:mean([1, 2])).

fact_test_() ->
    [?_assertEqual(1, calc:fact(0)),
     ?_assertEqual(120, calc:fact(5)),
     ?_assertError(function_clause, calc:fact(-1)),
     ?_assertNotEqual(0, calc:fact(3))].

parse_test_() ->
    {"parsing sums",
     [?_assertMatch({ok, 3}, calc:parse("1+2")),
      ?_assertMatch({ok, N} when N > 10, calc:parse("7+8")),
      ?_assertNotMatch({ok, _}, calc:parse("1-2")),
      ?_test(?assertEqual({error, not_a_number}, calc:parse("a+1")))]}.

lazy_test_() -> lazy(3).

lazy(0) -> [];
lazy(N) ->
    {generator, fun () -> [?_assert(calc:fact(N) >= N) | lazy(N - 1)] end}.

with_test_() ->
    {with, 4, [fun (X) -> ?assertEqual(8, calc:add(X, X)) end,
               fun (X) -> ?assertEqual(16, calc:mul(X, X)) end]}.

utility_test() ->
    ?assertEqual(6, ?LET(X, 3, calc:add(X, X))),
    ?assertEqual(yes, ?IF(calc:add(1, 1) =:= 2, yes, no)).

inorder_test_() ->
    {inorder, [?_assertEqual(I * 2, calc:add(I, I)) || I <- lists:seq(1, 3)]}.

timeout_test_() ->
    {timeout, 10, [?_assertEqual(3, calc:add(1, 2))]}.

inparallel_test_() ->
    {inparallel, [?_assertEqual(4, calc:mul(2, 2)), ?_assertEqual(9, calc:mul(3, 3))]}.
