%% file_io_server: the io server behind an open file (file:open/2) and behind standard
%% input, following what OTP 25's file_io_server does that a program can see: its replies,
%% which errors end it, and how a read-ahead buffer shows in positions.
%%
%% A file device reads the file with prim_file (vm/src/bif/file.rs) a chunk at a time into
%% a buffer of bytes; lines and characters are cut from the buffer, decoded as the device's
%% encoding says (latin1, or unicode for UTF-8) and returned as lists or binaries as its
%% mode says. Writing, positioning and truncating first give back what was read ahead. The
%% server watches the process that opened the file and ends with it; its end closes the
%% file. Standard input's server reads chunks with ember_io:read_stdin/0, which answers with
%% a message (so that no scheduler waits for input), writes prompts and output to standard
%% output, and serves no file requests.
%%
%% Deliberately left out: the utf16 and utf32 encodings, and compressed files.
-module(file_io_server).

-export([start/3, start_stdin/0]).

-record(st, {src,              % {file, Handle} | stdin
             owner,            % monitor reference of the owner (file devices)
             buf = <<>>,       % bytes read ahead
             mode = list,      % list | binary: what reads return
             enc = latin1,     % latin1 | unicode: how the bytes are characters
             raw = false,      % opened raw: errors do not end the server
             at_end = false}). % standard input: its end was reached

-define(CHUNK, 8192).

%% ---------------------------------------------------------------------
%% Starting

%% Opens Name for Owner: {ok, Pid} or {error, Reason}.
start(Owner, Name, Modes) ->
    Self = self(),
    Tag = make_ref(),
    Pid = spawn(fun() -> init(Self, Tag, Owner, Name, Modes) end),
    Mref = erlang:monitor(process, Pid),
    receive
        {Tag, Result} ->
            erlang:demonitor(Mref, [flush]),
            Result;
        {'DOWN', Mref, _, _, Reason} ->
            {error, Reason}
    end.

init(Parent, Tag, Owner, Name, Modes) ->
    case options(Modes, list, latin1) of
        {error, _} = Error ->
            Parent ! {Tag, Error};
        {Mode, Enc} ->
            case prim_file:open(Name, Modes) of
                {ok, Handle} ->
                    Mref = erlang:monitor(process, Owner),
                    Parent ! {Tag, {ok, self()}},
                    Raw = lists:member(raw, Modes),
                    loop(#st{src = {file, Handle}, owner = Mref, mode = Mode, enc = Enc, raw = Raw});
                {error, _} = Error ->
                    Parent ! {Tag, Error}
            end
    end.

options([], Mode, Enc) -> {Mode, Enc};
options([binary | T], _, Enc) -> options(T, binary, Enc);
options([list | T], _, Enc) -> options(T, list, Enc);
options([latin1 | T], Mode, _) -> options(T, Mode, latin1);
options([unicode | T], Mode, _) -> options(T, Mode, unicode);
options([{encoding, E} | T], Mode, _) ->
    case encoding(E) of
        error -> {error, badarg};
        Enc -> options(T, Mode, Enc)
    end;
options([_ | T], Mode, Enc) -> options(T, Mode, Enc);
options(_, _, _) -> {error, badarg}.

encoding(latin1) -> latin1;
encoding(utf8) -> unicode;
encoding(unicode) -> unicode;
encoding(_) -> error.

%% The io server of standard input (not registered: io does that).
start_stdin() ->
    Enc = ember_io:encoding(),
    {ok, spawn(fun() -> loop(#st{src = stdin, enc = Enc}) end)}.

%% ---------------------------------------------------------------------
%% The loop

loop(#st{owner = Owner} = St) ->
    receive
        {io_request, From, ReplyAs, Request} when is_pid(From) ->
            answer(From, io_reply, ReplyAs, io_request(Request, St));
        {file_request, From, ReplyAs, Request} when is_pid(From) ->
            answer(From, file_reply, ReplyAs, file_request(Request, St));
        {'DOWN', Owner, _, _, Reason} ->
            exit(Reason);
        _ ->
            loop(St)
    end.

%% Replies, then goes on, or ends (closing the file) after a failure that erl's server
%% does not survive either. A raw file in erl has no server to end, so its failures are
%% only replies here.
answer(From, Tag, ReplyAs, {reply, Reply, St}) ->
    From ! {Tag, ReplyAs, Reply},
    loop(St);
answer(From, Tag, ReplyAs, {stop, Reason, Reply, #st{raw = true} = St}) when Reason =/= normal ->
    answer(From, Tag, ReplyAs, {reply, Reply, St});
answer(From, Tag, ReplyAs, {stop, Reason, Reply, _St}) ->
    From ! {Tag, ReplyAs, Reply},
    exit(Reason).

%% ---------------------------------------------------------------------
%% io requests

io_request({put_chars, Enc, Chars}, St) ->
    put_chars(Enc, Chars, St);
io_request({put_chars, Enc, M, F, A}, St) ->
    case catch apply(M, F, A) of
        Chars when is_list(Chars); is_binary(Chars) -> put_chars(Enc, Chars, St);
        _ -> {reply, {error, F}, St}
    end;
io_request({get_line, Enc, Prompt}, St) ->
    input(Prompt, St, fun(S) -> get_line(Enc, S) end);
io_request({get_chars, Enc, Prompt, N}, St) when is_integer(N), N >= 0 ->
    input(Prompt, St, fun(S) -> get_chars(N, Enc, S) end);
io_request({get_until, Enc, Prompt, M, F, Args}, St) ->
    input(Prompt, St, fun(S) -> get_until(Enc, {M, F, Args}, [], S) end);
io_request({setopts, Opts}, St) when is_list(Opts) ->
    setopts(Opts, St);
io_request(getopts, #st{mode = Mode, enc = Enc} = St) ->
    {reply, [{binary, Mode =:= binary}, {encoding, Enc}], St};
io_request({requests, Requests}, St) when is_list(Requests) ->
    requests(Requests, {reply, ok, St});
%% The requests of releases before Unicode: Latin-1.
io_request({put_chars, Chars}, St) ->
    io_request({put_chars, latin1, Chars}, St);
io_request({put_chars, M, F, A}, St) ->
    io_request({put_chars, latin1, M, F, A}, St);
io_request({get_line, Prompt}, St) ->
    io_request({get_line, latin1, Prompt}, St);
io_request({get_chars, Prompt, N}, St) ->
    io_request({get_chars, latin1, Prompt, N}, St);
io_request({get_until, Prompt, M, F, Args}, St) ->
    io_request({get_until, latin1, Prompt, M, F, Args}, St);
io_request(Request, St) ->
    {reply, {error, {request, Request}}, St}.

%% Requests in order, as long as they succeed.
requests([], Result) ->
    Result;
requests([Request | Rest], {reply, Reply, St}) ->
    case Reply of
        {error, _} -> {reply, Reply, St};
        _ -> requests(Rest, io_request(Request, St))
    end;
requests(_, Stop) ->
    Stop.

setopts(Opts, #st{mode = Mode0, enc = Enc0} = St) ->
    case setopts(Opts, Mode0, Enc0) of
        {error, _} = Error -> {reply, Error, St};
        {Mode, Enc} -> {reply, ok, St#st{mode = Mode, enc = Enc}}
    end.

setopts([], Mode, Enc) -> {Mode, Enc};
setopts([binary | T], _, Enc) -> setopts(T, binary, Enc);
setopts([list | T], _, Enc) -> setopts(T, list, Enc);
setopts([{binary, true} | T], _, Enc) -> setopts(T, binary, Enc);
setopts([{binary, false} | T], _, Enc) -> setopts(T, list, Enc);
setopts([{encoding, E} | T], Mode, _) ->
    case encoding(E) of
        error -> {error, badarg};
        Enc -> setopts(T, Mode, Enc)
    end;
setopts(_, _, _) -> {error, enotsup}.

%% Reads after the prompt. Standard input that has ended stays at its end, as erl's does.
input(Prompt, St, Read) ->
    prompt(Prompt, St),
    case St of
        #st{src = stdin, at_end = true, buf = <<>>} ->
            {reply, eof, St};
        _ ->
            case Read(St) of
                {reply, eof, #st{src = stdin} = St1} -> {reply, eof, St1#st{at_end = true}};
                Other -> Other
            end
    end.

%% Standard input shows the prompt; a file ignores it.
prompt(Prompt, #st{src = stdin}) ->
    Text = case Prompt of
               _ when is_atom(Prompt) -> atom_to_list(Prompt);
               {format, F, A} -> catch io_lib:format(F, A);
               _ -> Prompt
           end,
    catch io:put_chars(standard_io, Text),
    ok;
prompt(_, _) ->
    ok.

%% ---------------------------------------------------------------------
%% Writing

put_chars(Enc, Chars, #st{src = stdin} = St) ->
    _ = io:put_chars(standard_io, characters(Enc, Chars)),
    {reply, ok, St};
put_chars(Enc, Chars, #st{enc = DevEnc} = St) ->
    case encode(Enc, Chars, DevEnc) of
        {ok, Bytes} -> write(Bytes, St);
        {error, Reason} -> {stop, Reason, {error, Reason}, St};
        no_translation ->
            {stop, no_translation, {error, {no_translation, Enc, DevEnc}}, St}
    end.

write(Bytes, #st{src = {file, H}} = St) ->
    case unread(St) of
        ok ->
            case prim_file:write(H, Bytes) of
                ok -> {reply, ok, St#st{buf = <<>>}};
                {error, Reason} = Error -> {stop, Reason, Error, St#st{buf = <<>>}}
            end;
        {error, Reason} = Error ->
            {stop, Reason, Error, St}
    end.

%% Moves the file position back over what was read ahead.
unread(#st{buf = <<>>}) ->
    ok;
unread(#st{src = {file, H}, buf = Buf}) ->
    case prim_file:position(H, {cur, -byte_size(Buf)}) of
        {ok, _} -> ok;
        Error -> Error
    end.

%% The characters of Chars (in encoding Enc) as a list.
characters(latin1, Chars) when is_binary(Chars) -> binary_to_list(Chars);
characters(latin1, Chars) -> binary_to_list(iolist_to_binary(Chars));
characters(_, Chars) -> unicode:characters_to_list(Chars).

%% Chars (in encoding Enc) as the bytes of a device in encoding DevEnc.
encode(latin1, Chars, latin1) ->
    try {ok, iolist_to_binary(Chars)}
    catch error:_ -> {error, badarg}
    end;
encode(latin1, Chars, unicode) ->
    try {ok, unicode:characters_to_binary(characters(latin1, Chars))}
    catch error:_ -> {error, badarg}
    end;
encode(_, Chars, unicode) ->
    {ok, unicode:characters_to_binary(Chars)};
encode(_, Chars, latin1) ->
    List = unicode:characters_to_list(Chars),
    case lists:all(fun(C) -> C =< 255 end, List) of
        true -> {ok, list_to_binary(List)};
        false -> no_translation
    end.

%% ---------------------------------------------------------------------
%% Reading

%% More bytes: {ok, Bytes}, eof or {error, Reason}.
fill(#st{src = stdin}, _Want) ->
    Ref = ember_io:read_stdin(),
    receive
        {ember_stdin, Ref, Result} -> Result
    end;
fill(#st{src = {file, H}}, Want) ->
    prim_file:read(H, max(Want, ?CHUNK)).

get_line(OutEnc, St) ->
    get_line(OutEnc, 0, St).

%% Looks for the end of the line from byte From of the buffer on.
get_line(OutEnc, From, #st{buf = Buf} = St) ->
    case binary:match(Buf, <<"\n">>, [{scope, {From, byte_size(Buf) - From}}]) of
        {At, 1} ->
            <<Line0:At/binary, _, Rest/binary>> = Buf,
            Line = case Line0 of
                       <<L:(At - 1)/binary, "\r">> -> <<L/binary, "\n">>;
                       _ -> <<Line0/binary, "\n">>
                   end,
            reply_data(Line, OutEnc, St#st{buf = Rest});
        nomatch ->
            case fill(St, 0) of
                {ok, More} ->
                    get_line(OutEnc, byte_size(Buf), St#st{buf = <<Buf/binary, More/binary>>});
                eof when Buf =:= <<>> ->
                    {reply, eof, St};
                eof ->
                    reply_data(Buf, OutEnc, St#st{buf = <<>>});
                {error, Reason} ->
                    %% erl's server dies here without a reply: the reader gets
                    %% {error, terminated}.
                    exit(Reason)
            end
    end.

get_chars(0, OutEnc, St) ->
    reply_data(<<>>, OutEnc, St);
get_chars(N, OutEnc, #st{buf = Buf} = St) ->
    case split_chars(N, St) of
        {Data, Rest} ->
            reply_data(Data, OutEnc, St#st{buf = Rest});
        short ->
            case fill(St, N - byte_size(Buf)) of
                {ok, More} ->
                    get_chars(N, OutEnc, St#st{buf = <<Buf/binary, More/binary>>});
                eof when Buf =:= <<>> ->
                    {reply, eof, St};
                eof ->
                    reply_data(Buf, OutEnc, St#st{buf = <<>>});
                {error, Reason} = Error ->
                    {stop, Reason, Error, St}
            end
    end.

%% The first N characters of the buffer and the rest, or short if it has fewer.
split_chars(N, #st{buf = Buf, enc = latin1}) ->
    case Buf of
        <<Data:N/binary, Rest/binary>> -> {Data, Rest};
        _ -> short
    end;
split_chars(N, #st{buf = Buf, enc = unicode}) ->
    case utf8_prefix(Buf, N, 0) of
        short -> short;
        Size -> <<Data:Size/binary, Rest/binary>> = Buf, {Data, Rest}
    end.

%% The size in bytes of the first N characters of UTF-8 bytes.
utf8_prefix(_Bin, 0, Size) ->
    Size;
utf8_prefix(Bin, N, Size) ->
    case Bin of
        <<_:Size/binary, C/utf8, _/binary>> -> utf8_prefix(Bin, N - 1, Size + utf8_size(C));
        _ -> short
    end.

utf8_size(C) when C < 16#80 -> 1;
utf8_size(C) when C < 16#800 -> 2;
utf8_size(C) when C < 16#10000 -> 3;
utf8_size(_) -> 4.

%% get_until: feeds the characters to M:F(Cont, Chars, Args...) until it is done.
get_until(OutEnc, Collector, Cont, #st{buf = <<>>} = St) ->
    case fill(St, 0) of
        {ok, More} -> feed(OutEnc, Collector, Cont, More, St);
        %% erl's standard input answers a read that finds nothing at all with eof.
        eof when St#st.src =:= stdin, Cont =:= [] -> {reply, eof, St};
        eof -> feed(OutEnc, Collector, Cont, eof, St);
        {error, Reason} = Error -> {stop, Reason, Error, St}
    end;
get_until(OutEnc, Collector, Cont, #st{buf = Buf} = St) ->
    feed(OutEnc, Collector, Cont, Buf, St#st{buf = <<>>}).

feed(OutEnc, {M, F, Args} = Collector, Cont, Data, #st{enc = Enc} = St) ->
    {Chars, Tail} = case Data of
                        eof -> {eof, <<>>};
                        _ -> decode(Data, Enc)
                    end,
    case catch apply(M, F, [Cont, Chars | Args]) of
        {done, Result, Rest} ->
            Left = case Rest of
                       eof -> <<>>;
                       _ -> encode_rest(Rest, Enc)
                   end,
            {reply, Result, St#st{buf = <<Left/binary, Tail/binary>>}};
        {more, Cont1} when Data =:= eof ->
            %% A collector that wants more after the end: it gets the end again.
            feed(OutEnc, Collector, Cont1, eof, St);
        {more, Cont1} ->
            get_until(OutEnc, Collector, Cont1, St#st{buf = Tail});
        _ ->
            {reply, {error, F}, St}
    end.

%% Bytes as characters (a list), and the bytes of an unfinished last character.
decode(Bytes, latin1) ->
    {binary_to_list(Bytes), <<>>};
decode(Bytes, unicode) ->
    Size = utf8_complete(Bytes, byte_size(Bytes) - 1, 3),
    <<Done:Size/binary, Tail/binary>> = Bytes,
    {unicode:characters_to_list(Done), Tail}.

encode_rest(Chars, latin1) -> list_to_binary(Chars);
encode_rest(Chars, unicode) -> unicode:characters_to_binary(Chars).

%% How many bytes make whole UTF-8 characters, looking back at most three bytes from I
%% for the start of an unfinished one.
utf8_complete(Bytes, I, K) when I < 0; K =:= 0 ->
    byte_size(Bytes);
utf8_complete(Bytes, I, K) ->
    B = binary:at(Bytes, I),
    Need = if
               B >= 16#F0 -> 4;
               B >= 16#E0 -> 3;
               B >= 16#C0 -> 2;
               B >= 16#80 -> continuation;
               true -> 1
           end,
    case Need of
        continuation -> utf8_complete(Bytes, I - 1, K - 1);
        _ when byte_size(Bytes) - I < Need -> I;
        _ -> byte_size(Bytes)
    end.

%% What a read returns: the bytes of a device in encoding DevEnc, as a list or a binary of
%% characters in encoding OutEnc.
reply_data(Bytes, OutEnc, #st{mode = Mode, enc = DevEnc} = St) ->
    case cast(Bytes, Mode, DevEnc, OutEnc) of
        no_translation ->
            {stop, no_translation, {error, {no_translation, DevEnc, OutEnc}}, St};
        Data ->
            {reply, Data, St}
    end.

cast(Bytes, list, latin1, _) ->
    binary_to_list(Bytes);
cast(Bytes, list, unicode, unicode) ->
    unicode:characters_to_list(Bytes);
cast(Bytes, list, unicode, latin1) ->
    List = unicode:characters_to_list(Bytes),
    case lists:all(fun(C) -> C =< 255 end, List) of
        true -> List;
        false -> no_translation
    end;
cast(Bytes, binary, Enc, Enc) ->
    Bytes;
cast(Bytes, binary, latin1, unicode) ->
    unicode:characters_to_binary(binary_to_list(Bytes));
cast(Bytes, binary, unicode, latin1) ->
    case cast(Bytes, list, unicode, latin1) of
        no_translation -> no_translation;
        List -> list_to_binary(List)
    end.

%% ---------------------------------------------------------------------
%% file requests

file_request(_Request, #st{src = stdin} = St) ->
    {reply, {error, enotsup}, St};
file_request({position, At}, #st{src = {file, H}} = St) ->
    {reply, position(H, At, St), St#st{buf = <<>>}};
file_request({pread, At, Size}, St) when At =:= cur; At =:= {cur, 0} ->
    pread_reply(get_chars(Size, latin1, St));
file_request({pread, At, Size}, #st{src = {file, H}} = St) ->
    case position(H, At, St) of
        {error, _} = Error -> {reply, Error, St};
        {ok, _} -> pread_reply(get_chars(Size, latin1, St#st{buf = <<>>}))
    end;
file_request({pwrite, At, Data}, #st{buf = <<>>} = St) when At =:= cur; At =:= {cur, 0} ->
    put_chars(latin1, Data, St);
file_request({pwrite, At, Data}, #st{src = {file, H}} = St) ->
    case position(H, At, St) of
        {error, _} = Error -> {reply, Error, St};
        {ok, _} -> put_chars(latin1, Data, St#st{buf = <<>>})
    end;
file_request(truncate, #st{src = {file, H}} = St) ->
    stop_on_error(prim_file:truncate(H), St#st{buf = <<>>});
file_request(sync, #st{src = {file, H}} = St) ->
    stop_on_error(prim_file:sync(H), St);
file_request(datasync, #st{src = {file, H}} = St) ->
    stop_on_error(prim_file:datasync(H), St);
file_request(close, #st{src = {file, H}} = St) ->
    {stop, normal, prim_file:close(H), St};
file_request(Request, St) ->
    {reply, {error, {request, Request}}, St}.

pread_reply({reply, Data, St}) when is_list(Data); is_binary(Data) -> {reply, {ok, Data}, St};
pread_reply(Other) -> Other.

stop_on_error({error, Reason} = Error, St) -> {stop, Reason, Error, St};
stop_on_error(Reply, St) -> {reply, Reply, St}.

%% Moves to At, counting positions relative to the current one from what the reader has
%% used (the file itself is further on by what was read ahead).
position(H, At, #st{buf = Buf}) ->
    Ahead = byte_size(Buf),
    Target = case At of
                 cur -> {cur, -Ahead};
                 {cur, N} -> {cur, N - Ahead};
                 _ -> At
             end,
    prim_file:position(H, Target).
