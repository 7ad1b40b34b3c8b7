//! `io_lib:format/2`: parsing a format string's control sequences and producing the text of
//! every directive (`~p ~P ~w ~W ~s ~b ~B ~x ~X ~# ~+ ~c ~e ~f ~g ~i ~n ~~`), with field
//! width, precision, pad character, left adjustment, `*` arguments and the `t` and `l`
//! modifiers, as OTP 25 does.
//!
//! The pretty printer behind `~p` and `~P` lives in `pretty.rs`; this module owns the
//! directive layer, the `~w`/`~W` writer (`io_lib:write/2`, which differs from the plain
//! printer in `print.rs`: binaries are written as bytes, atoms escape control characters in
//! octal and may be written as Latin-1), and the float and integer formatting.
//!
//! What it does not do: the `chars_limit` option of `io_lib:format/3`, the printable range
//! switch `+pc unicode` (the Latin-1 range, erl's default, is always used to detect
//! strings), and record printing (records are plain tuples here). Where erl would build
//! something unbounded, ember stops: field widths and repetition counts above
//! [`MAX_FIELD`] characters are refused with an error, and terms nested more than
//! `MAX_NESTING` levels deep print `...` below that level. Printing recurses once per
//! level of nesting, so a deeply nested term is printed on a scoped thread with a stack
//! sized for it rather than on the caller's. Maps print in ember's map order, which is
//! erl's for maps of up to 32 keys.

use super::print::atom_needs_quotes;
use super::{pretty, Bitstring, Term};
use num_bigint::BigInt;
use num_traits::Signed;
use std::fmt::Write;

/// Why a format call failed; the caller raises `badarg` (io:format) or the appropriate error.
#[derive(Debug)]
pub struct FormatError;

type Res<T> = Result<T, FormatError>;

/// The largest field width, precision or repetition count accepted, in characters. Erlang
/// would try to build any size; ember refuses sizes that only a mistake can ask for.
pub const MAX_FIELD: i64 = 1 << 24;

/// How deeply nested a term may be before the writers stop descending and print `...`.
/// Printing recurses once per level of nesting, so a term nested more deeply than
/// [`SHALLOW_NESTING`] is printed on a thread of its own with a stack sized for it.
pub(crate) const MAX_NESTING: usize = 10_000;

/// Nesting up to this depth is printed on the caller's stack.
const SHALLOW_NESTING: usize = 100;

/// The stack a deeply nested term is printed with: a base plus an allowance per level.
const STACK_BASE: usize = 1 << 20;
const STACK_PER_LEVEL: usize = 8 << 10;

/// `io_lib:format(Format, Args)`: `format` is the format string's characters, `args` the
/// argument list's elements. Returns the characters produced (a String, chars may be > 255).
pub fn format(format: &str, args: &[Term]) -> Result<String, FormatError> {
    let mut chars = format.chars().peekable();
    let mut args = args.iter();
    let mut out = Output::default();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        let spec = parse_spec(&mut chars, &mut args)?;
        let text = control(&spec, &mut args, out.column)?;
        out.push_str(&text);
    }
    if args.next().is_some() {
        return Err(FormatError);
    }
    Ok(out.text)
}

/// A piece of `io_lib:format`'s result: a literal character of the format string, or the
/// text one control sequence produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A character copied from the format string.
    Char(char),
    /// The output of one control sequence.
    Text(String),
}

/// `io_lib:format(Format, Args)` as the deep list erl returns: literal characters stay
/// single characters, each control sequence's output is a sublist.
pub fn format_pieces(format: &str, args: &[Term]) -> Result<Vec<Piece>, FormatError> {
    let mut chars = format.chars().peekable();
    let mut args = args.iter();
    let mut out = Output::default();
    let mut pieces = Vec::new();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            pieces.push(Piece::Char(c));
            continue;
        }
        let spec = parse_spec(&mut chars, &mut args)?;
        let text = control(&spec, &mut args, out.column)?;
        out.push_str(&text);
        // `~n`, `~~` and a single `~c` are plain characters in erl's result, not sublists.
        let mut it = text.chars();
        match (spec.control, it.next(), it.next()) {
            ('n' | '~' | 'c', Some(ch), None) => pieces.push(Piece::Char(ch)),
            _ => pieces.push(Piece::Text(text)),
        }
    }
    if args.next().is_some() {
        return Err(FormatError);
    }
    Ok(pieces)
}

/// `~p` of a term at the given column with line length 80 and no depth limit (used by the shell and error printing).
///
/// `column` is the 1-based column of the term's first character (what `io_lib:format`
/// passes for a `~p` at the start of a line is 1; 0 counts as 1); continuation lines are
/// indented by `column - 1` spaces plus the term's own indentation. The term is printed as `~tp` prints it: atoms keep their Unicode characters,
/// and strings are detected in the Latin-1 printable range, as erl does by default.
/// A `depth` of `None` means no limit; `Some(n)` prints as `~tP` with depth `n`.
pub fn pretty(term: &Term, column: usize, line_length: usize, depth: Option<usize>) -> String {
    let depth = match depth {
        Some(d) => i64::try_from(d).unwrap_or(-1),
        None => -1,
    };
    let column = i64::try_from(column).unwrap_or(i64::MAX / 4);
    let line_length = i64::try_from(line_length).unwrap_or(i64::MAX / 4);
    let options = pretty::Options { column, line_length, depth, unicode: true, strings: true };
    with_stack_for(term, |budget| pretty::print(term, &options, budget))
}

/// The text produced so far, and the column the next character will land in, counted as
/// `io_lib_format` counts it: a newline returns to 0 and a tab moves to the next multiple
/// of eight.
#[derive(Default)]
struct Output {
    text: String,
    column: i64,
}

impl Output {
    fn push(&mut self, c: char) {
        self.text.push(c);
        self.column = advance_column(self.column, c);
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push(c);
        }
    }
}

fn advance_column(column: i64, c: char) -> i64 {
    match c {
        '\n' => 0,
        '\t' => (column + 8) / 8 * 8,
        _ => column + 1,
    }
}

/// Which side of a field the text goes to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Adjust {
    Left,
    Right,
}

/// One parsed control sequence.
struct Spec {
    width: Option<i64>,
    adjust: Adjust,
    precision: Option<i64>,
    /// The pad character, or whatever term `~..*` took from the arguments (Erlang pastes
    /// that term in as it is, so a string pads with its characters).
    pad: Pad,
    unicode: bool,
    strings: bool,
    control: char,
}

/// The pad "character": usually a character, but `*` may supply any term.
#[derive(Clone)]
enum Pad {
    Char(char),
    Text(String),
    Invalid,
}

impl Pad {
    fn repeat(&self, n: i64) -> Res<String> {
        match self {
            Pad::Char(c) => repeat_char(*c, n),
            Pad::Text(s) => {
                let n = count(n)?;
                if (s.chars().count() as i64).saturating_mul(n as i64) > MAX_FIELD {
                    return Err(FormatError);
                }
                Ok(s.repeat(n))
            }
            Pad::Invalid if n == 0 => Ok(String::new()),
            Pad::Invalid => Err(FormatError),
        }
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;
type Args<'a> = std::slice::Iter<'a, Term>;

fn parse_spec(chars: &mut Chars<'_>, args: &mut Args<'_>) -> Res<Spec> {
    // Field width, with `-` for left adjustment; a negative width from `*` also means left.
    let (width, adjust) = if chars.peek() == Some(&'-') {
        chars.next();
        let v = field_value(chars, args)?.ok_or(FormatError)?;
        signed_width(v.checked_neg().ok_or(FormatError)?)
    } else {
        match field_value(chars, args)? {
            Some(v) => signed_width(v),
            None => (None, Adjust::Right),
        }
    };
    let precision = if chars.peek() == Some(&'.') {
        chars.next();
        field_value(chars, args)?
    } else {
        None
    };
    let pad = if chars.peek() == Some(&'.') {
        chars.next();
        match chars.next() {
            Some('*') => pad_from_term(args.next().ok_or(FormatError)?),
            Some(c) => Pad::Char(c),
            None => return Err(FormatError),
        }
    } else {
        Pad::Char(' ')
    };
    let mut unicode = false;
    let mut strings = true;
    loop {
        match chars.peek() {
            Some('t') => unicode = true,
            Some('l') => strings = false,
            _ => break,
        }
        chars.next();
    }
    let control = chars.next().ok_or(FormatError)?;
    Ok(Spec { width, adjust, precision, pad, unicode, strings, control })
}

fn signed_width(v: i64) -> (Option<i64>, Adjust) {
    if v < 0 {
        (Some(-v), Adjust::Left)
    } else {
        (Some(v), Adjust::Right)
    }
}

/// A width or precision: `*` takes an integer argument, digits give a number, anything
/// else means "not given".
fn field_value(chars: &mut Chars<'_>, args: &mut Args<'_>) -> Res<Option<i64>> {
    match chars.peek() {
        Some('*') => {
            chars.next();
            match args.next() {
                Some(Term::Int(i)) if *i > i64::MIN => Ok(Some(*i)),
                _ => Err(FormatError),
            }
        }
        Some(c) if c.is_ascii_digit() => {
            let mut v: i64 = 0;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                chars.next();
                v = v.checked_mul(10).and_then(|v| v.checked_add(d as i64)).ok_or(FormatError)?;
            }
            Ok(Some(v))
        }
        _ => Ok(None),
    }
}

fn pad_from_term(t: &Term) -> Pad {
    match t {
        Term::Int(i) => match u32::try_from(*i).ok().and_then(char::from_u32) {
            Some(c) => Pad::Char(c),
            None => Pad::Invalid,
        },
        _ => {
            let mut s = String::new();
            match chardata_to_chars(t, true, &mut s) {
                Ok(()) if t.is_list() => Pad::Text(s),
                _ => Pad::Invalid,
            }
        }
    }
}

fn next_arg<'a>(args: &mut Args<'a>) -> Res<&'a Term> {
    args.next().ok_or(FormatError)
}

/// Produces the text of one directive; `column` is the 0-based column it starts at.
fn control(spec: &Spec, args: &mut Args<'_>, column: i64) -> Res<String> {
    let (f, adj, p) = (spec.width, spec.adjust, spec.precision);
    let pad = &spec.pad;
    match spec.control {
        'p' => {
            let a = next_arg(args)?;
            print(a, -1, spec, column)
        }
        'P' => {
            let a = next_arg(args)?;
            let d = depth_arg(next_arg(args)?)?;
            print(a, d, spec, column)
        }
        'w' => {
            let a = next_arg(args)?;
            let text = with_stack_for(a, |budget| write_limited_term(a, -1, spec.unicode, budget));
            term(text, f, adj, p, pad)
        }
        'W' => {
            let a = next_arg(args)?;
            let d = depth_arg(next_arg(args)?)?;
            let text = with_stack_for(a, |budget| write_limited_term(a, d, spec.unicode, budget));
            term(text, f, adj, p, pad)
        }
        's' => {
            let a = next_arg(args)?;
            let mut s = String::new();
            match a {
                Term::Atom(atom) => {
                    let name = atom.as_str();
                    if !spec.unicode && name.chars().any(|c| c as u32 > 255) {
                        return Err(FormatError);
                    }
                    s.push_str(name);
                }
                _ => chardata_to_chars(a, spec.unicode, &mut s)?,
            }
            string(s, f, adj, p, pad)
        }
        'e' | 'f' | 'g' => {
            let x = match next_arg(args)? {
                Term::Float(x) => x.get(),
                _ => return Err(FormatError),
            };
            match spec.control {
                'e' => fwrite_e(x, f, adj, p, pad),
                'f' => fwrite_f(x, f, adj, p, pad),
                _ => fwrite_g(x, f, adj, p, pad),
            }
        }
        'b' | 'B' => {
            let n = integer_arg(next_arg(args)?)?;
            let lower = spec.control == 'b';
            prefixed_integer(&n, f, adj, base(p)?, pad, "", lower)
        }
        'x' | 'X' => {
            let n = integer_arg(next_arg(args)?)?;
            let prefix = match next_arg(args)? {
                Term::Atom(a) => a.as_str().to_owned(),
                other => deep_char_list(other)?,
            };
            let lower = spec.control == 'x';
            prefixed_integer(&n, f, adj, base(p)?, pad, &prefix, lower)
        }
        '+' | '#' => {
            let n = integer_arg(next_arg(args)?)?;
            let b = base(p)?;
            let prefix = format!("{b}#");
            prefixed_integer(&n, f, adj, b, pad, &prefix, spec.control == '+')
        }
        'c' => {
            // A code point that is not a character only matters if it is written: erl
            // accepts it when the count is zero.
            let c = match next_arg(args)? {
                Term::Int(i) if spec.unicode => u32::try_from(*i).ok().and_then(char::from_u32),
                Term::Int(i) => Some(char::from((*i & 255) as u8)),
                // Only the low byte of a big integer matters in Latin-1 mode.
                Term::Big(b) if !spec.unicode => {
                    let low = (&**b & BigInt::from(255u32)).to_u32_digits().1;
                    Some(char::from(low.first().copied().unwrap_or(0) as u8))
                }
                Term::Big(_) => None,
                _ => return Err(FormatError),
            };
            repeat_field(c, f, adj, p, pad)
        }
        '~' => repeat_field(Some('~'), f, adj, p, pad),
        'n' => match (f, adj) {
            (None, _) => Ok("\n".to_owned()),
            (Some(n), Adjust::Right) => repeat_char('\n', n),
            (Some(_), Adjust::Left) => Err(FormatError),
        },
        'i' => {
            next_arg(args)?;
            Ok(String::new())
        }
        _ => Err(FormatError),
    }
}

/// The depth argument of `~P` and `~W`: any integer; a negative one means no limit.
fn depth_arg(t: &Term) -> Res<i64> {
    match t {
        Term::Int(i) if *i < 0 => Ok(-1),
        Term::Int(i) => Ok(*i),
        Term::Big(b) if b.is_negative() => Ok(-1),
        Term::Big(_) => Ok(i64::MAX),
        _ => Err(FormatError),
    }
}

fn integer_arg(t: &Term) -> Res<BigInt> {
    t.as_bigint().ok_or(FormatError)
}

/// `~p`/`~P`: the field width is the line length (80 by default) and the precision is the
/// column the term starts in (by default the current column, 1-based).
fn print(t: &Term, depth: i64, spec: &Spec, column: i64) -> Res<String> {
    if spec.adjust == Adjust::Left {
        return Err(FormatError);
    }
    let options = pretty::Options {
        column: spec.precision.unwrap_or(column + 1),
        line_length: spec.width.unwrap_or(80),
        depth,
        unicode: spec.unicode,
        strings: spec.strings,
    };
    Ok(with_stack_for(t, |budget| pretty::print(t, &options, budget)))
}

/// How deeply `t` nests (through list elements, tuple elements and map entries), counted
/// no further than `limit`.
fn nesting(t: &Term, limit: usize) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(t, 1)];
    while let Some((t, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if deepest > limit {
            break;
        }
        let mut push = |e| push_compound(&mut stack, e, depth + 1);
        match t {
            Term::Cons(_) => {
                let mut it = t.iter_list();
                for e in it.by_ref() {
                    push(e);
                }
                push(it.tail());
            }
            Term::Tuple(elems) => elems.iter().for_each(push),
            Term::Map(m) => {
                for (k, v) in m.iter() {
                    push(k);
                    push(v);
                }
            }
            _ => {}
        }
    }
    deepest
}

fn push_compound<'a>(stack: &mut Vec<(&'a Term, usize)>, e: &'a Term, depth: usize) {
    if matches!(e, Term::Cons(_) | Term::Tuple(_) | Term::Map(_)) {
        stack.push((e, depth));
    }
}

/// Runs a printer of `t`, giving it the nesting budget it may descend to. A deeply nested
/// term is printed on a scoped thread whose stack is sized for its depth; should that
/// thread not start, the printer runs here with the shallow budget instead.
fn with_stack_for<R: Send>(t: &Term, run: impl Fn(usize) -> R + Sync) -> R {
    let depth = nesting(t, MAX_NESTING + 1);
    if depth <= SHALLOW_NESTING {
        return run(MAX_NESTING);
    }
    let size = STACK_BASE + depth.min(MAX_NESTING + 1) * STACK_PER_LEVEL;
    let run = &run;
    let deep = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(size)
            .spawn_scoped(scope, move || run(MAX_NESTING))
            .ok()
            .and_then(|handle| handle.join().ok())
    });
    match deep {
        Some(r) => r,
        None => run(SHALLOW_NESTING),
    }
}

fn count(n: i64) -> Res<usize> {
    if (0..=MAX_FIELD).contains(&n) {
        usize::try_from(n).map_err(|_| FormatError)
    } else {
        Err(FormatError)
    }
}

fn repeat_char(c: char, n: i64) -> Res<String> {
    Ok(std::iter::repeat_n(c, count(n)?).collect())
}

fn char_len(s: &str) -> i64 {
    s.chars().count() as i64
}

/// Puts `pad` on the side of `data` that `adjust` leaves free.
fn adjust(data: String, pad: String, adj: Adjust) -> String {
    match adj {
        Adjust::Left => data + &pad,
        Adjust::Right => pad + &data,
    }
}

/// A term's text in a field (`~w`, integers, floats): too long a text becomes stars.
fn term(t: String, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: &Pad) -> Res<String> {
    let f = match (f, p) {
        (None, None) => return Ok(t),
        (None, Some(p)) => p,
        (Some(f), _) => f,
    };
    let len = char_len(&t);
    let p = len.min(match p {
        None => f,
        Some(p) => p.min(f),
    });
    if len > p {
        Ok(adjust(repeat_char('*', p)?, pad.repeat(f - p)?, adj))
    } else {
        Ok(adjust(t, pad.repeat(f - len)?, adj))
    }
}

/// `~s`: the precision truncates or pads the text, the width places it in a field.
fn string(s: String, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: &Pad) -> Res<String> {
    match (f, p) {
        (None, None) => Ok(s),
        (Some(f), None) => string_field(s, f, adj, pad),
        (None, Some(p)) => string_field(s, p, Adjust::Left, pad),
        (Some(f), Some(p)) if f >= p => {
            let n = char_len(&s);
            if f > p {
                let body = if n > p { truncate(&s, p) } else { s + &pad.repeat(p - n)? };
                Ok(adjust(body, pad.repeat(f - p)?, adj))
            } else {
                string_field(s, f, adj, pad)
            }
        }
        _ => Err(FormatError),
    }
}

fn string_field(s: String, f: i64, adj: Adjust, pad: &Pad) -> Res<String> {
    let n = char_len(&s);
    if n > f {
        Ok(truncate(&s, f))
    } else {
        Ok(adjust(s, pad.repeat(f - n)?, adj))
    }
}

fn truncate(s: &str, n: i64) -> String {
    s.chars().take(usize::try_from(n).unwrap_or(0)).collect()
}

/// `~c` and `~~`: the width alone is a repetition count; with a precision, the precision
/// is the count and the width the field.
fn repeat_field(c: Option<char>, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: &Pad) -> Res<String> {
    let copies = |n: i64| match c {
        Some(c) => repeat_char(c, n),
        None if n == 0 => Ok(String::new()),
        None => Err(FormatError),
    };
    match (f, p) {
        (None, None) => copies(1),
        (Some(f), None) => copies(f),
        (None, Some(p)) => copies(p),
        (Some(f), Some(p)) if f >= p => Ok(adjust(copies(p)?, pad.repeat(f - p)?, adj)),
        _ => Err(FormatError),
    }
}

/// Flattens `~s`'s argument: an iolist (Latin-1) or chardata (`~ts`) of characters, lists
/// and binaries, possibly with a binary as an improper tail.
fn chardata_to_chars(t: &Term, unicode: bool, out: &mut String) -> Res<()> {
    if !matches!(t, Term::Nil | Term::Cons(_) | Term::Bits(_)) {
        return Err(FormatError);
    }
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            Term::Nil => {}
            Term::Int(i) => {
                let max = if unicode { i64::from(u32::MAX) } else { 255 };
                if !(0..=max).contains(i) {
                    return Err(FormatError);
                }
                out.push(u32::try_from(*i).ok().and_then(char::from_u32).ok_or(FormatError)?);
            }
            Term::Cons(cell) => {
                // The tail goes on the stack first so that the head is done first.
                stack.push(&cell.tail);
                stack.push(&cell.head);
            }
            Term::Bits(b) if b.is_binary() => {
                let bytes = b.to_bytes();
                match (unicode, std::str::from_utf8(&bytes)) {
                    (true, Ok(s)) => out.push_str(s),
                    _ => out.extend(bytes.iter().map(|&b| char::from(b))),
                }
            }
            _ => return Err(FormatError),
        }
    }
    Ok(())
}

/// The prefix of `~x`: a possibly deep list of characters.
fn deep_char_list(t: &Term) -> Res<String> {
    let mut stack = vec![t];
    let mut out = String::new();
    while let Some(t) = stack.pop() {
        match t {
            Term::Nil => {}
            Term::Cons(cell) => {
                match &cell.head {
                    Term::Int(i) => out.push(u32::try_from(*i).ok().and_then(char::from_u32).ok_or(FormatError)?),
                    h @ (Term::Nil | Term::Cons(_)) => {
                        stack.push(&cell.tail);
                        stack.push(h);
                        continue;
                    }
                    _ => return Err(FormatError),
                }
                stack.push(&cell.tail);
            }
            _ => return Err(FormatError),
        }
    }
    Ok(out)
}

/// The base given as a precision: 10 by default, 2 to 36 otherwise.
fn base(p: Option<i64>) -> Res<u32> {
    match p {
        None => Ok(10),
        Some(b) if (2..=36).contains(&b) => Ok(b as u32),
        Some(_) => Err(FormatError),
    }
}

/// An integer in `base` after `prefix` (and a minus sign before it), in a field.
fn prefixed_integer(
    n: &BigInt,
    f: Option<i64>,
    adj: Adjust,
    base: u32,
    pad: &Pad,
    prefix: &str,
    lower: bool,
) -> Res<String> {
    let digits = n.abs().to_str_radix(base);
    let digits = if lower { digits.to_ascii_lowercase() } else { digits.to_ascii_uppercase() };
    let sign = if n.is_negative() { "-" } else { "" };
    term(format!("{sign}{prefix}{digits}"), f, adj, None, pad)
}

/// The decimal digits of `|x|` as `float_to_list/1` gives them (21 significant digits,
/// exactly rounded) and the exponent that puts the decimal point before the first digit.
fn float_data(x: f64) -> (Vec<u8>, i64) {
    let text = format!("{:.20e}", x.abs());
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).map(|d| d - b'0').collect();
    (digits, exp.parse::<i64>().unwrap_or(0) + 1)
}

/// The digits of a mantissa with `int` digits before the point and `dec` after, rounded
/// half up on the next digit. Returns the text and whether rounding carried out of the
/// first digit (the digits are then all zeros).
fn float_man(digits: &[u8], int: usize, dec: usize) -> (String, bool) {
    let want = int + dec;
    let mut ds: Vec<u8> = (0..want).map(|i| digits.get(i).copied().unwrap_or(0)).collect();
    let mut carry = digits.get(want).is_some_and(|&d| d >= 5);
    for d in ds.iter_mut().rev() {
        if !carry {
            break;
        }
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            carry = false;
        }
    }
    let mut s = String::with_capacity(want + 1);
    for (i, d) in ds.iter().enumerate() {
        if i == int {
            s.push('.');
        }
        s.push(char::from(b'0' + d));
    }
    if int == want {
        s.push('.');
    }
    (s, carry)
}

fn float_exp(e: i64) -> String {
    if e >= 0 {
        format!("e+{e}")
    } else {
        format!("e{e}")
    }
}

fn float_sign(x: f64) -> &'static str {
    if x.is_sign_negative() {
        "-"
    } else {
        ""
    }
}

/// `x` in scientific notation with `p` significant digits.
fn float_e(x: f64, p: i64) -> Res<String> {
    let (digits, e) = float_data(x);
    let (mant, carry) = float_man(&digits, 1, count(p - 1)?);
    let body = if carry { format!("1{}{}", &mant[1..], float_exp(e)) } else { format!("{mant}{}", float_exp(e - 1)) };
    Ok(format!("{}{body}", float_sign(x)))
}

/// `x` in plain notation with `p` decimals.
fn float_f(x: f64, p: i64) -> Res<String> {
    let (mut digits, mut e) = float_data(x);
    if e <= 0 {
        let zeros = count(1 - e)?;
        let mut padded = vec![0; zeros];
        padded.extend_from_slice(&digits);
        digits = padded;
        e = 1;
    }
    let int = usize::try_from(e).map_err(|_| FormatError)?;
    let (mant, carry) = float_man(&digits, int, count(p)?);
    let body = if carry { format!("1{mant}") } else { mant };
    Ok(format!("{}{body}", float_sign(x)))
}

fn fwrite_e(x: f64, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: &Pad) -> Res<String> {
    let p = p.unwrap_or(6);
    if p < 2 {
        return Err(FormatError);
    }
    let s = float_e(x, p)?;
    match f {
        None => Ok(s),
        Some(_) => term(s, f, adj, f, pad),
    }
}

fn fwrite_f(x: f64, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: &Pad) -> Res<String> {
    let p = p.unwrap_or(6);
    if p < 1 {
        return Err(FormatError);
    }
    let s = float_f(x, p)?;
    match f {
        None => Ok(s),
        Some(_) => term(s, f, adj, f, pad),
    }
}

/// `~g`: plain notation for magnitudes from 0.1 up to 10000 when the precision allows it,
/// scientific notation otherwise.
fn fwrite_g(x: f64, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: &Pad) -> Res<String> {
    let p = p.unwrap_or(6);
    if p < 1 {
        return Err(FormatError);
    }
    let a = x.abs();
    let e: Option<i64> = if a < 0.1 {
        Some(-2)
    } else if a < 1.0 {
        Some(-1)
    } else if a < 10.0 {
        Some(0)
    } else if a < 100.0 {
        Some(1)
    } else if a < 1000.0 {
        Some(2)
    } else if a < 10000.0 {
        Some(3)
    } else {
        None
    };
    match e {
        Some(e) if (p <= 1 && e == -1) || (p - 1 > e && e >= -1) => fwrite_f(x, f, adj, Some(p - 1 - e), pad),
        _ if p <= 1 => fwrite_e(x, f, adj, Some(2), pad),
        _ => fwrite_e(x, f, adj, Some(p), pad),
    }
}

/// The text `io_lib:write/1` gives a float (`float_to_list(F, [short])`): the fewest
/// digits that read back as the same float, in plain notation unless scientific notation
/// is shorter, and always scientific from 2^53 up, where a float is no longer exact as an
/// integer.
pub(crate) fn float_text(x: f64) -> String {
    // Rust's shortest form breaks a tie between two equally near shortest digit strings
    // upwards; erl breaks it to the even digit, which is what exact rounding to the same
    // number of digits gives.
    let shortest = format!("{x:e}");
    let n = shortest.split('e').next().unwrap_or("").chars().filter(char::is_ascii_digit).count();
    let even = format!("{:.*e}", n.saturating_sub(1), x);
    let sci = if even.parse::<f64>() == Ok(x) { even } else { shortest };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = float_sign(x);
    let scientific = {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let rest = if rest.is_empty() { "0" } else { rest };
        format!("{sign}{first}.{rest}e{exp}")
    };
    if x.abs() >= 9_007_199_254_740_992.0 {
        return scientific;
    }
    let n = digits.len() as i64;
    let point = exp + 1;
    let plain = if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat(usize::try_from(-point).unwrap_or(0)))
    } else if point >= n {
        format!("{sign}{digits}{}.0", "0".repeat(usize::try_from(point - n).unwrap_or(0)))
    } else {
        let (a, b) = digits.split_at(usize::try_from(point).unwrap_or(0));
        format!("{sign}{a}.{b}")
    };
    if scientific.len() < plain.len() {
        scientific
    } else {
        plain
    }
}

/// Appends `c` as `io_lib` writes it inside a quoted atom or string delimited by `quote`.
/// With `latin1`, characters above 255 are written as `\x{...}`.
pub(crate) fn push_quoted_char(out: &mut String, c: char, quote: char, latin1: bool) {
    let code = c as u32;
    match c {
        _ if c == quote || c == '\\' => {
            out.push('\\');
            out.push(c);
        }
        ' '..='~' => out.push(c),
        _ if code >= 0xa0 => {
            if latin1 && code > 0xff {
                let _ = write!(out, "\\x{{{code:X}}}");
            } else {
                out.push(c);
            }
        }
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\u{1b}' => out.push_str("\\e"),
        '\u{7f}' => out.push_str("\\d"),
        _ => {
            let _ = write!(out, "\\{}{}{}", code >> 6, (code >> 3) & 7, code & 7);
        }
    }
}

/// An atom as `io_lib:write_atom/1` writes it (or `write_atom_as_latin1/1` when `latin1`).
pub(crate) fn write_atom(name: &str, latin1: bool) -> String {
    if !atom_needs_quotes(name) {
        return name.to_owned();
    }
    let mut s = String::with_capacity(name.len() + 2);
    s.push('\'');
    for c in name.chars() {
        push_quoted_char(&mut s, c, '\'', latin1);
    }
    s.push('\'');
    s
}

/// A string literal as `io_lib:write_string/2` writes it, with double quotes.
pub(crate) fn write_string<I: IntoIterator<Item = char>>(chars: I, latin1: bool) -> String {
    let mut s = String::from("\"");
    for c in chars {
        push_quoted_char(&mut s, c, '"', latin1);
    }
    s.push('"');
    s
}

/// A term as `io_lib:write(Term, [{depth, Depth}, {encoding, ...}])` writes it: `~w` with
/// a depth of -1 (no limit), `~W` otherwise. Atoms are written with their Unicode
/// characters when `unicode`, escaped as `\x{...}` otherwise.
///
/// For atomic terms only: compound ones go through [`write_limited_term`] with a nesting
/// budget.
pub(crate) fn write_term(t: &Term, depth: i64, unicode: bool) -> String {
    write_limited_term(t, depth, unicode, SHALLOW_NESTING)
}

/// `write_term` for a term that may nest: below `budget` levels the writer prints `...`.
fn write_limited_term(t: &Term, depth: i64, unicode: bool, budget: usize) -> String {
    let mut s = String::new();
    write_limited(&mut s, t, depth, !unicode, budget);
    s
}

fn write_limited(s: &mut String, t: &Term, d: i64, latin1: bool, budget: usize) {
    if d == 0 || budget == 0 {
        s.push_str("...");
        return;
    }
    match t {
        Term::Atom(a) => s.push_str(&write_atom(a.as_str(), latin1)),
        Term::Bits(b) => write_binary(s, b, d),
        Term::Cons(_) => {
            if d == 1 {
                s.push_str("[...]");
                return;
            }
            s.push('[');
            let mut d = d - 1;
            let mut first = true;
            let mut cur = t;
            loop {
                match cur {
                    Term::Nil => break,
                    Term::Cons(cell) => {
                        if !first {
                            if d == 1 {
                                s.push_str("|...");
                                break;
                            }
                            s.push(',');
                            d -= 1;
                        }
                        first = false;
                        write_limited(s, &cell.head, d, latin1, budget - 1);
                        cur = &cell.tail;
                    }
                    other => {
                        if d == 1 {
                            s.push_str("|...");
                        } else {
                            s.push('|');
                            write_limited(s, other, d - 1, latin1, budget - 1);
                        }
                        break;
                    }
                }
            }
            s.push(']');
        }
        Term::Tuple(elems) if !elems.is_empty() => {
            if d == 1 {
                s.push_str("{...}");
                return;
            }
            s.push('{');
            let mut d = d - 1;
            for (i, e) in elems.iter().enumerate() {
                if i > 0 {
                    if d == 1 {
                        s.push_str(",...");
                        break;
                    }
                    s.push(',');
                    d -= 1;
                }
                write_limited(s, e, d, latin1, budget - 1);
            }
            s.push('}');
        }
        Term::Map(m) if !m.is_empty() => {
            // OTP writes a non-empty map at depth one as an empty one.
            if d == 1 {
                s.push_str("#{}");
                return;
            }
            s.push_str("#{");
            let d0 = d - 1;
            let mut pairs = m.iter();
            if let Some((k, v)) = pairs.next() {
                write_limited(s, k, d0, latin1, budget - 1);
                s.push_str(" => ");
                write_limited(s, v, d0, latin1, budget - 1);
            }
            // The remaining depth is checked before looking for another pair, so a map
            // cut exactly after its last pair still ends in `,...`, as in erl.
            let mut left = d0;
            loop {
                if left == 1 {
                    s.push_str(",...");
                    break;
                }
                let Some((k, v)) = pairs.next() else {
                    break;
                };
                s.push(',');
                write_limited(s, k, d0, latin1, budget - 1);
                s.push_str(" => ");
                write_limited(s, v, d0, latin1, budget - 1);
                left -= 1;
            }
            s.push('}');
        }
        Term::Float(x) => s.push_str(&float_text(x.get())),
        other => s.push_str(&super::print::write_term(other)),
    }
}

/// A bitstring as `io_lib:write_binary/2` writes it: `<<` and `>>` around its segments.
fn write_binary(s: &mut String, b: &Bitstring, d: i64) {
    s.push_str("<<");
    s.push_str(&binary_segments(b, d).join(","));
    s.push_str(">>");
}

/// The segments of a binary written as bytes, as `io_lib:write_binary/2` produces them: at
/// most `d - 1` bytes before a `...` under a depth limit, and `Value:Size` for trailing bits.
pub(crate) fn binary_segments(b: &Bitstring, d: i64) -> Vec<String> {
    let whole = b.bit_len() / 8;
    let rest = b.bit_len() % 8;
    let mut segments = Vec::new();
    let mut d = d;
    for i in 0..whole {
        if d == 1 {
            segments.push("...".to_owned());
            return segments;
        }
        segments.push(b.read_bits(i * 8, 8).to_string());
        d -= 1;
    }
    if rest > 0 {
        if d == 1 {
            segments.push("...".to_owned());
        } else {
            segments.push(format!("{}:{}", b.read_bits(whole * 8, rest), rest));
        }
    }
    segments
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::term::Map;

    /// Reads an Erlang term written in source syntax, for the test tables: integers,
    /// floats, atoms (bare and quoted), strings, `$c` characters, lists (also improper),
    /// tuples, maps and binaries of byte values, strings and `Value:Size` segments.
    pub(crate) fn parse_term(text: &str) -> Term {
        let chars: Vec<char> = text.chars().collect();
        let mut p = Parser { chars, pos: 0 };
        let t = p.term();
        p.skip_ws();
        assert_eq!(p.pos, p.chars.len(), "trailing text in {text}");
        t
    }

    struct Parser {
        chars: Vec<char>,
        pos: usize,
    }

    impl Parser {
        fn peek(&self) -> char {
            self.chars.get(self.pos).copied().unwrap_or('\0')
        }

        fn skip_ws(&mut self) {
            while self.peek().is_whitespace() {
                self.pos += 1;
            }
        }

        fn eat(&mut self, s: &str) -> bool {
            self.skip_ws();
            let n = s.chars().count();
            if self.chars[self.pos..].iter().take(n).copied().eq(s.chars()) {
                self.pos += n;
                true
            } else {
                false
            }
        }

        fn expect(&mut self, s: &str) {
            assert!(self.eat(s), "expected {s} at {}", self.pos);
        }

        fn escaped(&mut self) -> char {
            let c = self.peek();
            self.pos += 1;
            if c != '\\' {
                return c;
            }
            let e = self.peek();
            self.pos += 1;
            match e {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'e' => '\u{1b}',
                'd' => '\u{7f}',
                'v' => '\u{b}',
                'b' => '\u{8}',
                'f' => '\u{c}',
                's' => ' ',
                'x' => {
                    self.expect("{");
                    let mut v = 0;
                    while self.peek() != '}' {
                        v = v * 16 + self.peek().to_digit(16).expect("hex digit");
                        self.pos += 1;
                    }
                    self.pos += 1;
                    char::from_u32(v).expect("code point")
                }
                d if d.is_digit(8) => {
                    let mut v = d.to_digit(8).unwrap_or(0);
                    for _ in 0..2 {
                        match self.peek().to_digit(8) {
                            Some(x) => {
                                v = v * 8 + x;
                                self.pos += 1;
                            }
                            None => break,
                        }
                    }
                    char::from_u32(v).expect("code point")
                }
                other => other,
            }
        }

        fn quoted(&mut self, q: char) -> String {
            self.expect(&q.to_string());
            let mut s = String::new();
            while self.peek() != q {
                s.push(self.escaped());
            }
            self.pos += 1;
            s
        }

        fn number(&mut self) -> Term {
            let start = self.pos;
            if self.peek() == '-' {
                self.pos += 1;
            }
            while self.peek().is_ascii_digit() {
                self.pos += 1;
            }
            if self.peek() == '#' {
                let base: u32 = self.chars[start..self.pos]
                    .iter()
                    .collect::<String>()
                    .trim_start_matches('-')
                    .parse()
                    .expect("base");
                self.pos += 1;
                let ds = self.pos;
                while self.peek().is_ascii_alphanumeric() {
                    self.pos += 1;
                }
                let digits: String = self.chars[ds..self.pos].iter().collect();
                let mut v = BigInt::parse_bytes(digits.as_bytes(), base).expect("digits");
                if self.chars[start] == '-' {
                    v = -v;
                }
                return Term::from_bigint(v);
            }
            let mut float = false;
            if self.peek() == '.' && self.chars.get(self.pos + 1).is_some_and(char::is_ascii_digit) {
                float = true;
                self.pos += 1;
                while self.peek().is_ascii_digit() {
                    self.pos += 1;
                }
            }
            if float && (self.peek() == 'e' || self.peek() == 'E') {
                self.pos += 1;
                if self.peek() == '-' || self.peek() == '+' {
                    self.pos += 1;
                }
                while self.peek().is_ascii_digit() {
                    self.pos += 1;
                }
            }
            let text: String = self.chars[start..self.pos].iter().collect();
            if float {
                Term::float(text.parse().expect("float"))
            } else {
                Term::from_bigint(text.parse().expect("integer"))
            }
        }

        fn seq(&mut self, close: &str) -> Vec<Term> {
            let mut v = Vec::new();
            if self.eat(close) {
                return v;
            }
            loop {
                v.push(self.term());
                if self.eat(",") {
                    continue;
                }
                self.expect(close);
                return v;
            }
        }

        fn term(&mut self) -> Term {
            self.skip_ws();
            let c = self.peek();
            if self.eat("#{") {
                let mut m = Map::new();
                if self.eat("}") {
                    return Term::Map(m);
                }
                loop {
                    let k = self.term();
                    self.expect("=>");
                    let v = self.term();
                    m.insert(k, v);
                    if self.eat(",") {
                        continue;
                    }
                    self.expect("}");
                    return Term::Map(m);
                }
            }
            if self.eat("<<") {
                let mut w = crate::term::BitWriter::new();
                if self.eat(">>") {
                    return Term::Bits(std::sync::Arc::new(w.finish()));
                }
                loop {
                    self.skip_ws();
                    if self.peek() == '"' {
                        let s = self.quoted('"');
                        if self.eat("/utf8") {
                            w.push_bytes(s.as_bytes());
                        } else {
                            for c in s.chars() {
                                w.push_bits(c as u64 & 255, 8);
                            }
                        }
                    } else {
                        let v = self.term().as_int().expect("byte");
                        let size = if self.eat(":") { self.term().as_int().expect("size") as usize } else { 8 };
                        w.push_bits(v as u64, size);
                    }
                    if self.eat(",") {
                        continue;
                    }
                    self.expect(">>");
                    return Term::Bits(std::sync::Arc::new(w.finish()));
                }
            }
            match c {
                '[' => {
                    self.pos += 1;
                    let mut elems = Vec::new();
                    if self.eat("]") {
                        return Term::Nil;
                    }
                    loop {
                        elems.push(self.term());
                        if self.eat(",") {
                            continue;
                        }
                        if self.eat("|") {
                            let tail = self.term();
                            self.expect("]");
                            return Term::list_with_tail(elems, tail);
                        }
                        self.expect("]");
                        return Term::list(elems);
                    }
                }
                '{' => {
                    self.pos += 1;
                    Term::tuple(self.seq("}"))
                }
                '"' => Term::string(&self.quoted('"')),
                '\'' => Term::atom(&self.quoted('\'')),
                '$' => {
                    self.pos += 1;
                    Term::Int(self.escaped() as i64)
                }
                c if c.is_ascii_digit() || c == '-' => self.number(),
                _ => {
                    let start = self.pos;
                    while {
                        let c = self.peek();
                        c.is_alphanumeric() || c == '_' || c == '@'
                    } {
                        self.pos += 1;
                    }
                    assert!(self.pos > start, "unexpected {c:?} at {start}");
                    Term::atom(&self.chars[start..self.pos].iter().collect::<String>())
                }
            }
        }
    }

    /// Runs a table of `(format, arguments, expected)` cases, where the arguments are the
    /// text of an Erlang list and `None` means erl raises `badarg`.
    pub(crate) fn check(cases: &[Case]) {
        let mut failures = Vec::new();
        for (fmt, args, want) in cases {
            let args_term = parse_term(args);
            let args_vec = args_term.list_to_vec().expect("argument list");
            let got = format(fmt, &args_vec).ok();
            if got.as_deref() != *want {
                failures.push(format!("format({fmt:?}, {args}):\n  got  {got:?}\n  want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// One case: the format string, the argument list as Erlang source text, and what erl
    /// 25 returns (`None` when it raises `badarg`).
    pub(crate) type Case = (&'static str, &'static str, Option<&'static str>);

    /// Every directive with its modifiers, each with the text erl produced for it.
    const DIRECTIVES: &[Case] = &[
        ("hello", "[]", Some("hello")),
        ("~~", "[]", Some("~")),
        ("~5~", "[]", Some("~~~~~")),
        ("a~nb", "[]", Some("a\nb")),
        ("~3n", "[]", Some("\n\n\n")),
        ("~-3n", "[]", None),
        ("x~iy", "[ignored]", Some("xy")),
        ("~", "[]", None),
        ("~z", "[a]", None),
        ("~p", "[]", None),
        ("abc", "[extra]", None),
        ("~w", "[{a,\"b\",<<\"c\">>,[1|2],-3,1.5}]", Some("{a,[98],<<99>>,[1|2],-3,1.5}")),
        ("~w", "[['Quoted atom',[],{},#{}]]", Some("['Quoted atom',[],{},#{}]")),
        ("~w", "['\\x{43F}']", Some("'\\x{43F}'")),
        ("~tw", "['\\x{43F}']", Some("'\u{43f}'")),
        ("~w", "['a\\nb\\001\\x{80}\\x{A0}\\\\']", Some("'a\\nb\\001\\200\u{a0}\\\\'")),
        (
            "~w",
            "[[1.0e3,0.1,1.0e-10,123456789012345678.0,-0.0,2.5e-7,100.0]]",
            Some("[1.0e3,0.1,1.0e-10,1.2345678901234568e17,-0.0,2.5e-7,100.0]"),
        ),
        (
            "~w",
            "[[9007199254740992.0,9007199254740991.0,1234567890123456.0,1.0e15,1.2345e-4,5.0e-324,-1.0e16,0.001]]",
            Some(
                "[9.007199254740992e15,9007199254740991.0,1234567890123456.0,1.0e15,1.2345e-4,5.0e-324,-1.0e16,0.001]",
            ),
        ),
        ("~W", "[[1,2,3,4,5],3]", Some("[1,2|...]")),
        ("~W", "[{a,b,c,d},2]", Some("{a,...}")),
        ("~W", "[#{a => 1,b => 2},2]", Some("#{a => 1,...}")),
        ("~W", "[#{a => 1},1]", Some("#{}")),
        ("~W", "[[a,b|c],3]", Some("[a,b|...]")),
        ("~W", "[[a,b|c],4]", Some("[a,b|c]")),
        ("~W", "[<<1,2,3,4>>,3]", Some("<<1,2,...>>")),
        ("~W", "[<<1,2,3:2>>,4]", Some("<<1,2,3:2>>")),
        ("~W", "[x,0]", Some("...")),
        ("~W", "[[[1,2],[3,4]],3]", Some("[[1|...],[...]]")),
        ("~W", "[{a},-1]", Some("{a}")),
        ("~10w", "[abc]", Some("       abc")),
        ("~-10w|", "[abc]", Some("abc       |")),
        ("~3w", "[abcdef]", Some("***")),
        ("~10.3w", "[abcdef]", Some("       ***")),
        ("~.3w", "[abcdef]", Some("***")),
        ("~5.3w", "[ab]", Some("   ab")),
        ("~10..xw", "[abc]", Some("xxxxxxxabc")),
        ("~s", "[\"hello\"]", Some("hello")),
        ("~s", "[hello]", Some("hello")),
        ("~s", "[<<\"bin\">>]", Some("bin")),
        ("~s", "[[\"ab\",$c,<<\"de\">>,[[$f]]]]", Some("abcdef")),
        ("~s", "[[$a|<<\"b\">>]]", Some("ab")),
        ("~s", "[[$a|b]]", None),
        ("~s", "[[256]]", None),
        ("~ts", "[[1087,1088]]", Some("\u{43f}\u{440}")),
        ("~ts", "[<<\"\\x{43F}\"/utf8>>]", Some("\u{43f}")),
        ("~s", "[<<\"\\x{43F}\"/utf8>>]", Some("\u{d0}\u{bf}")),
        ("~ts", "[<<255,1>>]", Some("\u{ff}\u{1}")),
        ("~s", "['\\x{43F}']", None),
        ("~ts", "['\\x{43F}']", Some("\u{43f}")),
        ("~s", "[42]", None),
        ("~s", "[<<1:3>>]", None),
        ("~10s|", "[\"abc\"]", Some("       abc|")),
        ("~-10s|", "[\"abc\"]", Some("abc       |")),
        ("~2s", "[\"abcdef\"]", Some("ab")),
        ("~.2s", "[\"abcdef\"]", Some("ab")),
        ("~.5s|", "[\"ab\"]", Some("ab   |")),
        ("~10.5s|", "[\"abcdefgh\"]", Some("     abcde|")),
        ("~-10.5s|", "[\"abcdefgh\"]", Some("abcde     |")),
        ("~10.5s|", "[\"ab\"]", Some("     ab   |")),
        ("~10.5.*s|", "[\"ab\"]", None),
        ("~3.5s", "[\"ab\"]", None),
        ("~5.5s|", "[\"abcdefg\"]", Some("abcde|")),
        ("~*s|", "[6,\"ab\"]", Some("    ab|")),
        ("~-*s|", "[6,\"ab\"]", Some("ab    |")),
        ("~*s|", "[-6,\"ab\"]", Some("ab    |")),
        ("~-*s|", "[-6,\"ab\"]", Some("    ab|")),
        ("~*.*s|", "[8,3,\"abcdef\"]", Some("     abc|")),
        ("~-s", "[\"a\"]", None),
        ("~10..0s", "[\"7\"]", Some("0000000007")),
        ("~..*s|", "[$x,\"ab\"]", Some("ab|")),
        ("~3..*s|", "[\"ab\",a]", Some("ababa|")),
        ("~ts|", "[[]]", Some("|")),
        ("~c", "[$a]", Some("a")),
        ("~5c", "[$a]", Some("aaaaa")),
        ("~.3c", "[$a]", Some("aaa")),
        ("~5.2c|", "[$a]", Some("   aa|")),
        ("~-5.2c|", "[$a]", Some("aa   |")),
        ("~5.2.xc|", "[$a]", Some("xxxaa|")),
        ("~*c", "[4,$z]", Some("zzzz")),
        ("~*c", "[-3,$a]", Some("aaa")),
        ("~.*c", "[3,$b]", Some("bbb")),
        ("~2.5c", "[$a]", None),
        ("~c", "[1087]", Some("?")),
        ("~tc", "[1087]", Some("\u{43f}")),
        ("~c", "[-1]", Some("\u{ff}")),
        ("~c", "[a]", None),
        ("~c", "[353]", Some("a")),
        ("~b", "[255]", Some("255")),
        ("~.2b", "[10]", Some("1010")),
        ("~.16b", "[255]", Some("ff")),
        ("~.16B", "[255]", Some("FF")),
        ("~.16b", "[-255]", Some("-ff")),
        ("~.36B", "[123456789]", Some("21I3V9")),
        ("~.1b", "[5]", None),
        ("~.37b", "[5]", None),
        ("~b", "[1.0]", None),
        ("~8b|", "[42]", Some("      42|")),
        ("~-8b|", "[42]", Some("42      |")),
        ("~8.16.0B|", "[255]", Some("000000FF|")),
        ("~2b", "[12345]", Some("**")),
        ("~b", "[123456789012345678901234567890]", Some("123456789012345678901234567890")),
        ("~.16B", "[-123456789012345678901234567890]", Some("-18EE90FF6C373E0EE4E3F0AD2")),
        ("~.16x", "[255,\"0x\"]", Some("0xff")),
        ("~.16X", "[255,\"0x\"]", Some("0xFF")),
        ("~.16x", "[-255,'0x']", Some("-0xff")),
        ("~.16X", "[-255,[\"0\",[$x]]]", Some("-0xFF")),
        ("~x", "[10,\"#\"]", Some("#10")),
        ("~.16x", "[255,bad_prefix]", Some("bad_prefixff")),
        ("~.16x", "[255,{}]", None),
        ("~12.16x|", "[255,\"0x\"]", Some("        0xff|")),
        ("~.16#", "[255]", Some("16#FF")),
        ("~.16#", "[-255]", Some("-16#FF")),
        ("~.16+", "[255]", Some("16#ff")),
        ("~.16+", "[-255]", Some("-16#ff")),
        ("~#", "[42]", Some("10#42")),
        ("~.2+", "[5]", Some("2#101")),
        ("~10.8#|", "[64]", Some("     8#100|")),
        ("~-10.8#|", "[64]", Some("8#100     |")),
        ("~f", "[3.14159]", Some("3.141590")),
        ("~f", "[1]", None),
        ("~.2f", "[2.675]", Some("2.67")),
        ("~.2f", "[1.005]", Some("1.00")),
        ("~.3f", "[-0.0005]", Some("-0.001")),
        ("~.0f", "[1.0]", None),
        ("~.1f", "[0.05]", Some("0.1")),
        ("~.1f", "[0.25]", Some("0.3")),
        ("~.1f", "[9.96]", Some("10.0")),
        ("~.1f", "[99.96]", Some("100.0")),
        ("~f", "[1.0e20]", Some("100000000000000000000.000000")),
        ("~f", "[1.0e-20]", Some("0.000000")),
        ("~f", "[-0.0]", Some("-0.000000")),
        ("~10.5f|", "[3.14159]", Some("   3.14159|")),
        ("~-10.5f|", "[3.14159]", Some("3.14159   |")),
        ("~3.1f|", "[123.45]", Some("***|")),
        ("~10.2.0f|", "[-1.5]", Some("00000-1.50|")),
        ("~.*f", "[3,2.5]", Some("2.500")),
        ("~*.*f|", "[9,2,2.5]", Some("     2.50|")),
        ("~.20f", "[0.1]", Some("0.10000000000000000555")),
        ("~e", "[3.14159]", Some("3.14159e+0")),
        ("~e", "[0.0]", Some("0.00000e+0")),
        ("~e", "[-0.0]", Some("-0.00000e+0")),
        ("~e", "[1.0e100]", Some("1.00000e+100")),
        ("~e", "[1.0e-100]", Some("1.00000e-100")),
        ("~.2e", "[9.99]", Some("1.0e+1")),
        ("~.3e", "[9.995]", Some("9.99e+0")),
        ("~.1e", "[1.0]", None),
        ("~15.3e|", "[12345.678]", Some("        1.23e+4|")),
        ("~-15.3e|", "[12345.678]", Some("1.23e+4        |")),
        ("~5e", "[1.5]", Some("*****")),
        ("~e", "[5.0e-324]", Some("4.94066e-324")),
        ("~e", "[1.7976931348623157e308]", Some("1.79769e+308")),
        ("~g", "[3.14159]", Some("3.14159")),
        ("~g", "[0.05]", Some("5.00000e-2")),
        ("~g", "[0.5]", Some("0.500000")),
        ("~g", "[12345.6]", Some("1.23456e+4")),
        ("~g", "[1234.5]", Some("1234.50")),
        ("~g", "[0.0]", Some("0.00000e+0")),
        ("~.1g", "[0.5]", Some("0.5")),
        ("~.1g", "[5.0]", Some("5.0e+0")),
        ("~.2g", "[50.0]", Some("5.0e+1")),
        ("~.3g", "[99.99]", Some("100.0")),
        ("~.10g", "[1.0e10]", Some("1.000000000e+10")),
        ("~15g|", "[1.5]", Some("        1.50000|")),
        ("~.0g", "[1.0]", None),
        ("~g", "[-123.456]", Some("-123.456")),
        ("~p", "[{a,1,\"str\",<<\"bin\">>,[1,2],#{k => v}}]", Some("{a,1,\"str\",<<\"bin\">>,[1,2],#{k => v}}")),
        ("~p", "[\"with \\\"quotes\\\" and \\\\ \\n\\t\"]", Some("\"with \\\"quotes\\\" and \\\\ \\n\\t\"")),
        ("~p", "[[]]", Some("[]")),
        ("~p", "[\"\"]", Some("[]")),
        ("~p", "[<<>>]", Some("<<>>")),
        ("~p", "[[\"\"]]", Some("[[]]")),
        ("~p", "['\\x{43F}']", Some("'\\x{43F}'")),
        ("~tp", "['\\x{43F}']", Some("'\u{43f}'")),
        ("~p", "[[1087,1088]]", Some("[1087,1088]")),
        ("~tp", "[[1087,1088]]", Some("[1087,1088]")),
        ("~p", "[<<\"h\\x{E9}\"/utf8>>]", Some("<<\"h\u{c3}\u{a9}\">>")),
        ("~tp", "[<<\"h\\x{E9}\"/utf8>>]", Some("<<\"h\u{e9}\"/utf8>>")),
        ("~tp", "[<<\"\\x{43F}\"/utf8>>]", Some("<<208,191>>")),
        ("~p", "[[233,97]]", Some("\"\u{e9}a\"")),
        ("~lp", "[\"abc\"]", Some("[97,98,99]")),
        ("~lp", "[<<\"abc\">>]", Some("<<97,98,99>>")),
        ("~tlp", "[[\"ab\"]]", Some("[[97,98]]")),
        ("~p", "[[7,8,9]]", Some("[7,8,9]")),
        ("~p", "[[127]]", Some("[127]")),
        ("~p", "[<<1,2,3:4>>]", Some("<<1,2,3:4>>")),
        ("~p", "[3.0e-5]", Some("3.0e-5")),
        ("~p", "[-12345678901234567890]", Some("-12345678901234567890")),
        ("~p", "['hello world']", Some("'hello world'")),
        ("~p", "[[a|b]]", Some("[a|b]")),
        ("~p", "[{}]", Some("{}")),
        ("~p", "['']", Some("''")),
        ("~p", "[maybe]", Some("maybe")),
        ("~p", "[[else,'receive']]", Some("[else,'receive']")),
        ("~10p", "[{aaaa,bbbb}]", Some("{aaaa,\n    bbbb}")),
        ("~-10p", "[a]", None),
        ("~.5p", "[a]", Some("a")),
        ("~p~p", "[a,b]", Some("ab")),
        ("~P", "[\"hello\",1]", Some("[...]")),
        ("~P", "[\"hello\",2]", Some("\"hello\"")),
        ("~P", "[{a,[1,2,3],<<\"hello world\">>},3]", Some("{a,[...],...}")),
        ("~P", "[<<\"hello world, this is long\">>,5]", Some("<<\"hello world, thi\"...>>")),
        ("~P", "[<<\"hello\",0,\"world, this is long\">>,3]", Some("<<\"hello\"...>>")),
        ("~P", "[<<\"ab\",0,\"cdefgh\">>,5]", Some("<<97,98,0,99,...>>")),
        ("~P", "[#{a => 1,b => 2,c => 3},3]", Some("#{a => 1,b => 2,...}")),
        ("~P", "[x,0]", Some("...")),
        ("~P", "[[a,b|c],3]", Some("[a,b|...]")),
        ("~P", "[[[1,2],[3,4]],3]", Some("[[1|...],[...]]")),
        ("~P", "[<<1,2,3:2>>,3]", Some("<<1,2,...>>")),
        ("~P", "[{a,b},a]", None),
        ("~W", "[{a,b},a]", None),
        ("~W", "[#{a => 1},2]", Some("#{a => 1,...}")),
        ("~W", "[#{a => 1,b => 2},3]", Some("#{a => 1,b => 2,...}")),
        ("~W", "[#{a => 1,b => 2},4]", Some("#{a => 1,b => 2}")),
        ("~P", "[#{a => 1},2]", Some("#{a => 1}")),
        ("x~-0tc|", "[-3]", Some("x|")),
        ("~.0tc|", "[-3]", Some("|")),
        ("~tc", "[-3]", None),
        ("~3.0tc|", "[1114112]", Some("   |")),
        ("~c", "[-123456789012345678901234567890]", Some(".")),
        ("~tc", "[123456789012345678901234567890]", None),
        (
            "~w",
            "[[-642304979066612.2,642304979066612.2,0.3,2.0e-3,123.456]]",
            Some("[-642304979066612.2,642304979066612.2,0.3,0.002,123.456]"),
        ),
    ];

    #[test]
    fn directives_match_erl() {
        check(DIRECTIVES);
    }

    #[test]
    fn deeply_nested_terms_print_without_exhausting_the_stack() {
        let mut t = Term::Nil;
        for _ in 0..MAX_NESTING + 50 {
            t = Term::list(vec![t]);
        }
        let w = format("~w", std::slice::from_ref(&t)).unwrap_or_default();
        assert!(w.starts_with("[[[[") && w.contains("...") && w.len() < 3 * MAX_NESTING);
        let p = pretty(&t, 1, usize::MAX / 4, None);
        assert!(p.starts_with("[[[[") && p.contains("...") && !p.contains('\n'));
        // Freeing a term this deep recurses; the test leaves it to the process's end.
        std::mem::forget(t);
    }

    #[test]
    fn the_test_parser_reads_terms() {
        let t = parse_term("[{a,'B c',\"hi\",$x},1.5,-3,<<1,\"ab\",7:3>>,#{k => v}|tl]");
        assert_eq!(write_term(&t, -1, true), "[{a,'B c',[104,105],120},1.5,-3,<<1,97,98,7:3>>,#{k => v}|tl]");
    }
}
