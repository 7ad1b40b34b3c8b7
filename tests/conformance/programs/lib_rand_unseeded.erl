-module(lib_rand_unseeded).
-export([main/0]).

%% Without a seed the numbers differ from run to run: only their properties are printed.
main() ->
    p(get(rand_seed)),
    p(rand:export_seed()),
    X = rand:uniform(),
    p({is_float(X), X >= 0.0, X < 1.0}),
    {Alg, _} = rand:export_seed(),
    p(Alg),
    Is = [rand:uniform(6) || _ <- lists:seq(1, 200)],
    p({lists:min(Is) >= 1, lists:max(Is) =< 6, lists:usort(Is)}),
    p(lists:all(fun(F) -> F > 0.0 andalso F < 1.0 end, [rand:uniform_real() || _ <- lists:seq(1, 50)])),
    p(byte_size(rand:bytes(17))),
    p(is_float(rand:normal())),
    Big = rand:uniform(1 bsl 100),
    p(Big >= 1 andalso Big =< 1 bsl 100),
    [begin
         S = rand:seed(A),
         {#{type := T}, _} = S,
         V = rand:uniform(1000),
         p({A, T, V >= 1 andalso V =< 1000})
     end || A <- [exsss, exrop, exsp, exro928ss, exs1024s, default]],
    {_, S0} = rand:uniform_s(rand:seed_s(exrop)),
    p(element(1, rand:export_seed_s(S0))),
    %% Each process has its own state.
    Self = self(),
    rand:seed(exsss, {1, 2, 3}),
    Mine = rand:uniform(),
    spawn(fun() ->
                  Self ! {child, get(rand_seed), begin rand:seed(exsss, {1, 2, 3}), rand:uniform() end}
          end),
    receive
        {child, Before, Theirs} -> p({Before, Theirs =:= Mine})
    end,
    ok.

p(X) -> io:format("~p~n", [X]).
