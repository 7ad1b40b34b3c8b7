%% erlang:spawn_request/1..5 in each of its forms, on this node, with the options that
%% shape its reply; send/3 and send_nosuspend/2,3 and their options; references as text
%% (ref_to_list/1, list_to_ref/1); bump_reductions/1; apply/2,3 and subtract/2 as
%% functions.
-module(lib_erlang_spawn_request).
-export([main/0, report/2]).

report(Parent, What) -> Parent ! {ran, What}.

%% The reply to request Ref, then the message the new process sends.
await(Ref) ->
    receive
        {Tag, Ref, Result, Pid} when is_pid(Pid) ->
            io:format("reply ~p ~p~n", [Tag, Result]),
            ran();
        {Tag, Ref, Result, Reason} ->
            io:format("reply ~p ~p ~p~n", [Tag, Result, Reason])
    after 1000 ->
            io:format("no reply~n")
    end.

ran() ->
    receive
        {ran, What} -> io:format("ran ~p~n", [What])
    after 1000 -> io:format("did not run~n")
    end.

error_of(F) ->
    try F() of
        V -> io:format("returned ~p~n", [V])
    catch
        error:R:S ->
            [{M, Fn, Args, _} | _] = S,
            io:format("error ~p from ~p:~p/~p~n", [R, M, Fn, length(Args)])
    end.

main() ->
    Me = self(),
    await(erlang:spawn_request(fun() -> report(Me, one) end)),
    await(erlang:spawn_request(fun() -> report(Me, two) end, [{reply_tag, two}])),
    await(erlang:spawn_request(node(), fun() -> report(Me, three) end)),
    R4 = erlang:spawn_request(node(), fun() -> report(Me, four) end, [{reply, no}, monitor]),
    ran(),
    receive {'DOWN', R4, process, _, Why4} -> io:format("down ~p~n", [Why4]) end,
    await(erlang:spawn_request(?MODULE, report, [Me, five])),
    await(erlang:spawn_request(node(), ?MODULE, report, [Me, six])),
    await(erlang:spawn_request(?MODULE, report, [Me, seven], [{reply_tag, seven}])),
    await(erlang:spawn_request(node(), ?MODULE, report, [Me, eight], [{reply, success_only}])),
    await(erlang:spawn_request(elsewhere@nohost, ?MODULE, report, [Me, nine], [])),
    await(erlang:spawn_request(elsewhere@nohost, fun() -> ok end, [{reply, error_only}])),
    [error_of(F) || F <- [fun() -> erlang:spawn_request(fun(X) -> X end) end,
                          fun() -> erlang:spawn_request(notfun) end,
                          fun() -> erlang:spawn_request(fun() -> ok end, bad) end,
                          fun() -> erlang:spawn_request(1, fun() -> ok end) end,
                          fun() -> erlang:spawn_request(a, b, [c], d) end,
                          fun() -> erlang:spawn_request(a, b, c, d) end,
                          fun() -> erlang:spawn_request(node(), fun(_) -> ok end, []) end]],
    %% Sending with options.
    error_of(fun() -> erlang:send(self(), x, [bad]) end),
    error_of(fun() -> erlang:send(self(), x, nolist) end),
    error_of(fun() -> erlang:send(self(), x, [noconnect, nosuspend]) end),
    error_of(fun() -> erlang:send_nosuspend(self(), y) end),
    error_of(fun() -> erlang:send_nosuspend(self(), z, [noconnect]) end),
    error_of(fun() -> erlang:send_nosuspend(nobody, y) end),
    error_of(fun() -> erlang:send_nosuspend(self(), y, x) end),
    io:format("~p~n", [[receive M -> M after 0 -> none end || _ <- [1, 2, 3, 4]]]),
    %% References as text.
    Ref = make_ref(),
    io:format("~p~n", [list_to_ref(ref_to_list(Ref)) =:= Ref]),
    io:format("~p~n", [is_reference(list_to_ref("#Ref<0.1.2.3>"))]),
    io:format("~s~n", [ref_to_list(list_to_ref("#Ref<0.1.2.3>"))]),
    [error_of(F) || F <- [fun() -> list_to_ref("#Ref<0.1.2>") end,
                          fun() -> list_to_ref("#Ref<1.1.2.3>") end,
                          fun() -> list_to_ref("Ref<0.1.2.3>") end,
                          fun() -> list_to_ref(bad) end,
                          fun() -> ref_to_list(bad) end]],
    %% Reductions, apply and subtract as functions.
    error_of(fun() -> erlang:bump_reductions(1000) end),
    error_of(fun() -> erlang:bump_reductions(-1) end),
    error_of(fun() -> erlang:bump_reductions(1.0) end),
    io:format("~p ~p~n", [erlang:function_exported(erlang, apply, 2),
                          erlang:function_exported(erlang, apply, 3)]),
    io:format("~p~n", [(fun erlang:apply/2)(fun(X) -> X * 2 end, [21])]),
    io:format("~p~n", [(fun erlang:apply/3)(lists, reverse, [[1, 2]])]),
    io:format("~p~n", [erlang:subtract([1, 2, 3, 2], [2])]),
    error_of(fun() -> erlang:subtract(a, [2]) end).
