-module(lib_rand_seeded).
-export([main/0]).

%% The default algorithm (exsss) with explicit seeds, through the process dictionary and
%% through explicit states.
main() ->
    S0 = rand:seed(exsss, {1, 2, 3}),
    p(rand:export_seed_s(S0)),
    p(rand:export_seed()),
    {Handler, _} = get(rand_seed),
    p({is_map(Handler), maps:get(type, Handler), maps:get(bits, Handler)}),
    p([rand:uniform() || _ <- lists:seq(1, 8)]),
    p([rand:uniform(10) || _ <- lists:seq(1, 20)]),
    p([rand:uniform(1000000) || _ <- lists:seq(1, 5)]),
    p([rand:uniform(1) || _ <- lists:seq(1, 3)]),
    p(rand:export_seed()),
    %% The same seed gives the same numbers again.
    rand:seed(exsss, {1, 2, 3}),
    A = [rand:uniform(100) || _ <- lists:seq(1, 10)],
    rand:seed(exsss, {1, 2, 3}),
    B = [rand:uniform(100) || _ <- lists:seq(1, 10)],
    p({A, A =:= B}),
    %% Explicit states.
    St0 = rand:seed_s(exsss, {1, 2, 3}),
    {F1, St1} = rand:uniform_s(St0),
    {F2, St2} = rand:uniform_s(St1),
    {I3, St3} = rand:uniform_s(6, St2),
    {I4, St4} = rand:uniform_s(1 bsl 40, St3),
    p({F1, F2, I3, I4}),
    p(rand:export_seed_s(St4)),
    p(element(1, rand:uniform_s(St0)) =:= F1),
    %% Integer and list seeds, and the default algorithm name.
    p(rand:export_seed_s(rand:seed_s(exsss, 42))),
    p(rand:export_seed_s(rand:seed_s(exsss, 0))),
    p(rand:export_seed_s(rand:seed_s(exsss, -7))),
    p(rand:export_seed_s(rand:seed_s(exsss, 1 bsl 80))),
    p(rand:export_seed_s(rand:seed_s(exsss, [1, 2]))),
    p(rand:export_seed_s(rand:seed_s(exsss, [12345]))),
    p(rand:export_seed_s(rand:seed_s(exsss, {-5, 7, 1 bsl 70}))),
    p(rand:export_seed_s(rand:seed_s(default, {1, 2, 3}))),
    p(rand:export_seed_s(rand:seed(default, 99))),
    p([rand:uniform(50) || _ <- lists:seq(1, 10)]),
    %% An exported state restores the sequence.
    Saved = rand:export_seed(),
    X1 = [rand:uniform() || _ <- lists:seq(1, 3)],
    rand:seed(Saved),
    X2 = [rand:uniform() || _ <- lists:seq(1, 3)],
    p({X1, X1 =:= X2}),
    St = rand:seed_s(exsss, 5),
    rand:seed(St),
    p(rand:export_seed() =:= rand:export_seed_s(St)),
    p(rand:export_seed_s(rand:seed_s(rand:export_seed_s(St)))),
    %% Floats, bytes, normal numbers and the jump.
    rand:seed(exsss, {10, 20, 30}),
    p([rand:uniform_real() || _ <- lists:seq(1, 5)]),
    p([rand:bytes(N) || N <- [0, 1, 3, 7, 8, 15, 20]]),
    p([rand:normal() || _ <- lists:seq(1, 6)]),
    p([rand:normal(10, 4) || _ <- lists:seq(1, 3)]),
    p([rand:normal(-1.5, 0.25) || _ <- lists:seq(1, 3)]),
    p(rand:export_seed()),
    J = rand:jump(),
    p(rand:export_seed_s(J)),
    p(rand:export_seed()),
    p([rand:uniform(1000) || _ <- lists:seq(1, 5)]),
    Sj = rand:jump(rand:seed_s(exsss, 1)),
    p(rand:export_seed_s(Sj)),
    ok.

p(X) -> io:format("~p~n", [X]).
