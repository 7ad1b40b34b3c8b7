-module(attrs_export_all).
-compile(export_all).
-compile(nowarn_export_all).

main() ->
    io:format("helper: ~p~n", [?MODULE:helper(5)]),
    io:format("apply: ~p~n", [apply(?MODULE, another, [])]),
    Exports = lists:sort(?MODULE:module_info(exports)),
    io:format("exports: ~p~n", [Exports]),
    io:format("exported helper: ~p~n", [erlang:function_exported(?MODULE, helper, 1)]),
    ok.

helper(X) -> X * 11.

another() -> {another, called}.
