//! Size budget of a process: an idle process must stay small (the target is at most 400
//! bytes for everything it owns), so its fixed parts are checked here.

use super::{Proc, ProcessHandle};

#[test]
fn the_fixed_parts_of_a_process_stay_small() {
    let proc = std::mem::size_of::<Proc>();
    let handle = std::mem::size_of::<ProcessHandle>();
    eprintln!("Proc: {proc} bytes, ProcessHandle: {handle} bytes");
    // The allocator rounds up to size classes: a `Proc` of at most 160 bytes takes 160, and a
    // handle of at most 32 bytes plus the `Arc`'s two counts takes 48.
    assert!(proc <= 160, "Proc grew to {proc} bytes");
    assert!(handle <= 32, "ProcessHandle grew to {handle} bytes");
}
