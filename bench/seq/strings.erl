%% String processing: tokenizing, reversing, upper-casing and joining lines of text.
-module(strings).
-export([main/0]).

main() -> ember_bench:run(fun() -> loop(20000, 0) end).

loop(0, Acc) -> Acc;
loop(N, Acc) ->
    Line = "the quick brown fox " ++ integer_to_list(N) ++ " jumps over the lazy dog",
    Words = string:tokens(Line, " "),
    Up = [string:to_upper(W) || W <- Words],
    Joined = string:join(lists:reverse(Up), "-"),
    loop(N - 1, (Acc + length(Joined) + hd(Joined)) band 16#FFFFFF).
