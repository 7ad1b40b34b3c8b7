//! Maps: persistent key-value maps in BEAM's key order.
//!
//! Small maps (up to 32 keys, as in BEAM) are a vector sorted in map key order (exact term
//! order: integers before floats of the same value). Larger ones are a persistent B-tree
//! over the keys' positions in BEAM's hash trie (`map_hash.rs`), so they iterate in the
//! order OTP 25 does, and adding to a million-key map is logarithmic even when the old
//! version stays alive. Updates copy on write; a map held only once is updated in place.
//!
//! [`Map::iter`] is the iteration order (`maps:fold/3`, `maps:next/1`, printing);
//! [`Map::list_order`] is the order of `maps:to_list/1`, `maps:keys/1` and
//! `term_to_binary/1`, which for a large map is the reverse.

use super::map_hash::{deeper_order, first_position};
use super::Term;
use std::cmp::Ordering;
use std::sync::Arc;

const FLAT_MAX: usize = 32;

/// An Erlang map.
#[derive(Clone)]
pub struct Map(Arc<Repr>);

#[derive(Clone)]
enum Repr {
    Flat(Vec<(Term, Term)>),
    Tree(imbl::OrdMap<Placed, Term>),
}

/// A key of a large map with its position in BEAM's hash trie, which orders the keys.
#[derive(Clone)]
struct Placed {
    position: u32,
    key: Term,
}

impl Placed {
    fn new(key: Term) -> Placed {
        Placed { position: first_position(&key), key }
    }
}

impl Ord for Placed {
    fn cmp(&self, other: &Placed) -> Ordering {
        self.position.cmp(&other.position).then_with(|| deeper_order(&self.key, &other.key))
    }
}

impl PartialOrd for Placed {
    fn partial_cmp(&self, other: &Placed) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Placed {
    fn eq(&self, other: &Placed) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Placed {}

impl Default for Map {
    fn default() -> Map {
        Map::new()
    }
}

impl Map {
    /// The empty map.
    pub fn new() -> Map {
        Map(Arc::new(Repr::Flat(Vec::new())))
    }

    /// A map from key-value pairs; a later pair wins over an earlier one with the same key.
    pub fn from_pairs(pairs: Vec<(Term, Term)>) -> Map {
        let mut m = Map::new();
        for (k, v) in pairs {
            m.insert(k, v);
        }
        m
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        match &*self.0 {
            Repr::Flat(v) => v.len(),
            Repr::Tree(t) => t.len(),
        }
    }

    /// Is the map empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value under `key` (compared exactly, as map keys are).
    pub fn get(&self, key: &Term) -> Option<&Term> {
        match &*self.0 {
            Repr::Flat(v) => v.binary_search_by(|(k, _)| k.cmp(key)).ok().map(|i| &v[i].1),
            Repr::Tree(t) => t.get(&Placed::new(key.clone())),
        }
    }

    /// Sets `key` to `value`.
    pub fn insert(&mut self, key: Term, value: Term) {
        match Arc::make_mut(&mut self.0) {
            Repr::Flat(v) => match v.binary_search_by(|(k, _)| k.cmp(&key)) {
                Ok(i) => v[i].1 = value,
                Err(i) => {
                    if v.len() < FLAT_MAX {
                        v.insert(i, (key, value));
                    } else {
                        let mut t: imbl::OrdMap<Placed, Term> = v.drain(..).map(|(k, v)| (Placed::new(k), v)).collect();
                        t.insert(Placed::new(key), value);
                        self.0 = Arc::new(Repr::Tree(t));
                    }
                }
            },
            Repr::Tree(t) => {
                t.insert(Placed::new(key), value);
            }
        }
    }

    /// Removes `key`, returning whether it was there.
    pub fn remove(&mut self, key: &Term) -> bool {
        if self.get(key).is_none() {
            return false;
        }
        match Arc::make_mut(&mut self.0) {
            Repr::Flat(v) => {
                if let Ok(i) = v.binary_search_by(|(k, _)| k.cmp(key)) {
                    v.remove(i);
                }
            }
            Repr::Tree(t) => {
                t.remove(&Placed::new(key.clone()));
                if t.len() <= FLAT_MAX {
                    // Back to a small map, in map key order (as BEAM turns it back).
                    let mut v: Vec<(Term, Term)> = t.iter().map(|(k, v)| (k.key.clone(), v.clone())).collect();
                    v.sort_by(|a, b| a.0.cmp(&b.0));
                    self.0 = Arc::new(Repr::Flat(v));
                }
            }
        }
        true
    }

    /// Has the map more than 32 keys (BEAM's hash trie, not its sorted small map)?
    pub fn is_large(&self) -> bool {
        matches!(&*self.0, Repr::Tree(_))
    }

    /// The pairs in iteration order: map key order for a small map, BEAM's trie order for
    /// a large one.
    pub fn iter(&self) -> Box<dyn DoubleEndedIterator<Item = (&Term, &Term)> + '_> {
        match &*self.0 {
            Repr::Flat(v) => Box::new(v.iter().map(|(k, v)| (k, v))),
            Repr::Tree(t) => Box::new(t.iter().map(|(k, v)| (&k.key, v))),
        }
    }

    /// The pairs in the order of `maps:to_list/1`: the iteration order for a small map,
    /// its reverse for a large one.
    pub fn list_order(&self) -> Box<dyn Iterator<Item = (&Term, &Term)> + '_> {
        if self.is_large() {
            Box::new(self.iter().rev())
        } else {
            self.iter()
        }
    }

    /// The pairs in map key order (exact term order), for comparing maps.
    pub fn sorted(&self) -> Vec<(&Term, &Term)> {
        let mut v: Vec<(&Term, &Term)> = self.iter().collect();
        if self.is_large() {
            v.sort_by(|a, b| a.0.cmp(b.0));
        }
        v
    }

    /// The keys in iteration order.
    pub fn keys(&self) -> impl Iterator<Item = &Term> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// The values in iteration order.
    pub fn values(&self) -> impl Iterator<Item = &Term> + '_ {
        self.iter().map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_keep_key_order_across_representations() {
        let mut m = Map::new();
        for i in (0..100).rev() {
            m.insert(Term::Int(i), Term::Int(i * 2));
        }
        assert_eq!(m.len(), 100);
        let keys: Vec<i64> = m.sorted().into_iter().filter_map(|(k, _)| k.as_int()).collect();
        assert_eq!(keys, (0..100).collect::<Vec<_>>());
        // BEAM's trie order, then the reverse for maps:to_list/1.
        let first: Vec<i64> = m.keys().take(3).filter_map(Term::as_int).collect();
        let mut by_hash: Vec<Term> = (0..100).map(Term::Int).collect();
        by_hash.sort_by(super::super::map_hash::key_order);
        let want: Vec<i64> = by_hash.iter().take(3).filter_map(Term::as_int).collect();
        assert_eq!(first, want);
        assert_eq!(m.list_order().next().map(|(k, _)| k.clone()), by_hash.last().cloned());
        assert_eq!(m.get(&Term::Int(7)).and_then(Term::as_int), Some(14));
        for i in 0..90 {
            assert!(m.remove(&Term::Int(i)));
        }
        assert_eq!(m.len(), 10);
        assert!(!m.is_large());
        let keys: Vec<i64> = m.keys().filter_map(Term::as_int).collect();
        assert_eq!(keys, (90..100).collect::<Vec<_>>());
        assert!(m.get(&Term::Int(95)).is_some());
    }

    #[test]
    fn integer_and_float_keys_are_distinct() {
        let mut m = Map::new();
        m.insert(Term::Int(1), Term::atom("int"));
        m.insert(Term::float(1.0), Term::atom("float"));
        assert_eq!(m.len(), 2);
        assert!(matches!(m.keys().next(), Some(Term::Int(1))));
    }
}
