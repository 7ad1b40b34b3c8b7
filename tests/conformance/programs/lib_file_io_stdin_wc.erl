-module(lib_file_io_stdin_wc).
-export([main/0]).

%% A filter in the style of `ember run prog.erl < input`: a reader process takes standard
%% input line by line until its end and sends each line to main, which counts lines,
%% words and characters and sums the numbers it finds; then the totals.

main() ->
    Main = self(),
    Reader = spawn(fun() -> read_lines(Main) end),
    Totals = collect(Reader, #{lines => 0, words => 0, chars => 0, sum => 0}),
    io:format("lines ~w, words ~w, characters ~w, sum ~w~n",
              [maps:get(lines, Totals), maps:get(words, Totals),
               maps:get(chars, Totals), maps:get(sum, Totals)]).

read_lines(To) ->
    case io:get_line("") of
        eof -> To ! {self(), eof};
        Line -> To ! {self(), line, Line}, read_lines(To)
    end.

collect(Reader, T) ->
    receive
        {Reader, eof} ->
            T;
        {Reader, line, Line} ->
            Words = string:lexemes(Line, " \t\n"),
            Sum = lists:sum([N || W <- Words, {N, []} <- [string:to_integer(W)]]),
            io:format("~3w: ~s", [maps:get(lines, T) + 1, Line]),
            collect(Reader, T#{lines := maps:get(lines, T) + 1,
                               words := maps:get(words, T) + length(Words),
                               chars := maps:get(chars, T) + length(Line),
                               sum := maps:get(sum, T) + Sum})
    end.
