-module(bits_types).
-export([main/0]).

main() ->
    io:format("integer: ~p~n", [<<42/integer>>]),
    io:format("float64: ~p~n", [<<1.5/float>>]),
    io:format("float32: ~p~n", [<<1.5:32/float>>]),
    io:format("float16: ~p~n", [<<1.5:16/float>>]),
    io:format("float int arg: ~p~n", [<<3:64/float>>]),
    <<F64/float>> = <<1.5/float>>,
    <<F32:32/float>> = <<0.1:32/float>>,
    <<F16:16/float>> = <<2.5:16/float>>,
    io:format("floats back: ~p ~p ~p~n", [F64, F32, F16]),
    io:format("binary: ~p~n", [<<(<<"xy">>)/binary>>]),
    io:format("bytes: ~p~n", [<<(<<"xy">>)/bytes>>]),
    io:format("bitstring: ~p~n", [<<(<<1:3>>)/bitstring, 1:5>>]),
    io:format("bits: ~p~n", [<<(<<1:3>>)/bits>>]),
    <<Bin:2/binary, Rest/binary>> = <<"hello">>,
    io:format("binary split: ~p ~p~n", [Bin, Rest]),
    <<Bits:3/bits, More/bits>> = <<255>>,
    io:format("bits split: ~p ~p~n", [Bits, More]),
    <<I/integer, _/binary>> = <<200, 1>>,
    io:format("default integer: ~p~n", [I]),
    io:format("binary of unaligned: ~p~n", [try <<(id(<<1:3>>))/binary>> catch error:E -> E end]),
    io:format("float nan match: ~p~n", [case <<16#7FF8000000000000:64>> of <<F/float>> -> F; _ -> no_match end]),
    io:format("float inf match: ~p~n", [case <<16#7FF0000000000000:64>> of <<F2/float>> -> F2; _ -> no_match end]),
    io:format("unit binary: ~p~n", [<<(<<"abcd">>):2/binary-unit:16>>]),
    io:format("bad float: ~p~n", [try <<(id(a))/float>> catch error:E2 -> E2 end]),
    io:format("integer from float: ~p~n", [try <<(id(1.5))/integer>> catch error:E3 -> E3 end]),
    io:format("binary size mismatch: ~p~n", [try <<(id(<<"abc">>)):2/binary>> catch error:E4 -> E4 end]),
    ok.

id(X) -> X.
