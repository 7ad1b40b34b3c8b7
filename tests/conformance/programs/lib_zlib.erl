%% zlib's one-call functions: zlib, gzip and raw deflate, byte for byte as erl makes them.
-module(lib_zlib).
-export([main/0]).
p(L, X) -> io:format("~s: ~p~n", [L, try X() catch C:R -> {C, R} end]).
main() ->
    Text = list_to_binary(lists:duplicate(20, "hello zlib ")),
    p("compress", fun() -> zlib:compress(<<"hello hello hello">>) end),
    p("compress iolist", fun() -> zlib:compress(["hel", <<"lo">>]) end),
    p("compress empty", fun() -> zlib:compress(<<>>) end),
    p("uncompress", fun() -> zlib:uncompress(zlib:compress(Text)) =:= Text end),
    p("gzip", fun() -> zlib:gzip(<<"hello">>) end),
    p("gunzip", fun() -> zlib:gunzip(zlib:gzip(Text)) =:= Text end),
    p("zip", fun() -> zlib:zip(<<"hello">>) end),
    p("unzip", fun() -> zlib:unzip(zlib:zip(Text)) =:= Text end),
    p("sizes", fun() -> {byte_size(zlib:compress(Text)), byte_size(zlib:gzip(Text)), byte_size(zlib:zip(Text))} end),
    p("uncompress bad", fun() -> zlib:uncompress(<<"garbage">>) end),
    p("gunzip bad", fun() -> zlib:gunzip(<<"garbage">>) end),
    p("unzip bad", fun() -> zlib:unzip(<<255, 255>>) end),
    p("compress bad", fun() -> zlib:compress(abc) end).
