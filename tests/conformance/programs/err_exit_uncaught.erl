-module(err_exit_uncaught).
-export([main/0]).

main() ->
    io:format("shutting down~n"),
    stop({shutdown, "maintenance"}).

stop(Reason) -> exit(Reason).
