//! A map for a process's links, monitors and aliases: usually a few entries, sometimes
//! many thousands.

use std::collections::BTreeMap;
use thin_vec::ThinVec;

/// How many entries a map keeps in a plain vector before it moves them to a tree.
const FEW: usize = 16;

/// A thin vector of pairs while small (most processes have no link or monitor, or a few),
/// in the order they were added; beyond [`FEW`] entries a B-tree, in key order, so that a
/// process with thousands (a supervisor of many workers, a server many clients call at
/// once, a process that monitors many others) adds and removes each without a scan. The
/// keys here (pids, references) are made in increasing order, so key order is also the
/// order most were added in.
pub enum SmallMap<K, V> {
    Few(ThinVec<(K, V)>),
    Many(Box<BTreeMap<K, V>>),
}

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        SmallMap::new()
    }
}

impl<K, V> SmallMap<K, V> {
    pub const fn new() -> Self {
        SmallMap::Few(ThinVec::new())
    }

    pub fn len(&self) -> usize {
        match self {
            SmallMap::Few(v) => v.len(),
            SmallMap::Many(m) => m.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        let (few, many) = match self {
            SmallMap::Few(v) => (Some(v.iter().map(|(k, v)| (k, v))), None),
            SmallMap::Many(m) => (None, Some(m.iter())),
        };
        few.into_iter().flatten().chain(many.into_iter().flatten())
    }
}

impl<K: Ord + Copy, V> SmallMap<K, V> {
    /// A map of the one entry (a vector of exactly one: a first push would make room for
    /// four).
    pub fn one(k: K, v: V) -> Self {
        SmallMap::Few(thin_vec::thin_vec![(k, v)])
    }

    pub fn get(&self, k: K) -> Option<&V> {
        match self {
            SmallMap::Few(e) => e.iter().find(|(x, _)| *x == k).map(|(_, v)| v),
            SmallMap::Many(m) => m.get(&k),
        }
    }

    pub fn contains_key(&self, k: K) -> bool {
        self.get(k).is_some()
    }

    /// Adds `k` with `v`; the value it had, if it was there.
    pub fn insert(&mut self, k: K, v: V) -> Option<V> {
        match self {
            SmallMap::Few(e) => {
                if let Some((_, old)) = e.iter_mut().find(|(x, _)| *x == k) {
                    return Some(std::mem::replace(old, v));
                }
                if e.len() < FEW {
                    e.push((k, v));
                    return None;
                }
                let mut m: BTreeMap<K, V> = std::mem::take(e).into_iter().collect();
                m.insert(k, v);
                *self = SmallMap::Many(Box::new(m));
                None
            }
            SmallMap::Many(m) => m.insert(k, v),
        }
    }

    /// Removes `k`; its value, if it was there.
    pub fn remove(&mut self, k: K) -> Option<V> {
        match self {
            SmallMap::Few(e) => {
                let i = e.iter().position(|(x, _)| *x == k)?;
                Some(e.remove(i).1)
            }
            SmallMap::Many(m) => m.remove(&k),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_map_keeps_every_entry_and_finds_each() {
        let mut m = SmallMap::new();
        for i in 0..100u32 {
            assert_eq!(m.insert(i, i * 2), None);
            assert_eq!(m.insert(i, i * 3), Some(i * 2), "a second insert of {i} replaces the value");
        }
        assert!(matches!(m, SmallMap::Many(_)));
        assert_eq!(m.len(), 100);
        for i in (0..100).step_by(2) {
            assert_eq!(m.remove(i), Some(i * 3));
            assert_eq!(m.remove(i), None);
        }
        let left: Vec<u32> = m.iter().map(|(k, _)| *k).collect();
        assert_eq!(left, (1..100).step_by(2).collect::<Vec<_>>());
        assert!(m.contains_key(3) && !m.contains_key(4));
        assert_eq!(m.get(5), Some(&15));
    }

    #[test]
    fn a_small_map_keeps_the_order_entries_were_added_in() {
        let mut m = SmallMap::one(5u32, ());
        for i in [3, 9, 1] {
            m.insert(i, ());
        }
        m.remove(9);
        assert_eq!(m.iter().map(|(k, _)| *k).collect::<Vec<_>>(), vec![5, 3, 1]);
    }
}
