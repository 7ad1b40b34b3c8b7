-module(pretty_strings).
-export([main/0]).

main() ->
    io:format("~p~n", ["simple"]),
    io:format("~p~n", ["line1\nline2\nline3"]),
    io:format("~p~n", ["tab\there"]),
    io:format("~p~n", ["quote\"here"]),
    io:format("~p~n", ["single'quote"]),
    io:format("~p~n", ["back\\slash"]),
    io:format("~p~n", ["A very long string that will certainly not fit on a single line of eighty columns of text output"]),
    io:format("~p~n", [["short", "list", "of", "strings"]]),
    io:format("~p~n", [[lists:flatten(io_lib:format("string number ~b", [I])) || I <- lists:seq(1, 8)]]),
    io:format("~p~n", [{"tuple", "with strings", [$n, $e, $s, $t, $e, $d]}]),
    io:format("~p~n", ["unicode: \x{263A} smile"]),
    io:format("~tp~n", ["unicode: \x{263A} smile"]),
    io:format("~p~n", ["caf\x{e9}"]),
    io:format("~tp~n", ["caf\x{e9}"]),
    io:format("~p~n", [[$a, $b, -1]]),
    io:format("~p~n", [[$a, $b, 1.0]]),
    io:format("~p~n", [[$a, $b | $c]]),
    io:format("~p~n", ["\e[1mbold\e[0m"]),
    io:format("~p~n", ["nul\0char"]),
    io:format("~p~n", [["nested", ["deeper", ["deepest"]]]]),
    io:format("~p~n", [[[$a], [$b]]]),
    io:format("~p~n", [lists:duplicate(3, "repeat")]),
    io:format("~s~n", ["~s does not escape \"quotes\""]),
    io:format("~p~n", [{"key", [{"inner key", "inner value"}, {"second inner", "second value"}, {"third", "v"}]}]),
    ok.
