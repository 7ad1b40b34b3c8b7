%% erl_scan: the parts of OTP's scanner that are not built-ins (string/1,2 and tokens/3
%% are, in vm/src/bif/scan.rs): what a token is made of, reserved words, error text, and
%% the forms with options (which are not used: tokens carry lines, not text).
-module(erl_scan).

-export([category/1, symbol/1, line/1, column/1, location/1, text/1, end_location/1,
         reserved_word/1, format_error/1, string/3, tokens/4]).

category({Category, _Anno, _Symbol}) -> Category;
category({Category, _Anno}) -> Category.

symbol({_Category, _Anno, Symbol}) -> Symbol;
symbol({Category, _Anno}) -> Category.

line(Token) -> anno_line(element(2, Token)).

column(Token) -> anno_column(element(2, Token)).

location(Token) ->
    case anno_column(element(2, Token)) of
        undefined -> anno_line(element(2, Token));
        Column -> {anno_line(element(2, Token)), Column}
    end.

%% Tokens have no text unless scanned with the text option, which is not supported.
text(Token) -> anno_text(element(2, Token)).

end_location(_Token) -> undefined.

anno_line(Line) when is_integer(Line) -> Line;
anno_line({Line, _Column}) -> Line;
anno_line(Anno) when is_list(Anno) -> anno_line(proplists:get_value(location, Anno, 0)).

anno_column({_Line, Column}) -> Column;
anno_column(Anno) when is_list(Anno) -> anno_column(proplists:get_value(location, Anno, 0));
anno_column(_) -> undefined.

anno_text(Anno) when is_list(Anno) -> proplists:get_value(text, Anno);
anno_text(_) -> undefined.

reserved_word(Atom) ->
    lists:member(Atom, ['after', 'begin', 'case', 'try', 'cond', 'catch', 'andalso',
                        'orelse', 'end', 'fun', 'if', 'let', 'of', 'receive', 'when',
                        'bnot', 'not', 'div', 'rem', 'band', 'and', 'bor', 'bxor', 'bsl',
                        'bsr', 'or', 'xor']).

format_error({string, $', Head}) ->
    "unterminated atom starting with " ++ io_lib:write_string(Head, $');
format_error({string, $", Head}) ->
    "unterminated string starting with " ++ io_lib:write_string(Head, $");
format_error({string, Quote, Head}) ->
    "unterminated " ++ [Quote] ++ " starting with " ++ io_lib:write_string(Head, Quote);
format_error({illegal, Type}) ->
    io_lib:fwrite("illegal ~w", [Type]);
format_error(char) ->
    "unterminated character";
format_error({base, Base}) ->
    io_lib:fwrite("illegal base '~w'", [Base]);
format_error(indentation) ->
    "bad indentation in triple-quoted string";
format_error(Other) ->
    io_lib:write(Other).

string(String, StartLocation, _Options) -> erl_scan:string(String, StartLocation).

tokens(Continuation, Chars, StartLocation, _Options) ->
    erl_scan:tokens(Continuation, Chars, StartLocation).
