//! Float to text conversion as `float_to_list/1,2` (and `float_to_binary`) do it.
//!
//! BEAM formats floats in three ways, and this module reproduces each one's quirks:
//!
//! * `{scientific, N}` (and `float_to_list/1`, which is `{scientific, 20}`) is C's
//!   `"%.*e"`: the exact binary value correctly rounded, ties to even.
//! * `{decimals, N}` is BEAM's own fixed-point routine. For `N < 19` and magnitudes up to
//!   2^53 it rounds in double arithmetic: the integer part is `round(|F|)` when `N = 0`,
//!   and otherwise the fraction is `round(frac(|F|) * 10^N)`, both rounding halves away
//!   from zero. So `2.5` gives `"3"` and `0.125` with two decimals gives `"0.13"`, unlike
//!   `printf`. Larger values or more decimals fall back to C's `"%.*f"` (exact, ties to
//!   even). `compact` then strips trailing zeros, keeping one after the point; on the
//!   `"%.*f"` path with no decimals it strips zeros from the integer itself
//!   (`1.0e20` gives `"1"`), as BEAM does.
//! * `short` is the shortest round-tripping text, shared with the printer
//!   ([`super::print::float_short`]).
//!
//! BEAM formats into a 256-byte buffer and raises `badarg` when the text does not fit
//! (`1.0e300` with `{decimals, 2}`), and for negative `decimals`; [`float_to_list`]
//! returns `None` in those cases. A negative `scientific` precision means 6, as in C.
//!
//! This module does not produce `~f`/`~e`/`~g` output of `io_lib:format`, which has its
//! own rules, and never sees NaN or infinities (Erlang floats are finite; such inputs
//! give `None`).

use super::{atoms, Term};
use num_bigint::BigUint;

/// The size of BEAM's formatting buffer: a result must be shorter than this.
const BUF_SIZE: usize = 256;

/// The most decimals BEAM's fast fixed-point path handles.
const FAST_MAX_DECIMALS: i32 = 19;

/// How to format a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatOpts {
    /// `{scientific, N}`: `N` digits after the point, then the exponent. `float_to_list/1`
    /// is `Scientific(20)`. The count is a C `int`; a negative one means 6.
    Scientific(i32),
    /// `{decimals, N}`, with `compact` when that option was given. A negative count is
    /// `badarg`.
    Decimals {
        /// Digits after the point.
        decimals: i32,
        /// Strip trailing zeros (keeping one digit after the point).
        compact: bool,
    },
    /// `short`: the shortest text that reads back as the same float.
    Short,
}

impl Default for FloatOpts {
    /// The format of `float_to_list/1`.
    fn default() -> FloatOpts {
        FloatOpts::Scientific(20)
    }
}

impl FloatOpts {
    /// Reads a `float_to_list/2` option list as BEAM does: the last of `{decimals, N}`,
    /// `{scientific, N}` and `short` decides the format, `compact` may appear anywhere
    /// (and only affects `decimals`). `N` must be a small integer (below 2^59 in
    /// magnitude) and is then truncated to a C `int`. Returns `None` for anything BEAM
    /// rejects with `badarg` at this stage.
    pub fn from_options(list: &Term) -> Option<FloatOpts> {
        #[derive(Clone, Copy)]
        enum Kind {
            Legacy,
            Short,
            Fixed,
            Scientific,
        }
        let mut kind = Kind::Legacy;
        let mut decimals: i32 = 20;
        let mut compact = false;
        let mut it = list.iter_list();
        for opt in it.by_ref() {
            match opt {
                Term::Atom(a) if *a == atoms::COMPACT => compact = true,
                Term::Atom(a) if *a == atoms::SHORT => kind = Kind::Short,
                Term::Tuple(t) if t.len() == 2 => {
                    let n = match t[1] {
                        Term::Int(n) if (-(1i64 << 59)..(1i64 << 59)).contains(&n) => n,
                        _ => return None,
                    };
                    kind = if t[0].is_atom(atoms::DECIMALS) {
                        Kind::Fixed
                    } else if t[0].is_atom(atoms::SCIENTIFIC) {
                        Kind::Scientific
                    } else {
                        return None;
                    };
                    // C converts the value to `int` by keeping its low 32 bits.
                    decimals = n as i32;
                }
                _ => return None,
            }
        }
        if !matches!(it.tail(), Term::Nil) {
            return None;
        }
        Some(match kind {
            Kind::Legacy => FloatOpts::Scientific(20),
            Kind::Short => FloatOpts::Short,
            Kind::Fixed => FloatOpts::Decimals { decimals, compact },
            Kind::Scientific => FloatOpts::Scientific(decimals),
        })
    }
}

/// The text `float_to_list(F, Opts)` returns, or `None` where it raises `badarg`.
pub fn float_to_list(f: f64, opts: &FloatOpts) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    let text = match *opts {
        FloatOpts::Short => return Some(super::print::float_short(f)),
        FloatOpts::Scientific(p) => {
            let p = if p < 0 { 6 } else { p as usize };
            if p >= BUF_SIZE {
                return None;
            }
            printf_e(f, p)
        }
        FloatOpts::Decimals { decimals, compact } => fixed(f, decimals, compact)?,
    };
    (text.len() < BUF_SIZE).then_some(text)
}

/// BEAM's fixed-point formatting (see the module documentation).
fn fixed(f: f64, decimals: i32, compact: bool) -> Option<String> {
    if decimals < 0 {
        return None;
    }
    let neg = f.is_sign_negative();
    let af = f.abs();
    if af > 9007199254740992.0 || decimals >= FAST_MAX_DECIMALS {
        // Every digit of "%.*f" for a huge decimal count would overflow the buffer
        // anyway; refuse before building the text.
        if decimals as usize >= BUF_SIZE {
            return None;
        }
        let mut s = printf_f(f, decimals as usize);
        if compact {
            strip_trailing_zeros(&mut s);
        }
        return Some(s);
    }
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if decimals == 0 {
        s.push_str(&(af.round() as u64).to_string());
        return Some(s);
    }
    let scale = 10f64.powi(decimals);
    let int_f = af.floor();
    let frac_f = ((af - int_f) * scale).round();
    let mut int_part = int_f as u64;
    let mut frac_part = frac_f as u64;
    if frac_f >= scale {
        int_part += 1;
        frac_part = 0;
    }
    s.push_str(&int_part.to_string());
    s.push('.');
    let frac = frac_part.to_string();
    for _ in frac.len()..decimals as usize {
        s.push('0');
    }
    s.push_str(&frac);
    if compact {
        strip_trailing_zeros(&mut s);
    }
    Some(s)
}

/// Removes trailing `'0'`s, putting one back if that leaves the text ending in `'.'`.
fn strip_trailing_zeros(s: &mut String) {
    let kept = s.trim_end_matches('0').len();
    s.truncate(kept);
    if s.ends_with('.') {
        s.push('0');
    }
}

/// The exact decimal value of `|f|`: digits (no leading zeros; empty for zero) and the
/// number of them that lie after the decimal point (`|f| = digits / 10^scale`).
fn exact_decimal(f: f64) -> (Vec<u8>, usize) {
    let bits = f.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if exp_bits == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp_bits - 1075) };
    if mant == 0 {
        return (Vec::new(), 0);
    }
    let (n, scale) = if exp >= 0 {
        (BigUint::from(mant) << exp as usize, 0usize)
    } else {
        // mant * 2^exp = mant * 5^-exp / 10^-exp.
        let k = (-exp) as u32;
        (BigUint::from(mant) * BigUint::from(5u32).pow(k), k as usize)
    };
    let digits = n.to_string().into_bytes().iter().map(|d| d - b'0').collect();
    (digits, scale)
}

/// Keeps the first `keep` of `digits`, rounding the rest off to nearest, ties to even.
/// Returns the kept digits (with a carry, one more digit than `keep`: a leading 1).
fn round_digits(digits: &[u8], keep: usize) -> Vec<u8> {
    if keep >= digits.len() {
        return digits.to_vec();
    }
    let mut out = digits[..keep].to_vec();
    let first = digits[keep];
    let rest_nonzero = digits[keep + 1..].iter().any(|&d| d != 0);
    let last_odd = out.last().is_some_and(|d| d % 2 == 1);
    let up = first > 5 || (first == 5 && (rest_nonzero || last_odd));
    if up {
        let mut i = out.len();
        loop {
            if i == 0 {
                out.insert(0, 1);
                break;
            }
            i -= 1;
            if out[i] == 9 {
                out[i] = 0;
            } else {
                out[i] += 1;
                break;
            }
        }
    }
    out
}

fn push_digits(s: &mut String, digits: &[u8]) {
    s.extend(digits.iter().map(|&d| (b'0' + d) as char));
}

/// C's `"%.*f"` with precision `p`: exact, ties to even.
fn printf_f(f: f64, p: usize) -> String {
    let (digits, scale) = exact_decimal(f);
    let mut s = String::new();
    if f.is_sign_negative() {
        s.push('-');
    }
    // The value rounded to a whole number of units of 10^-p.
    let units: Vec<u8> = if digits.is_empty() {
        Vec::new()
    } else if scale <= p {
        let mut v = digits.clone();
        v.resize(digits.len() + (p - scale), 0);
        v
    } else {
        let dropped = scale - p;
        if dropped > digits.len() {
            // Below a tenth of a unit: rounds to zero.
            Vec::new()
        } else if dropped == digits.len() {
            // Somewhere in [0.1, 1) units: compare against one half.
            let mut padded = vec![0u8];
            padded.extend_from_slice(&digits);
            round_digits(&padded, 1)
        } else {
            round_digits(&digits, digits.len() - dropped)
        }
    };
    let units: Vec<u8> = {
        let first_nonzero = units.iter().position(|&d| d != 0).unwrap_or(units.len());
        units[first_nonzero..].to_vec()
    };
    // At least one digit before the point.
    let mut padded = vec![0u8; (p + 1).saturating_sub(units.len())];
    padded.extend_from_slice(&units);
    let int_len = padded.len() - p;
    push_digits(&mut s, &padded[..int_len]);
    if p > 0 {
        s.push('.');
        push_digits(&mut s, &padded[int_len..]);
    }
    s
}

/// C's `"%.*e"` with precision `p`: exact, ties to even, an exponent of at least two
/// digits.
fn printf_e(f: f64, p: usize) -> String {
    let (digits, scale) = exact_decimal(f);
    let mut s = String::new();
    if f.is_sign_negative() {
        s.push('-');
    }
    let (mantissa, exp10) = if digits.is_empty() {
        (vec![0u8; p + 1], 0i64)
    } else {
        let mut exp10 = digits.len() as i64 - 1 - scale as i64;
        let mut m = round_digits(&digits, p + 1);
        if m.len() > p + 1 {
            // The rounding carried into a new leading digit.
            m.truncate(p + 1);
            exp10 += 1;
        }
        m.resize(p + 1, 0);
        (m, exp10)
    };
    push_digits(&mut s, &mantissa[..1]);
    if p > 0 {
        s.push('.');
        push_digits(&mut s, &mantissa[1..]);
    }
    s.push('e');
    s.push(if exp10 < 0 { '-' } else { '+' });
    let e = exp10.unsigned_abs();
    if e < 10 {
        s.push('0');
    }
    s.push_str(&e.to_string());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(f: f64, n: i32) -> Option<String> {
        float_to_list(f, &FloatOpts::Decimals { decimals: n, compact: false })
    }

    fn compact(f: f64, n: i32) -> Option<String> {
        float_to_list(f, &FloatOpts::Decimals { decimals: n, compact: true })
    }

    fn sci(f: f64, n: i32) -> Option<String> {
        float_to_list(f, &FloatOpts::Scientific(n))
    }

    fn check(got: Option<String>, want: &str) {
        assert_eq!(got.as_deref(), Some(want));
    }

    #[test]
    fn float_to_list_1_is_scientific_20() {
        let d = FloatOpts::default();
        check(float_to_list(1.0, &d), "1.00000000000000000000e+00");
        check(float_to_list(0.1, &d), "1.00000000000000005551e-01");
        check(float_to_list(-123.456, &d), "-1.23456000000000003070e+02");
        check(float_to_list(5.0e-324, &d), "4.94065645841246544177e-324");
        check(float_to_list(1.7976931348623157e308, &d), "1.79769313486231570815e+308");
        check(float_to_list(-0.0, &d), "-0.00000000000000000000e+00");
    }

    #[test]
    fn scientific_rounds_exactly_ties_to_even() {
        check(sci(2.5, 0), "2e+00");
        check(sci(3.5, 0), "4e+00");
        check(sci(0.125, 1), "1.2e-01");
        check(sci(1.0e10, 5), "1.00000e+10");
        check(sci(1.0e100, 2), "1.00e+100");
        check(sci(1.0e-100, 2), "1.00e-100");
        check(sci(-0.0, 2), "-0.00e+00");
        check(sci(1.0, -1), "1.000000e+00");
        check(sci(9.99, 1), "1.0e+01");
        check(
            sci(5.0e-324, 248),
            "4.94065645841246544176568792868221372365059802614324764425585682500675507270208751865299836361635992379796564695445717730926656710355939796398774796010781878126300713190311404527845817167848982103688718636056998730723050006387409153564984387312473397e-324",
        );
        assert_eq!(sci(5.0e-324, 249), None);
        assert_eq!(sci(1.0, 249).map(|s| s.len()), Some(255));
        assert_eq!(sci(1.0, 250), None);
        assert_eq!(sci(-1.0, 249), None);
    }

    #[test]
    fn decimals_round_half_away_from_zero_in_doubles() {
        check(dec(2.5, 0), "3");
        check(dec(0.5, 0), "1");
        check(dec(1.5, 0), "2");
        check(dec(-2.5, 0), "-3");
        check(dec(-0.5, 0), "-1");
        check(dec(0.125, 2), "0.13");
        check(dec(0.375, 2), "0.38");
        check(dec(0.045, 2), "0.05");
        check(dec(0.0449, 2), "0.04");
        check(dec(1.005, 2), "1.00");
        check(dec(4.35, 1), "4.3");
        check(dec(0.95, 1), "1.0");
        check(dec(0.3, 17), "0.30000000000000000");
        check(dec(0.3, 18), "0.300000000000000000");
        check(dec(1.0e-10, 18), "0.000000000100000000");
        check(dec(1.2345678901234568e-5, 18), "0.000012345678901235");
        check(dec(1.0e15, 2), "1000000000000000.00");
        check(dec(-0.001, 2), "-0.00");
        check(dec(-0.0, 2), "-0.00");
        check(dec(-0.0, 0), "-0");
        check(dec(5.0e-324, 3), "0.000");
    }

    #[test]
    fn many_decimals_and_huge_values_print_exactly() {
        check(dec(0.1, 20), "0.10000000000000000555");
        check(dec(0.1, 30), "0.100000000000000005551115123126");
        check(dec(-0.0, 20), "-0.00000000000000000000");
        check(dec(9.5367431640625e-7, 19), "0.0000009536743164062");
        check(dec(9.5367431640625e-7, 18), "0.000000953674316406");
        check(dec(9007199254740992.0, 1), "9007199254740992.0");
        check(dec(9007199254740994.0, 1), "9007199254740994.0");
        check(dec(9007199254740990.0, 0), "9007199254740990");
        check(dec(1.0e20, 0), "100000000000000000000");
        check(
            dec(1.0e250, 2),
            "9999999999999999210968330832147026575540427693752222372866517696718412616639336002780474141705354144110364081118142324010404785714541315284281257752757291623642503417072967859774120474650369161140553335192009630674782085554695972153397552576515276800.00",
        );
        let mut one = String::from("1.");
        one.push_str(&"0".repeat(253));
        check(dec(1.0, 253), &one);
        let mut tiny = String::from("0.");
        tiny.push_str(&"0".repeat(253));
        check(dec(5.0e-324, 253), &tiny);
    }

    #[test]
    fn results_that_do_not_fit_are_badarg() {
        assert_eq!(dec(1.0e300, 2), None);
        assert_eq!(dec(1.0, 254), None);
        assert_eq!(dec(-1.0, 253), None);
        assert_eq!(dec(1.0, -1), None);
        assert_eq!(dec(1.0, i32::MAX), None);
        assert_eq!(sci(1.0, i32::MAX), None);
    }

    #[test]
    fn compact_strips_trailing_zeros() {
        check(compact(0.1, 3), "0.1");
        check(compact(1.0, 3), "1.0");
        check(compact(100.0, 0), "100");
        check(compact(123.456, 10), "123.456");
        check(compact(1.0e-20, 2), "0.0");
        check(compact(-0.0, 3), "-0.0");
        check(compact(-0.0, 0), "-0");
        check(compact(1.0e20, 2), "100000000000000000000.0");
        // BEAM's "%.*f" path strips zeros of the integer too when there is no point.
        check(compact(1.0e20, 0), "1");
        check(compact(1.5e16, 0), "15");
    }

    #[test]
    fn short_is_the_shortest_round_trip() {
        check(float_to_list(0.1, &FloatOpts::Short), "0.1");
        check(float_to_list(1.0, &FloatOpts::Short), "1.0");
    }

    #[test]
    fn options_parse_as_beam_reads_them() {
        let opts = |items: Vec<Term>| FloatOpts::from_options(&Term::list(items));
        let tup = |k: &str, n: i64| Term::tuple([Term::atom(k), Term::Int(n)]);
        assert_eq!(opts(vec![]), Some(FloatOpts::Scientific(20)));
        assert_eq!(opts(vec![Term::atom("compact")]), Some(FloatOpts::Scientific(20)));
        assert_eq!(
            opts(vec![Term::atom("compact"), tup("decimals", 3)]),
            Some(FloatOpts::Decimals { decimals: 3, compact: true })
        );
        assert_eq!(opts(vec![tup("decimals", 3), tup("scientific", 2)]), Some(FloatOpts::Scientific(2)));
        assert_eq!(
            opts(vec![Term::atom("short"), tup("decimals", 2)]),
            Some(FloatOpts::Decimals { decimals: 2, compact: false })
        );
        assert_eq!(opts(vec![tup("decimals", 2), Term::atom("short")]), Some(FloatOpts::Short));
        assert_eq!(opts(vec![tup("decimals", 4294967298)]), Some(FloatOpts::Decimals { decimals: 2, compact: false }));
        assert_eq!(opts(vec![tup("decimals", 1 << 59)]), None);
        assert_eq!(opts(vec![tup("other", 1)]), None);
        assert_eq!(opts(vec![Term::atom("x")]), None);
        let improper = Term::list_with_tail(vec![tup("decimals", 2)], Term::atom("x"));
        assert_eq!(FloatOpts::from_options(&improper), None);
        // {decimals, 2^59 - 1} keeps its low 32 bits, -1, which is then badarg.
        let o = opts(vec![tup("decimals", (1 << 59) - 1)]).unwrap();
        assert_eq!(float_to_list(1.0, &o), None);
    }
}
