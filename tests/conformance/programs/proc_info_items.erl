-module(proc_info_items).
-export([main/0]).

%% process_info/2 for links, registered_name, trap_exit, dictionary,
%% group_leader, and for dead processes.
main() ->
    Top = self(),
    spawn(fun() -> runner(Top) end),
    receive {lines, Lines} -> [io:format("~s~n", [L]) || L <- Lines] end,
    ok.

runner(Top) ->
    Me = self(),
    A = spawn(fun() -> wait() end),
    B = spawn_link(fun() -> wait() end),
    C = spawn_link(fun() -> wait() end),
    {links, L} = process_info(Me, links),
    {links, LA} = process_info(A, links),
    {links, LB} = process_info(B, links),
    put(alpha, 1),
    put(beta, [2]),
    {dictionary, D} = process_info(Me, dictionary),
    {dictionary, DA} = process_info(A, dictionary),
    register(info_runner, Me),
    RN = process_info(Me, registered_name),
    RA = process_info(A, registered_name),
    T0 = process_info(Me, trap_exit),
    process_flag(trap_exit, true),
    T1 = process_info(Me, trap_exit),
    {group_leader, GL} = process_info(A, group_leader),
    Multi = process_info(Me, [trap_exit, registered_name]),
    [P ! stop || P <- [A, B, C]],
    Ref = monitor(process, A),
    receive {'DOWN', Ref, process, A, _} -> ok end,
    Dead = process_info(A, links),
    DeadAll = process_info(A),
    BadItem = (catch process_info(Me, no_such_item)),
    Lines =
        [fmt("links count: ~p", [length(L)]),
         fmt("links are the children: ~p", [lists:sort(L) =:= lists:sort([B, C])]),
         fmt("unlinked child links: ~p", [LA]),
         fmt("linked child links back: ~p", [LB =:= [Me]]),
         fmt("dictionary: ~p", [lists:sort(D)]),
         fmt("fresh process dictionary: ~p", [DA]),
         fmt("registered_name: ~p", [RN]),
         fmt("registered_name when none: ~p", [RA]),
         fmt("trap_exit before: ~p", [T0]),
         fmt("trap_exit after: ~p", [T1]),
         fmt("group leader shared: ~p", [GL =:= group_leader()]),
         fmt("list of items: ~p", [Multi]),
         fmt("dead process item: ~p", [Dead]),
         fmt("dead process all: ~p", [DeadAll]),
         fmt("bad item: ~p", [case BadItem of {'EXIT', {E, _}} -> E; Other -> Other end])],
    Top ! {lines, Lines}.

wait() -> receive stop -> ok end.

fmt(F, A) -> io_lib:format(F, A).
