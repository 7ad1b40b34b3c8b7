-module(stdlib_re).
-export([main/0]).

%% The re module: run, replace, split and compile with PCRE-compatible results.

t(F) -> try F() catch C:R -> {C, R} end.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

main() ->
    run_basics(),
    captures(),
    global(),
    anchors(),
    options(),
    unicode(),
    replace(),
    split(),
    compiled(),
    errors(),
    ok.

run_basics() ->
    show("match index", re:run("hello world", "o w")),
    show("nomatch", re:run("hello", "xyz")),
    show("binary subject", re:run(<<"hello">>, "l+")),
    show("binary pattern", re:run("hello", <<"l+">>)),
    show("iolist subject", re:run(["he", [<<"ll">>], $o], "lo")),
    show("digits", re:run("foo123bar", "\\d+", [{capture, first, list}])),
    show("classes", re:run("a1_ b", "[[:alpha:]]\\d\\w\\s", [{capture, first, list}])),
    show("key value", re:run("key = value", "^(\\w+)\\s*=\\s*(\\w+)$", [{capture, all_but_first, binary}])),
    show("dates", re:run("on 2024-01-15.", "(\\d{4})-(\\d{2})-(\\d{2})", [{capture, all, list}])),
    show("alternation", re:run("catdog", "dog|cat", [{capture, first, list}])),
    show("lazy", re:run("<a><b>", "<.+?>", [{capture, first, list}])),
    show("greedy", re:run("<a><b>", "<.+>", [{capture, first, list}])),
    show("bracket literal", re:run("a[b]c", "[[]")),
    show("class with dash", re:run("a-b c", "[\\w-]+", [{capture, first, list}])),
    show("literal brace", re:run("a{b}", "a{b}", [{capture, first, list}])),
    show("counted", re:run("aaaa", "a{2,3}", [{capture, first, list}])),
    show("escaped dot", re:run("a.b", "a\\.b", [{capture, first, list}])),
    show("quoted", re:run("a+b*c", "\\Qb*\\E", [{capture, first, index}])),
    show("comment group", re:run("abc", "a(?#note)b", [{capture, first, list}])),
    show("hex escape", re:run("a b", "a\\x20b", [{capture, first, list}])),
    show("offset", re:run("abcabc", "b", [{offset, 2}])),
    show("capture none", re:run("abc", "b", [{capture, none}])),
    show("empty all_but_first", re:run("abc", "b", [{capture, all_but_first, list}])).

captures() ->
    show("trailing unset", re:run("a", "(a)|(b)")),
    show("middle unset", re:run("b", "(a)|(b)")),
    show("unset list", re:run("b", "(a)|(b)", [{capture, all, list}])),
    show("unset binary", re:run("b", "(a)|(b)", [{capture, all, binary}])),
    show("numbered", re:run("b", "(a)|(b)|(c)", [{capture, [1, 2, 3, 4], list}])),
    show("names", re:run("b", "(?<x>a)|(?<y>b)", [{capture, [x, "y", <<"y">>, 0], list}])),
    show("all_names", re:run("b", "(?<y>a)|(?<x>b)", [{capture, all_names, binary}])),
    show("named date", re:run("2024-01-15", "(?<y>\\d{4})-(?<m>\\d\\d)-(?<d>\\d\\d)", [{capture, [y, d], list}])),
    show("python names", re:run("ab", "(?P<first>a)(?'second'b)", [{capture, all_names, list}])),
    show("no_auto_capture", re:run("ab", "(a)(?<n>b)", [no_auto_capture, {capture, all, list}])),
    show("non-capturing", re:run("ab", "(?:a)(b)", [{capture, all, list}])),
    show("nested", re:run("abc", "((a)(b(c)))", [{capture, all, list}])).

global() ->
    show("global", re:run("a1b22c333", "\\d+", [global, {capture, first, list}])),
    show("global index", re:run("abab", "b", [global])),
    show("global empty", re:run("abc", "", [global])),
    show("global star", re:run("abab", "a*", [global])),
    show("global star end", re:run("aa", "a*", [global])),
    show("global groups", re:run("abab", "(a)(x)?", [global, {capture, all, list}])),
    show("global none", re:run("abc", "b", [global, {capture, none}])),
    show("global nomatch", re:run("abc", "x", [global])),
    show("global offset", re:run("aaaa", "a", [global, {offset, 2}])),
    show("global dollar", re:run("a\n", "$", [global])),
    show("global multiline", re:run("a\nb\nc", "^\\w$", [global, multiline, {capture, first, list}])).

anchors() ->
    show("dollar before newline", re:run("abc\n", "c$")),
    show("Z before newline", re:run("abc\n", "c\\Z")),
    show("z strict", re:run("abc\n", "c\\z")),
    show("dollar_endonly", re:run("abc\n", "c$", [dollar_endonly])),
    show("dollar group", re:run("abc\n", "(c$)", [{capture, all, list}])),
    show("dollar alternation", re:run("ab\n", "(?:x|b)$", [{capture, first, index}])),
    show("line with newline", re:run("word\n", "^(\\w+)$", [{capture, all_but_first, list}])),
    show("caret", re:run("ab", "^b")),
    show("multiline caret", re:run("a\nb", "^b", [multiline])),
    show("inline multiline", re:run("a\nb\n", "(?m)^a$", [{capture, first, index}])),
    show("anchored", re:run("xab", "ab", [anchored])),
    show("anchored ok", re:run("abx", "ab", [anchored])),
    show("anchored offset", re:run("xab", "ab", [anchored, {offset, 1}])),
    show("word boundary", re:run("a cat concat", "\\bcat\\b", [global])),
    show("A anchor", re:run("ab", "\\Ab")).

options() ->
    show("caseless", re:run("ABC", "b", [caseless, {capture, first, list}])),
    show("inline caseless", re:run("ABC", "(?i)b", [{capture, first, list}])),
    show("dotall", re:run("a\nb", "a.b", [dotall, {capture, first, list}])),
    show("no dotall", re:run("a\nb", "a.b")),
    show("ungreedy", re:run("aaa", "a+", [ungreedy, {capture, first, list}])),
    show("ungreedy lazy", re:run("aaa", "a+?", [ungreedy, {capture, first, list}])),
    show("extended", re:run("abc", "a b # comment\n c", [extended, {capture, first, list}])),
    show("inline extended", re:run("abc", "(?x) a b c", [{capture, first, list}])),
    show("notempty", re:run("abc", "x*", [notempty])),
    show("notempty match", re:run("xxa", "x*", [notempty, {capture, first, list}])),
    show("accepted options", re:run("abc", "b", [{newline, lf}, firstline, notbol, noteol, {match_limit, 1000}])).

unicode() ->
    show("latin1 list", re:run("h\x{e9}llo", "h(.)l", [{capture, all, list}])),
    show("unicode list", re:run("h\x{e9}llo", "h(.)l", [unicode, {capture, all, list}])),
    show("unicode index", re:run("h\x{e9}llo", "h(.)l", [unicode])),
    show("utf8 bytes", re:run(<<"h", 195, 169, "llo">>, "h(.)l")),
    show("utf8 two bytes", re:run(<<"h", 195, 169, "llo">>, "h(..)l", [{capture, all_but_first, binary}])),
    show("wide chars", re:run([$a, 16#3b1, 16#3b2, $b], "\\x{3b1}.", [unicode, {capture, first, list}])),
    show("ascii \\w in unicode", re:run([16#3b1, $a], "\\w", [unicode])),
    show("ucp \\w", re:run([16#3b1, $a], "\\w", [unicode, ucp])),
    show("unicode global empty", re:run([16#3b1, 16#3b2], "", [unicode, global])),
    show("unicode replace", re:replace([16#3b1, $-, 16#3b2], "-", "+", [unicode, {return, list}])),
    show("unicode split", re:split([16#3b1, $,, 16#3b2], ",", [unicode, {return, list}])),
    show("wide char no unicode", t(fun() -> re:run([16#3b1], "a") end)).

replace() ->
    show("replace iodata", re:replace("abc", "b", "X")),
    show("replace global", re:replace("abcb", "b", "X", [global])),
    show("replace ampersand", re:replace(<<"abcb">>, "b", "[&]", [global, {return, list}])),
    show("replace groups", re:replace(<<"abcb">>, "(b)(c)?", "<\\2\\1\\\\\\&>", [global, {return, binary}])),
    show("replace g forms", re:replace("abc", "(b)", "\\g{1}\\g1\\10", [{return, list}])),
    show("replace nomatch", re:replace("abc", "x", "y")),
    show("replace nomatch binary", re:replace("abc", "x", "y", [{return, binary}])),
    show("replace empty matches", re:replace("abc", "", "-", [global, {return, list}])),
    show("replace swap", re:replace("hello world", "(\\w+) (\\w+)", "\\2 \\1", [{return, list}])),
    show("replace dots", re:replace("a.b.c", "\\.", "-", [global, {return, list}])),
    show("replace with empty", re:replace("a,b,c", ",", "", [global, {return, iodata}])),
    show("replace iodata groups", re:replace("abc", "b", "&&", [{return, iodata}])),
    show("replace binary rep", re:replace(<<"abc">>, "b", <<"X">>, [{return, iodata}])),
    show("replace caseless", re:replace("aAa", "a", "b", [global, caseless, {return, list}])),
    show("replace trailing newline", re:replace("line\n", "$", "!", [{return, list}])),
    show("replace offset", re:replace("aaa", "a", "b", [global, {offset, 1}, {return, list}])),
    show("replace bad return", t(fun() -> re:replace("a", "a", "b", [{return, atom}]) end)),
    show("replace capture option", t(fun() -> re:replace("a", "a", "b", [{capture, first}]) end)).

split() ->
    show("split", re:split("a,b,,c,,", ",")),
    show("split trim", re:split("a,b,,c,,", ",", [trim])),
    show("split parts 2", re:split("a,b,,c,,", ",", [{parts, 2}])),
    show("split parts 3 list", re:split("a,b,,c,,", ",", [{return, list}, {parts, 3}])),
    show("split parts 0", re:split("a,b,,", ",", [{parts, 0}, {return, list}])),
    show("split parts infinity", re:split("a,b,,", ",", [{parts, infinity}, {return, list}])),
    show("split groups", re:split("a1b2c", "([0-9])", [{return, list}])),
    show("split group", re:split("a1b2c", "([0-9])", [{return, list}, group])),
    show("split empty pattern", re:split("abc", "", [{return, list}])),
    show("split empty subject", re:split("", ",", [{return, list}])),
    show("split empty subject trim", re:split("", ",", [{return, list}, trim])),
    show("split spaces", re:split("a b  c", " +", [{return, binary}])),
    show("split nomatch", re:split("abc", "x", [{return, list}])),
    show("split leading", re:split(",a", ",", [{return, list}])),
    show("split star", re:split("abc", "x*", [{return, list}])),
    show("split b star", re:split("abbc", "b*", [{return, list}])),
    show("split optional group", re:split("a1b", "(x)?1", [{return, list}])),
    show("split trim groups", re:split("a1b2", "([0-9])", [{return, list}, group, trim])),
    show("split iodata", re:split("a,b", ",", [{return, iodata}])),
    show("split lines", re:split("l1\nl2\n", "\n", [trim, {return, binary}])),
    show("split global option", t(fun() -> re:split("a", ",", [global]) end)),
    show("split bad parts", t(fun() -> re:split("a", ",", [{parts, -1}]) end)).

compiled() ->
    {ok, MP} = re:compile("b+", [caseless]),
    show("compiled tag", element(1, MP)),
    show("compiled groups", element(2, element(2, re:compile("(a)(b)(?:c)")))),
    show("run compiled", re:run("aBBc", MP, [{capture, first, list}])),
    show("replace compiled", re:replace("abbcB", MP, "-", [global, {return, list}])),
    show("split compiled", re:split("aBbcbd", MP, [{return, list}])),
    {ok, U} = re:compile("\\x{3b1}", [unicode]),
    show("compiled unicode flag", element(3, U)),
    show("run compiled unicode", re:run([$a, 16#3b1], U)),
    {ok, N} = re:compile("(?<year>\\d+)-(?<day>\\d+)"),
    show("inspect", re:inspect(N, namelist)),
    show("compile/1", element(1, re:compile("a|b"))),
    show("compiled anchored", re:run("xab", element(2, re:compile("ab", [anchored])))).

errors() ->
    show("unclosed group", element(1, re:compile("("))),
    show("unclosed class", element(1, re:compile("[a"))),
    show("run bad pattern", t(fun() -> re:run("abc", "(") end)),
    show("run report_errors", element(1, re:run("abc", "(", [report_errors]))),
    show("bad option", t(fun() -> re:run("abc", "b", [bogus]) end)),
    show("bad subject", t(fun() -> re:run(abc, "b") end)),
    show("bad capture", t(fun() -> re:run("abc", "b", [{capture, sideways}]) end)),
    show("bad capture type", t(fun() -> re:run("abc", "b", [{capture, all, atom}]) end)),
    show("compile run option", t(fun() -> re:compile("a", [global]) end)),
    show("replace bad pattern", t(fun() -> re:replace("abc", "(", "x") end)),
    show("split bad pattern", t(fun() -> re:split("abc", "[") end)).
