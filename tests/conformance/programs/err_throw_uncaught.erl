-module(err_throw_uncaught).
-export([main/0]).

main() ->
    io:format("about to throw~n"),
    find([1, 2, 3], 2).

find([X | _], X) -> throw({found, X});
find([_ | T], X) -> find(T, X);
find([], _) -> not_found.
