//! `erlang:memory/0,1`: the VM's memory use by kind, as OTP 25 names the kinds.
//!
//! ember allocates through Rust's allocator and keeps no per-kind accounting, so these are
//! estimates from what the VM can count: live processes, atoms, loaded code and ETS
//! objects. Binaries are not tracked (they are freed by reference counting wherever they
//! live), so `binary` is 0. The numbers are for a program's curiosity and for tools that
//! print them, not for decisions.

use super::BifDef;
use crate::interp::exception::Exception;
use crate::process::Proc;
use crate::term::{Atom, Term};

bifs! {
    "erlang", "memory", 0 => |p, _| {
        let m = measure(p);
        Ok(Term::list(KINDS.iter().map(|k| Term::tuple([Term::atom(k), Term::Int(m.get(k))])).collect()))
    };
    "erlang", "memory", 1 => |p, a| {
        let m = measure(p);
        let one = |t: &Term| match t {
            Term::Atom(k) if KINDS.contains(&k.as_str()) => Ok(m.get(k.as_str())),
            _ => Err(Exception::badarg()),
        };
        match &a[0] {
            Term::Atom(_) => Ok(Term::Int(one(&a[0])?)),
            list => {
                let kinds = list.list_to_vec().ok_or_else(Exception::badarg)?;
                let pairs = kinds.iter().map(|k| Ok(Term::tuple([k.clone(), Term::Int(one(k)?)])));
                Ok(Term::list(pairs.collect::<Result<Vec<_>, Exception>>()?))
            }
        }
    };
}

/// The kinds `erlang:memory/0` reports, in its order.
const KINDS: &[&str] =
    &["total", "processes", "processes_used", "system", "atom", "atom_used", "binary", "code", "ets"];

/// Bytes attributed to the VM's fixed structures (schedulers, tables, the code server).
const BASE_SYSTEM: usize = 1 << 20;

struct Measured {
    processes: usize,
    atom: usize,
    code: usize,
    ets: usize,
}

impl Measured {
    fn get(&self, kind: &str) -> i64 {
        let system = BASE_SYSTEM + self.atom + self.code + self.ets;
        (match kind {
            "total" => self.processes + system,
            "processes" | "processes_used" => self.processes,
            "system" => system,
            "atom" | "atom_used" => self.atom,
            "code" => self.code,
            "ets" => self.ets,
            _ => 0,
        }) as i64
    }
}

fn measure(p: &Proc) -> Measured {
    let per_process = std::mem::size_of::<Proc>() + 512;
    let code: usize =
        p.vm.code
            .loaded()
            .into_iter()
            .filter_map(|m| p.vm.code.get(m))
            .map(|m| {
                m.code.len() * std::mem::size_of::<crate::interp::op::Op>()
                    + m.lines.len() * 4
                    + m.literals.len() * 32
                    + m.functions.len() * 64
            })
            .sum();
    Measured {
        processes: p.vm.processes.len() * per_process,
        atom: Atom::count() * 48,
        code,
        ets: p.vm.ets.memory_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use crate::{CallResult, CapturedOutput, Vm, VmConfig};
    use std::sync::Arc;

    #[test]
    fn the_total_is_processes_plus_system() {
        let src = "-module(t).\n-export([f/0]).\n\
                   f() -> [{total, T}, {processes, P}, _, {system, S} | _] = erlang:memory(), T =:= P + S.\n";
        let vm = Vm::with_output(VmConfig::default(), Arc::new(CapturedOutput::default()));
        if let Err(d) = vm.load_source("t.erl", src) {
            panic!("does not compile: {d:?}");
        }
        match vm.call("t", "f", vec![]) {
            CallResult::Returned(v) => assert_eq!(v.to_string(), "true"),
            other => panic!("{other:?}"),
        }
    }
}
