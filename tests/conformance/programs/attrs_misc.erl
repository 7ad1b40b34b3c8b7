-module(attrs_misc).
-author("Conformance Suite").
-vsn("1.2.3").
-behaviour(attrs_misc_behaviour_placeholder).
-export([main/0, public_a/0]).
-export([public_b/1, public_c/2]).
-import(lists, [reverse/1, sum/1]).
-import(string, [to_upper/1]).
-compile([nowarn_unused_function]).
-my_custom_attribute({anything, [1, 2, 3]}).
-another(simple).

-type color() :: red | green | blue.
-type point() :: {number(), number()}.
-opaque secret() :: {secret, term()}.
-export_type([color/0, secret/0]).
-callback handle(term()) -> ok.
-record(cfg, {color = red :: color(), at = {0, 0} :: point()}).

-spec main() -> ok.
main() ->
    io:format("reverse via import: ~p~n", [reverse([1, 2, 3])]),
    io:format("sum via import: ~p~n", [sum([1, 2, 3])]),
    io:format("upper via import: ~p~n", [to_upper("abc")]),
    io:format("public: ~p ~p ~p~n", [public_a(), public_b(1), public_c(1, 2)]),
    io:format("record with types: ~p~n", [#cfg{}]),
    io:format("secret: ~p~n", [make_secret(42)]),
    io:format("color ok: ~p~n", [[valid(C) || C <- [red, green, purple]]]),
    Attrs = ?MODULE:module_info(attributes),
    io:format("vsn: ~p~n", [lists:keyfind(vsn, 1, Attrs)]),
    io:format("author: ~p~n", [lists:keyfind(author, 1, Attrs)]),
    io:format("custom: ~p~n", [lists:keyfind(my_custom_attribute, 1, Attrs)]),
    io:format("another: ~p~n", [lists:keyfind(another, 1, Attrs)]),
    io:format("behaviour: ~p~n", [lists:keyfind(behaviour, 1, Attrs)]),
    io:format("exports: ~p~n", [lists:sort(?MODULE:module_info(exports))]),
    io:format("module: ~p~n", [?MODULE:module_info(module)]),
    ok.

-spec public_a() -> atom().
public_a() -> a.

-spec public_b(integer()) -> {b, integer()}.
public_b(X) -> {b, X}.

-spec public_c(A, B) -> {A, B} when A :: term(), B :: term().
public_c(X, Y) -> {X, Y}.

-spec make_secret(term()) -> secret().
make_secret(V) -> {secret, V}.

-spec valid(color() | atom()) -> boolean().
valid(red) -> true;
valid(green) -> true;
valid(blue) -> true;
valid(_) -> false.

unused_helper() -> never_called.
