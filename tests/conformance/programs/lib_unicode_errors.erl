-module(lib_unicode_errors).
-export([main/0]).

%% Arguments the unicode module rejects: what is not chardata, unknown encodings, and the
%% byte order mark functions' function_clause. Only the error reason is printed (OTP's
%% functions are Erlang code, so their stack frames are not comparable).
main() ->
    Data = [foo, 1, 1.5, {a}, self(), [foo], [$a | foo], [[$a, {}]], <<1:1>>,
            [<<"a">>, <<1:7>>], [$a | <<1:1>>], [<<255>>, foo], [-1, foo], [$a, [<<"b">> | bar]],
            #{}, [#{}], fun() -> ok end],
    Calls = [
        {characters_to_list, fun(D) -> unicode:characters_to_list(D) end},
        {characters_to_list_latin1, fun(D) -> unicode:characters_to_list(D, latin1) end},
        {characters_to_list_utf16, fun(D) -> unicode:characters_to_list(D, utf16) end},
        {characters_to_binary, fun(D) -> unicode:characters_to_binary(D) end},
        {characters_to_binary_latin1, fun(D) -> unicode:characters_to_binary(D, latin1) end},
        {characters_to_binary_utf32, fun(D) -> unicode:characters_to_binary(D, {utf32, little}) end},
        {characters_to_binary_to_latin1, fun(D) -> unicode:characters_to_binary(D, utf8, latin1) end},
        {characters_to_binary_latin1_latin1, fun(D) -> unicode:characters_to_binary(D, latin1, latin1) end},
        {characters_to_binary_to_utf16, fun(D) -> unicode:characters_to_binary(D, utf8, utf16) end},
        {nfc_list, fun(D) -> unicode:characters_to_nfc_list(D) end},
        {nfd_binary, fun(D) -> unicode:characters_to_nfd_binary(D) end}
    ],
    lists:foreach(fun({Name, F}) ->
        p({Name, [reason(fun() -> F(D) end) || D <- Data]})
    end, Calls),
    BadEnc = [foo, "utf8", {utf16, middle}, {utf8, big}, {utf16}, {utf32, big, x}, 8, 'UTF-8', {latin1, big}],
    lists:foreach(fun(E) ->
        p({E, reason(fun() -> unicode:characters_to_list("abc", E) end),
              reason(fun() -> unicode:characters_to_list([], E) end),
              reason(fun() -> unicode:characters_to_binary(<<"abc">>, E) end),
              reason(fun() -> unicode:characters_to_binary("abc", E, utf8) end),
              reason(fun() -> unicode:characters_to_binary("abc", utf8, E) end),
              reason(fun() -> unicode:characters_to_binary(<<"abc">>, latin1, E) end),
              reason(fun() -> unicode:characters_to_binary(<<"abc">>, E, latin1) end),
              reason(fun() -> unicode:encoding_to_bom(E) end)})
    end, BadEnc),
    %% Data returned untouched when no conversion is needed, whatever it holds.
    p(unicode:characters_to_binary(<<255, 0>>, latin1, latin1)),
    p(unicode:characters_to_binary(<<"abc">>, latin1, unicode)),
    p(unicode:characters_to_binary(<<"abc">>, utf8, latin1)),
    p(reason(fun() -> unicode:characters_to_binary(foo, latin1, latin1) end)),
    %% Byte order marks.
    Boms = [<<239, 187, 191, "x">>, <<239, 187>>, <<0, 0, 254, 255>>, <<0, 0, 254>>, <<255, 254, 0, 0, 1>>,
            <<255, 254, 0>>, <<254, 255>>, <<255, 254>>, <<255>>, <<>>, <<"abc">>],
    [p({B, unicode:bom_to_encoding(B)}) || B <- Boms],
    p([reason(fun() -> unicode:bom_to_encoding(X) end) || X <- [foo, "abc", <<239, 187, 191, 1:1>>, <<1:1>>]]),
    Encs = [latin1, unicode, utf8, utf16, {utf16, big}, {utf16, little}, utf32, {utf32, big}, {utf32, little}],
    [p({E, unicode:encoding_to_bom(E)}) || E <- Encs],
    [p({E, unicode:bom_to_encoding(unicode:encoding_to_bom(E))}) || E <- Encs],
    p(unicode:bin_is_7bit(<<"abc">>)),
    p(unicode:bin_is_7bit(<<"abc", 200>>)),
    p(unicode:bin_is_7bit(abc)),
    ok.

reason(F) ->
    try F() of
        V -> {ok, V}
    catch
        error:R -> {error, R}
    end.

p(X) -> io:format("~w~n", [X]).
