%% string: string functions, following the documented behaviour of OTP 25's
%% string module: the Unicode-aware functions on chardata (lists and binaries)
%% and the older functions on flat lists of characters.
%%
%% Simplifications, deliberately made:
%% - Grapheme clusters: every code point is a grapheme of its own, except
%%   "\r\n", which is one grapheme. Combining marks, emoji sequences and the
%%   like are not joined to their base character (OTP joins them).
%% - As in OTP, a search for a pattern or a separator set that contains no
%%   "\r" may match the "\n" of a "\r\n"; one that contains "\r" treats
%%   "\r\n" as a single grapheme.
%% - Case mapping (uppercase/1, lowercase/1, titlecase/1, casefold/1 and
%%   equal/3,4 ignoring case) covers Basic Latin, Latin-1, Latin Extended-A
%%   and -B, IPA, Greek and Coptic, Cyrillic, Armenian, Latin Extended
%%   Additional and the fullwidth Latin letters, with the special and
%%   multi-character mappings that OTP uses in those blocks; all other code
%%   points are left unchanged. to_upper/1 and to_lower/1 map Latin-1 only,
%%   as in OTP.
%% - equal/4 ignores the normalisation form (no Unicode normalisation).
%% - Results built from a binary are binaries and results built from a flat
%%   list are flat lists, as in OTP. For deep lists or lists holding
%%   binaries, results hold the same characters but are flat lists, where
%%   OTP sometimes keeps parts of the input's structure.
-module(string).

-export([casefold/1, centre/2, centre/3, chars/2, chars/3, chomp/1, chr/2,
         concat/2, copies/2, cspan/2, equal/2, equal/3, equal/4, find/2,
         find/3, is_empty/1, join/2, left/2, left/3, len/1, length/1,
         lexemes/2, list_to_float/1, list_to_integer/1, lowercase/1,
         next_codepoint/1, next_grapheme/1, nth_lexeme/3, pad/2, pad/3,
         pad/4, prefix/2, rchr/2, replace/3, replace/4, reverse/1, right/2,
         right/3, rstr/2, slice/2, slice/3, span/2, split/2, split/3, str/2,
         strip/1, strip/2, strip/3, sub_string/2, sub_string/3, sub_word/2,
         sub_word/3, substr/2, substr/3, take/2, take/3, take/4,
         titlecase/1, to_float/1, to_graphemes/1, to_integer/1, to_lower/1,
         to_upper/1, tokens/2, trim/1, trim/2, trim/3, uppercase/1, words/1,
         words/2]).

-compile({no_auto_import, [length/1, list_to_integer/1, list_to_float/1]}).

%% =====================================================================
%% Chardata helpers

%% The code points of a chardata term, as a flat list.
cps(B) when is_binary(B) -> bin_cps(B);
cps(L) when is_list(L) -> flat(L, []).

flat([C | T], Tail) when is_integer(C) -> [C | flat(T, Tail)];
flat([L | T], Tail) when is_list(L) -> flat(L, flat(T, Tail));
flat([B | T], Tail) when is_binary(B) -> bin_cps(B) ++ flat(T, Tail);
flat([], Tail) -> Tail;
flat(B, Tail) when is_binary(B) -> bin_cps(B) ++ Tail.

bin_cps(<<C/utf8, R/binary>>) -> [C | bin_cps(R)];
bin_cps(<<>>) -> [];
bin_cps(R) -> error({badarg, R}).

%% Results take the form of the input: binaries give binaries.
kind(S) when is_binary(S) -> bin;
kind(_) -> list.

out(bin, Cps) -> unicode:characters_to_binary(Cps);
out(list, Cps) -> Cps.

out_units(Kind, Units) -> out(Kind, uncps(Units)).

%% Graphemes: "\r\n" is one grapheme, any other code point is one.
gcs([13, 10 | T]) -> [[13, 10] | gcs(T)];
gcs([C | T]) -> [C | gcs(T)];
gcs([]) -> [].

%% Units used when matching against separators or a pattern: graphemes if
%% the separators or pattern contain "\r", code points otherwise.
units(Cps, true) -> gcs(Cps);
units(Cps, false) -> Cps.

uncps([[13, 10] | T]) -> [13, 10 | uncps(T)];
uncps([G | T]) when is_list(G) -> G ++ uncps(T);
uncps([C | T]) -> [C | uncps(T)];
uncps([]) -> [].

has_cr(Cps) -> lists:member(13, Cps).

%% Separator lists hold graphemes: code points or lists of code points.
sep_cps(Seps) when is_list(Seps) -> flat(Seps, []).

is_chardata(S) -> is_list(S) orelse is_binary(S).

%% =====================================================================
%% Unicode-aware functions on chardata

length(S) -> erlang:length(gcs(cps(S))).

to_graphemes(S) -> gcs(cps(S)).

reverse(S) -> lists:reverse(gcs(cps(S))).

is_empty([]) -> true;
is_empty(<<>>) -> true;
is_empty([L | R]) when is_list(L); is_binary(L) -> is_empty(L) andalso is_empty(R);
is_empty(_) -> false.

equal(A, B) -> cps(A) =:= cps(B).

equal(A, B, false) -> equal(A, B);
equal(A, B, true) -> fold_cps(cps(A)) =:= fold_cps(cps(B)).

equal(A, B, IgnoreCase, Norm)
  when is_boolean(IgnoreCase),
       (Norm =:= none orelse Norm =:= nfc orelse Norm =:= nfd orelse
        Norm =:= nfkc orelse Norm =:= nfkd) ->
    equal(A, B, IgnoreCase).

next_codepoint(<<C/utf8, R/binary>>) -> [C | R];
next_codepoint(<<>>) -> [];
next_codepoint(B) when is_binary(B) -> {error, B};
next_codepoint([C | _] = L) when is_integer(C) -> L;
next_codepoint(L) when is_list(L) ->
    case cps(L) of
        [] -> [];
        Cps -> Cps
    end.

next_grapheme(<<13, 10, R/binary>>) -> [[13, 10] | R];
next_grapheme(<<C/utf8, R/binary>>) -> [C | R];
next_grapheme(<<>>) -> [];
next_grapheme(B) when is_binary(B) -> {error, B};
next_grapheme([13, 10 | T]) -> [[13, 10] | T];
next_grapheme([C | T] = L) when is_integer(C) ->
    case T of
        [X | _] when is_integer(X) -> L;
        [] -> L;
        _ -> next_grapheme_flat(L)
    end;
next_grapheme(L) when is_list(L) -> next_grapheme_flat(L).

next_grapheme_flat(L) ->
    case cps(L) of
        [13, 10 | T] -> [[13, 10] | T];
        Cps -> Cps
    end.

slice(S, 0) -> S;
slice(S, Start) when is_integer(Start), Start > 0 ->
    slice_1(S, Start, infinity).

slice(S, 0, infinity) -> S;
slice(S, _Start, 0) -> out(kind(S), []);
slice(S, Start, Len)
  when is_integer(Start), Start >= 0, is_integer(Len), Len > 0 ->
    slice_1(S, Start, Len);
slice(S, Start, infinity) when is_integer(Start), Start >= 0 ->
    slice_1(S, Start, infinity).

slice_1(S, Start, Len) ->
    Gs = drop(Start, gcs(cps(S))),
    Taken = case Len of
                infinity -> Gs;
                _ -> take_n(Len, Gs)
            end,
    out_units(kind(S), Taken).

drop(0, L) -> L;
drop(_, []) -> [];
drop(N, [_ | T]) -> drop(N - 1, T).

take_n(0, _) -> [];
take_n(_, []) -> [];
take_n(N, [H | T]) -> [H | take_n(N - 1, T)].

pad(S, Len) -> pad(S, Len, trailing, $\s).

pad(S, Len, Dir) -> pad(S, Len, Dir, $\s).

pad(S, Len, Dir, Char)
  when is_integer(Len),
       (Dir =:= leading orelse Dir =:= trailing orelse Dir =:= both) ->
    N = erlang:max(Len - length(S), 0),
    case Dir of
        trailing -> [S | lists:duplicate(N, Char)];
        leading -> [lists:duplicate(N, Char), S];
        both ->
            Half = lists:duplicate(N div 2, Char),
            case N rem 2 of
                0 -> [Half, S, Half];
                1 -> [Half, S, Half, Char]
            end
    end.

%% ---------------------------------------------------------------------
%% Trimming and taking

whitespace() -> [[13, 10], 9, 10, 11, 12, 13, 32, 16#85, 16#200E, 16#200F,
                 16#2028, 16#2029].

trim(S) -> trim(S, both, whitespace()).

trim(S, Dir) -> trim(S, Dir, whitespace()).

trim(S, _Dir, []) -> S;
trim(S, Dir, Seps)
  when is_list(Seps),
       (Dir =:= leading orelse Dir =:= trailing orelse Dir =:= both) ->
    Units = units(cps(S), has_cr(sep_cps(Seps))),
    Is = fun(U) -> lists:member(U, Seps) end,
    Trimmed = case Dir of
                  leading -> drop_while(Is, Units);
                  trailing -> drop_tail_while(Is, Units);
                  both -> drop_tail_while(Is, drop_while(Is, Units))
              end,
    out_units(kind(S), Trimmed).

drop_while(P, [H | T] = L) ->
    case P(H) of
        true -> drop_while(P, T);
        false -> L
    end;
drop_while(_, []) -> [].

%% Drops the longest suffix whose units all satisfy P.
drop_tail_while(P, L) ->
    {Keep, _Drop} = split_tail(P, L),
    Keep.

%% Splits L into {Front, Back}, Back being the longest suffix of units
%% satisfying P.
split_tail(P, L) ->
    split_tail(P, lists:reverse(L), []).

split_tail(P, [H | T] = R, Back) ->
    case P(H) of
        true -> split_tail(P, T, [H | Back]);
        false -> {lists:reverse(R), Back}
    end;
split_tail(_, [], Back) -> {[], Back}.

split_front(P, L) -> split_front(P, L, []).

split_front(P, [H | T] = L, Front) ->
    case P(H) of
        true -> split_front(P, T, [H | Front]);
        false -> {lists:reverse(Front), L}
    end;
split_front(_, [], Front) -> {lists:reverse(Front), []}.

take(S, Chars) -> take(S, Chars, false, leading).

take(S, Chars, Complement) -> take(S, Chars, Complement, leading).

take(S, [], Complement, Dir) ->
    Empty = out(kind(S), []),
    case {Complement, Dir} of
        {false, leading} -> {Empty, S};
        {true, leading} -> {S, Empty};
        {false, trailing} -> {S, Empty};
        {true, trailing} -> {Empty, S}
    end;
take(S, Chars, Complement, Dir)
  when is_boolean(Complement), (Dir =:= leading orelse Dir =:= trailing) ->
    case S of
        [] -> {S, S};
        <<>> -> {S, S};
        _ when is_list(Chars) -> take_1(S, Chars, Complement, Dir);
        _ -> error(badarg)
    end.

take_1(S, Chars, Complement, Dir) ->
    Units = units(cps(S), has_cr(sep_cps(Chars))),
    In = fun(U) -> lists:member(U, Chars) =/= Complement end,
    Kind = kind(S),
    case Dir of
        leading ->
            {Front, Rest} = split_front(In, Units),
            {out_units(Kind, Front), out_units(Kind, Rest)};
        trailing ->
            {Rest, Back} = split_tail(In, Units),
            {out_units(Kind, Rest), out_units(Kind, Back)}
    end.

chomp(S) ->
    Units = gcs(cps(S)),
    Is = fun(U) -> U =:= 10 orelse U =:= [13, 10] end,
    out_units(kind(S), drop_tail_while(Is, Units)).

%% ---------------------------------------------------------------------
%% Searching

%% The pattern as units, and whether the string is to be cut into graphemes.
pattern(P) when is_list(P); is_binary(P) ->
    Cps = cps(P),
    {gcs(Cps), has_cr(Cps)};
pattern(_) ->
    error(badarg).

prefix(S, Prefix) ->
    {PUnits, Merge} = pattern(Prefix),
    case strip_prefix(PUnits, units(cps(S), Merge)) of
        nomatch -> nomatch;
        Rest -> out_units(kind(S), Rest)
    end.

strip_prefix([U | P], [U | S]) -> strip_prefix(P, S);
strip_prefix([], S) -> S;
strip_prefix(_, _) -> nomatch.

%% First match of the pattern: {Before, After} (After follows the match),
%% or nomatch.
search_first(P, Units) -> search_first(P, Units, []).

search_first(P, [H | T] = Units, Before) ->
    case strip_prefix(P, Units) of
        nomatch -> search_first(P, T, [H | Before]);
        After -> {lists:reverse(Before), After}
    end;
search_first(P, [], Before) ->
    case P of
        [] -> {lists:reverse(Before), []};
        _ -> nomatch
    end.

%% Last match of the pattern, as {Before, After}, or nomatch.
search_last(P, Units) -> search_last(P, Units, [], nomatch).

search_last(P, [H | T] = Units, Before, Found) ->
    Found1 = case strip_prefix(P, Units) of
                 nomatch -> Found;
                 After -> {Before, After}
             end,
    search_last(P, T, [H | Before], Found1);
search_last(_P, [], _Before, nomatch) -> nomatch;
search_last(_P, [], _Before, {RevBefore, After}) ->
    {lists:reverse(RevBefore), After}.

find(S, P) -> find(S, P, leading).

find(S, [], _Dir) -> S;
find(S, <<>>, _Dir) -> S;
find(S, P, Dir) when Dir =:= leading; Dir =:= trailing ->
    Pattern = pattern(P),
    is_chardata(S) orelse error({badmatch, S}),
    case Pattern of
        {[], _} ->
            S;
        {PUnits, Merge} ->
            Units = units(cps(S), Merge),
            Found = case Dir of
                        leading -> search_first(PUnits, Units);
                        trailing -> search_last(PUnits, Units)
                    end,
            case Found of
                nomatch -> nomatch;
                {Before, _After} -> out_units(kind(S), drop(erlang:length(Before), Units))
            end
    end.

split(S, P) -> split(S, P, leading).

split(S, [], _Where) -> [S];
split(S, <<>>, _Where) -> [S];
split(S, P, Where) ->
    Pattern = pattern(P),
    is_chardata(S) orelse error({badmatch, S}),
    case Pattern of
        {[], _} ->
            [S];
        {PUnits, Merge} ->
            Units = units(cps(S), Merge),
            Kind = kind(S),
            case Where of
                all ->
                    case split_all(PUnits, Units) of
                        [_] -> [S];
                        Parts -> [out_units(Kind, Part) || Part <- Parts]
                    end;
                trailing ->
                    split_two(S, Kind, search_last(PUnits, Units));
                _ ->
                    case search_first(PUnits, Units) of
                        nomatch ->
                            [S];
                        {Before, After} when Where =:= leading ->
                            [out_units(Kind, Before), out_units(Kind, After)];
                        {_, After} when Kind =:= list ->
                            error({case_clause, out_units(Kind, After)});
                        _ ->
                            error({case_clause, Where})
                    end
            end
    end.

split_two(S, _Kind, nomatch) -> [S];
split_two(_S, Kind, {Before, After}) ->
    [out_units(Kind, Before), out_units(Kind, After)].

split_all(P, Units) ->
    case search_first(P, Units) of
        nomatch -> [Units];
        {Before, After} -> [Before | split_all(P, After)]
    end.

replace(S, P, Replacement) -> replace(S, P, Replacement, leading).

replace(S, P, Replacement, Where) ->
    lists:join(Replacement, split(S, P, Where)).

lexemes([], _Seps) -> [];
lexemes(<<>>, _Seps) -> [];
lexemes(S, []) -> [S];
lexemes(S, Seps) when is_list(Seps) ->
    Units = units(cps(S), has_cr(sep_cps(Seps))),
    Kind = kind(S),
    [out_units(Kind, L) || L <- lexemes_1(Units, Seps)].

lexemes_1(Units, Seps) ->
    case drop_while(fun(U) -> lists:member(U, Seps) end, Units) of
        [] ->
            [];
        Rest ->
            {Lexeme, Rest1} =
                split_front(fun(U) -> not lists:member(U, Seps) end, Rest),
            [Lexeme | lexemes_1(Rest1, Seps)]
    end.

nth_lexeme(S, N, Seps) when is_integer(N), N > 0, is_list(Seps) ->
    Units = units(cps(S), has_cr(sep_cps(Seps))),
    case drop(N - 1, lexemes_1(Units, Seps)) of
        [L | _] -> out_units(kind(S), L);
        [] -> out(kind(S), [])
    end.

%% ---------------------------------------------------------------------
%% Case

uppercase(S) when is_list(S); is_binary(S) ->
    out(kind(S), map_cps(fun upper_cp/1, cps(S)));
uppercase(S) ->
    error({badarg, S}).

lowercase(S) when is_list(S); is_binary(S) ->
    out(kind(S), map_cps(fun lower_cp/1, cps(S)));
lowercase(S) ->
    error({badarg, S}).

casefold(S) when is_list(S); is_binary(S) ->
    out(kind(S), fold_cps(cps(S)));
casefold(S) ->
    error({badarg, S}).

titlecase(S) when is_list(S); is_binary(S) ->
    case cps(S) of
        [13, 10 | _] = Cps -> out(kind(S), Cps);
        [C | T] -> out(kind(S), map_cps(fun title_cp/1, [C]) ++ T);
        [] -> S
    end.

fold_cps(Cps) -> map_cps(fun fold_cp/1, Cps).

map_cps(F, [C | T]) ->
    case F(C) of
        X when is_integer(X) -> [X | map_cps(F, T)];
        Xs -> Xs ++ map_cps(F, T)
    end;
map_cps(_, []) -> [].

%% ---------------------------------------------------------------------
%% Numbers

to_integer(S) when is_binary(S) ->
    case parse_int(bin_cps_lax(S)) of
        {error, _} = E -> E;
        {I, N} -> {I, rest_bin(S, N)}
    end;
to_integer(S) when is_list(S) ->
    case is_flat_chars(S) of
        true ->
            case parse_int(S) of
                {error, _} = E -> E;
                {I, N} -> {I, lists:nthtail(N, S)}
            end;
        false ->
            case safe_cps(S) of
                error -> {error, badarg};
                Cps ->
                    case parse_int(Cps) of
                        {error, _} = E -> E;
                        {I, N} -> {I, lists:nthtail(N, Cps)}
                    end
            end
    end;
to_integer(_) ->
    {error, badarg}.

to_float(S) when is_binary(S) ->
    case parse_float(bin_cps_lax(S)) of
        {error, _} = E -> E;
        {F, N} -> {F, rest_bin(S, N)}
    end;
to_float(S) when is_list(S) ->
    case is_flat_chars(S) of
        true ->
            case parse_float(S) of
                {error, _} = E -> E;
                {F, N} -> {F, lists:nthtail(N, S)}
            end;
        false ->
            case safe_cps(S) of
                error -> {error, badarg};
                Cps ->
                    case parse_float(Cps) of
                        {error, _} = E -> E;
                        {F, N} -> {F, lists:nthtail(N, Cps)}
                    end
            end
    end;
to_float(_) ->
    {error, badarg}.

list_to_integer(L) when is_list(L) ->
    case parse_int(lax_list(L)) of
        {error, _} = E -> E;
        {I, N} -> {I, nthtail_lax(N, L)}
    end;
list_to_integer(_) ->
    {error, not_a_list}.

list_to_float(L) when is_list(L) ->
    case parse_float(lax_list(L)) of
        {error, _} = E -> E;
        {F, N} -> {F, nthtail_lax(N, L)}
    end;
list_to_float(_) ->
    {error, not_a_list}.

%% The leading characters of a possibly improper list.
lax_list([C | T]) when is_integer(C) -> [C | lax_list(T)];
lax_list(_) -> [].

nthtail_lax(0, L) -> L;
nthtail_lax(N, [_ | T]) -> nthtail_lax(N - 1, T).

is_flat_chars([C | T]) when is_integer(C) -> is_flat_chars(T);
is_flat_chars([]) -> true;
is_flat_chars(_) -> false.

safe_cps(L) ->
    try cps(L)
    catch _:_ -> error
    end.

%% The leading code points of a binary, stopping at invalid UTF-8.
bin_cps_lax(<<C/utf8, R/binary>>) -> [C | bin_cps_lax(R)];
bin_cps_lax(_) -> [].

%% The binary after its first N code points.
rest_bin(B, 0) -> B;
rest_bin(<<_/utf8, R/binary>>, N) -> rest_bin(R, N - 1).

%% parse_int(Cps) -> {Integer, CodePointsUsed} | {error, no_integer}
parse_int(Cps) ->
    {Sign, Digits, N0} = sign(Cps),
    case digits(Digits) of
        {[], _} -> {error, no_integer};
        {Ds, _} ->
            I = erlang:list_to_integer(Ds),
            {Sign * I, N0 + erlang:length(Ds)}
    end.

sign([$- | T]) -> {-1, T, 1};
sign([$+ | T]) -> {1, T, 1};
sign(T) -> {1, T, 0}.

digits(L) -> digits(L, []).

digits([C | T], Acc) when C >= $0, C =< $9 -> digits(T, [C | Acc]);
digits(T, Acc) -> {lists:reverse(Acc), T}.

%% parse_float(Cps) -> {Float, CodePointsUsed} | {error, no_float}
parse_float(Cps) ->
    {Sign, T0, N0} = sign(Cps),
    case digits(T0) of
        {[], _} ->
            {error, no_float};
        {Int, [Dot | T1]} when Dot =:= $.; Dot =:= $, ->
            case digits(T1) of
                {[], _} ->
                    {error, no_float};
                {Frac, T2} ->
                    {Exp, NExp} = exponent(T2),
                    Text = Int ++ "." ++ Frac ++ Exp,
                    Used = N0 + erlang:length(Int) + 1 + erlang:length(Frac) + NExp,
                    try erlang:list_to_float(Text) of
                        F when Sign =:= -1 -> {-F, Used};
                        F -> {F, Used}
                    catch
                        _:_ -> {error, no_float}
                    end
            end;
        {_, _} ->
            {error, no_float}
    end.

exponent([E | T]) when E =:= $e; E =:= $E ->
    {ESign, T1, NS} = case T of
                          [$- | R] -> {"-", R, 1};
                          [$+ | R] -> {"", R, 1};
                          R -> {"", R, 0}
                      end,
    case digits(T1) of
        {[], _} -> {"", 0};
        {Ds, _} -> {"e" ++ ESign ++ Ds, 1 + NS + erlang:length(Ds)}
    end;
exponent(_) ->
    {"", 0}.

%% =====================================================================
%% Older functions on flat lists of characters

len(S) -> erlang:length(S).

concat(S1, S2) -> S1 ++ S2.

chr(S, C) when is_integer(C) -> chr(S, C, 1).

chr([C | _], C, I) -> I;
chr([_ | T], C, I) -> chr(T, C, I + 1);
chr([], _C, _I) -> 0.

rchr(S, C) when is_integer(C) -> rchr(S, C, 1, 0).

rchr([C | T], C, I, _L) -> rchr(T, C, I + 1, I);
rchr([_ | T], C, I, L) -> rchr(T, C, I + 1, L);
rchr([], _C, _I, L) -> L.

str(S, Sub) when is_list(Sub) -> str(S, Sub, 1).

str([C | S], [C | Sub], I) ->
    case lists:prefix(Sub, S) of
        true -> I;
        false -> str(S, [C | Sub], I + 1)
    end;
str([_ | S], Sub, I) -> str(S, Sub, I + 1);
str([], _Sub, _I) -> 0.

rstr(S, Sub) when is_list(Sub) -> rstr(S, Sub, 1, 0).

rstr([C | S], [C | Sub], I, L) ->
    case lists:prefix(Sub, S) of
        true -> rstr(S, [C | Sub], I + 1, I);
        false -> rstr(S, [C | Sub], I + 1, L)
    end;
rstr([_ | S], Sub, I, L) -> rstr(S, Sub, I + 1, L);
rstr([], _Sub, _I, L) -> L.

span(S, Cs) when is_list(Cs) -> span(S, Cs, 0).

span([C | S], Cs, I) ->
    case lists:member(C, Cs) of
        true -> span(S, Cs, I + 1);
        false -> I
    end;
span([], _Cs, I) -> I.

cspan(S, Cs) when is_list(Cs) -> cspan(S, Cs, 0).

cspan([C | S], Cs, I) ->
    case lists:member(C, Cs) of
        true -> I;
        false -> cspan(S, Cs, I + 1)
    end;
cspan([], _Cs, I) -> I.

substr(S, 1) when is_list(S) -> S;
substr([_ | S], N) when is_integer(N), N > 1 -> substr(S, N - 1).

substr(S, Start, Len)
  when is_list(S), is_integer(Start), Start >= 1, is_integer(Len), Len >= 0 ->
    lists:sublist(substr(S, Start), Len).

sub_string(S, Start) -> substr(S, Start).

sub_string(S, Start, Stop) -> substr(S, Start, Stop - Start + 1).

tokens(S, Seps) ->
    case Seps of
        [] ->
            case S of
                [] -> [];
                [_ | _] -> [S]
            end;
        [_ | _] -> tokens_1(rev_list(S), Seps, [])
    end.

rev_list(S) when is_list(S) -> lists:reverse(S).

%% Works from the end of the string, collecting tokens in order (lists:member/2 is a
%% built-in: cheaper than calling a fun per character).
tokens_1([C | S], Seps, Toks) ->
    case lists:member(C, Seps) of
        true -> tokens_1(S, Seps, Toks);
        false -> tokens_2(S, Seps, Toks, [C])
    end;
tokens_1([], _Seps, Toks) -> Toks.

tokens_2([C | S], Seps, Toks, Tok) ->
    case lists:member(C, Seps) of
        true -> tokens_1(S, Seps, [Tok | Toks]);
        false -> tokens_2(S, Seps, Toks, [C | Tok])
    end;
tokens_2([], _Seps, Toks, Tok) -> [Tok | Toks].

chars(C, N) -> chars(C, N, []).

chars(C, N, Tail) when N > 0 -> chars(C, N - 1, [C | Tail]);
chars(C, 0, Tail) when is_integer(C) -> Tail.

copies(S, N) when is_list(S), is_integer(N), N >= 0 -> copies_1(S, N).

copies_1(_S, 0) -> [];
copies_1(S, N) -> S ++ copies_1(S, N - 1).

words(S) -> words(S, $\s).

words(S, C) when is_integer(C) ->
    case erlang:length(tokens(S, [C])) of
        0 -> 1;
        N -> N
    end.

sub_word(S, N) -> sub_word(S, N, $\s).

sub_word(S, N, C) when is_integer(N), is_integer(C) ->
    case strip(S, both, C) of
        [] -> [];
        Stripped -> nth_word(N, tokens(Stripped, [C]))
    end.

nth_word(1, [W | _]) -> W;
nth_word(N, [_ | Ws]) when N > 1 -> nth_word(N - 1, Ws);
nth_word(N, []) when N >= 1 -> [].

strip(S) -> strip(S, both).

strip(S, Dir) -> strip(S, Dir, $\s).

strip(S, left, C) when is_integer(C) -> strip_left(S, C);
strip(S, right, C) when is_integer(C) -> strip_right(S, C);
strip(S, both, C) when is_integer(C) -> strip_right(strip_left(S, C), C).

strip_left([C | S], C) -> strip_left(S, C);
strip_left(S, _C) when is_list(S) -> S.

strip_right(S, C) when is_list(S) ->
    lists:reverse(strip_left(lists:reverse(S), C)).

left(S, N) when is_integer(N) -> left(S, N, $\s).

left(S, N, C) when is_integer(C) ->
    left_1(S, erlang:length(S), N, C).

left_1(S, L, N, _C) when L > N -> lists:sublist(S, N);
left_1(S, L, N, C) when L < N -> S ++ chars(C, N - L);
left_1(S, _L, _N, _C) -> S.

right(S, N) when is_integer(N) -> right(S, N, $\s).

right(S, N, C) when is_integer(C) ->
    right_1(S, erlang:length(S), N, C).

right_1(S, L, N, _C) when L > N -> lists:nthtail(L - N, S);
right_1(S, L, N, C) when L < N -> chars(C, N - L, S);
right_1(S, _L, _N, _C) -> S.

centre(S, N) when is_integer(N) -> centre(S, N, $\s).

centre(S, N, C) when is_integer(C) ->
    centre_1(S, erlang:length(S), N, C).

centre_1(_S, _L, 0, _C) -> [];
centre_1(S, L, N, _C) when L > N ->
    lists:sublist(lists:nthtail((L - N) div 2, S), N);
centre_1(S, L, N, C) when L < N ->
    Pad = N - L,
    Left = Pad div 2,
    chars(C, Left, S ++ chars(C, Pad - Left));
centre_1(S, _L, _N, _C) -> S.

join([], Sep) when is_list(Sep) -> [];
join([H | T], Sep) -> H ++ lists:append([Sep ++ X || X <- T]).

to_lower(S) when is_list(S) -> [lower_latin1(C) || C <- S];
to_lower(C) when is_integer(C) -> lower_latin1(C).

to_upper(S) when is_list(S) -> [upper_latin1(C) || C <- S];
to_upper(C) when is_integer(C) -> upper_latin1(C).

lower_latin1(C) when is_integer(C), C >= $A, C =< $Z -> C + 32;
lower_latin1(C) when is_integer(C), C >= 16#C0, C =< 16#DE, C =/= 16#D7 -> C + 32;
lower_latin1(C) -> C.

upper_latin1(C) when is_integer(C), C >= $a, C =< $z -> C - 32;
upper_latin1(C) when is_integer(C), C >= 16#E0, C =< 16#FE, C =/= 16#F7 -> C - 32;
upper_latin1(C) -> C.

%% =====================================================================
%% Case mapping tables (generated from the Unicode data for the blocks
%% listed at the top of the module; characters not listed map to themselves).

upper_cp(C) when C >= 97, C =< 122 -> C - 32;
upper_cp(181) -> 924;
upper_cp(223) -> [83, 83];
upper_cp(C) when C >= 224, C =< 246 -> C - 32;
upper_cp(C) when C >= 248, C =< 254 -> C - 32;
upper_cp(255) -> 376;
upper_cp(C) when C >= 257, C =< 303, (C - 257) rem 2 =:= 0 -> C - 1;
upper_cp(305) -> 73;
upper_cp(C) when C >= 307, C =< 311, (C - 307) rem 2 =:= 0 -> C - 1;
upper_cp(C) when C >= 314, C =< 328, (C - 314) rem 2 =:= 0 -> C - 1;
upper_cp(329) -> [700, 78];
upper_cp(C) when C >= 331, C =< 375, (C - 331) rem 2 =:= 0 -> C - 1;
upper_cp(C) when C >= 378, C =< 382, (C - 378) rem 2 =:= 0 -> C - 1;
upper_cp(383) -> 83;
upper_cp(384) -> 579;
upper_cp(C) when C >= 387, C =< 389, (C - 387) rem 2 =:= 0 -> C - 1;
upper_cp(392) -> 391;
upper_cp(396) -> 395;
upper_cp(402) -> 401;
upper_cp(405) -> 502;
upper_cp(409) -> 408;
upper_cp(410) -> 573;
upper_cp(414) -> 544;
upper_cp(C) when C >= 417, C =< 421, (C - 417) rem 2 =:= 0 -> C - 1;
upper_cp(424) -> 423;
upper_cp(429) -> 428;
upper_cp(432) -> 431;
upper_cp(C) when C >= 436, C =< 438, (C - 436) rem 2 =:= 0 -> C - 1;
upper_cp(441) -> 440;
upper_cp(445) -> 444;
upper_cp(447) -> 503;
upper_cp(453) -> 452;
upper_cp(454) -> 452;
upper_cp(456) -> 455;
upper_cp(457) -> 455;
upper_cp(459) -> 458;
upper_cp(460) -> 458;
upper_cp(C) when C >= 462, C =< 476, (C - 462) rem 2 =:= 0 -> C - 1;
upper_cp(477) -> 398;
upper_cp(C) when C >= 479, C =< 495, (C - 479) rem 2 =:= 0 -> C - 1;
upper_cp(496) -> [74, 780];
upper_cp(498) -> 497;
upper_cp(499) -> 497;
upper_cp(501) -> 500;
upper_cp(C) when C >= 505, C =< 543, (C - 505) rem 2 =:= 0 -> C - 1;
upper_cp(C) when C >= 547, C =< 563, (C - 547) rem 2 =:= 0 -> C - 1;
upper_cp(572) -> 571;
upper_cp(C) when C >= 575, C =< 576 -> C + 10815;
upper_cp(578) -> 577;
upper_cp(C) when C >= 583, C =< 591, (C - 583) rem 2 =:= 0 -> C - 1;
upper_cp(592) -> 11375;
upper_cp(593) -> 11373;
upper_cp(594) -> 11376;
upper_cp(595) -> 385;
upper_cp(596) -> 390;
upper_cp(C) when C >= 598, C =< 599 -> C - 205;
upper_cp(601) -> 399;
upper_cp(603) -> 400;
upper_cp(604) -> 42923;
upper_cp(608) -> 403;
upper_cp(609) -> 42924;
upper_cp(611) -> 404;
upper_cp(613) -> 42893;
upper_cp(614) -> 42922;
upper_cp(616) -> 407;
upper_cp(617) -> 406;
upper_cp(618) -> 42926;
upper_cp(619) -> 11362;
upper_cp(620) -> 42925;
upper_cp(623) -> 412;
upper_cp(625) -> 11374;
upper_cp(626) -> 413;
upper_cp(629) -> 415;
upper_cp(637) -> 11364;
upper_cp(640) -> 422;
upper_cp(642) -> 42949;
upper_cp(643) -> 425;
upper_cp(647) -> 42929;
upper_cp(648) -> 430;
upper_cp(649) -> 580;
upper_cp(C) when C >= 650, C =< 651 -> C - 217;
upper_cp(652) -> 581;
upper_cp(658) -> 439;
upper_cp(669) -> 42930;
upper_cp(670) -> 42928;
upper_cp(837) -> 921;
upper_cp(C) when C >= 881, C =< 883, (C - 881) rem 2 =:= 0 -> C - 1;
upper_cp(887) -> 886;
upper_cp(C) when C >= 891, C =< 893 -> C + 130;
upper_cp(912) -> [921, 776, 769];
upper_cp(940) -> 902;
upper_cp(C) when C >= 941, C =< 943 -> C - 37;
upper_cp(944) -> [933, 776, 769];
upper_cp(C) when C >= 945, C =< 961 -> C - 32;
upper_cp(962) -> 931;
upper_cp(C) when C >= 963, C =< 971 -> C - 32;
upper_cp(972) -> 908;
upper_cp(C) when C >= 973, C =< 974 -> C - 63;
upper_cp(976) -> 914;
upper_cp(977) -> 920;
upper_cp(981) -> 934;
upper_cp(982) -> 928;
upper_cp(983) -> 975;
upper_cp(C) when C >= 985, C =< 1007, (C - 985) rem 2 =:= 0 -> C - 1;
upper_cp(1008) -> 922;
upper_cp(1009) -> 929;
upper_cp(1010) -> 1017;
upper_cp(1011) -> 895;
upper_cp(1013) -> 917;
upper_cp(1016) -> 1015;
upper_cp(1019) -> 1018;
upper_cp(C) when C >= 1072, C =< 1103 -> C - 32;
upper_cp(C) when C >= 1104, C =< 1119 -> C - 80;
upper_cp(C) when C >= 1121, C =< 1153, (C - 1121) rem 2 =:= 0 -> C - 1;
upper_cp(C) when C >= 1163, C =< 1215, (C - 1163) rem 2 =:= 0 -> C - 1;
upper_cp(C) when C >= 1218, C =< 1230, (C - 1218) rem 2 =:= 0 -> C - 1;
upper_cp(1231) -> 1216;
upper_cp(C) when C >= 1233, C =< 1327, (C - 1233) rem 2 =:= 0 -> C - 1;
upper_cp(C) when C >= 1377, C =< 1414 -> C - 48;
upper_cp(1415) -> [1333, 1362];
upper_cp(C) when C >= 7681, C =< 7829, (C - 7681) rem 2 =:= 0 -> C - 1;
upper_cp(7830) -> [72, 817];
upper_cp(7831) -> [84, 776];
upper_cp(7832) -> [87, 778];
upper_cp(7833) -> [89, 778];
upper_cp(7834) -> [65, 702];
upper_cp(7835) -> 7776;
upper_cp(C) when C >= 7841, C =< 7935, (C - 7841) rem 2 =:= 0 -> C - 1;
upper_cp(C) when C >= 65345, C =< 65370 -> C - 32;
upper_cp(C) -> C.

lower_cp(C) when C >= 65, C =< 90 -> C + 32;
lower_cp(C) when C >= 192, C =< 214 -> C + 32;
lower_cp(C) when C >= 216, C =< 222 -> C + 32;
lower_cp(C) when C >= 256, C =< 302, (C - 256) rem 2 =:= 0 -> C + 1;
lower_cp(304) -> [105, 775];
lower_cp(C) when C >= 306, C =< 310, (C - 306) rem 2 =:= 0 -> C + 1;
lower_cp(C) when C >= 313, C =< 327, (C - 313) rem 2 =:= 0 -> C + 1;
lower_cp(C) when C >= 330, C =< 374, (C - 330) rem 2 =:= 0 -> C + 1;
lower_cp(376) -> 255;
lower_cp(C) when C >= 377, C =< 381, (C - 377) rem 2 =:= 0 -> C + 1;
lower_cp(385) -> 595;
lower_cp(C) when C >= 386, C =< 388, (C - 386) rem 2 =:= 0 -> C + 1;
lower_cp(390) -> 596;
lower_cp(391) -> 392;
lower_cp(C) when C >= 393, C =< 394 -> C + 205;
lower_cp(395) -> 396;
lower_cp(398) -> 477;
lower_cp(399) -> 601;
lower_cp(400) -> 603;
lower_cp(401) -> 402;
lower_cp(403) -> 608;
lower_cp(404) -> 611;
lower_cp(406) -> 617;
lower_cp(407) -> 616;
lower_cp(408) -> 409;
lower_cp(412) -> 623;
lower_cp(413) -> 626;
lower_cp(415) -> 629;
lower_cp(C) when C >= 416, C =< 420, (C - 416) rem 2 =:= 0 -> C + 1;
lower_cp(422) -> 640;
lower_cp(423) -> 424;
lower_cp(425) -> 643;
lower_cp(428) -> 429;
lower_cp(430) -> 648;
lower_cp(431) -> 432;
lower_cp(C) when C >= 433, C =< 434 -> C + 217;
lower_cp(C) when C >= 435, C =< 437, (C - 435) rem 2 =:= 0 -> C + 1;
lower_cp(439) -> 658;
lower_cp(440) -> 441;
lower_cp(444) -> 445;
lower_cp(452) -> 454;
lower_cp(453) -> 454;
lower_cp(455) -> 457;
lower_cp(456) -> 457;
lower_cp(458) -> 460;
lower_cp(C) when C >= 459, C =< 475, (C - 459) rem 2 =:= 0 -> C + 1;
lower_cp(C) when C >= 478, C =< 494, (C - 478) rem 2 =:= 0 -> C + 1;
lower_cp(497) -> 499;
lower_cp(C) when C >= 498, C =< 500, (C - 498) rem 2 =:= 0 -> C + 1;
lower_cp(502) -> 405;
lower_cp(503) -> 447;
lower_cp(C) when C >= 504, C =< 542, (C - 504) rem 2 =:= 0 -> C + 1;
lower_cp(544) -> 414;
lower_cp(C) when C >= 546, C =< 562, (C - 546) rem 2 =:= 0 -> C + 1;
lower_cp(570) -> 11365;
lower_cp(571) -> 572;
lower_cp(573) -> 410;
lower_cp(574) -> 11366;
lower_cp(577) -> 578;
lower_cp(579) -> 384;
lower_cp(580) -> 649;
lower_cp(581) -> 652;
lower_cp(C) when C >= 582, C =< 590, (C - 582) rem 2 =:= 0 -> C + 1;
lower_cp(C) when C >= 880, C =< 882, (C - 880) rem 2 =:= 0 -> C + 1;
lower_cp(886) -> 887;
lower_cp(895) -> 1011;
lower_cp(902) -> 940;
lower_cp(C) when C >= 904, C =< 906 -> C + 37;
lower_cp(908) -> 972;
lower_cp(C) when C >= 910, C =< 911 -> C + 63;
lower_cp(C) when C >= 913, C =< 929 -> C + 32;
lower_cp(C) when C >= 931, C =< 939 -> C + 32;
lower_cp(975) -> 983;
lower_cp(C) when C >= 984, C =< 1006, (C - 984) rem 2 =:= 0 -> C + 1;
lower_cp(1012) -> 952;
lower_cp(1015) -> 1016;
lower_cp(1017) -> 1010;
lower_cp(1018) -> 1019;
lower_cp(C) when C >= 1021, C =< 1023 -> C - 130;
lower_cp(C) when C >= 1024, C =< 1039 -> C + 80;
lower_cp(C) when C >= 1040, C =< 1071 -> C + 32;
lower_cp(C) when C >= 1120, C =< 1152, (C - 1120) rem 2 =:= 0 -> C + 1;
lower_cp(C) when C >= 1162, C =< 1214, (C - 1162) rem 2 =:= 0 -> C + 1;
lower_cp(1216) -> 1231;
lower_cp(C) when C >= 1217, C =< 1229, (C - 1217) rem 2 =:= 0 -> C + 1;
lower_cp(C) when C >= 1232, C =< 1326, (C - 1232) rem 2 =:= 0 -> C + 1;
lower_cp(C) when C >= 1329, C =< 1366 -> C + 48;
lower_cp(C) when C >= 7680, C =< 7828, (C - 7680) rem 2 =:= 0 -> C + 1;
lower_cp(7838) -> 223;
lower_cp(C) when C >= 7840, C =< 7934, (C - 7840) rem 2 =:= 0 -> C + 1;
lower_cp(C) when C >= 65313, C =< 65338 -> C + 32;
lower_cp(C) -> C.

title_cp(223) -> [83, 115];
title_cp(452) -> 453;
title_cp(453) -> 453;
title_cp(454) -> 453;
title_cp(455) -> 456;
title_cp(456) -> 456;
title_cp(457) -> 456;
title_cp(458) -> 459;
title_cp(459) -> 459;
title_cp(460) -> 459;
title_cp(497) -> 498;
title_cp(498) -> 498;
title_cp(499) -> 498;
title_cp(1415) -> [1333, 1410];
title_cp(C) -> upper_cp(C).

fold_cp(181) -> 956;
fold_cp(223) -> [115, 115];
fold_cp(329) -> [700, 110];
fold_cp(383) -> 115;
fold_cp(496) -> [106, 780];
fold_cp(837) -> 953;
fold_cp(912) -> [953, 776, 769];
fold_cp(944) -> [965, 776, 769];
fold_cp(962) -> 963;
fold_cp(976) -> 946;
fold_cp(977) -> 952;
fold_cp(981) -> 966;
fold_cp(982) -> 960;
fold_cp(1008) -> 954;
fold_cp(1009) -> 961;
fold_cp(1013) -> 949;
fold_cp(1415) -> [1381, 1410];
fold_cp(7830) -> [104, 817];
fold_cp(7831) -> [116, 776];
fold_cp(7832) -> [119, 778];
fold_cp(7833) -> [121, 778];
fold_cp(7834) -> [97, 702];
fold_cp(7835) -> 7777;
fold_cp(7838) -> [115, 115];
fold_cp(C) -> lower_cp(C).
