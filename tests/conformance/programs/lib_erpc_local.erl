%% erpc on the local node: calls of a function or a fun, casts, multicall and multicast,
%% requests with receive_response, wait_response and check_response, request collections,
%% timeouts, and the {erpc, badarg} of wrong arguments.
-module(lib_erpc_local).
-export([main/0, boom/1]).
boom(error) -> error(bad);
boom(exit) -> exit(gone);
boom(throw) -> throw(ball);
boom(X) -> X.
t(F) -> try F() of V -> {value, V} catch C:R -> {C, strip(R)} end.
strip({exception, R, _Stack}) -> {exception, R};
strip(R) -> R.
main() ->
    N = node(),
    [io:format("~p~n", [t(F)]) || F <- [
        fun() -> erpc:call(N, fun() -> 42 end) end,
        fun() -> erpc:call(N, fun() -> boom(error) end, 1000) end,
        fun() -> erpc:call(N, lib_erpc_local, boom, [throw]) end,
        fun() -> erpc:call(N, lib_erpc_local, boom, [exit]) end,
        fun() -> erpc:call(N, 1, 2, 3) end,
        fun() -> erpc:call(N, lib_erpc_local, boom, [x], -1) end,
        fun() -> erpc:call(N, fun() -> timer:sleep(200) end, 10) end,
        fun() -> erpc:call(N, fun(X) -> X end) end,
        fun() -> erpc:call(nonode@nowhere, lib_erpc_local, boom, [x]) end,
        fun() -> erpc:cast(N, fun() -> ok end) end,
        fun() -> erpc:cast(N, 1, 2, 3) end,
        fun() -> erpc:multicall([N, N], lib_erpc_local, boom, [x]) end,
        fun() -> [strip2(R) || R <- erpc:multicall([N, N, nonode@nowhere], lib_erpc_local, boom, [error])] end,
        fun() -> erpc:multicall([N], fun() -> boom(throw) end) end,
        fun() -> erpc:multicall([N], fun() -> boom(exit) end, 1000) end,
        fun() -> erpc:multicall([N], fun() -> timer:sleep(300) end, 10) end,
        fun() -> erpc:multicall([], lib_erpc_local, boom, [x]) end,
        fun() -> erpc:multicall([N], 1, 2, 3) end,
        fun() -> erpc:multicall(N, lib_erpc_local, boom, [x]) end,
        fun() -> erpc:multicast([N], fun() -> ok end) end,
        fun() -> erpc:multicast([N], lib_erpc_local, boom, [x]) end,
        fun() -> R = erpc:send_request(N, lib_erpc_local, boom, [x]), erpc:receive_response(R) end,
        fun() -> R = erpc:send_request(N, fun() -> boom(error) end), erpc:receive_response(R, 1000) end,
        fun() -> R = erpc:send_request(N, fun() -> timer:sleep(300) end), erpc:receive_response(R, 10) end,
        fun() -> R = erpc:send_request(N, lib_erpc_local, boom, [y]), timer:sleep(200), erpc:wait_response(R, 0) end,
        fun() -> R = erpc:send_request(N, fun() -> timer:sleep(300) end), erpc:wait_response(R, 10) end,
        fun() -> R = erpc:send_request(N, lib_erpc_local, boom, [z]), receive M -> erpc:check_response(M, R) end end,
        fun() -> R = erpc:send_request(N, lib_erpc_local, boom, [z]), erpc:check_response(foo, R) end,
        fun() -> C0 = erpc:reqids_new(), C1 = erpc:send_request(N, lib_erpc_local, boom, [a], la, C0), C2 = erpc:send_request(N, fun() -> boom(b) end, lb, C1),
                 S = erpc:reqids_size(C2), {R1, L1, C3} = erpc:receive_response(C2, 1000, true), {R2, L2, C4} = erpc:receive_response(C3, 1000, true),
                 {S, lists:sort([{R1, L1}, {R2, L2}]), erpc:reqids_size(C4), erpc:receive_response(C4, 1000, true)} end,
        fun() -> C0 = erpc:reqids_new(), C1 = erpc:send_request(N, lib_erpc_local, boom, [a], la, C0), {R1, L1, C2} = erpc:wait_response(C1, infinity, false), {R1, L1, erpc:reqids_size(C2)} end,
        fun() -> C0 = erpc:reqids_new(), erpc:wait_response(C0, 10, true) end,
        fun() -> C0 = erpc:reqids_new(), C1 = erpc:send_request(N, lib_erpc_local, boom, [error], la, C0),
                 try erpc:receive_response(C1, 1000, false)
                 catch error:{{exception, R, [_ | _]}, L, C2} -> {caught, R, L, erpc:reqids_size(C2)}
                 end end,
        fun() -> C0 = erpc:reqids_new(), R = erpc:send_request(N, lib_erpc_local, boom, [q]), C1 = erpc:reqids_add(R, lq, C0), [L || {_, L} <- erpc:reqids_to_list(C1)] ++ [erpc:receive_response(R)] end,
        fun() -> flush(), C0 = erpc:reqids_new(), C1 = erpc:send_request(N, lib_erpc_local, boom, [a], la, C0), receive M -> case erpc:check_response(M, C1, true) of {R, L, C2} -> {R, L, erpc:reqids_size(C2)}; Other -> {Other, M} end end end,
        fun() -> erpc:check_response(foo, erpc:reqids_new(), true) end,
        fun() -> erpc:reqids_add(make_ref(), x, erpc:reqids_new()) end,
        fun() -> C = erpc:send_request(N, erlang, throw, [ball], lt, erpc:reqids_new()), erpc:receive_response(C, 1000, true) end,
        fun() -> C = erpc:send_request(N, erlang, exit, [gone], le, erpc:reqids_new()), erpc:receive_response(C, 1000, true) end,
        fun() -> C = erpc:send_request(N, timer, sleep, [300], ls, erpc:reqids_new()), erpc:receive_response(C, 10, true) end,
        fun() -> C = erpc:send_request(N, timer, sleep, [300], ls, erpc:reqids_new()), erpc:wait_response(C, 10, true) end,
        fun() -> C = erpc:send_request(nonode@nowhere, erlang, abs, [1], ln, erpc:reqids_new()), erpc:receive_response(C, 1000, true) end,
        fun() -> R2 = erpc:send_request(nonode@nowhere, erlang, abs, [1]), erpc:receive_response(R2, 1000) end,
        fun() -> erpc:send_request(N, 1, 2, 3) end,
        fun() -> erpc:receive_response(foo) end,
        fun() -> erpc:receive_response(make_ref(), 10) end,
        fun() -> erpc:wait_response(foo) end,
        fun() -> erpc:reqids_size(foo) end,
        fun() -> erpc:call(N, erlang, abs, [-3], infinity) end,
        fun() -> erpc:call(N, erlang, abs, [-3], 0) end,
        fun() -> erpc:multicall([N, N], erlang, abs, [-3], 0) end,
        fun() -> erpc:multicall([N | foo], erlang, abs, [-3]) end,
        fun() -> erpc:multicall([N, 42], erlang, abs, [-3]) end,
        fun() -> erpc:call(N, erlang, abs, [-3 | x]) end,
        fun() -> erpc:call(N, erlang, abs, [-3], -5) end,
        fun() -> R = erpc:send_request(N, erlang, abs, [-4]), is_list(R) andalso is_reference(hd(R)) andalso is_reference(tl(R)) end,
        %% On this node with no timeout a call runs in the caller; a cast of anything is ok.
        fun() -> {erpc:call(N, erlang, self, []) =:= self(), erpc:call(N, fun() -> self() end) =:= self(),
                  erpc:call(N, erlang, self, [], 1000) =:= self()} end,
        fun() -> erpc:cast(N, not_a_fun) end
    ]],
    ok.
flush() -> receive _ -> flush() after 0 -> ok end.

strip2({error, {exception, R, _}}) -> {error, {exception, R}};
strip2(R) -> R.
