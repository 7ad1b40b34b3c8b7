%% A process linked to many others: links made twice count once, unlinked ones send no
%% 'EXIT', and every other one does, however many there are.
-module(proc_many_links).
-export([main/0]).

main() ->
    process_flag(trap_exit, true),
    Base = links(),
    Pids = [spawn(fun() -> receive {go, R} -> exit(R) end end) || _ <- lists:seq(1, 40)],
    [link(P) || P <- Pids],
    [link(P) || P <- lists:sublist(Pids, 10)],
    io:format("linked to ~p~n", [links() - Base]),
    Unlinked = [P || {I, P} <- lists:zip(lists:seq(1, 40), Pids), I rem 3 =:= 0],
    [unlink(P) || P <- Unlinked],
    io:format("after unlinking ~p: ~p~n", [length(Unlinked), links() - Base]),
    [P ! {go, reason(I)} || {I, P} <- lists:zip(lists:seq(1, 40), Pids)],
    Exits = collect([]),
    io:format("exits from ~p processes, none unlinked: ~p~n",
              [length(Exits), [P || {P, _} <- Exits, lists:member(P, Unlinked)] =:= []]),
    io:format("reasons ~p~n", [lists:usort([R || {_, R} <- Exits])]),
    io:format("links left ~p~n", [links() - Base]).

reason(I) when I rem 2 =:= 0 -> normal;
reason(I) -> {odd, I rem 5}.

collect(Acc) ->
    receive {'EXIT', P, R} -> collect([{P, R} | Acc])
    after 200 -> Acc
    end.

links() ->
    {links, L} = process_info(self(), links),
    length(L).
