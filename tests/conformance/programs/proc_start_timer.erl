-module(proc_start_timer).
-export([main/0]).

%% erlang:start_timer/3 delivers {timeout, TimerRef, Msg}.
main() ->
    T = erlang:start_timer(10, self(), ring),
    io:format("returns a reference: ~p~n", [is_reference(T)]),
    receive
        {timeout, Ref, Msg} = Whole ->
            io:format("tuple size: ~p~n", [tuple_size(Whole)]),
            io:format("ref is the timer ref: ~p~n", [Ref =:= T]),
            io:format("message: ~p~n", [Msg])
    after 5000 -> io:format("missing~n")
    end,
    %% Two timers with the same message are told apart by the ref.
    A = erlang:start_timer(10, self(), same),
    B = erlang:start_timer(30, self(), same),
    First = receive {timeout, R1, same} -> which(R1, A, B) end,
    Second = receive {timeout, R2, same} -> which(R2, A, B) end,
    io:format("order: ~p ~p~n", [First, Second]),
    %% Waiting for one specific timer with a bound ref.
    C = erlang:start_timer(20, self(), c),
    D = erlang:start_timer(5, self(), d),
    receive {timeout, C, c} -> io:format("got c by its ref~n") end,
    receive {timeout, D, d} -> io:format("d was already queued~n") after 0 -> io:format("d missing~n") end,
    %% Timer to another process.
    Top = self(),
    P = spawn(fun() -> receive {timeout, _, M} -> Top ! {child_got, M} end end),
    erlang:start_timer(5, P, for_child),
    receive {child_got, CM} -> io:format("child got: ~p~n", [CM]) end,
    ok.

which(R, A, _B) when R =:= A -> a;
which(_R, _A, _B) -> b.
