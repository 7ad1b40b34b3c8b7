//! The processes a process is linked to.

use crate::term::Pid;
use rustc_hash::FxHashSet;
use thin_vec::ThinVec;

/// How many links a process keeps in a plain vector before it moves them to a hash set.
const FEW: usize = 16;

/// A set of pids: a thin vector while it is small (most processes have no link, or one or
/// two), a hash set beyond [`FEW`], so that a process linked to thousands of others (a
/// supervisor of many workers) adds and removes each link without a scan. The vector keeps
/// the order links were made in; the set has none (nor has erl's `process_info(P, links)`).
pub enum Links {
    Few(ThinVec<Pid>),
    Many(Box<FxHashSet<Pid>>),
}

impl Default for Links {
    fn default() -> Links {
        Links::new()
    }
}

impl Links {
    pub const fn new() -> Links {
        Links::Few(ThinVec::new())
    }

    /// A set of the one pid `p` (a vector of exactly one: a first push would make room for
    /// four).
    pub fn one(p: Pid) -> Links {
        Links::Few(thin_vec::thin_vec![p])
    }

    pub fn contains(&self, p: Pid) -> bool {
        match self {
            Links::Few(v) => v.contains(&p),
            Links::Many(s) => s.contains(&p),
        }
    }

    /// Adds `p`; false if it was there.
    pub fn insert(&mut self, p: Pid) -> bool {
        match self {
            Links::Few(v) if v.contains(&p) => false,
            Links::Few(v) if v.len() < FEW => {
                v.push(p);
                true
            }
            Links::Few(v) => {
                let mut s: FxHashSet<Pid> = v.iter().copied().collect();
                s.insert(p);
                *self = Links::Many(Box::new(s));
                true
            }
            Links::Many(s) => s.insert(p),
        }
    }

    /// Removes `p`; false if it was not there.
    pub fn remove(&mut self, p: Pid) -> bool {
        match self {
            Links::Few(v) => match v.iter().position(|x| *x == p) {
                Some(i) => {
                    v.remove(i);
                    true
                }
                None => false,
            },
            Links::Many(s) => s.remove(&p),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Links::Few(v) => v.len(),
            Links::Many(s) => s.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> LinksIter<'_> {
        match self {
            Links::Few(v) => LinksIter::Few(v.iter()),
            Links::Many(s) => LinksIter::Many(s.iter()),
        }
    }
}

/// The pids of a [`Links`].
pub enum LinksIter<'a> {
    Few(std::slice::Iter<'a, Pid>),
    Many(std::collections::hash_set::Iter<'a, Pid>),
}

impl Iterator for LinksIter<'_> {
    type Item = Pid;

    fn next(&mut self) -> Option<Pid> {
        match self {
            LinksIter::Few(i) => i.next().copied(),
            LinksIter::Many(i) => i.next().copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_links_move_to_a_set_and_keep_every_member() {
        let pid = |i: u32| Pid::new(i, 1);
        let mut l = Links::new();
        for i in 0..100 {
            assert!(l.insert(pid(i)));
            assert!(!l.insert(pid(i)), "a second insert of {i} adds nothing");
        }
        assert!(matches!(l, Links::Many(_)));
        assert_eq!(l.len(), 100);
        for i in (0..100).step_by(2) {
            assert!(l.remove(pid(i)));
            assert!(!l.remove(pid(i)));
        }
        let mut left: Vec<u32> = l.iter().map(|p| p.index()).collect();
        left.sort();
        assert_eq!(left, (1..100).step_by(2).collect::<Vec<_>>());
        assert!(l.contains(pid(3)) && !l.contains(pid(4)));
    }

    #[test]
    fn few_links_keep_the_order_they_were_made_in() {
        let pid = |i: u32| Pid::new(i, 1);
        let mut l = Links::one(pid(5));
        for i in [3, 9, 1] {
            l.insert(pid(i));
        }
        l.remove(pid(9));
        assert_eq!(l.iter().map(|p| p.index()).collect::<Vec<_>>(), vec![5, 3, 1]);
    }
}
