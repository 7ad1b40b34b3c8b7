%% io_lib:scan_format/2, unscan_format/1 and build_text/1 (formats as data and back), and
%% io_lib:limit_term/2 (terms cut as ~P cuts them).
-module(lib_io_lib_scan).
-export([main/0]).

main() ->
    io:format("~p~n", [io_lib:scan_format("a~p b~-10.3.xs~n~*w~tp~~", [x, "y", 5, z, [1]])]),
    Fs = ["~*w|~-10.3.xs|~10..0B|~.2f|~tp|~lp|~5c|~W|~n~~", "plain", "~p~p", "~10.4e|~-8s|"],
    As = [[5, z, "y", 42, 1.5, x, y, $a, w, 2], [], [a, b], [3.14159, "ab"]],
    [io:format("~p~n", [io_lib:unscan_format(io_lib:scan_format(F, A))]) || {F, A} <- lists:zip(Fs, As)],
    [io:format("~s~n", [io_lib:build_text(io_lib:scan_format(F, A))]) || {F, A} <- lists:zip(Fs, As)],
    Terms = [{{a, [1,2,3,4,5,6], "abcdef", #{k => v}}, 3}, {[1,2,3,4,5], 2}, {{a,{b,{c,{d}}}}, 2},
             {<<1,2,3,4,5,6,7,8,9,10>>, 3}, {[a|b], 1}, {[[1,2],[3,4]], 3}, {{a,b,c,d}, 3},
             {#{a=>1,b=>2}, 2}, {#{a=>{1,2,3},b=>2}, 3}, {[1,2|c], 5}, {[1,2|c], 3}, {"abc", 2},
             {foo, 0}, {{a}, 0}, {{a}, 1}, {[], 1}, {{}, 1}, {[1,2,3], -1}, {{[a,b],c}, 4}],
    [io:format("~p~n", [io_lib:limit_term(T, D)]) || {T, D} <- Terms],
    %% A negative * width adjusts left; formats that do not fit are badarg.
    io:format("~p~n", [io_lib:scan_format("~*w", [-5, abc])]),
    [io:format("~p~n", [try io_lib:scan_format(F, A) catch error:E -> E end])
     || {F, A} <- [{"~tl~p", [x]}, {"~p", [x, y]}, {"~k", [x]}, {"~", []}, {"~p", []}]],
    [io:format("~p~n", [io_lib:limit_term(T, D)])
     || {T, D} <- [{#{a => 1, b => [1, 2, 3], c => 3, d => 4}, 1}, {#{a => 1, b => [1, 2, 3], c => 3, d => 4}, 2},
                   {"abcdef", 1}, {{"ab", x}, 2}]],
    ok.
