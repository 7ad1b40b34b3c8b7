-module(err_throw_nocatch_in_try).
-export([main/0]).

%% The try only catches errors, so the throw escapes; after still runs.
main() ->
    try
        io:format("in body~n"),
        throw(escaped)
    catch
        error:_ -> io:format("not here~n")
    after
        io:format("after runs before the crash~n")
    end.
