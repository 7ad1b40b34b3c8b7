//! The `re` module (`run`, `replace`, `split`, `compile`, `inspect`) on the `regex` crate,
//! following OTP 25's results: capture specifications and types, `global` with PCRE's
//! handling of empty matches, replacement strings with `&` and `\N`, and `split`'s parts,
//! groups and trimming.
//!
//! Patterns are PCRE syntax, translated to the `regex` crate's before compiling (see
//! [`translate`]): `$` matches before a final newline as in PCRE, `\Z`, `\h`, `\v`, `\R`,
//! `\Q...\E`, `(?#...)`, `(?'name'...)`, literal braces and brackets are rewritten; without
//! `unicode`, patterns and subjects are bytes (Latin-1), and with it, `\d`, `\w`, `\s` and
//! `\b` stay ASCII unless `ucp` is given, as in PCRE.
//!
//! What the `regex` crate cannot do is refused when compiling (`re:compile` returns
//! `{error, {Message, Position}}`, the other functions raise `badarg`, as OTP does for an
//! invalid pattern): backreferences, look-ahead and look-behind, atomic groups, possessive
//! quantifiers, recursion, conditionals and `\G`. Error messages are the crate's and
//! positions are 0. Also different: `notempty` and `notempty_atstart` cannot make the engine
//! backtrack into a longer alternative at the same position (the search moves on one
//! character instead); `notbol`, `noteol`, `firstline`, `{newline, _}`, match limits and
//! `bsr_*` are accepted and ignored; a compiled pattern (`{re_pattern, Groups, Unicode, 0,
//! Binary}`) holds the source and options, not PCRE bytecode. Compiled regular expressions
//! are cached per OS process, keyed by pattern and options.

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::{etf, Atom, Bitstring, Term};
use parking_lot::Mutex;
use regex::bytes::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

bifs! {
    "re", "run", 2 => |_, a| run(&a[0], &a[1], &Term::Nil);
    "re", "run", 3 => |_, a| run(&a[0], &a[1], &a[2]);
    "re", "compile", 1 => |_, a| compile(&a[0], &Term::Nil);
    "re", "compile", 2 => |_, a| compile(&a[0], &a[1]);
    "re", "replace", 3 => |_, a| replace(&a[0], &a[1], &a[2], &Term::Nil);
    "re", "replace", 4 => |_, a| replace(&a[0], &a[1], &a[2], &a[3]);
    "re", "split", 2 => |_, a| split(&a[0], &a[1], &Term::Nil);
    "re", "split", 3 => |_, a| split(&a[0], &a[1], &a[2]);
    "re", "inspect", 2 => |_, a| {
        let Some((src, copts)) = decode_mp(&a[0]) else { return badarg() };
        if !a[1].is_atom(Atom::new("namelist")) {
            return badarg();
        }
        let c = build(&src, &copts).map_err(|_| Exception::badarg())?;
        let names = c.names.iter().map(|(n, _)| Term::binary(n.as_bytes().to_vec())).collect();
        Ok(Term::tuple([Term::atom("namelist"), Term::list(names)]))
    };
}

/// Options that shape the compiled expression.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
struct CompileOpts {
    unicode: bool,
    ucp: bool,
    caseless: bool,
    multiline: bool,
    dotall: bool,
    extended: bool,
    ungreedy: bool,
    dollar_endonly: bool,
    no_auto_capture: bool,
    anchored: bool,
}

impl CompileOpts {
    fn bits(&self) -> u16 {
        [
            self.unicode,
            self.ucp,
            self.caseless,
            self.multiline,
            self.dotall,
            self.extended,
            self.ungreedy,
            self.dollar_endonly,
            self.no_auto_capture,
            self.anchored,
        ]
        .iter()
        .enumerate()
        .fold(0, |acc, (i, b)| acc | ((*b as u16) << i))
    }
}

/// Which groups a match reports.
#[derive(Clone)]
enum Values {
    All,
    AllButFirst,
    First,
    None,
    AllNames,
    List(Vec<Term>),
}

/// How a captured group is reported.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Index,
    List,
    Binary,
}

/// Options of one search.
#[derive(Clone)]
struct RunOpts {
    global: bool,
    anchored: bool,
    notempty: bool,
    notempty_atstart: bool,
    offset: usize,
    values: Values,
    kind: Kind,
    report_errors: bool,
}

impl Default for RunOpts {
    fn default() -> RunOpts {
        RunOpts {
            global: false,
            anchored: false,
            notempty: false,
            notempty_atstart: false,
            offset: 0,
            values: Values::All,
            kind: Kind::Index,
            report_errors: false,
        }
    }
}

/// Where a module-level option list belongs.
enum Opt {
    Compile,
    Run,
    /// `{return, _}` and the `split` options, for the callers that take them.
    Other(Term),
}

/// Reads one option into `c` or `r`.
fn option(t: &Term, c: &mut CompileOpts, r: &mut RunOpts) -> Result<Opt, Exception> {
    match t {
        Term::Atom(a) => {
            match a.as_str() {
                "unicode" => c.unicode = true,
                "ucp" => c.ucp = true,
                "caseless" => c.caseless = true,
                "multiline" => c.multiline = true,
                "dotall" => c.dotall = true,
                "extended" => c.extended = true,
                "ungreedy" => c.ungreedy = true,
                "dollar_endonly" => c.dollar_endonly = true,
                "no_auto_capture" => c.no_auto_capture = true,
                "firstline" | "dupnames" | "no_start_optimize" | "never_utf" | "bsr_anycrlf" | "bsr_unicode" => {}
                "anchored" => {
                    c.anchored = true;
                    r.anchored = true;
                    return Ok(Opt::Run);
                }
                "global" => r.global = true,
                "notempty" => r.notempty = true,
                "notempty_atstart" => r.notempty_atstart = true,
                "notbol" | "noteol" => {}
                "report_errors" => r.report_errors = true,
                _ => return Ok(Opt::Other(t.clone())),
            }
            let run = matches!(
                a.as_str(),
                "global" | "notempty" | "notempty_atstart" | "notbol" | "noteol" | "report_errors"
            );
            Ok(if run { Opt::Run } else { Opt::Compile })
        }
        Term::Tuple(e) => match &e[..] {
            [Term::Atom(k), Term::Int(n)] if k.as_str() == "offset" && *n >= 0 => {
                r.offset = *n as usize;
                Ok(Opt::Run)
            }
            [Term::Atom(k), Term::Int(n)]
                if matches!(k.as_str(), "match_limit" | "match_limit_recursion") && *n >= 0 =>
            {
                Ok(Opt::Run)
            }
            [Term::Atom(k), Term::Atom(v)] if k.as_str() == "newline" => {
                if matches!(v.as_str(), "cr" | "crlf" | "lf" | "anycrlf" | "any") {
                    Ok(Opt::Compile)
                } else {
                    badarg()
                }
            }
            [Term::Atom(k), spec] if k.as_str() == "capture" => {
                r.values = values(spec)?;
                Ok(Opt::Run)
            }
            [Term::Atom(k), spec, Term::Atom(ty)] if k.as_str() == "capture" => {
                r.values = values(spec)?;
                r.kind = match ty.as_str() {
                    "index" => Kind::Index,
                    "list" => Kind::List,
                    "binary" => Kind::Binary,
                    _ => return badarg(),
                };
                Ok(Opt::Run)
            }
            _ => Ok(Opt::Other(t.clone())),
        },
        _ => Ok(Opt::Other(t.clone())),
    }
}

fn values(t: &Term) -> Result<Values, Exception> {
    match t {
        Term::Atom(a) => match a.as_str() {
            "all" => Ok(Values::All),
            "all_but_first" => Ok(Values::AllButFirst),
            "first" => Ok(Values::First),
            "none" => Ok(Values::None),
            "all_names" => Ok(Values::AllNames),
            _ => badarg(),
        },
        Term::Nil | Term::Cons(_) => {
            let items = t.list_to_vec().ok_or_else(Exception::badarg)?;
            for i in &items {
                if !matches!(i, Term::Int(n) if *n >= 0)
                    && !matches!(i, Term::Atom(_) | Term::Bits(_) | Term::Cons(_) | Term::Nil)
                {
                    return badarg();
                }
            }
            Ok(Values::List(items))
        }
        _ => badarg(),
    }
}

/// Splits an option list: compile options, run options, and the rest.
fn parse_options(t: &Term) -> Result<(CompileOpts, RunOpts, Vec<Term>, Vec<Term>), Exception> {
    let mut c = CompileOpts::default();
    let mut r = RunOpts::default();
    let mut copts = Vec::new();
    let mut other = Vec::new();
    for o in t.list_to_vec().ok_or_else(Exception::badarg)? {
        match option(&o, &mut c, &mut r)? {
            Opt::Compile => copts.push(o),
            Opt::Run => {
                if o.is_atom(Atom::new("anchored")) {
                    copts.push(o);
                }
            }
            Opt::Other(x) => other.push(x),
        }
    }
    Ok((c, r, copts, other))
}

/// A compiled expression and what is needed to read its matches as PCRE's.
struct Compiled {
    re: Regex,
    /// For each group the pattern has (from 1), its index in `re`.
    groups: Vec<usize>,
    /// Indexes in `re` of the groups that stand for PCRE's `$` before a final newline.
    helpers: Vec<usize>,
    /// Named groups, sorted by name, with their group numbers.
    names: Vec<(String, usize)>,
    unicode: bool,
    anchored: bool,
}

/// A compile error: message and position in the pattern.
type CompileError = (String, usize);

/// Compiled expressions by pattern text and option bits. Compiling is a pure function, so
/// one cache serves every VM in the OS process.
type Cache = Mutex<HashMap<(String, u16), Arc<Compiled>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Compiles pattern characters (Latin-1 bytes as chars without `unicode`), with a cache.
fn build(src: &str, o: &CompileOpts) -> Result<Arc<Compiled>, CompileError> {
    let key = (src.to_owned(), o.bits());
    if let Some(c) = cache().lock().get(&key) {
        return Ok(c.clone());
    }
    let chars: Vec<char> = src.chars().collect();
    let (text, helper_flags) = translate(&chars, o)?;
    let re = RegexBuilder::new(&text)
        .unicode(o.unicode)
        .case_insensitive(o.caseless)
        .multi_line(o.multiline)
        .dot_matches_new_line(o.dotall)
        .swap_greed(o.ungreedy)
        .size_limit(1 << 24)
        .build()
        .map_err(|e| {
            let msg = e.to_string();
            let line = msg.lines().rev().find(|l| l.starts_with("error: ")).unwrap_or(&msg);
            (line.trim_start_matches("error: ").to_owned(), 0)
        })?;
    let mut groups = Vec::new();
    let mut helpers = Vec::new();
    for (i, h) in helper_flags.iter().enumerate() {
        if *h {
            helpers.push(i + 1);
        } else {
            groups.push(i + 1);
        }
    }
    let mut names: Vec<(String, usize)> = re
        .capture_names()
        .enumerate()
        .filter_map(|(i, n)| n.and_then(|n| groups.iter().position(|g| *g == i).map(|k| (n.to_owned(), k + 1))))
        .collect();
    names.sort();
    let c = Arc::new(Compiled { re, groups, helpers, names, unicode: o.unicode, anchored: o.anchored });
    let mut cache = cache().lock();
    if cache.len() >= 512 {
        cache.clear();
    }
    cache.insert(key, c.clone());
    Ok(c)
}

/// PCRE pattern syntax to the `regex` crate's. Returns the new text and, for each
/// capturing group in it, whether it is a helper standing for `$`.
fn translate(p: &[char], o: &CompileOpts) -> Result<(String, Vec<bool>), CompileError> {
    let mut t = Translator {
        p,
        i: 0,
        out: String::with_capacity(p.len() * 2),
        helpers: Vec::new(),
        o: *o,
        ascii: o.unicode && !o.ucp,
    };
    t.pattern()?;
    Ok((t.out, t.helpers))
}

struct Translator<'a> {
    p: &'a [char],
    i: usize,
    out: String,
    helpers: Vec<bool>,
    o: CompileOpts,
    /// PCRE's `\d`, `\w`, `\s`, `\b` are ASCII-only in UTF mode without `ucp`.
    ascii: bool,
}

impl Translator<'_> {
    fn peek(&self, k: usize) -> Option<char> {
        self.p.get(self.i + k).copied()
    }

    fn err<T>(&self, msg: &str) -> Result<T, CompileError> {
        Err((msg.to_owned(), self.i))
    }

    /// A literal character.
    fn lit(&mut self, c: char) {
        if (!self.o.unicode && (c as u32) >= 128) || c.is_whitespace() || c.is_control() {
            self.out.push_str(&format!("\\x{{{:X}}}", c as u32));
        } else if "\\.+*?()|[]{}^$#&-~".contains(c) {
            self.out.push('\\');
            self.out.push(c);
        } else {
            self.out.push(c);
        }
    }

    fn pattern(&mut self) -> Result<(), CompileError> {
        while let Some(c) = self.peek(0) {
            match c {
                '\\' => self.escape(false)?,
                '[' => self.class()?,
                '(' => self.group()?,
                '$' => {
                    self.i += 1;
                    self.dollar();
                }
                '{' => self.brace()?,
                '}' => {
                    self.i += 1;
                    self.out.push_str("\\}");
                }
                '#' if self.o.extended => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                c if self.o.extended && c.is_whitespace() => self.i += 1,
                '*' | '+' | '?' => {
                    self.i += 1;
                    self.out.push(c);
                    self.quantifier_suffix()?;
                }
                c => {
                    self.i += 1;
                    if matches!(c, '.' | '|' | ')' | '^') {
                        self.out.push(c);
                    } else {
                        self.lit(c);
                    }
                }
            }
        }
        Ok(())
    }

    /// After a quantifier: a lazy `?` passes; a possessive `+` is refused.
    fn quantifier_suffix(&mut self) -> Result<(), CompileError> {
        match self.peek(0) {
            Some('?') => {
                self.i += 1;
                self.out.push('?');
                Ok(())
            }
            Some('+') => self.err("possessive quantifiers are not supported"),
            _ => Ok(()),
        }
    }

    /// `{n}`, `{n,}` and `{n,m}` are quantifiers; any other brace is a literal, as in PCRE.
    fn brace(&mut self) -> Result<(), CompileError> {
        let rest: String = self.p[self.i..].iter().take(24).collect();
        let end = rest.find('}');
        let valid = end.is_some_and(|e| {
            let body = &rest[1..e];
            let (a, b) = body.split_once(',').unwrap_or((body, ""));
            !a.is_empty() && a.bytes().all(|x| x.is_ascii_digit()) && b.bytes().all(|x| x.is_ascii_digit())
        });
        match (valid, end) {
            (true, Some(e)) => {
                self.out.push_str(&rest[..=e]);
                self.i += rest[..=e].chars().count();
                self.quantifier_suffix()
            }
            _ => {
                self.i += 1;
                self.out.push_str("\\{");
                Ok(())
            }
        }
    }

    /// PCRE's `$`: the end, or before a newline that ends the subject.
    fn dollar(&mut self) {
        if self.o.dollar_endonly && !self.o.multiline {
            self.out.push_str("\\z");
        } else if self.o.multiline {
            self.out.push('$');
        } else {
            self.end_or_final_newline();
        }
    }

    fn end_or_final_newline(&mut self) {
        self.out.push_str("(?:\\z|(\\n)\\z)");
        self.helpers.push(true);
    }

    fn escape(&mut self, in_class: bool) -> Result<(), CompileError> {
        self.i += 1;
        let Some(d) = self.peek(0) else { return self.err("\\ at end of pattern") };
        self.i += 1;
        let ascii = self.ascii;
        let class_body = |d: char| -> Option<&'static str> {
            Some(match d {
                'd' => "0-9",
                'w' => "0-9A-Za-z_",
                's' => "\\t\\n\\x0B\\x0C\\r ",
                'h' => "\\t \\x{A0}",
                'v' => "\\n\\x0B\\x0C\\r\\x{85}",
                _ => return None,
            })
        };
        match d {
            'd' | 'w' | 's' | 'D' | 'W' | 'S' if !ascii => {
                self.out.push('\\');
                self.out.push(d);
            }
            'd' | 'w' | 's' | 'h' | 'v' | 'D' | 'W' | 'S' | 'H' | 'V' => {
                let body = class_body(d.to_ascii_lowercase()).unwrap_or("");
                let negated = d.is_ascii_uppercase();
                match (in_class, negated) {
                    (true, false) => self.out.push_str(body),
                    (true, true) if !ascii || matches!(d, 'H' | 'V') => {
                        return self.err("negated class escape inside a class")
                    }
                    (true, true) => {
                        self.out.push('\\');
                        self.out.push(d);
                    }
                    (false, n) => {
                        self.out.push_str(if n { "[^" } else { "[" });
                        self.out.push_str(body);
                        self.out.push(']');
                    }
                }
            }
            'b' if in_class => self.out.push_str("\\x08"),
            'b' | 'B' if ascii => self.out.push_str(if d == 'b' { "(?-u:\\b)" } else { "(?-u:\\B)" }),
            'b' | 'B' | 'A' | 'z' => {
                self.out.push('\\');
                self.out.push(d);
            }
            'Z' if !in_class => self.end_or_final_newline(),
            'R' if !in_class => self.out.push_str("(?:\\r\\n|[\\n\\x0B\\x0C\\r\\x{85}])"),
            'n' | 'r' | 't' | 'f' => {
                self.out.push('\\');
                self.out.push(d);
            }
            'e' => self.out.push_str("\\x1B"),
            'a' => self.out.push_str("\\x07"),
            'x' => {
                let code = if self.peek(0) == Some('{') {
                    let close = self.p[self.i..].iter().position(|c| *c == '}');
                    let Some(close) = close else { return self.err("missing } after \\x{") };
                    let hex: String = self.p[self.i + 1..self.i + close].iter().collect();
                    self.i += close + 1;
                    u32::from_str_radix(&hex, 16).ok()
                } else {
                    let mut hex = String::new();
                    while hex.len() < 2 && self.peek(0).is_some_and(|c| c.is_ascii_hexdigit()) {
                        hex.push(self.peek(0).unwrap_or('0'));
                        self.i += 1;
                    }
                    if hex.is_empty() {
                        Some(0)
                    } else {
                        u32::from_str_radix(&hex, 16).ok()
                    }
                };
                match code.and_then(char::from_u32) {
                    Some(c) if self.o.unicode || (c as u32) < 256 => {
                        self.out.push_str(&format!("\\x{{{:X}}}", c as u32))
                    }
                    _ => return self.err("character value in \\x{} is too large"),
                }
            }
            '0' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && self.peek(0).is_some_and(|c| ('0'..='7').contains(&c)) {
                    v = v * 8 + self.peek(0).and_then(|c| c.to_digit(8)).unwrap_or(0);
                    self.i += 1;
                    n += 1;
                }
                self.out.push_str(&format!("\\x{{{v:X}}}"));
            }
            'c' => {
                let Some(c) = self.peek(0) else { return self.err("\\c at end of pattern") };
                self.i += 1;
                self.out.push_str(&format!("\\x{{{:X}}}", (c.to_ascii_uppercase() as u32) ^ 0x40));
            }
            'Q' => {
                while let Some(c) = self.peek(0) {
                    if c == '\\' && self.peek(1) == Some('E') {
                        self.i += 2;
                        break;
                    }
                    self.i += 1;
                    self.lit(c);
                }
            }
            'E' => {}
            'p' | 'P' => {
                self.out.push('\\');
                self.out.push(d);
                if self.peek(0) == Some('{') {
                    while let Some(c) = self.peek(0) {
                        self.i += 1;
                        self.out.push(c);
                        if c == '}' {
                            break;
                        }
                    }
                } else if let Some(c) = self.peek(0) {
                    self.i += 1;
                    self.out.push(c);
                }
            }
            '1'..='9' | 'g' | 'k' => return self.err("backreferences are not supported"),
            'G' => return self.err("\\G is not supported"),
            'K' => return self.err("\\K is not supported"),
            c if c.is_ascii_alphanumeric() => return self.err("unrecognized character follows \\"),
            c => self.lit(c),
        }
        Ok(())
    }

    fn class(&mut self) -> Result<(), CompileError> {
        self.i += 1;
        self.out.push('[');
        if self.peek(0) == Some('^') {
            self.i += 1;
            self.out.push('^');
        }
        if self.peek(0) == Some(']') {
            self.i += 1;
            self.out.push_str("\\]");
        }
        loop {
            let Some(c) = self.peek(0) else { return self.err("missing terminating ] for character class") };
            match c {
                ']' => {
                    self.i += 1;
                    self.out.push(']');
                    return Ok(());
                }
                '[' if self.peek(1) == Some(':') => {
                    let rest: String = self.p[self.i..].iter().take(16).collect();
                    match rest.find(":]") {
                        Some(e) => {
                            self.out.push_str(&rest[..e + 2]);
                            self.i += rest[..e + 2].chars().count();
                        }
                        None => {
                            self.i += 1;
                            self.out.push_str("\\[");
                        }
                    }
                }
                '\\' => self.escape(true)?,
                '-' => {
                    self.i += 1;
                    if self.peek(0) == Some('-') {
                        self.out.push_str("\\-");
                    } else {
                        self.out.push('-');
                    }
                }
                c => {
                    self.i += 1;
                    if matches!(c, '[' | '&' | '~') {
                        self.out.push('\\');
                        self.out.push(c);
                    } else {
                        self.lit(c);
                    }
                }
            }
        }
    }

    fn group(&mut self) -> Result<(), CompileError> {
        self.i += 1;
        if self.peek(0) != Some('?') {
            if self.o.no_auto_capture {
                self.out.push_str("(?:");
            } else {
                self.out.push('(');
                self.helpers.push(false);
            }
            return Ok(());
        }
        self.i += 1;
        match (self.peek(0), self.peek(1)) {
            (Some('#'), _) => {
                while self.peek(0).is_some_and(|c| c != ')') {
                    self.i += 1;
                }
                self.i += 1;
                Ok(())
            }
            (Some('<'), Some(c)) if c != '=' && c != '!' => self.named('<', '>', 1),
            (Some('P'), Some('<')) => self.named('<', '>', 2),
            (Some('\''), _) => self.named('\'', '\'', 1),
            (Some(':'), _) => {
                self.i += 1;
                self.out.push_str("(?:");
                Ok(())
            }
            (Some('=' | '!' | '<'), _) => self.err("look-around is not supported"),
            (Some('>'), _) => self.err("atomic groups are not supported"),
            (Some('|'), _) => self.err("branch reset groups are not supported"),
            (Some('('), _) => self.err("conditional groups are not supported"),
            _ => self.flags(),
        }
    }

    /// `(?<name>`, `(?P<name>` or `(?'name'`.
    fn named(&mut self, _open: char, close: char, skip: usize) -> Result<(), CompileError> {
        self.i += skip;
        let mut name = String::new();
        loop {
            match self.peek(0) {
                Some(c) if c == close => {
                    self.i += 1;
                    break;
                }
                Some(c) if c.is_ascii_alphanumeric() || c == '_' => {
                    name.push(c);
                    self.i += 1;
                }
                _ => return self.err("syntax error in subpattern name (missing terminator)"),
            }
        }
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            return self.err("group name must start with a non-digit");
        }
        self.out.push_str(&format!("(?<{name}>"));
        self.helpers.push(false);
        Ok(())
    }

    /// Inline options `(?imsxU-imsxU)` or `(?imsx:...)`. The `x` option is applied here
    /// (whitespace and comments are dropped as the pattern is read); `m` changes what `$`
    /// means from here on.
    fn flags(&mut self) -> Result<(), CompileError> {
        let mut kept = String::new();
        let mut on = true;
        loop {
            let Some(c) = self.peek(0) else { return self.err("missing ) after (? options") };
            self.i += 1;
            match c {
                '-' => {
                    on = false;
                    kept.push('-');
                }
                'x' => self.o.extended = on,
                'm' => {
                    self.o.multiline = on;
                    kept.push('m');
                }
                'i' | 's' | 'U' => kept.push(c),
                'J' | 'X' => {}
                ')' | ':' => {
                    let kept = kept.trim_end_matches('-');
                    if kept.is_empty() {
                        self.out.push_str(if c == ')' { "" } else { "(?:" });
                    } else {
                        self.out.push_str("(?");
                        self.out.push_str(kept);
                        self.out.push(c);
                    }
                    return Ok(());
                }
                _ => return self.err("unrecognized character after (? or (?-"),
            }
        }
    }
}

/// A subject: its bytes, kept as a binary so that captured binaries share it.
struct Subject(Arc<Bitstring>);

impl Subject {
    fn bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        self.0.to_bytes()
    }

    fn value(&self, span: Option<(usize, usize)>, kind: Kind, unicode: bool) -> Term {
        match (span, kind) {
            (None, Kind::Index) => Term::tuple([Term::Int(-1), Term::Int(0)]),
            (None, Kind::List) => Term::Nil,
            (None, Kind::Binary) => Term::binary(Vec::new()),
            (Some((s, e)), Kind::Index) => Term::tuple([Term::Int(s as i64), Term::Int((e - s) as i64)]),
            (Some((s, e)), Kind::Binary) => Term::Bits(Arc::new(self.0.slice(s * 8, (e - s) * 8))),
            (Some((s, e)), Kind::List) => {
                let b = self.bytes();
                bytes_to_list(&b[s..e], unicode)
            }
        }
    }
}

fn bytes_to_list(b: &[u8], unicode: bool) -> Term {
    if unicode {
        Term::list(String::from_utf8_lossy(b).chars().map(|c| Term::Int(c as i64)).collect())
    } else {
        Term::list(b.iter().map(|&x| Term::Int(x as i64)).collect())
    }
}

/// Flattens iodata (or, with `unicode`, chardata encoded as UTF-8) into bytes.
fn flatten(t: &Term, unicode: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut stack = vec![t.iter_list()];
    if let Term::Bits(b) = t {
        return b.is_binary().then(|| b.to_bytes().into_owned());
    }
    if !t.is_list() {
        return None;
    }
    while let Some(it) = stack.last_mut() {
        match it.next() {
            Some(Term::Int(c)) if unicode => {
                let ch = u32::try_from(*c).ok().and_then(char::from_u32)?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            }
            Some(Term::Int(c)) if (0..=255).contains(c) => out.push(*c as u8),
            Some(Term::Bits(b)) if b.is_binary() => out.extend_from_slice(&b.to_bytes()),
            Some(x @ (Term::Cons(_) | Term::Nil)) => stack.push(x.iter_list()),
            Some(_) => return None,
            None => {
                let tail = it.tail();
                stack.pop();
                match tail {
                    Term::Nil => {}
                    Term::Bits(b) if b.is_binary() => out.extend_from_slice(&b.to_bytes()),
                    _ => return None,
                }
            }
        }
    }
    Some(out)
}

fn subject(t: &Term, unicode: bool) -> Result<Subject, Exception> {
    match t {
        Term::Bits(b) if b.is_binary() => Ok(Subject(b.clone())),
        other => {
            flatten(other, unicode).map(|v| Subject(Arc::new(Bitstring::from_bytes(v)))).ok_or_else(Exception::badarg)
        }
    }
}

/// The tag at the start of a compiled pattern's binary.
const MP_MAGIC: &[u8] = b"ember-re\0";

/// The source and compile options inside a compiled pattern.
fn decode_mp(t: &Term) -> Option<(String, CompileOpts)> {
    let [tag, _, _, _, Term::Bits(b)] = t.as_tuple()? else { return None };
    if !tag.is_atom(Atom::new("re_pattern")) {
        return None;
    }
    let bytes = b.to_bytes();
    let body = bytes.strip_prefix(MP_MAGIC)?;
    let (term, _) = etf::decode(body).ok()?;
    let [src, opts] = term.as_tuple()? else { return None };
    let src = String::from_utf8(src.as_binary()?.into_owned()).ok()?;
    let (c, _, _, _) = parse_options(opts).ok()?;
    Some((src, c))
}

/// The pattern's characters: Latin-1 bytes as chars, or with `unicode`, characters.
fn pattern_text(t: &Term, unicode: bool) -> Result<String, Exception> {
    let bytes = flatten(t, unicode).ok_or_else(Exception::badarg)?;
    if unicode {
        String::from_utf8(bytes).map_err(|_| Exception::badarg())
    } else {
        Ok(bytes.iter().map(|&b| b as char).collect())
    }
}

/// The compiled expression for `re` (a pattern or a compiled pattern) and the options.
fn expression(re: &Term, c: &CompileOpts) -> Result<Result<Arc<Compiled>, CompileError>, Exception> {
    if let Term::Tuple(_) = re {
        let (src, mut copts) = decode_mp(re).ok_or_else(Exception::badarg)?;
        copts.anchored |= c.anchored;
        return Ok(build(&src, &copts));
    }
    let src = pattern_text(re, c.unicode)?;
    Ok(build(&src, c))
}

fn compile_error(e: CompileError) -> Term {
    Term::tuple([Term::string(&e.0), Term::Int(e.1 as i64)])
}

fn compile(re: &Term, opts: &Term) -> BifResult {
    let (c, r, copts, other) = parse_options(opts)?;
    if !other.is_empty() || r.global || !matches!(r.values, Values::All) || r.offset != 0 {
        return badarg();
    }
    if matches!(re, Term::Tuple(_)) {
        return badarg();
    }
    let src = pattern_text(re, c.unicode)?;
    match build(&src, &c) {
        Ok(compiled) => {
            let stored = Term::tuple([Term::binary(src.as_bytes().to_vec()), Term::list(copts)]);
            let mut bin = MP_MAGIC.to_vec();
            bin.extend_from_slice(&etf::encode(&stored));
            let mp = Term::tuple([
                Term::atom("re_pattern"),
                Term::Int(compiled.groups.len() as i64),
                Term::Int(c.unicode as i64),
                Term::Int(0),
                Term::binary(bin),
            ]);
            Ok(Term::tuple([Term::atom("ok"), mp]))
        }
        Err(e) => Ok(Term::tuple([Term::atom("error"), compile_error(e)])),
    }
}

/// One match: the whole match and each group (from 1), as byte spans.
type Spans = Vec<Option<(usize, usize)>>;

impl Compiled {
    /// The first match starting at or after `start`.
    fn search(&self, h: &[u8], start: usize, anchored: bool) -> Option<Spans> {
        if start > h.len() {
            return None;
        }
        let caps = self.re.captures_at(h, start)?;
        let whole = caps.get(0)?;
        if anchored && whole.start() != start {
            return None;
        }
        // A helper group took the final newline for `$`: PCRE's `$` does not consume it.
        let shift = self.helpers.iter().any(|&i| caps.get(i).is_some());
        let fix = |p: usize| if shift && p == h.len() { p - 1 } else { p };
        let span = |m: Option<regex::bytes::Match<'_>>| m.map(|m| (fix(m.start()), fix(m.end())));
        let mut out = Vec::with_capacity(self.groups.len() + 1);
        out.push(span(Some(whole)));
        for &g in &self.groups {
            out.push(span(caps.get(g)));
        }
        Some(out)
    }

    /// The position one character after `p`.
    fn step(&self, h: &[u8], p: usize) -> usize {
        let mut q = p + 1;
        if self.unicode {
            while q < h.len() && (h[q] & 0xC0) == 0x80 {
                q += 1;
            }
        }
        q
    }

    /// A match honouring `notempty` (approximately: an empty match moves the search on).
    fn search_opts(&self, h: &[u8], start: usize, r: &RunOpts, anchored: bool) -> Option<Spans> {
        let mut at = start;
        loop {
            let m = self.search(h, at, anchored)?;
            let (s, e) = m[0]?;
            let empty = s == e;
            if empty && (r.notempty || (r.notempty_atstart && s == start)) {
                if anchored || s >= h.len() {
                    return None;
                }
                at = self.step(h, s);
                continue;
            }
            return Some(m);
        }
    }

    /// Every match from `start` (one unless `global`), PCRE's way: after an empty match
    /// the next search must not be empty at the same place, so it starts one further on.
    fn matches(&self, h: &[u8], r: &RunOpts, global: bool) -> Vec<Spans> {
        let anchored = r.anchored || self.anchored;
        let mut out = Vec::new();
        let Some(first) = self.search_opts(h, r.offset, r, anchored) else { return out };
        let mut next = first;
        loop {
            let (s, e) = next[0].unwrap_or((0, 0));
            out.push(next);
            if !global {
                break;
            }
            let from = if s == e {
                if e >= h.len() {
                    break;
                }
                self.step(h, e)
            } else {
                e
            };
            match self.search_opts(h, from, r, anchored) {
                Some(m) => next = m,
                None => break,
            }
        }
        out
    }

    /// The captured values a match reports.
    fn report(&self, m: &Spans, r: &RunOpts, subj: &Subject) -> Result<Term, Exception> {
        let val = |span: Option<(usize, usize)>| subj.value(span, r.kind, self.unicode);
        let set = m.iter().rposition(|x| x.is_some()).map_or(0, |i| i + 1);
        Ok(Term::list(match &r.values {
            Values::All => m[..set].iter().map(|s| val(*s)).collect(),
            Values::AllButFirst => m[1..set.max(1)].iter().map(|s| val(*s)).collect(),
            Values::First => vec![val(m[0])],
            Values::None => Vec::new(),
            Values::AllNames => self.names.iter().map(|(_, g)| val(m.get(*g).copied().flatten())).collect(),
            Values::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    let g = match i {
                        Term::Int(n) => Some(*n as usize),
                        name => {
                            let name = match name {
                                Term::Atom(a) => a.as_str().to_owned(),
                                other => String::from_utf8(flatten(other, true).ok_or_else(Exception::badarg)?)
                                    .map_err(|_| Exception::badarg())?,
                            };
                            self.names.iter().find(|(n, _)| *n == name).map(|(_, g)| *g)
                        }
                    };
                    out.push(val(g.and_then(|g| m.get(g).copied().flatten())));
                }
                out
            }
        }))
    }
}

fn run(subj: &Term, re: &Term, opts: &Term) -> BifResult {
    let (c, r, _, other) = parse_options(opts)?;
    if !other.is_empty() {
        return badarg();
    }
    let unicode = c.unicode || decode_mp(re).is_some_and(|(_, o)| o.unicode);
    let compiled = match expression(re, &c)? {
        Ok(x) => x,
        Err(e) if r.report_errors => {
            return Ok(Term::tuple([Term::atom("error"), Term::tuple([Term::atom("compile"), compile_error(e)])]))
        }
        Err(_) => return badarg(),
    };
    let s = subject(subj, unicode)?;
    let h = s.bytes();
    if r.offset > h.len() {
        return badarg();
    }
    let found = compiled.matches(&h, &r, r.global);
    if found.is_empty() {
        return Ok(Term::atom("nomatch"));
    }
    if matches!(r.values, Values::None) {
        return Ok(Term::atom("match"));
    }
    let reported = if r.global {
        Term::list(found.iter().map(|m| compiled.report(m, &r, &s)).collect::<Result<_, _>>()?)
    } else {
        compiled.report(&found[0], &r, &s)?
    };
    Ok(Term::tuple([Term::atom("match"), reported]))
}

/// How `replace` and `split` return their results.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Return {
    Iodata,
    List,
    Binary,
}

fn return_kind(t: &Term) -> Option<Return> {
    match t.as_tuple() {
        Some([k, Term::Atom(v)]) if k.is_atom(Atom::new("return")) => match v.as_str() {
            "iodata" => Some(Return::Iodata),
            "list" => Some(Return::List),
            "binary" => Some(Return::Binary),
            _ => None,
        },
        _ => None,
    }
}

/// A replacement string: literal bytes and group references (`&` is group 0).
enum Piece {
    Bytes(Vec<u8>),
    Group(usize),
}

fn replacement_pieces(r: &[u8]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let push_byte = |out: &mut Vec<Piece>, b: u8| match out.last_mut() {
        Some(Piece::Bytes(v)) => v.push(b),
        _ => out.push(Piece::Bytes(vec![b])),
    };
    let digits = |r: &[u8], mut i: usize| -> (usize, usize) {
        let mut n = 0usize;
        while i < r.len() && r[i].is_ascii_digit() {
            n = n.saturating_mul(10).saturating_add((r[i] - b'0') as usize);
            i += 1;
        }
        (n, i)
    };
    let mut i = 0;
    while i < r.len() {
        match r[i] {
            b'\\' if i + 1 < r.len() => {
                let x = r[i + 1];
                if x == b'g' && i + 2 < r.len() {
                    let braced = r[i + 2] == b'{';
                    let (n, j) = digits(r, i + 2 + braced as usize);
                    out.push(Piece::Group(n));
                    i = if braced && j < r.len() && r[j] == b'}' { j + 1 } else { j };
                } else if x.is_ascii_digit() && x != b'0' {
                    let (n, j) = digits(r, i + 1);
                    out.push(Piece::Group(n));
                    i = j;
                } else {
                    push_byte(&mut out, x);
                    i += 2;
                }
            }
            b'&' => {
                out.push(Piece::Group(0));
                i += 1;
            }
            b => {
                push_byte(&mut out, b);
                i += 1;
            }
        }
    }
    out
}

/// Converts iodata made of binaries to the requested return type.
fn convert(io: Term, ret: Return, unicode: bool) -> BifResult {
    match ret {
        Return::Iodata => Ok(io),
        Return::Binary => Ok(Term::binary(flatten(&io, unicode).ok_or_else(Exception::badarg)?)),
        Return::List => Ok(bytes_to_list(&flatten(&io, unicode).ok_or_else(Exception::badarg)?, unicode)),
    }
}

fn replace(subj: &Term, re: &Term, replacement: &Term, opts: &Term) -> BifResult {
    let (c, r, _, other) = parse_options(opts)?;
    if !matches!(r.values, Values::All) || r.kind != Kind::Index || r.report_errors {
        return badarg();
    }
    let mut ret = Return::Iodata;
    for o in &other {
        ret = return_kind(o).ok_or_else(Exception::badarg)?;
    }
    let unicode = c.unicode || decode_mp(re).is_some_and(|(_, o)| o.unicode);
    let compiled = expression(re, &c)?.map_err(|_| Exception::badarg())?;
    let s = subject(subj, unicode)?;
    let rep = flatten(replacement, unicode).ok_or_else(Exception::badarg)?;
    let h = s.bytes();
    if r.offset > h.len() {
        return badarg();
    }
    let found = compiled.matches(&h, &r, r.global);
    if found.is_empty() {
        return match ret {
            Return::Iodata => Ok(subj.clone()),
            _ => convert(Term::Bits(s.0.clone()), ret, unicode),
        };
    }
    let pieces = replacement_pieces(&rep);
    let part = |a: usize, b: usize| Term::Bits(Arc::new(s.0.slice(a * 8, (b - a) * 8)));
    let mut items = Vec::new();
    let mut pos = 0;
    for m in &found {
        let (ms, me) = m[0].unwrap_or((pos, pos));
        if ms > pos {
            items.push(part(pos, ms));
        }
        let set = m.iter().rposition(|x| x.is_some()).map_or(0, |i| i + 1);
        let group = |n: usize| match m.get(n).copied().flatten() {
            Some((a, b)) if n < set => part(a, b),
            _ => Term::binary(Vec::new()),
        };
        items.push(match &pieces[..] {
            [Piece::Bytes(b)] => Term::binary(b.clone()),
            _ => Term::list(
                pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Bytes(b) => Term::binary(b.clone()),
                        Piece::Group(n) => group(*n),
                    })
                    .collect(),
            ),
        });
        pos = me;
    }
    let tail = if pos < h.len() { part(pos, h.len()) } else { Term::Nil };
    convert(Term::list_with_tail(items, tail), ret, unicode)
}

fn split(subj: &Term, re: &Term, opts: &Term) -> BifResult {
    let (c, r, _, other) = parse_options(opts)?;
    if r.global || !matches!(r.values, Values::All) || r.kind != Kind::Index || r.report_errors {
        return badarg();
    }
    let mut ret = Return::Iodata;
    let mut limit: i64 = -1;
    let mut strip = false;
    let mut group = false;
    for o in &other {
        if let Some(k) = return_kind(o) {
            ret = k;
            continue;
        }
        match o {
            Term::Atom(a) if a.as_str() == "trim" => {
                limit = -1;
                strip = true;
            }
            Term::Atom(a) if a.as_str() == "group" => group = true,
            Term::Tuple(e) => match &e[..] {
                [Term::Atom(k), Term::Int(0)] if k.as_str() == "parts" => {
                    limit = -1;
                    strip = true;
                }
                [Term::Atom(k), Term::Int(n)] if k.as_str() == "parts" && *n >= 1 => {
                    limit = n - 1;
                    strip = false;
                }
                [Term::Atom(k), Term::Atom(inf)] if k.as_str() == "parts" && inf.as_str() == "infinity" => {
                    limit = -1;
                    strip = false;
                }
                _ => return badarg(),
            },
            _ => return badarg(),
        }
    }
    let unicode = c.unicode || decode_mp(re).is_some_and(|(_, o)| o.unicode);
    let compiled = expression(re, &c)?.map_err(|_| Exception::badarg())?;
    let s = subject(subj, unicode)?;
    let h = s.bytes();
    if r.offset > h.len() {
        return badarg();
    }
    let found = compiled.matches(&h, &r, true);
    let whole = Term::Bits(s.0.clone());
    let parts: Vec<Vec<Term>> = if found.is_empty() {
        vec![vec![whole]]
    } else {
        split_parts(&s, h.len(), &found, compiled.groups.len(), limit)
    };
    // Only a split that matched is trimmed (OTP returns an unmatched subject whole).
    let parts = if strip && !found.is_empty() { strip_empty(parts, group) } else { parts };
    let conv = |t: Term| match ret {
        Return::List => convert(t, Return::List, unicode),
        _ => Ok(t),
    };
    if group {
        let groups = parts
            .into_iter()
            .map(|g| g.into_iter().map(conv).collect::<Result<Vec<_>, _>>().map(Term::list))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Term::list(groups))
    } else {
        let flat = parts.into_iter().flatten().map(conv).collect::<Result<Vec<_>, _>>()?;
        Ok(Term::list(flat))
    }
}

/// The pieces between matches, each followed by the match's groups (a group per piece),
/// as OTP's `re:split` makes them: an empty match right where the previous one ended,
/// with no groups set, separates nothing.
fn split_parts(s: &Subject, len: usize, found: &[Spans], ngroups: usize, limit: i64) -> Vec<Vec<Term>> {
    let part = |a: usize, b: usize| Term::Bits(Arc::new(s.0.slice(a * 8, (b - a) * 8)));
    let mut out = Vec::new();
    let mut off = 0;
    let mut limit = limit;
    let mut i = 0;
    loop {
        if limit == 0 || i >= found.len() {
            out.push(vec![part(off, len)]);
            return out;
        }
        if len <= off {
            out.push(vec![part(len, len)]);
            return out;
        }
        let m = &found[i];
        i += 1;
        let (ms, me) = m[0].unwrap_or((off, off));
        let subs: Vec<Option<(usize, usize)>> = (1..=ngroups).map(|g| m.get(g).copied().flatten()).collect();
        let empty_subs = subs.iter().all(|x| x.is_none_or(|(a, b)| a == b));
        if ms == off && empty_subs && ms == me {
            off = me;
            continue;
        }
        let mut piece = vec![part(off, ms)];
        for sp in subs {
            piece.push(match sp {
                Some((a, b)) => part(a, b),
                None => part(0, 0),
            });
        }
        out.push(piece);
        off = me;
        limit -= 1;
    }
}

/// Drops trailing empty parts (for `trim` and `{parts, 0}`).
fn strip_empty(mut parts: Vec<Vec<Term>>, group: bool) -> Vec<Vec<Term>> {
    let empty = |t: &Term| matches!(t, Term::Bits(b) if b.bit_len() == 0);
    if group {
        while parts.last().is_some_and(|g| g.iter().all(empty)) {
            parts.pop();
        }
        parts
    } else {
        let mut flat: Vec<Term> = parts.into_iter().flatten().collect();
        while flat.last().is_some_and(empty) {
            flat.pop();
        }
        flat.into_iter().map(|t| vec![t]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tr(p: &str, o: CompileOpts) -> String {
        let chars: Vec<char> = p.chars().collect();
        translate(&chars, &o).map(|(t, _)| t).unwrap_or_else(|e| format!("error: {}", e.0))
    }

    fn run_str(subject: &str, pattern: &str, opts: Vec<Term>) -> String {
        run(&Term::string(subject), &Term::string(pattern), &Term::list(opts))
            .map(|t| t.to_string())
            .unwrap_or_else(|e| format!("raised {}", e.reason))
    }

    #[test]
    fn pcre_syntax_is_rewritten_for_the_regex_crate() {
        let o = CompileOpts::default();
        assert_eq!(tr("a$", o), "a(?:\\z|(\\n)\\z)");
        assert_eq!(tr("a{b}", o), "a\\{b\\}");
        assert_eq!(tr("a{2,3}", o), "a{2,3}");
        assert_eq!(tr("[[]", o), "[\\[]");
        assert_eq!(tr("[]a]", o), "[\\]a]");
        assert_eq!(tr("<.+?>", o), "<.+?>");
        assert_eq!(tr("\\Qa.b\\E", o), "a\\.b");
        assert_eq!(tr("(?#x)(?'n'a)", o), "(?<n>a)");
        let multi = CompileOpts { multiline: true, ..o };
        assert_eq!(tr("a$", multi), "a$");
        let uni = CompileOpts { unicode: true, ..o };
        assert_eq!(tr("\\d", uni), "[0-9]");
    }

    #[test]
    fn what_the_regex_crate_cannot_do_is_refused() {
        let o = CompileOpts::default();
        for p in ["(a)\\1", "a(?=b)", "(?<=a)b", "(?>a)", "a*+", "\\G"] {
            assert!(tr(p, o).starts_with("error"), "{p}");
        }
        assert!(build("(", &o).is_err());
    }

    #[test]
    fn dollar_matches_before_a_final_newline() {
        assert_eq!(run_str("abc\n", "c$", vec![]), "{match,[{2,1}]}");
        assert_eq!(run_str("abc\n", "(c$)", vec![]), "{match,[{2,1},{2,1}]}");
        assert_eq!(run_str("abc\n", "c$", vec![Term::atom("dollar_endonly")]), "nomatch");
    }

    #[test]
    fn global_matching_steps_over_empty_matches() {
        assert_eq!(
            run_str("abab", "a*", vec![Term::atom("global")]),
            "{match,[[{0,1}],[{1,0}],[{2,1}],[{3,0}],[{4,0}]]}"
        );
    }

    #[test]
    fn trailing_unset_groups_are_left_out_of_all() {
        assert_eq!(run_str("a", "(a)|(b)", vec![]), "{match,[{0,1},{0,1}]}");
        assert_eq!(run_str("b", "(a)|(b)", vec![]), "{match,[{0,1},{-1,0},{0,1}]}");
    }

    #[test]
    fn replace_returns_iodata_like_otp() {
        let r = replace(&Term::string("abc"), &Term::string("b"), &Term::string("X"), &Term::Nil);
        assert_eq!(r.map(|t| t.to_string()).ok().as_deref(), Some("[<<\"a\">>,<<\"X\">>|<<\"c\">>]"));
    }

    #[test]
    fn split_on_an_empty_pattern_gives_characters() {
        let o = Term::list(vec![Term::tuple([Term::atom("return"), Term::atom("list")])]);
        let r = split(&Term::string("abc"), &Term::string(""), &o);
        assert_eq!(r.map(|t| t.to_string()).ok().as_deref(), Some("[[97],[98],[99],[]]"));
    }
}
