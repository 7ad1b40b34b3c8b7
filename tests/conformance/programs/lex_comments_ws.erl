-module(lex_comments_ws). % trailing comment
%%% header comment
-export([main/0]).

%% A function with odd whitespace.
main()->io:format("~p~n",[add( 1 ,2 )]),
    X   =   % comment between tokens
        5,
    Y=X*2,io:format("~p~n",[Y]),
    io:format("~p~n",[
        [1,
         2,   % element comment
         3
        ]]),
	io:format("tab indented~n"),
    Z = fun
            (A)
                ->
                A+1
        end,
    io:format("~p~n", [Z(41)]),
    io:format("~p~n", [- 5]),
    io:format("~p~n", [1-1]),
    io:format("~p~n", [3 - -2]),
    io:format("~p~n", [2- -2]),
    io:format("~p~n", ["string with % percent"]),
    io:format("~p~n", ['atom%notcomment']),
    ok.

add(A,B)->A+B.
