%% io_lib_fread: formatted input, behind io_lib:fread/2,3 and io:fread/2,3, with OTP 25's
%% results.
%%
%% fread(Format, Chars) reads one piece of input: {ok, Results, Rest}, {error, {fread,
%% What}}, or {more, RestFormat, Count, Stack} when the input ended before a directive of
%% the format could start (Count characters read, Stack the results so far, last first).
%%
%% fread(Cont, Chars, Format) is the io server's collector (get_until): it gathers whole
%% lines and reads each without its line end, carrying the count and the results from
%% line to line, so a format may span lines. Its continuation is
%% {RestFormat, LineSoFar (reversed), Count, Stack}.
%%
%% The directives: whitespace in the format skips any whitespace (space, tab, newline,
%% carriage return) in the input; another character must come next; ~ starts a control,
%% ~[*][Width][t]C with C one of ~ d u - # f s a c l. With a width, the field is that
%% many characters (not across a newline), leading whitespace stripped (and trailing
%% whitespace for strings and atoms), and must be wholly the thing read.
-module(io_lib_fread).

-export([fread/2, fread/3]).

-define(WHITE(C), (C =:= $\s orelse C =:= $\t orelse C =:= $\n orelse C =:= $\r)).

%% ---------------------------------------------------------------------
%% The collector

fread([], Chars, Format) when is_list(Chars) ->
    collect(Format, [], 0, [], Chars);
fread([], Other, _Format) ->
    {done, eof, Other};
fread({RestFormat, Line, Count, Stack}, Chars, _Format) ->
    collect(RestFormat, Line, Count, Stack, Chars).

collect(Format, Line, Count, Stack, [$\n | After]) ->
    case Line of
        [$\r | Body] -> line(Format, lists:reverse(Body), "\r\n", Count, Stack, After);
        _ -> line(Format, lists:reverse(Line), "\n", Count, Stack, After)
    end;
collect(Format, Line, Count, Stack, [C | Cs]) ->
    collect(Format, [C | Line], Count, Stack, Cs);
collect(Format, Line, Count, Stack, []) ->
    {more, {Format, Line, Count, Stack}};
%% The end of the input (eof, or anything that is not characters).
collect(_Format, [], 0, [], End) ->
    {done, eof, End};
collect(_Format, [], _Count, _Stack, End) ->
    {done, {error, {fread, input}}, End};
collect(Format, Line, Count, Stack, End) ->
    case fread(Format, lists:reverse(Line), Count, Stack) of
        {ok, Results, Rest} -> {done, {ok, Results}, Rest};
        {more, _, _, _} -> {done, {error, {fread, input}}, End};
        Error -> {done, Error, End}
    end.

%% A whole line: its body is read; what the format leaves of it stays for the next read.
line(Format, Body, Nl, Count, Stack, After) ->
    case fread(Format, Body, Count, Stack) of
        {ok, Results, []} -> {done, {ok, Results}, After};
        {ok, Results, Rest} -> {done, {ok, Results}, Rest ++ Nl ++ After};
        {more, RestFormat, Count1, Stack1} ->
            collect(RestFormat, [], Count1 + length(Nl), Stack1, After);
        Error -> {done, Error, After}
    end.

%% ---------------------------------------------------------------------
%% Reading one piece of input

fread(Format, Chars) ->
    fread(Format, Chars, 0, []).

fread([], Chars, _Count, Stack) ->
    {ok, lists:reverse(Stack), Chars};
fread([$~ | Control], Chars, Count, Stack) ->
    control(Control, [$~ | Control], Chars, Count, Stack);
fread([C | Format], Chars, Count, Stack) when ?WHITE(C) ->
    {Chars1, Count1} = skip_white(Chars, Count),
    fread(Format, Chars1, Count1, Stack);
fread([C | Format], [C | Chars], Count, Stack) ->
    fread(Format, Chars, Count + 1, Stack);
fread([_ | _] = Format, [], Count, Stack) ->
    {more, Format, Count, Stack};
fread([_ | _], _Chars, _Count, _Stack) ->
    {error, {fread, input}}.

%% The modifiers of a control, then its character.
control(Control, Directive, Chars, Count, Stack) ->
    {Suppress, C1} = case Control of
                         [$* | T1] -> {true, T1};
                         _ -> {false, Control}
                     end,
    {Width, C2} = width(C1, none),
    {Unicode, C3} = case C2 of
                        [$t | T3] -> {true, T3};
                        _ -> {false, C2}
                    end,
    case C3 of
        [$l | Format] ->
            fread(Format, Chars, Count, push(Suppress, Count, Stack));
        _ when Chars =:= [] ->
            {more, Directive, Count, Stack};
        [C | Format] ->
            case directive(C, Width, Unicode, Chars) of
                {ok, Value, Used, Rest} ->
                    fread(Format, Rest, Count + Used, push(Suppress, Value, Stack));
                {skip, Used, Rest} ->
                    fread(Format, Rest, Count + Used, Stack);
                error ->
                    {error, {fread, what(C)}};
                format_error ->
                    {error, {fread, format}}
            end;
        [] ->
            {error, {fread, format}}
    end.

width([D | T], W) when D >= $0, D =< $9 ->
    width(T, case W of none -> D - $0; _ -> W * 10 + D - $0 end);
width(T, W) ->
    {W, T}.

push(true, _Value, Stack) -> Stack;
push(false, Value, Stack) -> [Value | Stack].

what($d) -> integer;
what($u) -> unsigned;
what($#) -> based;
what($f) -> float;
what($s) -> string;
what($a) -> atom;
what($c) -> character.

%% One control on input that is not empty: {ok, Value, Used, Rest}, {skip, Used, Rest} for
%% ~~ (which yields nothing), or error.
directive($~, _Width, false, [$~ | Rest]) ->
    {skip, 1, Rest};
directive($d, Width, false, Chars) ->
    number(Width, Chars, fun integer/1);
directive($#, Width, false, Chars) ->
    number(Width, Chars, fun based/1);
directive($f, Width, false, Chars) ->
    number(Width, Chars, fun float/1);
directive($u, Width, false, Chars) ->
    Base = case Width of none -> 10; _ -> Width end,
    case Base >= 2 andalso Base =< 36 of
        true ->
            case digits(Chars, Base, 0, 0) of
                {0, _, _} -> error;
                {N, Value, Rest} -> {ok, Value, N, Rest}
            end;
        false ->
            format_error
    end;
directive($-, _Width, false, [$- | Rest]) ->
    {ok, -1, 1, Rest};
directive($-, _Width, false, [$+ | Rest]) ->
    {ok, 1, 1, Rest};
directive($-, _Width, false, Chars) ->
    {ok, 1, 0, Chars};
directive($s, Width, Unicode, Chars) ->
    string(Width, Unicode, Chars);
directive($a, Width, true, _Chars) when Width =/= none ->
    format_error;
directive($a, Width, Unicode, Chars) ->
    case string(Width, Unicode, Chars) of
        {ok, S, Used, Rest} -> {ok, list_to_atom(S), Used, Rest};
        error -> error
    end;
directive($c, Width, Unicode, Chars) ->
    N = case Width of none -> 1; _ -> Width end,
    case field(N, Chars, []) of
        {ok, Field, Rest} ->
            case Unicode orelse latin1(Field) of
                true -> {ok, Field, N, Rest};
                false -> error
            end;
        error ->
            error
    end;
directive(_C, _Width, _Unicode, _Chars) ->
    format_error.

%% A number: without a width, whitespace is skipped and the longest number read; with a
%% width, the whole field must be one.
number(none, Chars, Read) ->
    {Chars1, Skipped} = skip_white(Chars, 0),
    case Read(Chars1) of
        {ok, Value, Used, Rest} -> {ok, Value, Skipped + Used, Rest};
        error -> error
    end;
number(Width, Chars, Read) ->
    case field(Width, Chars, []) of
        {ok, Field, Rest} ->
            {Field1, _} = skip_white(Field, 0),
            case Read(Field1) of
                {ok, Value, _, []} -> {ok, Value, Width, Rest};
                _ -> error
            end;
        error ->
            error
    end.

%% [+-]Digits
integer(Chars) ->
    {Sign, Signed, Chars1} = sign(Chars),
    case digits(Chars1, 10, 0, 0) of
        {0, _, _} -> error;
        {N, Value, Rest} -> {ok, Sign * Value, Signed + N, Rest}
    end.

%% [+-]Base#Digits, Base from 2 to 36
based(Chars) ->
    {Sign, Signed, Chars1} = sign(Chars),
    case digits(Chars1, 10, 0, 0) of
        {N, Base, [$# | Chars2]} when N > 0, Base >= 2, Base =< 36 ->
            case digits(Chars2, Base, 0, 0) of
                {0, _, _} -> error;
                {M, Value, Rest} -> {ok, Sign * Value, Signed + N + 1 + M, Rest}
            end;
        _ ->
            error
    end.

%% [+-]Digits.Digits[(e|E)[+-]Digits], as Erlang writes a float
float(Chars) ->
    {_, Signed, Chars1} = sign(Chars),
    case digits(Chars1, 10, 0, 0) of
        {N, _, [$. | Chars2]} when N > 0 ->
            case digits(Chars2, 10, 0, 0) of
                {0, _, _} -> error;
                {M, _, Rest} -> exponent(Chars, Signed + N + 1 + M, Rest)
            end;
        _ ->
            error
    end.

exponent(Chars, Used, [E | Chars1]) when E =:= $e; E =:= $E ->
    {_, Signed, Chars2} = sign(Chars1),
    case digits(Chars2, 10, 0, 0) of
        {0, _, _} -> error;
        {N, _, Rest} -> to_float(Chars, Used + 1 + Signed + N, Rest)
    end;
exponent(Chars, Used, Rest) ->
    to_float(Chars, Used, Rest).

to_float(Chars, Used, Rest) ->
    try list_to_float(lists:sublist(Chars, Used)) of
        F -> {ok, F, Used, Rest}
    catch
        error:badarg -> error
    end.

sign([$- | Chars]) -> {-1, 1, Chars};
sign([$+ | Chars]) -> {1, 1, Chars};
sign(Chars) -> {1, 0, Chars}.

%% The digits that come first: {Count, Value, Rest}. Decimal digits are taken whatever
%% the base (one beyond it makes the number no number: {0, 0, Chars}), letters only as
%% digits of the base.
digits(Chars, Base, N, Value) ->
    digits(Chars, Chars, Base, N, Value).

digits(Start, [C | Chars] = All, Base, N, Value) ->
    case digit(C) of
        D when D < Base -> digits(Start, Chars, Base, N + 1, Value * Base + D);
        D when D < 10 -> {0, 0, Start};
        _ -> {N, Value, All}
    end;
digits(_Start, Chars, _Base, N, Value) ->
    {N, Value, Chars}.

digit(C) when C >= $0, C =< $9 -> C - $0;
digit(C) when C >= $a, C =< $z -> C - $a + 10;
digit(C) when C >= $A, C =< $Z -> C - $A + 10;
digit(_) -> 99.

%% ~s and ~a: without a width, the characters up to whitespace (and, without the t
%% modifier, up to one beyond Latin-1, which may not come first); with a width, the field.
string(none, Unicode, Chars) ->
    {Chars1, Skipped} = skip_white(Chars, 0),
    {S, N, Rest} = nonwhite(Chars1, Unicode, [], 0),
    case {N, Rest} of
        {0, [C | _]} when C > 255, not Unicode -> error;
        _ -> {ok, S, Skipped + N, Rest}
    end;
string(Width, Unicode, Chars) ->
    case field(Width, Chars, []) of
        {ok, Field, Rest} ->
            %% The field without whitespace at either end.
            {Field1, _} = skip_white(Field, 0),
            {Field2, _} = skip_white(lists:reverse(Field1), 0),
            case Unicode orelse latin1(Field2) of
                true -> {ok, lists:reverse(Field2), Width, Rest};
                false -> error
            end;
        error ->
            error
    end.

nonwhite([C | Chars] = All, Unicode, Acc, N) ->
    case white(C) orelse (C > 255 andalso not Unicode) of
        true -> {lists:reverse(Acc), N, All};
        false -> nonwhite(Chars, Unicode, [C | Acc], N + 1)
    end;
nonwhite(Chars, _Unicode, Acc, N) ->
    {lists:reverse(Acc), N, Chars}.

%% The next N characters, not across a line end.
field(0, Chars, Acc) ->
    {ok, lists:reverse(Acc), Chars};
field(N, [C | Chars], Acc) when C =/= $\n ->
    field(N - 1, Chars, [C | Acc]);
field(_N, _Chars, _Acc) ->
    error.

latin1(Chars) ->
    lists:all(fun(C) -> C =< 255 end, Chars).

skip_white([C | Chars] = All, N) ->
    case white(C) of
        true -> skip_white(Chars, N + 1);
        false -> {All, N}
    end;
skip_white(Chars, N) ->
    {Chars, N}.

white(C) -> ?WHITE(C).
