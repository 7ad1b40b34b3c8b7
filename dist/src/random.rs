//! Unpredictable 32-bit numbers for handshake challenges and EPMD creation numbers.
//!
//! Each number is a SipHash, keyed by std's `RandomState` (whose keys come from the operating
//! system's random source), of a process-wide counter and the clock. That is unpredictable to
//! a peer without adding a dependency. It is deliberately not a general random number
//! generator: nothing here is seedable or reproducible.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Makes two calls in the same clock tick still hash different input.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh unpredictable 32-bit number.
pub(crate) fn random_u32() -> u32 {
    let mut hasher = RandomState::new().build_hasher();
    // Relaxed: the counter only has to differ between calls, it orders nothing.
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(since_epoch) = SystemTime::now().duration_since(UNIX_EPOCH) {
        hasher.write_u128(since_epoch.as_nanos());
    }
    let h = hasher.finish();
    (h ^ (h >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::random_u32;
    use std::collections::HashSet;

    #[test]
    fn numbers_do_not_repeat() {
        let seen: HashSet<u32> = (0..1000).map(|_| random_u32()).collect();
        assert!(seen.len() > 990, "only {} distinct numbers in 1000", seen.len());
    }
}
