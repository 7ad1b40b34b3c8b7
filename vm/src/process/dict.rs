//! The process dictionary.

use crate::term::Term;
use rustc_hash::FxHashMap;
use thin_vec::ThinVec;

/// How many keys the dictionary keeps in a plain vector before it indexes them.
const FEW: usize = 32;

/// The process dictionary: keys (compared exactly, as `=:=` does) and values in the order
/// they were first put. A thin vector while it is small (most processes have no dictionary,
/// or a few keys); beyond [`FEW`] keys, a vector with a hash index, so that `get` and `put`
/// on a large dictionary do not scan it.
pub enum Dict {
    Few(ThinVec<(Term, Term)>),
    Many(Box<Indexed>),
}

/// A large dictionary: the entries in the order they were put (an erased one leaves a hole
/// until the holes are as many as the entries), and where each key is.
pub struct Indexed {
    entries: Vec<Option<(Term, Term)>>,
    index: FxHashMap<Term, usize>,
}

impl Default for Dict {
    fn default() -> Dict {
        Dict::new()
    }
}

impl Dict {
    pub const fn new() -> Dict {
        Dict::Few(ThinVec::new())
    }

    pub fn get(&self, k: &Term) -> Option<&Term> {
        match self {
            Dict::Few(v) => v.iter().find(|(x, _)| x == k).map(|(_, v)| v),
            Dict::Many(d) => d.index.get(k).and_then(|&i| d.entries[i].as_ref()).map(|(_, v)| v),
        }
    }

    /// Sets `k` to `v`; the value it had, if it had one (a key keeps its place).
    #[allow(clippy::mutable_key_type)] // Terms are immutable; the lock inside a module is not part of a key.
    pub fn put(&mut self, k: Term, v: Term) -> Option<Term> {
        match self {
            Dict::Few(e) => {
                if let Some((_, old)) = e.iter_mut().find(|(x, _)| *x == k) {
                    return Some(std::mem::replace(old, v));
                }
                if e.len() < FEW {
                    e.push((k, v));
                    return None;
                }
                let entries: Vec<Option<(Term, Term)>> = std::mem::take(e).into_iter().map(Some).collect();
                let index = entries.iter().enumerate().filter_map(|(i, e)| Some((e.as_ref()?.0.clone(), i))).collect();
                *self = Dict::Many(Box::new(Indexed { entries, index }));
                self.put(k, v)
            }
            Dict::Many(d) => match d.index.get(&k) {
                Some(&i) => d.entries[i].as_mut().map(|(_, old)| std::mem::replace(old, v)),
                None => {
                    d.index.insert(k.clone(), d.entries.len());
                    d.entries.push(Some((k, v)));
                    None
                }
            },
        }
    }

    /// Removes `k`; the value it had, if it had one.
    pub fn erase(&mut self, k: &Term) -> Option<Term> {
        match self {
            Dict::Few(e) => {
                let i = e.iter().position(|(x, _)| x == k)?;
                Some(e.remove(i).1)
            }
            Dict::Many(d) => {
                let i = d.index.remove(k)?;
                let (_, v) = d.entries[i].take()?;
                if d.index.len() * 2 < d.entries.len() {
                    d.compact();
                }
                Some(v)
            }
        }
    }

    pub fn clear(&mut self) {
        *self = Dict::new();
    }

    pub fn len(&self) -> usize {
        match self {
            Dict::Few(e) => e.len(),
            Dict::Many(d) => d.index.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entries as a list of `{Key, Value}`, the last one put first (`get/0`).
    pub fn to_list(&self) -> Term {
        Term::list(self.iter_newest_first().map(|(k, v)| Term::tuple([k.clone(), v.clone()])).collect())
    }

    /// The entries, the last one put first (`get/0`'s order).
    pub fn iter_newest_first(&self) -> impl Iterator<Item = (&Term, &Term)> + '_ {
        let (few, many) = match self {
            Dict::Few(e) => (Some(e.iter().rev().map(|(k, v)| (k, v))), None),
            Dict::Many(d) => (None, Some(d.entries.iter().rev().flatten().map(|(k, v)| (k, v)))),
        };
        few.into_iter().flatten().chain(many.into_iter().flatten())
    }
}

impl Indexed {
    /// Closes the holes erased entries left, and indexes the keys again.
    fn compact(&mut self) {
        self.entries.retain(Option::is_some);
        for (i, e) in self.entries.iter().enumerate() {
            if let Some((k, _)) = e {
                if let Some(at) = self.index.get_mut(k) {
                    *at = i;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(d: &Dict) -> Vec<i64> {
        d.iter_newest_first().map(|(k, _)| if let Term::Int(i) = k { *i } else { -1 }).collect()
    }

    #[test]
    fn a_large_dictionary_behaves_as_a_small_one() {
        let mut small = Dict::new();
        let mut large = Dict::new();
        // The large one is indexed from the start; the small one never is.
        for i in 0..FEW as i64 + 8 {
            large.put(Term::Int(1000 + i), Term::Nil);
        }
        for i in 0..FEW as i64 + 8 {
            large.erase(&Term::Int(1000 + i));
        }
        assert!(matches!(large, Dict::Many(_)));
        let ops: Vec<(bool, i64)> = (0..200).map(|n: i64| (n % 7 != 3, (n * 37) % 23)).collect();
        let mut put_small = 0;
        for (put, k) in ops {
            if put {
                put_small += 1;
                assert_eq!(
                    small.put(Term::Int(k), Term::Int(put_small)),
                    large.put(Term::Int(k), Term::Int(put_small))
                );
            } else {
                assert_eq!(small.erase(&Term::Int(k)), large.erase(&Term::Int(k)));
            }
            assert_eq!(keys(&small), keys(&large));
            assert_eq!(small.get(&Term::Int(k)), large.get(&Term::Int(k)));
        }
    }

    #[test]
    fn keys_are_compared_exactly() {
        let mut d = Dict::new();
        for i in 0..100 {
            d.put(Term::Int(i), Term::Int(i));
        }
        assert_eq!(d.get(&Term::float(5.0)), None);
        assert_eq!(d.get(&Term::Int(5)), Some(&Term::Int(5)));
        assert_eq!(d.len(), 100);
    }
}
