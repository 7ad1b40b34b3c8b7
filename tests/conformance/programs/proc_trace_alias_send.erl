-module(proc_trace_alias_send).
-export([main/0]).
%% Sends to a process alias show in send traces (erlang:trace/3 with send): a gen_server
%% reply and a plain Alias ! Msg, with the alias as the destination.
-export([init/1, handle_call/3, handle_cast/2]).
init(S) -> {ok, S}.
handle_call(R, _From, S) -> {reply, {got, R}, S}.
handle_cast(_, S) -> {noreply, S}.
main() ->
    Self = self(),
    {ok, S} = gen_server:start(?MODULE, [], []),
    erlang:trace(S, true, [send, {tracer, Self}]),
    A = alias(),
    A ! direct,
    receive direct -> ok end,
    Reply = gen_server:call(S, hello),
    io:format("reply ~p~n", [Reply]),
    receive
        {trace, S, send, Msg, To} -> io:format("traced send ~p to ~p~n", [element(2, Msg), is_reference(To)])
    after 1000 -> io:format("no trace~n")
    end,
    erlang:trace(S, false, [send]),
    %% A traced sender's plain alias send.
    P = spawn(fun() -> receive {go, Al} -> Al ! via_alias end end),
    erlang:trace(P, true, [send, {tracer, Self}]),
    P ! {go, A},
    receive via_alias -> ok end,
    receive
        {trace, P, send, M2, To2} -> io:format("traced ~p to alias ~p~n", [M2, To2 =:= A])
    after 1000 -> io:format("no trace 2~n")
    end.
