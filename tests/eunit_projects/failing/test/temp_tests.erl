-module(temp_tests).
-include_lib("eunit/include/eunit.hrl").
-export([wait/0]).

boiling_test() -> ?assertEqual(212.0, temp:c_to_f(100)).

freezing_test() -> ?assertEqual(0.0, temp:f_to_c(32)).

wait() -> temp:wait_for_reading().

sensor_test_() -> {timeout, 1, {test, ?MODULE, wait}}.
