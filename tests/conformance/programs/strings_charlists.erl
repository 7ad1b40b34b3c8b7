-module(strings_charlists).
-export([main/0]).

main() ->
    S = "The Quick Brown Fox Jumps Over The Lazy Dog",
    io:format("words: ~p~n", [words(S)]),
    io:format("word count: ~p~n", [length(words(S))]),
    io:format("capitalized: ~p~n", [[W || W <- words(S), is_cap(W)]]),
    io:format("acronym: ~s~n", [[hd(W) || W <- words(S)]]),
    io:format("reversed words: ~s~n", [lists:join(" ", lists:reverse(words(S)))]),
    io:format("palindromes: ~p~n", [[W || W <- ["level", "hello", "racecar", "abba", "abc", ""], W =:= lists:reverse(W)]]),
    io:format("caesar: ~s~n", [caesar("Hello, World!", 3)]),
    io:format("uncaesar: ~s~n", [caesar(caesar("Hello, World!", 3), 23)]),
    io:format("vowels: ~p~n", [length([C || C <- string:to_lower(S), lists:member(C, "aeiou")])]),
    io:format("char freq: ~p~n", [freq("hello world")]),
    io:format("int to str: ~s~n", [itoa(-12345)]),
    io:format("str to int: ~p~n", [atoi("98765")]),
    io:format("trim: ~p~n", [trim("   spaced out   ")]),
    io:format("replace: ~p~n", [replace_all("a.b.c.d", $., $/)]),
    io:format("starts with: ~p ~p~n", [starts_with("The", S), starts_with("Fox", S)]),
    io:format("nested iolist len: ~p~n", [iolist_size(["ab", [$c, ["de"]], <<"fg">>])]),
    io:format("concat: ~s~n", [lists:concat(["count=", 42, ", ratio=", 0.5, ", atom=", ok])]),
    ok.

words(S) -> string:tokens(S, " ").
is_cap([C | _]) -> C >= $A andalso C =< $Z.

caesar(S, N) -> [shift(C, N) || C <- S].
shift(C, N) when C >= $a, C =< $z -> $a + (C - $a + N) rem 26;
shift(C, N) when C >= $A, C =< $Z -> $A + (C - $A + N) rem 26;
shift(C, _) -> C.

freq(S) -> lists:sort(maps:to_list(lists:foldl(fun(C, M) -> M#{[C] => maps:get([C], M, 0) + 1} end, #{}, S))).

itoa(N) when N < 0 -> [$- | itoa(-N)];
itoa(N) when N < 10 -> [$0 + N];
itoa(N) -> itoa(N div 10) ++ [$0 + N rem 10].

atoi(S) -> lists:foldl(fun(C, Acc) -> Acc * 10 + C - $0 end, 0, S).

trim(S) -> lists:reverse(strip(lists:reverse(strip(S)))).
strip([$\s | T]) -> strip(T);
strip(S) -> S.

starts_with([], _) -> true;
starts_with([C | P], [C | S]) -> starts_with(P, S);
starts_with(_, _) -> false.

replace_all(S, From, To) -> [case C of From -> To; _ -> C end || C <- S].
