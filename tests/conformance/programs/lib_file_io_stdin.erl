-module(lib_file_io_stdin).
-export([main/0]).

%% Standard input (lib_file_io_stdin.stdin is piped in): io:get_line/1,2,
%% io:get_chars/2,3, io:read/1,2,3, file:read_line/1 and file:read/2 on standard_io,
%% prompts, reading from another process, and the end of the input.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

main() ->
    show("get_line with prompt", io:get_line("prompt> ")),
    show("get_chars 3", io:get_chars("", 3)),
    show("get_line rest", io:get_line('')),
    show("read", io:read("term? ")),
    show("read same line", io:read('')),
    show("read over lines", io:read('')),
    show("get_line after terms", io:get_line(standard_io, "")),
    show("read syntax error", io:read(standard_io, "")),
    show("get_line after error", io:get_line("")),
    show("read/3", io:read(standard_io, "", 10)),
    show("file:read_line", file:read_line(standard_io)),
    show("file:read", file:read(standard_io, 4)),
    show("get_line user", io:get_line(user, "")),
    show("bytes above 127", io:get_line("")),
    show("getopts", io:getopts()),
    show("columns", io:columns()),
    Top = self(),
    spawn(fun() -> Top ! {child, io:get_line(""), io:read("")} end),
    show("read by a child", receive {child, L, T} -> {L, T} end),
    show("format to user", io:format(user, "to user~n", [])),
    show("put_chars to user", io:put_chars(user, "to user again\n")),
    show("request to standard_io", io:request(standard_io, {put_chars, unicode, "requested\n"})),
    show("get_chars 0", io:get_chars("", 0)),
    show("last line, no newline", io:get_line("")),
    show("get_line at end", io:get_line("")),
    show("get_line at end again", io:get_line("more? ")),
    show("get_chars at end", io:get_chars("", 1)),
    show("read at end", io:read("")),
    show("read/3 at end", io:read(standard_io, "", 3)),
    show("file:read_line at end", file:read_line(standard_io)),
    show("file:read at end", file:read(standard_io, 1)),
    show("standard_error input", io:get_line(standard_error, "")),
    ok.
