%% Golden-output driver for the conformance corpus.
%% Usage: erl -noshell -pa DIR -run ember_golden run NAME
-module(ember_golden).
-export([run/1]).

run([Name]) ->
    Mod = list_to_atom(Name),
    Code = try Mod:main() of
               _ -> 0
           catch
               Class:Reason:Stack ->
                   Filtered = filter_stack(Stack),
                   Text = erl_error:format_exception(Class, Reason, Filtered),
                   io:put_chars(standard_error, [Text, "\n"]),
                   1
           end,
    erlang:halt(Code, [{flush, true}]).

%% Keep the frames above the first frame that belongs to this driver.
filter_stack([]) -> [];
filter_stack([{?MODULE, _, _, _} | _]) -> [];
filter_stack([Frame | Rest]) -> [Frame | filter_stack(Rest)].
