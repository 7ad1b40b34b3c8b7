-module(err_raise_custom).
-export([main/0]).

main() ->
    io:format("re-raising with a synthetic stack~n"),
    erlang:raise(error, {synthetic, 42}, [{some_module, some_function, 2, [{file, "some_module.erl"}, {line, 10}]},
                                         {other_module, other_function, [a, "b"], []}]).
