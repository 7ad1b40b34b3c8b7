-module(lib_rand_errors).
-export([main/0]).

%% Bad arguments raise what OTP raises.
main() ->
    S = rand:seed_s(exsss, 1),
    rand:seed(exsss, 1),
    [p(e(F)) || F <- [
        fun() -> rand:uniform(0) end,
        fun() -> rand:uniform(-1) end,
        fun() -> rand:uniform(1.5) end,
        fun() -> rand:uniform(a) end,
        fun() -> rand:uniform_s(0, S) end,
        fun() -> rand:uniform_s(3, foo) end,
        fun() -> rand:uniform_s(foo) end,
        fun() -> rand:uniform_real_s(foo) end,
        fun() -> rand:seed(foo) end,
        fun() -> rand:seed(foo, 1) end,
        fun() -> rand:seed(exsss, foo) end,
        fun() -> rand:seed(exsss, {1, 2}) end,
        fun() -> rand:seed(exsss, 1.5) end,
        fun() -> rand:seed(exsss, {a, b, c}) end,
        fun() -> rand:seed(exsss, [0, 0]) end,
        fun() -> rand:seed(exsss, []) end,
        fun() -> rand:seed(exsss, [1, 2, 3]) end,
        fun() -> rand:seed(exsss, [0, 0, 0]) end,
        fun() -> rand:seed(exsss, [0, a]) end,
        fun() -> rand:seed(exsss, [1, 2 | 3]) end,
        fun() -> rand:seed(exs64, [1, 2]) end,
        fun() -> rand:seed(exro928ss, lists:seq(1, 17)) end,
        fun() -> rand:seed({foo, [1 | 2]}) end,
        fun() -> rand:seed(123) end,
        fun() -> rand:seed("abc") end,
        fun() -> rand:bytes(-1) end,
        fun() -> rand:bytes(a) end,
        fun() -> rand:bytes_s(2, foo) end,
        fun() -> rand:normal(0, -1) end,
        fun() -> rand:normal_s(0, -1, S) end,
        fun() -> rand:normal_s(foo) end,
        fun() -> rand:jump(foo) end,
        fun() -> rand:jump(rand:seed_s(exs64, 1)) end,
        fun() -> rand:export_seed_s(foo) end,
        fun() -> rand:mwc59_seed(-1) end,
        fun() -> rand:mwc59_seed(1 bsl 58) end,
        fun() -> rand:mwc59(a) end,
        fun() -> rand:splitmix64_next(a) end
    ]],
    %% Failed calls leave the process's state alone.
    p(rand:export_seed()),
    ok.

e(F) ->
    try F() of
        {#{type := T}, _} -> {state, T};
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

p(X) -> io:format("~p~n", [X]).
