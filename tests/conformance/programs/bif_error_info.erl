%% The error_info of a failing built-in names the module that explains the error: the
%% runtime's for erlang's built-ins, the library's for lists, maps, binary, math, ...
-module(bif_error_info).
-export([main/0]).

main() ->
    Calls = [
        fun() -> lists:keyfind(a, 0, []) end,
        fun() -> binary:part(<<>>, 5, 1) end,
        fun() -> maps:get(a, id(#{})) end,
        fun() -> maps:find(a, id(x)) end,
        fun() -> maps:keys(id(x)) end,
        fun() -> maps:merge(id(x), #{}) end,
        fun() -> maps:put(k, v, id(x)) end,
        fun() -> maps:update(k, v, id(#{})) end,
        fun() -> maps:remove(k, id(x)) end,
        fun() -> math:sqrt(id(-1)) end,
        fun() -> lists:member(a, id(b)) end,
        fun() -> erlang:atom_to_list(id(1)) end,
        fun() -> binary:first(<<>>) end,
        fun() -> maps:from_list(id(a)) end,
        fun() -> maps:is_key(a, id(b)) end,
        fun() -> maps:values(id(a)) end,
        fun() -> maps:size(id(a)) end
    ],
    [begin
         {'EXIT', {Reason, [Top | _]}} = (catch F()),
         io:format("~p ~p~n", [Reason, Top])
     end || F <- Calls],
    ok.

id(X) -> X.
