//! The `math` module and the plain path functions of `filename`.
//!
//! `math` raises `badarith` when a result is not a finite float, as BEAM does; `filename`
//! here covers the functions that work on strings alone (no file system access).

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::Term;

macro_rules! bifs {
    ($($m:expr, $name:expr, $arity:expr => $f:expr;)*) => {
        pub(super) const BIFS: &[BifDef] = &[$(BifDef { module: $m, name: $name, arity: $arity, f: $f },)*];
    };
}

fn num(t: &Term) -> Result<f64, Exception> {
    t.to_f64().filter(|f| f.is_finite()).ok_or_else(Exception::badarg)
}

fn f1(a: &[Term], f: fn(f64) -> f64) -> BifResult {
    let r = f(num(&a[0])?);
    if r.is_finite() {
        Ok(Term::Float(r))
    } else {
        Err(Exception::badarith())
    }
}

fn f2(a: &[Term], f: fn(f64, f64) -> f64) -> BifResult {
    let r = f(num(&a[0])?, num(&a[1])?);
    if r.is_finite() {
        Ok(Term::Float(r))
    } else {
        Err(Exception::badarith())
    }
}

fn erf(x: f64) -> f64 {
    // Abramowitz-Stegun 7.1.26 is too coarse; use the series/continued-fraction split.
    if x.abs() < 2.0 {
        let mut sum = x;
        let mut term = x;
        let x2 = x * x;
        let mut n = 0.0;
        while term.abs() > 1e-17 * sum.abs() {
            n += 1.0;
            term *= -x2 / n;
            sum += term / (2.0 * n + 1.0);
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    } else {
        let s = x.signum();
        s * (1.0 - erfc_cf(x.abs()))
    }
}

fn erfc_cf(x: f64) -> f64 {
    // Continued fraction for erfc, good for x >= 2.
    let mut f = 0.0;
    for k in (1..60).rev() {
        f = (k as f64 / 2.0) / (x + f);
    }
    (-x * x).exp() / (x + f) / std::f64::consts::PI.sqrt()
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

fn dirname(p: &str) -> String {
    let trimmed = p.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(0) => "/".to_owned(),
        Some(i) => trimmed[..i].trim_end_matches('/').to_owned(),
        None if p.starts_with('/') => "/".to_owned(),
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

fn join(a: &str, b: &str) -> String {
    if b.starts_with('/') {
        return b.to_owned();
    }
    let mut s = a.trim_end_matches('/').to_owned();
    if !a.is_empty() || s.is_empty() && a.starts_with('/') {
        s.push('/');
    }
    s.push_str(b);
    s
}

bifs! {
    "math", "pi", 0 => |_, _| Ok(Term::Float(std::f64::consts::PI));
    "math", "e", 0 => |_, _| Ok(Term::Float(std::f64::consts::E));
    "math", "tau", 0 => |_, _| Ok(Term::Float(std::f64::consts::TAU));
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
    "math", "erf", 1 => |_, a| f1(a, erf);
    "math", "erfc", 1 => |_, a| f1(a, |x| 1.0 - erf(x));
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
    "filename", "join", 2 => |_, a| { let (x, y) = (text(&a[0])?, text(&a[1])?); Ok(like(&a[0], &join(&x, &y))) };
    "filename", "join", 1 => |_, a| {
        let parts = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
        let first = parts.first().ok_or_else(Exception::badarg)?.clone();
        let mut acc = text(&first)?;
        for p in &parts[1..] {
            acc = join(&acc, &text(p)?);
        }
        Ok(like(&first, &acc))
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
    }

    #[test]
    fn erf_is_accurate() {
        assert!((erf(0.5) - 0.5204998778130465).abs() < 1e-15);
        assert!((erf(3.0) - 0.9999779095030014).abs() < 1e-15);
    }
}
