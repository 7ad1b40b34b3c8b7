//! The disassembler: a module's bytecode as readable text, for tests and debugging
//! (`ember disasm FILE.erl`).

use crate::code::Module;
use std::fmt::Write;

/// The module's functions and instructions, one per line.
pub fn disassemble(m: &Module) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "module {}", m.name.as_str());
    for (i, lit) in m.literals.iter().enumerate() {
        let _ = writeln!(s, "  literal {i}: {lit}");
    }
    for (i, imp) in m.imports.iter().enumerate() {
        let _ = writeln!(s, "  import {i}: {}:{}/{}", imp.module.as_str(), imp.function.as_str(), imp.arity);
    }
    for (fi, f) in m.functions.iter().enumerate() {
        let end = m.functions.get(fi + 1).map(|g| g.entry).unwrap_or(m.code.len() as u32);
        let _ = writeln!(s, "\nfunction {}/{} (registers: {})", f.name.as_str(), f.arity, f.nslots);
        for pc in f.entry..end {
            let _ = writeln!(s, "  {pc:5}  line {:<4} {:?}", m.line_at(pc), m.code[pc as usize]);
        }
    }
    s
}
