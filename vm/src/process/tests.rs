//! Size budget of a process: an idle process must stay small (the target is at most 400
//! bytes for everything it owns), so its fixed parts are checked here.

use super::{Proc, ProcessHandle};

#[test]
fn the_fixed_parts_of_a_process_stay_small() {
    let proc = std::mem::size_of::<Proc>();
    let handle = std::mem::size_of::<ProcessHandle>();
    eprintln!("Proc: {proc} bytes, ProcessHandle: {handle} bytes");
    assert!(proc <= 256, "Proc grew to {proc} bytes");
    assert!(handle <= 128, "ProcessHandle grew to {handle} bytes");
}
