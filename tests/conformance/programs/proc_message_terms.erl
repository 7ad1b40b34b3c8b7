-module(proc_message_terms).
-export([main/0]).

%% Messages are copied between processes: every kind of term arrives
%% intact, including large and shared structures, and funs still work in
%% the receiver.
main() ->
    Echo = spawn(fun() -> echo() end),
    Big = lists:seq(1, 100000),
    Shared = {a, b, c},
    Terms = [0, -1, 1 bsl 100, 3.14159, 'atom with spaces', "chars", <<>>,
             <<1, 2, 3>>, <<1:3>>, list_to_binary(lists:duplicate(1000, $x)),
             [Shared, Shared, Shared], #{Shared => [Shared]},
             maps:from_list([{list_to_atom("k" ++ integer_to_list(I)), I} || I <- lists:seq(1, 40)]),
             {deep, {nested, {tuple, [1, [2, [3, [4]]]]}}}, [a | improper], self()],
    Back = [roundtrip(Echo, T) || T <- Terms],
    io:format("all equal: ~p~n", [Back =:= Terms]),
    io:format("exactly equal each: ~p~n", [[A =:= B || {A, B} <- lists:zip(Terms, Back)]]),
    BigBack = roundtrip(Echo, Big),
    io:format("big list length: ~p, sum: ~p~n", [length(BigBack), lists:sum(BigBack)]),
    %% A fun travels and runs in the other process.
    Base = 10,
    Fun = fun(X) -> X + Base end,
    Echo ! {apply, self(), Fun, 32},
    receive {applied, R} -> io:format("fun applied remotely: ~p~n", [R]) end,
    %% The sender's later bindings are unaffected by what the receiver does.
    Map = #{count => 1},
    Echo ! {update, self(), Map},
    receive {updated, M2} -> io:format("receiver's copy: ~p, sender's: ~p~n", [M2, Map]) end,
    Echo ! stop,
    ok.

roundtrip(Echo, T) ->
    Echo ! {echo, self(), T},
    receive {echoed, V} -> V end.

echo() ->
    receive
        {echo, From, T} -> From ! {echoed, T}, echo();
        {apply, From, F, X} -> From ! {applied, F(X)}, echo();
        {update, From, M} -> From ! {updated, M#{count := 2}}, echo();
        stop -> ok
    end.
