%% gen_tcp: TCP sockets, on the built-ins of ember_net (vm/src/bif/net.rs), which do the
%% socket work off the schedulers. A socket is a reference (erl's is a port), controlled
%% by the process that made it: that process gets its messages in active mode
%% ({tcp, S, Data}, {tcp_closed, S}, {tcp_passive, S}), and the socket closes when it
%% ends. Options: list, binary, {mode, M}, {active, true | false | once | N},
%% {packet, 0 | raw | 1 | 2 | 4 | line}, {reuseaddr, B}, {ip, Address}, {backlog, N};
%% inet and the tuning options of erl (nodelay, keepalive, buffer sizes, ...) are
%% accepted and have no effect. An option not understood is a badarg exit, as in erl.
-module(gen_tcp).

-export([listen/2, accept/1, accept/2, connect/3, connect/4, send/2, recv/2, recv/3,
         close/1, shutdown/2, controlling_process/2]).
%% For inet: the options map of an option list, and waiting for an answer.
-export([options/1, wait/3, hand_over/3]).

listen(Port, Opts) when is_integer(Port), Port >= 0, Port =< 65535, is_list(Opts) ->
    ember_net:listen(Port, options(Opts));
listen(_Port, _Opts) ->
    exit(badarg).

accept(L) -> accept(L, infinity).

accept(L, Timeout) when is_reference(L) ->
    timeout(Timeout),
    wait(L, ember_net:accept(L), Timeout).

connect(Address, Port, Opts) -> connect(Address, Port, Opts, infinity).

connect(Address, Port, Opts, Timeout)
  when is_integer(Port), Port >= 0, Port =< 65535, is_list(Opts) ->
    timeout(Timeout),
    Map = options(Opts),
    case address(Address) of
        error -> erlang:error(function_clause, [Address, Port, Opts, Timeout]);
        Host -> prim_file:await(ember_net:connect(Host, Port, Map, Timeout))
    end;
connect(Address, Port, Opts, Timeout) ->
    erlang:error(function_clause, [Address, Port, Opts, Timeout]).

send(S, Data) when is_reference(S) ->
    prim_file:await(ember_net:send(S, Data)).

recv(S, Length) -> recv(S, Length, infinity).

recv(S, Length, Timeout) when is_reference(S), is_integer(Length), Length >= 0 ->
    timeout(Timeout),
    wait(S, ember_net:recv(S, Length), Timeout).

%% As erl's, a close also takes a {tcp_closed, S} waiting in the caller's mailbox.
close(S) when is_reference(S) ->
    ok = ember_net:close(S),
    receive {tcp_closed, S} -> ok after 0 -> ok end.

shutdown(S, How) when is_reference(S) -> ember_net:shutdown(S, How).

%% As erl's: the socket's messages already in the caller's mailbox go to the new owner
%% first (the socket is passive meanwhile, so none come in between).
controlling_process(S, Pid) when is_reference(S), is_pid(Pid) ->
    hand_over(S, Pid, fun forward/2).

%% For gen_udp too, with its own Forward.
hand_over(S, Pid, Forward) ->
    case ember_net:owner(S) of
        {ok, Owner} when Owner =:= self(), Pid =/= self() ->
            {ok, [{active, Active}]} = ember_net:getopts(S, [active]),
            ok = ember_net:setopts(S, #{active => false}),
            Forward(S, Pid),
            case ember_net:controlling_process(S, Pid) of
                ok when Active =:= false -> ok;
                %% (A count is set again in full: setopts adds to the count it finds, none.)
                ok -> ember_net:setopts(S, #{active => Active});
                Error -> Error
            end;
        {ok, Owner} when Owner =:= self() -> ok;
        {ok, _} -> {error, not_owner};
        Error -> Error
    end.

forward(S, Pid) ->
    receive
        {tcp, S, _} = Msg -> Pid ! Msg, forward(S, Pid);
        {tcp_closed, S} = Msg -> Pid ! Msg, forward(S, Pid);
        {tcp_error, S, _} = Msg -> Pid ! Msg, forward(S, Pid);
        {tcp_passive, S} = Msg -> Pid ! Msg, forward(S, Pid)
    after 0 -> ok
    end.

%% The answer of a call that may have to wait: a tag to wait on, or the answer itself.
%% A call that times out withdraws its tag; if the answer was on its way, it is taken.
wait(S, Tag, Timeout) when is_reference(Tag) ->
    receive
        {Tag, Answer} -> Answer
    after Timeout ->
            case ember_net:cancel(S, Tag) of
                ok -> {error, timeout};
                gone -> receive {Tag, Answer} -> Answer end
            end
    end;
wait(_S, Answer, _Timeout) ->
    Answer.

timeout(infinity) -> ok;
timeout(T) when is_integer(T), T >= 0 -> ok;
timeout(_) -> exit(badarg).

%% An IPv4 address tuple, or a host name (a string or an atom).
address({A, B, C, D} = Ip) when is_integer(A), is_integer(B), is_integer(C), is_integer(D) -> Ip;
address(Name) when is_atom(Name) -> Name;
address(Name) when is_list(Name) ->
    case io_lib:printable_unicode_list(Name) of
        true -> Name;
        false -> error
    end;
address(_) -> error.

%% The options a socket is made or changed with, as a map; badarg for one not understood.
options(Opts) ->
    lists:foldl(fun option/2, #{}, Opts).

option(binary, M) -> M#{mode => binary};
option(list, M) -> M#{mode => list};
option({mode, Mode}, M) when Mode =:= binary; Mode =:= list -> M#{mode => Mode};
option({active, A}, M) when is_boolean(A); A =:= once -> M#{active => A};
option({active, N}, M) when is_integer(N), N >= -32768, N =< 32767 -> M#{active => N};
option({packet, P}, M) when P =:= 0; P =:= raw; P =:= 1; P =:= 2; P =:= 4; P =:= line ->
    M#{packet => P};
option({reuseaddr, B}, M) when is_boolean(B) -> M#{reuseaddr => B};
option({ip, Ip}, M) -> M#{ip => ip(Ip)};
option({ifaddr, Ip}, M) -> M#{ip => ip(Ip)};
option({send_timeout, T}, M) when T =:= infinity; is_integer(T), T >= 0 -> M#{send_timeout => T};
option({backlog, N}, M) when is_integer(N), N >= 0 -> M#{backlog => N};
option(inet, M) -> M;
option({Tuning, _}, M)
  when Tuning =:= nodelay; Tuning =:= keepalive; Tuning =:= exit_on_close;
       Tuning =:= broadcast; Tuning =:= packet_size; Tuning =:= send_timeout_close; Tuning =:= recbuf;
       Tuning =:= sndbuf; Tuning =:= buffer; Tuning =:= linger; Tuning =:= delay_send;
       Tuning =:= high_watermark; Tuning =:= low_watermark; Tuning =:= priority;
       Tuning =:= tos; Tuning =:= show_econnreset; Tuning =:= high_msgq_watermark;
       Tuning =:= low_msgq_watermark ->
    M;
option(_, _) -> exit(badarg).

ip({A, B, C, D} = Ip) when is_integer(A), is_integer(B), is_integer(C), is_integer(D) -> Ip;
ip(loopback) -> {127, 0, 0, 1};
ip(any) -> {0, 0, 0, 0};
ip(_) -> exit(badarg).
