//! `lists:sort/1` and `lists:keysort/2` with OTP's order for elements that compare equal
//! (`==`, or by key) but differ, such as `1` and `1.0`.
//!
//! OTP's sort is a natural merge sort. It first cuts the list into sorted runs, choosing
//! once, from the first elements, whether it reads the list as ascending or descending:
//! each new element joins the current run at its top or just below it (ascending), or at
//! its bottom or just above it (descending), or waits to start the next run. It then
//! merges the runs, giving ties to the older run when reading ascending and to the newer
//! one when reading descending. Elements of one run keep their order through the merges,
//! so the result is a stable sort of the runs laid end to end in that priority order,
//! which is how [`sort`] computes it. Equal elements thus keep their input order in an
//! ascending reading; a descending reading turns some of them around.
//!
//! `keysort/2` is stable but for one case: a list of four or more tuples that starts with
//! a block of tuples that are `==` as wholes, followed by a tuple with a smaller key. OTP
//! then reads the list as descending from the start, and the block comes out reversed
//! ([`keysort`]).

use crate::term::{cmp_terms, Term};
use std::cmp::Ordering;

/// `a =< b` in Erlang's term order (numbers compared by value).
fn le(a: &Term, b: &Term) -> bool {
    cmp_terms(a, b, false) != Ordering::Greater
}

/// Sorts `v` as `lists:sort/1` does.
pub(crate) fn sort(v: Vec<Term>) -> Vec<Term> {
    let n = v.len();
    if n < 2 {
        return v;
    }
    let mut it = v.into_iter();
    let (x, y) = (it.next().unwrap_or(Term::Nil), it.next().unwrap_or(Term::Nil));
    if n == 2 {
        return if le(&x, &y) { vec![x, y] } else { vec![y, x] };
    }
    if n == 3 {
        let z = it.next().unwrap_or(Term::Nil);
        return three(x, y, z);
    }
    let rest: Vec<Term> = it.collect();
    let runs = match cmp_terms(&x, &y, false) {
        Ordering::Less => ascending(Vec::new(), x, y, rest),
        Ordering::Greater => descending(Vec::new(), y, x, rest),
        Ordering::Equal => {
            // A leading block of equal elements: sorted already if it is the whole list,
            // else read in the direction of the first element after it.
            let mut block = vec![x, y];
            let mut rest = rest.into_iter();
            let mut w = None;
            for z in rest.by_ref() {
                if cmp_terms(&z, &block[block.len() - 1], false).is_eq() {
                    block.push(z);
                } else {
                    w = Some(z);
                    break;
                }
            }
            let Some(w) = w else { return block };
            let last = block.pop().unwrap_or(Term::Nil);
            let rest: Vec<Term> = rest.collect();
            if cmp_terms(&last, &w, false).is_lt() {
                ascending(block, last, w, rest)
            } else {
                // The run reads w, last, then the block backwards: kept here (see
                // `descending`) as the block in order.
                descending(block, w, last, rest)
            }
        }
    };
    let mut all: Vec<Term> = runs.into_iter().flatten().collect();
    all.sort_by(|a, b| cmp_terms(a, b, false));
    all
}

/// Sorts `v` as `lists:keysort(I, v)` does, `i` being `I - 1`; None unless every element
/// is a tuple with more than `i` elements (the Erlang definition then raises erl's error).
pub(crate) fn keysort(i: usize, mut v: Vec<Term>) -> Option<Vec<Term>> {
    if v.len() < 2 {
        return Some(v);
    }
    if !v.iter().all(|t| t.as_tuple().is_some_and(|t| t.len() > i)) {
        return None;
    }
    let by_key = |a: &Term, b: &Term| match (a.as_tuple(), b.as_tuple()) {
        (Some(x), Some(y)) => cmp_terms(&x[i], &y[i], false),
        _ => Ordering::Equal,
    };
    if v.len() >= 4 {
        let block = 1 + v.windows(2).take_while(|w| cmp_terms(&w[0], &w[1], false).is_eq()).count();
        if block >= 2 && block < v.len() && by_key(&v[block - 1], &v[block]).is_gt() {
            v[..block].reverse();
        }
    }
    v.sort_by(by_key);
    Some(v)
}

fn three(x: Term, y: Term, z: Term) -> Vec<Term> {
    if le(&x, &y) {
        if le(&y, &z) {
            vec![x, y, z]
        } else if le(&x, &z) {
            vec![x, z, y]
        } else {
            vec![z, x, y]
        }
    } else if le(&x, &z) {
        vec![y, x, z]
    } else if le(&y, &z) {
        vec![y, z, x]
    } else {
        vec![z, y, x]
    }
}

/// Runs read ascending, oldest first. The current run is `below`, then `a =< b`.
fn ascending(mut below: Vec<Term>, mut a: Term, mut b: Term, rest: Vec<Term>) -> Vec<Vec<Term>> {
    let mut runs = Vec::new();
    let mut pending: Option<Term> = None;
    for z in rest {
        if le(&b, &z) {
            below.push(std::mem::replace(&mut a, std::mem::replace(&mut b, z)));
        } else if le(&a, &z) {
            below.push(std::mem::replace(&mut a, z));
        } else if pending.is_none() {
            if below.is_empty() {
                below.push(z);
            } else {
                pending = Some(z);
            }
        } else {
            below.push(a);
            below.push(b);
            runs.push(std::mem::take(&mut below));
            let s = pending.take().unwrap_or(Term::Nil);
            (a, b) = if le(&s, &z) { (s, z) } else { (z, s) };
        }
    }
    below.push(a);
    below.push(b);
    runs.push(below);
    runs.extend(pending.map(|s| vec![s]));
    runs
}

/// Runs read descending, newest first. The current run is `lo =< hi`, then `above`, which
/// is kept backwards (its last element is the one just above `hi`).
fn descending(mut above: Vec<Term>, mut lo: Term, mut hi: Term, rest: Vec<Term>) -> Vec<Vec<Term>> {
    let mut runs = Vec::new();
    let mut pending: Option<Term> = None;
    let finish = |lo: Term, hi: Term, mut above: Vec<Term>| {
        above.push(hi);
        above.push(lo);
        above.reverse();
        above
    };
    for z in rest {
        if le(&z, &lo) {
            above.push(std::mem::replace(&mut hi, std::mem::replace(&mut lo, z)));
        } else if le(&z, &hi) {
            above.push(std::mem::replace(&mut hi, z));
        } else if pending.is_none() {
            if above.is_empty() {
                above.push(z);
            } else {
                pending = Some(z);
            }
        } else {
            runs.push(finish(lo, hi, std::mem::take(&mut above)));
            let s = pending.take().unwrap_or(Term::Nil);
            (lo, hi) = if le(&s, &z) { (s, z) } else { (z, s) };
        }
    }
    runs.push(finish(lo, hi, above));
    runs.extend(pending.map(|s| vec![s]));
    runs.reverse();
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(v: &[(i64, bool)]) -> Vec<Term> {
        v.iter().map(|&(n, f)| if f { Term::float(n as f64) } else { Term::Int(n) }).collect()
    }

    fn show(v: &[Term]) -> String {
        v.iter().map(|t| format!("{t}")).collect::<Vec<_>>().join(",")
    }

    #[test]
    fn ties_come_out_as_in_otp() {
        // Each expected order is what OTP 25's lists:sort/1 returns.
        let cases: [(&[(i64, bool)], &str); 5] = [
            (&[(3, true), (1, false), (2, true), (2, false), (1, true), (3, false)], "1.0,1,2,2.0,3,3.0"),
            (&[(1, true), (1, false), (1, true), (1, false)], "1.0,1,1.0,1"),
            (&[(1, false), (1, false), (0, true), (2, false), (2, true)], "0.0,1,1,2,2.0"),
            (&[(3, false), (1, false), (1, true), (0, false)], "0,1.0,1,3"),
            (&[(1, false), (1, true), (0, false), (5, false)], "0,1.0,1,5"),
        ];
        for (input, want) in cases {
            assert_eq!(show(&sort(nums(input))), want, "{input:?}");
        }
    }

    #[test]
    fn long_lists_come_out_sorted() {
        let v: Vec<Term> = (0..1000).map(|i| Term::Int((i * 7919) % 1009)).collect();
        let mut want: Vec<i64> = v.iter().filter_map(Term::as_int).collect();
        want.sort();
        let got: Vec<i64> = sort(v).iter().filter_map(Term::as_int).collect();
        assert_eq!(got, want);
    }
}
