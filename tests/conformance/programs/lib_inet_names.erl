%% inet's name lookups: getaddr/2, getaddrs/2 and gethostbyname/1,2 for a name, an address
%% as text or as a tuple, an atom, a name that does not exist, and bad input.
-module(lib_inet_names).
-export([main/0]).

main() ->
    [io:format("~p~n", [R]) || R <- [inet:getaddr("localhost", inet), inet:getaddr({1, 2, 3, 4}, inet),
                                     inet:getaddr("no.such.host.invalid", inet), inet:getaddrs("localhost", inet),
                                     inet:gethostbyname("localhost"), inet:gethostbyname("localhost", inet),
                                     inet:getaddr(localhost, inet), inet:getaddr("127.0.0.1", inet),
                                     inet:getaddr(42, inet), inet:gethostbyname("no.such.host.invalid")]],
    ok.
