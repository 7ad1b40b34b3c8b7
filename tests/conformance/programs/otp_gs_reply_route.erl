-module(otp_gs_reply_route).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2]).

%% Where a gen_server's reply goes when the call's From was not made by gen_server:call:
%% a tag holding another process's alias (the reply goes to the alias's owner, not to the
%% pid in From), an alias no longer active (dropped), a plain reference tag, and a reply
%% sent later with gen_server:reply/2.

init(S) -> {ok, S}.

handle_call(later, From, S) -> {noreply, [From | S]};
handle_call(answer_later, _From, [Waiting | Rest]) ->
    gen_server:reply(Waiting, late_answer),
    {reply, answered, Rest};
handle_call(Req, _From, S) -> {reply, {echo, Req}, S}.

handle_cast(_, S) -> {noreply, S}.

main() ->
    {ok, Server} = gen_server:start(?MODULE, [], []),
    Self = self(),
    %% A third process owns the alias; From names this process.
    Owner = spawn(fun() ->
                          A = alias(),
                          Self ! {alias, A},
                          receive
                              {[alias | A], M} -> Self ! {owner_got, M}
                          after 2000 -> Self ! owner_timeout
                          end
                  end),
    Alias = receive {alias, A} -> A end,
    Server ! {'$gen_call', {Self, [alias | Alias]}, hello},
    receive
        {owner_got, M1} -> io:format("owner got ~p~n", [M1]);
        owner_timeout -> io:format("owner got nothing~n")
    end,
    io:format("caller mailbox: ~p~n", [flush()]),
    %% An alias that is no longer active: the reply is dropped.
    Dead = alias(),
    unalias(Dead),
    Server ! {'$gen_call', {Self, [alias | Dead]}, dropped},
    _ = gen_server:call(Server, sync),
    io:format("after dead alias: ~p~n", [flush()]),
    %% This process's own active alias, named by a From with another pid.
    Mine = alias(),
    Server ! {'$gen_call', {Owner, [alias | Mine]}, to_me},
    receive
        {[alias | Mine], R} -> io:format("own alias got ~p~n", [R])
    after 2000 -> io:format("own alias got nothing~n")
    end,
    unalias(Mine),
    %% A plain reference tag: the reply goes to the pid.
    Ref = make_ref(),
    Server ! {'$gen_call', {Self, Ref}, plain},
    receive
        {Ref, R2} -> io:format("plain tag got ~p~n", [R2])
    after 2000 -> io:format("plain tag got nothing~n")
    end,
    %% A reply made later, from another call.
    Caller = spawn(fun() -> Self ! {late, gen_server:call(Server, later)} end),
    wait_until_waiting(Server),
    io:format("answer_later: ~p~n", [gen_server:call(Server, answer_later)]),
    receive
        {late, L} -> io:format("late caller got ~p~n", [L])
    after 2000 -> io:format("late caller got nothing~n")
    end,
    exit(Caller, kill),
    io:format("final mailbox: ~p~n", [flush()]).

wait_until_waiting(Server) ->
    case sys:get_state(Server) of
        [] -> receive after 5 -> wait_until_waiting(Server) end;
        _ -> ok
    end.

flush() ->
    receive M -> [M | flush()] after 50 -> [] end.
