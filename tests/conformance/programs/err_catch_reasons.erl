-module(err_catch_reasons).
-export([main/0]).

main() ->
    show(catch {a} = id({b})),
    show(catch 1 + id(a)),
    show(catch atom_to_list(id("str"))),
    show(catch no_mod:f()),
    show(catch f(id(2))),
    show(catch case id(x) of y -> y end),
    show(catch maps:get(k, id(#{}))),
    show(catch throw(plain_throw)),
    show(catch exit(plain_exit)),
    show(catch error(plain_error)),
    show(catch erlang:error(with_args, [1])),
    show(catch (id(3))(x)),
    show(catch ok),
    show(catch {tuple, result}),
    io:format("whole exit tuple: ~p~n", [catch exit({x, y})]),
    ok.

id(X) -> X.
f(1) -> one.

%% Print only the reason part: stack traces contain line numbers.
show({'EXIT', {Reason, Stack}}) when is_list(Stack) -> io:format("EXIT reason: ~p~n", [Reason]);
show({'EXIT', Reason}) -> io:format("EXIT (exit): ~p~n", [Reason]);
show(Other) -> io:format("value: ~p~n", [Other]).
