//! Printing terms as `io_lib:write/1` (`~w`) does, and the pieces other printers share:
//! atom quoting, shortest float text, string escaping.
//!
//! The pretty printer (`~p`) and the format directives live in `format.rs`; this file
//! only writes the one-line canonical form.

use super::{Bitstring, FunKind, Term};
use std::fmt::Write;

const RESERVED: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond", "div",
    "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor",
];

/// Does `name` need single quotes to read back as an atom?
pub fn atom_needs_quotes(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if is_lower(c) => {}
        _ => return true,
    }
    if !name.chars().all(|c| is_alnum(c) || c == '_' || c == '@') {
        return true;
    }
    RESERVED.contains(&name)
}

fn is_lower(c: char) -> bool {
    c.is_ascii_lowercase() || (('\u{df}'..='\u{ff}').contains(&c) && c != '\u{f7}')
}

fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || (('\u{c0}'..='\u{ff}').contains(&c) && c != '\u{d7}' && c != '\u{f7}')
}

/// The atom as Erlang source writes it, quoted when needed.
pub fn quote_atom(name: &str) -> String {
    if atom_needs_quotes(name) {
        let mut s = String::with_capacity(name.len() + 2);
        s.push('\'');
        for c in name.chars() {
            push_escaped(&mut s, c, '\'');
        }
        s.push('\'');
        s
    } else {
        name.to_owned()
    }
}

/// Appends `c` as it appears inside a quoted atom or string delimited by `quote`.
pub fn push_escaped(s: &mut String, c: char, quote: char) {
    match c {
        '\\' => s.push_str("\\\\"),
        '\n' => s.push_str("\\n"),
        '\r' => s.push_str("\\r"),
        '\t' => s.push_str("\\t"),
        '\u{b}' => s.push_str("\\v"),
        '\u{8}' => s.push_str("\\b"),
        '\u{c}' => s.push_str("\\f"),
        '\u{1b}' => s.push_str("\\e"),
        '\u{7f}' => s.push_str("\\d"),
        c if c == quote => {
            s.push('\\');
            s.push(c);
        }
        c if (c as u32) < 32 => {
            let _ = write!(s, "\\^{}", ((c as u8) + 64) as char);
        }
        c => s.push(c),
    }
}

/// The shortest text that reads back as `f`, chosen as Erlang's `float_to_list(F, [short])`
/// chooses: the shorter of plain and scientific notation, plain when they tie, and always
/// scientific from 2^53 up.
pub fn float_short(f: f64) -> String {
    let sci = format!("{:e}", f);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    let scientific = {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        format!("{sign}{first}.{rest}e{exp}")
    };
    let plain = {
        let n = digits.len() as i32;
        let point = exp + 1; // digits before the decimal point
        if point <= 0 {
            format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
        } else if point >= n {
            format!("{sign}{digits}{}.0", "0".repeat((point - n) as usize))
        } else {
            let (a, b) = digits.split_at(point as usize);
            format!("{sign}{a}.{b}")
        }
    };
    if scientific.len() < plain.len() || f.abs() >= 9007199254740992.0 {
        scientific
    } else {
        plain
    }
}

/// Writes a term as `~w` does.
pub fn write_term(t: &Term) -> String {
    let mut s = String::new();
    write_into(&mut s, t);
    s
}

/// Appends the `~w` form of `t` to `s`.
pub fn write_into(s: &mut String, t: &Term) {
    match t {
        Term::Int(i) => {
            let _ = write!(s, "{i}");
        }
        Term::Big(b) => {
            let _ = write!(s, "{b}");
        }
        Term::Float(f) => s.push_str(&float_short(f.get())),
        Term::Atom(a) => s.push_str(&quote_atom(a.as_str())),
        Term::Nil => s.push_str("[]"),
        Term::Cons(_) => {
            s.push('[');
            let mut it = t.iter_list();
            let mut first = true;
            for e in it.by_ref() {
                if !first {
                    s.push(',');
                }
                first = false;
                write_into(s, e);
            }
            if !matches!(it.tail(), Term::Nil) {
                s.push('|');
                write_into(s, it.tail());
            }
            s.push(']');
        }
        Term::Tuple(x) => {
            s.push('{');
            for (i, e) in x.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                write_into(s, e);
            }
            s.push('}');
        }
        Term::Map(m) => {
            s.push_str("#{");
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                write_into(s, k);
                s.push_str(" => ");
                write_into(s, v);
            }
            s.push('}');
        }
        Term::Bits(b) => write_bits(s, b),
        Term::Fun(f) => match &f.kind {
            FunKind::Export { function, arity } => {
                let _ = write!(s, "fun {}:{}/{}", quote_atom(f.module.as_str()), quote_atom(function.as_str()), arity);
            }
            FunKind::Local { index, uniq, .. } => {
                let _ = write!(s, "#Fun<{}.{}.{}>", f.module.as_str(), index, uniq);
            }
            FunKind::Foreign(x) => {
                let _ = write!(s, "#Fun<{}.{}.{}>", f.module.as_str(), x.index, x.uniq);
            }
        },
        Term::Pid(p) => {
            let (node, id, serial) = p.parts();
            let _ = write!(s, "<{node}.{id}.{serial}>");
        }
        Term::Ref(r) => match r.as_external() {
            None => {
                let _ = write!(s, "#Ref<0.{}.{}.{}>", (r.0 >> 40) & 0xffff_ffff, (r.0 >> 20) & 0xfffff, r.0 & 0xfffff);
            }
            Some(e) => {
                let _ = write!(s, "#Ref<{}", super::external::node_number(e.node));
                for w in e.words().iter().rev() {
                    let _ = write!(s, ".{w}");
                }
                s.push('>');
            }
        },
    }
}

/// Is every byte a printable Latin-1 character (as `io_lib:printable_latin1_list`)?
pub fn printable_latin1(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| matches!(b, 32..=126 | 160..=255 | 8..=13 | 27))
}

/// Writes a bitstring as `<<...>>`, as a string literal when it is printable text.
pub fn write_bits(s: &mut String, b: &Bitstring) {
    let bytes = b.to_bytes();
    let whole = b.bit_len() / 8;
    let rest = b.bit_len() % 8;
    s.push_str("<<");
    if rest == 0 && whole > 0 && printable_latin1(&bytes) {
        s.push('"');
        for &c in bytes.iter() {
            push_escaped(s, c as char, '"');
        }
        s.push('"');
    } else {
        for (i, &c) in bytes[..whole].iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let _ = write!(s, "{c}");
        }
        if rest > 0 {
            if whole > 0 {
                s.push(',');
            }
            let _ = write!(s, "{}:{}", b.read_bits(whole * 8, rest), rest);
        }
    }
    s.push_str(">>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::approx_constant, reason = "3.14 is a datum to print, not pi")]
    fn floats_print_in_their_shortest_form() {
        for (f, text) in [
            (1000.0, "1.0e3"),
            (100.0, "100.0"),
            (0.0001, "0.0001"),
            (1.0e-10, "1.0e-10"),
            (12345678.9, "12345678.9"),
            (-0.0, "-0.0"),
            (5.0e-324, "5.0e-324"),
            (3.14, "3.14"),
            (0.0025, "0.0025"),
        ] {
            assert_eq!(float_short(f), text);
        }
    }

    #[test]
    fn atoms_are_quoted_when_needed() {
        assert_eq!(quote_atom("hello"), "hello");
        assert_eq!(quote_atom("Hello"), "'Hello'");
        assert_eq!(quote_atom("a b"), "'a b'");
        assert_eq!(quote_atom("[]"), "'[]'");
        assert_eq!(quote_atom("case"), "'case'");
        assert_eq!(quote_atom("a@b"), "a@b");
        assert_eq!(quote_atom("it's"), "'it\\'s'");
    }

    #[test]
    fn terms_write_as_erlang_does() {
        let t = Term::tuple([
            Term::list_with_tail(vec![Term::Int(1)], Term::Int(2)),
            Term::string("ab"),
            Term::binary(b"hi".to_vec()),
            Term::binary(vec![1, 2]),
        ]);
        assert_eq!(write_term(&t), "{[1|2],[97,98],<<\"hi\">>,<<1,2>>}");
    }
}
