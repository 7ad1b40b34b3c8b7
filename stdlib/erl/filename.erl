%% filename: the parts of the filename module written in Erlang. Everything else in
%% filename is a built-in (vm/src/bif/math.rs); loading this module adds these to them.
-module(filename).

-export([flatten/1, validate/1, basedir/2, basedir/3]).

%% A file name as one string: nested lists and atoms flattened, a binary as it is.
flatten(Bin) when is_binary(Bin) -> Bin;
flatten(List) -> do_flatten(List, []).

do_flatten([H | T], Tail) when is_list(H) -> do_flatten(H, do_flatten(T, Tail));
do_flatten([H | T], Tail) when is_atom(H) -> atom_to_list(H) ++ do_flatten(T, Tail);
do_flatten([H | T], Tail) -> [H | do_flatten(T, Tail)];
do_flatten([], Tail) -> Tail;
do_flatten(Atom, Tail) when is_atom(Atom) -> atom_to_list(Atom) ++ flatten(Tail).

%% Is this a file name the system can take: not empty, without a NUL character?
validate(Bin) when is_binary(Bin) ->
    Bin =/= <<>> andalso binary:match(Bin, <<0>>) =:= nomatch;
validate(Name) when is_list(Name); is_atom(Name) ->
    try flatten(Name) of
        [] -> false;
        Chars -> lists:all(fun(C) -> is_integer(C) andalso C > 0 andalso C =< 16#10FFFF end, Chars)
    catch
        error:_ -> false
    end.

%% The standard directories of an application's files (XDG on Linux and other Unix
%% systems; the usual places on macOS and Windows when #{os => darwin | windows}).
basedir(Type, Application) -> basedir(Type, Application, #{}).

basedir(Type, Application, Opts) when is_map(Opts), (is_list(Application) orelse is_binary(Application)) ->
    Version = maps:get(version, Opts, undefined),
    Author = maps:get(author, Opts, undefined),
    Os = case maps:get(os, Opts, undefined) of
             undefined -> element(2, os:type());
             O -> O
         end,
    App = [Application] ++ [Version || Version =/= undefined],
    case Os of
        windows ->
            Named = [Author || Author =/= undefined] ++ App,
            windows(Type, Named);
        darwin ->
            darwin(Type, App);
        _ ->
            xdg(Type, App)
    end.

xdg(Type, App) ->
    Home = home(),
    case Type of
        user_cache -> join(env("XDG_CACHE_HOME", Home ++ "/.cache"), App);
        user_config -> join(env("XDG_CONFIG_HOME", Home ++ "/.config"), App);
        user_data -> join(env("XDG_DATA_HOME", Home ++ "/.local/share"), App);
        user_log -> join(env("XDG_CACHE_HOME", Home ++ "/.cache"), App ++ ["log"]);
        site_data -> [join(D, App) || D <- dirs("XDG_DATA_DIRS", "/usr/local/share/:/usr/share/")];
        site_config -> [join(D, App) || D <- dirs("XDG_CONFIG_DIRS", "/etc/xdg")]
    end.

darwin(Type, App) ->
    Home = home(),
    case Type of
        user_cache -> join(Home ++ "/Library/Caches", App);
        user_config -> join(Home ++ "/Library/Application Support", App);
        user_data -> join(Home ++ "/Library/Application Support", App);
        user_log -> join(Home ++ "/Library/Logs", App);
        site_data -> [join("/Library/Application Support", App)];
        site_config -> [join("/Library/Application Support", App)]
    end.

windows(Type, App) ->
    Home = home(),
    Local = env("LOCALAPPDATA", Home ++ "/Local"),
    Roaming = env("APPDATA", Home ++ "/Roaming"),
    case Type of
        user_cache -> join(Local, App ++ ["Cache"]);
        user_config -> join(Roaming, App);
        user_data -> join(Local, App);
        user_log -> join(Local, App ++ ["Logs"]);
        site_data -> [];
        site_config -> []
    end.

join(Base, Parts) -> filename:join([Base | Parts]).

home() ->
    case os:getenv("HOME") of
        false -> "/";
        Home -> Home
    end.

env(Name, Default) ->
    case os:getenv(Name) of
        false -> Default;
        "" -> Default;
        Value -> Value
    end.

dirs(Name, Default) ->
    [D || D <- string:split(env(Name, Default), ":", all), D =/= ""].
