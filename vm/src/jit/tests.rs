//! Which functions get native code, and what it does at its edges.

use crate::term::{Atom, Term};
use crate::{CallResult, Vm, VmConfig};

const SRC: &str = "-module(t).
-export([fib/1, len/1, sum_len/2, loop/2, shape/1, wide/1]).
fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).
len([]) -> 0;
len([_ | T]) -> 1 + len(T).
sum_len(L, N) -> len(L) + N.
loop(0, A) -> A;
loop(N, A) -> loop(N - 1, A * 3).
shape(X) when is_integer(X), X > 100 -> big;
shape(X) when is_float(X) -> float;
shape(_) -> other.
wide(N) -> {N + 1}.
";

fn vm() -> Vm {
    let vm = Vm::new(VmConfig::default());
    if let Err(d) = vm.load_source("t.erl", SRC) {
        panic!("does not compile: {d:?}");
    }
    vm
}

fn compiled(vm: &Vm, f: &str, arity: u32) -> bool {
    let m = vm.shared().code.get(Atom::new("t")).expect("loaded");
    let i = m.find_function(Atom::new(f), arity).expect("defined");
    m.native.entry(i).is_some()
}

#[test]
fn numeric_functions_are_compiled_and_the_rest_interpreted() {
    let vm = vm();
    assert!(compiled(&vm, "fib", 1));
    assert!(compiled(&vm, "loop", 2));
    // Lists, tuples, and calls to functions that are not compiled stay interpreted.
    assert!(!compiled(&vm, "len", 1));
    assert!(!compiled(&vm, "sum_len", 2));
    assert!(!compiled(&vm, "wide", 1));
    // No arithmetic and no call: nothing to gain.
    assert!(!compiled(&vm, "shape", 1));
}

#[test]
fn native_loops_overflow_into_big_integers() {
    let vm = vm();
    match vm.call("t", "loop", vec![Term::Int(100), Term::Int(1)]) {
        CallResult::Returned(v) => assert_eq!(v.to_string(), "515377520732011331036461129765621272702107522001"),
        other => panic!("{other:?}"),
    }
    match vm.call("t", "fib", vec![Term::Int(23)]) {
        CallResult::Returned(v) => assert_eq!(v, Term::Int(28657)),
        other => panic!("{other:?}"),
    }
}
