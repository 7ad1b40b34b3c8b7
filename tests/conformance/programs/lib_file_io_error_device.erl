-module(lib_file_io_error_device).
-export([main/0]).

%% Writing to a device that does not exist is an uncaught badarg whose report says so.

main() ->
    io:format("before~n"),
    ok = io:put_chars(no_such_device, "x"),
    io:format("not reached~n").
