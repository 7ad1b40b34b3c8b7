%% The error_info of failing ETS built-ins (and monitor/3) names the cause: a table that
%% does not exist (id), a missing key (badkey), an unknown option (badopt).
-module(lib_ets_error_info).
-export([main/0]).
main() ->
    T = ets:new(t, [set, protected]),
    P = spawn(fun() -> receive _ -> ok end end),
    Cases = [fun() -> ets:lookup(nosuch, 1) end,
             fun() -> ets:insert(nosuch, {a}) end,
             fun() -> ets:insert(T, not_a_tuple) end,
             fun() -> ets:lookup_element(T, missing, 2) end,
             fun() -> ets:delete(nosuch) end,
             fun() -> ets:new(x, [bad_option]) end,
             fun() -> ets:update_counter(T, missing, 1) end,
             fun() -> erlang:monitor(process, self(), [bad]) end],
    [begin {'EXIT', {R, [{M, F, _, Info} | _]}} = (catch C()), io:format("~p ~p:~p ~p~n", [R, M, F, Info]) end || C <- Cases],
    Q = spawn(fun() -> T2 = ets:new(q, [public, named_table]), P ! T2, receive _ -> ok end end),
    timer:sleep(10),
    _ = Q, _ = P.
