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
    // A linked or monitored process makes its `Extras`: at most 112 bytes, a size class.
    let extras = std::mem::size_of::<super::Extras>();
    eprintln!("Extras: {extras} bytes");
    assert!(extras <= 112, "Extras grew to {extras} bytes");
}

/// A host mailbox keeps its messages when Erlang code looks at its pid: `is_process_alive`
/// and `process_info` read other processes' private halves, and a host mailbox's signals
/// are the host's alone.
#[test]
fn looking_at_a_host_mailbox_loses_none_of_its_messages() {
    use crate::term::Term;
    use crate::{CallResult, CapturedOutput, Vm, VmConfig};
    use std::sync::Arc;
    use std::time::Duration;

    let vm = Vm::with_output(VmConfig::default(), Arc::new(CapturedOutput::default()));
    let src = "-module(t).\n-export([f/1]).\n\
               f(P) -> P ! one, A = is_process_alive(P), I = process_info(P, messages), P ! two, {A, I}.\n";
    if let Err(d) = vm.load_source("t.erl", src) {
        panic!("does not compile: {d:?}");
    }
    let mailbox = vm.host_mailbox();
    match vm.call("t", "f", vec![Term::Pid(mailbox.pid())]) {
        CallResult::Returned(v) => assert_eq!(v.to_string(), "{true,undefined}"),
        other => panic!("{other:?}"),
    }
    let got: Vec<String> =
        (0..2).filter_map(|_| mailbox.recv_timeout(Duration::from_secs(5))).map(|t| t.to_string()).collect();
    assert_eq!(got, ["one", "two"]);
}
