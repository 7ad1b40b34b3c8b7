%% gen_udp: UDP sockets over IPv4, on the built-ins of ember_net (vm/src/bif/net.rs), as
%% gen_tcp's are: a socket is a reference controlled by the process that opened it, which
%% gets {udp, S, Address, Port, Data} in active mode ({udp_passive, S} after a count);
%% recv/2,3 in passive mode gives {ok, {Address, Port, Data}}. Options as gen_tcp's
%% (list, binary, {active, _}, {reuseaddr, _}, {ip, _}); a packet option means nothing.
-module(gen_udp).

-export([open/1, open/2, send/4, recv/2, recv/3, close/1, controlling_process/2]).

open(Port) -> open(Port, []).

open(Port, Opts) when is_integer(Port), Port >= 0, Port =< 65535, is_list(Opts) ->
    ember_net:udp_open(Port, gen_tcp:options(Opts));
open(_Port, _Opts) ->
    exit(badarg).

send(S, Address, Port, Data) when is_reference(S), is_integer(Port), Port >= 0, Port =< 65535 ->
    prim_file:await(ember_net:sendto(S, Address, Port, Data)).

recv(S, Length) -> recv(S, Length, infinity).

recv(S, Length, Timeout) when is_reference(S), is_integer(Length), Length >= 0 ->
    case Timeout of
        infinity -> ok;
        T when is_integer(T), T >= 0 -> ok;
        _ -> exit(badarg)
    end,
    gen_tcp:wait(S, ember_net:recv(S, Length), Timeout).

close(S) when is_reference(S) -> ember_net:close(S).

controlling_process(S, Pid) when is_reference(S), is_pid(Pid) ->
    gen_tcp:hand_over(S, Pid, fun forward/2).

forward(S, Pid) ->
    receive
        {udp, S, _, _, _} = Msg -> Pid ! Msg, forward(S, Pid);
        {udp_passive, S} = Msg -> Pid ! Msg, forward(S, Pid)
    after 0 -> ok
    end.
