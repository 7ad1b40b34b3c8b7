//! Tidy: rules about the source tree that a reviewer should not have to check by hand.
//! Every Rust module starts with a `//!` comment saying what it does, and no module uses
//! `unsafe` outside the small leaf modules listed in `no_module_uses_unsafe`.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn sources() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in ["src", "vm/src", "stdlib/src", "dist/src", "repl/src", "tests"] {
        rust_files(&root.join(d), &mut files);
    }
    files.sort();
    files
}

#[test]
fn every_module_starts_with_a_doc_comment() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(missing.is_empty(), "modules without a //! comment: {missing:?}");
}

/// The leaf modules allowed to use `unsafe`.
const LEAVES: &[&str] = &[
    "src/alloc.rs",
    "vm/src/bif/datagram.rs",
    "vm/src/code/cell.rs",
    "vm/src/jit/native.rs",
    "vm/src/pool.rs",
    "vm/src/term/raw.rs",
    "vm/src/term/tuple.rs",
    "vm/src/process/inbox.rs",
    "vm/src/process/slot.rs",
    "vm/src/process/table.rs",
    "vm/src/sched/runnable.rs",
];

#[test]
fn no_module_uses_unsafe() {
    let allowed = LEAVES;
    let needle = ["unsafe", " {"].concat();
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|p| !allowed.iter().any(|a| p.ends_with(a)) && !p.ends_with("tidy.rs"))
        .filter(|p| std::fs::read_to_string(p).unwrap_or_default().contains(&needle))
        .map(|p| p.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "unsafe outside the allowed leaf modules: {offenders:?}");
}

#[test]
fn every_unsafe_block_has_a_safety_proof() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let needle = ["unsafe", " {"].concat();
    for file in LEAVES {
        let text = std::fs::read_to_string(root.join(file)).expect("leaf module exists");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.contains(&needle) {
                let proof = lines[..i]
                    .iter()
                    .rev()
                    .take_while(|l| l.trim_start().starts_with("//"))
                    .any(|l| l.contains("SAFETY:"));
                assert!(proof, "{file}:{}: unsafe block without a // SAFETY: comment above it", i + 1);
            }
        }
    }
}
