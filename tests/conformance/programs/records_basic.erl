-module(records_basic).
-export([main/0]).

-record(person, {name, age = 0, email = "none"}).
-record(empty, {}).
-record(counter, {value = 0 :: integer(), step = 1 :: pos_integer()}).

main() ->
    P = #person{name = "Ann", age = 30},
    io:format("record: ~p~n", [P]),
    io:format("name: ~p~n", [P#person.name]),
    io:format("age: ~p~n", [P#person.age]),
    io:format("email default: ~p~n", [P#person.email]),
    Q = #person{},
    io:format("all defaults: ~p~n", [Q]),
    io:format("undefined field: ~p~n", [Q#person.name]),
    E = #empty{},
    io:format("empty record: ~p~n", [E]),
    C = #counter{},
    io:format("typed record: ~p~n", [C]),
    io:format("index of name: ~p~n", [#person.name]),
    io:format("index of email: ~p~n", [#person.email]),
    io:format("record_info fields: ~p~n", [record_info(fields, person)]),
    io:format("record_info size: ~p~n", [record_info(size, person)]),
    io:format("record_info empty: ~p ~p~n", [record_info(fields, empty), record_info(size, empty)]),
    io:format("is tuple: ~p~n", [is_tuple(P)]),
    io:format("tuple size: ~p~n", [tuple_size(P)]),
    io:format("element 1: ~p~n", [element(1, P)]),
    io:format("is_record: ~p ~p~n", [is_record(P, person), is_record(P, counter)]),
    io:format("is_record/3: ~p~n", [is_record(P, person, 4)]),
    io:format("tuple equals record: ~p~n", [P =:= {person, "Ann", 30, "none"}]),
    io:format("with w: ~w~n", [P]),
    Field = #person.age,
    io:format("element by index: ~p~n", [element(Field, P)]),
    R = #person{name = lists:concat(["B", "ob"]), email = "bob@x"},
    io:format("computed: ~p~n", [R]),
    Wild = #person{_ = filled},
    io:format("underscore default: ~p~n", [Wild]),
    Wild2 = #person{name = n, _ = other},
    io:format("underscore partial: ~p~n", [Wild2]),
    ok.
