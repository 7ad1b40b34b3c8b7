-module(temp).
-export([c_to_f/1, f_to_c/1, wait_for_reading/0]).

c_to_f(C) -> C * 9 / 5 + 32.
f_to_c(F) -> (F - 32) * 5 / 9.

%% Waits for a sensor reading that never comes.
wait_for_reading() ->
    receive
        {reading, R} -> R
    end.
