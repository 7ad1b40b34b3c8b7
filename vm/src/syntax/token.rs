//! Tokens: what the lexer produces and the preprocessor and parser consume.

use num_bigint::BigInt;

/// A position in a source file: 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Pos {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1 (a tab counts as one column, as in erl_scan).
    pub col: u32,
}

impl Pos {
    /// A position.
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An atom, quoted or not.
    Atom(String),
    /// A variable (including `_` and `_Name`).
    Var(String),
    /// An integer literal (including `$c` character literals).
    Int(BigInt),
    /// A character literal `$c`: an integer that remembers it was written as a character.
    Char(u32),
    /// A float literal.
    Float(f64),
    /// A string literal.
    Str(String),
    /// A punctuation mark, an operator or a reserved word.
    Sym(&'static str),
    /// The full stop that ends a form.
    Dot,
    /// The end of the input.
    Eof,
    /// Something the lexer or preprocessor could not make sense of: an illegal character
    /// (the parser reports it as a syntax error), or `None` where an error was already
    /// reported (the parser drops the form silently).
    Bad(Option<char>),
}

/// A token with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Where it starts.
    pub pos: Pos,
}

impl Token {
    /// Is this the symbol `s`?
    pub fn is(&self, s: &str) -> bool {
        matches!(&self.tok, Tok::Sym(x) if *x == s)
    }

    /// The token as it would be written in source, for messages and `??Arg`.
    pub fn text(&self) -> String {
        match &self.tok {
            Tok::Atom(a) => crate::term::print::quote_atom(a),
            Tok::Var(v) => v.clone(),
            Tok::Int(i) => i.to_string(),
            Tok::Char(c) => {
                let mut s = String::from("$");
                match char::from_u32(*c) {
                    // erl writes a space character as `$\s`.
                    Some(' ') => s.push_str("\\s"),
                    Some(ch) => crate::term::print::push_escaped(&mut s, ch, '\0'),
                    None => s.push('?'),
                }
                s
            }
            Tok::Float(f) => crate::term::print::float_short(*f),
            Tok::Str(s) => {
                let mut out = String::from("\"");
                for c in s.chars() {
                    crate::term::print::push_escaped(&mut out, c, '"');
                }
                out.push('"');
                out
            }
            Tok::Sym(s) => (*s).to_owned(),
            Tok::Dot => ".".to_owned(),
            Tok::Eof => String::new(),
            Tok::Bad(c) => c.map(String::from).unwrap_or_default(),
        }
    }
}

/// Reserved words: they lex as `Tok::Sym`.
pub const KEYWORDS: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond", "div",
    "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor",
];

/// Punctuation and operators, longest first so the lexer can match greedily.
pub const SYMBOLS: &[&str] = &[
    "=:=", "=/=", "...", "<<", ">>", "<-", "<=", "->", "=>", ":=", "::", "||", "++", "--", "==", "/=", "=<", ">=",
    "??", "(", ")", "[", "]", "{", "}", ",", ";", ":", "|", "#", "?", "!", "=", "<", ">", "+", "-", "*", "/", ".",
];
