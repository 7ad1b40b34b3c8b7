-module(lib_rand_algorithms).
-export([main/0]).

%% Every algorithm with the same seeds: the seeded state, uniform floats and integers, big
%% ranges, bytes, uniform_real, normal numbers and the jump.
main() ->
    [alg(Alg, Seed) || Alg <- [exsss, exsp, exsplus, exrop, exro928ss, exs1024s, exs1024, exs64],
                       Seed <- [{1, 2, 3}, 20240229, [7]]],
    ok.

alg(Alg, Seed) ->
    S0 = rand:seed_s(Alg, Seed),
    p({Alg, Seed}),
    p(rand:export_seed_s(S0)),
    {Fs, S1} = take(fun rand:uniform_s/1, S0, 4),
    {Is, S2} = take(fun(S) -> rand:uniform_s(1000, S) end, S1, 6),
    {Bs, S3} = take(fun(S) -> rand:uniform_s(1 bsl 90, S) end, S2, 2),
    {Rs, S4} = take(fun rand:uniform_real_s/1, S3, 3),
    {Bin, S5} = rand:bytes_s(11, S4),
    {Ns, S6} = take(fun rand:normal_s/1, S5, 3),
    {N3, S7} = rand:normal_s(3.0, 2.0, S6),
    p({Fs, Is, Bs}),
    p({Rs, Bin}),
    p({Ns, N3}),
    p(rand:export_seed_s(S7)),
    case Alg of
        exs64 ->
            p(try rand:jump(S7) catch C:R -> {C, R} end);
        _ ->
            J = rand:jump(S7),
            p(rand:export_seed_s(J)),
            p(element(1, take(fun(S) -> rand:uniform_s(1 bsl 20, S) end, J, 3)))
    end,
    %% The process dictionary gives the same numbers.
    rand:seed(Alg, Seed),
    p([rand:uniform() || _ <- lists:seq(1, 4)] =:= Fs).

take(F, S, N) -> take(F, S, N, []).
take(_F, S, 0, Acc) -> {lists:reverse(Acc), S};
take(F, S0, N, Acc) ->
    {X, S} = F(S0),
    take(F, S, N - 1, [X | Acc]).

p(X) -> io:format("~p~n", [X]).
