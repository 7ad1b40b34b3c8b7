-module(err_error_custom).
-export([main/0]).

main() ->
    io:format("validating~n"),
    validate(#{age => -5}).

validate(#{age := A}) when A < 0 -> error({invalid_age, A});
validate(_) -> ok.
