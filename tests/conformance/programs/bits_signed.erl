-module(bits_signed).
-export([main/0]).

main() ->
    B = <<255, 128, 127, 0>>,
    <<A1/signed, A2/signed, A3/signed, A4/signed>> = B,
    io:format("signed bytes: ~p ~p ~p ~p~n", [A1, A2, A3, A4]),
    <<U1/unsigned, U2/unsigned, U3, U4>> = B,
    io:format("unsigned bytes: ~p ~p ~p ~p~n", [U1, U2, U3, U4]),
    <<S16:16/signed>> = <<16#FFFE:16>>,
    io:format("signed 16: ~p~n", [S16]),
    <<S4:4/signed, S4b:4/signed>> = <<16#87>>,
    io:format("signed nibbles: ~p ~p~n", [S4, S4b]),
    <<S1:1/signed, _:7>> = <<128>>,
    io:format("signed 1 bit: ~p~n", [S1]),
    <<S64:64/signed>> = <<-5:64>>,
    io:format("signed 64: ~p~n", [S64]),
    <<S100:100/signed>> = <<-12345678901234567890:100>>,
    io:format("signed 100: ~p~n", [S100]),
    <<SL:32/little-signed>> = <<-2:32/little>>,
    io:format("signed little 32: ~p~n", [SL]),
    io:format("construct negative: ~p~n", [<<-2:8/signed, -2:8/unsigned>>]),
    io:format("construct -128: ~p~n", [<<-128:8>>]),
    io:format("construct -129: ~p~n", [<<-129:8>>]),
    io:format("construct 3 bits -1: ~p~n", [<<-1:3>>]),
    ok.
