-module(err_bad_binary).
-export([main/0]).

main() ->
    io:format("packed: ~p~n", [pack(1, <<"ok">>)]),
    pack(2, "not a binary").

pack(Tag, Payload) -> <<Tag:8, Payload/binary>>.
