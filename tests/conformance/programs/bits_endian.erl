-module(bits_endian).
-export([main/0]).

main() ->
    io:format("big 16: ~p~n", [<<16#0102:16/big>>]),
    io:format("little 16: ~p~n", [<<16#0102:16/little>>]),
    io:format("big 32: ~p~n", [<<16#01020304:32>>]),
    io:format("little 32: ~p~n", [<<16#01020304:32/little>>]),
    io:format("little 24: ~p~n", [<<16#010203:24/little>>]),
    io:format("little 12: ~p~n", [<<16#ABC:12/little>>]),
    io:format("little 64: ~p~n", [<<1:64/little>>]),
    <<L16:16/little>> = <<1, 2>>,
    <<B16:16/big>> = <<1, 2>>,
    io:format("match 16: ~p ~p~n", [L16, B16]),
    <<L32:32/little-unsigned-integer>> = <<1, 0, 0, 128>>,
    io:format("match little 32: ~p~n", [L32]),
    io:format("float little: ~p~n", [<<1.0:64/float-little>>]),
    io:format("float big: ~p~n", [<<1.0:64/float-big>>]),
    <<FL:32/float-little>> = <<0, 0, 128, 63>>,
    io:format("float little match: ~p~n", [FL]),
    io:format("little signed: ~p~n", [<<-1:16/little-signed>>]),
    io:format("little odd: ~p~n", [<<16#123456:20/little>>]),
    <<X:20/little>> = <<16#123456:20/little>>,
    io:format("little odd back: ~p~n", [X]),
    io:format("utf16 little: ~p~n", [<<$A/utf16-little, 16#263A/utf16-little>>]),
    io:format("utf32 little: ~p~n", [<<$A/utf32-little>>]),
    ok.
