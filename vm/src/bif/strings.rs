//! Native paths of the classic `string` functions that list-processing programs call most:
//! `tokens/2`, `join/2`, `to_upper/1` and `to_lower/1`. Each takes well-formed arguments
//! (proper lists) and declines anything else to its definition in `stdlib/erl/string.erl`,
//! which raises exactly what OTP raises. On the arguments it takes, each builds the same
//! term as that definition (a result shares only what the Erlang definition shares: the
//! string itself when `tokens` is given no separators, and the last string given to `join`).

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::Term;

bifs! {
    "string", "tokens", 2 => |_, a| tokens(&a[0], &a[1]);
    "string", "join", 2 => |_, a| join(&a[0], &a[1]);
    "string", "to_upper", 1 => |_, a| case_map(&a[0], upper_latin1);
    "string", "to_lower", 1 => |_, a| case_map(&a[0], lower_latin1);
}

/// Is `string:name/arity` one of the functions here (which decline, so that calls to them
/// go through the export table)?
pub(super) fn native(name: &str, arity: u32) -> bool {
    matches!((name, arity), ("tokens", 2) | ("join", 2) | ("to_upper" | "to_lower", 1))
}

fn declined<T>() -> Result<T, Exception> {
    Err(Exception::declined())
}

/// The elements of a proper list, borrowed; None for anything else.
fn elements(t: &Term) -> Option<Vec<&Term>> {
    // Counting proves the list proper and sizes the vector.
    let mut out = Vec::with_capacity(t.list_len()?);
    out.extend(t.iter_list());
    Some(out)
}

/// `string:tokens(S, Seps)`: the maximal runs of elements of `S` that are not in `Seps`.
fn tokens(s: &Term, seps: &Term) -> BifResult {
    let Some(seps) = elements(seps) else { return declined() };
    if seps.is_empty() {
        return match s {
            Term::Nil => Ok(Term::Nil),
            Term::Cons(_) => Ok(Term::list(vec![s.clone()])),
            _ => declined(),
        };
    }
    let Some(chars) = elements(s) else { return declined() };
    let mut toks = Vec::new();
    let mut tok = Vec::new();
    for c in chars {
        // A character is a small integer, which is exactly equal only to the same small
        // integer: compared inline, without the general term comparison.
        let is_sep = match c {
            Term::Int(i) => seps.iter().any(|s| matches!(s, Term::Int(j) if j == i)),
            _ => seps.contains(&c),
        };
        if is_sep {
            if !tok.is_empty() {
                toks.push(Term::list_from_slice(&tok, Term::Nil));
                tok.clear();
            }
        } else {
            tok.push(c.clone());
        }
    }
    if !tok.is_empty() {
        toks.push(Term::list(tok));
    }
    Ok(Term::list(toks))
}

/// `string:join(Strings, Sep)`: `H ++ Sep ++ X1 ++ ... ++ Sep ++ Xn`, the last string
/// shared as the tail.
fn join(strings: &Term, sep: &Term) -> BifResult {
    let Some(strings) = elements(strings) else { return declined() };
    let Some((first, rest)) = strings.split_first() else {
        return if sep.is_list() { Ok(Term::Nil) } else { declined() };
    };
    let (Some(first), Some(sep)) = (elements(first), elements(sep)) else { return declined() };
    let mut out: Vec<Term> = Vec::with_capacity(first.len() + rest.len() * (sep.len() + 8));
    out.extend(first.into_iter().cloned());
    let mut tail = Term::Nil;
    for (i, x) in rest.iter().enumerate() {
        out.extend(sep.iter().map(|c| (*c).clone()));
        if i + 1 == rest.len() {
            tail = (*x).clone();
        } else {
            let Some(x) = elements(x) else { return declined() };
            out.extend(x.into_iter().cloned());
        }
    }
    Ok(Term::list_with_tail(out, tail))
}

/// `string:to_upper/1` and `to_lower/1` on a character or a list (whose other elements
/// stay as they are).
fn case_map(s: &Term, f: fn(i64) -> i64) -> BifResult {
    match s {
        Term::Int(c) => Ok(Term::Int(f(*c))),
        Term::Nil | Term::Cons(_) => {
            let Some(chars) = elements(s) else { return declined() };
            Ok(Term::list(
                chars
                    .into_iter()
                    .map(|c| match c {
                        Term::Int(c) => Term::Int(f(*c)),
                        other => other.clone(),
                    })
                    .collect(),
            ))
        }
        _ => declined(),
    }
}

/// Latin-1 upper case, as `string:to_upper/1`.
fn upper_latin1(c: i64) -> i64 {
    if (i64::from(b'a')..=i64::from(b'z')).contains(&c) || ((0xE0..=0xFE).contains(&c) && c != 0xF7) {
        c - 32
    } else {
        c
    }
}

/// Latin-1 lower case, as `string:to_lower/1`.
fn lower_latin1(c: i64) -> i64 {
    if (i64::from(b'A')..=i64::from(b'Z')).contains(&c) || ((0xC0..=0xDE).contains(&c) && c != 0xD7) {
        c + 32
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Term {
        Term::string(text)
    }

    fn shown(r: BifResult) -> String {
        match r {
            Ok(t) => t.to_string(),
            Err(e) if e.origin == crate::interp::exception::Origin::Declined => "declined".into(),
            Err(e) => format!("error {}", e.reason),
        }
    }

    #[test]
    fn tokens_split_on_any_separator_and_drop_empty_runs() {
        assert_eq!(shown(tokens(&s("  a bc,,d "), &s(" ,"))), "[[97],[98,99],[100]]");
        assert_eq!(shown(tokens(&s("abc"), &Term::Nil)), "[[97,98,99]]");
        assert_eq!(shown(tokens(&Term::Nil, &s(" "))), "[]");
        assert_eq!(shown(tokens(&Term::atom("x"), &s(" "))), "declined");
    }

    #[test]
    fn join_shares_the_last_string_and_checks_the_others() {
        let l = Term::list(vec![s("a"), s("b"), s("c")]);
        assert_eq!(shown(join(&l, &s(", "))), "[97,44,32,98,44,32,99]");
        let improper_last = Term::list(vec![s("a"), Term::atom("z")]);
        assert_eq!(shown(join(&improper_last, &s("-"))), "[97,45|z]");
        let improper_middle = Term::list(vec![s("a"), Term::atom("z"), s("c")]);
        assert_eq!(shown(join(&improper_middle, &s("-"))), "declined");
        assert_eq!(shown(join(&Term::Nil, &s("-"))), "[]");
    }

    #[test]
    fn case_mapping_is_latin1_only() {
        let mixed = Term::list(vec![Term::Int('a' as i64), Term::Int(0xF7), Term::Int(0xE9), Term::atom("x")]);
        assert_eq!(shown(case_map(&mixed, upper_latin1)), "[65,247,201,x]");
        assert_eq!(shown(case_map(&Term::Int('Q' as i64), lower_latin1)), "113");
        assert_eq!(shown(case_map(&Term::atom("x"), lower_latin1)), "declined");
    }
}
