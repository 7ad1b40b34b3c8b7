-module(lib_file_io_stdin_none).
-export([main/0]).

%% Standard input that is empty (no .stdin file: the input is /dev/null): every read is
%% at the end, and stays there.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

main() ->
    show("get_line", io:get_line("")),
    show("get_line again", io:get_line("again? ")),
    show("get_chars", io:get_chars("", 10)),
    show("get_chars 0", io:get_chars("", 0)),
    show("read", io:read("")),
    show("read/3", io:read(standard_io, "", 1)),
    show("file:read_line", file:read_line(standard_io)),
    show("file:read", file:read(standard_io, 1)),
    show("file:read 0", file:read(standard_io, 0)),
    ok.
