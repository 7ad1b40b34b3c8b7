-module(records_guards).
-export([main/0]).

-record(item, {name, qty = 0, price = 0.0}).
-record(box, {items = []}).

main() ->
    Items = [#item{name = apple, qty = 3, price = 0.5},
             #item{name = pear, qty = 0, price = 0.75},
             #item{name = melon, qty = 12, price = 2.0},
             {item, weird, -1, 0},
             #box{}],
    [io:format("~p -> ~p~n", [element(2, I), classify(I)]) || I <- Items],
    io:format("in stock: ~p~n", [[N || #item{name = N, qty = Q} <- Items, Q > 0]]),
    io:format("value: ~p~n", [lists:sum([Q * P || #item{qty = Q, price = P} <- Items, is_float(P)])]),
    io:format("is_record guard: ~p~n", [[kind(X) || X <- Items]]),
    ok.

classify(I) when I#item.qty > 10 -> bulk;
classify(I) when is_record(I, item), I#item.qty =:= 0 -> out_of_stock;
classify(#item{qty = Q}) when Q < 0 -> invalid;
classify(#item{}) -> normal;
classify(_) -> not_item.

kind(X) when is_record(X, item) -> item;
kind(X) when is_record(X, box) -> box;
kind(_) -> unknown.
