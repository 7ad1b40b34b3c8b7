//! Stack traces, and exceptions as erl prints them.
//!
//! A trace lists the current function, then the callers still on the stack (tail calls
//! leave no frame, as in BEAM), each as `{M, F, Arity | Args, [{file, F}, {line, L}]}`.

use super::exception::{Class, Exception, Origin};
use crate::bif::{self, BifId};
use crate::code::Module;
use crate::process::Proc;
use crate::term::{print::quote_atom, Atom, Term};
use std::sync::Arc;

fn location(m: &Module, pc: u32) -> Term {
    let file = m.file.rsplit('/').next().unwrap_or(&m.file).to_owned();
    let line = m.line_at(pc);
    let mut loc = vec![Term::tuple(vec![Term::atom("file"), Term::string(&file)])];
    if line > 0 {
        loc.push(Term::tuple(vec![Term::atom("line"), Term::Int(line as i64)]));
    }
    Term::list(loc)
}

fn function_name(m: &Module, pc: u32) -> (Atom, u32) {
    match m.function_at(pc) {
        Some(f) => {
            // A lambda's frame shows the fun's own arity, not counting captured values.
            let arity = m
                .lambdas
                .iter()
                .find(|l| m.functions[l.func as usize].entry == f.entry)
                .map(|l| l.arity)
                .unwrap_or(f.arity);
            (f.name, arity)
        }
        None => (Atom::new("unknown"), 0),
    }
}

/// The frame of the function at `pc`, with its arguments instead of its arity.
pub(crate) fn frame_with_args(m: &Module, pc: u32, args: Term) -> Term {
    let (f, _) = function_name(m, pc);
    let def_line = m.function_at(pc).map(|f| m.line_at(f.entry)).unwrap_or(0);
    let file = m.file.rsplit('/').next().unwrap_or(&m.file).to_owned();
    let mut loc = vec![Term::tuple(vec![Term::atom("file"), Term::string(&file)])];
    if def_line > 0 {
        loc.push(Term::tuple(vec![Term::atom("line"), Term::Int(def_line as i64)]));
    }
    Term::tuple(vec![Term::Atom(m.name), Term::Atom(f), args, Term::list(loc)])
}

/// The frame of a failing built-in.
pub(crate) fn bif_frame(module: &str, name: &str, args: Vec<Term>) -> Term {
    let info = Term::tuple(vec![
        Term::atom("error_info"),
        Term::Map(crate::term::Map::from_pairs(vec![(Term::atom("module"), Term::atom("erl_erts_errors"))])),
    ]);
    Term::tuple(vec![Term::atom(module), Term::atom(name), Term::list(args), Term::list(vec![info])])
}

/// The stack trace for an exception raised at the process's current instruction.
pub(crate) fn trace(proc: &Proc, e: &Exception, bif: Option<(BifId, Vec<Term>)>) -> Term {
    if let Origin::Stack(t) = &e.origin {
        if t.is_list() {
            return t.clone();
        }
    }
    let mut frames = Vec::new();
    match (&e.origin, bif) {
        (Origin::Bif, Some((id, args))) => {
            let d = bif::def(id);
            frames.push(bif_frame(d.module, d.name, args));
        }
        (Origin::TopFrame(t), _) => frames.push(t.clone()),
        _ => {}
    }
    let Some(m) = proc.module.clone() else {
        return Term::list(frames);
    };
    // The current function: the instruction that raised is the one before `pc`.
    let pc = proc.pc.saturating_sub(1);
    match &e.origin {
        Origin::Stack(single) => frames.push(single.clone()),
        Origin::RaisedWithArgs(args) => frames.push(frame_with_args(&m, pc, args.clone())),
        _ => {
            let (f, a) = function_name(&m, pc);
            frames.push(Term::tuple(vec![Term::Atom(m.name), Term::Atom(f), Term::Int(a as i64), location(&m, pc)]));
        }
    }
    let mut cur: Arc<Module> = m;
    for fr in proc.frames.iter().rev() {
        if let Some(mm) = &fr.module {
            cur = mm.clone();
        }
        let pc = fr.ret_pc.saturating_sub(1);
        let (f, a) = function_name(&cur, pc);
        frames.push(Term::tuple(vec![Term::Atom(cur.name), Term::Atom(f), Term::Int(a as i64), location(&cur, pc)]));
        if frames.len() >= 8 {
            break;
        }
    }
    Term::list(frames)
}

/// An uncaught exception as `erl_error:format_exception/3` prints it.
pub fn format_exception(class: Class, reason: &Term, stack: &Term) -> String {
    let class_name = match class {
        Class::Error => "error",
        Class::Exit => "exit",
        Class::Throw => "throw",
    };
    let frames: Vec<Term> = stack.list_to_vec().unwrap_or_default();
    let mut out = format!("exception {class_name}: ");
    let (desc, skip_first) = match class {
        Class::Error => explain(reason, frames.first()),
        _ => (crate::term::format::pretty(reason, out.len(), 80, None), false),
    };
    out.push_str(&desc);
    let mut first = true;
    for (i, fr) in frames.iter().enumerate() {
        if i == 0 && skip_first {
            continue;
        }
        let Some(t) = fr.as_tuple() else { continue };
        if t.len() != 4 {
            continue;
        }
        let label = if first { "in function  " } else { "in call from " };
        first = false;
        let m = t[0].as_atom().map(|a| quote_atom(a.as_str())).unwrap_or_default();
        let f = t[1].as_atom().map(|a| quote_atom(a.as_str())).unwrap_or_default();
        let (mfa, args) = match &t[2] {
            Term::Int(a) => (format!("{m}:{f}/{a}"), None),
            args => (format!("{m}:{f}/{}", args.list_len().unwrap_or(0)), Some(args.clone())),
        };
        let mut file = None;
        let mut line = None;
        for p in t[3].iter_list() {
            if let Some([k, v]) =
                p.as_tuple().map(|x| x.to_vec()).as_deref().and_then(|x| <&[Term; 2]>::try_from(x).ok())
            {
                match k.as_atom().map(|a| a.as_str()) {
                    Some("file") => file = v.list_to_string(),
                    Some("line") => line = v.as_int(),
                    _ => {}
                }
            }
        }
        let is_bif = m == "erlang" && file.is_none();
        let shown = if is_bif
            && crate::compile::is_auto_imported(&f, args.as_ref().and_then(|a| a.list_len()).unwrap_or(0) as u32)
        {
            mfa.trim_start_matches("erlang:").to_owned()
        } else {
            mfa
        };
        out.push_str(&format!("\n  {label}{shown}"));
        if let (Some(file), Some(line)) = (&file, line) {
            out.push_str(&format!(" ({file}, line {line})"));
        }
        if let Some(args) = args {
            if is_bif {
                let parts: Vec<String> = args.iter_list().map(crate::term::print::write_term).collect();
                out.push_str(&format!("\n     called as {f}({})", parts.join(",")));
            }
        }
    }
    out
}

/// The description of an error reason, as erl_error words it; the flag says the first
/// frame has been shown as part of the description.
fn explain(reason: &Term, first: Option<&Term>) -> (String, bool) {
    let p = |t: &Term| crate::term::format::pretty(t, 0, 80, None);
    let text = match reason {
        Term::Atom(a) => match a.as_str() {
            "badarg" => "bad argument".to_owned(),
            "badarith" => "an error occurred when evaluating an arithmetic expression".to_owned(),
            "function_clause" => {
                if let Some(t) = first.and_then(|f| f.as_tuple()) {
                    if t.len() == 4 && t[2].is_list() {
                        let args: Vec<String> = t[2].iter_list().map(p).collect();
                        let s = format!(
                            "no function clause matching {}:{}({})",
                            quote_atom(t[0].as_atom().map(|a| a.as_str()).unwrap_or("")),
                            quote_atom(t[1].as_atom().map(|a| a.as_str()).unwrap_or("")),
                            args.join(",")
                        );
                        return (s, false);
                    }
                }
                "no function clause matching".to_owned()
            }
            "if_clause" => "no true branch found when evaluating an if expression".to_owned(),
            "undef" => {
                if let Some(t) = first.and_then(|f| f.as_tuple()) {
                    if t.len() == 4 {
                        let n = t[2].list_len().map(|n| n as i64).or(t[2].as_int()).unwrap_or(0);
                        return (
                            format!(
                                "undefined function {}:{}/{}",
                                quote_atom(t[0].as_atom().map(|a| a.as_str()).unwrap_or("")),
                                quote_atom(t[1].as_atom().map(|a| a.as_str()).unwrap_or("")),
                                n
                            ),
                            true,
                        );
                    }
                }
                "undefined function".to_owned()
            }
            "system_limit" => "a system limit has been reached".to_owned(),
            "noproc" => "no such process or port".to_owned(),
            "timeout_value" => "bad receive timeout value".to_owned(),
            _ => p(reason),
        },
        Term::Tuple(t) if t.len() == 2 => {
            let tag = t[0].as_atom().map(|a| a.as_str()).unwrap_or("");
            let v = &t[1];
            match tag {
                "badmatch" => format!("no match of right hand side value {}", p(v)),
                "case_clause" => format!("no case clause matching {}", p(v)),
                "try_clause" => format!("no try clause matching {}", p(v)),
                "badfun" => format!("bad function {}", p(v)),
                "badarity" => match v.as_tuple() {
                    Some([f, args]) => {
                        let n = args.list_len().unwrap_or(0);
                        let word = if n == 1 { "argument" } else { "arguments" };
                        format!("{} called with {} {}", p(f), n, word)
                    }
                    _ => p(reason),
                },
                "badkey" => format!("bad key: {}", p(v)),
                "badmap" => format!("bad map: {}", p(v)),
                "badrecord" => format!("bad record {}", p(v)),
                "bad_generator" => format!("bad generator {}", p(v)),
                _ => p(reason),
            }
        }
        _ => p(reason),
    };
    (text, false)
}
