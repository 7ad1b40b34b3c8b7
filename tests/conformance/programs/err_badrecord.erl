-module(err_badrecord).
-export([main/0]).

-record(user, {name, age}).

main() ->
    U = #user{name = "amy", age = 4},
    io:format("name: ~p~n", [name_of(U)]),
    name_of({group, "admins"}).

name_of(R) -> R#user.name.
