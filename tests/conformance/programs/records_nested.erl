-module(records_nested).
-export([main/0]).

-record(addr, {street = "", city = "", zip = 0}).
-record(user, {name, addr = #addr{}, tags = []}).
-record(company, {name, ceo = #user{}, staff = []}).

main() ->
    U = #user{name = "kim", addr = #addr{street = "Main St", city = "Springfield", zip = 12345}},
    io:format("user: ~p~n", [U]),
    io:format("city: ~p~n", [U#user.addr#addr.city]),
    io:format("zip: ~p~n", [(U#user.addr)#addr.zip]),
    U2 = U#user{addr = (U#user.addr)#addr{city = "Shelbyville"}},
    io:format("moved: ~p~n", [U2#user.addr#addr.city]),
    C = #company{name = "acme", ceo = U, staff = [#user{name = "lee"}, #user{name = "max", tags = [dev]}]},
    io:format("company: ~p~n", [C]),
    io:format("ceo city: ~p~n", [C#company.ceo#user.addr#addr.city]),
    io:format("staff names: ~p~n", [[S#user.name || S <- C#company.staff]]),
    #company{ceo = #user{addr = #addr{zip = Z}}} = C,
    io:format("nested pattern zip: ~p~n", [Z]),
    io:format("default nested: ~p~n", [#company{}]),
    ok.
