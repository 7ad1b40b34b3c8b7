//! The lexer: source text to tokens, as erl_scan does it.
//!
//! It never fails outright: a bad character or an unterminated literal becomes a
//! diagnostic, and lexing goes on after it. It knows nothing of macros or forms.

use super::token::{Pos, Tok, Token, KEYWORDS, SYMBOLS};
use crate::diagnostic::Diagnostic;
use num_bigint::BigInt;
use num_traits::Num;

/// Splits `src` into tokens, ending with `Tok::Eof`; problems go to `diags`.
pub fn lex(file: &str, src: &str, diags: &mut Vec<Diagnostic>) -> Vec<Token> {
    let mut lx = Lexer { file, chars: src.chars().collect(), i: 0, line: 1, col: 1, out: Vec::new(), diags };
    lx.run();
    lx.out
}

struct Lexer<'a> {
    file: &'a str,
    chars: Vec<char>,
    i: usize,
    line: u32,
    col: u32,
    out: Vec<Token>,
    diags: &'a mut Vec<Diagnostic>,
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '@'
}

impl Lexer<'_> {
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.get(self.i).copied()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos::new(self.line, self.col)
    }

    fn error(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.file, pos, msg));
    }

    fn push(&mut self, tok: Tok, pos: Pos) {
        self.out.push(Token { tok, pos });
    }

    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            let pos = self.pos();
            if c == '%' {
                while let Some(c) = self.peek(0) {
                    if c == '\n' {
                        break;
                    }
                    self.bump();
                }
            } else if c.is_whitespace() {
                self.bump();
            } else if c.is_ascii_digit() {
                self.number(pos);
            } else if c == '_' || c.is_uppercase() {
                let s = self.ident();
                self.push(Tok::Var(s), pos);
            } else if c.is_alphabetic() {
                let s = self.ident();
                match KEYWORDS.iter().find(|k| **k == s) {
                    Some(k) => self.push(Tok::Sym(k), pos),
                    None => self.push(Tok::Atom(s), pos),
                }
            } else if c == '\'' {
                self.bump();
                match self.quoted('\'', pos, "atom") {
                    Some(s) => {
                        if s.chars().count() > crate::term::MAX_ATOM_CHARS {
                            self.error(pos, "atom too long");
                        }
                        self.push(Tok::Atom(s), pos);
                    }
                    None => self.push(Tok::Bad(None), pos),
                }
            } else if c == '"' {
                self.bump();
                match self.quoted('"', pos, "string") {
                    Some(s) => self.push(Tok::Str(s), pos),
                    None => self.push(Tok::Bad(None), pos),
                }
            } else if c == '$' {
                self.bump();
                match self.peek(0) {
                    None => self.error(pos, "unterminated character"),
                    Some('\\') => {
                        self.bump();
                        if let Some(v) = self.escape(pos) {
                            self.push(Tok::Char(v), pos);
                        }
                    }
                    Some(_) => {
                        let ch = self.bump().unwrap_or(' ');
                        self.push(Tok::Char(ch as u32), pos);
                    }
                }
            } else if c == '.' && self.peek(1).is_none_or(|n| n.is_whitespace() || n == '%') {
                self.bump();
                self.push(Tok::Dot, pos);
            } else {
                let rest: String = self.chars[self.i..(self.i + 3).min(self.chars.len())].iter().collect();
                match SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
                    Some(s) => {
                        for _ in 0..s.chars().count() {
                            self.bump();
                        }
                        self.push(Tok::Sym(s), pos);
                    }
                    None => {
                        self.bump();
                        self.push(Tok::Bad(Some(c)), pos);
                    }
                }
            }
        }
        let pos = self.pos();
        self.push(Tok::Eof, pos);
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek(0) {
            if !is_ident_char(c) {
                break;
            }
            s.push(c);
            self.bump();
        }
        s
    }

    /// Digits in `radix`, with `_` allowed between digits.
    fn digits(&mut self, radix: u32) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek(0) {
            if c.is_digit(radix) {
                s.push(c);
                self.bump();
            } else if c == '_' && !s.is_empty() && self.peek(1).is_some_and(|d| d.is_digit(radix)) {
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    fn number(&mut self, pos: Pos) {
        let int_part = self.digits(10);
        if self.peek(0) == Some('#') {
            let radix: u32 = int_part.parse().unwrap_or(0);
            if !(2..=36).contains(&radix) {
                self.bump();
                self.error(pos, format!("illegal base '{int_part}'"));
                return;
            }
            self.bump();
            let ds = self.digits(radix);
            if ds.is_empty() {
                self.error(pos, "illegal integer");
                return;
            }
            let v = BigInt::from_str_radix(&ds, radix).unwrap_or_default();
            self.push(Tok::Int(v), pos);
            return;
        }
        if self.peek(0) == Some('.') && self.peek(1).is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            let frac = self.digits(10);
            let mut text = format!("{int_part}.{frac}");
            if matches!(self.peek(0), Some('e' | 'E')) {
                let sign = self.peek(1);
                let (skip, ok) = match sign {
                    Some('+' | '-') => (2, self.peek(2).is_some_and(|c| c.is_ascii_digit())),
                    Some(c) => (1, c.is_ascii_digit()),
                    None => (1, false),
                };
                if ok {
                    text.push('e');
                    self.bump();
                    if skip == 2 {
                        text.push(self.bump().unwrap_or('+'));
                    }
                    text.push_str(&self.digits(10));
                }
            }
            match text.parse::<f64>() {
                Ok(f) if f.is_finite() => self.push(Tok::Float(f), pos),
                _ => self.error(pos, "illegal float"),
            }
            return;
        }
        let v = BigInt::from_str_radix(&int_part, 10).unwrap_or_default();
        self.push(Tok::Int(v), pos);
    }

    /// Reads a quoted atom or string after its opening quote.
    fn quoted(&mut self, q: char, start: Pos, what: &str) -> Option<String> {
        let mut s = String::new();
        loop {
            match self.peek(0) {
                None => {
                    let mut shown = String::new();
                    for c in s.chars().take(16) {
                        crate::term::print::push_escaped(&mut shown, c, q);
                    }
                    let more = if s.chars().count() > 16 { "..." } else { "" };
                    self.error(start, format!("unterminated {what} starting with {q}{shown}{more}{q}"));
                    return None;
                }
                Some(c) if c == q => {
                    self.bump();
                    return Some(s);
                }
                Some('\\') => {
                    let epos = self.pos();
                    self.bump();
                    if let Some(v) = self.escape(epos) {
                        s.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                    }
                }
                Some(c) => {
                    s.push(c);
                    self.bump();
                }
            }
        }
    }

    /// Reads an escape sequence after its backslash.
    fn escape(&mut self, pos: Pos) -> Option<u32> {
        let c = match self.bump() {
            Some(c) => c,
            None => {
                self.error(pos, "unterminated character");
                return None;
            }
        };
        let v = match c {
            'b' => 8,
            'd' => 127,
            'e' => 27,
            'f' => 12,
            'n' => 10,
            'r' => 13,
            's' => 32,
            't' => 9,
            'v' => 11,
            '0'..='7' => {
                let mut v = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.peek(0).and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.bump();
                        }
                        None => break,
                    }
                }
                v
            }
            'x' => {
                if self.peek(0) == Some('{') {
                    self.bump();
                    let ds = self.digits(16);
                    if self.peek(0) != Some('}') {
                        self.error(pos, "illegal character");
                        return None;
                    }
                    self.bump();
                    match u32::from_str_radix(&ds, 16).ok().filter(|v| char::from_u32(*v).is_some()) {
                        Some(v) => v,
                        None => {
                            self.error(pos, "illegal character");
                            return None;
                        }
                    }
                } else {
                    let mut v = 0;
                    for _ in 0..2 {
                        match self.peek(0).and_then(|d| d.to_digit(16)) {
                            Some(d) => {
                                v = v * 16 + d;
                                self.bump();
                            }
                            None => {
                                self.error(pos, "illegal character");
                                return None;
                            }
                        }
                    }
                    v
                }
            }
            '^' => match self.bump() {
                Some(c) => (c as u32) & 31,
                None => {
                    self.error(pos, "unterminated character");
                    return None;
                }
            },
            other => other as u32,
        };
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        let mut d = Vec::new();
        let t = lex("t.erl", src, &mut d);
        assert!(d.is_empty(), "{d:?}");
        t.into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn numbers_in_every_notation() {
        let t = toks("2#101 16#ff 1_000 1.0e-5 $a $\\n $\\x{41} 36#Zz");
        assert_eq!(t[0], Tok::Int(5.into()));
        assert_eq!(t[1], Tok::Int(255.into()));
        assert_eq!(t[2], Tok::Int(1000.into()));
        assert_eq!(t[3], Tok::Float(1.0e-5));
        assert_eq!(t[4], Tok::Char(97));
        assert_eq!(t[5], Tok::Char(10));
        assert_eq!(t[6], Tok::Char(65));
        assert_eq!(t[7], Tok::Int((35 * 36 + 35).into()));
    }

    #[test]
    fn strings_atoms_and_symbols() {
        let t = toks("'a b' \"x\\ty\" =:= X _ foo. ");
        assert_eq!(t[0], Tok::Atom("a b".into()));
        assert_eq!(t[1], Tok::Str("x\ty".into()));
        assert_eq!(t[2], Tok::Sym("=:="));
        assert_eq!(t[3], Tok::Var("X".into()));
        assert_eq!(t[4], Tok::Var("_".into()));
        assert_eq!(t[6], Tok::Dot);
    }

    #[test]
    fn unterminated_strings_are_reported_where_they_start() {
        let mut d = Vec::new();
        lex("t.erl", "a.\nfoo() -> \"abc", &mut d);
        assert_eq!(d[0].to_string(), "t.erl:2:10: unterminated string starting with \"abc\"");
    }
}
