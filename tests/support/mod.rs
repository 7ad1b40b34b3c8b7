//! Helpers shared by the integration tests (a module of each test crate that uses it).

/// A small deterministic random number generator (xorshift), so that the tests need no
/// dependency and a failure can be reproduced from its seed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    /// The next number.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
