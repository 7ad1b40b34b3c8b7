-module(lib_rand_ranges).
-export([main/0]).

%% Ranges around the generators' word sizes, long runs that meet the rejected draws, states
%% whose first words are small (the slow paths of uniform_real), and the exported helper
%% functions for custom generators.
main() ->
    Ranges = [1, 2, 3, 7, 100, 1 bsl 32, 300000000000000000, (1 bsl 58) - 1, 1 bsl 58,
              (1 bsl 58) + 1, (1 bsl 64) - 1, 1 bsl 64, (1 bsl 64) + 1,
              1000000000000000000000000000000, 1 bsl 127, (1 bsl 200) - 12345],
    [begin
         S = rand:seed_s(Alg, {3, 1, 4}),
         p({Alg, [element(1, rand:uniform_s(N, S)) || N <- Ranges]})
     end || Alg <- [exsss, exrop, exsp, exs1024s, exsplus, exs64]],
    %% A range just under 2^58 rejects about half of the words.
    {L, S1} = take(fun(S) -> rand:uniform_s((1 bsl 57) + 1, S) end, rand:seed_s(exsss, 7), 40),
    p(L),
    p(rand:export_seed_s(S1)),
    Counts = lists:foldl(fun(X, M) -> maps:update_with(X, fun(C) -> C + 1 end, 1, M) end, #{},
                         element(1, take(fun(S) -> rand:uniform_s(6, S) end, rand:seed_s(exrop, 1), 600))),
    p(lists:sort(maps:to_list(Counts))),
    %% States made so that the first word is 0, 1, 2^54 - 1 or 3.
    [begin
         St = rand:seed_s({exsss, W}),
         {R1, St1} = rand:uniform_real_s(St),
         {R2, _} = rand:uniform_real_s(St1),
         p({R1, R2, element(1, rand:uniform_s(St)), element(1, rand:uniform_s(10, St))})
     end || W <- [[198759422745055191 | 0], [108656671738846522 | 25920717855310188],
                  [147412821901205427 | 31978684854071751], [46158321016255302 | 0],
                  [235848819190021234 | 250250019294220561]]],
    %% Exported building blocks.
    p(rand:splitmix64_next(0)),
    p(rand:splitmix64_next(12345678901234567890)),
    p(rand:seed58(4, 99)),
    p(rand:exsp_next([1 | 2])),
    p(rand:exsp_jump([1 | 2])),
    R928 = rand:exro928_seed({1, 2, 3}),
    p(R928),
    p(rand:exro928_seed(5)),
    {V928, N928} = rand:exro928_next(R928),
    p(V928),
    p(N928),
    p(rand:exro928_next_state(N928)),
    p(rand:exro928_jump_2pow20(N928)),
    p(rand:exro928_jump_2pow512(N928)),
    CX = rand:mwc59_seed(77),
    p(CX),
    Cs = lists:foldl(fun(_, [C | _] = Acc) -> [rand:mwc59(C) | Acc] end, [CX], lists:seq(1, 5)),
    p(Cs),
    p([{rand:mwc59_value32(C), rand:mwc59_value(C), rand:mwc59_float(C)} || C <- Cs]),
    p([rand:mwc59_seed(X) || X <- [0, 1, (1 bsl 58) - 1]]),
    p([rand:mwc59(X) || X <- [0, 1, -1, 1 bsl 59, (1 bsl 59) + 1]]),
    p({is_integer(rand:mwc59_seed()), rand:mwc59_seed() > 0}),
    ok.

take(F, S, N) -> take(F, S, N, []).
take(_F, S, 0, Acc) -> {lists:reverse(Acc), S};
take(F, S0, N, Acc) ->
    {X, S} = F(S0),
    take(F, S, N - 1, [X | Acc]).

p(X) -> io:format("~p~n", [X]).
