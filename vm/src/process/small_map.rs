//! A map for a process's monitors and aliases: usually a few entries, sometimes many
//! thousands.

use std::collections::VecDeque;
use thin_vec::ThinVec;

/// How many entries a map keeps in a plain vector before it moves them to a sorted deque.
const FEW: usize = 16;

/// A thin vector of pairs while small (most processes have no monitor, or a few), in the
/// order they were added; beyond [`FEW`] entries a deque sorted by key, so that a process
/// with thousands (a server many clients call at once, a process that monitors many
/// others) finds each by binary search. Its keys (references) are made in increasing
/// order, so an entry is mostly added at the back, and the oldest, which mostly goes
/// first, leaves from the front; one removed from the middle leaves a hole, and the holes
/// are closed when they are as many as the entries.
pub enum SmallMap<K, V> {
    Few(ThinVec<(K, V)>),
    Many(Box<Sorted<K, V>>),
}

/// The entries of a large [`SmallMap`] in key order, with holes where some were removed.
pub struct Sorted<K, V> {
    entries: VecDeque<(K, Option<V>)>,
    live: usize,
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
            SmallMap::Many(m) => m.live,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> Iter<'_, K, V> {
        match self {
            SmallMap::Few(v) => Iter::Few(v.iter()),
            SmallMap::Many(m) => Iter::Many(m.entries.iter()),
        }
    }
}

/// The entries of a [`SmallMap`].
pub enum Iter<'a, K, V> {
    Few(std::slice::Iter<'a, (K, V)>),
    Many(std::collections::vec_deque::Iter<'a, (K, Option<V>)>),
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Few(i) => i.next().map(|(k, v)| (k, v)),
            Iter::Many(i) => i.find_map(|(k, v)| Some((k, v.as_ref()?))),
        }
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
            SmallMap::Many(m) => m.entries[m.find(k).ok()?].1.as_ref(),
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
                let mut entries: Vec<(K, Option<V>)> =
                    std::mem::take(e).into_iter().map(|(k, v)| (k, Some(v))).collect();
                entries.sort_by_key(|e| e.0);
                let live = entries.len();
                *self = SmallMap::Many(Box::new(Sorted { entries: entries.into(), live }));
                self.insert(k, v)
            }
            SmallMap::Many(m) => {
                if m.entries.back().is_none_or(|(last, _)| *last < k) {
                    m.entries.push_back((k, Some(v)));
                    m.live += 1;
                    return None;
                }
                match m.find(k) {
                    Ok(i) => {
                        let old = m.entries[i].1.replace(v);
                        if old.is_none() {
                            m.live += 1;
                        }
                        old
                    }
                    Err(i) => {
                        m.entries.insert(i, (k, Some(v)));
                        m.live += 1;
                        None
                    }
                }
            }
        }
    }

    /// Removes `k`; its value, if it was there.
    pub fn remove(&mut self, k: K) -> Option<V> {
        match self {
            SmallMap::Few(e) => {
                let i = e.iter().position(|(x, _)| *x == k)?;
                Some(e.remove(i).1)
            }
            SmallMap::Many(m) => {
                // Mostly the oldest: monitored processes often end in the order they were
                // made. (The first entry is never a hole.)
                let v = if m.entries.front().is_some_and(|(first, _)| *first == k) {
                    m.entries.pop_front()?.1?
                } else {
                    let i = m.find(k).ok()?;
                    m.entries[i].1.take()?
                };
                m.live -= 1;
                while m.entries.front().is_some_and(|(_, v)| v.is_none()) {
                    m.entries.pop_front();
                }
                while m.entries.back().is_some_and(|(_, v)| v.is_none()) {
                    m.entries.pop_back();
                }
                if m.live * 2 < m.entries.len() {
                    m.entries.retain(|(_, v)| v.is_some());
                }
                Some(v)
            }
        }
    }
}

impl<K: Ord + Copy, V> Sorted<K, V> {
    /// Where `k` is, or where it would go.
    fn find(&self, k: K) -> Result<usize, usize> {
        self.entries.binary_search_by(|(x, _)| x.cmp(&k))
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
    fn a_large_map_taken_apart_in_any_order_agrees_with_a_plain_one() {
        let mut m = SmallMap::new();
        let mut plain = std::collections::BTreeMap::new();
        // Keys mostly increasing, some out of order; removals from the front, the back and
        // the middle, so that holes open and close.
        let mut x = 7u32;
        for step in 0..3000u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let k = if x % 5 == 0 { x % 500 } else { step };
            if x % 3 == 0 {
                let victim = match x % 4 {
                    0 => plain.keys().next().copied(),
                    1 => plain.keys().next_back().copied(),
                    _ => plain.keys().nth((x as usize / 7) % plain.len().max(1)).copied(),
                };
                if let Some(v) = victim {
                    assert_eq!(m.remove(v), plain.remove(&v));
                }
            } else {
                assert_eq!(m.insert(k, step), plain.insert(k, step));
            }
            assert_eq!(m.len(), plain.len());
        }
        assert!(m.iter().map(|(k, v)| (*k, *v)).eq(plain.iter().map(|(k, v)| (*k, *v))));
        for k in 0..3000 {
            assert_eq!(m.get(k), plain.get(&k));
        }
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
