//! The preprocessor: macros, conditional compilation and includes, on tokens (as epp does).
//!
//! Input is one file's tokens; output is the module's forms, each a token list ending in
//! `Tok::Dot`, with macros expanded and `-ifdef` sections resolved. Files reach it only
//! through [`SourceLoader`], so the preprocessor does no I/O of its own.

use super::lexer::lex;
use super::token::{Pos, Tok, Token};
use crate::diagnostic::Diagnostic;
use std::collections::HashMap;

/// Where included files come from.
pub trait SourceLoader {
    /// The contents of the file at `path`, if it exists.
    fn read(&self, path: &str) -> Option<String>;
}

/// Options for preprocessing.
#[derive(Clone, Debug, Default)]
pub struct PpOptions {
    /// Directories searched by `-include` (after the including file's directory) and
    /// `-include_lib`.
    pub include_paths: Vec<String>,
    /// Macros defined from outside, like erlc's `-D`.
    pub defines: Vec<(String, Vec<Token>)>,
}

#[derive(Clone)]
struct Macro {
    params: Option<Vec<String>>,
    body: Vec<Token>,
}

struct Cond {
    /// The directive that opened it (`ifdef`, `ifndef`, `if`).
    kind: &'static str,
    /// This branch is being compiled.
    active: bool,
    /// Some earlier branch of this conditional was taken.
    taken: bool,
    /// The enclosing context was active.
    outer: bool,
}

/// Runs the preprocessor over `src`, returning the forms.
pub fn preprocess(
    file: &str,
    src: &str,
    opts: &PpOptions,
    loader: &dyn SourceLoader,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<Token>> {
    let mut pp = Pp {
        opts,
        loader,
        macros: HashMap::new(),
        conds: Vec::new(),
        module: None,
        out: Vec::new(),
        diags,
        include_depth: 0,
    };
    for (name, body) in &opts.defines {
        pp.macros.entry(name.clone()).or_default().insert(None, Macro { params: None, body: body.clone() });
    }
    let toks = lex(file, src, pp.diags);
    pp.file(file, toks);
    if let Some(c) = pp.conds.last() {
        let msg = format!("unterminated '-{}'", c.kind);
        pp.diags.push(Diagnostic::error(file, eof_pos(src), msg));
    }
    pp.out
}

fn eof_pos(src: &str) -> Pos {
    let lines = src.split('\n').count() as u32;
    Pos::new(lines.max(1), 1)
}

struct Pp<'a> {
    opts: &'a PpOptions,
    loader: &'a dyn SourceLoader,
    macros: HashMap<String, HashMap<Option<usize>, Macro>>,
    conds: Vec<Cond>,
    module: Option<String>,
    out: Vec<Vec<Token>>,
    diags: &'a mut Vec<Diagnostic>,
    include_depth: usize,
}

fn split_forms(toks: Vec<Token>) -> Vec<Vec<Token>> {
    let mut forms = Vec::new();
    let mut cur = Vec::new();
    for t in toks {
        match t.tok {
            Tok::Eof => {
                if !cur.is_empty() {
                    cur.push(t);
                    forms.push(std::mem::take(&mut cur));
                }
            }
            Tok::Dot => {
                cur.push(t);
                forms.push(std::mem::take(&mut cur));
            }
            _ => cur.push(t),
        }
    }
    forms
}

fn dirname(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..i],
        None => ".",
    }
}

impl Pp<'_> {
    fn active(&self) -> bool {
        self.conds.last().is_none_or(|c| c.active)
    }

    fn err(&mut self, file: &str, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(file, pos, msg));
    }

    fn file(&mut self, file: &str, toks: Vec<Token>) {
        for form in split_forms(toks) {
            self.form(file, form);
        }
    }

    fn form(&mut self, file: &str, form: Vec<Token>) {
        let directive = if form.len() >= 2 && form[0].is("-") {
            match &form[1].tok {
                Tok::Atom(a) => Some(a.clone()),
                Tok::Sym("if") => Some("if".to_owned()),
                _ => None,
            }
        } else {
            None
        };
        if let Some(d) = directive.as_deref() {
            let pos = form[1].pos;
            match d {
                "ifdef" | "ifndef" => {
                    let outer = self.active();
                    let name = macro_name_arg(&form);
                    let defined = name.as_ref().is_some_and(|n| self.is_defined(n));
                    if name.is_none() && outer {
                        self.err(file, pos, format!("bad {d}"));
                    }
                    let cond = if d == "ifdef" { defined } else { !defined };
                    self.conds.push(Cond {
                        kind: if d == "ifdef" { "ifdef" } else { "ifndef" },
                        active: outer && cond,
                        taken: cond,
                        outer,
                    });
                    return;
                }
                "if" | "elif" => {
                    if d == "elif" && self.conds.is_empty() {
                        self.err(file, pos, "unbalanced '-elif'");
                        return;
                    }
                    // Conditions are evaluated only for the simple forms `true`/`false` and
                    // `defined(M)`; anything else counts as false.
                    let outer = if d == "if" { self.active() } else { self.conds.last().is_some_and(|c| c.outer) };
                    let cond = self.eval_if(file, &form);
                    if d == "if" {
                        self.conds.push(Cond { kind: "if", active: outer && cond, taken: cond, outer });
                    } else if let Some(c) = self.conds.last_mut() {
                        let take = !c.taken && cond;
                        c.active = c.outer && take;
                        c.taken |= take;
                    }
                    return;
                }
                "else" => {
                    match self.conds.last_mut() {
                        Some(c) => {
                            c.active = c.outer && !c.taken;
                            c.taken = true;
                        }
                        None => self.err(file, pos, "unbalanced '-else'"),
                    }
                    return;
                }
                "endif" => {
                    if self.conds.pop().is_none() {
                        self.err(file, pos, "unbalanced '-endif'");
                    }
                    return;
                }
                _ => {}
            }
        }
        if !self.active() {
            return;
        }
        match directive.as_deref() {
            Some("define") => return self.define(file, &form),
            Some("undef") => {
                match macro_name_arg(&form) {
                    Some(n) => {
                        self.macros.remove(&n);
                    }
                    None => self.err(file, form[1].pos, "bad undef"),
                }
                return;
            }
            Some(kind @ ("include" | "include_lib")) => return self.include(file, &form, kind == "include_lib"),
            Some("module") => {
                if let Some(Tok::Atom(m)) = form.get(3).map(|t| &t.tok) {
                    self.module = Some(m.clone());
                }
            }
            _ => {}
        }
        let func = function_of_form(&form);
        let mut out = Vec::with_capacity(form.len());
        let before = self.diags.len();
        self.expand(file, &form, &mut out, func.as_ref(), 0);
        if self.diags.len() > before {
            // The form cannot be parsed meaningfully; the parser drops it quietly.
            out.push(Token { tok: Tok::Bad(None), pos: form[0].pos });
        }
        self.out.push(out);
    }

    fn is_defined(&self, name: &str) -> bool {
        self.macros.contains_key(name)
            || matches!(name, "MODULE" | "MODULE_STRING" | "FILE" | "LINE" | "MACHINE" | "OTP_RELEASE")
                && (self.module.is_some() || !name.starts_with("MODULE"))
    }

    /// Evaluates the condition of `-if(Cond).` or `-elif(Cond).`: `defined(M)`, literals,
    /// comparisons, arithmetic and boolean operators on macro-expanded tokens.
    fn eval_if(&mut self, file: &str, form: &[Token]) -> bool {
        let inner: Vec<Token> = form.iter().skip(3).take_while(|t| !matches!(t.tok, Tok::Dot)).cloned().collect();
        let inner = &inner[..inner.len().saturating_sub(1)];
        let mut replaced = Vec::new();
        let mut i = 0;
        while i < inner.len() {
            let t = &inner[i];
            if matches!(&t.tok, Tok::Atom(a) if a == "defined") && inner.get(i + 1).is_some_and(|x| x.is("(")) {
                if let (Some(n), Some(close)) = (inner.get(i + 2), inner.get(i + 3)) {
                    if close.is(")") {
                        let name = match &n.tok {
                            Tok::Atom(n) | Tok::Var(n) => n.clone(),
                            _ => String::new(),
                        };
                        let v = self.is_defined(&name);
                        replaced.push(Token { tok: Tok::Atom(v.to_string()), pos: t.pos });
                        i += 4;
                        continue;
                    }
                }
            }
            replaced.push(t.clone());
            i += 1;
        }
        let mut expanded = Vec::new();
        self.expand(file, &replaced, &mut expanded, None, 0);
        let pos = form.last().map(|t| t.pos).unwrap_or_default();
        expanded.push(Token { tok: Tok::Dot, pos });
        let mut diags = Vec::new();
        let exprs = super::parser::parse_exprs(file, expanded, &mut diags);
        match exprs.as_deref().and_then(|e| e.first()).and_then(eval_const) {
            Some(crate::term::Term::Atom(a)) => a.as_str() == "true",
            _ => {
                self.err(file, pos, "bad -if condition");
                false
            }
        }
    }

    fn define(&mut self, file: &str, form: &[Token]) {
        // -define(Name, Body). or -define(Name(P1, ...), Body).
        let pos = form[1].pos;
        if !form.get(2).is_some_and(|t| t.is("(")) {
            return self.err(file, pos, "bad define");
        }
        let name = match form.get(3).map(|t| &t.tok) {
            Some(Tok::Atom(n) | Tok::Var(n)) => n.clone(),
            _ => return self.err(file, pos, "bad define"),
        };
        let mut i = 4;
        let mut params = None;
        if form.get(i).is_some_and(|t| t.is("(")) {
            let mut ps = Vec::new();
            i += 1;
            loop {
                match form.get(i).map(|t| &t.tok) {
                    Some(Tok::Sym(")")) => {
                        i += 1;
                        break;
                    }
                    Some(Tok::Var(v)) => {
                        ps.push(v.clone());
                        i += 1;
                        if form.get(i).is_some_and(|t| t.is(",")) {
                            i += 1;
                        }
                    }
                    _ => return self.err(file, pos, "bad define"),
                }
            }
            params = Some(ps);
        }
        // The body runs from after the comma to the `)` before the full stop.
        let end = form.len().saturating_sub(2);
        if !form.get(i).is_some_and(|t| t.is(",")) || !form.get(end).is_some_and(|t| t.is(")")) || end < i + 1 {
            if form.get(i).is_some_and(|t| t.is(")")) && end == i {
                // -define(NAME). defines NAME as empty... erl requires a body; accept as `true`.
                let body = vec![Token { tok: Tok::Atom("true".into()), pos }];
                let arity = params.as_ref().map(|p| p.len());
                self.macros.entry(name).or_default().insert(arity, Macro { params, body });
                return;
            }
            return self.err(file, pos, "bad define");
        }
        let body = form[i + 1..end].to_vec();
        let arity = params.as_ref().map(|p| p.len());
        let entry = self.macros.entry(name.clone()).or_default();
        if entry.contains_key(&arity) {
            self.diags.push(Diagnostic::error(file, pos, format!("redefining macro '{name}'")));
            return;
        }
        entry.insert(arity, Macro { params, body });
    }

    fn include(&mut self, file: &str, form: &[Token], lib: bool) {
        let pos = form[1].pos;
        let path = match form.get(3).map(|t| &t.tok) {
            Some(Tok::Str(s)) if form.get(2).is_some_and(|t| t.is("(")) => s.clone(),
            _ => return self.err(file, pos, "bad include"),
        };
        if self.include_depth > 32 {
            return self.err(file, pos, "include nested too deeply");
        }
        let mut candidates = Vec::new();
        if path.starts_with('/') {
            candidates.push(path.clone());
        } else {
            candidates.push(format!("{}/{}", dirname(file), path));
            for dir in &self.opts.include_paths {
                candidates.push(format!("{dir}/{path}"));
            }
            if lib {
                // -include_lib("app/include/x.hrl"): also look for include/x.hrl in each path.
                if let Some((_, rest)) = path.split_once('/') {
                    for dir in &self.opts.include_paths {
                        candidates.push(format!("{dir}/{rest}"));
                    }
                }
                candidates.push(format!("lib:{path}"));
            }
        }
        for cand in candidates {
            if let Some(src) = self.loader.read(&cand) {
                let toks = lex(&cand, &src, self.diags);
                self.include_depth += 1;
                self.file(&cand, toks);
                self.include_depth -= 1;
                return;
            }
        }
        let kind = if lib { "include_lib" } else { "include" };
        let _ = kind;
        self.err(file, form[3].pos, format!("can't find include file \"{path}\""));
    }

    /// Appends `toks` to `out` with macros expanded.
    fn expand(
        &mut self,
        file: &str,
        toks: &[Token],
        out: &mut Vec<Token>,
        func: Option<&(String, usize)>,
        depth: usize,
    ) {
        if depth > 64 {
            if let Some(t) = toks.first() {
                self.err(file, t.pos, "macro expansion too deep (recursive macro?)");
            }
            return;
        }
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if !t.is("?") {
                out.push(t.clone());
                i += 1;
                continue;
            }
            let qpos = t.pos;
            let npos = toks.get(i + 1).map(|t| t.pos).unwrap_or(qpos);
            let name = match toks.get(i + 1).map(|t| &t.tok) {
                Some(Tok::Atom(n) | Tok::Var(n)) => n.clone(),
                _ => {
                    self.err(file, qpos, "syntax error before: '?'");
                    i += 1;
                    continue;
                }
            };
            i += 2;
            let at = |tok: Tok| Token { tok, pos: qpos };
            match name.as_str() {
                "MODULE" if !self.macros.contains_key("MODULE") => match &self.module {
                    Some(m) => out.push(at(Tok::Atom(m.clone()))),
                    None => self.err(file, qpos, "undefined macro 'MODULE'"),
                },
                "MODULE_STRING" if !self.macros.contains_key("MODULE_STRING") => match &self.module {
                    Some(m) => out.push(at(Tok::Str(m.clone()))),
                    None => self.err(file, qpos, "undefined macro 'MODULE_STRING'"),
                },
                "FILE" if !self.macros.contains_key("FILE") => out.push(at(Tok::Str(file.to_owned()))),
                "LINE" if !self.macros.contains_key("LINE") => out.push(at(Tok::Int(qpos.line.into()))),
                "MACHINE" if !self.macros.contains_key("MACHINE") => out.push(at(Tok::Atom("BEAM".into()))),
                "OTP_RELEASE" if !self.macros.contains_key("OTP_RELEASE") => out.push(at(Tok::Int(25.into()))),
                "FUNCTION_NAME" | "FUNCTION_ARITY" if !self.macros.contains_key(&name) => match func {
                    Some((f, a)) => {
                        out.push(at(if name == "FUNCTION_NAME" { Tok::Atom(f.clone()) } else { Tok::Int((*a).into()) }))
                    }
                    None => self.err(file, qpos, format!("undefined macro '{name}'")),
                },
                _ => {
                    let defs = match self.macros.get(&name) {
                        Some(d) => d.clone(),
                        None => {
                            self.err(file, npos, format!("undefined macro '{name}'"));
                            continue;
                        }
                    };
                    let has_call = toks.get(i).is_some_and(|t| t.is("("));
                    let args = if has_call && defs.keys().any(|k| k.is_some()) {
                        match collect_args(toks, i) {
                            Some((args, next)) => {
                                i = next;
                                Some(args)
                            }
                            None => {
                                self.err(file, qpos, format!("unterminated macro call '{name}'"));
                                return;
                            }
                        }
                    } else {
                        None
                    };
                    let key = args.as_ref().map(|a| a.len());
                    let mac = match defs.get(&key) {
                        Some(m) => m.clone(),
                        None => {
                            match key {
                                Some(n) if defs.contains_key(&None) && n > 0 || defs.contains_key(&None) => {
                                    // A 0-ary macro followed by parentheses: expand it plainly and
                                    // leave the parenthesised part as ordinary tokens.
                                    if let Some(m) = defs.get(&None) {
                                        i = rewind_args(toks, i, has_call);
                                        let body = relocate(&m.body, qpos);
                                        self.expand(file, &body, out, func, depth + 1);
                                    }
                                }
                                _ => self.err(file, npos, format!("argument mismatch for macro '{name}'")),
                            }
                            continue;
                        }
                    };
                    let body = substitute(&mac, args.as_deref().unwrap_or(&[]), qpos);
                    self.expand(file, &body, out, func, depth + 1);
                }
            }
        }
    }
}

/// After a failed argument match, returns the index where the `(` began.
fn rewind_args(toks: &[Token], i: usize, has_call: bool) -> usize {
    if !has_call {
        return i;
    }
    // `i` was moved past the arguments; find the opening parenthesis again by scanning back.
    let mut j = i;
    let mut depth = 0i32;
    while j > 0 {
        j -= 1;
        if toks[j].is(")") {
            depth += 1;
        } else if toks[j].is("(") {
            depth -= 1;
            if depth == 0 {
                return j;
            }
        }
    }
    i
}

/// Moves a macro body's tokens to the place of the use, so messages point at the use.
fn relocate(body: &[Token], pos: Pos) -> Vec<Token> {
    body.iter().map(|t| Token { tok: t.tok.clone(), pos }).collect()
}

/// Reads macro call arguments starting at the `(` at `start`; returns them and the index
/// after the closing `)`.
fn collect_args(toks: &[Token], start: usize) -> Option<(Vec<Vec<Token>>, usize)> {
    let mut args = Vec::new();
    let mut cur = Vec::new();
    let mut depth = 0usize;
    let mut i = start + 1;
    loop {
        let t = toks.get(i)?;
        match &t.tok {
            Tok::Dot | Tok::Eof => return None,
            Tok::Sym("(" | "[" | "{" | "<<") => depth += 1,
            // `fun` only opens a block when followed by `(`; `fun f/1` does not.
            Tok::Sym("begin" | "case" | "if" | "receive" | "try" | "fun")
                if !t.is("fun") || toks.get(i + 1).is_some_and(|n| n.is("(")) =>
            {
                depth += 1
            }
            Tok::Sym(")" | "]" | "}" | ">>" | "end") if depth > 0 => depth -= 1,
            Tok::Sym(")") => {
                if !cur.is_empty() || !args.is_empty() {
                    args.push(cur);
                }
                return Some((args, i + 1));
            }
            Tok::Sym(",") if depth == 0 => {
                args.push(std::mem::take(&mut cur));
                i += 1;
                continue;
            }
            _ => {}
        }
        cur.push(t.clone());
        i += 1;
    }
}

fn substitute(mac: &Macro, args: &[Vec<Token>], pos: Pos) -> Vec<Token> {
    let params = mac.params.as_deref().unwrap_or(&[]);
    let mut out = Vec::new();
    let mut i = 0;
    while i < mac.body.len() {
        let t = &mac.body[i];
        if t.is("??") {
            if let Some(Tok::Var(v)) = mac.body.get(i + 1).map(|t| &t.tok) {
                if let Some(k) = params.iter().position(|p| p == v) {
                    out.push(Token { tok: Tok::Str(stringify(&args[k])), pos });
                    i += 2;
                    continue;
                }
            }
        }
        if let Tok::Var(v) = &t.tok {
            if let Some(k) = params.iter().position(|p| p == v) {
                out.extend(args[k].iter().cloned());
                i += 1;
                continue;
            }
        }
        out.push(Token { tok: t.tok.clone(), pos });
        i += 1;
    }
    out
}

/// The source text of a macro argument for `??Arg`, tokens separated as epp does.
fn stringify(toks: &[Token]) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&t.text());
    }
    s
}

fn macro_name_arg(form: &[Token]) -> Option<String> {
    if !form.get(2)?.is("(") {
        return None;
    }
    match &form.get(3)?.tok {
        Tok::Atom(n) | Tok::Var(n) => {
            if form.get(4)?.is(")") {
                Some(n.clone())
            } else {
                None
            }
        }
        _ => None,
    }
}

/// For a function definition form, its name and arity (for ?FUNCTION_NAME/ARITY).
fn function_of_form(form: &[Token]) -> Option<(String, usize)> {
    let name = match &form.first()?.tok {
        Tok::Atom(a) => a.clone(),
        _ => return None,
    };
    if !form.get(1)?.is("(") {
        return None;
    }
    let mut depth = 0usize;
    let mut arity = 0usize;
    let mut any = false;
    for t in &form[2..] {
        match &t.tok {
            Tok::Sym("(" | "[" | "{" | "<<") => depth += 1,
            Tok::Sym(")") if depth == 0 => break,
            Tok::Sym(")" | "]" | "}" | ">>") => depth = depth.saturating_sub(1),
            Tok::Sym(",") if depth == 0 => arity += 1,
            _ => {}
        }
        any = true;
    }
    Some((name, if any { arity + 1 } else { 0 }))
}

/// Evaluates a constant expression of a `-if` condition.
fn eval_const(e: &super::ast::Expr) -> Option<crate::term::Term> {
    use super::ast::{BinOp, Expr, UnOp};
    use crate::term::{cmp_terms, Term};
    use std::cmp::Ordering;
    match e {
        Expr::BinOp(_, op, a, b) => {
            let (x, y) = (eval_const(a)?, eval_const(b)?);
            let o = cmp_terms(&x, &y, false);
            let b = |v: bool| Some(Term::bool(v));
            match op {
                BinOp::Eq => b(o == Ordering::Equal),
                BinOp::Ne => b(o != Ordering::Equal),
                BinOp::ExactEq => b(x == y),
                BinOp::ExactNe => b(x != y),
                BinOp::Lt => b(o == Ordering::Less),
                BinOp::Le => b(o != Ordering::Greater),
                BinOp::Gt => b(o == Ordering::Greater),
                BinOp::Ge => b(o != Ordering::Less),
                BinOp::AndAlso | BinOp::And => b(x.as_bool()? && y.as_bool()?),
                BinOp::OrElse | BinOp::Or => b(x.as_bool()? || y.as_bool()?),
                BinOp::Add => Some(Term::Int(x.as_int()?.checked_add(y.as_int()?)?)),
                BinOp::Sub => Some(Term::Int(x.as_int()?.checked_sub(y.as_int()?)?)),
                BinOp::Mul => Some(Term::Int(x.as_int()?.checked_mul(y.as_int()?)?)),
                _ => None,
            }
        }
        Expr::UnOp(_, UnOp::Not, a) => Some(Term::bool(!eval_const(a)?.as_bool()?)),
        other => crate::compile::const_term(other),
    }
}
