%% The partner node of the distribution tests: it runs on erl or on ember, and serves the
%% client (client.erl) from another node.
%%
%% - `echo` (registered) answers {From, Msg} with {echoed, Msg} sent to From (a pid or a
%%   {Name, Node} pair), and halts the node on halt;
%% - `counter` (a registered gen_server) adds to a running total, and spawns workers: a
%%   worker exits with the reason it is sent in {exit, Reason}; it also tells the nodes of
%%   the members of a process group;
%% - the default pg scope, where `echo` is a member of group `shared`.
-module(partner).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2]).

%% Prints `ready` once its names are registered (the node is registered with EPMD before
%% main/0 runs, on erl and on ember).
main() ->
    {ok, _} = gen_server:start({local, counter}, ?MODULE, 0, []),
    register(echo, self()),
    %% A process group scope, with this process in group `shared`.
    {ok, _} = pg:start_link(),
    ok = pg:join(shared, self()),
    io:format("ready~n"),
    echo().

echo() ->
    receive
        halt -> erlang:halt();
        {From, Msg} ->
            From ! {echoed, Msg},
            echo()
    end.

init(Total) -> {ok, Total}.

handle_call({add, N}, _From, Total) -> {reply, Total + N, Total + N};
handle_call(spawn_worker, _From, Total) -> {reply, spawn(fun worker/0), Total};
handle_call(whoami, {Pid, _Tag}, Total) -> {reply, {node(Pid), is_pid(Pid)}, Total};
handle_call({pg_nodes, Group}, _From, Total) ->
    {reply, lists:sort([node(P) || P <- pg:get_members(Group)]), Total}.

handle_cast({tell, To, Msg}, Total) ->
    To ! Msg,
    {noreply, Total}.

handle_info(_Msg, Total) -> {noreply, Total}.

worker() ->
    receive
        {exit, Reason} -> exit(Reason);
        {link_and_wait, Pid} ->
            link(Pid),
            worker()
    end.
