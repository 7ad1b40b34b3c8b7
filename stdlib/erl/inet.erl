%% inet: the options and addresses of gen_tcp and gen_udp sockets (see gen_tcp.erl), and address
%% text, and host names (looked up off the schedulers). setopts/2 takes what gen_tcp's calls
%% take (badarg cases give {error, einval}); getopts/2 answers for active, packet and mode.
-module(inet).

-export([setopts/2, getopts/2, peername/1, sockname/1, port/1, close/1,
         ntoa/1, parse_address/1, parse_ipv4_address/1, gethostname/0,
         getaddr/2, getaddrs/2, gethostbyname/1, gethostbyname/2]).

setopts(S, Opts) when is_reference(S), is_list(Opts) ->
    case catch gen_tcp:options(Opts) of
        {'EXIT', _} -> {error, einval};
        Map -> ember_net:setopts(S, Map)
    end.

getopts(S, Names) when is_reference(S), is_list(Names) ->
    ember_net:getopts(S, Names).

peername(S) when is_reference(S) -> ember_net:peername(S).

sockname(S) when is_reference(S) -> ember_net:sockname(S).

port(S) when is_reference(S) ->
    case ember_net:sockname(S) of
        {ok, {_, Port}} -> {ok, Port};
        Error -> Error
    end.

close(S) -> gen_tcp:close(S).

%% An IPv4 address as text.
ntoa({A, B, C, D} = Ip) when is_integer(A), is_integer(B), is_integer(C), is_integer(D) ->
    case lists:all(fun(X) -> X >= 0 andalso X =< 255 end, [A, B, C, D]) of
        true -> lists:flatten(io_lib:format("~w.~w.~w.~w", [A, B, C, D]));
        false -> {error, einval}
    end;
ntoa(_) -> {error, einval}.

parse_address(Text) -> parse_ipv4_address(Text).

%% "a.b.c.d" as {A, B, C, D}; as in erl, the last of fewer parts fills the bytes left
%% ("1.2.3" is {1,2,0,3}), and a part may be hexadecimal (0x1f) or octal (017).
parse_ipv4_address(Text) when is_list(Text) ->
    Parts = [number(P) || P <- string:split(Text, ".", all)],
    case lists:member(error, Parts) of
        true -> {error, einval};
        false -> fill(Parts)
    end;
parse_ipv4_address(_) -> {error, einval}.

fill(Parts) when length(Parts) =< 4 ->
    {Init, [Last]} = lists:split(length(Parts) - 1, Parts),
    LastBytes = 4 - length(Init),
    case lists:all(fun(P) -> P =< 255 end, Init) andalso Last < 1 bsl (8 * LastBytes) of
        true ->
            Bytes = Init ++ [(Last bsr (8 * I)) band 255 || I <- lists:seq(LastBytes - 1, 0, -1)],
            {ok, list_to_tuple(Bytes)};
        false ->
            {error, einval}
    end;
fill(_) -> {error, einval}.

number([$0, X | Hex]) when X =:= $x; X =:= $X -> digits(Hex, 16);
number([$0, _ | _] = Octal) -> digits(tl(Octal), 8);
number(Decimal) -> digits(Decimal, 10).

digits([], _Base) -> error;
digits(Digits, Base) ->
    try list_to_integer(Digits, Base) of
        N when N >= 0 -> N;
        _ -> error
    catch error:badarg -> error
    end.

gethostname() ->
    {ok, string:trim(os:cmd("hostname"))}.

%% ---- Names ----------------------------------------------------------------------------

%% The first IPv4 address of a host (a name, an address as text, or an address tuple).
getaddr(Host, inet) ->
    case getaddrs(Host, inet) of
        {ok, [Address | _]} -> {ok, Address};
        Error -> Error
    end;
getaddr(_Host, _Family) -> {error, eafnosupport}.

getaddrs({A, B, C, D} = Address, inet)
  when is_integer(A), is_integer(B), is_integer(C), is_integer(D) ->
    {ok, [Address]};
getaddrs(Host, inet) when is_atom(Host) -> getaddrs(atom_to_list(Host), inet);
getaddrs(Host, inet) when is_list(Host) ->
    case parse_ipv4_address(Host) of
        {ok, Address} -> {ok, [Address]};
        {error, _} ->
            case io_lib:printable_unicode_list(Host) of
                true -> prim_file:await(ember_net:resolve(Host));
                false -> {error, einval}
            end
    end;
getaddrs(_Host, inet) -> {error, einval};
getaddrs(_Host, _Family) -> {error, eafnosupport}.

gethostbyname(Host) -> gethostbyname(Host, inet).

%% {ok, {hostent, Name, Aliases, inet, 4, Addresses}}.
gethostbyname(Host, inet) ->
    case getaddrs(Host, inet) of
        {ok, Addresses} -> {ok, {hostent, host_name(Host), [], inet, 4, Addresses}};
        Error -> Error
    end;
gethostbyname(_Host, _Family) -> {error, eafnosupport}.

host_name(Host) when is_atom(Host) -> atom_to_list(Host);
host_name({A, B, C, D}) -> ntoa({A, B, C, D});
host_name(Host) -> Host.

