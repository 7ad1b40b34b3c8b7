-module(proc_link_unlink).
-export([main/0]).

%% link/1 and unlink/1 return true; links are bidirectional and not
%% duplicated.
main() ->
    Top = self(),
    spawn(fun() -> runner(Top) end),
    receive {done, Lines} -> lists:foreach(fun(L) -> io:format("~s~n", [L]) end, Lines) end,
    ok.

runner(Top) ->
    Me = self(),
    C = spawn(fun() -> child_loop() end),
    L0 = nlinks(Me),
    R1 = link(C),
    L1 = {nlinks(Me), nlinks(C)},
    R2 = link(C),
    L2 = {nlinks(Me), nlinks(C)},
    R3 = unlink(C),
    L3 = {nlinks(Me), nlinks(C)},
    R4 = unlink(C),
    R5 = link(self()),
    L5 = nlinks(Me),
    %% Link from the other side.
    C ! {link_to, Me},
    receive linked -> ok end,
    L6 = {nlinks(Me), nlinks(C)},
    %% After unlink, an abnormal exit of the child does not affect us.
    unlink(C),
    Mon = monitor(process, C),
    C ! {die, badness},
    receive {'DOWN', Mon, process, C, Why} -> ok end,
    Top ! {done,
           [fmt("links at start: ~p", [L0]),
            fmt("link returns: ~p", [R1]),
            fmt("after link: ~p", [L1]),
            fmt("link twice returns: ~p", [R2]),
            fmt("after second link: ~p", [L2]),
            fmt("unlink returns: ~p", [R3]),
            fmt("after unlink: ~p", [L3]),
            fmt("unlink again returns: ~p", [R4]),
            fmt("link to self returns: ~p", [R5]),
            fmt("links after self link: ~p", [L5]),
            fmt("child linked to us: ~p", [L6]),
            fmt("child died with ~p, runner survived: ~p", [Why, is_process_alive(Me)])]}.

child_loop() ->
    receive
        {link_to, P} -> link(P), P ! linked, child_loop();
        {die, R} -> exit(R)
    end.

nlinks(P) ->
    {links, L} = process_info(P, links),
    length(L).

fmt(F, A) -> io_lib:format(F, A).
