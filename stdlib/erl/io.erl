%% io: the parts of the io module written in Erlang, following OTP 25's io module (its
%% results and error reasons).
%%
%% Output to the standard devices is built in (vm/src/bif/io.rs): format/1,2,3,
%% fwrite/1,2,3, put_chars/1,2, nl/0,1 and write/1,2 write to standard_io, user and
%% standard_error directly. The three-argument forms and their kin are defined here as
%% well: the built-ins hand every other device to these definitions, which speak the io
%% protocol ({io_request, From, ReplyAs, Request}, answered by {io_reply, ReplyAs, Reply})
%% to the device's io server, and raise erl's errors for what is no device.
%%
%% Input always goes through an io server. Standard input has one (a file_io_server that
%% reads the VM's standard input), started the first time a process reads and registered
%% as user. standard_io is the calling process's group leader: the standard one (standard
%% output and input) unless group_leader/2 gave it another, which then gets the requests
%% (the built-ins decline standard_io for such a process, and the device-less forms here
%% take the call).
%%
%% Deliberately left out: get_password/0,1, the scan_erl_* and parse_erl_* functions.
-module(io).

-export([format/1, format/2, format/3, fwrite/1, fwrite/2, fwrite/3, put_chars/1,
         put_chars/2, nl/0, nl/1, write/1, write/2, printable_range/0,
         get_line/1, get_line/2, get_chars/2, get_chars/3,
         read/1, read/2, read/3, fread/2, fread/3,
         scan_erl_exprs/1, scan_erl_exprs/2, scan_erl_exprs/3, scan_erl_exprs/4,
         parse_erl_exprs/1, parse_erl_exprs/2, parse_erl_exprs/3, parse_erl_exprs/4,
         scan_erl_form/1, scan_erl_form/2, scan_erl_form/3, scan_erl_form/4,
         parse_erl_form/1, parse_erl_form/2, parse_erl_form/3, parse_erl_form/4,
         setopts/1, setopts/2, getopts/0, getopts/1,
         columns/0, columns/1, rows/0, rows/1,
         request/1, request/2, requests/1, requests/2]).

%% ---------------------------------------------------------------------
%% Output to a device that is not standard output (the built-ins take those)

format(Format) -> format(Format, []).

format(Format, Args) ->
    o_request(standard_io, {format, Format, Args}, format, [Format, Args]).

format(Io, Format, Args) ->
    o_request(Io, {format, Format, Args}, format, [Io, Format, Args]).

fwrite(Format) -> fwrite(Format, []).

fwrite(Format, Args) ->
    o_request(standard_io, {format, Format, Args}, fwrite, [Format, Args]).

fwrite(Io, Format, Args) ->
    o_request(Io, {format, Format, Args}, fwrite, [Io, Format, Args]).

put_chars(Chars) ->
    o_request(standard_io, {put_chars, unicode, Chars}, put_chars, [Chars]).

put_chars(Io, Chars) ->
    o_request(Io, {put_chars, unicode, Chars}, put_chars, [Io, Chars]).

nl() ->
    o_request(standard_io, nl, nl, []).

nl(Io) ->
    o_request(Io, nl, nl, [Io]).

write(Term) ->
    o_request(standard_io, {write, Term}, write, [Term]).

write(Io, Term) ->
    o_request(Io, {write, Term}, write, [Io, Term]).

%% An output request whose failure is an exception, raised as from io:Func(Args...).
o_request(Io, Request, Func, Args) ->
    case request(Io, Request) of
        {error, Reason} -> fail(Func, Args, Reason);
        Other -> Other
    end.

fail(Func, Args, Reason) ->
    Cause = case Reason of
                arguments -> {io, arguments};
                terminated -> {io, terminated};
                calling_self -> {io, calling_self};
                _ -> {device, Reason}
            end,
    Info = [{error_info, #{cause => Cause, module => erl_stdlib_errors}}],
    Callers = try erlang:error(stack) catch error:stack:Stack -> callers(Stack) end,
    erlang:raise(error, conv_reason(Reason), [{io, Func, Args, Info} | Callers]).

%% The stack without this module's own frames.
callers([{io, _, _, _} | Rest]) -> callers(Rest);
callers(Stack) -> Stack.

conv_reason(arguments) -> badarg;
conv_reason(terminated) -> terminated;
conv_reason(calling_self) -> calling_self;
conv_reason({no_translation, _, _}) -> no_translation;
conv_reason(_) -> badarg.

%% ---------------------------------------------------------------------
%% Input

get_line(Prompt) ->
    get_line(standard_io, Prompt).

get_line(Io, Prompt) ->
    request(Io, {get_line, unicode, Prompt}).

get_chars(Prompt, N) ->
    get_chars(standard_io, Prompt, N).

get_chars(Io, Prompt, N) when is_integer(N), N >= 0 ->
    request(Io, {get_chars, unicode, Prompt, N}).

read(Prompt) ->
    read(standard_io, Prompt).

read(Io, Prompt) ->
    case request(Io, {get_until, unicode, Prompt, erl_scan, tokens, [1]}) of
        {ok, Tokens, _EndLine} -> erl_parse:parse_term(Tokens);
        {error, E, _EndLine} -> {error, E};
        {eof, _EndLine} -> eof;
        Other -> Other
    end.

%% Formatted input (io_lib_fread), a line at a time.
fread(Prompt, Format) ->
    fread(standard_io, Prompt, Format).

fread(Io, Prompt, Format) ->
    request(Io, {fread, Prompt, Format}).

read(Io, Prompt, StartLine) when is_integer(StartLine) ->
    case request(Io, {get_until, unicode, Prompt, erl_scan, tokens, [StartLine]}) of
        {ok, Tokens, EndLine} ->
            case erl_parse:parse_term(Tokens) of
                {ok, Term} -> {ok, Term, EndLine};
                {error, ErrorInfo} -> {error, ErrorInfo, EndLine}
            end;
        Other -> Other
    end.

%% Tokens up to a full stop (erl_scan's, lines from StartLine): {ok, Tokens, EndLine},
%% {eof, EndLine} or {error, ErrorInfo, ErrorLine}. Options are not used.
scan_erl_exprs(Prompt) -> scan_erl_exprs(standard_io, Prompt).

scan_erl_exprs(Io, Prompt) -> scan_erl_exprs(Io, Prompt, 1).

scan_erl_exprs(Io, Prompt, StartLine) -> scan_erl_exprs(Io, Prompt, StartLine, []).

scan_erl_exprs(Io, Prompt, StartLine, _Options) ->
    request(Io, {get_until, unicode, Prompt, erl_scan, tokens, [StartLine]}).

%% Expressions up to a full stop, in the abstract format: {ok, Exprs, EndLine}.
parse_erl_exprs(Prompt) -> parse_erl_exprs(standard_io, Prompt).

parse_erl_exprs(Io, Prompt) -> parse_erl_exprs(Io, Prompt, 1).

parse_erl_exprs(Io, Prompt, StartLine) -> parse_erl_exprs(Io, Prompt, StartLine, []).

parse_erl_exprs(Io, Prompt, StartLine, Options) ->
    parse_erl(Io, Prompt, StartLine, Options, fun erl_parse:parse_exprs/1).

%% Tokens up to a full stop, parsed by Parse: {ok, Parsed, EndLine}, or what the scan gave.
parse_erl(Io, Prompt, StartLine, Options, Parse) ->
    case scan_erl_exprs(Io, Prompt, StartLine, Options) of
        {ok, Tokens, EndLine} ->
            case Parse(Tokens) of
                {ok, Parsed} -> {ok, Parsed, EndLine};
                {error, ErrorInfo} -> {error, ErrorInfo, EndLine}
            end;
        Other ->
            Other
    end.

%% A form (a function or an attribute) up to a full stop: its tokens, or its abstract
%% format ({ok, AbsForm, EndLine}).
scan_erl_form(Prompt) -> scan_erl_form(standard_io, Prompt).

scan_erl_form(Io, Prompt) -> scan_erl_form(Io, Prompt, 1).

scan_erl_form(Io, Prompt, StartLine) -> scan_erl_form(Io, Prompt, StartLine, []).

scan_erl_form(Io, Prompt, StartLine, Options) -> scan_erl_exprs(Io, Prompt, StartLine, Options).

parse_erl_form(Prompt) -> parse_erl_form(standard_io, Prompt).

parse_erl_form(Io, Prompt) -> parse_erl_form(Io, Prompt, 1).

parse_erl_form(Io, Prompt, StartLine) -> parse_erl_form(Io, Prompt, StartLine, []).

parse_erl_form(Io, Prompt, StartLine, Options) ->
    parse_erl(Io, Prompt, StartLine, Options, fun erl_parse:parse_form/1).

%% ---------------------------------------------------------------------
%% Options

getopts() -> getopts(standard_io).

getopts(Io) -> request(Io, getopts).

setopts(Opts) -> setopts(standard_io, Opts).

setopts(Io, Opts) -> request(Io, {setopts, Opts}).

columns() -> columns(standard_io).

columns(Io) -> geometry(Io, columns).

rows() -> rows(standard_io).

rows(Io) -> geometry(Io, rows).

geometry(Io, What) ->
    case request(Io, {get_geometry, What}) of
        N when is_integer(N), N > 0 -> {ok, N};
        _ -> {error, enotsup}
    end.

%% ---------------------------------------------------------------------
%% The io protocol

request(Request) ->
    request(standard_io, Request).

request(standard_io, Request) ->
    case ember_io:group_leader() of
        undefined -> standard(standard_io, Request);
        Pid -> request(Pid, Request)
    end;
request(user, Request) ->
    standard(user, Request);
request(standard_error, Request) ->
    standard(standard_error, Request);
request(Pid, _Request) when Pid =:= self() ->
    {error, calling_self};
request(Pid, Request) when is_pid(Pid) ->
    case Pid =:= group_leader() andalso ember_io:group_leader() =:= undefined of
        true -> standard(standard_io, Request);
        false -> execute(Pid, convert(Request))
    end;
request(Name, Request) when is_atom(Name) ->
    case whereis(Name) of
        undefined -> {error, arguments};
        Pid -> request(Pid, Request)
    end.

requests(Requests) ->
    requests(standard_io, Requests).

requests(Io, Requests) ->
    request(Io, {requests, Requests}).

execute(Pid, Request) ->
    Mref = erlang:monitor(process, Pid),
    Pid ! {io_request, self(), Mref, Request},
    receive
        {io_reply, Mref, Reply} ->
            erlang:demonitor(Mref, [flush]),
            Reply;
        {'DOWN', Mref, _, _, _} ->
            receive {'EXIT', Pid, _} -> ok after 0 -> ok end,
            {error, terminated}
    end.

%% The io server's form of the requests made here.
convert({format, Format, Args}) -> {put_chars, unicode, io_lib, format, [Format, Args]};
convert({write, Term}) -> {put_chars, unicode, io_lib, write, [Term]};
convert(nl) -> {put_chars, unicode, "\n"};
convert({fread, Prompt, Format}) -> {get_until, unicode, Prompt, io_lib, fread, [Format]};
convert({requests, Requests}) when is_list(Requests) -> {requests, [convert(R) || R <- Requests]};
convert(Request) -> Request.

%% A request to a standard device: output is written here, input and options go to the
%% io server of standard input (standard_error has none).
standard(Dev, Request) ->
    case convert(Request) of
        {requests, Requests} -> standard_requests(Dev, Requests);
        {put_chars, Enc, Chars} -> standard_put(Dev, Enc, Chars);
        {put_chars, Enc, M, F, A} ->
            case catch apply(M, F, A) of
                Chars when is_list(Chars); is_binary(Chars) -> standard_put(Dev, Enc, Chars);
                _ -> {error, F}
            end;
        {put_chars, Chars} -> standard_put(Dev, latin1, Chars);
        Other when Dev =:= standard_error -> {error, {request, Other}};
        Other -> execute(stdin_server(), Other)
    end.

standard_requests(_Dev, []) -> ok;
standard_requests(Dev, [R | Rs]) ->
    case standard(Dev, R) of
        {error, _} = E -> E;
        _ when Rs =:= [] -> ok;
        _ -> standard_requests(Dev, Rs)
    end.

standard_put(Dev, Enc, Chars) ->
    Data = case {Enc, Chars} of
               {latin1, _} when is_binary(Chars) -> binary_to_list(Chars);
               {latin1, _} -> catch binary_to_list(iolist_to_binary(Chars));
               _ -> Chars
           end,
    try io:put_chars(Dev, Data)
    catch error:_ -> {error, put_chars}
    end.

%% The io server of standard input, started on first use.
stdin_server() ->
    case whereis(user) of
        undefined ->
            {ok, Pid} = file_io_server:start_stdin(),
            try register(user, Pid) of
                true -> Pid
            catch
                error:badarg ->
                    %% Another process started one first.
                    exit(Pid, kill),
                    stdin_server()
            end;
        Pid ->
            Pid
    end.

%% The characters ~p and io_lib:printable_list/1 take as printable: Latin-1, erl's default
%% (ember has no +pc flag to change it).
printable_range() -> latin1.
