%% erlang:crc32/1,2, adler32/1,2, the incremental md5, display/1, fun_to_list/1,
%% module_loaded/1, append/2, garbage_collect/1,2 and now/0.
-module(lib_erlang_checksums).
-export([main/0]).
main() ->
    erlang:display("abc"),
    erlang:display({a, [1, 2], <<"x">>, 1.5, -2.0e-10, "", [], atom}),
    io:format("~p~n", [[erlang:crc32(<<"abc">>), erlang:crc32(123, <<"abc">>), erlang:crc32([<<"ab">>, $c]),
                        erlang:adler32(<<"abc">>), erlang:adler32(7, [<<"a">>, "bc"]),
                        erlang:module_loaded(lists), erlang:module_loaded(nonexistent_module),
                        erlang:append([1], [2]), erlang:garbage_collect(self()),
                        erlang:garbage_collect(self(), []), erlang:fun_to_list(fun lists:map/2)]]),
    Ctx = erlang:md5_update(erlang:md5_update(erlang:md5_init(), <<"hello ">>), "world"),
    io:format("~p~n", [erlang:md5_final(Ctx) =:= erlang:md5(<<"hello world">>)]),
    {A, B, C} = erlang:now(), {D, E, F} = erlang:now(),
    io:format("~p~n", [{D, E, F} > {A, B, C}]),
    io:format("~p~n", [try erlang:crc32(a) catch error:Why -> Why end]).
