-module(lib_unicode_encodings).
-export([main/0]).

%% unicode:characters_to_binary/2,3 and characters_to_list/2 with UTF-16 and UTF-32 (both
%% byte orders) and with Latin-1 as the output: the conversions OTP does in Erlang code, whose
%% error and incomplete results have shapes of their own.
main() ->
    Encs = [latin1, unicode, utf8, utf16, {utf16, big}, {utf16, little}, utf32, {utf32, big}, {utf32, little}],
    Text = [$a, 16#E9, 16#20AC, 16#1F600, $z],
    %% Round trips through every encoding.
    lists:foreach(fun(E) ->
        B = t(fun() -> unicode:characters_to_binary(Text, unicode, E) end),
        p({E, B}),
        case is_binary(B) of
            true ->
                p(t(fun() -> unicode:characters_to_list(B, E) end)),
                p(t(fun() -> unicode:characters_to_binary(B, E) end)),
                p(t(fun() -> unicode:characters_to_binary(B, E, utf8) end)),
                p(t(fun() -> unicode:characters_to_binary([B], E, {utf32, little}) end));
            false -> ok
        end
    end, Encs),
    p(unicode:characters_to_binary("abc\x{e9}", unicode, latin1)),
    p(unicode:characters_to_binary("abc\x{e9}", latin1, latin1)),
    p(unicode:characters_to_binary([<<"ab">>, 200, [<<"c">>]], latin1, utf16)),
    p(unicode:characters_to_binary(<<"abc", 200>>, latin1, utf8)),
    %% Bad data and cut-off characters in each input encoding.
    Bad = [
        {utf16, <<0, $a, 16#D8, 16#00>>}, {utf16, <<0, $a, 16#D8>>}, {utf16, <<0, $a, 16#DC, 0, 0, $b>>},
        {utf16, <<0, $a, 16#D8, 0, 16#DC>>}, {utf16, <<0, $a, 16#D8, 0, 0, $b>>}, {utf16, <<0>>},
        {utf16, <<16#DC>>}, {utf16, <<16#DA>>}, {utf16, <<16#D8, 0, 16#DB>>},
        {{utf16, little}, <<$a, 0, 0>>}, {{utf16, little}, <<$a, 0, 0, 16#D8>>},
        {{utf16, little}, <<$a, 0, 0, 16#D8, 0>>}, {{utf16, little}, <<0, 16#DC, $a, 0>>},
        {{utf16, little}, <<0, 16#D8, $a, 0>>},
        {utf32, <<0, 0, 0, $a, 0>>}, {utf32, <<0, 0, 0, $a, 0, 16#11>>}, {utf32, <<0, 0, 0, $a, 0, 16#10>>},
        {utf32, <<0, 0, 0, $a, 0, 0, 16#D8>>}, {utf32, <<0, 0, 0, $a, 0, 0, 16#E0>>},
        {utf32, <<0, 0, 0, $a, 0, 16#11, 0, 0>>}, {utf32, <<0, 0, 16#D8, 0>>}, {utf32, <<1>>},
        {{utf32, little}, <<$a, 0, 0, 0, 1>>}, {{utf32, little}, <<$a, 0, 0, 0, 1, 2>>},
        {{utf32, little}, <<$a, 0, 0, 0, 16#FE, 16#FF, 0>>}, {{utf32, little}, <<$a, 0, 0, 0, 0, 16#D8, 0>>},
        {{utf32, little}, <<$a, 0, 0, 0, 0, 0, 16#11>>}, {{utf32, little}, <<0, 0, 16#11, 0>>},
        {utf8, <<"a", 16#E2, 16#82>>}, {utf8, <<"a", 255>>}, {latin1, <<"a", 255>>}
    ],
    lists:foreach(fun({E, B}) ->
        p({E, B}),
        p(t(fun() -> unicode:characters_to_list(B, E) end)),
        p(t(fun() -> unicode:characters_to_binary(B, E) end)),
        p(t(fun() -> unicode:characters_to_binary([B, <<0, 0, 0, $z>>], E, utf8) end)),
        p(t(fun() -> unicode:characters_to_binary([[B], $x], E, latin1) end)),
        p(t(fun() -> unicode:characters_to_binary([$x | B], E, {utf16, little}) end))
    end, Bad),
    %% Characters cut between binaries and lists.
    Cut = [
        {utf16, [<<0>>, <<$a>>]}, {utf16, [<<0>>, [<<$a, 0>>], <<$b>>]}, {utf16, [<<16#D8, 16#3D>>, <<16#DE, 16#00>>]},
        {utf16, [<<16#D8>>, <<16#3D, 16#DE>>, <<16#00>>]}, {utf16, [<<16#D8, 16#3D>>, $x]},
        {utf16, [<<0>>, $x]}, {utf16, [<<0>>]}, {utf16, [<<0>> | <<$a>>]}, {utf16, [<<0>> | <<>>]},
        {utf16, [<<16#D8>> | <<0>>]}, {utf16, [<<16#D8>> | <<0, 16#DC, 0>>]},
        {utf16, [[<<0>>], [], [<<$a, 0>>, $b]]}, {utf16, [<<16#D8, 0>>, <<0, $a>>]},
        {{utf16, little}, [<<$a>>, <<0>>]}, {{utf16, little}, [<<$a>>, <<16#D8>>]},
        {{utf16, little}, [<<0, 16#D8>>, <<0, 16#DC>>]}, {{utf16, little}, [<<0, 16#D8, 0>>, <<16#DC, $a>>]},
        {utf32, [<<0, 0>>, <<0, $a>>]}, {utf32, [<<0>>, <<0>>, <<0>>, <<$a>>]}, {utf32, [<<0, 0, 0>>, <<$a, 0>>]},
        {utf32, [<<0, 0, 0>>, 16#41]}, {{utf32, little}, [<<$a, 0>>, <<0, 0>>]},
        {utf32, [<<0, 0>> | <<0, $a, 0, 0>>]}, {utf32, [<<0, 0, 0, $a, 0, 0>>, <<0, $b>>]}
    ],
    lists:foreach(fun({E, D}) ->
        p({E, D}),
        p(t(fun() -> unicode:characters_to_list(D, E) end)),
        p(t(fun() -> unicode:characters_to_binary(D, E, utf8) end)),
        p(t(fun() -> unicode:characters_to_binary(D, E, latin1) end))
    end, Cut),
    %% Integers in the data are code points whatever the input encoding.
    Ints = [[$a, 16#D800], [$a, 16#110000], [$a, -1], [$a, 1 bsl 64], [$a, -(1 bsl 64)], [$a, 256],
            [$a, [$b, [16#110000, $c]], $d], [[[[-1]]]], [<<0, $a>>, 16#DFFF, <<0, $b>>]],
    lists:foreach(fun(I) ->
        p(I),
        [p({E, t(fun() -> unicode:characters_to_binary(I, unicode, E) end),
               t(fun() -> unicode:characters_to_binary(I, E) end),
               t(fun() -> unicode:characters_to_list(I, E) end)}) || E <- Encs]
    end, Ints),
    p(unicode:characters_to_binary("abc" ++ [1114112], unicode, latin1)),
    p(unicode:characters_to_binary([256], unicode, latin1)),
    p(unicode:characters_to_binary([<<"ab">>, 256, $c], utf8, latin1)),
    p(unicode:characters_to_binary([<<"ab", 16#C4, 16#80, "cd">>], utf8, latin1)),
    p(unicode:characters_to_binary([$a, [<<"b", 16#C4, 16#80>>, $c], $d], utf8, latin1)),
    p(unicode:characters_to_binary(<<0, 0, 1, 0>>, utf32, latin1)),
    p(unicode:characters_to_binary(<<1, 0>>, {utf16, little}, latin1)),
    %% Binaries longer than 8192 bytes are converted in pieces.
    Long = binary:copy(<<0, $a>>, 5000),
    p(byte_size(unicode:characters_to_binary(Long, utf16))),
    p(unicode:characters_to_list(<<Long/binary, 16#DC, 0>>, utf16) =:= {error, lists:duplicate(5000, $a), <<16#DC, 0>>}),
    {error, E1, R1} = unicode:characters_to_binary(<<(binary:copy(<<0, $a>>, 3000))/binary, 16#DC, 0, 0, $b>>, utf16),
    p({byte_size(E1), R1}),
    {error, E2, R2} = unicode:characters_to_binary([<<(binary:copy(<<0, $a>>, 4000))/binary, 16#DC, 0, 0, $b, 0, $c>>, $d], utf16),
    p({byte_size(E2), R2}),
    {error, E3, R3} = unicode:characters_to_binary([<<(binary:copy(<<0, $a>>, 4000))/binary, 16#DC, 0, 0, $b, 0, $c>>, $d], utf16, utf8),
    p({byte_size(E3), R3}),
    Odd = <<(binary:copy(<<0, $a>>, 4096))/binary, 0, $b, 16#D8, 16#3D, 16#DE, 0>>,
    p(unicode:characters_to_binary(<<0, $x, Odd/binary>>, utf16, utf8) =:= <<"x", (binary:copy(<<"a">>, 4096))/binary, "b", 16#1F600/utf8>>),
    {error, E4, R4} = unicode:characters_to_binary(<<0, $x, Odd/binary, 16#DC, 0>>, utf16, utf8),
    p({byte_size(E4), R4}),
    ok.

t(F) ->
    try F() catch error:R -> {caught, R} end.

p(X) -> io:format("~w~n", [X]).
