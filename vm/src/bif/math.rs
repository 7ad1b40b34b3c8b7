//! The `math` module and the plain path functions of `filename`.
//!
//! `math` raises `badarith` when a result is not a finite float, as BEAM does; `filename`
//! here covers the functions that work on strings alone (no file system access).

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::{atoms, Term};

fn num(t: &Term) -> Result<f64, Exception> {
    t.to_f64().filter(|f| f.is_finite()).ok_or_else(Exception::badarg)
}

fn f1(a: &[Term], f: fn(f64) -> f64) -> BifResult {
    let r = f(num(&a[0])?);
    if r.is_finite() {
        Ok(Term::float(r))
    } else {
        Err(Exception::badarith())
    }
}

fn f2(a: &[Term], f: fn(f64, f64) -> f64) -> BifResult {
    let r = f(num(&a[0])?, num(&a[1])?);
    if r.is_finite() {
        Ok(Term::float(r))
    } else {
        Err(Exception::badarith())
    }
}

fn text(t: &Term) -> Result<String, Exception> {
    match t {
        Term::Atom(a) => Ok(a.as_str().to_owned()),
        Term::Bits(b) if b.is_binary() => Ok(String::from_utf8_lossy(&b.to_bytes()).into_owned()),
        other => {
            let mut s = String::new();
            flatten_chars(other, &mut s)?;
            Ok(s)
        }
    }
}

fn flatten_chars(t: &Term, s: &mut String) -> Result<(), Exception> {
    let mut it = t.iter_list();
    for x in it.by_ref() {
        match x {
            Term::Int(c) => s.push(u32::try_from(*c).ok().and_then(char::from_u32).ok_or_else(Exception::badarg)?),
            Term::Atom(a) => s.push_str(a.as_str()),
            other => flatten_chars(other, s)?,
        }
    }
    if matches!(it.tail(), Term::Nil) {
        Ok(())
    } else {
        Err(Exception::badarg())
    }
}

/// Returns text in the same kind as the input: a binary for a binary, a string otherwise.
fn like(input: &Term, s: &str) -> Term {
    match input {
        Term::Bits(_) => Term::binary(s.as_bytes().to_vec()),
        _ => Term::string(s),
    }
}

fn basename(p: &str) -> &str {
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return "";
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// What comes before the last separator (a trailing one counts: the directory of "a/b/"
/// is "a/b", as in OTP), without the separators that end it; "/" for the root.
fn dirname(p: &str) -> String {
    match p.rfind('/') {
        Some(i) => match p[..i].trim_end_matches('/') {
            "" => "/".to_owned(),
            head => head.to_owned(),
        },
        None => ".".to_owned(),
    }
}

fn extension(p: &str) -> &str {
    let base = basename(p);
    match base.rfind('.') {
        Some(i) if i > 0 => &base[i..],
        _ => "",
    }
}

/// `filename:join/2`: `b` under `a` (or `b` alone if it is absolute), tidied as OTP tidies
/// it: no empty components, no trailing separator, and no `.` component except a relative
/// path's first one or a final one.
fn join(a: &str, b: &str) -> String {
    let s = if b.starts_with('/') {
        b.to_owned()
    } else if b.is_empty() {
        a.to_owned()
    } else {
        format!("{a}/{b}")
    };
    let absolute = s.starts_with('/');
    let mut kept: Vec<&str> = Vec::new();
    let mut first = true;
    let mut rest = s.as_str();
    while !rest.is_empty() {
        let (part, after) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        rest = after.strip_prefix('/').unwrap_or(after);
        if part.is_empty() {
            continue;
        }
        let at_end = after.is_empty();
        if part != "." || (first && !absolute) || at_end {
            kept.push(part);
        }
        first = false;
    }
    let joined = kept.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

bifs! {
    "math", "pi", 0 => |_, _| Ok(Term::float(std::f64::consts::PI));
    "math", "e", 0 => |_, _| Ok(Term::float(std::f64::consts::E));
    "math", "tau", 0 => |_, _| Ok(Term::float(std::f64::consts::TAU));
    "math", "sqrt", 1 => |_, a| f1(a, f64::sqrt);
    "math", "exp", 1 => |_, a| f1(a, f64::exp);
    "math", "log", 1 => |_, a| f1(a, f64::ln);
    "math", "log2", 1 => |_, a| f1(a, f64::log2);
    "math", "log10", 1 => |_, a| f1(a, f64::log10);
    "math", "sin", 1 => |_, a| f1(a, f64::sin);
    "math", "cos", 1 => |_, a| f1(a, f64::cos);
    "math", "tan", 1 => |_, a| f1(a, f64::tan);
    "math", "asin", 1 => |_, a| f1(a, f64::asin);
    "math", "acos", 1 => |_, a| f1(a, f64::acos);
    "math", "atan", 1 => |_, a| f1(a, f64::atan);
    "math", "sinh", 1 => |_, a| f1(a, f64::sinh);
    "math", "cosh", 1 => |_, a| f1(a, f64::cosh);
    "math", "tanh", 1 => |_, a| f1(a, f64::tanh);
    "math", "asinh", 1 => |_, a| f1(a, f64::asinh);
    "math", "acosh", 1 => |_, a| f1(a, f64::acosh);
    "math", "atanh", 1 => |_, a| f1(a, f64::atanh);
    "math", "ceil", 1 => |_, a| f1(a, f64::ceil);
    "math", "floor", 1 => |_, a| f1(a, f64::floor);
    // libm (a port of musl's) computes erfc directly, keeping its precision for large x.
    "math", "erf", 1 => |_, a| f1(a, libm::erf);
    "math", "erfc", 1 => |_, a| f1(a, libm::erfc);
    "math", "pow", 2 => |_, a| f2(a, f64::powf);
    "math", "atan2", 2 => |_, a| f2(a, f64::atan2);
    "math", "fmod", 2 => |_, a| f2(a, |x, y| x % y);
    "filename", "basename", 1 => |_, a| { let s = text(&a[0])?; Ok(like(&a[0], basename(&s))) };
    "filename", "dirname", 1 => |_, a| { let s = text(&a[0])?; Ok(like(&a[0], &dirname(&s))) };
    "filename", "extension", 1 => |_, a| { let s = text(&a[0])?; Ok(like(&a[0], extension(&s))) };
    "filename", "rootname", 1 => |_, a| {
        let s = text(&a[0])?;
        let ext = extension(&s).len();
        Ok(like(&a[0], &s[..s.len() - ext]))
    };
    "filename", "rootname", 2 => |_, a| {
        let (f, ext) = (text(&a[0])?, text(&a[1])?);
        Ok(like(&a[0], f.strip_suffix(ext.as_str()).unwrap_or(&f)))
    };
    "filename", "basename", 2 => |_, a| {
        let (f, ext) = (text(&a[0])?, text(&a[1])?);
        let b = basename(&f);
        Ok(like(&a[0], b.strip_suffix(ext.as_str()).unwrap_or(b)))
    };
    // The components, the root of an absolute path first as "/"; `.` and `..` are kept.
    "filename", "split", 1 => |_, a| {
        let f = text(&a[0])?;
        let root = f.starts_with('/').then_some("/");
        let parts = root.into_iter().chain(f.split('/').filter(|c| !c.is_empty()));
        Ok(Term::list(parts.map(|c| like(&a[0], c)).collect()))
    };
    "filename", "pathtype", 1 => |_, a| {
        let absolute = text(&a[0])?.starts_with('/');
        Ok(Term::atom(if absolute { "absolute" } else { "relative" }))
    };
    "filename", "absname", 1 => |_, a| {
        let dir = std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
        let f = text(&a[0])?;
        Ok(like(&a[0], &join(&dir, &f)))
    };
    "filename", "absname", 2 => |_, a| {
        let (f, dir) = (text(&a[0])?, text(&a[1])?);
        Ok(like(&a[0], &join(&dir, &f)))
    };
    "filename", "absname_join", 2 => |_, a| {
        let (dir, f) = (text(&a[0])?, text(&a[1])?);
        Ok(like(&a[0], &join(&dir, &f)))
    };
    // Plain concatenation, with no tidying.
    "filename", "append", 2 => |_, a| {
        let (dir, name) = (text(&a[0])?, text(&a[1])?);
        Ok(like(&a[0], &format!("{dir}/{name}")))
    };
    "filename", "nativename", 1 => |_, a| { let f = text(&a[0])?; Ok(like(&a[0], &join(&f, ""))) };
    // The result is a binary when any part is one.
    "filename", "join", 2 => |_, a| {
        let (x, y) = (text(&a[0])?, text(&a[1])?);
        let binary = matches!(a[0], Term::Bits(_)) || matches!(a[1], Term::Bits(_));
        Ok(if binary { Term::binary(join(&x, &y).into_bytes()) } else { Term::string(&join(&x, &y)) })
    };
    "filename", "join", 1 => |_, a| {
        let parts = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
        let Some(first) = parts.first() else {
            return Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE)));
        };
        let mut acc = text(first)?;
        let mut binary = matches!(first, Term::Bits(_));
        if parts.len() == 1 {
            acc = join(&acc, "");
        }
        for p in &parts[1..] {
            acc = join(&acc, &text(p)?);
            binary |= matches!(p, Term::Bits(_));
        }
        Ok(if binary { Term::binary(acc.into_bytes()) } else { Term::string(&acc) })
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_as_filename_does() {
        assert_eq!(basename("/a/b/c.erl"), "c.erl");
        assert_eq!(dirname("/a/b/c.erl"), "/a/b");
        assert_eq!(dirname("c.erl"), ".");
        assert_eq!(extension("x/c.tar.gz"), ".gz");
        assert_eq!(join("a", "b"), "a/b");
        assert_eq!(join("a/", "/b"), "/b");
        assert_eq!(join("a/./b", "c"), "a/b/c");
        assert_eq!(join("./", "./"), ".");
        assert_eq!(join("", "x"), "/x");
        assert_eq!(join("a", "."), "a/.");
        assert_eq!(join("/./a", "b"), "/a/b");
    }
}
