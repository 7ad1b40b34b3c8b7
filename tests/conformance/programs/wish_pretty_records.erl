-module(wish_pretty_records).
-export([main/0]).

-record(cell, {row, col, value, style = default}).
-record(sheet, {name, cells = [], meta = #{}}).
-record(book, {title, sheets = [], owner}).

main() ->
    Cells = [#cell{row = R, col = C, value = R * C, style = if (R + C) rem 2 =:= 0 -> even; true -> odd end}
             || R <- lists:seq(1, 3), C <- lists:seq(1, 3)],
    Sheet = #sheet{name = "Multiplication table", cells = Cells,
                   meta = #{created_by => "generator", rows => 3, cols => 3, tags => [math, table, demo]}},
    Book = #book{title = "A workbook with a fairly long title for wrapping", sheets = [Sheet, Sheet#sheet{name = "Copy", cells = []}],
                 owner = {person, "Firstname Lastname", {address, "1 Some Road", "Some City", 12345}}},
    io:format("~p~n", [Book]),
    io:format("~p~n", [{wrapper, {inner_wrapper, {innermost, Book}}}]),
    io:format("Result of the computation: ~p~n", [Sheet]),
    io:format("~P~n", [Book, 6]),
    io:format("~P~n", [Book, 12]),
    io:format("~40p~n", [Sheet]),
    io:format("~120p~n", [Sheet]),
    io:format("~s~n", [io_lib:format("~p", [Cells])]),
    io:format("~p~n", [[[[[[[[[[deep]]]]]]]]]]),
    io:format("~p~n", [lists:duplicate(3, {key_with_long_name, "value with a long string", [1, 2, 3, 4, 5, 6, 7, 8]})]),
    ok.
