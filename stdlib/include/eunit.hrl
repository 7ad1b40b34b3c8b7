%% eunit.hrl: the EUnit macros, with the semantics and failure terms of OTP 25's
%% EUnit header (eunit/include/eunit.hrl and the assert macros it brings in).
%%
%% Testing is enabled unless NOTEST is defined before this header is included and TEST
%% is not. When it is enabled, TEST (true unless already defined) and EUNIT are defined,
%% NOTEST and NOASSERT are undefined, and, unless EUNIT_NOAUTO is defined, the module gets
%% test/0 (running eunit:test(?MODULE)) and its test functions are exported. ember has no
%% parse transforms, so the export is done with export_all: every function of the module
%% is exported, not only the *_test/0 and *_test_/0 ones. When testing is disabled the
%% test functions stay in the module (OTP strips them), but nothing is exported for them.
%%
%% The assert macros check their arguments inside a fun, so that their own variables stay
%% local, and raise the failure from the enclosing function with the stack trace of the
%% enclosing function, as OTP's compiler does after it has inlined that fun. They are
%% disabled (each becomes the atom ok) only when testing is disabled and NOASSERT is
%% defined (also implied by NODEBUG); ASSERT forces them on. The debugging macros write
%% to the user device and are disabled by NODEBUG unless DEBUG is defined.
%%
%% Left out: the macros that run external commands (?cmd, ?assertCmd, ?assertCmdStatus,
%% ?assertCmdOutput and their ?_ forms), and the stripping of test functions when testing
%% is disabled.

-ifndef(EUNIT_HRL).
-define(EUNIT_HRL, true).

%% ---------------------------------------------------------------------
%% Enabling and disabling

-ifdef(TEST).
-define(EUNIT_ENABLED_, true).
-else.
-ifndef(NOTEST).
-define(EUNIT_ENABLED_, true).
-endif.
-endif.

-ifdef(EUNIT_ENABLED_).
-ifndef(TEST).
-define(TEST, true).
-endif.
-ifndef(EUNIT).
-define(EUNIT, true).
-endif.
-undef(NOTEST).
-undef(NOASSERT).
-else.
-ifndef(NOTEST).
-define(NOTEST, true).
-endif.
-endif.

-ifdef(DEBUG).
-undef(NODEBUG).
-endif.

-ifdef(NODEBUG).
-ifndef(EUNIT_ENABLED_).
-ifndef(NOASSERT).
-define(NOASSERT, true).
-endif.
-endif.
-endif.

-ifdef(ASSERT).
-undef(NOASSERT).
-endif.

%% ---------------------------------------------------------------------
%% The test entry point and the export of test functions

-ifdef(EUNIT_ENABLED_).
-ifndef(EUNIT_NOAUTO).
-compile(export_all).
-export([test/0]).
test() -> eunit:test(?MODULE).
-endif.
-endif.

%% ---------------------------------------------------------------------
%% Basic and utility macros

-define(_test(Expr), {?LINE, fun () -> (Expr) end}).

-define(LET(Var, Expr, Body), ((fun (Var) -> (Body) end)(Expr))).

-define(IF(Cond, TrueCase, FalseCase),
        (case (Cond) of
             true -> (TrueCase);
             false -> (FalseCase)
         end)).

%% ---------------------------------------------------------------------
%% Assertions
%%
%% EUNIT_CHECK_(Body) evaluates Body inside a fun. Body yields EUNIT_PASS_ or
%% EUNIT_FAIL_(Term); the latter is turned into erlang:error(Term) raised with the stack
%% trace of the enclosing function (the fun's own frame removed). erlang:raise/3 given
%% the invalid class of EUNIT_PASS_ returns instead of raising.

-define(EUNIT_CHECK_(Body),
        begin
            erlang:apply(erlang, raise, (fun () -> Body end)()),
            ok
        end).

-define(EUNIT_PASS_, [eunit_passed, ok, []]).

-define(EUNIT_FAIL_(Term), [error, Term, tl(?EUNIT_OWN_STACK_)]).

%% The stack trace at this point of the fun of EUNIT_CHECK_ (its own frame first).
-define(EUNIT_OWN_STACK_,
        element(2, element(2, (catch erlang:error(eunit_assertion))))).

%% Stack, an exception's stack trace caught inside the fun of EUNIT_CHECK_, without the
%% frame of that fun.
-define(EUNIT_HIDE_(Stack),
        ((fun (EUNIT__O) ->
                  [EUNIT__F || EUNIT__F <- Stack,
                               setelement(4, EUNIT__F, []) =/=
                                   setelement(4, hd(EUNIT__O), [])]
          end)(?EUNIT_OWN_STACK_))).

-define(EUNIT_PATTERN_(Class, Term),
        ("{ " ++ (??Class) ++ " , " ++ (??Term) ++ " , [...] }")).

-ifdef(NOASSERT).

-define(assert(BoolExpr), ok).
-define(assert(BoolExpr, Comment), ok).
-define(assertNot(BoolExpr), ok).
-define(assertNot(BoolExpr, Comment), ok).
-define(assertMatch(Guard, Expr), ok).
-define(assertMatch(Guard, Expr, Comment), ok).
-define(assertNotMatch(Guard, Expr), ok).
-define(assertNotMatch(Guard, Expr, Comment), ok).
-define(assertEqual(Expect, Expr), ok).
-define(assertEqual(Expect, Expr, Comment), ok).
-define(assertNotEqual(Unexpected, Expr), ok).
-define(assertNotEqual(Unexpected, Expr, Comment), ok).
-define(assertException(Class, Term, Expr), ok).
-define(assertException(Class, Term, Expr, Comment), ok).
-define(assertNotException(Class, Term, Expr), ok).
-define(assertNotException(Class, Term, Expr, Comment), ok).

-else.

-define(EUNIT_ASSERT_(BoolExpr, Expected, Info),
        ?EUNIT_CHECK_(
           case (BoolExpr) of
               Expected -> ?EUNIT_PASS_;
               EUNIT__V ->
                   ?EUNIT_FAIL_({assert,
                                 [{module, ?MODULE}, {line, ?LINE}]
                                 ++ Info ++
                                 [{expression, (??BoolExpr)},
                                  {expected, Expected},
                                  case EUNIT__V of
                                      true -> {value, EUNIT__V};
                                      false -> {value, EUNIT__V};
                                      _ -> {not_boolean, EUNIT__V}
                                  end]})
           end)).

-define(assert(BoolExpr), ?EUNIT_ASSERT_(BoolExpr, true, [])).
-define(assert(BoolExpr, Comment),
        ?EUNIT_ASSERT_(BoolExpr, true, [{comment, (Comment)}])).
-define(assertNot(BoolExpr), ?EUNIT_ASSERT_(BoolExpr, false, [])).
-define(assertNot(BoolExpr, Comment),
        ?EUNIT_ASSERT_(BoolExpr, false, [{comment, (Comment)}])).

-define(EUNIT_MATCH_(Guard, Expr, Info),
        ?EUNIT_CHECK_(
           case (Expr) of
               Guard -> ?EUNIT_PASS_;
               EUNIT__V ->
                   ?EUNIT_FAIL_({assertMatch,
                                 [{module, ?MODULE}, {line, ?LINE}]
                                 ++ Info ++
                                 [{expression, (??Expr)},
                                  {pattern, (??Guard)},
                                  {value, EUNIT__V}]})
           end)).

-define(assertMatch(Guard, Expr), ?EUNIT_MATCH_(Guard, Expr, [])).
-define(assertMatch(Guard, Expr, Comment),
        ?EUNIT_MATCH_(Guard, Expr, [{comment, (Comment)}])).

-define(EUNIT_NOT_MATCH_(Guard, Expr, Info),
        ?EUNIT_CHECK_(
           begin
               EUNIT__V = (Expr),
               case EUNIT__V of
                   Guard ->
                       ?EUNIT_FAIL_({assertNotMatch,
                                     [{module, ?MODULE}, {line, ?LINE}]
                                     ++ Info ++
                                     [{expression, (??Expr)},
                                      {pattern, (??Guard)},
                                      {value, EUNIT__V}]});
                   _ -> ?EUNIT_PASS_
               end
           end)).

-define(assertNotMatch(Guard, Expr), ?EUNIT_NOT_MATCH_(Guard, Expr, [])).
-define(assertNotMatch(Guard, Expr, Comment),
        ?EUNIT_NOT_MATCH_(Guard, Expr, [{comment, (Comment)}])).

-define(EUNIT_EQUAL_(Expect, Expr, Info),
        ?EUNIT_CHECK_(
           begin
               EUNIT__X = (Expect),
               case (Expr) of
                   EUNIT__X -> ?EUNIT_PASS_;
                   EUNIT__V ->
                       ?EUNIT_FAIL_({assertEqual,
                                     [{module, ?MODULE}, {line, ?LINE}]
                                     ++ Info ++
                                     [{expression, (??Expr)},
                                      {expected, EUNIT__X},
                                      {value, EUNIT__V}]})
               end
           end)).

-define(assertEqual(Expect, Expr), ?EUNIT_EQUAL_(Expect, Expr, [])).
-define(assertEqual(Expect, Expr, Comment),
        ?EUNIT_EQUAL_(Expect, Expr, [{comment, (Comment)}])).

-define(EUNIT_NOT_EQUAL_(Unexpected, Expr, Info),
        ?EUNIT_CHECK_(
           begin
               EUNIT__X = (Unexpected),
               case (Expr) of
                   EUNIT__X ->
                       ?EUNIT_FAIL_({assertNotEqual,
                                     [{module, ?MODULE}, {line, ?LINE}]
                                     ++ Info ++
                                     [{expression, (??Expr)},
                                      {value, EUNIT__X}]});
                   _ -> ?EUNIT_PASS_
               end
           end)).

-define(assertNotEqual(Unexpected, Expr), ?EUNIT_NOT_EQUAL_(Unexpected, Expr, [])).
-define(assertNotEqual(Unexpected, Expr, Comment),
        ?EUNIT_NOT_EQUAL_(Unexpected, Expr, [{comment, (Comment)}])).

-define(EUNIT_EXCEPTION_(Class, Term, Expr, Info),
        ?EUNIT_CHECK_(
           try (Expr) of
               EUNIT__V ->
                   ?EUNIT_FAIL_({assertException,
                                 [{module, ?MODULE}, {line, ?LINE}]
                                 ++ Info ++
                                 [{expression, (??Expr)},
                                  {pattern, ?EUNIT_PATTERN_(Class, Term)},
                                  {unexpected_success, EUNIT__V}]})
           catch
               Class:Term -> ?EUNIT_PASS_;
               EUNIT__C:EUNIT__T:EUNIT__S ->
                   ?EUNIT_FAIL_({assertException,
                                 [{module, ?MODULE}, {line, ?LINE}]
                                 ++ Info ++
                                 [{expression, (??Expr)},
                                  {pattern, ?EUNIT_PATTERN_(Class, Term)},
                                  {unexpected_exception,
                                   {EUNIT__C, EUNIT__T, ?EUNIT_HIDE_(EUNIT__S)}}]})
           end)).

-define(assertException(Class, Term, Expr),
        ?EUNIT_EXCEPTION_(Class, Term, Expr, [])).
-define(assertException(Class, Term, Expr, Comment),
        ?EUNIT_EXCEPTION_(Class, Term, Expr, [{comment, (Comment)}])).

-define(EUNIT_NOT_EXCEPTION_(Class, Term, Expr, Info),
        ?EUNIT_CHECK_(
           try (Expr) of
               _ -> ?EUNIT_PASS_
           catch
               EUNIT__C:EUNIT__T:EUNIT__S ->
                   case {EUNIT__C, EUNIT__T} of
                       {Class, Term} ->
                           ?EUNIT_FAIL_({assertNotException,
                                         [{module, ?MODULE}, {line, ?LINE}]
                                         ++ Info ++
                                         [{expression, (??Expr)},
                                          {pattern, ?EUNIT_PATTERN_(Class, Term)},
                                          {unexpected_exception,
                                           {EUNIT__C, EUNIT__T, ?EUNIT_HIDE_(EUNIT__S)}}]});
                       _ -> ?EUNIT_PASS_
                   end
           end)).

-define(assertNotException(Class, Term, Expr),
        ?EUNIT_NOT_EXCEPTION_(Class, Term, Expr, [])).
-define(assertNotException(Class, Term, Expr, Comment),
        ?EUNIT_NOT_EXCEPTION_(Class, Term, Expr, [{comment, (Comment)}])).

-endif.

-define(assertError(Term, Expr), ?assertException(error, Term, Expr)).
-define(assertError(Term, Expr, Comment),
        ?assertException(error, Term, Expr, Comment)).
-define(assertExit(Term, Expr), ?assertException(exit, Term, Expr)).
-define(assertExit(Term, Expr, Comment),
        ?assertException(exit, Term, Expr, Comment)).
-define(assertThrow(Term, Expr), ?assertException(throw, Term, Expr)).
-define(assertThrow(Term, Expr, Comment),
        ?assertException(throw, Term, Expr, Comment)).

%% Test objects made from the assertions.
-define(_assert(BoolExpr), ?_test(?assert(BoolExpr))).
-define(_assertNot(BoolExpr), ?_test(?assertNot(BoolExpr))).
-define(_assertMatch(Guard, Expr), ?_test(?assertMatch(Guard, Expr))).
-define(_assertNotMatch(Guard, Expr), ?_test(?assertNotMatch(Guard, Expr))).
-define(_assertEqual(Expect, Expr), ?_test(?assertEqual(Expect, Expr))).
-define(_assertNotEqual(Unexpected, Expr),
        ?_test(?assertNotEqual(Unexpected, Expr))).
-define(_assertException(Class, Term, Expr),
        ?_test(?assertException(Class, Term, Expr))).
-define(_assertError(Term, Expr), ?_test(?assertError(Term, Expr))).
-define(_assertExit(Term, Expr), ?_test(?assertExit(Term, Expr))).
-define(_assertThrow(Term, Expr), ?_test(?assertThrow(Term, Expr))).
-define(_assertNotException(Class, Term, Expr),
        ?_test(?assertNotException(Class, Term, Expr))).

%% ---------------------------------------------------------------------
%% Debugging

-ifdef(NODEBUG).

-define(debugMsg(S), ok).
-define(debugHere, ok).
-define(debugFmt(S, As), ok).
-define(debugVal(E), (E)).
-define(debugVal(E, D), (E)).
-define(debugTime(S, E), (E)).

-else.

-define(debugMsg(S),
        begin
            io:format(user, "~ts:~w:~w: ~ts\n", [?FILE, ?LINE, self(), S]),
            ok
        end).
-define(debugHere, (?debugMsg("<-"))).
-define(debugFmt(S, As), (?debugMsg(io_lib:format((S), (As))))).
-define(debugVal(E, D),
        ((fun (EUNIT__V) ->
                  ?debugFmt("~ts = ~tP", [(??E), EUNIT__V, D]),
                  EUNIT__V
          end)(E))).
-define(debugVal(E), ?debugVal(E, 15)).
-define(debugTime(S, E),
        ((fun () ->
                  {EUNIT__T0, EUNIT__V} = timer:tc(fun () -> (E) end),
                  ?debugFmt("~ts: ~.3f s", [(S), EUNIT__T0 / 1000000]),
                  EUNIT__V
          end)())).

-endif.

-endif.
