-module(format_floats).
-export([main/0]).

main() ->
    Fs = [0.0, 1.0, -1.0, 3.14159265, 0.1, 2.5, 1234.5678, 1.0e10, 1.0e-10, -0.000123, 123456789.0, 0.5, 1.5, 0.05],
    [io:format("~w: f=~f .2f=~.2f .1f=~.1f e=~e .3e=~.3e g=~g .3g=~.3g~n",
               [F, F, F, F, F, F, F, F]) || F <- Fs],
    io:format("~.1f ~.1f ~.1f ~.1f~n", [0.05, 0.15, 0.25, 0.35]),
    io:format("~.2f ~.2f ~.2f~n", [1.005, 2.675, 1.115]),
    io:format("zero precision: ~p~n", [try io_lib:format("~.0f", [id(0.5)]) catch error:R0 -> R0 end]),
    io:format("~.10f~n", [1 / 3]),
    io:format("~.20f~n", [0.1]),
    io:format("~.2e ~.3e~n", [9.96, 9.996]),
    io:format("e precision one: ~p~n", [try io_lib:format("~.1e", [id(9.96)]) catch error:R1 -> R1 end]),
    io:format("~e~n", [1.0e100]),
    io:format("~e~n", [1.0e-100]),
    io:format("~g ~g ~g ~g~n", [0.0001, 0.1, 10000.0, 1.0e6]),
    io:format("~g ~g~n", [123456.0, 1234567.0]),
    io:format("integer to ~~f: ~p~n", [try io_lib:format("~f", [id(100)]) catch error:R2 -> R2 end]),
    io:format("~.2f~n", [1.0e20]),
    io:format("~f~n", [-0.0]),
    io:format("~p~n", [try io_lib:format("~f", [id(abc)]) catch error:R -> R end]),
    ok.

id(X) -> X.
