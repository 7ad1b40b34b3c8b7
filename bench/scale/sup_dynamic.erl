%% A simple_one_for_one supervisor with 30,000 temporary workers: start them, let them all
%% end, then start 30,000 more and terminate each through the supervisor.
-module(sup_dynamic).
-behaviour(supervisor).
-export([main/0, init/1, start_worker/0]).

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, []),
    ember_bench:run(fun() -> run(Sup, 30000) end).

init([]) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 10, period => 1},
          [#{id => worker, start => {?MODULE, start_worker, []}, restart => temporary}]}}.

start_worker() -> {ok, spawn_link(fun() -> receive stop -> ok end end)}.

run(Sup, N) ->
    Pids = start(Sup, N),
    [P ! stop || P <- Pids],
    wait_until_none(Sup),
    Pids2 = start(Sup, N),
    Terminated = length([ok || P <- Pids2, supervisor:terminate_child(Sup, P) =:= ok]),
    {Terminated, active(Sup)}.

start(Sup, N) -> [element(2, supervisor:start_child(Sup, [])) || _ <- lists:seq(1, N)].

active(Sup) -> proplists:get_value(active, supervisor:count_children(Sup)).

wait_until_none(Sup) ->
    case active(Sup) of
        0 -> ok;
        _ -> timer:sleep(10), wait_until_none(Sup)
    end.
