-module(lex_atoms).
-export([main/0]).

main() ->
    Atoms = [ok, hello_world, 'Hello', 'hello world', 'with\'quote',
             '', 'a.b', a@b, 'a-b', aBC, 'true', true, false, 'end',
             'fun', 'case', 'receive', 'try', 'of', 'when', 'div',
             'rem', 'band', 'not', 'orelse', 'xor', '[]', '{}', '+',
             'é', 'ü', abc123, x_1, 'ABC', 'a\tb', 'a\\b', 'UPPER', '_x',
             '123', 'a b c', 'begin', 'maybe', 'else', 'cond', 'let', 'catch',
             '.', '@', 'a@b.c', 'nonode@nohost'],
    lists:foreach(fun(A) -> io:format("~w | ~p | ~s~n", [A, A, atom_to_list(A)]) end,
                  Atoms),
    io:format("~p~n", [length(Atoms)]),
    io:format("is_atom true: ~p~n", [is_atom(true)]),
    io:format("equal quoted: ~p~n", ['ok' =:= ok]),
    ok.
