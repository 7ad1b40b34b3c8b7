-module(proc_ring).
-export([main/0]).

%% A ring of 1,000 processes passes a token around 10 times; each hop
%% increments the token.
main() ->
    N = 1000,
    Rounds = 10,
    Top = self(),
    First = spawn(fun() -> first(Top) end),
    Last = build(N - 1, First),
    First ! {set_next, Last},
    %% Wait until the ring is closed, then start it.
    receive ring_ready -> ok end,
    First ! {token, 0, Rounds},
    receive
        {finished, Hops} ->
            io:format("hops: ~p~n", [Hops]),
            io:format("expected: ~p~n", [N * Rounds])
    end,
    ok.

%% build(K, Next): spawn K processes, each forwarding to the previous one.
build(0, Next) -> Next;
build(K, Next) ->
    P = spawn(fun() -> member(Next) end),
    build(K - 1, P).

member(Next) ->
    receive
        {token, Count, Left} -> Next ! {token, Count + 1, Left}, member(Next);
        stop -> Next ! stop
    end.

first(Top) ->
    receive {set_next, Next} -> Top ! ring_ready, first_loop(Top, Next) end.

first_loop(Top, Next) ->
    receive
        {token, Count, 0} ->
            Top ! {finished, Count},
            Next ! stop,
            receive stop -> ok end;
        {token, Count, Left} ->
            Next ! {token, Count + 1, Left - 1},
            first_loop(Top, Next)
    end.
