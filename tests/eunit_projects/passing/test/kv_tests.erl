-module(kv_tests).
-include_lib("eunit/include/eunit.hrl").

setup() -> kv:start().
cleanup(Pid) -> kv:stop(Pid).

store_test_() ->
    {setup, fun setup/0, fun cleanup/1,
     fun (Pid) ->
             [?_assertEqual(ok, kv:put(Pid, a, 1)),
              ?_assertEqual({ok, 1}, kv:get(Pid, a)),
              ?_assertEqual(error, kv:get(Pid, b)),
              ?_assertEqual([a], kv:keys(Pid))]
     end}.

fresh_store_test_() ->
    {foreach, fun setup/0, fun cleanup/1,
     [fun (Pid) -> ?_assertEqual([], kv:keys(Pid)) end,
      fun (Pid) ->
              ok = kv:put(Pid, x, 1),
              ?_assertEqual([x], kv:keys(Pid))
      end]}.

local_setup_test_() ->
    {setup, local,
     fun () -> put(kv_pid, kv:start()) end,
     fun (_) -> kv:stop(erase(kv_pid)) end,
     [?_assertEqual(ok, kv:put(get(kv_pid), k, v)),
      ?_assertEqual({ok, v}, kv:get(get(kv_pid), k))]}.

titled_fixture_test_() ->
    {"a store that is stopped afterwards",
     {setup, fun setup/0, fun cleanup/1,
      {with, [fun (Pid) -> ?assert(is_process_alive(Pid)) end]}}}.

foreachx_test_() ->
    {foreachx,
     fun (N) -> Pid = kv:start(), ok = kv:put(Pid, n, N), Pid end,
     fun (_, Pid) -> kv:stop(Pid) end,
     [{N, fun (X, Pid) -> ?_assertEqual({ok, X}, kv:get(Pid, n)) end} || N <- [1, 2]]}.

spawn_test_() ->
    {spawn, [?_assertEqual(undefined, get(kv_pid)), ?_test(put(mine, 1))]}.
