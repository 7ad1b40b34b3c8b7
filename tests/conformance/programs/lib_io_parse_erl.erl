%% io:scan_erl_exprs, io:parse_erl_exprs, io:parse_erl_form and io:scan_erl_form on
%% standard input: expressions and forms over several lines, line numbers, a syntax error,
%% and the end of the input.
-module(lib_io_parse_erl).
-export([main/0]).

main() ->
    io:format("~p~n", [io:scan_erl_exprs('> ')]),
    io:format("~p~n", [io:parse_erl_exprs('> ')]),
    io:format("~p~n", [io:parse_erl_exprs(standard_io, '> ', 10)]),
    {ok, Es, _} = io:parse_erl_exprs(""),
    io:format("~p~n", [erl_eval:exprs(Es, [])]),
    io:format("~p~n", [io:parse_erl_exprs("")]),
    io:format("~p~n", [io:scan_erl_exprs(standard_io, "", 5, [])]),
    io:format("~p~n", [io:parse_erl_form("")]),
    io:format("~p~n", [io:scan_erl_form(standard_io, "", 20)]),
    io:format("~p~n", [io:parse_erl_exprs("")]),
    io:format("~p~n", [io:parse_erl_exprs("")]).
