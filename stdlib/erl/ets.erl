%% ets: the parts of the ets module written in Erlang. Everything else in ets is a
%% built-in (vm/src/bif/ets.rs); loading this module only adds the functions below to it.
%%
%% tab2file/2,3 write a table as one external-format term (its description and its
%% objects); file2tab/1,2 and tabfile_info/1 read such files back. They are ember's own:
%% erl keeps tables in disk_log files, which neither side reads from the other.
-module(ets).
-export([fun2ms/1, foldl/3, foldr/3, tab2file/2, tab2file/3, file2tab/1, file2tab/2, tabfile_info/1]).

-define(TAG, '$ember_ets_file').

%% A module that includes ms_transform.hrl has its ets:fun2ms(fun ... end) calls made into
%% match specifications when it is compiled; a call that gets here was not.
fun2ms(Fun) when is_function(Fun) ->
    exit({badarg, {?MODULE, fun2ms, [function, called, with, real, 'fun', should, be, transformed,
                                     with, parse_transform, 'or', called, with, a, 'fun',
                                     generated, in, the, shell]}}).

foldl(F, Acc, Table) when is_function(F, 2) -> lists:foldl(F, Acc, ets:tab2list(Table)).

foldr(F, Acc, Table) when is_function(F, 2) -> lists:foldr(F, Acc, ets:tab2list(Table)).

tab2file(Table, File) -> tab2file(Table, File, []).

tab2file(Table, File, Options) when is_list(Options) ->
    case ets:info(Table) of
        undefined ->
            %% erl has made the file by then, and removes it: so is an old one gone.
            _ = file:delete(File),
            {error, badtab};
        _ ->
            Info = [{K, ets:info(Table, K)} || K <- [name, type, protection, named_table, keypos, size]],
            Bin = term_to_binary({?TAG, Info ++ [{extended_info, []}, {version, {1, 0}}],
                                  ets:tab2list(Table)}),
            case file:write_file(File, Bin) of
                ok -> ok;
                {error, Reason} -> {error, {file_error, File, Reason}}
            end
    end.

file2tab(File) -> file2tab(File, []).

file2tab(File, Options) when is_list(Options) ->
    case read_tabfile(File) of
        {ok, Info, Objects} ->
            Opts = [proplists:get_value(type, Info), proplists:get_value(protection, Info),
                    {keypos, proplists:get_value(keypos, Info)}]
                ++ [named_table || proplists:get_value(named_table, Info)],
            try ets:new(proplists:get_value(name, Info), Opts) of
                Table ->
                    true = ets:insert(Table, Objects),
                    {ok, Table}
            catch
                error:badarg -> {error, cannot_create_table}
            end;
        Error ->
            Error
    end.

tabfile_info(File) ->
    case read_tabfile(File) of
        {ok, Info, _Objects} -> {ok, Info};
        Error -> Error
    end.

read_tabfile(File) ->
    case file:read_file(File) of
        {ok, Bin} ->
            try binary_to_term(Bin) of
                {?TAG, Info, Objects} when is_list(Info), is_list(Objects) -> {ok, Info, Objects};
                _ -> {error, {read_error, {not_a_log_file, File}}}
            catch
                error:badarg -> {error, {read_error, {not_a_log_file, File}}}
            end;
        {error, Reason} ->
            {error, {read_error, {file_error, File, Reason}}}
    end.
