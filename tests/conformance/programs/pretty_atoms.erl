-module(pretty_atoms).
-export([main/0]).

main() ->
    Atoms = [hello, 'hello world', '[]', '{}', 'Foo', foo_Bar, 'foo-bar', '123abc', abc123,
             '', 'a\'b', ' ', '\n', 'tab\there', '$', '%', 'é', 'ñandú', 'Ωmega',
             'andalso', 'orelse', 'band', 'after', 'query', spec, module, 'fun', '!', '=', '==',
             '->', 'a.b.c', a@b, 'a@', '@a', 'A', '_', '_underscore', true, undefined],
    lists:foreach(fun(A) -> io:format("~p ~w~n", [A, A]) end, Atoms),
    io:format("~p~n", [Atoms]),
    io:format("~p~n", [{'EXIT', 'Quoted', unquoted}]),
    ok.
