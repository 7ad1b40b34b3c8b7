//! Terms and counters every process of a VM shares: `persistent_term`, `atomics` and
//! `counters`.
//!
//! Persistent terms live in a map in the VM, read under a read lock (a read is a clone of
//! an `Arc`-shared term: there is no copying to avoid, unlike BEAM's per-process heaps).
//! An atomics array is a reference that names a vector of 64-bit atomics in a VM table;
//! counters are an atomics array tagged as OTP tags them (`{atomics, Ref}` or
//! `{write_concurrency, Ref}`). Arrays are freed when the VM ends, not when the last
//! reference to them goes (terms have no finalizers).

use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::process::Proc;
use crate::term::{atoms, Ref, Term};
use parking_lot::RwLock;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The VM's persistent terms and atomics arrays.
#[derive(Default)]
pub(crate) struct Shared {
    terms: RwLock<HashMap<Term, Term>>,
    arrays: RwLock<HashMap<u64, Arc<Array>>>,
}

/// An atomics array: values are kept as two's-complement 64-bit words.
struct Array {
    signed: bool,
    cells: Box<[AtomicU64]>,
}

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

fn ok() -> BifResult {
    Ok(Term::Atom(atoms::OK))
}

bifs! {
    "persistent_term", "put", 2 => |p, a| {
        p.vm.shared.terms.write().insert(a[0].clone(), a[1].clone());
        ok()
    };
    "persistent_term", "get", 1 => |p, a| p.vm.shared.terms.read().get(&a[0]).cloned().ok_or_else(Exception::badarg);
    "persistent_term", "get", 2 => |p, a| Ok(p.vm.shared.terms.read().get(&a[0]).cloned().unwrap_or_else(|| a[1].clone()));
    "persistent_term", "get", 0 => |p, _| Ok(Term::list(
        p.vm.shared.terms.read().iter().map(|(k, v)| Term::tuple([k.clone(), v.clone()])).collect(),
    ));
    "persistent_term", "erase", 1 => |p, a| Ok(Term::bool(p.vm.shared.terms.write().remove(&a[0]).is_some()));
    "persistent_term", "info", 0 => |p, _| {
        let terms = p.vm.shared.terms.read();
        let words: usize = terms.iter().map(|(k, v)| 2 + crate::bif::ets::term_words(k, 0) + crate::bif::ets::term_words(v, 0)).sum();
        Ok(map(vec![
            (Term::atom("count"), Term::Int(terms.len() as i64)),
            (Term::atom("memory"), Term::Int((words * 8) as i64)),
        ]))
    };
    "atomics", "new", 2 => |p, a| {
        let n = size(&a[0])?;
        let mut signed = true;
        for o in a[1].list_to_vec().ok_or_else(Exception::badarg)? {
            match o.as_tuple() {
                Some([Term::Atom(k), Term::Atom(b)]) if k.as_str() == "signed" && (*b == atoms::TRUE || *b == atoms::FALSE) => {
                    signed = *b == atoms::TRUE;
                }
                _ => return badarg(),
            }
        }
        Ok(new_array(p, n, signed))
    };
    "atomics", "put", 3 => |p, a| {
        let (arr, i) = cell(p, &a[0], &a[1])?;
        arr.cells[i].store(arr.word(&a[2])?, Ordering::SeqCst);
        ok()
    };
    "atomics", "get", 2 => |p, a| {
        let (arr, i) = cell(p, &a[0], &a[1])?;
        Ok(arr.value(arr.cells[i].load(Ordering::SeqCst)))
    };
    "atomics", "add", 3 => |p, a| add(p, &a[0], &a[1], &a[2], false, false).map(|_| Term::Atom(atoms::OK));
    "atomics", "add_get", 3 => |p, a| add(p, &a[0], &a[1], &a[2], false, true);
    "atomics", "sub", 3 => |p, a| add(p, &a[0], &a[1], &a[2], true, false).map(|_| Term::Atom(atoms::OK));
    "atomics", "sub_get", 3 => |p, a| add(p, &a[0], &a[1], &a[2], true, true);
    "atomics", "exchange", 3 => |p, a| {
        let (arr, i) = cell(p, &a[0], &a[1])?;
        let new = arr.word(&a[2])?;
        Ok(arr.value(arr.cells[i].swap(new, Ordering::SeqCst)))
    };
    "atomics", "compare_exchange", 4 => |p, a| {
        let (arr, i) = cell(p, &a[0], &a[1])?;
        let (expected, desired) = (arr.word(&a[2])?, arr.word(&a[3])?);
        Ok(match arr.cells[i].compare_exchange(expected, desired, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => Term::Atom(atoms::OK),
            Err(now) => arr.value(now),
        })
    };
    "atomics", "info", 1 => |p, a| {
        let arr = array(p, &a[0])?;
        let (min, max) = if arr.signed { (Term::Int(i64::MIN), Term::Int(i64::MAX)) } else { (Term::Int(0), Term::from_i128(u64::MAX as i128)) };
        Ok(map(vec![
            (Term::atom("size"), Term::Int(arr.cells.len() as i64)),
            (Term::atom("max"), max),
            (Term::atom("min"), min),
            (Term::atom("memory"), Term::Int(40 + 8 * arr.cells.len() as i64)),
        ]))
    };
    "counters", "new", 2 => |p, a| {
        let n = size(&a[0])?;
        let mut tag = "atomics";
        for o in a[1].list_to_vec().ok_or_else(|| Exception::badarg_because("badopt"))? {
            match o.as_atom().map(|x| x.as_str()) {
                Some("atomics") => tag = "atomics",
                Some("write_concurrency") => tag = "write_concurrency",
                _ => return Err(Exception::badarg_because("badopt")),
            }
        }
        Ok(Term::tuple([Term::atom(tag), new_array(p, n, true)]))
    };
    "counters", "get", 2 => |p, a| {
        let (arr, i) = cell(p, counter_ref(&a[0])?, &a[1])?;
        Ok(arr.value(arr.cells[i].load(Ordering::SeqCst)))
    };
    "counters", "add", 3 => |p, a| add(p, counter_ref(&a[0])?, &a[1], &a[2], false, false).map(|_| Term::Atom(atoms::OK));
    "counters", "sub", 3 => |p, a| add(p, counter_ref(&a[0])?, &a[1], &a[2], true, false).map(|_| Term::Atom(atoms::OK));
    "counters", "put", 3 => |p, a| {
        let (arr, i) = cell(p, counter_ref(&a[0])?, &a[1])?;
        arr.cells[i].store(arr.word(&a[2])?, Ordering::SeqCst);
        ok()
    };
    "counters", "info", 1 => |p, a| {
        let arr = array(p, counter_ref(&a[0])?)?;
        Ok(map(vec![
            (Term::atom("size"), Term::Int(arr.cells.len() as i64)),
            (Term::atom("memory"), Term::Int(40 + 8 * arr.cells.len() as i64)),
        ]))
    };
}

impl Array {
    /// A value as a word of this array: in range for its signedness, else badarg.
    fn word(&self, t: &Term) -> Result<u64, Exception> {
        match int(t) {
            Some(v) if self.signed && v >= i64::MIN as i128 && v <= i64::MAX as i128 => Ok(v as i64 as u64),
            Some(v) if !self.signed && v >= 0 && v <= u64::MAX as i128 => Ok(v as u64),
            _ => badarg(),
        }
    }

    fn value(&self, w: u64) -> Term {
        if self.signed {
            Term::Int(w as i64)
        } else {
            Term::from_i128(w as i128)
        }
    }
}

fn map(pairs: Vec<(Term, Term)>) -> Term {
    Term::Map(crate::term::Map::from_pairs(pairs))
}

/// An integer that fits in 128 bits.
fn int(t: &Term) -> Option<i128> {
    match t {
        Term::Int(i) => Some(*i as i128),
        Term::Big(b) => i128::try_from(&**b).ok(),
        _ => None,
    }
}

/// The most cells an array may have: 2^27 (1 GiB), so that one call cannot exhaust the
/// machine's memory (system_limit beyond).
const MAX_CELLS: i64 = 1 << 27;

fn size(t: &Term) -> Result<usize, Exception> {
    match t {
        Term::Int(n) if *n >= 1 && *n <= MAX_CELLS => Ok(*n as usize),
        Term::Int(n) if *n > MAX_CELLS => Err(Exception::error(Term::Atom(atoms::SYSTEM_LIMIT))),
        Term::Big(_) => Err(Exception::error(Term::Atom(atoms::SYSTEM_LIMIT))),
        _ => badarg(),
    }
}

fn new_array(p: &mut Proc, n: usize, signed: bool) -> Term {
    let r = p.vm.make_ref();
    let cells = (0..n).map(|_| AtomicU64::new(0)).collect();
    p.vm.shared.arrays.write().insert(r.0, Arc::new(Array { signed, cells }));
    Term::Ref(r)
}

fn counter_ref(t: &Term) -> Result<&Term, Exception> {
    match t.as_tuple() {
        Some([Term::Atom(tag), r @ Term::Ref(_)]) if matches!(tag.as_str(), "atomics" | "write_concurrency") => Ok(r),
        _ => badarg(),
    }
}

fn array(p: &Proc, t: &Term) -> Result<Arc<Array>, Exception> {
    match t {
        Term::Ref(Ref(r)) => p.vm.shared.arrays.read().get(r).cloned().ok_or_else(Exception::badarg),
        _ => badarg(),
    }
}

/// The array and the 0-based index of its cell `ix` (1-based).
fn cell(p: &Proc, t: &Term, ix: &Term) -> Result<(Arc<Array>, usize), Exception> {
    let arr = array(p, t)?;
    match ix {
        Term::Int(i) if *i >= 1 && (*i as usize) <= arr.cells.len() => Ok((arr, *i as usize - 1)),
        _ => badarg(),
    }
}

/// Adds (or subtracts) `incr`, wrapping around; the new value. As in OTP, the increment
/// may be anything from `i64::MIN` to `u64::MAX` whatever the array's signedness.
fn add(p: &Proc, t: &Term, ix: &Term, incr: &Term, sub: bool, _get: bool) -> BifResult {
    let (arr, i) = cell(p, t, ix)?;
    let d = match int(incr) {
        Some(v) if v >= i64::MIN as i128 && v <= u64::MAX as i128 => v as i64 as u64,
        _ => return badarg(),
    };
    let d = if sub { d.wrapping_neg() } else { d };
    let old = arr.cells[i].fetch_add(d, Ordering::SeqCst);
    Ok(arr.value(old.wrapping_add(d)))
}
