%% uri_string: parsing (and its errors), recomposing, normalizing, resolving (RFC 3986's
%% examples), form-encoded queries and percent-decoding.
-module(lib_uri_string).
-export([main/0]).
p(L, X) -> io:format("~s: ~p~n", [L, try X() catch error:R -> {error_raised, R} end]).
main() ->
    [p("parse " ++ io_lib:format("~p", [U]), fun() -> uri_string:parse(U) end)
     || U <- ["https://user:pw@example.com:8080/a/b?x=1&y=2#frag", "http://example.com", "/relative/path?q",
              "mailto:a@b.c", "foo", "", "http://[::1]:80/x", "http://h:notaport/", "http://h:/p", "//host/p",
              "http://a b.com/", "HTTP://Ex.COM/%7Euser", <<"http://b.com/p?q#f">>, "urn:isbn:123", "http://h/p?",
              "http://h/p#", "?q=1", "#f", "http://h:65536/", "ht tp://x", "http://h/p%20q", "http://h/p q",
              "a:b", "a:b/c", "1a:b", "http://u@h", "http://@h", "http://h?q#f", "file:///etc/x", "http://h:0",
              "http://h:080/", "a b"]],
    [p("recompose " ++ io_lib:format("~p", [M]), fun() -> uri_string:recompose(M) end)
     || M <- [#{scheme => "https", host => "ex.com", port => 443, path => "/a", query => "x=1", fragment => "f"},
              #{path => "a/b"}, #{host => "h", path => ""}, #{scheme => <<"http">>, host => <<"h">>, path => <<"/p">>},
              #{scheme => "http", userinfo => "u", host => "h", path => "/"}, #{scheme => "http", host => "::1", path => "/"}, #{}]],
    p("round trip", fun() -> U = "https://u@h.com:81/a/b?c=d#e", uri_string:recompose(uri_string:parse(U)) =:= U end),
    p("compose_query", fun() -> uri_string:compose_query([{"a", "1"}, {"b c", "d&e"}, {"k", true}]) end),
    p("compose_query chars", fun() -> uri_string:compose_query([{"a~*-._!", "x y/z:@"}, {"u", [233]}]) end),
    p("compose_query binary", fun() -> uri_string:compose_query([{<<"a">>, <<"1 2">>}]) end),
    p("compose_query empty", fun() -> uri_string:compose_query([]) end),
    p("dissect_query", fun() -> uri_string:dissect_query("a=1&b%20c=d%26e&k") end),
    p("dissect_query plus", fun() -> uri_string:dissect_query("c+d=e+f") end),
    p("dissect_query binary", fun() -> uri_string:dissect_query(<<"a=1&b=2">>) end),
    p("dissect_query empty", fun() -> uri_string:dissect_query("") end),
    p("dissect_query empty pair", fun() -> uri_string:dissect_query("a=1&&b") end),
    p("dissect_query bad", fun() -> uri_string:dissect_query("g=%zz") end),
    p("dissect_query utf8", fun() -> uri_string:dissect_query("u=%C3%A9") end),
    [p("normalize " ++ U, fun() -> uri_string:normalize(U) end)
     || U <- ["HTTP://Ex.COM:80/a/./b/../c/%7e", "https://h:443/", "HTTP://H/%7a%2f", "http://h", "foo/./bar/../baz",
              "http://h/a/../../b", "http://h:8080/"]],
    [p("resolve " ++ R, fun() -> uri_string:resolve(R, "http://a/b/c/d;p?q") end)
     || R <- ["g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", ";x", "", ".", "./", "..", "../", "../g",
              "../..", "../../g", "../../../g", "http:g", "g;x?y#s"]],
    p("resolve binary", fun() -> uri_string:resolve(<<"../d?q">>, <<"http://h/a/b/c">>) end),
    p("percent_decode", fun() -> uri_string:percent_decode("a%20b%2F") end),
    p("percent_decode short", fun() -> uri_string:percent_decode("a%2") end),
    p("percent_decode binary", fun() -> uri_string:percent_decode(<<"a%41">>) end).
