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
    let file = m.file.clone();
    let line = m.line_at(pc);
    let mut loc = vec![Term::tuple([Term::atom("file"), Term::string(&file)])];
    if line > 0 {
        loc.push(Term::tuple([Term::atom("line"), Term::Int(line as i64)]));
    }
    Term::list(loc)
}

fn function_name(m: &Module, pc: u32) -> (Atom, u32) {
    match m.function_at(pc) {
        // A fun's frame counts its captured values as arguments, as BEAM's does.
        Some(f) => (f.name, f.arity),
        None => (Atom::new("unknown"), 0),
    }
}

/// The frame of the function at `pc`, with its arguments instead of its arity.
pub(crate) fn frame_with_args(m: &Module, pc: u32, args: Term) -> Term {
    let (f, _) = function_name(m, pc);
    let def_line = m.function_at(pc).map(|f| m.line_at(f.entry)).unwrap_or(0);
    let file = m.file.clone();
    let mut loc = vec![Term::tuple([Term::atom("file"), Term::string(&file)])];
    if def_line > 0 {
        loc.push(Term::tuple([Term::atom("line"), Term::Int(def_line as i64)]));
    }
    Term::tuple([Term::Atom(m.name), Term::Atom(f), args, Term::list(loc)])
}

/// The frame of a failing built-in.
pub(crate) fn bif_frame(module: &str, name: &str, args: Vec<Term>, cause: Option<&Term>) -> Term {
    // Some library functions are the `erlang` built-in under another name, as in BEAM.
    let (module, name) = match (module, name) {
        ("maps", "get") if args.len() == 2 => ("erlang", "map_get"),
        ("maps", "is_key") => ("erlang", "is_map_key"),
        ("maps", "size") => ("erlang", "map_size"),
        other => other,
    };
    // The module that explains the error: the runtime's for its own built-ins, the
    // library application's for the rest.
    let explainer = match module {
        "erlang" | "persistent_term" | "atomics" | "counters" => "erl_erts_errors",
        "os" => "erl_kernel_errors",
        _ => "erl_stdlib_errors",
    };
    let info = Term::tuple([
        Term::atom("error_info"),
        Term::Map(crate::term::Map::from_pairs(
            cause
                .map(|c| (Term::atom("cause"), c.clone()))
                .into_iter()
                .chain([(Term::atom("module"), Term::atom(explainer))])
                .collect(),
        )),
    ]);
    Term::tuple([Term::atom(module), Term::atom(name), Term::list(args), Term::list(vec![info])])
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
        (Origin::Bif | Origin::BifCause(_), Some((id, args))) => {
            // (An operator that fails inline, as BEAM's do in some forms, comes without a
            // built-in: see `interp::fails_inline`.)
            let d = bif::def(id);
            let cause = if let Origin::BifCause(c) = &e.origin { Some(c) } else { None };
            frames.push(bif_frame(d.module, d.name, args, cause));
        }
        (Origin::TopFrame(t) | Origin::TopFrameTail(t), _) => frames.push(t.clone()),
        _ => {}
    }
    let Some(m) = proc.module.clone() else {
        return Term::list(frames);
    };
    // The current function: the instruction that raised is the one before `pc`.
    let pc = proc.pc.saturating_sub(1);
    match &e.origin {
        Origin::Stack(single) => frames.push(single.clone()),
        Origin::TopFrameTail(_) => {}
        Origin::BinaryConstruction(cause) => {
            let (f, a) = function_name(&m, pc);
            let mut loc = location(&m, pc).list_to_vec().unwrap_or_default();
            let info = crate::term::Map::from_pairs(vec![(Term::atom("cause"), cause.clone())]);
            loc.push(Term::tuple([Term::atom("error_info"), Term::Map(info)]));
            frames.push(Term::tuple([Term::Atom(m.name), Term::Atom(f), Term::Int(a as i64), Term::list(loc)]));
        }
        Origin::RaisedWithArgs(args, info) => {
            // error/2,3 replace the frame's arity with the arguments they were given.
            let (f, _) = function_name(&m, pc);
            let mut loc = location(&m, pc);
            if let Some(info) = info {
                let mut items = loc.list_to_vec().unwrap_or_default();
                items.push(Term::tuple([Term::atom("error_info"), info.clone()]));
                loc = Term::list(items);
            }
            frames.push(Term::tuple([Term::Atom(m.name), Term::Atom(f), args.clone(), loc]));
        }
        _ => {
            let (f, a) = function_name(&m, pc);
            frames.push(Term::tuple([Term::Atom(m.name), Term::Atom(f), Term::Int(a as i64), location(&m, pc)]));
        }
    }
    let mut cur: Arc<Module> = m;
    // A return address the same as the one just listed is left out, as BEAM does: a body
    // recursion shows its innermost call once.
    let mut prev: Option<(*const Module, u32)> = None;
    // Catch frames are in the order of the depths they were opened at: `open` counts
    // those opened below the frame being looked at, or at it.
    let mut open = proc.catches.len();
    for (depth, fr) in proc.frames.iter().enumerate().rev() {
        while open > 0 && proc.catches[open - 1].frames_len > depth {
            open -= 1;
        }
        if let Some(mm) = &fr.module {
            cur = mm.clone();
        }
        // A caller waiting for a function that can never return, outside a `try` (whose
        // catch frame would have been opened at this depth), has no frame in erl.
        let site = fr.ret_pc.checked_sub(1).and_then(|pc| cur.code.get(pc as usize));
        if let Some(crate::interp::op::Op::Call { func, .. }) = site {
            let never = cur.functions.get(*func as usize).is_some_and(|f| f.never_returns);
            if never && !(open > 0 && proc.catches[open - 1].frames_len == depth) {
                continue;
            }
        }
        let here = (Arc::as_ptr(&cur), fr.ret_pc);
        if prev == Some(here) {
            continue;
        }
        prev = Some(here);
        let pc = fr.ret_pc.saturating_sub(1);
        let (f, a) = function_name(&cur, pc);
        frames.push(Term::tuple([Term::Atom(cur.name), Term::Atom(f), Term::Int(a as i64), location(&cur, pc)]));
        if frames.len() >= 8 {
            break;
        }
    }
    Term::list(frames)
}

/// A term printed on one line, strings as strings (as `~tp` without line breaks).
fn one_line(t: &Term) -> String {
    crate::term::format::pretty(t, 0, usize::MAX / 4, None)
}

/// Reads a stack frame `{M, F, ArityOrArgs, Location}`.
struct FrameInfo {
    module: String,
    function: String,
    arity: usize,
    args: Option<Vec<Term>>,
    file: Option<String>,
    line: Option<i64>,
    /// `{Segment, Type, Problem, Value}` when a binary could not be built here.
    binary_cause: Option<Term>,
    /// The `cause` of the frame's `error_info`, if it has one.
    cause: Option<Term>,
}

fn frame_info(fr: &Term) -> Option<FrameInfo> {
    let t = fr.as_tuple()?;
    if t.len() != 4 {
        return None;
    }
    let module = t[0].as_atom()?.as_str().to_owned();
    let function = t[1].as_atom()?.as_str().to_owned();
    let (arity, args) = match &t[2] {
        Term::Int(a) => (*a as usize, None),
        args => {
            let v = args.list_to_vec()?;
            (v.len(), Some(v))
        }
    };
    let mut file = None;
    let mut line = None;
    let mut binary_cause = None;
    let mut cause = None;
    for p in t[3].iter_list() {
        if let Some([k, v]) = p.as_tuple() {
            match k.as_atom().map(|a| a.as_str()) {
                Some("file") => file = v.list_to_string(),
                Some("line") => line = v.as_int(),
                Some("error_info") => {
                    if let Term::Map(m) = v {
                        cause = m.get(&Term::atom("cause")).cloned();
                        binary_cause = cause.clone().filter(|c| c.as_tuple().is_some_and(|t| t.len() == 4));
                    }
                }
                _ => {}
            }
        }
    }
    Some(FrameInfo { module, function, arity, args, file, line, binary_cause, cause })
}

fn is_operator(f: &FrameInfo) -> bool {
    f.module == "erlang" && crate::compile::is_operator_name(&f.function, f.arity as u32)
}

fn is_plain_bif(f: &FrameInfo) -> bool {
    f.module == "erlang" && crate::compile::is_auto_imported(&f.function, f.arity as u32)
}

fn call_text(f: &FrameInfo, args: &[Term]) -> String {
    if is_operator(f) {
        return match args {
            [a] => format!("{} {}", f.function, one_line(a)),
            [a, b] => format!("{} {} {}", one_line(a), f.function, one_line(b)),
            _ => String::new(),
        };
    }
    let list: Vec<String> = args.iter().map(one_line).collect();
    if is_plain_bif(f) {
        format!("{}({})", quote_atom(&f.function), list.join(","))
    } else {
        format!("{}:{}({})", quote_atom(&f.module), quote_atom(&f.function), list.join(","))
    }
}

fn location_text(f: &FrameInfo) -> String {
    match (&f.file, f.line) {
        (Some(file), Some(line)) => format!(" ({file}, line {line})"),
        (Some(file), None) => format!(" ({file})"),
        _ => String::new(),
    }
}

/// An uncaught exception as `erl_error:format_exception/3` prints it.
pub fn format_exception(class: Class, reason: &Term, stack: &Term) -> String {
    let class_name = match class {
        Class::Error => "error",
        Class::Exit => "exit",
        Class::Throw => "throw",
    };
    let frames: Vec<FrameInfo> = stack.iter_list().filter_map(frame_info).collect();
    let prefix = format!("exception {class_name}: ");
    let mut out = prefix.clone();
    let mut skip_first = false;
    match class {
        Class::Error => {
            let (desc, consumed) = explain(reason, frames.first(), prefix.len());
            out.push_str(&desc);
            skip_first = consumed;
        }
        _ => out.push_str(&crate::term::format::pretty(reason, prefix.len(), 80, None)),
    }
    let mut first = true;
    for (i, f) in frames.iter().enumerate() {
        if i == 0 && skip_first {
            continue;
        }
        let label = if !first {
            "in call from "
        } else if is_operator(f) {
            "in operator  "
        } else {
            "in function  "
        };
        let name = if is_operator(f) || is_plain_bif(f) {
            format!("{}/{}", f.function, f.arity)
        } else {
            format!("{}:{}/{}", quote_atom(&f.module), quote_atom(&f.function), f.arity)
        };
        // A frame with its arguments is shown "called as" them, without its location (as
        // erl_error does).
        let location = if f.args.is_some() { String::new() } else { location_text(f) };
        out.push_str(&format!("\n  {label}{name}{location}"));
        if let (true, Some(cause)) = (first, &f.binary_cause) {
            if let Some([seg, kind, _, value]) = cause.as_tuple() {
                let kind_name = kind.as_atom().map(|a| a.as_str()).unwrap_or("");
                let expected = match kind_name {
                    "integer" | "utf8" | "utf16" | "utf32" => "an integer",
                    "float" => "a float or an integer",
                    "bitstring" => "a bitstring",
                    _ => "a binary",
                };
                out.push_str(&format!(
                    "\n     *** segment {} of type '{}': expected {} but got: {}",
                    seg,
                    kind_name,
                    expected,
                    one_line(value)
                ));
            }
        }
        if let Some(args) = &f.args {
            out.push_str(&format!("\n     called as {}", call_text(f, args)));
            if first && class == Class::Error {
                for line in super::errinfo::explain_args(&f.module, &f.function, args, reason, f.cause.as_ref()) {
                    out.push_str(&format!("\n     *** {line}"));
                }
            }
        }
        first = false;
    }
    out
}

fn count_words(n: usize) -> String {
    match n {
        0 => "no arguments".to_owned(),
        1 => "one argument".to_owned(),
        2 => "two arguments".to_owned(),
        n => format!("{n} arguments"),
    }
}

/// The description of an error reason, as erl_error words it; the flag says the first
/// frame was shown as part of the description.
fn explain(reason: &Term, first: Option<&FrameInfo>, column: usize) -> (String, bool) {
    let p = |t: &Term, extra: usize| crate::term::format::pretty(t, column + extra, 80, None);
    let text = match reason {
        Term::Atom(a) => match a.as_str() {
            "badarg" if first.is_some_and(|f| f.binary_cause.is_some()) => "construction of binary failed".to_owned(),
            "badarg" => "bad argument".to_owned(),
            "badarith" => "an error occurred when evaluating an arithmetic expression".to_owned(),
            "function_clause" => {
                if let Some(f) = first {
                    if let Some(args) = &f.args {
                        let call = call_text(f, args);
                        let location = location_text(f);
                        // On one line when the call fits in 80 columns after the text before
                        // it (the location may run over); else the call goes under.
                        let head = "no function clause matching ";
                        if !call.contains('\n') && column + head.len() + call.len() <= 80 {
                            return (format!("{head}{call}{location}"), true);
                        }
                        let indent = " ".repeat(column);
                        return (format!("no function clause matching \n{indent}{call}{location}"), true);
                    }
                }
                "no function clause matching".to_owned()
            }
            "if_clause" => "no true branch found when evaluating an if expression".to_owned(),
            "undef" => {
                if let Some(f) = first {
                    return (
                        format!("undefined function {}:{}/{}", quote_atom(&f.module), quote_atom(&f.function), f.arity),
                        true,
                    );
                }
                "undefined function".to_owned()
            }
            "system_limit" => "a system limit has been reached".to_owned(),
            "noproc" => "no such process or port".to_owned(),
            "timeout_value" => "bad receive timeout value".to_owned(),
            _ => p(reason, 0),
        },
        Term::Tuple(t) if t.len() == 2 => {
            let tag = t[0].as_atom().map(|a| a.as_str()).unwrap_or("");
            let v = &t[1];
            match tag {
                "badmatch" => format!("no match of right hand side value {}", p(v, 33)),
                "case_clause" => format!("no case clause matching {}", p(v, 24)),
                "try_clause" => format!("no try clause matching {}", p(v, 23)),
                "badfun" => format!("bad function {}", p(v, 13)),
                "badarity" => match v.as_tuple() {
                    Some([f, args]) => {
                        let n = args.list_len().unwrap_or(0);
                        format!("{} called with {}", fun_text(f), count_words(n))
                    }
                    _ => p(reason, 0),
                },
                "badkey" => format!("bad key: {}", p(v, 9)),
                "badmap" => format!("bad map: {}", p(v, 9)),
                "bad_generator" => format!("bad generator {}", p(v, 14)),
                _ => p(reason, 0),
            }
        }
        _ => p(reason, 0),
    };
    (text, false)
}

/// A fun as erl_error names it: `M:F/A` of the code behind it.
fn fun_text(f: &Term) -> String {
    match f {
        Term::Fun(fun) => match &fun.kind {
            crate::term::FunKind::Export { function, arity } => {
                format!("{}:{}/{}", quote_atom(fun.module.as_str()), quote_atom(function.as_str()), arity)
            }
            crate::term::FunKind::Local { index, code, .. } => {
                let l = &code.lambdas[*index as usize];
                let func = &code.functions[l.func as usize];
                format!("{}:{}/{}", quote_atom(fun.module.as_str()), quote_atom(func.name.as_str()), func.arity)
            }
            crate::term::FunKind::Foreign(_) => one_line(f),
        },
        other => one_line(other),
    }
}
