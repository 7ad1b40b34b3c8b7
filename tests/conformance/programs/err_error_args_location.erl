%% error/2,3 replace the top frame's arguments; its location stays when the call is not the
%% function's last, and goes when it is.
-module(err_error_args_location).
-export([main/0]).

main() ->
    M = erlang,
    F = error,
    show(try apply(M, F, [w, [1]]) catch error:_:S1 -> S1 end),
    show(try erlang:error(v, [2]) catch error:_:S2 -> S2 end),
    show(try M:F(u, [3]) catch error:_:S3 -> S3 end),
    show(try erlang:error(t, [4], [{error_info, #{}}]) catch error:_:S4 -> S4 end),
    show(try last(5) catch error:_:S5 -> S5 end),
    show(try not_last(6) catch error:_:S6 -> S6 end),
    ok.

last(X) -> error(bad, [X]).

not_last(X) ->
    Y = error(bad, [X]),
    {Y}.

%% The frames of this module only (the harness's own frames differ between VMs).
show(Stack) ->
    io:format("~p~n", [[Fr || Fr <- Stack, element(1, Fr) =:= ?MODULE]]).
