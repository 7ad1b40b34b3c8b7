%% io_lib: the parts of the io_lib module written in Erlang, with OTP 25's results.
%%
%% format/2, fwrite/2, write/1 and print/1 are built-ins (vm/src/bif/erlang.rs); their
%% results hold the same characters as erl's, though not always in the same nesting of
%% lists. Defined here: the rest of what programs call, the character-list predicates and
%% writers. Strings are written as in erl's default printable range (Latin-1 for what
%% counts as printable, every character passed through by the writers).
%%
%% fread/2,3 are io_lib_fread's.
%%
%% Deliberately left out: scan_format/2, unscan_format/1, build_text/1, limit_term/2,
%% the chars_limit option of format/3 and write/2, and the collectors of the io protocol
%% (collect_chars, collect_line, get_until).
-module(io_lib).

-export([nl/0, fread/2, fread/3, format/3, fwrite/3, write/2, write/3, format_prompt/1,
         format_prompt/2, write_latin1_string/2, write_string_as_latin1/1,
         write_string_as_latin1/2, write_atom_as_latin1/1, write_char_as_latin1/1,
         write_unicode_string/1, write_unicode_char/1, deep_unicode_char_list/1, write_atom/1, write_string/1, write_string/2,
         write_latin1_string/1, write_char/1, write_latin1_char/1,
         printable_list/1, printable_latin1_list/1, printable_unicode_list/1,
         char_list/1, deep_char_list/1, latin1_char_list/1, deep_latin1_char_list/1,
         chars_length/1, indentation/2, quote_atom/2,
         scan_format/2, unscan_format/1, build_text/1, limit_term/2]).

nl() -> "\n".

fread(Format, Chars) -> io_lib_fread:fread(Format, Chars).

fread(Cont, Chars, Format) -> io_lib_fread:fread(Cont, Chars, Format).

%% format/3 and fwrite/3: the only option is chars_limit, and only -1 (no limit) is
%% supported; a limit raises badarg.
format(Format, Args, Options) when is_list(Options) ->
    case lists:all(fun({chars_limit, -1}) -> true; (_) -> false end, Options) of
        true -> io_lib:format(Format, Args);
        false -> erlang:error(badarg, [Format, Args, Options])
    end.

fwrite(Format, Args, Options) -> format(Format, Args, Options).

%% write/2: a term to at most Depth levels, as ~W writes it, or with options: {depth, D},
%% {encoding, latin1 | utf8 | unicode} and {chars_limit, -1}.
write(Term, Depth) when is_integer(Depth) ->
    lists:flatten(io_lib:format("~W", [Term, Depth]));
write(Term, Options) when is_list(Options) ->
    Depth = proplists:get_value(depth, Options, -1),
    Control = case proplists:get_value(encoding, Options, latin1) of
                  latin1 -> "~W";
                  _ -> "~tW"
              end,
    case proplists:get_value(chars_limit, Options, -1) of
        -1 when is_integer(Depth) -> lists:flatten(io_lib:format(Control, [Term, Depth]));
        _ -> erlang:error(badarg, [Term, Options])
    end;
write(_Term, _Depth) ->
    erlang:error(badarg).

%% write/3: as write/2 with a depth, or laid out as ~P does it (from column 1, 80 columns).
write(Term, Depth, true) when is_integer(Depth) ->
    io_lib:print(Term, 1, 80, Depth);
write(Term, Depth, false) when is_integer(Depth) ->
    write(Term, Depth).

format_prompt(Prompt) -> format_prompt(Prompt, latin1).

%% What cannot be written in the encoding (or a format that does not fit its arguments)
%% is "???", as in erl.
format_prompt(Prompt, Encoding) ->
    {Format, Args} = case Prompt of
                         {format, F, A} -> {F, A};
                         _ when is_list(Prompt); is_atom(Prompt); is_binary(Prompt) ->
                             {control(Encoding, "~ts", "~s"), [Prompt]};
                         _ -> {control(Encoding, "~tp", "~p"), [Prompt]}
                     end,
    try io_lib:format(Format, Args)
    catch error:_ -> "???"
    end.

control(latin1, _Unicode, Latin1) -> Latin1;
control(_, Unicode, _Latin1) -> Unicode.

write_atom(A) when is_atom(A) -> io_lib:write(A).

%% quote_atom(Atom, Chars): does the atom need quotes to be read back?
quote_atom(A, Chars) when is_atom(A), is_list(Chars) ->
    io_lib:write(A) =/= Chars.

write_string(S) -> write_string(S, $").

write_string(S, Q) -> [Q | quoted(unicode, S, Q)].

write_latin1_string(S) -> write_latin1_string(S, $").

write_latin1_string(S, Q) -> [Q | quoted(latin1, S, Q)].

%% The *_as_latin1 writers escape characters beyond Latin-1 as \x{HEX}.
write_string_as_latin1(S) -> write_string_as_latin1(S, $").

write_string_as_latin1(S, Q) -> [Q | quoted(as_latin1, S, Q)].

write_atom_as_latin1(A) when is_atom(A) -> lists:flatten(io_lib:format("~w", [A])).

write_char_as_latin1(C) when is_integer(C), C >= 0 -> [$$ | escaped(as_latin1, C, -1, [])].

write_unicode_string(S) -> write_string(S).

write_unicode_char(C) -> write_char(C).

%% (A space after $ is written as \s, which reads back the same.)
write_char($\s) -> "$\\s";
write_char(C) when is_integer(C), C >= 0 -> [$$ | escaped(unicode, C, -1, [])].

write_latin1_char($\s) -> "$\\s";
write_latin1_char(C) when is_integer(C), C >= 0, C =< 255 -> [$$ | escaped(latin1, C, -1, [])].

quoted(Mode, [C | Cs], Q) -> escaped(Mode, C, Q, quoted(Mode, Cs, Q));
quoted(_Mode, [], Q) -> [Q].

%% One character of a quoted string (or after $), escaped the way erl writes it.
escaped(_, Q, Q, Rest) -> [$\\, Q | Rest];
escaped(_, $\\, _, Rest) -> [$\\, $\\ | Rest];
escaped(_, C, _, Rest) when C >= $\s, C =< $~ -> [C | Rest];
escaped(latin1, C, _, Rest) when C >= 160, C =< 255 -> [C | Rest];
escaped(unicode, C, _, Rest) when C >= 160 -> [C | Rest];
escaped(as_latin1, C, _, Rest) when C >= 160, C =< 255 -> [C | Rest];
escaped(as_latin1, C, _, Rest) when C > 255 -> [$\\, $x, ${ | integer_to_list(C, 16) ++ [$} | Rest]];
escaped(_, $\n, _, Rest) -> [$\\, $n | Rest];
escaped(_, $\r, _, Rest) -> [$\\, $r | Rest];
escaped(_, $\t, _, Rest) -> [$\\, $t | Rest];
escaped(_, $\v, _, Rest) -> [$\\, $v | Rest];
escaped(_, $\b, _, Rest) -> [$\\, $b | Rest];
escaped(_, $\f, _, Rest) -> [$\\, $f | Rest];
escaped(_, $\e, _, Rest) -> [$\\, $e | Rest];
escaped(_, $\d, _, Rest) -> [$\\, $d | Rest];
escaped(_, C, _, Rest) when C < 160 ->
    %% Any other control character: three octal digits.
    [$\\, $0 + (C bsr 6), $0 + ((C bsr 3) band 7), $0 + (C band 7) | Rest].

%% printable_list/1 follows the printable range, Latin-1 by default.
printable_list(L) -> printable_latin1_list(L).

printable_latin1_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ -> printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when is_integer(C), C >= 160, C =< 255 -> printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t; C =:= $\v;
                                     C =:= $\b; C =:= $\f; C =:= $\e ->
    printable_latin1_list(Cs);
printable_latin1_list([]) -> true;
printable_latin1_list(_) -> false.

printable_unicode_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ -> printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when is_integer(C), C >= 160, C < 16#D800;
                                      is_integer(C), C > 16#DFFF, C < 16#FFFE;
                                      is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t; C =:= $\v;
                                      C =:= $\b; C =:= $\f; C =:= $\e ->
    printable_unicode_list(Cs);
printable_unicode_list([]) -> true;
printable_unicode_list(_) -> false.

%% A flat list of Unicode code points (no surrogates, no 16#FFFE or 16#FFFF).
char_list([C | Cs]) when is_integer(C), C >= 0, C < 16#D800;
                         is_integer(C), C > 16#DFFF, C < 16#FFFE;
                         is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    char_list(Cs);
char_list([]) -> true;
char_list(_) -> false.

deep_char_list(Cs) -> deep_char_list(Cs, []).

deep_char_list([C | Cs], More) when is_list(C) -> deep_char_list(C, [Cs | More]);
deep_char_list([C | Cs], More) when is_integer(C), C >= 0, C < 16#D800;
                                    is_integer(C), C > 16#DFFF, C < 16#FFFE;
                                    is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    deep_char_list(Cs, More);
deep_char_list([], [Cs | More]) -> deep_char_list(Cs, More);
deep_char_list([], []) -> true;
deep_char_list(_, _) -> false.

deep_unicode_char_list(Cs) -> deep_char_list(Cs).

latin1_char_list([C | Cs]) when is_integer(C), C >= 0, C =< 255 -> latin1_char_list(Cs);
latin1_char_list([]) -> true;
latin1_char_list(_) -> false.

deep_latin1_char_list(Cs) -> deep_latin1_char_list(Cs, []).

deep_latin1_char_list([C | Cs], More) when is_list(C) -> deep_latin1_char_list(C, [Cs | More]);
deep_latin1_char_list([C | Cs], More) when is_integer(C), C >= 0, C =< 255 ->
    deep_latin1_char_list(Cs, More);
deep_latin1_char_list([], [Cs | More]) -> deep_latin1_char_list(Cs, More);
deep_latin1_char_list([], []) -> true;
deep_latin1_char_list(_, _) -> false.

%% The number of characters in chardata: its bytes when it is an iolist, else its
%% grapheme clusters.
chars_length(S) ->
    try iolist_size(S)
    catch _:_ -> string:length(S)
    end.

%% The column after writing Chars from column Start (tabs stop every 8 columns).
indentation([$\n | Cs], _I) -> indentation(Cs, 0);
indentation([$\t | Cs], I) -> indentation(Cs, ((I + 8) div 8) * 8);
indentation([C | Cs], I) when is_integer(C) -> indentation(Cs, I + 1);
indentation([C | Cs], I) -> indentation(Cs, indentation(C, I));
indentation([], I) -> I.

%% ---- Formats as data ------------------------------------------------------------------

%% A format and its arguments as a list of characters (the literal text) and maps, one per
%% control sequence: control_char, args (what it takes; `*` fields are filled in), width,
%% adjust, precision, pad_char, encoding (unicode for t), strings (false for l).
%% A format that does not fit its arguments is badarg.
scan_format(Format, Args) when is_atom(Format) -> scan_format(atom_to_list(Format), Args);
scan_format(Format, Args) when is_binary(Format) -> scan_format(binary_to_list(Format), Args);
scan_format(Format, Args) ->
    try scan(lists:flatten(Format), Args)
    catch _:_ -> erlang:error(badarg, [Format, Args])
    end.

scan([$~ | Rest], Args) ->
    {Adjust, Rest1} = case Rest of
                          [$- | R] -> {left, R};
                          R -> {right, R}
                      end,
    {Width0, Rest2, Args1} = field(Rest1, Args),
    %% A negative width from `*` is a left-adjusted one.
    {Width, Adjust1} = case Width0 of
                           N0 when is_integer(N0), N0 < 0 -> {-N0, left};
                           _ -> {Width0, Adjust}
                       end,
    {Precision, Rest3, Args2} = case Rest2 of
                                    [$. | R2] -> field(R2, Args1);
                                    _ -> {none, Rest2, Args1}
                                end,
    {Pad, Rest4, Args3} = case Rest3 of
                              [$., $* | R3] -> {hd(Args2), R3, tl(Args2)};
                              [$., P | R3] when Precision =/= none; Rest2 =/= Rest3 -> {P, R3, Args2};
                              _ -> {$\s, Rest3, Args2}
                          end,
    {Encoding, Strings, [C | Rest5]} = modifiers(Rest4, latin1, true),
    true = lists:member(C, "cfegswpWPBX#bx+in~"),
    true = (C =/= $~ andalso C =/= $n) orelse (Encoding =:= latin1 andalso Strings),
    N = arg_count(C),
    {Taken, Args4} = lists:split(N, Args3),
    Spec = #{control_char => C, args => Taken, width => Width, adjust => Adjust1,
             precision => Precision, pad_char => Pad, encoding => Encoding,
             strings => Strings},
    [Spec | scan(Rest5, Args4)];
scan([Char | Rest], Args) ->
    [Char | scan(Rest, Args)];
scan([], []) ->
    [].

field([$* | Rest], [N | Args]) -> {N, Rest, Args};
field(Text, Args) ->
    case lists:splitwith(fun(C) -> C >= $0 andalso C =< $9 end, Text) of
        {[], _} -> {none, Text, Args};
        {Digits, Rest} -> {list_to_integer(Digits), Rest, Args}
    end.

modifiers([$t | Rest], _, Strings) -> modifiers(Rest, unicode, Strings);
modifiers([$l | Rest], Encoding, _) -> modifiers(Rest, Encoding, false);
modifiers(Rest, Encoding, Strings) -> {Encoding, Strings, Rest}.

arg_count(C) when C =:= $W; C =:= $P; C =:= $X; C =:= $x -> 2;
arg_count(C) when C =:= $n; C =:= $~ -> 0;
arg_count(_) -> 1.

%% The format and arguments scan_format/2 took apart.
unscan_format(FormatList) ->
    {Format, Args} = lists:foldr(fun unscan/2, {[], []}, FormatList),
    {Format, Args}.

unscan(#{control_char := C, args := Taken} = Spec, {Format, Args}) ->
    #{width := W, adjust := Adjust, precision := P, pad_char := Pad,
      encoding := Encoding, strings := Strings} = Spec,
    Field = fun(none) -> ""; (N) -> integer_to_list(N) end,
    Text = "~" ++ [$- || Adjust =:= left] ++ Field(W)
        ++ case {P, Pad} of
               {none, $\s} -> "";
               {_, $\s} -> "." ++ Field(P);
               _ -> "." ++ Field(P) ++ [$., Pad]
           end
        ++ [$t || Encoding =:= unicode] ++ [$l || Strings =:= false] ++ [C],
    {Text ++ Format, Taken ++ Args};
unscan(Char, {Format, Args}) ->
    {[Char | Format], Args}.

%% The text of a scanned format.
build_text(FormatList) ->
    {Format, Args} = unscan_format(FormatList),
    io_lib:format(Format, Args).

%% ---- Limiting terms -------------------------------------------------------------------

%% Term cut as ~P cuts it at Depth: what is past the depth becomes '...' (the last element
%% of a list or tuple that goes on). Printable lists and binaries stay whole; -1 is no limit.
limit_term(Term, Depth) when Depth < 0 -> Term;
limit_term(Term, Depth) -> limit(Term, Depth).

limit(_, 0) -> '...';
limit([_ | _], 1) -> ['...'];
limit(L, D) when is_list(L) ->
    case printable_list(L) of
        true -> L;
        false -> limit_list(L, D - 1)
    end;
limit(T, D) when is_tuple(T) -> list_to_tuple(limit_list(tuple_to_list(T), D - 1));
%% A map keeps its first D + 1 associations (in key order), their values cut a level deeper.
limit(M, D) when is_map(M) ->
    Pairs = lists:sublist(lists:sort(maps:to_list(M)), D + 1),
    maps:from_list([{K, limit(V, D - 1)} || {K, V} <- Pairs]);
limit(T, _D) -> T.

limit_list([], _D) -> [];
limit_list(_, 0) -> ['...'];
limit_list([H | T], D) -> [limit(H, D) | limit_list(T, D - 1)];
limit_list(Tail, D) -> limit(Tail, D).

