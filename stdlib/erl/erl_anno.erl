%% erl_anno: the annotations of abstract code (the second element of erl_parse's and
%% erl_scan's tuples), as OTP 25 makes them: a line, a {Line, Column} location, or, once
%% something more is said (a file, generated, record, text), a list of those properties
%% ending with {location, Location}.
-module(erl_anno).

-export([new/1, is_anno/1, from_term/1, to_term/1,
         line/1, column/1, location/1, end_location/1, file/1, generated/1, record/1,
         text/1, set_line/2, set_location/2, set_file/2, set_generated/2, set_record/2,
         set_text/2]).

new(Line) when is_integer(Line), Line >= 0 -> Line;
new({Line, Column} = Location) when is_integer(Line), Line >= 0, is_integer(Column), Column >= 1 ->
    Location;
new(Term) -> erlang:error(badarg, [Term]).

is_anno(Line) when is_integer(Line), Line >= 0 -> true;
is_anno({Line, Column}) when is_integer(Line), Line >= 0, is_integer(Column), Column >= 1 -> true;
is_anno(Props) when is_list(Props) ->
    lists:keymember(location, 1, Props) andalso lists:all(fun property_ok/1, Props);
is_anno(_) -> false.

property_ok({location, Location}) -> is_anno(Location) andalso not is_list(Location);
property_ok({file, File}) -> is_string(File);
property_ok({text, Text}) -> is_string(Text);
property_ok({generated, B}) -> is_boolean(B);
property_ok({record, B}) -> is_boolean(B);
property_ok(_) -> false.

is_string(S) -> io_lib:char_list(S).

%% The annotation, if it is one; badarg otherwise.
anno(Anno) ->
    case is_anno(Anno) of
        true -> Anno;
        false -> erlang:error(badarg, [Anno])
    end.

from_term(Term) -> Term.

to_term(Anno) -> Anno.

location(Anno) ->
    case anno(Anno) of
        Props when is_list(Props) -> element(2, lists:keyfind(location, 1, Props));
        Location -> Location
    end.

line(Anno) ->
    case location(Anno) of
        {Line, _} -> Line;
        Line -> Line
    end.

column(Anno) ->
    case location(Anno) of
        {_, Column} -> Column;
        _ -> undefined
    end.

%% Where the annotated text ends (known only if the text is).
end_location(Anno) ->
    case text(Anno) of
        undefined -> undefined;
        Text ->
            Lines = string:split(Text, "\n", all),
            Extra = length(Lines) - 1,
            case location(Anno) of
                {Line, Column} when Extra =:= 0 -> {Line, Column + length(Text)};
                {Line, _} -> {Line + Extra, length(lists:last(Lines)) + 1};
                Line -> Line + Extra
            end
    end.

file(Anno) -> property(file, Anno, undefined).

generated(Anno) -> property(generated, Anno, false).

record(Anno) -> property(record, Anno, false).

text(Anno) -> property(text, Anno, undefined).

property(Key, Anno, Default) ->
    case anno(Anno) of
        Props when is_list(Props) ->
            case lists:keyfind(Key, 1, Props) of
                {_, Value} -> Value;
                false -> Default
            end;
        _ -> Default
    end.

set_line(Line, Anno) ->
    case location(Anno) of
        {_, Column} -> set_location({Line, Column}, Anno);
        _ -> set_location(Line, Anno)
    end.

set_location(Location, Props) when is_list(Props) ->
    lists:keyreplace(location, 1, Props, {location, new(Location)});
set_location(Location, _Anno) ->
    new(Location).

set_file(File, Anno) -> checked(is_string(File), fun() -> set(file, File, Anno) end, [File, Anno]).

set_generated(true, Anno) -> set(generated, true, Anno);
set_generated(false, Anno) -> unset(generated, Anno);
set_generated(B, Anno) -> erlang:error(badarg, [B, Anno]).

set_record(true, Anno) -> set(record, true, Anno);
set_record(false, Anno) -> unset(record, Anno);
set_record(B, Anno) -> erlang:error(badarg, [B, Anno]).

set_text(Text, Anno) -> checked(is_string(Text), fun() -> set(text, Text, Anno) end, [Text, Anno]).

checked(true, Set, _Args) -> Set();
checked(false, _Set, Args) -> erlang:error(badarg, Args).

%% A property set: the location alone becomes a list, the newest property first.
set(Key, Value, Anno) -> put_property(Key, Value, anno(Anno)).

put_property(Key, Value, Props) when is_list(Props) ->
    case lists:keymember(Key, 1, Props) of
        true -> lists:keyreplace(Key, 1, Props, {Key, Value});
        false -> [{Key, Value} | Props]
    end;
put_property(Key, Value, Location) ->
    [{Key, Value}, {location, Location}].

unset(Key, Anno) -> remove_property(Key, anno(Anno)).

remove_property(Key, Props) when is_list(Props) ->
    case lists:keydelete(Key, 1, Props) of
        [{location, Location}] -> Location;
        Rest -> Rest
    end;
remove_property(_Key, Location) ->
    Location.
