-module(err_print_then_crash).
-export([main/0]).

%% A lot of output before the crash: all of it must reach stdout.
main() ->
    lists:foreach(fun(I) -> io:format("line ~4..0b: ~s~n", [I, lists:duplicate(I rem 60, $#)]) end,
                  lists:seq(1, 3000)),
    io:put_chars("last line before crash\n"),
    erlang:error(after_lots_of_output).
