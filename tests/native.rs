//! Native code against the interpreter: the same programs, run with native code on and
//! off (`EMBER_JIT=off`), must print the same thing, stack traces included. (What they
//! print is checked against erl by the conformance programs. The whole traces printed
//! here differ from erl's where erlc's type analysis decides how an operator fails, which
//! ember does not reproduce, so they are compared between ember's two ways of running
//! code instead.)

mod support;

use std::path::Path;
use std::process::Command;
use support::Rng;

fn run(program: &Path, jit: &str) -> String {
    run_dumping(program, jit).0
}

/// Runs `program` with native code `on` or `off`, printing the machine code of what is
/// compiled: standard output, and the names of the compiled functions.
fn run_dumping(program: &Path, jit: &str) -> (String, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .env("EMBER_JIT", jit)
        .env("EMBER_JIT_DUMP", "1")
        .args(["--schedulers", "1", "run"])
        .arg(program)
        .output()
        .expect("ember runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{}: {err}", program.display());
    let compiled = err.lines().filter_map(|l| l.strip_prefix("== ")).map(str::to_owned).collect();
    (String::from_utf8(out.stdout).expect("UTF-8 output"), compiled)
}

#[test]
fn native_code_prints_what_the_interpreter_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native");
    let program = dir.join("traces.erl");
    let (native, compiled) = run_dumping(&program, "on");
    let interpreted = run(&program, "off");
    assert_eq!(native, interpreted);
    for f in ["traces:inner/2", "traces:middle/2", "traces:count_down/1", "traces:walk/2", "traces:sum/2"] {
        assert!(compiled.iter().any(|c| c == f), "{f} is not compiled: {compiled:?}");
    }
    // The callers that native code left behind are in the trace, with their lines.
    assert!(native.contains("{traces,middle,2,[{file,\"traces.erl\"},{line,24}]}"), "{native}");
    assert!(native.contains("{traces,walk,2,[{file,\"traces.erl\"},{line,37}]}"), "{native}");
    assert!(native.contains("sum 9223372041854760272"), "{native}");
}

/// Choices from the shared generator.
trait Choose {
    fn below(&mut self, n: usize) -> usize;
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str;
}

impl Choose for Rng {
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A random arithmetic expression over `A` and `B`, calling functions below `k`.
fn expr(r: &mut Rng, depth: u32, k: usize) -> String {
    if depth == 0 || r.below(4) == 0 {
        return r.pick(&["A", "B", "1", "-3", "7", "0", "2.5", "-0.5", "9223372036854775807", "A", "B"]).to_owned();
    }
    let (x, y) = (expr(r, depth - 1, k), expr(r, depth - 1, k));
    match r.below(6) {
        0 if k > 0 => format!("f{}({x}, {y})", r.below(k)),
        1 => format!(
            "(case {x} {} {y} of true -> {x}; false -> {y} end)",
            r.pick(&["<", ">=", "==", "=:=", "/=", "=/="])
        ),
        _ => format!("({x} {} {y})", r.pick(&["+", "-", "*", "div", "rem", "band", "bor", "bxor", "/", "+", "-", "*"])),
    }
}

/// A module of random numeric functions (which native code compiles) and a `main/0` that
/// prints each one's value, or its error, on awkward inputs.
fn random_module(seed: u64, functions: usize) -> String {
    let mut r = Rng(seed);
    let mut src = String::from("-module(random_numeric).\n-export([main/0]).\n");
    for k in 0..functions {
        let guard = r.pick(&[
            "is_integer(A)",
            "is_float(B)",
            "A > B",
            "A =:= B",
            "A == 1",
            "is_number(A), B =/= 0",
            "A < 0; B < 0",
        ]);
        src += &format!("f{k}(A, B) when {guard} -> {};\n", expr(&mut r, 3, k));
        src += &format!("f{k}(A, B) -> {}.\n", expr(&mut r, 3, k));
    }
    // Functions that take tuples apart: arity and tag tests, element reads.
    for k in 0..4 {
        src += &format!("t{k}({{A, B}}) -> {};\n", expr(&mut r, 2, functions));
        src += &format!("t{k}({{tag, A, B}}) -> {};\n", expr(&mut r, 2, functions));
        src += &format!("t{k}({{A, 7, B}}) -> {};\n", expr(&mut r, 2, functions));
        src += &format!("t{k}(T) when is_tuple(T) -> element({}, T) + 1;\n", 1 + r.below(3));
        src += &format!("t{k}(_) -> none.\n");
    }
    // A loop that accumulates through one of the functions, and a body recursion.
    src += &format!(
        "loop(0, Acc, _) -> Acc;\nloop(N, Acc, B) -> loop(N - 1, f{}(Acc, B) band 16#FFFFFFF, B).\n",
        r.below(functions)
    );
    src += &format!("rec(0, B) -> B;\nrec(N, B) -> f{}(N, B) + rec(N - 1, B).\n", r.below(functions));
    src += "inputs() -> [0, 1, -1, 7, 9223372036854775807, -9223372036854775808, 4611686018427387904, \
            1.5, -0.0, 2.5e300, foo, [], 123456789012345678901234567890].\n";
    src += "show(F) -> io:format(\"~p~n\", [try F() catch C:R -> {C, R} end]).\n";
    src += "main() ->\n";
    for k in 0..functions {
        src += &format!("    [show(fun() -> f{k}(A, B) end) || A <- inputs(), B <- inputs()],\n");
    }
    src += "    Tuples = [{A, B} || A <- inputs(), B <- [1, 2.5, foo]] ++ [{tag, A, 2} || A <- inputs()] \
            ++ [{x, 7, A} || A <- inputs()] ++ [{A, 1, 2, 3} || A <- inputs()] ++ [{}, {9}, foo],\n";
    for k in 0..4 {
        src += &format!("    [show(fun() -> t{k}(T) end) || T <- Tuples],\n");
    }
    src += "    [show(fun() -> loop(1000, 1, B) end) || B <- inputs()],\n";
    src += "    [show(fun() -> rec(300, B) end) || B <- inputs()],\n    ok.\n";
    src
}

#[test]
fn random_numeric_code_agrees_with_the_interpreter() {
    let dir = std::env::temp_dir().join(format!("ember-native-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // (300 seeds passed when this was written, 200 with the tuple functions; 16 keep the
    // test quick.)
    for seed in (1..=16u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)) {
        let program = dir.join("random_numeric.erl");
        std::fs::write(&program, random_module(seed, 12)).expect("write program");
        let (native, compiled) = run_dumping(&program, "on");
        let interpreted = run(&program, "off");
        assert!(native.lines().count() > 12 * 169, "seed {seed:#x}: too little output");
        // Every random function, the tuple functions and both loops run as native code.
        let ours = compiled.iter().filter(|f| f.starts_with("random_numeric:") && !f.ends_with("(direct)")).count();
        assert!(ours >= 18, "seed {seed:#x}: only {ours} functions compiled: {compiled:?}");
        if native != interpreted {
            let line = native.lines().zip(interpreted.lines()).position(|(a, b)| a != b);
            let kept = dir.join(format!("random_numeric_{seed:x}.erl"));
            let _ = std::fs::copy(&program, &kept);
            panic!("seed {seed:#x}: output differs at line {line:?}; program kept in {}", kept.display());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
