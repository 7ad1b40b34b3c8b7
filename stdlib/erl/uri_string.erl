%% uri_string: URIs as RFC 3986 has them, with OTP 25's results for the common calls:
%% parse/1, recompose/1, normalize/1, resolve/2, compose_query/1, dissect_query/1 and
%% percent_decode/1. A URI is a string or a binary; the results are of the same kind.
%% Characters outside ASCII are not taken (as OTP's parser, which wants them
%% percent-encoded).
%%
%% Left out: transcode/2, quote/unquote, allowed_characters/0, is_host/1, is_path/1, and the
%% options of compose_query/2 and normalize/2, resolve/3.
-module(uri_string).

-export([parse/1, recompose/1, normalize/1, resolve/2, compose_query/1, dissect_query/1,
         percent_decode/1]).

%% ---------------------------------------------------------------------
%% Parsing

parse(URI) when is_binary(URI) ->
    case parse(binary_to_list(URI)) of
        {error, What, Where} -> {error, What, list_to_binary(Where)};
        Map -> maps:map(fun(port, P) -> P; (_, V) -> list_to_binary(V) end, Map)
    end;
parse(URI) when is_list(URI) ->
    try absolute(URI)
    catch
        throw:not_absolute ->
            try relative(URI)
            catch throw:{invalid, C} -> {error, invalid_uri, [C]}
            end
    end.

%% scheme ":" hier-part [ "?" query ] [ "#" fragment ]
absolute(URI) ->
    case lists:splitwith(fun(C) -> not lists:member(C, ":/?#") end, URI) of
        {[F | _] = Scheme, [$: | Rest]} when (F >= $a andalso F =< $z); (F >= $A andalso F =< $Z) ->
            valid(fun scheme_char/1, Scheme, not_absolute),
            try
                (reference(Rest, rootless))#{scheme => Scheme}
            catch
                throw:{invalid, _} -> throw(not_absolute)
            end;
        _ ->
            throw(not_absolute)
    end.

relative(URI) -> reference(URI, noscheme).

%% What follows the scheme (or all of a relative reference): an authority and a path,
%% then the query and the fragment.
reference(Text, Kind) ->
    {Hier, Query, Fragment} = split_rest(Text),
    Map = case Hier of
              "//" ++ Rest ->
                  {Authority, Path} = lists:splitwith(fun(C) -> C =/= $/ end, Rest),
                  valid(fun path_char/1, Path),
                  maps:merge(authority(Authority), #{path => Path});
              _ ->
                  case Kind of
                      noscheme ->
                          %% No colon in the first segment, which would make it a scheme.
                          {First, More} = lists:splitwith(fun(C) -> C =/= $/ end, Hier),
                          valid(fun(C) -> C =/= $: andalso path_char(C) end, First),
                          valid(fun path_char/1, More);
                      rootless ->
                          valid(fun path_char/1, Hier)
                  end,
                  #{path => Hier}
          end,
    Map1 = case Query of
               none -> Map;
               _ -> valid(fun query_char/1, Query), Map#{query => Query}
           end,
    case Fragment of
        none -> Map1;
        _ -> valid(fun query_char/1, Fragment), Map1#{fragment => Fragment}
    end.

split_rest(Text) ->
    {BeforeFragment, Fragment} = case lists:splitwith(fun(C) -> C =/= $# end, Text) of
                                     {B, [$# | F]} -> {B, F};
                                     {B, []} -> {B, none}
                                 end,
    case lists:splitwith(fun(C) -> C =/= $? end, BeforeFragment) of
        {H, [$? | Q]} -> {H, Q, Fragment};
        {H, []} -> {H, none, Fragment}
    end.

%% [ userinfo "@" ] host [ ":" port ]
authority(Authority) ->
    {UserMap, HostPort} = case lists:splitwith(fun(C) -> C =/= $@ end, Authority) of
                              {User, [$@ | HP]} -> valid(fun user_char/1, User), {#{userinfo => User}, HP};
                              {HP, []} -> {#{}, HP}
                          end,
    {Host, PortText} = case HostPort of
                           [$[ | Literal] ->
                               case lists:splitwith(fun(C) -> C =/= $] end, Literal) of
                                   {H, [$] | P]} -> valid(fun ip_char/1, H), {H, P};
                                   _ -> throw({invalid, $[})
                               end;
                           _ ->
                               {H, P} = lists:splitwith(fun(C) -> C =/= $: end, HostPort),
                               valid(fun host_char/1, H),
                               {H, P}
                       end,
    PortMap = case PortText of
                  [] -> #{};
                  ":" -> #{port => undefined};
                  [$: | Digits] ->
                      valid(fun(C) -> C >= $0 andalso C =< $9 end, Digits),
                      #{port => list_to_integer(Digits)};
                  [C | _] -> throw({invalid, C})
              end,
    maps:merge(maps:merge(UserMap, #{host => Host}), PortMap).

valid(Ok, Chars) -> valid(Ok, Chars, undefined).

valid(Ok, [$% | Rest], Fail) when Fail =:= undefined ->
    case Rest of
        [A, B | More] ->
            (hex(A) andalso hex(B)) orelse throw({invalid, $%}),
            valid(Ok, More, Fail);
        _ ->
            throw({invalid, $%})
    end;
valid(Ok, [C | Rest], Fail) ->
    case Ok(C) of
        true -> valid(Ok, Rest, Fail);
        false when Fail =:= undefined -> throw({invalid, C});
        false -> throw(Fail)
    end;
valid(_, [], _) ->
    ok.

alpha(C) -> (C >= $a andalso C =< $z) orelse (C >= $A andalso C =< $Z).

digit(C) -> C >= $0 andalso C =< $9.

hex(C) -> digit(C) orelse (C >= $a andalso C =< $f) orelse (C >= $A andalso C =< $F).

unreserved(C) -> alpha(C) orelse digit(C) orelse lists:member(C, "-._~").

sub_delim(C) -> lists:member(C, "!$&'()*+,;=").

scheme_char(C) -> alpha(C) orelse digit(C) orelse lists:member(C, "+-.").

user_char(C) -> unreserved(C) orelse sub_delim(C) orelse C =:= $:.

host_char(C) -> unreserved(C) orelse sub_delim(C).

ip_char(C) -> hex(C) orelse C =:= $: orelse C =:= $. orelse C =:= $v.

path_char(C) -> unreserved(C) orelse sub_delim(C) orelse lists:member(C, ":@/").

query_char(C) -> path_char(C) orelse C =:= $?.

%% ---------------------------------------------------------------------
%% Recomposing

recompose(Map) when is_map(Map) ->
    case maps:is_key(path, Map) of
        false ->
            {error, invalid_map, Map};
        true ->
            Binary = lists:any(fun is_binary/1, maps:values(Map)),
            S = fun(K) -> str(maps:get(K, Map)) end,
            Parts = [[S(scheme), ":"] || maps:is_key(scheme, Map)]
                ++ [["//", [[S(userinfo), "@"] || maps:is_key(userinfo, Map)], host_text(S(host)),
                     [[":", integer_to_list(P)] || P <- [maps:get(port, Map, undefined)], is_integer(P)]]
                    || maps:is_key(host, Map)]
                ++ [S(path)]
                ++ [["?", S(query)] || maps:is_key(query, Map)]
                ++ [["#", S(fragment)] || maps:is_key(fragment, Map)],
            Text = lists:flatten(Parts),
            case Binary of
                true -> list_to_binary(Text);
                false -> Text
            end
    end.

str(B) when is_binary(B) -> binary_to_list(B);
str(S) -> S.

host_text(Host) ->
    case lists:member($:, Host) of
        true -> "[" ++ Host ++ "]";
        false -> Host
    end.

%% ---------------------------------------------------------------------
%% Normalizing and resolving

%% Lower-case scheme and host, no default port, percent-encoding only where needed (and
%% upper-case), no dot segments, "/" for the empty path of a URI with a host.
normalize(URI) when is_map(URI) ->
    normalize_map(URI);
normalize(URI) ->
    case parse(URI) of
        {error, _, _} = E -> E;
        Map -> recompose(normalize_map(Map))
    end.

normalize_map(Map) ->
    Binary = is_binary(maps:get(path, Map, [])),
    M = maps:map(fun(port, P) -> P; (_, V) -> str(V) end, Map),
    Scheme = string:lowercase(maps:get(scheme, M, "")),
    M1 = case maps:is_key(scheme, M) of
             true -> M#{scheme => Scheme};
             false -> M
         end,
    M2 = case M1 of
             #{host := H} -> M1#{host => string:lowercase(H)};
             _ -> M1
         end,
    M3 = case {maps:get(port, M2, none), default_port(Scheme)} of
             {P, P} -> maps:remove(port, M2);
             _ -> M2
         end,
    M4 = maps:map(fun(port, P) -> P; (scheme, V) -> V; (host, V) -> V; (_, V) -> pct_normalize(V) end, M3),
    Path = remove_dot_segments(maps:get(path, M4)),
    M5 = case {maps:is_key(host, M4), Path} of
             {true, ""} -> M4#{path => "/"};
             _ -> M4#{path => Path}
         end,
    case Binary of
        true -> maps:map(fun(port, P) -> P; (_, V) -> list_to_binary(V) end, M5);
        false -> M5
    end.

default_port("http") -> 80;
default_port("https") -> 443;
default_port("ftp") -> 21;
default_port("ssh") -> 22;
default_port("sftp") -> 22;
default_port("tftp") -> 69;
default_port(_) -> none.

pct_normalize([$%, A, B | Rest]) ->
    case hex(A) andalso hex(B) of
        true ->
            C = list_to_integer([A, B], 16),
            case unreserved(C) of
                true -> [C | pct_normalize(Rest)];
                false -> [$% | string:uppercase([A, B])] ++ pct_normalize(Rest)
            end;
        false ->
            [$% | pct_normalize([A, B | Rest])]
    end;
pct_normalize([C | Rest]) -> [C | pct_normalize(Rest)];
pct_normalize([]) -> [].

%% RFC 3986 5.2.4.
remove_dot_segments(Path) -> remove_dots(Path, []).

remove_dots("../" ++ In, Out) -> remove_dots(In, Out);
remove_dots("./" ++ In, Out) -> remove_dots(In, Out);
remove_dots("/./" ++ In, Out) -> remove_dots([$/ | In], Out);
remove_dots("/." , Out) -> remove_dots("/", Out);
remove_dots("/../" ++ In, Out) -> remove_dots([$/ | In], drop_segment(Out));
remove_dots("/..", Out) -> remove_dots("/", drop_segment(Out));
remove_dots(".", Out) -> remove_dots([], Out);
remove_dots("..", Out) -> remove_dots([], Out);
remove_dots([], Out) -> lists:append(lists:reverse(Out));
remove_dots([$/ | In], Out) ->
    {Seg, Rest} = lists:splitwith(fun(C) -> C =/= $/ end, In),
    remove_dots(Rest, [[$/ | Seg] | Out]);
remove_dots(In, Out) ->
    {Seg, Rest} = lists:splitwith(fun(C) -> C =/= $/ end, In),
    remove_dots(Rest, [Seg | Out]).

drop_segment([_ | Out]) -> Out;
drop_segment([]) -> [].

%% The target of reference Ref from base URI Base (RFC 3986 5.2.2).
resolve(Ref, Base) ->
    Binary = is_binary(Ref) orelse is_binary(Base),
    case {parse(str(Ref)), parse(str(Base))} of
        {{error, _, _} = E, _} -> E;
        {_, {error, _, _} = E} -> E;
        {R, B} ->
            T = target(R, B),
            Text = recompose(T),
            case Binary of
                true -> list_to_binary(Text);
                false -> Text
            end
    end.

target(#{scheme := _} = R, _B) ->
    R#{path => remove_dot_segments(maps:get(path, R))};
target(#{host := _} = R, #{scheme := S}) ->
    R#{scheme => S, path => remove_dot_segments(maps:get(path, R))};
target(R, B) ->
    Base = maps:with([scheme, userinfo, host, port], B),
    Frag = maps:with([fragment], R),
    case maps:get(path, R) of
        "" ->
            Query = case maps:is_key(query, R) of
                        true -> maps:with([query], R);
                        false -> maps:with([query], B)
                    end,
            maps:merge(maps:merge(Base#{path => maps:get(path, B)}, Query), Frag);
        [$/ | _] = P ->
            maps:merge(maps:merge(Base#{path => remove_dot_segments(P)}, maps:with([query], R)), Frag);
        P ->
            Merged = merge_paths(B, P),
            maps:merge(maps:merge(Base#{path => remove_dot_segments(Merged)}, maps:with([query], R)), Frag)
    end.

merge_paths(#{host := _, path := ""}, P) -> [$/ | P];
merge_paths(#{path := BP}, P) ->
    case string:split(BP, "/", trailing) of
        [Dir, _] -> Dir ++ "/" ++ P;
        [_] -> P
    end.

%% ---------------------------------------------------------------------
%% Queries

%% application/x-www-form-urlencoded: Key=Value pairs joined by &, a true value leaving
%% only the key.
compose_query(Pairs) when is_list(Pairs) ->
    Binary = Pairs =/= [] andalso lists:all(fun({K, _}) -> is_binary(K) end, Pairs),
    Text = lists:flatten(lists:join("&", [pair(K, V) || {K, V} <- Pairs])),
    case Binary of
        true -> list_to_binary(Text);
        false -> Text
    end.

pair(K, true) -> form_encode(K);
pair(K, V) -> [form_encode(K), $=, form_encode(V)].

form_encode(B) when is_binary(B) -> form_bytes(binary_to_list(B));
form_encode(S) -> form_bytes(binary_to_list(unicode:characters_to_binary(S))).

form_bytes([$\s | Rest]) -> [$+ | form_bytes(Rest)];
form_bytes([C | Rest]) ->
    case alpha(C) orelse digit(C) orelse lists:member(C, "*-._") of
        true -> [C | form_bytes(Rest)];
        false -> [$%, hexdigit(C bsr 4), hexdigit(C band 15) | form_bytes(Rest)]
    end;
form_bytes([]) -> [].

hexdigit(N) when N < 10 -> $0 + N;
hexdigit(N) -> $A + N - 10.

dissect_query(Q) when is_binary(Q) ->
    case dissect_query(binary_to_list(Q)) of
        {error, What, Where} -> {error, What, list_to_binary(Where)};
        Pairs -> [{list_to_binary(K), case V of true -> true; _ -> list_to_binary(V) end} || {K, V} <- Pairs]
    end;
dissect_query("") -> [];
dissect_query(Q) when is_list(Q) ->
    try
        [dissect_pair(P) || P <- string:split(Q, "&", all)]
    catch
        throw:{invalid_percent_encoding, Rest} -> {error, invalid_percent_encoding, Rest}
    end.

dissect_pair(P) ->
    case string:split(P, "=") of
        [K, V] -> {form_decode(K), form_decode(V)};
        [K] -> {form_decode(K), true}
    end.

form_decode(S) ->
    Bytes = form_decode_bytes(S),
    case unicode:characters_to_list(list_to_binary(Bytes)) of
        Chars when is_list(Chars) -> Chars;
        _ -> Bytes
    end.

form_decode_bytes([$+ | Rest]) -> [$\s | form_decode_bytes(Rest)];
form_decode_bytes([$%, A, B | Rest] = All) ->
    case hex(A) andalso hex(B) of
        true -> [list_to_integer([A, B], 16) | form_decode_bytes(Rest)];
        false -> throw({invalid_percent_encoding, All})
    end;
form_decode_bytes([$% | _] = All) -> throw({invalid_percent_encoding, All});
form_decode_bytes([C | Rest]) -> [C | form_decode_bytes(Rest)];
form_decode_bytes([]) -> [].

%% %XX decoded wherever it is complete.
percent_decode(B) when is_binary(B) -> list_to_binary(pct_bytes(binary_to_list(B)));
percent_decode(S) when is_list(S) ->
    Bytes = pct_bytes(S),
    case unicode:characters_to_list(list_to_binary(Bytes)) of
        Chars when is_list(Chars) -> Chars;
        _ -> Bytes
    end.

pct_bytes([$%, A, B | Rest]) ->
    case hex(A) andalso hex(B) of
        true -> [list_to_integer([A, B], 16) | pct_bytes(Rest)];
        false -> [$% | pct_bytes([A, B | Rest])]
    end;
pct_bytes([C | Rest]) -> [C | pct_bytes(Rest)];
pct_bytes([]) -> [].
