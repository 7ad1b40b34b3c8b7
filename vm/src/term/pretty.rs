//! The `~p`/`~P` layout engine: prints a term over several lines the way OTP 25's
//! `io_lib_pretty` does, so that output matches erl character for character.
//!
//! Printing happens in two steps. First the term becomes an intermediate tree ([`Item`])
//! in which every node knows the length of its one-line form; depth limits (`...`),
//! string detection for lists and binaries and the text of atoms and numbers are settled
//! there. Then the layout walks the tree: whatever fits in the rest of the line is written
//! flat, anything else is broken with its elements aligned under the first one. A tuple
//! whose first element is an atom ("tagged") keeps the tag on the opening line; when the
//! tags are too long for that, a second attempt indents the rest of tagged tuples by four
//! columns instead, and a third by one, exactly as erl chooses. Strings and printable
//! binaries are never split, however long; a binary written as byte values fills lines.
//!
//! Not covered: record printing (there are no record definitions at this level, so records
//! print as the tuples they are), the `chars_limit` and `line_max_chars` options, and the
//! Unicode printable range (erl's default Latin-1 range is the one used to recognise
//! strings). Terms nested more deeply than the budget the caller gives print `...` below it.

use super::format::{binary_segments, write_atom, write_string, write_term};
use super::{Bitstring, Term};

/// What `io_lib_pretty:print/2` is told.
pub(crate) struct Options {
    /// The 1-based column of the first character; values below 1 count as 1.
    pub column: i64,
    /// The line length; 0 prints everything on one line.
    pub line_length: i64,
    /// The depth limit; negative for none.
    pub depth: i64,
    /// `~tp`: atoms keep characters above 255 rather than escaping them.
    pub unicode: bool,
    /// Whether lists and binaries of printable characters print as strings (false for `~lp`).
    pub strings: bool,
}

/// Prints `term` as `io_lib_pretty:print(Term, Options)` does, descending at most `budget`
/// levels into nested terms (deeper ones print as `...`).
pub(crate) fn print(term: &Term, o: &Options, budget: usize) -> String {
    if o.depth == 0 {
        return "...".to_owned();
    }
    let col = o.column.max(1);
    match term {
        Term::Atom(a) => write_atom(a.as_str(), !o.unicode),
        Term::Nil | Term::Cons(_) | Term::Tuple(_) | Term::Map(_) | Term::Bits(_) => {
            let builder = Builder { unicode: o.unicode, strings: o.strings };
            let item = builder.item(term, o.depth, budget);
            let ll = o.line_length;
            let mut out = String::new();
            if ll == 0 || item.len < ll - col {
                write(&mut out, &item);
            } else {
                // The total length is also the width limit of any one line, as in erl when
                // no `line_max_chars` is given.
                let m = item.len;
                let tind = [-1, 4]
                    .into_iter()
                    .find(|&tind| Layout { ll, m, tind }.cind(&item, col, 0, 0).is_ok())
                    .unwrap_or(1);
                Layout { ll, m, tind }.pp(&mut out, &item, col, col - 1, 0, 0);
            }
            out
        }
        _ => write_term(term, -1, o.unicode),
    }
}

/// A node of the intermediate tree with the length of its one-line text.
struct Item {
    len: i64,
    node: Node,
}

enum Node {
    /// Text that is never broken. `simple` says whether erl treats it as a flat string
    /// (everything but non-printable binaries), which lets it share a line with others.
    Leaf {
        text: String,
        simple: bool,
    },
    List(Vec<Item>, Tail),
    /// A tuple; `tagged` when its first element is an atom and it has more than one.
    Tuple {
        tagged: bool,
        elems: Vec<Item>,
        tail: Tail,
    },
    /// A map's `Pair` items, and whether the depth limit cut it short.
    Map(Vec<Item>, bool),
    Pair(Box<Item>, Box<Item>),
    /// A binary written as byte values (`<<1,2,3>>`): the text of each segment, which a
    /// long binary spreads over several lines.
    Bytes(Vec<String>),
}

/// How a sequence ends.
enum Tail {
    Nil,
    /// Cut short by the depth limit: `|...` in a list, `,...` in a tuple.
    Dots,
    /// The tail of an improper list.
    Improper(Box<Item>),
}

fn leaf(text: String, simple: bool) -> Item {
    Item { len: text.chars().count() as i64, node: Node::Leaf { text, simple } }
}

/// Can the item share a line with its neighbours?
fn simple(it: &Item) -> bool {
    matches!(it.node, Node::Leaf { simple: true, .. })
}

fn simple_pair(it: &Item) -> bool {
    match &it.node {
        Node::Pair(k, v) => simple(k) && simple(v),
        _ => false,
    }
}

/// The length of a bracketed sequence: `open_close` characters of brackets, the elements,
/// one separator between each two, and one before a `...` or improper tail.
fn seq_len(elems: &[Item], tail: &Tail, open_close: i64) -> i64 {
    let mut acc = open_close;
    for (i, e) in elems.iter().enumerate() {
        acc += e.len + i64::from(i > 0);
    }
    // A separator precedes the tail only when elements come before it (`[...]` is five
    // characters, `[a|...]` seven).
    let sep = i64::from(!elems.is_empty());
    match tail {
        Tail::Nil => acc,
        Tail::Dots => acc + sep + 3,
        Tail::Improper(e) => acc + sep + e.len,
    }
}

fn is_printable_latin1(c: i64) -> bool {
    matches!(c, 32..=126 | 160..=255 | 8..=13 | 27)
}

/// The characters of a proper list of printable Latin-1 characters.
fn printable_list(t: &Term) -> Option<Vec<char>> {
    let mut chars = Vec::new();
    let mut it = t.iter_list();
    for e in it.by_ref() {
        match e {
            Term::Int(c) if is_printable_latin1(*c) => chars.push(char::from(*c as u8)),
            _ => return None,
        }
    }
    matches!(it.tail(), Term::Nil).then_some(chars)
}

/// How a binary reads as text: all of it, or (under a depth limit) only a prefix. `utf8`
/// when the text came from multi-byte UTF-8 and needs the `/utf8` suffix.
enum BinText {
    Full { chars: Vec<char>, utf8: bool },
    Prefix { chars: Vec<char>, utf8: bool },
}

struct Builder {
    unicode: bool,
    strings: bool,
}

impl Builder {
    /// The intermediate form of `t` printed with depth limit `d` (negative: none).
    fn item(&self, t: &Term, d: i64, budget: usize) -> Item {
        if budget == 0 {
            return leaf("...".to_owned(), true);
        }
        match t {
            Term::Nil => leaf("[]".to_owned(), true),
            Term::Atom(a) => leaf(write_atom(a.as_str(), !self.unicode), true),
            Term::Cons(_) => {
                if self.strings && d != 1 {
                    if let Some(chars) = printable_list(t) {
                        return leaf(write_string(chars, !self.unicode), true);
                    }
                }
                self.list(t, d, budget)
            }
            Term::Tuple(elems) if elems.is_empty() => leaf("{}".to_owned(), true),
            Term::Tuple(_) if d == 1 => leaf("{...}".to_owned(), true),
            Term::Tuple(elems) => {
                let mut items = Vec::new();
                let mut tail = Tail::Nil;
                let mut dc = d;
                for e in elems.iter() {
                    if dc == 1 {
                        tail = Tail::Dots;
                        break;
                    }
                    items.push(self.item(e, dc - 1, budget - 1));
                    dc -= 1;
                }
                let tagged = elems.len() > 1 && matches!(elems[0], Term::Atom(_));
                Item { len: seq_len(&items, &tail, 2), node: Node::Tuple { tagged, elems: items, tail } }
            }
            Term::Map(m) if m.is_empty() => leaf("#{}".to_owned(), true),
            Term::Map(_) if d == 1 => leaf("#{...}".to_owned(), true),
            Term::Map(m) => {
                let mut pairs = Vec::new();
                let mut dots = false;
                let mut dc = d;
                for (k, v) in m.iter() {
                    if dc == 1 {
                        dots = true;
                        break;
                    }
                    let k = self.item(k, d - 1, budget - 1);
                    let v = self.item(v, d - 1, budget - 1);
                    pairs.push(Item { len: k.len + 4 + v.len, node: Node::Pair(Box::new(k), Box::new(v)) });
                    dc -= 1;
                }
                let tail = if dots { Tail::Dots } else { Tail::Nil };
                Item { len: seq_len(&pairs, &tail, 3), node: Node::Map(pairs, dots) }
            }
            Term::Bits(b) => self.binary(b, d),
            other => leaf(write_term(other, -1, self.unicode), true),
        }
    }

    fn list(&self, t: &Term, d: i64, budget: usize) -> Item {
        let mut elems = Vec::new();
        let mut cur = t;
        let mut dc = d;
        let tail = loop {
            match cur {
                Term::Nil => break Tail::Nil,
                _ if dc == 1 => break Tail::Dots,
                Term::Cons(cell) => {
                    elems.push(self.item(&cell.head, dc - 1, budget - 1));
                    cur = &cell.tail;
                    dc -= 1;
                }
                other => break Tail::Improper(Box::new(self.item(other, dc - 1, budget - 1))),
            }
        };
        Item { len: seq_len(&elems, &tail, 2), node: Node::List(elems, tail) }
    }

    fn binary(&self, b: &Bitstring, d: i64) -> Item {
        if b.bit_len() == 0 {
            return leaf("<<>>".to_owned(), true);
        }
        if d == 1 {
            return leaf("<<...>>".to_owned(), true);
        }
        if self.strings && b.is_binary() {
            let bytes = b.to_bytes();
            let text = match printable_binary(&bytes, d - 1, self.unicode) {
                Some(BinText::Full { chars, utf8 }) => {
                    Some(write_string(chars, false) + if utf8 { "/utf8>>" } else { ">>" })
                }
                Some(BinText::Prefix { chars, utf8 }) => {
                    Some(write_string(chars, false) + if utf8 { "/utf8...>>" } else { "...>>" })
                }
                None => None,
            };
            if let Some(text) = text {
                return leaf(format!("<<{text}"), true);
            }
        }
        let segments = binary_segments(b, d);
        let len = 4 + segments.iter().map(|s| s.len() as i64 + 1).sum::<i64>() - 1;
        Item { len, node: Node::Bytes(segments) }
    }
}

/// Decides whether a binary prints as a string. Under a depth limit `d` only the first
/// `4 * d` bytes are examined; a printable prefix of at least `d` characters is then shown
/// followed by `...`.
fn printable_binary(bytes: &[u8], d: i64, unicode: bool) -> Option<BinText> {
    let size = bytes.len();
    let len = if d >= 0 { usize::try_from(d.saturating_mul(4)).unwrap_or(usize::MAX).min(size) } else { size };
    if len == 0 {
        return None;
    }
    if unicode {
        if let Some(decoded) = decode_utf8_prefix(bytes, len) {
            // Valid UTF-8: the characters decide, without falling back to bytes.
            let (chars, ends) = decoded;
            let k = chars.iter().take_while(|&&c| is_printable_latin1(c as i64)).count();
            let consumed = if k == 0 { 0 } else { ends[k - 1] };
            if k == chars.len() && consumed == size {
                let utf8 = size != chars.len();
                return Some(BinText::Full { chars, utf8 });
            }
            if d > 0 && k as i64 >= d {
                let utf8 = consumed != k;
                let mut chars = chars;
                chars.truncate(k);
                return Some(BinText::Prefix { chars, utf8 });
            }
            return None;
        }
    }
    let k = bytes[..len].iter().take_while(|&&b| is_printable_latin1(i64::from(b))).count();
    let chars = |n: usize| bytes[..n].iter().map(|&b| char::from(b)).collect();
    if k == len {
        if len == size {
            Some(BinText::Full { chars: chars(len), utf8: false })
        } else {
            Some(BinText::Prefix { chars: chars(len), utf8: false })
        }
    } else if d > 0 && k as i64 >= d {
        Some(BinText::Prefix { chars: chars(k), utf8: false })
    } else {
        None
    }
}

/// Decodes up to `max` characters of UTF-8 from the start of `bytes`, returning them with
/// the byte offset where each ends; None if an invalid sequence comes first.
fn decode_utf8_prefix(bytes: &[u8], max: usize) -> Option<(Vec<char>, Vec<usize>)> {
    let mut chars = Vec::new();
    let mut ends = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() && chars.len() < max {
        let width = match bytes[pos] {
            0x00..=0x7f => 1,
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => return None,
        };
        let piece = bytes.get(pos..pos + width)?;
        let c = std::str::from_utf8(piece).ok()?.chars().next()?;
        chars.push(c);
        pos += width;
        ends.push(pos);
    }
    Some((chars, ends))
}

/// Writes an item on one line.
fn write(out: &mut String, it: &Item) {
    match &it.node {
        Node::Leaf { text, .. } => out.push_str(text),
        Node::List(elems, tail) => {
            out.push('[');
            write_seq(out, elems, tail, '|');
            out.push(']');
        }
        Node::Tuple { elems, tail, .. } => {
            out.push('{');
            write_seq(out, elems, tail, ',');
            out.push('}');
        }
        Node::Map(pairs, dots) => {
            out.push_str("#{");
            let tail = if *dots { Tail::Dots } else { Tail::Nil };
            write_seq(out, pairs, &tail, ',');
            out.push('}');
        }
        Node::Pair(k, v) => {
            write(out, k);
            out.push_str(" => ");
            write(out, v);
        }
        Node::Bytes(segments) => {
            out.push_str("<<");
            out.push_str(&segments.join(","));
            out.push_str(">>");
        }
    }
}

fn write_seq(out: &mut String, elems: &[Item], tail: &Tail, sep: char) {
    if elems.is_empty() {
        if matches!(tail, Tail::Dots) {
            out.push_str("...");
        }
        return;
    }
    for (i, e) in elems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, e);
    }
    match tail {
        Tail::Nil => {}
        Tail::Dots => {
            out.push(sep);
            out.push_str("...");
        }
        Tail::Improper(e) => {
            out.push(sep);
            write(out, e);
        }
    }
}

fn spaces(out: &mut String, n: i64) {
    for _ in 0..n {
        out.push(' ');
    }
}

/// The number of closing brackets that follow an element: none when more elements come
/// after it, one more than the enclosing count when it is the last.
fn last_depth(rest_is_empty: bool, ld: i64) -> i64 {
    if rest_is_empty {
        ld + 1
    } else {
        0
    }
}

/// The layout cannot place a tagged tuple's elements with the chosen indentation.
struct NoGood;

/// The layout parameters: line length, widest line (`m`), and the indentation of tagged
/// tuples' elements (`tind`; not positive means "after the tag").
struct Layout {
    ll: i64,
    m: i64,
    tind: i64,
}

impl Layout {
    /// Does text of length `len` fit at `col`, followed by `ld` closing brackets, on a
    /// line already holding `w` characters?
    fn fits(&self, len: i64, col: i64, ld: i64, w: i64) -> bool {
        len < self.ll - col - ld && len + w + ld <= self.m
    }

    /// Can a further element of length `elen` (its comma included) stay on the line?
    fn fits_next(&self, elen: i64, col: i64, ld1: i64, w: i64) -> bool {
        if ld1 == 0 {
            elen + 1 < self.ll - col && w + elen < self.m
        } else {
            elen < self.ll - col - ld1 && w + elen + ld1 <= self.m
        }
    }

    fn value_indent(&self) -> i64 {
        if self.tind > 0 {
            self.tind
        } else {
            4
        }
    }

    fn pp(&self, out: &mut String, it: &Item, col: i64, ind: i64, ld: i64, w: i64) {
        if self.fits(it.len, col, ld, w) {
            write(out, it);
            return;
        }
        match &it.node {
            Node::List(elems, tail) => {
                out.push('[');
                self.pp_list(out, elems, tail, col + 1, ind + 1, ld, '|', w + 1);
                out.push(']');
            }
            Node::Tuple { tagged: true, elems, tail } => {
                out.push('{');
                self.pp_tag_tuple(out, elems, tail, col, ind, ld, w + 1);
                out.push('}');
            }
            Node::Tuple { elems, tail, .. } => {
                out.push('{');
                self.pp_list(out, elems, tail, col + 1, ind + 1, ld, ',', w + 1);
                out.push('}');
            }
            Node::Map(pairs, dots) => {
                out.push_str("#{");
                self.pp_map(out, pairs, *dots, col + 2, ind + 2, ld, w + 1);
                out.push('}');
            }
            Node::Bytes(segments) => self.pp_bytes(out, segments, col + 2, ind + 2, ld, w),
            _ => write(out, it),
        }
    }

    /// Fills lines with a binary's byte values, starting a new line (indented past the
    /// `<<`) before a value that would overflow the width.
    fn pp_bytes(&self, out: &mut String, segments: &[String], col: i64, ind: i64, ld: i64, w: i64) {
        let width = ((self.ll - col).min(self.m - 4 - w) - ld).max(8);
        let mut room = width;
        out.push_str("<<");
        for (i, seg) in segments.iter().enumerate() {
            let seg_len = seg.len() as i64;
            if i + 1 < segments.len() {
                if room - (seg_len + 1) < 0 {
                    out.push('\n');
                    spaces(out, ind);
                    room = width - (seg_len + 1);
                } else {
                    room -= seg_len + 1;
                }
                out.push_str(seg);
                out.push(',');
            } else {
                if seg_len > room {
                    out.push('\n');
                    spaces(out, ind);
                }
                out.push_str(seg);
            }
        }
        out.push_str(">>");
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_tag_tuple(&self, out: &mut String, elems: &[Item], tail: &Tail, col: i64, ind: i64, ld: i64, w: i64) {
        let Some((tag, rest)) = elems.split_first() else {
            return;
        };
        let tag_ind = tag.len + 2;
        let tcol = col + tag_ind;
        write(out, tag);
        if self.tind > 0 && tag_ind > self.tind {
            self.pp_tail(out, rest, tail, col + self.tind, tcol, ind + self.tind, ld, ',', w + tag.len);
        } else {
            out.push(',');
            self.pp_list(out, rest, tail, tcol, ind + tag_ind, ld, ',', w + tag.len + 1);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_list(&self, out: &mut String, elems: &[Item], tail: &Tail, col0: i64, ind: i64, ld: i64, sep: char, w: i64) {
        match elems.split_first() {
            None => {
                if matches!(tail, Tail::Dots) {
                    out.push_str("...");
                }
            }
            Some((first, rest)) => {
                let we = self.pp_element(out, first, col0, ind, last_depth(rest.is_empty(), ld), w);
                self.pp_tail(out, rest, tail, col0, col0 + we, ind, ld, sep, w + we);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_tail(
        &self,
        out: &mut String,
        elems: &[Item],
        tail: &Tail,
        col0: i64,
        col: i64,
        ind: i64,
        ld: i64,
        sep: char,
        w: i64,
    ) {
        let (mut col, mut w) = (col, w);
        for (i, e) in elems.iter().enumerate() {
            let ld1 = last_depth(i + 1 == elems.len(), ld);
            let elen = 1 + e.len;
            out.push(',');
            if simple(e) && self.fits_next(elen, col, ld1, w) {
                write(out, e);
                col += elen;
                w += elen;
            } else {
                out.push('\n');
                spaces(out, ind);
                let we = self.pp_element(out, e, col0, ind, ld1, 0);
                col = col0 + we;
                w = we;
            }
        }
        match tail {
            Tail::Nil => {}
            Tail::Dots => {
                out.push(sep);
                out.push_str("...");
            }
            Tail::Improper(e) => {
                out.push(sep);
                if simple(e) && self.fits(e.len + 1, col, ld + 1, w) {
                    write(out, e);
                } else {
                    out.push('\n');
                    spaces(out, ind);
                    self.pp(out, e, col0, ind, ld + 1, 0);
                }
            }
        }
    }

    /// Writes an element and returns its width, or the line length when whatever follows
    /// must start a new line.
    fn pp_element(&self, out: &mut String, e: &Item, col: i64, ind: i64, ld: i64, w: i64) -> i64 {
        if simple(e) && self.fits(e.len, col, ld, w) {
            write(out, e);
            e.len
        } else {
            self.pp(out, e, col, ind, ld, w);
            self.ll
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_map(&self, out: &mut String, pairs: &[Item], dots: bool, col: i64, ind: i64, ld: i64, w: i64) {
        match pairs.split_first() {
            None => {
                if dots {
                    out.push_str("...");
                }
            }
            Some((first, rest)) => {
                let pw = self.pp_pair(out, first, col, ind, last_depth(rest.is_empty(), ld), w);
                let (mut c, mut w) = (col + pw, pw);
                for (i, p) in rest.iter().enumerate() {
                    let ld1 = last_depth(i + 1 == rest.len(), ld);
                    let elen = 1 + p.len;
                    out.push(',');
                    if simple_pair(p) && self.fits_next(elen, c, ld1, w) {
                        write(out, p);
                        c += elen;
                        w += elen;
                    } else {
                        out.push('\n');
                        spaces(out, ind);
                        let pw = self.pp_pair(out, p, col, ind, ld1, 0);
                        c = col + pw;
                        w = pw;
                    }
                }
                if dots {
                    out.push_str(",...");
                }
            }
        }
    }

    /// Writes a `Key => Value` pair, breaking after the arrow when it does not fit.
    fn pp_pair(&self, out: &mut String, p: &Item, col: i64, ind: i64, ld: i64, w: i64) -> i64 {
        if self.fits(p.len, col, ld, w) {
            write(out, p);
            return if simple_pair(p) { p.len } else { self.ll };
        }
        if let Node::Pair(k, v) = &p.node {
            let i = self.value_indent();
            self.pp(out, k, col, ind, ld, w);
            out.push_str(" =>\n");
            spaces(out, ind + i);
            self.pp(out, v, col + i, ind + i, ld, 0);
        } else {
            self.pp(out, p, col, ind, ld, w);
        }
        self.ll
    }

    /// Checks that every tagged tuple in `it` can be laid out with this layout's `tind`.
    fn cind(&self, it: &Item, col: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        if self.fits(it.len, col, ld, w) {
            return Ok(());
        }
        match &it.node {
            Node::List(elems, tail) => self.cind_list(elems, tail, col + 1, ld, w + 1),
            Node::Tuple { tagged: true, elems, tail } => self.cind_tag_tuple(elems, tail, col, ld, w + 1),
            Node::Tuple { elems, tail, .. } => self.cind_list(elems, tail, col + 1, ld, w + 1),
            Node::Map(pairs, _) => self.cind_map(pairs, col + 2, ld, w + 2),
            _ => Ok(()),
        }
    }

    fn cind_tag_tuple(&self, elems: &[Item], tail: &Tail, col: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let Some((tag, rest)) = elems.split_first() else {
            return Ok(());
        };
        let tag_ind = tag.len + 2;
        let tcol = col + tag_ind;
        if self.tind > 0 && tag_ind > self.tind {
            let col1 = col + self.tind;
            if self.m + col1 <= self.ll || col1 <= self.ll / 2 {
                self.cind_tail(rest, tail, col1, tcol, ld, w + tag.len)
            } else {
                Err(NoGood)
            }
        } else if self.m + tcol < self.ll || tcol < self.ll / 2 {
            self.cind_list(rest, tail, tcol, ld, w + tag.len + 1)
        } else {
            Err(NoGood)
        }
    }

    fn cind_list(&self, elems: &[Item], tail: &Tail, col0: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        match elems.split_first() {
            None => Ok(()),
            Some((first, rest)) => {
                let we = self.cind_element(first, col0, last_depth(rest.is_empty(), ld), w)?;
                self.cind_tail(rest, tail, col0, col0 + we, ld, w + we)
            }
        }
    }

    fn cind_tail(&self, elems: &[Item], tail: &Tail, col0: i64, col: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let (mut col, mut w) = (col, w);
        for (i, e) in elems.iter().enumerate() {
            let ld1 = last_depth(i + 1 == elems.len(), ld);
            let elen = 1 + e.len;
            if simple(e) && self.fits_next(elen, col, ld1, w) {
                col += elen;
                w += elen;
            } else {
                let we = self.cind_element(e, col0, ld1, 0)?;
                col = col0 + we;
                w = we;
            }
        }
        match tail {
            Tail::Improper(e) if !(simple(e) && self.fits(e.len + 1, col, ld + 1, w)) => self.cind(e, col, ld + 1, 0),
            _ => Ok(()),
        }
    }

    fn cind_element(&self, e: &Item, col: i64, ld: i64, w: i64) -> Result<i64, NoGood> {
        if simple(e) && self.fits(e.len, col, ld, w) {
            Ok(e.len)
        } else {
            self.cind(e, col, ld, w)?;
            Ok(self.ll)
        }
    }

    fn cind_map(&self, pairs: &[Item], col: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let Some((first, rest)) = pairs.split_first() else {
            return Ok(());
        };
        let pw = self.cind_pair(first, col, last_depth(rest.is_empty(), ld), w)?;
        let (mut c, mut w) = (col + pw, w + pw);
        for (i, p) in rest.iter().enumerate() {
            let ld1 = last_depth(i + 1 == rest.len(), ld);
            let elen = 1 + p.len;
            if simple_pair(p) && self.fits_next(elen, c, ld1, w) {
                c += elen;
                w += elen;
            } else {
                let pw = self.cind_pair(p, col, ld1, 0)?;
                c = col + pw;
                w = pw;
            }
        }
        Ok(())
    }

    fn cind_pair(&self, p: &Item, col: i64, ld: i64, w: i64) -> Result<i64, NoGood> {
        if self.fits(p.len, col, ld, w) {
            return Ok(if simple_pair(p) { p.len } else { self.ll });
        }
        if let Node::Pair(k, v) = &p.node {
            self.cind(k, col, ld, w)?;
            self.cind(v, col + self.value_indent(), ld, 0)?;
        }
        Ok(self.ll)
    }
}

#[cfg(test)]
mod tests {
    use super::super::format::tests::{check, Case};

    /// Layout cases: wide and nested terms, strings, binaries, maps, improper lists, depth
    /// limits and start columns, each with the text erl produced for it.
    const LAYOUTS: &[Case] = &[
        ("~p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]]", Some("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,\n 29,30,31,32,33,34,35,36,37,38,39,40]")),
        ("abc ~p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]]", Some("abc [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,\n     28,29,30,31,32,33,34,35,36,37,38,39,40]")),
        ("\t~p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]]", Some("\t[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,\n         27,28,29,30,31,32,33,34,35,36,37,38,39,40]")),
        ("12345678\t~p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]]", Some("12345678\t[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,\n                 24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]")),
        ("line1~nab ~p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]]", Some("line1\nab [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,\n    28,29,30,31,32,33,34,35,36,37,38,39,40]")),
        ("~s~p", "[\"prefix: \",[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]]", Some("prefix: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,\n         27,28,29,30,31,32,33,34,35,36,37,38,39,40]")),
        ("~p ~p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30],[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]]", Some("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,\n 29,30] [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,\n         27,28,29,30]")),
        ("~.10p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]]", Some("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,\n          26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]")),
        ("~40p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]]", Some("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,\n 16,17,18,19,20,21,22,23,24,25,26,27,\n 28,29,30,31,32,33,34,35,36,37,38,39,\n 40]")),
        ("~0p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60]]", Some("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60]")),
        ("~120p", "[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]]", Some("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]")),
        ("~p", "[[{alpha,0},{beta,1},{gamma,2},{delta,3},{epsilon,4},{zeta,5},{eta,6},{theta,7},{iota,8},{kappa,9},{lambda,10},{mu,11}]]", Some("[{alpha,0},\n {beta,1},\n {gamma,2},\n {delta,3},\n {epsilon,4},\n {zeta,5},\n {eta,6},\n {theta,7},\n {iota,8},\n {kappa,9},\n {lambda,10},\n {mu,11}]")),
        ("~p", "[[{alpha,\"alphaalphaalpha\",0},{beta,\"betabetabeta\",1000},{gamma,\"gammagammagamma\",2000},{delta,\"deltadeltadelta\",3000},{epsilon,\"epsilonepsilonepsilon\",4000},{zeta,\"zetazetazeta\",5000},{eta,\"etaetaeta\",6000},{theta,\"thetathetatheta\",7000},{iota,\"iotaiotaiota\",8000},{kappa,\"kappakappakappa\",9000},{lambda,\"lambdalambdalambda\",10000},{mu,\"mumumu\",11000}]]", Some("[{alpha,\"alphaalphaalpha\",0},\n {beta,\"betabetabeta\",1000},\n {gamma,\"gammagammagamma\",2000},\n {delta,\"deltadeltadelta\",3000},\n {epsilon,\"epsilonepsilonepsilon\",4000},\n {zeta,\"zetazetazeta\",5000},\n {eta,\"etaetaeta\",6000},\n {theta,\"thetathetatheta\",7000},\n {iota,\"iotaiotaiota\",8000},\n {kappa,\"kappakappakappa\",9000},\n {lambda,\"lambdalambdalambda\",10000},\n {mu,\"mumumu\",11000}]")),
        ("~p", "[[\"alphaalphaalphaalphaalphaalphaalphaalpha\",\"betabetabetabetabetabetabetabeta\",\"gammagammagammagammagammagammagammagamma\",\"deltadeltadeltadeltadeltadeltadeltadelta\",\"epsilonepsilonepsilonepsilonepsilonepsilonepsilonepsilon\",\"zetazetazetazetazetazetazetazeta\"]]", Some("[\"alphaalphaalphaalphaalphaalphaalphaalpha\",\n \"betabetabetabetabetabetabetabeta\",\n \"gammagammagammagammagammagammagammagamma\",\n \"deltadeltadeltadeltadeltadeltadeltadelta\",\n \"epsilonepsilonepsilonepsilonepsilonepsilonepsilonepsilon\",\n \"zetazetazetazetazetazetazetazeta\"]")),
        ("~p", "[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]", Some("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")),
        ("~p", "[[\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",x]]", Some("[\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\n x]")),
        ("~p", "[<<\"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\">>]", Some("<<\"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\">>")),
        ("~p", "[[<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>,<<1,2>>]]", Some("[<<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>,\n <<1,2>>]")),
        ("~p", "[[<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>]]", Some("[<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,\n <<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,\n <<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,\n <<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>,<<\"ab\">>]")),
        ("~p", "[{some_long_tag_name_here,[{key_one,value_one},{key_two,value_two},{key_three,value_three}],{nested,tuple,with,some,more,elements,in_it}}]", Some("{some_long_tag_name_here,[{key_one,value_one},\n                          {key_two,value_two},\n                          {key_three,value_three}],\n                         {nested,tuple,with,some,more,elements,in_it}}")),
        ("~p", "[#{alpha => 1, beta => [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20], gamma => {a_tuple,with_some_atoms,inside_it,to_make_it,long}}]", Some("#{alpha => 1,\n  beta => [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20],\n  gamma => {a_tuple,with_some_atoms,inside_it,to_make_it,long}}")),
        ("~p", "[{state,#{alpha => {alpha_value,0},beta => {beta_value,1},gamma => {gamma_value,2},delta => {delta_value,3},epsilon => {epsilon_value,4},zeta => {zeta_value,5},eta => {eta_value,6},theta => {theta_value,7}},ok}]", Some("{state,#{alpha => {alpha_value,0},\n         beta => {beta_value,1},\n         delta => {delta_value,3},\n         epsilon => {epsilon_value,4},\n         eta => {eta_value,6},\n         gamma => {gamma_value,2},\n         theta => {theta_value,7},\n         zeta => {zeta_value,5}},\n       ok}")),
        ("~p", "[{config,#{name => \"server\", port => 8080, options => [{alpha,true},{beta,true},{gamma,true},{delta,true},{epsilon,true},{zeta,true},{eta,true},{theta,true},{iota,true},{kappa,true},{lambda,true},{mu,true}]}}]", Some("{config,#{name => \"server\",\n          options =>\n              [{alpha,true},\n               {beta,true},\n               {gamma,true},\n               {delta,true},\n               {epsilon,true},\n               {zeta,true},\n               {eta,true},\n               {theta,true},\n               {iota,true},\n               {kappa,true},\n               {lambda,true},\n               {mu,true}],\n          port => 8080}}")),
        ("~p", "[#{{alpha,alpha} => [1,2,3,4,5,6,7,8,9,10,11,12],{beta,beta} => [1,2,3,4,5,6,7,8,9,10,11,12],{gamma,gamma} => [1,2,3,4,5,6,7,8,9,10,11,12],{delta,delta} => [1,2,3,4,5,6,7,8,9,10,11,12]}]", Some("#{{alpha,alpha} => [1,2,3,4,5,6,7,8,9,10,11,12],\n  {beta,beta} => [1,2,3,4,5,6,7,8,9,10,11,12],\n  {delta,delta} => [1,2,3,4,5,6,7,8,9,10,11,12],\n  {gamma,gamma} => [1,2,3,4,5,6,7,8,9,10,11,12]}")),
        ("~p", "[#{[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30] => [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]}]", Some("#{[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,\n   29,30] =>\n      [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,\n       27,28,29,30]}")),
        ("~p", "[#{averyveryveryveryverylongkeyname_averyveryveryveryverylongkeyname_ => {averyveryveryveryverylongvaluename,averyveryveryveryverylongvaluename}}]", Some("#{averyveryveryveryverylongkeyname_averyveryveryveryverylongkeyname_ =>\n      {averyveryveryveryverylongvaluename,averyveryveryveryverylongvaluename}}")),
        ("~p", "[[aaaaaaaaaa,bbbbbbbbbbbbb,cccccccccccccccc,ddddddddddddddddddd,eeeeeeeeeeeeeeeee|{ffffffffffffffffff,gggggggggggggggggg,hhhhhhhhhhhhhhhhhh}]]", Some("[aaaaaaaaaa,bbbbbbbbbbbbb,cccccccccccccccc,ddddddddddddddddddd,\n eeeeeeeeeeeeeeeee|\n {ffffffffffffffffff,gggggggggggggggggg,hhhhhhhhhhhhhhhhhh}]")),
        ("~p", "[[a,b|{ffffffffffffffffffffffffffffff,gggggggggggggggggggggggggggggggggg,hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh}]]", Some("[a,b|\n {ffffffffffffffffffffffffffffff,gggggggggggggggggggggggggggggggggg,\n                                 hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh}]")),
        ("~p", "[[xxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxx|yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy]]", Some("[xxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxx|\n yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy]")),
        ("~p", "[[xxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxx|[\"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\"]]]", Some("[xxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxx,\n \"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\"]")),
        ("~p", "[{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,{bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,{cccccccccccccccccccccccccccccc,{dddddddddddddddddddd,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]}}}}]", Some("{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,\n    {bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,\n        {cccccccccccccccccccccccccccccc,\n            {dddddddddddddddddddd,\n                [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,\n                 24,25]}}}}")),
        ("~p", "[{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,cccccccccccccccccccccccccccccc}]", Some("{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,\n    bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,cccccccccccccccccccccccccccccc}")),
        ("~p", "[{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,[cccccccccccccccccccccccccccccc,dddddddddddddddddddddddddddddd]}]", Some("{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,\n    bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,\n    [cccccccccccccccccccccccccccccc,dddddddddddddddddddddddddddddd]}")),
        ("~p", "[{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,{bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,cccccccccccccccccccccccccccccc,dddddddddddddddddddddddddddddd}}]", Some("{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,\n    {bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,cccccccccccccccccccccccccccccc,\n        dddddddddddddddddddddddddddddd}}")),
        ("~p", "[{\"notatagnotatagnotatagnotatagnotatag\",bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,cccccccccccccccccccccccccccccc}]", Some("{\"notatagnotatagnotatagnotatagnotatag\",bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,\n cccccccccccccccccccccccccccccc}")),
        ("~p", "[{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39}]", Some("{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,\n 29,30,31,32,33,34,35,36,37,38,39}")),
        ("~p", "[[[{0,0},{0,1},{0,2},{0,3}],[{1,0},{1,1},{1,2},{1,3}],[{2,0},{2,1},{2,2},{2,3}],[{3,0},{3,1},{3,2},{3,3}],[{4,0},{4,1},{4,2},{4,3}],[{5,0},{5,1},{5,2},{5,3}]]]", Some("[[{0,0},{0,1},{0,2},{0,3}],\n [{1,0},{1,1},{1,2},{1,3}],\n [{2,0},{2,1},{2,2},{2,3}],\n [{3,0},{3,1},{3,2},{3,3}],\n [{4,0},{4,1},{4,2},{4,3}],\n [{5,0},{5,1},{5,2},{5,3}]]")),
        ("~p", "[[{k1,[1]},{k2,[1,2]},{k3,[1,2,3]},{k4,[1,2,3,4]},{k5,[1,2,3,4,5]},{k6,[1,2,3,4,5,6]},{k7,[1,2,3,4,5,6,7]},{k8,[1,2,3,4,5,6,7,8]},{k9,[1,2,3,4,5,6,7,8,9]},{k10,[1,2,3,4,5,6,7,8,9,10]},{k11,[1,2,3,4,5,6,7,8,9,10,11]},{k12,[1,2,3,4,5,6,7,8,9,10,11,12]},{k13,[1,2,3,4,5,6,7,8,9,10,11,12,13]},{k14,[1,2,3,4,5,6,7,8,9,10,11,12,13,14]}]]", Some("[{k1,[1]},\n {k2,[1,2]},\n {k3,[1,2,3]},\n {k4,[1,2,3,4]},\n {k5,[1,2,3,4,5]},\n {k6,[1,2,3,4,5,6]},\n {k7,[1,2,3,4,5,6,7]},\n {k8,[1,2,3,4,5,6,7,8]},\n {k9,[1,2,3,4,5,6,7,8,9]},\n {k10,[1,2,3,4,5,6,7,8,9,10]},\n {k11,[1,2,3,4,5,6,7,8,9,10,11]},\n {k12,[1,2,3,4,5,6,7,8,9,10,11,12]},\n {k13,[1,2,3,4,5,6,7,8,9,10,11,12,13]},\n {k14,[1,2,3,4,5,6,7,8,9,10,11,12,13,14]}]")),
        ("~p", "[[{error,{badmatch,[1,2,3,4,5]},[{mod,func,2,[{file,\"src/mod.erl\"},{line,42}]},{mod,func,2,[{file,\"src/mod.erl\"},{line,42}]},{mod,func,2,[{file,\"src/mod.erl\"},{line,42}]}]}]]", Some("[{error,{badmatch,[1,2,3,4,5]},\n        [{mod,func,2,[{file,\"src/mod.erl\"},{line,42}]},\n         {mod,func,2,[{file,\"src/mod.erl\"},{line,42}]},\n         {mod,func,2,[{file,\"src/mod.erl\"},{line,42}]}]}]")),
        ("~p", "[{'EXIT',<<\"pid\">>,{function_clause,[{lists,map,[fun_placeholder,not_a_list],[{file,\"lists.erl\"},{line,1243}]}]}}]", Some("{'EXIT',<<\"pid\">>,\n        {function_clause,[{lists,map,\n                                 [fun_placeholder,not_a_list],\n                                 [{file,\"lists.erl\"},{line,1243}]}]}}")),
        ("~p", "[{'Quoted Tag',xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy}]", Some("{'Quoted Tag',xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,\n              yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy}")),
        ("~p", "[[{0,0,0,0,0,0,0,0},{1,1,1,1,1,1,1,1},{2,2,2,2,2,2,2,2},{3,3,3,3,3,3,3,3},{4,4,4,4,4,4,4,4},{5,5,5,5,5,5,5,5},{6,6,6,6,6,6,6,6},{7,7,7,7,7,7,7,7}]]", Some("[{0,0,0,0,0,0,0,0},\n {1,1,1,1,1,1,1,1},\n {2,2,2,2,2,2,2,2},\n {3,3,3,3,3,3,3,3},\n {4,4,4,4,4,4,4,4},\n {5,5,5,5,5,5,5,5},\n {6,6,6,6,6,6,6,6},\n {7,7,7,7,7,7,7,7}]")),
        ("~p", "[[{1.5,-1,\"s1\"},{3.0,-2,\"s2\"},{4.5,-3,\"s3\"},{6.0,-4,\"s4\"},{7.5,-5,\"s5\"},{9.0,-6,\"s6\"},{10.5,-7,\"s7\"},{12.0,-8,\"s8\"},{13.5,-9,\"s9\"},{15.0,-10,\"s10\"},{16.5,-11,\"s11\"},{18.0,-12,\"s12\"},{19.5,-13,\"s13\"},{21.0,-14,\"s14\"}]]", Some("[{1.5,-1,\"s1\"},\n {3.0,-2,\"s2\"},\n {4.5,-3,\"s3\"},\n {6.0,-4,\"s4\"},\n {7.5,-5,\"s5\"},\n {9.0,-6,\"s6\"},\n {10.5,-7,\"s7\"},\n {12.0,-8,\"s8\"},\n {13.5,-9,\"s9\"},\n {15.0,-10,\"s10\"},\n {16.5,-11,\"s11\"},\n {18.0,-12,\"s12\"},\n {19.5,-13,\"s13\"},\n {21.0,-14,\"s14\"}]")),
        ("~p", "[[#{a => 1},#{},#{b => [1,2,3]},#{a => 1},#{},#{b => [1,2,3]},#{a => 1},#{},#{b => [1,2,3]},#{a => 1},#{},#{b => [1,2,3]},#{a => 1},#{},#{b => [1,2,3]},#{a => 1},#{},#{b => [1,2,3]}]]", Some("[#{a => 1},\n #{},\n #{b => [1,2,3]},\n #{a => 1},\n #{},\n #{b => [1,2,3]},\n #{a => 1},\n #{},\n #{b => [1,2,3]},\n #{a => 1},\n #{},\n #{b => [1,2,3]},\n #{a => 1},\n #{},\n #{b => [1,2,3]},\n #{a => 1},\n #{},\n #{b => [1,2,3]}]")),
        ("~p", "[[[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>,[],{},\"\",<<>>]]", Some("[[],{},[],<<>>,[],{},[],<<>>,[],{},[],<<>>,[],{},[],<<>>,[],{},[],<<>>,[],{},\n [],<<>>,[],{},[],<<>>,[],{},[],<<>>,[],{},[],<<>>,[],{},[],<<>>,[],{},[],\n <<>>,[],{},[],<<>>]")),
        ("~p", "[{tag,[\"alpha\",\"beta\",\"gamma\",\"delta\",\"epsilon\",\"zeta\",\"eta\",\"theta\",\"iota\",\"kappa\",\"lambda\",\"mu\"]}]", Some("{tag,[\"alpha\",\"beta\",\"gamma\",\"delta\",\"epsilon\",\"zeta\",\"eta\",\"theta\",\"iota\",\n      \"kappa\",\"lambda\",\"mu\"]}")),
        ("~p", "[{x,\"long string long string long string long string long string long string long string long string \"}]", Some("{x,\"long string long string long string long string long string long string long string long string \"}")),
        ("~tp", "[{t,\"caf\\x{E9} na\\x{EF}ve\",'\\x{43F}\\x{440}\\x{438}\\x{432}\\x{435}\\x{442}',[1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088]}]", Some("{t,\"caf\u{e9} na\u{ef}ve\",'\u{43f}\u{440}\u{438}\u{432}\u{435}\u{442}',\n   [1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,\n    1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,\n    1087,1088,1087,1088,1087,1088,1087,1088,1087,1088,1087,1088]}")),
        ("~P", "[[{alpha,[1,2,3,4,5,6,7,8,9,10]},{beta,[1,2,3,4,5,6,7,8,9,10]},{gamma,[1,2,3,4,5,6,7,8,9,10]},{delta,[1,2,3,4,5,6,7,8,9,10]},{epsilon,[1,2,3,4,5,6,7,8,9,10]},{zeta,[1,2,3,4,5,6,7,8,9,10]},{eta,[1,2,3,4,5,6,7,8,9,10]},{theta,[1,2,3,4,5,6,7,8,9,10]},{iota,[1,2,3,4,5,6,7,8,9,10]},{kappa,[1,2,3,4,5,6,7,8,9,10]},{lambda,[1,2,3,4,5,6,7,8,9,10]},{mu,[1,2,3,4,5,6,7,8,9,10]}], 4]", Some("[{alpha,[...]},{beta,...},{...}|...]")),
        ("~P", "[[{alpha,[1,2,3,4,5,6,7,8,9,10]},{beta,[1,2,3,4,5,6,7,8,9,10]},{gamma,[1,2,3,4,5,6,7,8,9,10]},{delta,[1,2,3,4,5,6,7,8,9,10]},{epsilon,[1,2,3,4,5,6,7,8,9,10]},{zeta,[1,2,3,4,5,6,7,8,9,10]},{eta,[1,2,3,4,5,6,7,8,9,10]},{theta,[1,2,3,4,5,6,7,8,9,10]},{iota,[1,2,3,4,5,6,7,8,9,10]},{kappa,[1,2,3,4,5,6,7,8,9,10]},{lambda,[1,2,3,4,5,6,7,8,9,10]},{mu,[1,2,3,4,5,6,7,8,9,10]}], 15]", Some("[{alpha,[1,2,3,4,5,6,7,8,9,10]},\n {beta,[1,2,3,4,5,6,7,8,9,10]},\n {gamma,[1,2,3,4,5,6,7,8,9|...]},\n {delta,[1,2,3,4,5,6,7,8|...]},\n {epsilon,[1,2,3,4,5,6,7|...]},\n {zeta,[1,2,3,4,5,6|...]},\n {eta,[1,2,3,4,5|...]},\n {theta,[1,2,3,4|...]},\n {iota,[1,2,3|...]},\n {kappa,[1,2|...]},\n {lambda,[1|...]},\n {mu,[...]}]")),
        ("~P", "[{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,{bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,{cccccccccccccccccccccccccccccccccccccccc,d}}}, 3]", Some("{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,{...}}")),
        ("~P", "[#{alpha => [1,2,3,4,5,6,7,8],beta => [1,2,3,4,5,6,7,8],gamma => [1,2,3,4,5,6,7,8],delta => [1,2,3,4,5,6,7,8],epsilon => [1,2,3,4,5,6,7,8],zeta => [1,2,3,4,5,6,7,8]}, 5]", Some("#{alpha => [1,2,3|...],\n  beta => [1,2,3|...],\n  delta => [1,2,3|...],\n  epsilon => [1,2,3|...],...}")),
        ("~P", "[[\"alphaalphaalphaalphaalpha\",\"betabetabetabetabeta\",\"gammagammagammagammagamma\",\"deltadeltadeltadeltadelta\",\"epsilonepsilonepsilonepsilonepsilon\",\"zetazetazetazetazeta\",\"etaetaetaetaeta\",\"thetathetathetathetatheta\",\"iotaiotaiotaiotaiota\",\"kappakappakappakappakappa\",\"lambdalambdalambdalambdalambda\",\"mumumumumu\"], 6]", Some("[\"alphaalphaalphaalphaalpha\",\"betabetabetabetabeta\",\n \"gammagammagammagammagamma\",\"deltadeltadeltadeltadelta\",\n [...]|...]")),
        ("~lp", "[[\"alphaalphaalpha\",\"betabetabeta\",\"gammagammagamma\",\"deltadeltadelta\",\"epsilonepsilonepsilon\",\"zetazetazeta\"]]", Some("[[97,108,112,104,97,97,108,112,104,97,97,108,112,104,97],\n [98,101,116,97,98,101,116,97,98,101,116,97],\n [103,97,109,109,97,103,97,109,109,97,103,97,109,109,97],\n [100,101,108,116,97,100,101,108,116,97,100,101,108,116,97],\n [101,112,115,105,108,111,110,101,112,115,105,108,111,110,101,112,115,105,108,\n  111,110],\n [122,101,116,97,122,101,116,97,122,101,116,97]]")),
        ("~p", "[{k,<<200,201,202,203,204,205,206,207,208,209,210,211,212,213,214,215,216,217,218,219,220,221,222,223,224,225,226,227,228,229,230,231,232,233,234,235,236,237,238,239,240,241,242,243,244,245,246,247,248,249,250,251,252,253,254,255>>}]", Some("{k,<<\"\u{c8}\u{c9}\u{ca}\u{cb}\u{cc}\u{cd}\u{ce}\u{cf}\u{d0}\u{d1}\u{d2}\u{d3}\u{d4}\u{d5}\u{d6}\u{d7}\u{d8}\u{d9}\u{da}\u{db}\u{dc}\u{dd}\u{de}\u{df}\u{e0}\u{e1}\u{e2}\u{e3}\u{e4}\u{e5}\u{e6}\u{e7}\u{e8}\u{e9}\u{ea}\u{eb}\u{ec}\u{ed}\u{ee}\u{ef}\u{f0}\u{f1}\u{f2}\u{f3}\u{f4}\u{f5}\u{f6}\u{f7}\u{f8}\u{f9}\u{fa}\u{fb}\u{fc}\u{fd}\u{fe}\u{ff}\">>}")),
        ("~p", "[{aaaa,[bbbb,bbbb,bbbb,bbbb,bbbb,bbbb,bbbb,bbbb,bbbb,bbbb|cccc],\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}]", Some("{aaaa,[bbbb,bbbb,bbbb,bbbb,bbbb,bbbb,bbbb,bbbb,bbbb,bbbb|cccc],\n      \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}")),
        ("~p", "[{a,{b,{c,{d,{e,{f,[ggggggggggggggg,ggggggggggggggg,ggggggggggggggg,ggggggggggggggg,ggggggggggggggg,ggggggggggggggg]}}}}}}]", Some("{a,{b,{c,{d,{e,{f,[ggggggggggggggg,ggggggggggggggg,ggggggggggggggg,\n                   ggggggggggggggg,ggggggggggggggg,ggggggggggggggg]}}}}}}")),
        ("~p", "[[{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbb},{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbb},{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbb}]]", Some("[{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbb},\n {aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbb},\n {aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbb}]")),
        ("~p", "[{aaa,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30],[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]}]", Some("{aaa,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,\n      28,29,30],\n     [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,\n      28,29,30]}")),
        ("~p", "[{[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30],[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]}]", Some("{[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,\n  29,30],\n [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,\n  29,30]}")),
        ("~p", "[{ok,#{\"alpha\" => <<\"alphaalphaalphaalpha\">>,\"beta\" => <<\"betabetabetabeta\">>,\"gamma\" => <<\"gammagammagammagamma\">>,\"delta\" => <<\"deltadeltadeltadelta\">>,\"epsilon\" => <<\"epsilonepsilonepsilonepsilon\">>}}]", Some("{ok,#{\"alpha\" => <<\"alphaalphaalphaalpha\">>,\"beta\" => <<\"betabetabetabeta\">>,\n      \"delta\" => <<\"deltadeltadeltadelta\">>,\n      \"epsilon\" => <<\"epsilonepsilonepsilonepsilon\">>,\n      \"gamma\" => <<\"gammagammagammagamma\">>}}")),
        ("~*c~P", "[65,$x,{aaaa,[[1]]},3]", Some("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{aaaa,[...]}")),
        ("~*c~P", "[66,$x,{aaaa,[[1]]},3]", Some("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{aaaa,[...]}")),
        ("~*c~P", "[67,$x,{aaaa,[[1]]},3]", Some("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{aaaa,\n                                                                    [...]}")),
        ("~p", "[{abcdefghijklmnopqrstuvwxyz_abcdefghij_klmnop,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30],{x,y}}]", Some("{abcdefghijklmnopqrstuvwxyz_abcdefghij_klmnop,\n    [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,\n     28,29,30],\n    {x,y}}")),
        ("~.30p", "[{tag_of_twenty_chars,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30],\"qqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\"}]", Some("{tag_of_twenty_chars,\n                                 [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,\n                                  18,19,20,21,22,23,24,25,26,27,28,29,30],\n                                 \"qqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\"}")),
        ("~p", "[{tag_a_very_long_tag_name_xxxxxxxxxxxxxxxxxx,{another_very_long_tag_name_yyyyyyyyyyyyyyyyy,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]},z}]", Some("{tag_a_very_long_tag_name_xxxxxxxxxxxxxxxxxx,\n    {another_very_long_tag_name_yyyyyyyyyyyyyyyyy,\n        [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]},\n    z}")),
        ("~.45p", "[{shorttag,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20],{inner,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}}]", Some("{shorttag,\n                                             [1,2,3,4,5,6,7,8,9,10,11,12,13,\n                                              14,15,16,17,18,19,20],\n                                             {inner,\n                                              [1,2,3,4,5,6,7,8,9,10,11,12,13,\n                                               14,15,16,17,18,19,20]}}")),
        ("~.60p", "[{tg,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}]", Some("{tg,\n                                                            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}")),
        ("~30p", "[[{key_alpha,alpha},{key_beta,beta},{key_gamma,gamma},{key_delta,delta},{key_epsilon,epsilon},{key_zeta,zeta},{key_eta,eta},{key_theta,theta},{key_iota,iota},{key_kappa,kappa},{key_lambda,lambda},{key_mu,mu}]]", Some("[{key_alpha,alpha},\n {key_beta,beta},\n {key_gamma,gamma},\n {key_delta,delta},\n {key_epsilon,epsilon},\n {key_zeta,zeta},\n {key_eta,eta},\n {key_theta,theta},\n {key_iota,iota},\n {key_kappa,kappa},\n {key_lambda,lambda},\n {key_mu,mu}]")),
        ("~.70p", "[[1,2,3,4,5,6,7,8,9,10]]", Some("[1,2,3,4,\n                                                                      5,6,7,8,\n                                                                      9,10]")),
        ("~.79p", "[[1,2]]", Some("[1,\n                                                                               2]")),
        ("~.80p", "[{a,b}]", Some("{a,\n                                                                                b}")),
        ("~.200p", "[{aaaa,bbbb}]", Some("{aaaa,\n                                                                                                                                                                                                        bbbb}")),
    ];

    #[test]
    fn layouts_match_erl() {
        check(LAYOUTS);
    }
}
