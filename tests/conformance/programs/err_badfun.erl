-module(err_badfun).
-export([main/0]).

main() ->
    F = get_callback(good),
    io:format("good callback: ~p~n", [F(1)]),
    G = get_callback(bad),
    G(1).

get_callback(good) -> fun(X) -> X + 1 end;
get_callback(bad) -> {not_a, fun_value}.
