-module(err_badkey_update).
-export([main/0]).

main() ->
    M = #{count => 1},
    io:format("updated: ~p~n", [set(count, M)]),
    set(total, M).

set(count, M) -> M#{count := 2};
set(total, M) -> M#{total := 0}.
