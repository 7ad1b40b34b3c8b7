%% erlang:decode_packet/3 for raw, 1, 2, 4 and line framing: whole packets with what
%% follows, {more, Length} when a packet is not all there, packet_size and line_length
%% limits, and badarg for options not understood.
-module(lib_decode_packet).
-export([main/0]).
main() ->
    D = fun(T, B, O) -> erlang:decode_packet(T, B, O) end,
    Cases = [{raw, <<"abc">>, []}, {0, <<>>, []}, {1, <<3,"abcd">>, []}, {1, <<5,"ab">>, []},
             {2, <<0,2,"hi!">>, []}, {4, <<0,0,0,1,"x">>, []}, {4, <<0,0>>, []}, {line, <<"ab\ncd">>, []},
             {line, <<"abc">>, []}, {line, <<"abcdef\n">>, [{line_length, 3}]}, {1, <<3,"abcd">>, [{packet_size, 2}]},
             {2, <<0,2,"hi!">>, [{packet_size, 1}]}, {line, <<"abcdef">>, [{line_length, 3}]},
             {line, <<"ab">>, [{line_length, 3}]}, {raw, <<>>, []}, {1, <<0>>, []}, {2, <<0,5,"ab">>, []},
             {4, <<0,0,0,9,"ab">>, []}, {line, <<"\n">>, []}, {line, <<"abc\r\n">>, []},
             {line, <<"a;b">>, [{line_delimiter, $;}]}],
    [io:format("~p~n", [D(T, B, O)]) || {T, B, O} <- Cases],
    [io:format("~p~n", [try D(T, B, O) catch error:E -> E end]) || {T, B, O} <- [{1, <<"x">>, [bogus]}, {1, notbin, []}, {foo, <<>>, []}]],
    ok.
