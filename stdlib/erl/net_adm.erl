%% net_adm: ping/1, as OTP's.
-module(net_adm).

-export([ping/1]).

%% pong if Node answers (this connects to it when needed), else pang.
ping(Node) when is_atom(Node) ->
    case catch gen:call({net_kernel, Node}, '$gen_call', {is_auth, node()}, infinity) of
        {ok, yes} -> pong;
        _ ->
            erlang:disconnect_node(Node),
            pang
    end.
