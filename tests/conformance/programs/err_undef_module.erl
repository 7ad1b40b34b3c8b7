-module(err_undef_module).
-export([main/0]).

main() ->
    io:format("calling a module that does not exist~n"),
    Mod = no_such_module_here,
    Mod:start(arg).
