-module(stacktrace_pattern).
-export([f/0]).
f() ->
    try ok
    catch
        error:Reason:[Top | _] -> {Reason, Top}
    end.
