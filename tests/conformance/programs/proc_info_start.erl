%% The initial call and current function of a process before and after it first runs:
%% a process started with a fun starts in erlang:apply/2, one started with spawn/3 in its
%% function; once running, the current function is where it waits.
-module(proc_info_start).
-export([main/0, wait/1]).

wait(Tag) -> receive {go, From} -> From ! {done, Tag} end.

show(Label, P) ->
    io:format("~s: ~p ~p~n", [Label, process_info(P, initial_call), process_info(P, current_function)]).

main() ->
    F = spawn(fun() -> receive {go, From} -> From ! {done, fun_started} end end),
    M = spawn(?MODULE, wait, [mfa_started]),
    show("fun, before", F),
    show("mfa, before", M),
    erlang:yield(),
    timer:sleep(10),
    show("fun, waiting", F),
    show("mfa, waiting", M),
    [P ! {go, self()} || P <- [F, M]],
    %% (Each answer is taken in turn: the two processes may answer in either order.)
    [receive {done, T} -> io:format("~p~n", [T]) end || T <- [fun_started, mfa_started]],
    timer:sleep(10),
    io:format("after exit: ~p~n", [process_info(F, initial_call)]).
