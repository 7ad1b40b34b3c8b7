%% base64: encoding, decoding (whitespace, padding, the mime variant) and its errors.
-module(lib_base64).
-export([main/0]).
p(L, X) -> io:format("~s: ~p~n", [L, try X() catch error:R -> {error_raised, R} end]).
main() ->
    [p("encode " ++ io_lib:format("~w", [B]), fun() -> base64:encode(B) end)
     || B <- [<<>>, <<"f">>, <<"fo">>, <<"foo">>, <<"foob">>, <<"fooba">>, <<"foobar">>, <<255, 254, 253>>, "hello", [0, 255]]],
    p("encode_to_string", fun() -> base64:encode_to_string(<<"hello!">>) end),
    [p("decode " ++ S, fun() -> base64:decode(S) end)
     || S <- ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy", "aGVs\nbG8=", " aGVsbG8= ", "aGVs bG8=\r\n"]],
    p("decode binary", fun() -> base64:decode(<<"aGVsbG8=">>) end),
    p("decode_to_string", fun() -> base64:decode_to_string("aGVsbG8=") end),
    p("mime_decode", fun() -> base64:mime_decode("aGV$sbG8=") end),
    p("mime_decode padding inside", fun() -> base64:mime_decode("aGVs=bG8=") end),
    p("mime_decode_to_string", fun() -> base64:mime_decode_to_string(<<"aGVs bG8=">>) end),
    p("round trip", fun() -> B = list_to_binary(lists:seq(0, 255)), base64:decode(base64:encode(B)) =:= B end),
    p("decode bad character", fun() -> base64:decode("a$bc") end),
    p("decode = inside", fun() -> base64:decode("aG=sbG8=") end),
    p("encode not a binary", fun() -> base64:encode(1) end).
