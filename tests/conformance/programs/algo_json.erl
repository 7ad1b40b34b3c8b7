-module(algo_json).
-export([main/0]).

main() ->
    Doc = #{<<"name">> => <<"ember">>,
            <<"version">> => [0, 1, 0],
            <<"stable">> => false,
            <<"ratio">> => 0.75,
            <<"tags">> => [<<"vm">>, <<"erlang">>, <<"rust">>],
            <<"nested">> => #{<<"empty_list">> => [], <<"empty_obj">> => #{}, <<"nothing">> => null},
            <<"quote">> => <<"say \"hi\"\n">>},
    Json = iolist_to_binary(encode(Doc)),
    io:format("~s~n", [Json]),
    io:format("size: ~p~n", [byte_size(Json)]),
    {Decoded, <<>>} = decode(Json),
    io:format("round trip: ~p~n", [Decoded =:= Doc]),
    io:format("decoded: ~p~n", [Decoded]),
    ok.

encode(null) -> <<"null">>;
encode(true) -> <<"true">>;
encode(false) -> <<"false">>;
encode(N) when is_integer(N) -> integer_to_binary(N);
encode(F) when is_float(F) -> float_to_binary(F, [short]);
encode(B) when is_binary(B) -> [$", escape(B), $"];
encode(L) when is_list(L) -> [$[, lists:join($,, [encode(X) || X <- L]), $]];
encode(M) when is_map(M) ->
    Pairs = [[encode(K), $:, encode(V)] || {K, V} <- lists:sort(maps:to_list(M))],
    [${, lists:join($,, Pairs), $}].

escape(B) -> << <<(esc(C))/binary>> || <<C>> <= B >>.
esc($") -> <<"\\\"">>;
esc($\\) -> <<"\\\\">>;
esc($\n) -> <<"\\n">>;
esc(C) -> <<C>>.

decode(<<"null", R/binary>>) -> {null, R};
decode(<<"true", R/binary>>) -> {true, R};
decode(<<"false", R/binary>>) -> {false, R};
decode(<<$", R/binary>>) -> string(R, <<>>);
decode(<<$[, $], R/binary>>) -> {[], R};
decode(<<$[, R/binary>>) -> array(R, []);
decode(<<${, $}, R/binary>>) -> {#{}, R};
decode(<<${, R/binary>>) -> object(R, #{});
decode(B) -> number(B, <<>>).

string(<<$", R/binary>>, Acc) -> {Acc, R};
string(<<$\\, $n, R/binary>>, Acc) -> string(R, <<Acc/binary, $\n>>);
string(<<$\\, C, R/binary>>, Acc) -> string(R, <<Acc/binary, C>>);
string(<<C, R/binary>>, Acc) -> string(R, <<Acc/binary, C>>).

array(B, Acc) ->
    {V, R} = decode(B),
    case R of
        <<$,, R2/binary>> -> array(R2, [V | Acc]);
        <<$], R2/binary>> -> {lists:reverse([V | Acc]), R2}
    end.

object(B, Acc) ->
    {K, <<$:, R/binary>>} = decode(B),
    {V, R2} = decode(R),
    case R2 of
        <<$,, R3/binary>> -> object(R3, Acc#{K => V});
        <<$}, R3/binary>> -> {Acc#{K => V}, R3}
    end.

number(<<C, R/binary>>, Acc) when C >= $0, C =< $9; C =:= $-; C =:= $.; C =:= $e ->
    number(R, <<Acc/binary, C>>);
number(R, Acc) ->
    case lists:member($., binary_to_list(Acc)) of
        false -> {binary_to_integer(Acc), R};
        true -> {binary_to_float(Acc), R}
    end.
