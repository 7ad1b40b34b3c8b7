-module(wish_float_corners).
-export([main/0]).

main() ->
    Fs = [5.0e-324, 1.0e-323, 2.2250738585072014e-308, 2.225073858507201e-308,
          1.7976931348623157e308, 1.7976931348623155e308, 0.1, 1.0e23, 9.5e-5,
          123456789012345680.0, 0.30000000000000004, 4.9e-324, 1.0e-5, 1.0e21, 1.0e22,
          -5.0e-324, 8.98846567431158e307, 2.0e-7, 3.0e-6],
    [begin
         io:format("~w~n", [F]),
         io:format("  ~~e=~e ~~.10e=~.10e ~~.17e=~.17e~n", [F, F, F]),
         io:format("  ~~g=~g ~~.10g=~.10g ~~.17g=~.17g~n", [F, F, F]),
         io:format("  ~~f=~f ~~.3f=~.3f~n", [F, F]),
         io:format("  list=~s short=~s~n", [float_to_list(F), float_to_list(F, [short])]),
         io:format("  sci=~s dec=~p~n", [float_to_list(F, [{scientific, 15}]), dec(F)])
     end || F <- Fs],
    io:format("~.1g ~.2g ~.3g~n", [0.000123456, 0.000123456, 0.000123456]),
    io:format("~g ~g ~g ~g ~g~n", [0.1, 1.0, 10.0, 1.0e5, 1.0e6]),
    io:format("~.50f~n", [5.0e-324]),
    io:format("~.20e~n", [1.0 / 3]),
    io:format("~p~n", [dec(1.0e308)]),
    io:format("~p~n", [try float_to_list(id(1.0e308), [{decimals, 2}]) catch error:R -> R end]),
    io:format("~s~n", [float_to_list(1.0e200, [{decimals, 2}])]),
    io:format("~p~n", [float_to_binary(5.0e-324, [{scientific, 20}])]),
    io:format("~p~n", [list_to_float("1.7976931348623158e308")]),
    io:format("~p~n", [list_to_float("2.4703282292062328e-324")]),
    io:format("~p~n", [list_to_float("0.000000000000000000000000000001")]),
    ok.

id(X) -> X.

dec(F) ->
    try float_to_list(F, [{decimals, 20}, compact]) catch error:R -> {error, R} end.
