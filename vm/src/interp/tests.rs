//! Interpreter tests: small modules compiled and run in a VM with captured output.

use crate::term::Term;
use crate::{CallResult, CapturedOutput, Vm, VmConfig};
use std::sync::Arc;

fn vm_with(src: &str) -> (Vm, Arc<CapturedOutput>) {
    let out = Arc::new(CapturedOutput::default());
    let vm = Vm::with_output(VmConfig::default(), out.clone());
    if let Err(d) = vm.load_source("t.erl", src) {
        panic!("does not compile: {d:?}");
    }
    (vm, out)
}

fn returns(src: &str, f: &str, args: Vec<Term>) -> Term {
    let (vm, _) = vm_with(src);
    match vm.call("t", f, args) {
        CallResult::Returned(v) => v,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_deep_body_recursion_does_not_use_the_rust_stack() {
    // A million nested non-tail calls: frames live on the process's heap, not in Rust.
    let v =
        returns("-module(t).\n-export([f/1]).\nf(0) -> 0;\nf(N) -> 1 + f(N - 1).\n", "f", vec![Term::Int(1_000_000)]);
    assert_eq!(v, Term::Int(1_000_000));
}

#[test]
fn tail_calls_run_in_constant_space() {
    let (vm, _) = vm_with("-module(t).\n-export([f/2]).\nf(0, A) -> A;\nf(N, A) -> f(N - 1, A + 1).\n");
    match vm.call("t", "f", vec![Term::Int(3_000_000), Term::Int(0)]) {
        CallResult::Returned(v) => assert_eq!(v, Term::Int(3_000_000)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn exceptions_carry_erlang_reasons() {
    let (vm, _) = vm_with("-module(t).\n-export([f/1]).\nf(X) -> {ok, Y} = X, Y.\n");
    match vm.call("t", "f", vec![Term::atom("nope")]) {
        CallResult::Raised(_, reason, _) => assert_eq!(reason.to_string(), "{badmatch,nope}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_guard_that_raises_is_false() {
    let v = returns(
        "-module(t).\n-export([f/1]).\nf(X) when hd(X) > 0 -> pos;\nf(_) -> other.\n",
        "f",
        vec![Term::atom("notalist")],
    );
    assert_eq!(v, Term::atom("other"));
}

#[test]
fn a_non_boolean_filter_is_bad_filter() {
    let (vm, _) = vm_with("-module(t).\n-export([f/0]).\nf() -> [X || X <- [1, 2], id(X)].\nid(X) -> X.\n");
    match vm.call("t", "f", vec![]) {
        CallResult::Raised(_, reason, _) => assert_eq!(reason.to_string(), "{bad_filter,1}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn output_goes_to_the_vm_output() {
    let (vm, out) = vm_with("-module(t).\n-export([f/0]).\nf() -> io:format(\"~p~n\", [{a, [1, 2]}]).\n");
    let _ = vm.call("t", "f", vec![]);
    assert_eq!(String::from_utf8_lossy(&out.out.lock()), "{a,[1,2]}\n");
}

#[test]
fn two_vms_are_independent() {
    let (a, _) = vm_with("-module(t).\n-export([f/0]).\nf() -> one.\n");
    let (b, _) = vm_with("-module(t).\n-export([f/0]).\nf() -> two.\n");
    assert!(matches!(a.call("t", "f", vec![]), CallResult::Returned(Term::Atom(x)) if x.as_str() == "one"));
    assert!(matches!(b.call("t", "f", vec![]), CallResult::Returned(Term::Atom(x)) if x.as_str() == "two"));
}

#[test]
fn the_disassembler_shows_a_tail_call() {
    let out = Arc::new(CapturedOutput::default());
    let vm = Vm::with_output(VmConfig::default(), out);
    let code = crate::code::CodeServer::new();
    let src = "-module(t).\n-export([f/1, g/1, h/1]).\nf(0) -> done;\nf(N) -> f(N - 1).\n\
               g(Y) -> X = element(1, Y), Z = {X, Y}, case Z of {A, _} -> A end.\n\
               h(A) -> B = A * 2, C = B * 2, D = C * 2, E = D * 2, {E, E}.\n";
    struct NoFiles;
    impl crate::syntax::SourceLoader for NoFiles {
        fn read(&self, _: &str) -> Option<String> {
            None
        }
    }
    let c = crate::compile::compile_module("t.erl", src, &Default::default(), &NoFiles, &code);
    let m = c.module.expect("compiles");
    let text = crate::compile::disasm::disassemble(&m);
    assert!(text.contains("function f/1"), "{text}");
    assert!(text.contains("TailCall { func: 0"), "{text}");
    // The loop's test, decrement and tail call take their specialized forms.
    assert!(text.contains("IsEqInt { a: Reg(0), imm: 0"), "{text}");
    assert!(text.contains("AddImm { kind: Sub"), "{text}");
    assert!(text.contains("in_place: true"), "{text}");
    // Values bound to fresh variables are computed straight into them: g/1 moves nothing.
    let g = text.split("function g/1").nth(1).and_then(|t| t.split("function ").next()).unwrap_or("");
    assert!(g.contains("MakeTuple") && !g.contains("Move"), "{g}");
    // Registers are shared by values that are never live together: h/1's chain of
    // variables fits in its argument's register.
    assert!(text.contains("function h/1 (registers: 1)"), "{text}");
    drop(vm);
}

/// A receive that needs a reference made just before, by one of the calls that make one
/// (gen's `ember_proc:call_send/3` among them), skips the messages that were there before
/// the reference was made; any other call gets no such mark.
#[test]
fn a_receive_for_a_new_reference_starts_past_the_older_messages() {
    let code = crate::code::CodeServer::new();
    struct NoFiles;
    impl crate::syntax::SourceLoader for NoFiles {
        fn read(&self, _: &str) -> Option<String> {
            None
        }
    }
    let wait = |make: &str| {
        let src = format!(
            "-module(t).\n-export([f/1]).\nf(P) -> R = {make}, receive {{[alias | R], X}} -> X end.\ncall_send(_, _, _) -> make_ref().\n"
        );
        let c = crate::compile::compile_module("t.erl", &src, &Default::default(), &NoFiles, &code);
        let text = crate::compile::disasm::disassemble(&c.module.expect("compiles"));
        let f = text.split("function f/1").nth(1).and_then(|t| t.split("function ").next()).unwrap_or("").to_string();
        f.contains("RecvMark") && f.contains("RecvBind")
    };
    assert!(wait("ember_proc:call_send(P, x, y)"));
    assert!(wait("erlang:monitor(process, P, [{alias, demonitor}])"));
    assert!(wait("make_ref()"));
    // A local function of the same name, or another module's, may read the mailbox.
    assert!(!wait("call_send(P, x, y)"));
    assert!(!wait("other:call_send(P, x, y)"));
}

#[test]
fn a_built_in_stays_first_after_its_module_loads_and_hands_on_what_it_declines() {
    // A module `io` of our own defines io:format/3, which is also a built-in: standard
    // output still goes to the built-in; another device goes to the Erlang definition,
    // whether the module was loaded before the call or by it.
    let io = "-module(io).\n-export([format/3]).\nformat(Dev, _, _) -> {erlang_definition, Dev}.\n";
    let caller = "-module(t).\n-export([f/1]).\nf(Dev) -> io:format(Dev, \"hi~n\", []).\n";
    for load_first in [true, false] {
        let out = Arc::new(CapturedOutput::default());
        let config = VmConfig { builtin_modules: vec![("io", io)], ..Default::default() };
        let vm = Vm::with_output(config, out.clone());
        if load_first {
            assert!(vm.load_source("io.erl", io).is_ok());
        }
        assert!(vm.load_source("t.erl", caller).is_ok());
        match vm.call("t", "f", vec![Term::atom("elsewhere")]) {
            CallResult::Returned(v) => assert_eq!(v.to_string(), "{erlang_definition,elsewhere}"),
            other => panic!("{other:?}"),
        }
        match vm.call("t", "f", vec![Term::atom("standard_io")]) {
            CallResult::Returned(v) => assert_eq!(v.to_string(), "ok"),
            other => panic!("{other:?}"),
        }
        assert_eq!(String::from_utf8_lossy(&out.out.lock()), "hi\n");
    }
}
