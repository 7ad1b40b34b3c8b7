-module(pretty_tuples).
-export([main/0]).

-record(employee, {id, name, department, salary, manager, skills = [], address}).
-record(addr, {street, city, country}).

main() ->
    E = #employee{id = 1001, name = "Alexandra Richardson", department = engineering,
                  salary = 125000, manager = undefined, skills = [erlang, rust, elixir, sql],
                  address = #addr{street = "42 Long Street Name", city = "Metropolis", country = "Freedonia"}},
    io:format("~p~n", [E]),
    io:format("~p~n", [[E, E#employee{id = 1002, name = "Bo"}]]),
    io:format("~p~n", [{a, {b, {c, {d, {e, {f, {g, {h, {i, {j, {k, {l, {m}}}}}}}}}}}}}]),
    io:format("~p~n", [{config, [{port, 8080}, {host, "localhost"}, {timeout, 5000}, {retries, 3}, {mode, production}]}]),
    io:format("~p~n", [list_to_tuple(lists:seq(1, 40))]),
    io:format("~p~n", [{short, tuple}]),
    io:format("~p~n", [{{nested, tuple, with, many, atoms}, {and_another, one, here}, {plus, a, third, element}}]),
    io:format("~p~n", [{result, ok, [{row, 1, "first row data"}, {row, 2, "second row data"}, {row, 3, "third"}]}]),
    io:format("~p~n", [{}]),
    io:format("~p~n", [{{}}]),
    io:format("~p~n", [{[], [[]], {[]}}]),
    io:format("~w~n", [E]),
    ok.
