//! Maps: persistent key-value maps ordered by map key order.
//!
//! Small maps (up to 32 keys, as in BEAM) are a sorted vector; larger ones are a
//! persistent B-tree, so that adding to a million-key map is logarithmic even when the old
//! version stays alive. Updates copy on write; a map held only once is updated in place.
//!
//! Iteration follows map key order (exact term order: integers before floats of the same
//! value). BEAM iterates large maps in hash order; ember deliberately does not reproduce that.

use super::Term;
use std::sync::Arc;

const FLAT_MAX: usize = 32;

/// An Erlang map.
#[derive(Clone)]
pub struct Map(Arc<Repr>);

#[derive(Clone)]
enum Repr {
    Flat(Vec<(Term, Term)>),
    Tree(imbl::OrdMap<Term, Term>),
}

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
            Repr::Tree(t) => t.get(key),
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
                        let mut t: imbl::OrdMap<Term, Term> = v.drain(..).collect();
                        t.insert(key, value);
                        self.0 = Arc::new(Repr::Tree(t));
                    }
                }
            },
            Repr::Tree(t) => {
                t.insert(key, value);
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
                t.remove(key);
                if t.len() <= FLAT_MAX {
                    let v: Vec<(Term, Term)> = t.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    self.0 = Arc::new(Repr::Flat(v));
                }
            }
        }
        true
    }

    /// The pairs in map key order.
    pub fn iter(&self) -> Box<dyn Iterator<Item = (&Term, &Term)> + '_> {
        match &*self.0 {
            Repr::Flat(v) => Box::new(v.iter().map(|(k, v)| (k, v))),
            Repr::Tree(t) => Box::new(t.iter()),
        }
    }

    /// The keys in map key order.
    pub fn keys(&self) -> impl Iterator<Item = &Term> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// The values in map key order.
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
        let keys: Vec<i64> = m.keys().filter_map(Term::as_int).collect();
        assert_eq!(keys, (0..100).collect::<Vec<_>>());
        assert_eq!(m.get(&Term::Int(7)).and_then(Term::as_int), Some(14));
        for i in 0..90 {
            assert!(m.remove(&Term::Int(i)));
        }
        assert_eq!(m.len(), 10);
        assert!(m.get(&Term::Int(95)).is_some());
    }

    #[test]
    fn integer_and_float_keys_are_distinct() {
        let mut m = Map::new();
        m.insert(Term::Int(1), Term::atom("int"));
        m.insert(Term::Float(1.0), Term::atom("float"));
        assert_eq!(m.len(), 2);
        assert!(matches!(m.keys().next(), Some(Term::Int(1))));
    }
}
