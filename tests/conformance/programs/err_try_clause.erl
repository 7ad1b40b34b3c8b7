-module(err_try_clause).
-export([main/0]).

main() ->
    io:format("checking~n"),
    try compute(3) of
        {ok, V} -> io:format("ok ~p~n", [V])
    catch
        throw:_ -> io:format("thrown~n")
    end.

compute(N) -> {partial, N * 2}.
