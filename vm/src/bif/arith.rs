//! Arithmetic, bitwise, comparison and boolean operators, and the numeric built-ins
//! (abs, min, max, trunc, round, ceil, floor, float).
//!
//! Small integers take a fast path; anything that overflows moves to big integers, and
//! results that fit come back as small integers. Float results that are not finite raise
//! `badarith`, as in Erlang.

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::term::{cmp_terms, eq_coerce, Term};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

macro_rules! bifs {
    ($($name:expr, $arity:expr => $f:expr;)*) => {
        pub(super) const BIFS: &[BifDef] = &[$(BifDef { module: "erlang", name: $name, arity: $arity, f: $f },)*];
    };
}

bifs! {
    "+", 2 => |_, a| arith_op('+', &a[0], &a[1]);
    "-", 2 => |_, a| arith_op('-', &a[0], &a[1]);
    "*", 2 => |_, a| arith_op('*', &a[0], &a[1]);
    "/", 2 => |_, a| arith_op('/', &a[0], &a[1]);
    "div", 2 => |_, a| arith_op('d', &a[0], &a[1]);
    "rem", 2 => |_, a| arith_op('r', &a[0], &a[1]);
    "band", 2 => |_, a| arith_op('&', &a[0], &a[1]);
    "bor", 2 => |_, a| arith_op('|', &a[0], &a[1]);
    "bxor", 2 => |_, a| arith_op('^', &a[0], &a[1]);
    "bsl", 2 => |_, a| arith_op('<', &a[0], &a[1]);
    "bsr", 2 => |_, a| arith_op('>', &a[0], &a[1]);
    "-", 1 => |_, a| arith_op('-', &Term::Int(0), &a[0]).and_then(|r| neg_zero(&a[0], r));
    "+", 1 => |_, a| if a[0].is_number() { Ok(a[0].clone()) } else { Err(Exception::badarith()) };
    "bnot", 1 => |_, a| match &a[0] {
        Term::Int(i) => Ok(Term::Int(!i)),
        Term::Big(b) => Ok(Term::from_bigint(-(**b).clone() - 1)),
        _ => Err(Exception::badarith()),
    };
    "not", 1 => |_, a| a[0].as_bool().map(|b| Term::bool(!b)).ok_or_else(Exception::badarg);
    "and", 2 => |_, a| bool2(&a[0], &a[1], |x, y| x && y);
    "or", 2 => |_, a| bool2(&a[0], &a[1], |x, y| x || y);
    "xor", 2 => |_, a| bool2(&a[0], &a[1], |x, y| x != y);
    "==", 2 => |_, a| Ok(Term::bool(eq_coerce(&a[0], &a[1])));
    "/=", 2 => |_, a| Ok(Term::bool(!eq_coerce(&a[0], &a[1])));
    "=:=", 2 => |_, a| Ok(Term::bool(a[0] == a[1]));
    "=/=", 2 => |_, a| Ok(Term::bool(a[0] != a[1]));
    "<", 2 => |_, a| compare_op(&a[0], &a[1], |o| o == Ordering::Less);
    "=<", 2 => |_, a| compare_op(&a[0], &a[1], |o| o != Ordering::Greater);
    ">", 2 => |_, a| compare_op(&a[0], &a[1], |o| o == Ordering::Greater);
    ">=", 2 => |_, a| compare_op(&a[0], &a[1], |o| o != Ordering::Less);
    "abs", 1 => |_, a| match &a[0] {
        Term::Int(i) => Ok(i.checked_abs().map(Term::Int).unwrap_or_else(|| Term::from_bigint(BigInt::from(*i).abs()))),
        Term::Big(b) => Ok(Term::from_bigint(b.abs())),
        Term::Float(f) => {
            // abs(-0.0) is -0.0 in Erlang: only values below zero are negated.
            let x = f.get();
            Ok(Term::float(if x < 0.0 { -x } else { x }))
        }
        _ => Err(Exception::badarg()),
    };
    "min", 2 => |_, a| Ok(if cmp_terms(&a[1], &a[0], false) == Ordering::Less { a[1].clone() } else { a[0].clone() });
    "max", 2 => |_, a| Ok(if cmp_terms(&a[1], &a[0], false) == Ordering::Greater { a[1].clone() } else { a[0].clone() });
    "trunc", 1 => |_, a| float_to_int(&a[0], f64::trunc);
    "round", 1 => |_, a| float_to_int(&a[0], f64::round);
    "ceil", 1 => |_, a| float_to_int(&a[0], f64::ceil);
    "floor", 1 => |_, a| float_to_int(&a[0], f64::floor);
    "float", 1 => |_, a| match a[0].to_f64() {
        Some(f) if f.is_finite() => Ok(Term::float(f)),
        _ => Err(Exception::badarg()),
    };
}

fn neg_zero(orig: &Term, r: Term) -> BifResult {
    // -(0.0) is -0.0 in Erlang.
    match (orig, &r) {
        (Term::Float(f), Term::Float(_)) => Ok(Term::float(-f.get())),
        _ => Ok(r),
    }
}

fn bool2(a: &Term, b: &Term, f: fn(bool, bool) -> bool) -> BifResult {
    match (a.as_bool(), b.as_bool()) {
        (Some(x), Some(y)) => Ok(Term::bool(f(x, y))),
        _ => Err(Exception::badarg()),
    }
}

/// A comparison operator's result.
pub(crate) fn compare_op(a: &Term, b: &Term, f: fn(Ordering) -> bool) -> BifResult {
    Ok(Term::bool(f(cmp_terms(a, b, false))))
}

fn float_to_int(t: &Term, f: fn(f64) -> f64) -> BifResult {
    match t {
        Term::Int(_) | Term::Big(_) => Ok(t.clone()),
        Term::Float(x) => {
            let r = f(x.get());
            if r.abs() < 9.0e18 {
                Ok(Term::Int(r as i64))
            } else {
                Ok(Term::from_bigint(num_bigint::BigInt::from(r as i128).max(float_to_big(r))))
            }
        }
        _ => Err(Exception::badarg()),
    }
}

fn float_to_big(f: f64) -> BigInt {
    use num_traits::FromPrimitive;
    BigInt::from_f64(f).unwrap_or_default()
}

fn big(t: &Term) -> Option<BigInt> {
    t.as_bigint()
}

fn checked_float(f: f64) -> BifResult {
    if f.is_finite() {
        Ok(Term::float(f))
    } else {
        Err(Exception::badarith())
    }
}

/// Applies an arithmetic or bitwise operator (`d` = div, `r` = rem, `&|^` = band/bor/bxor,
/// `<`/`>` = bsl/bsr).
pub(crate) fn arith_op(op: char, a: &Term, b: &Term) -> BifResult {
    if let (Term::Int(x), Term::Int(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let r = match op {
            '+' => x.checked_add(y),
            '-' => x.checked_sub(y),
            '*' => x.checked_mul(y),
            'd' => {
                if y == 0 {
                    return Err(Exception::badarith());
                }
                x.checked_div(y)
            }
            'r' => {
                if y == 0 {
                    return Err(Exception::badarith());
                }
                Some(x.checked_rem(y).unwrap_or(0))
            }
            '&' => Some(x & y),
            '|' => Some(x | y),
            '^' => Some(x ^ y),
            '/' => {
                if y == 0 {
                    return Err(Exception::badarith());
                }
                return checked_float(x as f64 / y as f64);
            }
            '<' | '>' => {
                let shift = if op == '<' { y } else { y.checked_neg().unwrap_or(i64::MAX) };
                if shift <= 0 {
                    let s = (-(shift as i128)).min(63) as u32;
                    Some(x >> s)
                } else if shift < 63 && (x.unsigned_abs().leading_zeros() as i64) > shift {
                    Some(x << shift)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(r) = r {
            return Ok(Term::Int(r));
        }
    }
    match op {
        '+' | '-' | '*' | '/' => {
            if !a.is_number() || !b.is_number() {
                return Err(Exception::badarith());
            }
            if matches!(a, Term::Float(_)) || matches!(b, Term::Float(_)) || op == '/' {
                let (x, y) = (a.to_f64().unwrap_or(0.0), b.to_f64().unwrap_or(0.0));
                if !x.is_finite() || !y.is_finite() {
                    return Err(Exception::badarith());
                }
                let r = match op {
                    '+' => x + y,
                    '-' => x - y,
                    '*' => x * y,
                    _ => {
                        if y == 0.0 {
                            return Err(Exception::badarith());
                        }
                        x / y
                    }
                };
                return checked_float(r);
            }
            let (x, y) = (big(a).unwrap_or_default(), big(b).unwrap_or_default());
            Ok(Term::from_bigint(match op {
                '+' => x + y,
                '-' => x - y,
                _ => x * y,
            }))
        }
        _ => {
            let (Some(x), Some(y)) = (big(a), big(b)) else {
                return Err(Exception::badarith());
            };
            match op {
                'd' | 'r' => {
                    if y.is_zero() {
                        return Err(Exception::badarith());
                    }
                    let (q, r) = x.div_rem(&y);
                    Ok(Term::from_bigint(if op == 'd' { q } else { r }))
                }
                '&' => Ok(Term::from_bigint(x & y)),
                '|' => Ok(Term::from_bigint(x | y)),
                '^' => Ok(Term::from_bigint(x ^ y)),
                '<' | '>' => {
                    let s = y.to_i64().ok_or_else(Exception::system_limit)?;
                    let s = if op == '<' { s } else { -s };
                    if s >= 0 {
                        if s > (1 << 26) {
                            return Err(Exception::system_limit());
                        }
                        Ok(Term::from_bigint(x << s as usize))
                    } else {
                        let n = (-s).min(1 << 30) as usize;
                        // Arithmetic shift right rounds toward negative infinity.
                        Ok(Term::from_bigint(x >> n))
                    }
                }
                _ => Err(Exception::badarith()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_moves_to_bignums_and_back() {
        let big = arith_op('*', &Term::Int(i64::MAX), &Term::Int(2)).expect("ok");
        assert!(matches!(big, Term::Big(_)));
        let back = arith_op('d', &big, &Term::Int(2)).expect("ok");
        assert_eq!(back, Term::Int(i64::MAX));
    }

    #[test]
    fn division_by_zero_is_badarith() {
        assert!(arith_op('/', &Term::Int(1), &Term::Int(0)).is_err());
        assert!(arith_op('d', &Term::Int(1), &Term::Int(0)).is_err());
        assert!(arith_op('+', &Term::atom("a"), &Term::Int(0)).is_err());
    }

    #[test]
    fn shifts_follow_erlang() {
        assert_eq!(arith_op('<', &Term::Int(1), &Term::Int(3)).ok(), Some(Term::Int(8)));
        assert_eq!(arith_op('>', &Term::Int(-9), &Term::Int(1)).ok(), Some(Term::Int(-5)));
        let b = arith_op('<', &Term::Int(1), &Term::Int(100)).expect("ok");
        assert_eq!(b.to_string(), "1267650600228229401496703205376");
    }
}
