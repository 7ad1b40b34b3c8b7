%% filename's Erlang half: flatten/1, validate/1, basedir/2,3 (XDG, macOS and Windows
%% layouts; the home directory shown as ~).
-module(lib_filename_more).
-export([main/0]).
p(L, F) -> io:format("~s: ~p~n", [L, try F() catch error:R -> {error_raised, R} end]).
main() ->
    [os:unsetenv(V) || V <- ["XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DATA_DIRS",
                             "XDG_CONFIG_DIRS", "LOCALAPPDATA", "APPDATA"]],
    p("flatten", fun() -> filename:flatten(["a", [b, "c"], $d]) end),
    p("flatten binary", fun() -> filename:flatten(<<"bin">>) end),
    p("flatten atom", fun() -> filename:flatten(abc) end),
    p("flatten atom tail", fun() -> filename:flatten(["a" | b]) end),
    p("flatten with binary", fun() -> filename:flatten([<<"x">>, "y"]) end),
    p("flatten integer", fun() -> filename:flatten(1) end),
    [p("validate " ++ io_lib:format("~w", [N]), fun() -> filename:validate(N) end)
     || N <- ["a/b", <<"a/b">>, [0], "", <<>>, [a, "b"], abc, [16#400], <<255>>, <<"a", 0>>]],
    p("validate integer", fun() -> filename:validate(1) end),
    Home = os:getenv("HOME"),
    Rel = fun(R) when is_list(R), is_integer(hd(R)) -> string:replace(R, Home, "~");
             (R) when is_binary(R) -> string:replace(R, Home, "~");
             (R) -> [string:replace(X, Home, "~") || X <- R] end,
    [p(io_lib:format("basedir ~p ~p ~p", [T, A, O]), fun() -> Rel(filename:basedir(T, A, O)) end)
     || T <- [user_cache, user_config, user_data, user_log, site_data, site_config],
        A <- ["app", <<"app">>],
        O <- [#{}, #{version => "1.0", author => "me"}, #{os => darwin}, #{os => windows, author => "me"}]],
    p("basedir/2", fun() -> Rel(filename:basedir(user_cache, "app")) end),
    p("basedir bad type", fun() -> filename:basedir(nope, "app") end),
    p("basedir bad app", fun() -> filename:basedir(user_cache, 1) end).
