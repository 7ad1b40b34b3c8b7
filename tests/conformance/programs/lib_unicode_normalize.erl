-module(lib_unicode_normalize).
-export([main/0]).

%% Unicode normalization (characters_to_nf[k]{c,d}_{list,binary}/1) as OTP 25 does it: one
%% grapheme cluster at a time, with Unicode 14 data, including where OTP's composition
%% differs from the standard's, and the shape of the rest when bad data stops it.
main() ->
    Cases = [
        "abc", [], <<>>, <<"abc">>, "\x{e9}", [$e, 16#301], <<"e", 16#CC, 16#81>>, [16#212B], [16#1E9B, 16#323],
        [$a, 16#328, 16#301], [$a, 16#301, 16#328], [16#FB01], "\x{2075}\x{00bd}", [16#FF76, 16#FF9E],
        [16#1100, 16#1161, 16#11A8], [16#AC01], [16#1100, 16#1161], [16#1100, 16#1161, 16#11A7], [16#1100, 16#1161, 16#11A8, 16#301],
        [16#1100, 16#300, 16#1161], [16#3300], [16#00A0, 16#00B5, 16#00C5], [16#0344], [16#0F73, 16#0F75],
        [$A, 16#0DDF, 16#30A], [$a, 16#0CCA], [16#0CC6, 16#0CC2], [16#112, 16#0CCA], [16#FF76, 16#0B56, 16#FF9E],
        [$\r, $\n, 16#300], [$\n, 16#301, 16#300], [16#1F468, 16#200D, 16#1F469], [16#1F1FA, 16#1F1F8, 16#1F1FA],
        [16#0915, 16#094D, 16#0928, 16#093C], [16#0928, 16#093C], [16#1D15E, 16#1D165], [16#1D160],
        [16#2126, 16#212B, 16#2160, 16#33A1], [16#16D68], [16#1E9E, 16#DF, 16#130],
        [<<"a">>, [16#301, <<"b", 16#CC, 16#88>>] | <<"c">>],
        [-1, 778], [97, -1, 778], [97, 1 bsl 70], [97, 16#D800, 778], [16#110000],
        [97 | <<255>>], [[97 | <<255>>], 98], [1000, <<255>>, $x], [[1000, <<255>>, $x], $y],
        [<<255>>, foo], [[[<<"x">>, [<<255>>, 1], 2], 3], 4], [<<"abc">>, [<<"d", 255>>, $e]],
        <<"e", 16#CC, 16#81, 255>>, [<<16#E2>>, <<16#82, 16#AC>>], [<<16#E2>>], [$a, 778, <<255>>],
        [<<"a">>, 778, <<255>>, $b], [$a, <<255>>, $b], [[$a, <<"b", 255, "c">>] | <<"d">>],
        [$\r, <<255>>], <<"\r", 255>>, [$\r, <<"\n", 255>>], [<<"a\r">>, <<255>>], [$\r | <<"\n">>],
        [$a, foo], [<<1:1>>], [$a | foo], foo, 1
    ],
    lists:foreach(fun(C) ->
        p({C, [t(fun() -> unicode:F(C) end) || F <- [characters_to_nfc_list, characters_to_nfd_list,
                                                    characters_to_nfkc_list, characters_to_nfkd_list]]}),
        p([t(fun() -> unicode:F(C) end) || F <- [characters_to_nfc_binary, characters_to_nfd_binary,
                                                 characters_to_nfkc_binary, characters_to_nfkd_binary]])
    end, Cases),
    %% Every code point on its own: how many each form changes, and a digest of the changes.
    Cps = lists:seq(0, 16#D7FF) ++ lists:seq(16#E000, 16#10FFFF),
    lists:foreach(fun(F) ->
        Changed = [{C, R} || C <- Cps, (R = unicode:F([C])) =/= [C]],
        p({F, length(Changed), erlang:phash2(Changed)})
    end, [characters_to_nfc_list, characters_to_nfd_list, characters_to_nfkc_list, characters_to_nfkd_list]),
    %% Strings made from characters that compose, reorder or join clusters.
    Strs = strings(12345, 3000, []),
    lists:foreach(fun(F) ->
        p({F, erlang:phash2([unicode:F(S) || S <- Strs])})
    end, [characters_to_nfc_list, characters_to_nfd_list, characters_to_nfkc_list, characters_to_nfkd_binary]),
    Long = lists:append(lists:duplicate(500, [$a, 16#301, 16#AC01, 16#FB01])),
    p(length(unicode:characters_to_nfc_list(Long))),
    p(byte_size(unicode:characters_to_nfkd_binary(Long))),
    ok.

pool() ->
    {$a, $e, $A, $\r, $\n, $\s, 16#300, 16#301, 16#308, 16#30A, 16#323, 16#327, 16#328, 16#31B, 16#345,
     16#5B0, 16#5B8, 16#1100, 16#1161, 16#11A8, 16#11A7, 16#AC00, 16#AC01, 16#0915, 16#093C, 16#0903,
     16#094D, 16#0BC6, 16#0BBE, 16#0CC6, 16#0CD5, 16#0CC2, 16#0DD9, 16#0DCF, 16#200D, 16#1F600, 16#1F1E6,
     16#FB01, 16#2126, 16#212B, 16#1E0A, 16#00C5, 16#03D3, 16#0344, 16#0F73, 16#3099, 16#304B, 16#FF76,
     16#FF9E, 16#00A0, 16#00BD, 16#1D15E, 16#1D165, 16#11099, 16#110BA, 16#0600, 16#FE0F, 16#0B56}.

strings(_, 0, Acc) -> Acc;
strings(S, N, Acc) ->
    S1 = (S * 69069 + 1) rem 4294967296,
    strings(S1, N - 1, [string(S1, 1 + S1 rem 9, []) | Acc]).

string(_, 0, Acc) -> Acc;
string(S, N, Acc) ->
    P = pool(),
    S1 = (S * 1103515245 + 12345) rem 2147483648,
    string(S1, N - 1, [element(1 + (S1 div 65536) rem tuple_size(P), P) | Acc]).

t(F) ->
    try F() catch error:R -> {caught, R} end.

p(X) -> io:format("~w~n", [X]).
