%% erlang: the parts of the erlang module written in Erlang. A built-in that cannot finish
%% a call without waiting declines it to the definition here: today, spawning on another
%% node, which waits for that node's answer to a spawn request.
%%
%% As in erl, a spawn that the other node cannot make (it is down, or unreachable) still
%% returns a pid: that of a local process that ends at once with the reason, so that a
%% link or monitor asked for reports it; a warning report says what could not start.
-module(erlang).

-export([apply/2, apply/3, spawn/2, spawn/4, spawn_link/2, spawn_link/4, spawn_monitor/2, spawn_monitor/4,
         spawn_opt/3, spawn_opt/5]).

%% apply/2,3 as functions (fun erlang:apply/3, function_exported/3): a call to either is
%% made by the interpreter itself, which these hand theirs to.
apply(Fun, Args) -> erlang:apply(Fun, Args).
apply(M, F, Args) -> erlang:apply(M, F, Args).

spawn(Node, Fun) -> spawn_opt(Node, erlang, apply, [Fun, []], []).
spawn(Node, M, F, A) -> spawn_opt(Node, M, F, A, []).

spawn_link(Node, Fun) -> spawn_opt(Node, erlang, apply, [Fun, []], [link]).
spawn_link(Node, M, F, A) -> spawn_opt(Node, M, F, A, [link]).

spawn_monitor(Node, Fun) -> spawn_opt(Node, erlang, apply, [Fun, []], [monitor]).
spawn_monitor(Node, M, F, A) -> spawn_opt(Node, M, F, A, [monitor]).

spawn_opt(Node, Fun, Opts) -> spawn_opt(Node, erlang, apply, [Fun, []], Opts).

spawn_opt(Node, M, F, A, Opts) ->
    Wire = [O || O <- Opts, O =:= link orelse O =:= monitor],
    ReqId = erlang:spawn_request(Node, M, F, A, [{reply_tag, '$spawn_reply'} | Wire]),
    Monitor = lists:member(monitor, Opts),
    receive
        {'$spawn_reply', ReqId, ok, Pid} when Monitor -> {Pid, ReqId};
        {'$spawn_reply', ReqId, ok, Pid} -> Pid;
        {'$spawn_reply', ReqId, error, Reason} -> failed(Node, M, F, A, Wire, Reason)
    end.

failed(Node, M, F, A, Wire, Reason) ->
    Shown = case Wire of
                [] -> "";
                _ -> io_lib:format(" (~p)", [Wire])
            end,
    logger:report(warning, "WARNING REPORT",
                  io_lib:format("** Can not start ~p:~p,~p~s on ~p **~n", [M, F, A, Shown, Node]),
                  ?MODULE),
    erlang:spawn_opt(erlang, exit, [Reason], Wire).
