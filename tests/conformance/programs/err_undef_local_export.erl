-module(err_undef_local_export).
-export([main/0]).

main() ->
    io:format("local works: ~p~n", [helper()]),
    ?MODULE:helper().

helper() -> local_only.
