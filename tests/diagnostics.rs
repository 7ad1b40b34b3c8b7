//! Diagnostics: each program in tests/diagnostics is broken in one way; compiling it must
//! report exactly the errors erlc reports (the `.expected` files, made with erlc by
//! `tests/diagnostics/regen.sh`), each as `file:line:col: message`. A second test feeds the
//! compiler random and truncated input and checks that it never panics.

use ember_vm::code::CodeServer;
use ember_vm::compile::compile_module;
use ember_vm::syntax::{PpOptions, SourceLoader};
use std::path::{Path, PathBuf};
use support::Rng;

mod support;

struct Files(PathBuf);

impl SourceLoader for Files {
    fn read(&self, path: &str) -> Option<String> {
        // `-include_lib` of a header ember ships (ms_transform.hrl, file.hrl, ...).
        if let Some(lib) = path.strip_prefix("lib:") {
            return ember_stdlib::INCLUDES.iter().find(|(p, _)| *p == lib).map(|(_, s)| (*s).to_owned());
        }
        std::fs::read_to_string(self.0.join(path)).ok()
    }
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics")
}

/// The errors ember reports for one file, one per line, as erlc prints them.
fn errors_of(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let code = CodeServer::new();
    let c = compile_module(&name, &src, &PpOptions::default(), &Files(dir()), &code);
    let mut out = String::new();
    for d in c.diagnostics.iter().filter(|d| d.is_error()) {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn diagnostics_match_erlc() {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir()).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "erl"));
    files.sort();
    assert!(files.len() >= 20, "expected at least 20 broken programs, found {}", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let expected = std::fs::read_to_string(f.with_extension("expected")).unwrap_or_default();
        let actual = errors_of(f);
        assert!(!actual.is_empty(), "{} compiled without errors", f.display());
        if actual != expected {
            failures.push(format!("{}:\n--- erlc\n{expected}--- ember\n{actual}", f.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn no_input_panics_the_compiler() {
    let code = CodeServer::new();
    let compile = |src: &str| {
        let _ = compile_module("fuzz.erl", src, &PpOptions::default(), &Files(dir()), &code);
    };
    // Every prefix of every sample program, and byte-level mutations of them.
    let mut samples: Vec<String> = Vec::new();
    for d in ["tests/conformance/programs", "tests/diagnostics"] {
        let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(d);
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                if e.path().extension().is_some_and(|x| x == "erl") {
                    samples.push(std::fs::read_to_string(e.path()).unwrap_or_default());
                }
            }
        }
    }
    samples.sort();
    samples.truncate(40);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for s in &samples {
        let chars: Vec<char> = s.chars().collect();
        let step = (chars.len() / 60).max(1);
        for cut in (0..chars.len()).step_by(step) {
            compile(&chars[..cut].iter().collect::<String>());
        }
        for _ in 0..40 {
            let mut m = chars.clone();
            for _ in 0..(rng.next() % 8 + 1) {
                if m.is_empty() {
                    break;
                }
                let i = (rng.next() as usize) % m.len();
                let pool = b"()[]{}<>.,;:|#?!=-+*/$'\"%\\ \nabXY019_";
                match rng.next() % 3 {
                    0 => m[i] = pool[(rng.next() as usize) % pool.len()] as char,
                    1 => {
                        m.remove(i);
                    }
                    _ => m.insert(i, pool[(rng.next() as usize) % pool.len()] as char),
                }
            }
            compile(&m.iter().collect::<String>());
        }
    }
    // Random bytes, as text.
    for _ in 0..300 {
        let n = (rng.next() % 400) as usize;
        let bytes: Vec<u8> = (0..n).map(|_| (rng.next() % 256) as u8).collect();
        compile(&String::from_utf8_lossy(&bytes));
    }
}
