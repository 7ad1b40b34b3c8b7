//! Reading Erlang terms from text, as `erl_scan` and `erl_parse` do it: `erl_scan:tokens/3`
//! (the scanner continuation that `io:read` drives through an io server's `get_until`),
//! `erl_scan:string/1,2`, `erl_parse:parse_term/1`, and `file:consult/1`'s reading of a
//! whole file. Tokens are erl_scan's tuples (`{atom, Line, a}`, `{',', Line}`,
//! `{dot, Line}`), annotated with line numbers.
//!
//! The scanning is the compiler's lexer (`syntax::lexer`) and the parsing its parser, so
//! the two agree on what a term is. A continuation keeps the text seen so far and scans it
//! again when more comes, which costs time quadratic in the length of one term's text and
//! nothing else. Differences from erl_scan: after a scan error the rest of the input starts
//! after the next full stop (erl's starts right after the bad character); `tokens/3` takes
//! integer start lines only (`string/2` takes `{Line, Column}` too); no scanner options.

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::syntax::ast::{BinElem, Expr, UnOp};
use crate::syntax::lexer::lex;
use crate::syntax::parser::parse_exprs;
use crate::syntax::token::{Pos, Tok, Token, KEYWORDS, SYMBOLS};
use crate::term::{atoms, Atom, BitWriter, Map, Term};
use std::sync::Arc;

bifs! {
    "erl_scan", "tokens", 3 => |_, a| tokens(&a[0], &a[1], &a[2]);
    "erl_scan", "string", 1 => |_, a| string(&a[0], &Term::Int(1));
    "erl_scan", "string", 2 => |_, a| string(&a[0], &a[1]);
    "erl_parse", "parse_term", 1 => |_, a| parse_term(&a[0]);
    // A message that is text already stays as it is; anything else is written as ~w.
    "erl_parse", "format_error", 1 => |_, a| Ok(if deep_chars(&a[0]) {
        a[0].clone()
    } else {
        Term::string(&crate::term::print::write_term(&a[0]))
    });
}

/// The tag of a continuation of `erl_scan:tokens/3`: `{Tag, TextSoFar, StartLine}`.
const CONTINUATION: &str = "erl_scan_continuation";

/// How scanning up to a full stop ended.
enum Scan {
    /// The text holds no full stop yet; more may come.
    More,
    /// Done: the result (`{ok, Tokens, EndLine}`, `{eof, EndLine}` or
    /// `{error, ErrorInfo, EndLine}`) and how many characters it used (all of them at the
    /// end of the input).
    Done(Term, usize),
}

/// Scans `text` (starting at line `start`) up to and including the first full stop, and the
/// white space character after it. At the end of the input (`eof`), what is left is a
/// last term without a full stop, or nothing.
fn scan_term(text: &[char], start: i64, eof: bool) -> Scan {
    // Lex only as far as a point that may end the term, so that one term costs the length
    // of its own text however much follows it; a point inside a string or a comment is no
    // full stop, and the next one is tried.
    let ends = text
        .iter()
        .enumerate()
        .filter(|(i, c)| **c == '.' && text.get(i + 1).is_none_or(|n| n.is_whitespace() || *n == '%'))
        .map(|(i, _)| (i + 2).min(text.len()));
    for end in ends.chain(std::iter::once(text.len())) {
        let prefix = &text[..end];
        let lexed = Lexed::new(prefix);
        if let Some(d) = lexed.toks.iter().position(|t| matches!(t.tok, Tok::Dot)) {
            return lexed.up_to_dot(d, start, eof);
        }
        if end == text.len() {
            return if eof { lexed.at_end(start) } else { Scan::More };
        }
    }
    Scan::More
}

/// A text and its tokens.
struct Lexed<'a> {
    text: &'a [char],
    toks: Vec<Token>,
    diags: Vec<crate::diagnostic::Diagnostic>,
    index: LineIndex,
}

impl Lexed<'_> {
    fn new(text: &[char]) -> Lexed<'_> {
        let src: String = text.iter().collect();
        let mut diags = Vec::new();
        let toks = lex("", &src, &mut diags);
        Lexed { text, toks, diags, index: LineIndex::new(text) }
    }

    fn error(&self) -> Option<&crate::diagnostic::Diagnostic> {
        self.diags.iter().find(|d| d.is_error())
    }

    fn line_after(&self, used: usize, start: i64) -> i64 {
        start + self.text[..used].iter().filter(|c| **c == '\n').count() as i64
    }

    /// The term that ends with the full stop `toks[d]`.
    fn up_to_dot(&self, d: usize, start: i64, eof: bool) -> Scan {
        let text = self.text;
        let at = (self.index.offset(self.toks[d].pos) + 1).min(text.len());
        if at >= text.len() && !eof {
            // "1." could go on as "1.5": wait for what follows the point.
            return Scan::More;
        }
        let used = if text.get(at).is_some_and(|c| c.is_whitespace()) { at + 1 } else { at };
        let result = match self.error().filter(|e| e.pos <= self.toks[d].pos) {
            Some(e) => scan_error(e, text, &self.index, start),
            None => {
                let terms = self.toks[..=d].iter().map(|t| token_term(t, start)).collect();
                Term::tuple([Term::Atom(atoms::OK), Term::list(terms), Term::Int(self.line_after(used, start))])
            }
        };
        Scan::Done(result, used)
    }

    /// The last term of the input, which has no full stop, or the input's end.
    fn at_end(&self, start: i64) -> Scan {
        let end = Term::Int(self.line_after(self.text.len(), start));
        let result = match self.error() {
            Some(e) => scan_error(e, self.text, &self.index, start),
            None if self.toks.len() <= 1 => Term::tuple([Term::atom("eof"), end]),
            None => {
                let terms = self.toks[..self.toks.len() - 1].iter().map(|t| token_term(t, start)).collect();
                Term::tuple([Term::Atom(atoms::OK), Term::list(terms), end])
            }
        };
        Scan::Done(result, self.text.len())
    }
}

/// Where each line of a text starts, to turn a token's position into an offset.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &[char]) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.iter().enumerate().filter(|(_, c)| **c == '\n').map(|(i, _)| i + 1));
        LineIndex(starts)
    }

    fn offset(&self, pos: Pos) -> usize {
        let line = (pos.line as usize).clamp(1, self.0.len());
        self.0[line - 1] + (pos.col as usize).saturating_sub(1)
    }
}

/// `{error, {Line, erl_scan, Descriptor}, Line}` for a lexer diagnostic.
fn scan_error(d: &crate::diagnostic::Diagnostic, text: &[char], index: &LineIndex, start: i64) -> Term {
    let line = Term::Int(d.pos.line as i64 + start - 1);
    let m = d.message.as_str();
    let desc = if m.starts_with("unterminated string") || m.starts_with("unterminated atom") {
        // erl shows the first 16 characters after the quote.
        let at = index.offset(d.pos);
        let quote = text.get(at).copied().unwrap_or('"');
        let head: String = text.iter().skip(at + 1).take(16).collect();
        Term::tuple([Term::atom("string"), Term::Int(quote as i64), Term::string(&head)])
    } else if m.starts_with("unterminated character") {
        Term::atom("char")
    } else if let Some(base) = m.strip_prefix("illegal base '").and_then(|b| b.strip_suffix('\'')) {
        Term::tuple([Term::atom("base"), base.parse::<i64>().map(Term::Int).unwrap_or(Term::Int(0))])
    } else {
        let what = match m {
            "illegal integer" => "integer",
            "illegal float" => "float",
            "atom too long" => "atom",
            _ => "character",
        };
        Term::tuple([Term::atom("illegal"), Term::atom(what)])
    };
    let info = Term::tuple([line.clone(), Term::atom("erl_scan"), desc]);
    Term::tuple([Term::Atom(atoms::ERROR), info, line])
}

/// A token as erl_scan writes it.
fn token_term(t: &Token, start: i64) -> Term {
    let line = Term::Int(t.pos.line as i64 + start - 1);
    let with = |cat: &str, v: Term| Term::tuple([Term::atom(cat), line.clone(), v]);
    match &t.tok {
        Tok::Atom(a) => with("atom", Term::atom(a)),
        Tok::Var(v) => with("var", Term::atom(v)),
        Tok::Int(i) => with("integer", Term::from_bigint(i.clone())),
        Tok::Char(c) => with("char", Term::Int(*c as i64)),
        Tok::Float(f) => with("float", Term::float(*f)),
        Tok::Str(s) => with("string", Term::string(s)),
        Tok::Sym(s) => Term::tuple([Term::atom(s), line]),
        Tok::Dot => Term::tuple([Term::atom("dot"), line]),
        Tok::Bad(Some(c)) => Term::tuple([Term::atom(&c.to_string()), line]),
        Tok::Bad(None) | Tok::Eof => Term::tuple([Term::atom("eof"), line]),
    }
}

/// An erl_scan token back as a lexer token (None if it is not one).
pub(super) fn term_token(t: &Term) -> Option<Token> {
    let parts = t.as_tuple()?;
    let cat = parts.first()?.as_atom()?;
    // A column (from a {Line, Column} annotation) is kept, so that what is parsed from
    // the tokens is annotated the same way; 0 means none.
    let (line, col) = match parts.get(1)? {
        Term::Int(l) => (*l, 0),
        anno => match anno.as_tuple() {
            Some([Term::Int(l), Term::Int(c)]) => (*l, *c),
            _ => (0, 0),
        },
    };
    let pos = Pos::new(u32::try_from(line).unwrap_or(0), u32::try_from(col).unwrap_or(0));
    let name = cat.as_str();
    let tok = match (name, parts.get(2)) {
        ("atom", Some(Term::Atom(a))) => Tok::Atom(a.as_str().to_owned()),
        ("var", Some(Term::Atom(a))) => Tok::Var(a.as_str().to_owned()),
        ("integer", Some(v)) if v.is_integer() => Tok::Int(v.as_bigint()?),
        ("char", Some(Term::Int(c))) => Tok::Char(u32::try_from(*c).ok()?),
        ("float", Some(Term::Float(f))) => Tok::Float(f.get()),
        ("string", Some(s)) => Tok::Str(s.list_to_string()?),
        ("dot", None) => Tok::Dot,
        (s, None) => match SYMBOLS.iter().chain(KEYWORDS.iter()).find(|x| **x == s) {
            Some(x) => Tok::Sym(x),
            None => {
                let mut cs = s.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => Tok::Bad(Some(c)),
                    _ => return None,
                }
            }
        },
        _ => return None,
    };
    Some(Token { tok, pos })
}

/// `erl_scan:tokens(Continuation, Chars | eof, StartLine)`.
fn tokens(cont: &Term, chars: &Term, start: &Term) -> BifResult {
    let (mut text, start) = match cont.as_tuple() {
        Some([tag, Term::Nil | Term::Cons(_), Term::Int(l)]) if tag.is_atom(Atom::new(CONTINUATION)) => {
            (cont_text(cont)?, *l)
        }
        _ if matches!(cont, Term::Nil) => match start {
            Term::Int(l) => (Vec::new(), *l),
            _ => return Err(function_clause()),
        },
        _ => return Err(function_clause()),
    };
    let eof = chars.is_atom(Atom::new("eof"));
    if !eof {
        text.extend(chars.list_to_string().ok_or_else(function_clause)?.chars());
    }
    Ok(match scan_term(&text, start, eof) {
        Scan::More => {
            let acc: String = text.iter().collect();
            let c = Term::tuple([Term::atom(CONTINUATION), Term::string(&acc), Term::Int(start)]);
            Term::tuple([Term::atom("more"), c])
        }
        Scan::Done(result, used) => {
            let rest = if eof { Term::atom("eof") } else { Term::string(&text[used..].iter().collect::<String>()) };
            Term::tuple([Term::atom("done"), result, rest])
        }
    })
}

fn cont_text(cont: &Term) -> Result<Vec<char>, Exception> {
    let text = cont.as_tuple().and_then(|t| t.get(1)).and_then(|t| t.list_to_string());
    Ok(text.ok_or_else(function_clause)?.chars().collect())
}

/// `erl_scan:string(String, StartLocation)`: `{ok, Tokens, EndLocation}` or
/// `{error, ErrorInfo, EndLocation}`. A location is a line, or `{Line, Column}` (then
/// every token is annotated with both).
fn string(s: &Term, start: &Term) -> BifResult {
    let (start, column) = match start {
        Term::Int(l) => (*l, None),
        _ => match start.as_tuple() {
            Some([Term::Int(l), Term::Int(c)]) if *c >= 1 => (*l, Some(*c)),
            _ => return Err(function_clause()),
        },
    };
    let Some(text) = s.list_to_string() else { return Err(function_clause()) };
    let chars: Vec<char> = text.chars().collect();
    let mut diags = Vec::new();
    let toks = lex("", &text, &mut diags);
    let newlines = chars.iter().filter(|c| **c == '\n').count() as i64;
    let end_line = Term::Int(start + newlines);
    let end = match column {
        None => end_line,
        Some(c) => {
            let after = chars.iter().rev().take_while(|c| **c != '\n').count() as i64;
            let col = if newlines == 0 { c + after } else { after + 1 };
            Term::tuple([end_line, Term::Int(col)])
        }
    };
    if let Some(e) = diags.iter().find(|d| d.is_error()) {
        let r = scan_error(e, &chars, &LineIndex::new(&chars), start);
        return Ok(match r.as_tuple() {
            Some([tag, info, _]) => {
                let info = match (column, info.as_tuple()) {
                    (Some(c), Some([line, rest @ ..])) => {
                        let col = i64::from(e.pos.col) + if e.pos.line == 1 { c - 1 } else { 0 };
                        let mut v = vec![Term::tuple([line.clone(), Term::Int(col)])];
                        v.extend(rest.iter().cloned());
                        Term::tuple(v)
                    }
                    _ => info.clone(),
                };
                Term::tuple([tag.clone(), info, end])
            }
            _ => r,
        });
    }
    let terms = toks
        .iter()
        .filter(|t| !matches!(t.tok, Tok::Eof))
        .map(|t| match column {
            None => token_term(t, start),
            Some(c) => with_column(token_term(t, start), t, c),
        })
        .collect();
    Ok(Term::tuple([Term::Atom(atoms::OK), Term::list(terms), end]))
}

/// A token annotated with `{Line, Column}` instead of its line (columns on the first line
/// count from `first_column`).
fn with_column(t: Term, tok: &Token, first_column: i64) -> Term {
    let Some(parts) = t.as_tuple() else { return t };
    let col = i64::from(tok.pos.col) + if tok.pos.line == 1 { first_column - 1 } else { 0 };
    let mut v = parts.to_vec();
    if let Some(anno) = v.get_mut(1) {
        *anno = Term::tuple([anno.clone(), Term::Int(col)]);
    }
    Term::tuple(v)
}

/// `erl_parse:parse_term(Tokens)`: `{ok, Term}` or `{error, {Line, erl_parse, Message}}`.
fn parse_term(tokens: &Term) -> BifResult {
    Ok(parse_tokens(term_tokens(tokens)?))
}

/// An erl_scan token list as lexer tokens (function_clause if it is none).
pub(super) fn term_tokens(tokens: &Term) -> Result<Vec<Token>, Exception> {
    let list = tokens.list_to_vec().ok_or_else(function_clause)?;
    list.iter().map(|t| term_token(t).ok_or_else(function_clause)).collect()
}

/// Tokens ready for the parser: without a full stop the input ends early (erl names the
/// last token's position). The last token's position, or None if there are no tokens.
pub(super) fn close_tokens(toks: &mut Vec<Token>) -> Option<Pos> {
    let last = toks.last().map(|t| t.pos)?;
    if !matches!(toks.last().map(|t| &t.tok), Some(Tok::Dot)) {
        toks.push(Token { tok: Tok::Eof, pos: last });
    }
    Some(last)
}

/// erl_parse's error for the parser's first diagnostic (or for the end of the input at
/// `last`), its position written by `at`.
pub(super) fn syntax_error(diags: &[crate::diagnostic::Diagnostic], last: Pos, at: impl Fn(Pos) -> Term) -> Term {
    let (pos, msg) = diags.first().map_or((last, String::new()), |d| (d.pos, d.message.clone()));
    let before = msg.strip_prefix("syntax error before: ").unwrap_or(&msg);
    parse_error_at(at(pos), before)
}

/// Parses one term from tokens (normally ending with a full stop).
fn parse_tokens(mut toks: Vec<Token>) -> Term {
    let Some(last) = close_tokens(&mut toks) else { return parse_error(0, "") };
    let mut d = Vec::new();
    match parse_exprs("", toks, &mut d) {
        Some(exprs) => match exprs.as_slice() {
            [e] => match literal(e) {
                Some(v) => Term::tuple([Term::Atom(atoms::OK), v]),
                None => bad_term(e.pos().line),
            },
            // erl names the second expression.
            [_, e, ..] => bad_term(e.pos().line),
            [] => parse_error(last.line, ""),
        },
        None => syntax_error(&d, last, |p| Term::Int(i64::from(p.line))),
    }
}

fn function_clause() -> Exception {
    Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))
}

fn error(reason: Term) -> Term {
    Term::tuple([Term::Atom(atoms::ERROR), reason])
}

/// Is `t` a list, possibly nested, of Unicode code points?
fn deep_chars(t: &Term) -> bool {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        if !matches!(t, Term::Nil | Term::Cons(_)) {
            return false;
        }
        let mut it = t.iter_list();
        for e in &mut it {
            match e {
                Term::Int(c) if u32::try_from(*c).ok().and_then(char::from_u32).is_some() => {}
                Term::Nil | Term::Cons(_) => stack.push(e),
                _ => return false,
            }
        }
        if !matches!(it.tail(), Term::Nil) {
            return false;
        }
    }
    true
}

fn bad_term(line: u32) -> Term {
    error(Term::tuple([Term::Int(line as i64), Term::atom("erl_parse"), Term::string("bad term")]))
}

pub(super) fn parse_error(line: u32, before: &str) -> Term {
    parse_error_at(Term::Int(line as i64), before)
}

/// A parse error at a location (a line, or `{Line, Column}`).
pub(super) fn parse_error_at(location: Term, before: &str) -> Term {
    error(Term::tuple([
        location,
        Term::atom("erl_parse"),
        Term::list(vec![Term::string("syntax error before: "), Term::string(before)]),
    ]))
}

/// `file:consult/1` on a file's bytes (UTF-8, or Latin-1 if they are not UTF-8): every
/// term, each ended by a full stop, read as `io:read/2` reads them.
pub(super) fn consult(bytes: &[u8]) -> Term {
    let text: Vec<char> = match std::str::from_utf8(bytes) {
        Ok(s) => s.chars().collect(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    let mut terms = Vec::new();
    let (mut at, mut line) = (0, 1);
    loop {
        let Scan::Done(result, used) = scan_term(&text[at..], line, true) else { break };
        at += used;
        match result.as_tuple() {
            Some([tag, toks, end]) if tag.is_atom(atoms::OK) => {
                let parsed = match toks.list_to_vec().map(|l| l.iter().map(term_token).collect::<Option<Vec<_>>>()) {
                    Some(Some(toks)) => parse_tokens(toks),
                    _ => parse_error(0, ""),
                };
                match parsed.as_tuple() {
                    Some([tag, v]) if tag.is_atom(atoms::OK) => terms.push(v.clone()),
                    _ => return parsed,
                }
                line = end.as_int().unwrap_or(line);
            }
            Some([tag, info, _]) if tag.is_atom(atoms::ERROR) => return error(info.clone()),
            _ => break,
        }
    }
    Term::tuple([Term::Atom(atoms::OK), Term::list(terms)])
}

/// The value of a literal term expression (what `erl_parse:parse_term/1` accepts).
pub(super) fn literal(e: &Expr) -> Option<Term> {
    match e {
        Expr::UnOp(_, op @ (UnOp::Neg | UnOp::Plus), x) => {
            let v = literal(x)?;
            match (op, v) {
                (UnOp::Plus, v) if v.is_number() => Some(v),
                (_, Term::Float(f)) => Some(Term::float(-f.get())),
                (_, v) if v.is_integer() => Some(Term::from_bigint(-v.as_bigint()?)),
                _ => None,
            }
        }
        Expr::Tuple(_, es) => Some(Term::tuple(es.iter().map(literal).collect::<Option<Vec<_>>>()?)),
        Expr::Cons(..) => {
            let mut elems = Vec::new();
            let mut cur = e;
            while let Expr::Cons(_, h, t) = cur {
                elems.push(literal(h)?);
                cur = t;
            }
            Some(Term::list_with_tail(elems, literal(cur)?))
        }
        Expr::Map(_, fields) if fields.iter().all(|f| !f.exact) => {
            let mut m = Map::new();
            for f in fields {
                m.insert(literal(&f.key)?, literal(&f.value)?);
            }
            Some(Term::Map(m))
        }
        Expr::Bin(_, elems) => binary(elems),
        other => crate::compile::const_term(other),
    }
}

/// A binary of literal segments: strings and integers, with an optional literal size.
fn binary(elems: &[BinElem]) -> Option<Term> {
    let mut w = BitWriter::new();
    for el in elems {
        let utf8 = el.specs.iter().any(|(s, _)| s == "utf8");
        if el.specs.iter().any(|(s, _)| !matches!(s.as_str(), "utf8" | "integer" | "big" | "unsigned" | "signed")) {
            return None;
        }
        let size = match &el.size {
            None => 8,
            Some(s) => literal(s)?.as_int().filter(|n| (1..=64).contains(n))? as usize,
        };
        match &el.value {
            Expr::Str(_, s) if utf8 => w.push_bytes(s.as_bytes()),
            Expr::Str(_, s) => s.chars().for_each(|c| w.push_bits(c as u64 & mask(size), size)),
            other => {
                let v = literal(other)?.as_int()?;
                if utf8 {
                    let c = u32::try_from(v).ok().and_then(char::from_u32)?;
                    let mut buf = [0u8; 4];
                    w.push_bytes(c.encode_utf8(&mut buf).as_bytes());
                } else {
                    w.push_bits(v as u64 & mask(size), size);
                }
            }
        }
    }
    Some(Term::Bits(Arc::new(w.finish())))
}

fn mask(bits: usize) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn done(s: &str, eof: bool) -> (String, usize) {
        match scan_term(&chars(s), 1, eof) {
            Scan::Done(t, used) => (t.to_string(), used),
            Scan::More => ("more".to_owned(), 0),
        }
    }

    #[test]
    fn consult_reads_literal_terms() {
        let t = consult(b"{a, -1}.\n[<<\"x\">>, 2.5, #{k => v}].\n");
        assert_eq!(t.to_string(), "{ok,[{a,-1},[<<\"x\">>,2.5,#{k => v}]]}");
        let bad = consult(b"f(x).\n");
        assert_eq!(bad.to_string(), bad_term(1).to_string());
        let open = consult(b"{a, 1}");
        assert_eq!(open.to_string(), parse_error(1, "").to_string());
    }

    #[test]
    fn a_term_ends_at_a_full_stop_and_the_white_space_after_it() {
        assert_eq!(done("a. b", false), ("{ok,[{atom,1,a},{dot,1}],1}".to_owned(), 3));
        assert_eq!(done("a.\nb", false), ("{ok,[{atom,1,a},{dot,1}],2}".to_owned(), 3));
        assert_eq!(done("a.%c\n", false).1, 2);
        assert_eq!(done("\"x. y\". ", false).1, 8);
    }

    #[test]
    fn a_term_without_its_full_stop_waits_for_more() {
        assert_eq!(done("{a, ", false).0, "more");
        assert_eq!(done("1.", false).0, "more");
        assert_eq!(done("\"a. b", false).0, "more");
        assert_eq!(done("1.", true).0, "{ok,[{integer,1,1},{dot,1}],1}");
        assert_eq!(done("  1\n\n", true).0, "{ok,[{integer,1,1}],3}");
        assert_eq!(done(" %c\n", true).0, "{eof,2}");
    }

    #[test]
    fn scan_errors_are_erl_scan_descriptors() {
        assert_eq!(done("\"abc", true).0, "{error,{1,erl_scan,{string,34,[97,98,99]}},1}");
        assert_eq!(done("$", true).0, "{error,{1,erl_scan,char},1}");
    }

    #[test]
    fn tokens_go_back_and_forth() {
        let src = "{a, \"b\", X, 1.5, $c, fun, <<>>, #{}, 'q r'} =:= ok.";
        let mut d = Vec::new();
        for t in lex("", src, &mut d) {
            if matches!(t.tok, Tok::Eof) {
                continue;
            }
            let back = term_token(&token_term(&t, 1));
            assert_eq!(back.map(|b| b.tok), Some(t.tok));
        }
    }

    #[test]
    fn parse_term_takes_literals_only() {
        let parse = |s: &str| {
            let mut d = Vec::new();
            let toks: Vec<Token> = lex("", s, &mut d).into_iter().filter(|t| !matches!(t.tok, Tok::Eof)).collect();
            parse_tokens(toks).to_string()
        };
        assert_eq!(parse("{a, [1|2], -5}."), "{ok,{a,[1|2],-5}}");
        assert_eq!(parse("X."), bad_term(1).to_string());
        assert_eq!(parse("a b."), parse_error(1, "b").to_string());
        assert_eq!(parse("a"), parse_error(1, "").to_string());
        assert_eq!(parse(""), parse_error(0, "").to_string());
    }
}
