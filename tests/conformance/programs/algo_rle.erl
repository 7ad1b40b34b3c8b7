-module(algo_rle).
-export([main/0]).

main() ->
    Inputs = ["aaabbbcccd", "abcd", "", "zzzzzzzzzzzz", "aabbaa"],
    [begin
         E = encode(S),
         io:format("~p -> ~p -> ~p~n", [S, E, decode(E)])
     end || S <- Inputs],
    B = <<"WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW">>,
    EB = bin_encode(B),
    io:format("binary rle: ~p~n", [EB]),
    io:format("binary back ok: ~p~n", [bin_decode(EB) =:= B]),
    io:format("ratio: ~.3f~n", [byte_size(EB) / byte_size(B)]),
    io:format("text form: ~s~n", [text(encode(binary_to_list(B)))]),
    ok.

encode([]) -> [];
encode([C | T]) -> encode(T, C, 1, []).
encode([C | T], C, N, Acc) -> encode(T, C, N + 1, Acc);
encode([D | T], C, N, Acc) -> encode(T, D, 1, [{C, N} | Acc]);
encode([], C, N, Acc) -> lists:reverse([{C, N} | Acc]).

decode(Pairs) -> lists:flatmap(fun({C, N}) -> lists:duplicate(N, C) end, Pairs).

bin_encode(<<>>) -> <<>>;
bin_encode(<<C, Rest/binary>>) -> bin_encode(Rest, C, 1, <<>>).
bin_encode(<<C, Rest/binary>>, C, N, Acc) when N < 255 -> bin_encode(Rest, C, N + 1, Acc);
bin_encode(<<D, Rest/binary>>, C, N, Acc) -> bin_encode(Rest, D, 1, <<Acc/binary, N, C>>);
bin_encode(<<>>, C, N, Acc) -> <<Acc/binary, N, C>>.

bin_decode(B) -> << <<(list_to_binary(lists:duplicate(N, C)))/binary>> || <<N, C>> <= B >>.

text(Pairs) -> lists:flatten([integer_to_list(N) ++ [C] || {C, N} <- Pairs]).
