%% filename: split, basename/2, rootname/2, pathtype, absname, absname_join, append, nativename.
-module(lib_filename_parts).
-export([main/0]).
main() ->
    io:format("~p~n", [[filename:split("/usr/local/bin"), filename:split("foo/bar"), filename:split("/"), filename:split(""), filename:split("a//b/"), filename:split(<<"/a/b">>), filename:split("a/./b/.."), filename:split(foo),
 filename:basename("~/src/kalle.erl", ".erl"), filename:basename("~/src/kalle.beam", ".erl"), filename:basename(".erl", ".erl"), filename:basename(<<"/a/b.c">>, ".c"), filename:basename("a/b/", ""),
 filename:rootname("/beam.src/foo.erl", ".erl"), filename:rootname("/beam.src/foo.beam", ".erl"), filename:rootname(<<"x.erl">>, ".erl"),
 filename:pathtype("/a"), filename:pathtype("a/b"), filename:pathtype(<<"/x">>),
 filename:absname("/a/./b"), filename:absname("/a//b/"), filename:absname("x", "/tmp"), filename:absname("/x", "/tmp"), filename:absname(<<"x">>, "/tmp"), filename:absname("../x", "/tmp/y"), filename:absname("./x", "/tmp"),
 filename:absname_join("/tmp", "x"), filename:append("/usr/local", "bin"), filename:append("/usr/local/", "/bin"), filename:append(<<"a">>, "b"),
 filename:nativename("/usr/local/bin/"), filename:nativename("a//b"),
 filename:absname("rel") =:= filename:join(element(2, file:get_cwd()), "rel")]]).
