%% A one_for_one supervisor restarting a crashing child 10,000 times: each round kills the
%% child and waits until the new child answers.
-module(sup_restart).
-behaviour(supervisor).
-export([main/0, init/1, start_child/0, child/0]).

main() ->
    {ok, Sup} = supervisor:start_link({local, bench_sup}, ?MODULE, []),
    ember_bench:run(fun() -> rounds(Sup, 10000) end).

rounds(_, 0) -> done;
rounds(Sup, N) ->
    Old = whereis(bench_child),
    exit(Old, kill),
    wait_new(Old),
    rounds(Sup, N - 1).

wait_new(Old) ->
    case whereis(bench_child) of
        P when is_pid(P), P =/= Old ->
            P ! {ping, self()},
            receive pong -> ok end;
        _ ->
            erlang:yield(),
            wait_new(Old)
    end.

init([]) ->
    {ok, {#{strategy => one_for_one, intensity => 100000, period => 1},
          [#{id => child, start => {?MODULE, start_child, []}}]}}.

start_child() ->
    Pid = spawn_link(?MODULE, child, []),
    register(bench_child, Pid),
    {ok, Pid}.

child() ->
    receive {ping, From} -> From ! pong, child() end.
