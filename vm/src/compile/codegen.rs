//! Code generation: the AST of a module to bytecode, checking scoping as it goes.
//!
//! Every named variable of a function gets its own register; temporaries get fresh ones.
//! Patterns compile to tests that jump to a failure label; guards compile the same way,
//! with built-in errors jumping to the guard's failure label. Comprehensions become loops
//! inside the function, lambdas become functions of their own, records become tuples.
//! What this file does not do: optimise, or verify its output (see `verify.rs`).

use super::autoimport::{is_auto_imported, is_guard_bif};
use crate::bif::{self, BifId};
use crate::code::{CodeServer, Export, FunctionInfo, LambdaInfo, Module};
use crate::diagnostic::Diagnostic;
use crate::interp::op::*;
use crate::syntax::ast::*;
use crate::syntax::token::Pos;
use crate::term::{Atom, Map, Term};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::Arc;

type CResult<T> = Result<T, ()>;

/// Generates the module, or None if a form was too broken to compile.
pub(super) fn generate(ast: &ModuleAst, code: &CodeServer, diags: &mut Vec<Diagnostic>) -> Option<Module> {
    let mut g = Gen {
        file: &ast.file,
        name: None,
        records: HashMap::new(),
        recv_ref_vars: HashSet::new(),
        functions: HashMap::new(),
        declared_imports: HashMap::new(),
        ops: Vec::new(),
        lines: Vec::new(),
        literals: Vec::new(),
        literal_index: HashMap::new(),
        funcs: Vec::new(),
        lambdas: Vec::new(),
        imports: Vec::new(),
        import_index: HashMap::new(),
        label_pcs: Vec::new(),
        pending: VecDeque::new(),
        code,
        diags,
        line: 0,
        f: FnState::default(),
    };
    g.module(ast)
}

struct PendingLambda {
    func: u32,
    /// The top-level function the fun is in, and its arity (funs in funs too).
    parent: (String, u32),
    /// The fun numbers of that function (for funs inside this one).
    numbers: HashMap<(u32, u32), u32>,
    name: Option<String>,
    lambda: u32,
    clauses: Vec<Clause>,
    free: Vec<String>,
    arity: u32,
}

#[derive(Default)]
struct FnState {
    slots: HashMap<String, Reg>,
    nslots: u32,
    bound: HashSet<String>,
    unsafe_vars: HashMap<String, (&'static str, Pos)>,
    guard_fail: Option<Label>,
    in_try: u32,
    /// The line of the last call emitted (or of the clause head): where BEAM places a
    /// process waiting in `receive`, since a wait has no line of its own.
    call_line: u32,
    /// The number of each fun in the top-level function, by the fun's position: funs are
    /// numbered per function as erlc numbers them (inner funs first, list elements from
    /// the end), for their names `-f/1-fun-N-`.
    fun_numbers: HashMap<(u32, u32), u32>,
    /// Variables bound to a reference with a receive mark (`RecvMark`, `RecvBind`).
    marked: HashSet<String>,
    name: String,
    arity: u32,
}

/// What a branch of a `case`, `if`, `receive` or `try` leaves (see
/// `Gen::merge_branches`).
struct BranchOut {
    bound: HashSet<String>,
    unsafe_new: Vec<(String, (&'static str, Pos))>,
}

struct Gen<'a> {
    file: &'a str,
    name: Option<Atom>,
    records: HashMap<String, Vec<RecordFieldDef>>,
    functions: HashMap<(String, u32), u32>,
    /// The names of the variables some `receive` of the module needs in every pattern:
    /// one bound to a new reference gets a receive mark.
    recv_ref_vars: HashSet<String>,
    declared_imports: HashMap<(String, u32), String>,
    ops: Vec<Op>,
    lines: Vec<u32>,
    literals: Vec<Term>,
    literal_index: HashMap<Term, u32>,
    funcs: Vec<FunctionInfo>,
    lambdas: Vec<LambdaInfo>,
    imports: Vec<Arc<Export>>,
    import_index: HashMap<(Atom, Atom, u32), u32>,
    label_pcs: Vec<u32>,
    pending: VecDeque<PendingLambda>,
    code: &'a CodeServer,
    diags: &'a mut Vec<Diagnostic>,
    line: u32,
    f: FnState,
}

/// Does `pos` order before `other`? Used to keep the first definition's position.
fn var_name_ok(name: &str) -> bool {
    name != "_"
}

impl Gen<'_> {
    // ---- Module level ------------------------------------------------------------------

    fn module(&mut self, ast: &ModuleAst) -> Option<Module> {
        let mut exports: Vec<(String, u32, Pos)> = Vec::new();
        let mut export_all = false;
        let mut attributes = Vec::new();
        let mut fns: Vec<&Function> = Vec::new();
        for form in &ast.forms {
            match form {
                Form::Module(_, m) => self.name = Some(Atom::new(m)),
                Form::Export(p, list) => exports.extend(list.iter().map(|(f, a)| (f.clone(), *a, *p))),
                Form::Import(_, m, list) => {
                    for (f, a) in list {
                        self.declared_imports.insert((f.clone(), *a), m.clone());
                    }
                }
                Form::Compile(_, e) => {
                    if compile_opts_have(e, "export_all") {
                        export_all = true;
                    }
                }
                Form::Record(p, name, fields) => {
                    if self.records.contains_key(name) {
                        self.diags.push(Diagnostic::error(self.file, *p, format!("record {name} already defined")));
                    }
                    self.records.insert(name.clone(), fields.clone());
                }
                Form::Attribute(_, name, value) => {
                    if matches!(name.as_str(), "vsn" | "author" | "behaviour" | "behavior")
                        || !matches!(
                            name.as_str(),
                            "spec" | "type" | "opaque" | "callback" | "export_type" | "file" | "dialyzer"
                        )
                    {
                        if let Some(t) = value.as_ref().and_then(const_term) {
                            let key = Term::atom(if name == "behavior" { "behaviour" } else { name });
                            let v = if t.is_list() { t } else { Term::list(vec![t]) };
                            attributes.push(Term::tuple([key, v]));
                        }
                    }
                }
                Form::Function(f) => {
                    let key = (f.name.clone(), f.arity);
                    if self.functions.contains_key(&key) {
                        self.diags.push(Diagnostic::error(
                            self.file,
                            f.pos,
                            format!("function {}/{} already defined", f.name, f.arity),
                        ));
                        continue;
                    }
                    self.functions.insert(key, fns.len() as u32);
                    fns.push(f);
                }
            }
        }
        for f in &fns {
            for c in &f.clauses {
                c.body.iter().for_each(|e| {
                    walk(e, &mut |e| {
                        if let Expr::Receive(_, cs, _) = e {
                            self.recv_ref_vars.extend(receive_needs(cs));
                        }
                    })
                });
            }
        }
        // -callback attributes make behaviour_info/1, as erlc does.
        let callbacks: Vec<Expr> = ast
            .forms
            .iter()
            .filter_map(|f| match f {
                Form::Attribute(_, n, Some(v)) if n == "callback" => Some(v.clone()),
                _ => None,
            })
            .collect();
        // -optional_callbacks([f/1, ...]) lists, as {f, 1} tuples.
        let mut optional: Vec<Expr> = Vec::new();
        for f in &ast.forms {
            if let Form::Attribute(_, n, Some(v)) = f {
                if n == "optional_callbacks" {
                    let mut cur = v;
                    while let Expr::Cons(_, head, tail) = cur {
                        if let Expr::BinOp(p, BinOp::FDiv, name, arity) = &**head {
                            if let (Expr::Atom(..), Expr::Int(..)) = (&**name, &**arity) {
                                optional.push(Expr::Tuple(*p, vec![(**name).clone(), (**arity).clone()]));
                            }
                        }
                        cur = tail;
                    }
                }
            }
        }
        let behaviour_info;
        if !callbacks.is_empty() && !self.functions.contains_key(&("behaviour_info".to_owned(), 1)) {
            let p = Pos::default();
            let list = |items: Vec<Expr>| {
                items.into_iter().rev().fold(Expr::Nil(p), |acc, e| Expr::Cons(p, Box::new(e), Box::new(acc)))
            };
            let clause = |key: &str, value: Expr| Clause {
                pos: p,
                patterns: vec![Expr::Atom(p, key.to_owned())],
                guards: vec![],
                body: vec![value],
            };
            behaviour_info = Function {
                pos: p,
                name: "behaviour_info".to_owned(),
                arity: 1,
                clauses: vec![clause("callbacks", list(callbacks)), clause("optional_callbacks", list(optional))],
            };
            self.functions.insert(("behaviour_info".to_owned(), 1), fns.len() as u32);
            fns.push(&behaviour_info);
            exports.push(("behaviour_info".to_owned(), 1, p));
        }
        let Some(name) = self.name else {
            let pos = ast.forms.first().map(form_pos).unwrap_or(Pos::new(1, 1));
            self.diags.push(Diagnostic::error(self.file, pos, "no module definition"));
            return None;
        };
        // module_info/0,1 are always there.
        let never = super::noreturn::never_returning(&fns, &self.functions, &self.declared_imports);
        for (f, never_returns) in fns.iter().zip(never) {
            self.funcs.push(FunctionInfo {
                name: Atom::new(&f.name),
                arity: f.arity,
                entry: 0,
                nslots: 0,
                never_returns,
            });
        }
        for (f, a, p) in &exports {
            if !self.functions.contains_key(&(f.clone(), *a)) && (f != "module_info" || *a > 1) {
                self.diags.push(Diagnostic::error(self.file, *p, format!("function {f}/{a} undefined")));
            }
        }
        for (i, f) in fns.iter().enumerate() {
            self.function(i as u32, f);
        }
        while let Some(p) = self.pending.pop_front() {
            self.lambda_function(p);
        }
        self.module_info_functions(name);
        // Resolve labels.
        let pcs = std::mem::take(&mut self.label_pcs);
        for op in &mut self.ops {
            op.for_each_label_mut(|l| l.0 = pcs.get(l.0 as usize).copied().unwrap_or(u32::MAX));
        }
        let mut export_list: Vec<(Atom, u32, u32)> = Vec::new();
        if export_all {
            for (i, f) in fns.iter().enumerate() {
                export_list.push((Atom::new(&f.name), f.arity, i as u32));
            }
        } else {
            for (f, a, _) in &exports {
                if let Some(&i) = self.functions.get(&(f.clone(), *a)) {
                    if !export_list.iter().any(|&(_, _, j)| j == i) {
                        export_list.push((Atom::new(f), *a, i));
                    }
                }
            }
        }
        for (i, info) in self.funcs.iter().enumerate() {
            if info.name.as_str() == "module_info" && info.entry != 0 && i >= fns.len() {
                export_list.push((info.name, info.arity, i as u32));
            }
        }
        let records = self
            .records
            .iter()
            .map(|(n, fs)| (Atom::new(n), fs.iter().map(|f| Atom::new(&f.name)).collect()))
            .collect();
        Some(Module {
            name,
            file: self.file.to_owned(),
            code: std::mem::take(&mut self.ops),
            lines: std::mem::take(&mut self.lines),
            literals: std::mem::take(&mut self.literals),
            functions: std::mem::take(&mut self.funcs),
            lambdas: std::mem::take(&mut self.lambdas),
            exports: export_list,
            imports: std::mem::take(&mut self.imports),
            attributes: Term::list(attributes),
            records,
            native: Default::default(),
        })
    }

    /// `module_info/0,1`, answered by a built-in that reads the module's own metadata.
    fn module_info_functions(&mut self, name: Atom) {
        if self.functions.contains_key(&("module_info".to_owned(), 0)) {
            return;
        }
        for arity in 0..=1u32 {
            self.f = FnState { nslots: arity, ..Default::default() };
            let entry = self.ops.len() as u32;
            let m = self.lit(Term::Atom(name));
            let mut args = vec![m];
            if arity == 1 {
                args.push(Src::R(Reg(0)));
            }
            let dst = self.temp();
            if let Some(bif) = bif::lookup("erlang", "get_module_info", arity + 1) {
                self.emit(Op::CallBif { bif, args: args.into(), dst, fail: None });
            }
            self.emit(Op::Return { src: Src::R(dst) });
            self.funcs.push(FunctionInfo {
                name: Atom::new("module_info"),
                arity,
                entry,
                nslots: self.f.nslots,
                never_returns: false,
            });
        }
    }

    fn err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.file, pos, msg));
    }

    fn emit(&mut self, op: Op) {
        if matches!(
            op,
            Op::Call { .. }
                | Op::CallExt { .. }
                | Op::CallFun { .. }
                | Op::CallDyn { .. }
                | Op::CallBif { .. }
                | Op::Apply { .. }
        ) {
            self.f.call_line = self.line;
        }
        self.ops.push(op);
        self.lines.push(self.line);
    }

    fn label(&mut self) -> Label {
        self.label_pcs.push(u32::MAX);
        Label(self.label_pcs.len() as u32 - 1)
    }

    fn bind(&mut self, l: Label) {
        self.label_pcs[l.0 as usize] = self.ops.len() as u32;
    }

    fn temp(&mut self) -> Reg {
        let r = Reg(self.f.nslots);
        self.f.nslots += 1;
        r
    }

    fn lit(&mut self, t: Term) -> Src {
        // 0.0 and -0.0 are equal terms but print differently: keep floats apart.
        if matches!(t, Term::Float(_)) {
            let i = self.literals.len() as u32;
            self.literals.push(t);
            return Src::L(Lit(i));
        }
        if let Some(&i) = self.literal_index.get(&t) {
            return Src::L(Lit(i));
        }
        let i = self.literals.len() as u32;
        self.literals.push(t.clone());
        self.literal_index.insert(t, i);
        Src::L(Lit(i))
    }

    fn atom_lit(&mut self, a: &str) -> Src {
        self.lit(Term::atom(a))
    }

    fn import(&mut self, m: Atom, f: Atom, a: u32) -> u32 {
        if let Some(&i) = self.import_index.get(&(m, f, a)) {
            return i;
        }
        let i = self.imports.len() as u32;
        self.imports.push(self.code.export(m, f, a));
        self.import_index.insert((m, f, a), i);
        i
    }

    fn bif_or_err(&mut self, pos: Pos, m: &str, f: &str, a: u32) -> CResult<BifId> {
        match bif::lookup(m, f, a) {
            Some(b) => Ok(b),
            None => {
                self.err(pos, format!("internal error: no built-in {m}:{f}/{a}"));
                Err(())
            }
        }
    }

    /// The register of a named variable.
    fn slot(&mut self, name: &str) -> Reg {
        if let Some(&r) = self.f.slots.get(name) {
            return r;
        }
        let r = self.temp();
        self.f.slots.insert(name.to_owned(), r);
        r
    }

    // ---- Functions ---------------------------------------------------------------------

    fn function(&mut self, index: u32, f: &Function) {
        let mut numbers = HashMap::new();
        for c in &f.clauses {
            number_funs_in_clause(c, &mut numbers);
        }
        self.f = FnState {
            nslots: f.arity,
            name: f.name.clone(),
            arity: f.arity,
            fun_numbers: numbers,
            ..Default::default()
        };
        self.line = f.pos.line;
        let entry = self.ops.len() as u32;
        let args: Vec<Src> = (0..f.arity).map(|i| Src::R(Reg(i))).collect();
        let _ = self.clauses_on_args(&f.clauses, &args, MatchError::FunctionClause);
        self.funcs[index as usize].entry = entry;
        self.funcs[index as usize].nslots = self.f.nslots;
    }

    /// The clauses of a function or fun, matched against the argument registers.
    fn clauses_on_args(&mut self, clauses: &[Clause], args: &[Src], err: MatchError) -> CResult<()> {
        let outer_bound = self.f.bound.clone();
        let outer_slots = self.f.slots.clone();
        for clause in clauses {
            self.line = clause.pos.line;
            self.f.call_line = clause.pos.line;
            self.f.bound = outer_bound.clone();
            self.f.slots = outer_slots.clone();
            self.f.unsafe_vars.clear();
            let next = self.label();
            // Go on after a bad pattern, as erlc does, to report what follows too.
            for (p, a) in clause.patterns.iter().zip(args) {
                // A plain new variable names the argument register itself: argument registers
                // are never written while the function runs, so no copy is needed.
                if let (Expr::Var(_, name), Src::R(r)) = (p, a) {
                    if name != "_" && !self.f.bound.contains(name) && !self.f.slots.contains_key(name) {
                        self.f.slots.insert(name.clone(), *r);
                        self.f.bound.insert(name.clone());
                        continue;
                    }
                }
                let _ = self.pattern(p, *a, next);
            }
            let _ = self.guards(&clause.guards, next);
            let _ = self.body_tail(&clause.body);
            self.bind(next);
        }
        self.f.slots = outer_slots;
        self.line = clauses.last().map(|c| c.pos.line).unwrap_or(self.line);
        let src = if args.is_empty() { self.atom_lit("undefined") } else { args[0] };
        self.emit(Op::MatchFail { kind: err, src });
        Ok(())
    }

    fn lambda_function(&mut self, p: PendingLambda) {
        self.f = FnState {
            nslots: p.arity + p.free.len() as u32,
            name: p.parent.0.clone(),
            arity: p.parent.1,
            fun_numbers: p.numbers.clone(),
            ..Default::default()
        };
        self.line = p.clauses.first().map(|c| c.pos.line).unwrap_or(0);
        let entry = self.ops.len() as u32;
        // The captured values follow the arguments.
        for (i, v) in p.free.iter().enumerate() {
            self.f.slots.insert(v.clone(), Reg(p.arity + i as u32));
            self.f.bound.insert(v.clone());
        }
        if let Some(name) = &p.name {
            let env: Vec<Src> = (0..p.free.len() as u32).map(|i| Src::R(Reg(p.arity + i))).collect();
            let r = self.slot(name);
            self.emit(Op::MakeFun { lambda: p.lambda, env: env.into(), dst: r });
            self.f.bound.insert(name.clone());
        }
        let args: Vec<Src> = (0..p.arity).map(|i| Src::R(Reg(i))).collect();
        let _ = self.clauses_on_args(&p.clauses, &args, MatchError::FunctionClause);
        self.funcs[p.func as usize].entry = entry;
        self.funcs[p.func as usize].nslots = self.f.nslots;
    }

    // ---- Bodies ------------------------------------------------------------------------

    /// A body in tail position: the last expression's value is returned.
    fn body_tail(&mut self, body: &[Expr]) -> CResult<()> {
        let (last, init) = match body.split_last() {
            Some(x) => x,
            None => return Ok(()),
        };
        for e in init {
            self.expr(e)?;
        }
        self.tail_expr(last)
    }

    fn tail_expr(&mut self, e: &Expr) -> CResult<()> {
        self.line = e.pos().line;
        if self.f.in_try == 0 {
            match e {
                Expr::Call(..) | Expr::RemoteCall(..) => {
                    if let Some(()) = self.call(e, None)? {
                        return Ok(());
                    }
                }
                Expr::Case(p, subject, clauses) => {
                    let v = self.expr(subject)?;
                    return self.case_clauses(*p, clauses, v, None, MatchError::CaseClause);
                }
                Expr::If(p, clauses) => return self.if_clauses(*p, clauses, None),
                Expr::Receive(p, clauses, after) => {
                    self.receive(*p, clauses, after.as_ref(), true)?;
                    return Ok(());
                }
                Expr::Block(_, body) => return self.body_tail(body),
                // Without `after`, the `of` and `catch` clauses run outside the try's
                // protection: their last calls are tail calls, as in erl (a loop through
                // `try ... of _ -> loop() ...` runs in constant space).
                Expr::Try(p, body, of, catches, after) if after.is_empty() => {
                    self.try_expr(*p, body, of, catches, after, true)?;
                    return Ok(());
                }
                _ => {}
            }
        }
        let v = self.expr(e)?;
        self.emit(Op::Return { src: v });
        Ok(())
    }

    /// A body whose value goes to `dst`.
    fn body_to(&mut self, body: &[Expr], dst: Reg) -> CResult<()> {
        let mut last = None;
        for e in body {
            last = Some(self.expr(e)?);
        }
        if let Some(v) = last {
            self.emit(Op::Move { src: v, dst });
        }
        Ok(())
    }

    fn body_value(&mut self, body: &[Expr]) -> CResult<Src> {
        let mut last = Err(());
        for e in body {
            last = Ok(self.expr(e)?);
        }
        last
    }

    // ---- Expressions -------------------------------------------------------------------

    fn expr(&mut self, e: &Expr) -> CResult<Src> {
        if let Some(t) = const_term(e) {
            return Ok(self.lit(t));
        }
        let pos = e.pos();
        self.line = pos.line;
        match e {
            Expr::Var(p, name) => self.use_var(*p, name),
            Expr::Tuple(_, elems) => {
                let srcs = self.exprs(elems)?;
                let dst = self.temp();
                self.emit(Op::MakeTuple { elems: srcs.into(), dst });
                Ok(Src::R(dst))
            }
            Expr::Cons(_, h, t) => {
                // Evaluate list elements left to right, then build from the end.
                let mut heads = vec![h.as_ref()];
                let mut tail = t.as_ref();
                while let Expr::Cons(_, h2, t2) = tail {
                    if const_term(tail).is_some() {
                        break;
                    }
                    heads.push(h2);
                    tail = t2;
                }
                // (Every element is compiled even after one fails: all their errors show.)
                let hs: Vec<CResult<Src>> = heads.iter().map(|h| self.expr(h)).collect();
                let tail = self.expr(tail);
                let hs: Vec<Src> = hs.into_iter().collect::<CResult<_>>()?;
                let mut acc = tail?;
                for h in hs.into_iter().rev() {
                    let dst = self.temp();
                    self.emit(Op::MakeCons { head: h, tail: acc, dst });
                    acc = Src::R(dst);
                }
                Ok(acc)
            }
            Expr::Bin(_, elems) => self.binary(elems),
            Expr::BinOp(p, op, a, b) => self.binop(*p, *op, a, b),
            Expr::UnOp(p, op, a) => {
                let v = self.expr(a)?;
                let name = match op {
                    UnOp::Neg => "-",
                    UnOp::Plus => "+",
                    UnOp::Bnot => "bnot",
                    UnOp::Not => "not",
                };
                self.call_bif(*p, "erlang", name, vec![v])
            }
            Expr::Match(p, pat, rhs) => {
                // A new reference that a later receive waits for: the messages already
                // here are counted first, and cannot hold it.
                let mark = match &**pat {
                    Expr::Var(_, n)
                        if !self.f.bound.contains(n) && self.recv_ref_vars.contains(n) && self.makes_ref(rhs) =>
                    {
                        let r = self.temp();
                        self.emit(Op::RecvMark { dst: r });
                        Some((r, n.clone()))
                    }
                    _ => None,
                };
                let v = self.expr(rhs)?;
                if let Some((r, n)) = mark {
                    self.emit(Op::RecvBind { mark: Src::R(r), r: v });
                    self.f.marked.insert(n);
                }
                let fail = self.label();
                self.line = p.line;
                // A fresh variable (or `_`) cannot fail to match: no failure branch.
                if matches!(&**pat, Expr::Var(_, n) if n == "_" || !self.f.bound.contains(n)) {
                    self.pattern(pat, v, fail)?;
                    return Ok(v);
                }
                let ok = self.label();
                self.pattern(pat, v, fail)?;
                self.emit(Op::Jump { to: ok });
                self.bind(fail);
                self.emit(Op::MatchFail { kind: MatchError::Badmatch, src: v });
                self.bind(ok);
                Ok(v)
            }
            Expr::Call(..) | Expr::RemoteCall(..) => {
                let dst = self.temp();
                self.call(e, Some(dst))?;
                Ok(Src::R(dst))
            }
            Expr::Case(p, subject, clauses) => {
                let v = self.expr(subject)?;
                let dst = self.temp();
                self.case_clauses(*p, clauses, v, Some(dst), MatchError::CaseClause)?;
                Ok(Src::R(dst))
            }
            Expr::If(p, clauses) => {
                let dst = self.temp();
                self.if_clauses(*p, clauses, Some(dst))?;
                Ok(Src::R(dst))
            }
            Expr::Receive(p, clauses, after) => self.receive(*p, clauses, after.as_ref(), false),
            Expr::Try(p, body, of, catches, after) => self.try_expr(*p, body, of, catches, after, false),
            Expr::Catch(p, inner) => self.catch_expr(*p, inner),
            Expr::Block(_, body) => self.body_value(body),
            Expr::FunRef(p, r) => self.fun_ref(*p, r),
            Expr::Lambda(p, name, clauses) => self.lambda(*p, name.as_deref(), clauses),
            Expr::ListComp(_, body, quals) => self.comprehension(body, quals, false),
            Expr::BinComp(_, body, quals) => self.comprehension(body, quals, true),
            Expr::Map(_, fields) => {
                let mut pairs = Vec::new();
                for f in fields {
                    if f.exact {
                        self.err(f.pos, "only association operators '=>' are allowed in map construction");
                        return Err(());
                    }
                    let k = self.expr(&f.key)?;
                    let v = self.expr(&f.value)?;
                    pairs.push((k, v));
                }
                let dst = self.temp();
                self.emit(Op::MakeMap { pairs: pairs.into(), dst });
                Ok(Src::R(dst))
            }
            Expr::MapUpdate(_, m, fields) => {
                let mv = self.expr(m)?;
                let mut pairs = Vec::new();
                for f in fields {
                    let k = self.expr(&f.key)?;
                    let v = self.expr(&f.value)?;
                    pairs.push((k, v, f.exact));
                }
                let dst = self.temp();
                let fail = self.f.guard_fail;
                self.emit(Op::UpdateMap { map: mv, pairs: pairs.into(), dst, fail });
                Ok(Src::R(dst))
            }
            Expr::Record(p, name, fields) => self.record_new(*p, name, fields),
            Expr::RecordUpdate(p, base, name, fields) => self.record_update(*p, base, name, fields),
            Expr::RecordField(p, base, name, field) => {
                let idx = self.record_field_index(*p, name, field)?;
                let v = self.expr(base)?;
                self.record_test(name, v)?;
                let dst = self.temp();
                self.emit(Op::GetElement { src: v, index: idx, dst });
                Ok(Src::R(dst))
            }
            Expr::RecordIndex(p, name, field) => {
                let idx = self.record_field_index(*p, name, field)?;
                Ok(self.lit(Term::Int(idx as i64 + 1)))
            }
            Expr::Int(..) | Expr::Float(..) | Expr::Atom(..) | Expr::Str(..) | Expr::Char(..) | Expr::Nil(..) => {
                // Literals are handled by const_term above.
                Err(())
            }
        }
    }

    fn exprs(&mut self, es: &[Expr]) -> CResult<Vec<Src>> {
        // Each one is compiled even after one fails, so that the errors of all are reported.
        let all: Vec<CResult<Src>> = es.iter().map(|e| self.expr(e)).collect();
        all.into_iter().collect()
    }

    /// A pattern binds `name`: an error if the variable is unsafe here (as erl_lint's
    /// `unsafe_var`); it is bound from then on either way.
    fn no_unsafe_rebinding(&mut self, pos: Pos, name: &str) {
        if let Some((kind, at)) = self.f.unsafe_vars.remove(name) {
            self.err(pos, format!("variable '{name}' unsafe in '{kind}' (line {}, column {})", at.line, at.col));
        }
    }

    fn use_var(&mut self, pos: Pos, name: &str) -> CResult<Src> {
        if name == "_" {
            self.err(pos, "variable '_' is unbound");
            return Err(());
        }
        if let Some((kind, at)) = self.f.unsafe_vars.get(name).copied() {
            self.err(pos, format!("variable '{name}' unsafe in '{kind}' (line {}, column {})", at.line, at.col));
            return Err(());
        }
        if !self.f.bound.contains(name) {
            self.err(pos, format!("variable '{name}' is unbound"));
            return Err(());
        }
        Ok(Src::R(self.slot(name)))
    }

    /// Is `e` a call that makes a new reference (`make_ref()`, `monitor(...)`,
    /// `spawn_request(...)`, gen's `ember_proc:call_send(...)`) from arguments that cannot
    /// take messages out of the mailbox (no calls in them)?
    fn makes_ref(&self, e: &Expr) -> bool {
        let (module, name, args) = match e {
            Expr::Call(_, f, args) => match &**f {
                Expr::Atom(_, n) => {
                    let key = (n.clone(), args.len() as u32);
                    if self.functions.contains_key(&key) || self.declared_imports.contains_key(&key) {
                        return false;
                    }
                    ("erlang", n, args)
                }
                _ => return false,
            },
            Expr::RemoteCall(_, m, f, args) => match (&**m, &**f) {
                (Expr::Atom(_, m), Expr::Atom(_, n)) => (m.as_str(), n, args),
                _ => return false,
            },
            _ => return false,
        };
        fn plain(e: &Expr) -> bool {
            match e {
                Expr::Var(..) | Expr::Atom(..) | Expr::Int(..) | Expr::Nil(..) => true,
                Expr::Tuple(_, es) => es.iter().all(plain),
                Expr::Cons(_, h, t) => plain(h) && plain(t),
                _ => false,
            }
        }
        matches!(
            (module, name.as_str(), args.len()),
            ("erlang", "make_ref", 0)
                | ("erlang", "monitor", 2 | 3)
                | ("erlang", "spawn_request", 1..=5)
                | ("ember_proc", "call_send", 3)
        ) && args.iter().all(plain)
    }

    fn call_bif(&mut self, pos: Pos, m: &str, f: &str, args: Vec<Src>) -> CResult<Src> {
        let bif = self.bif_or_err(pos, m, f, args.len() as u32)?;
        let dst = self.temp();
        let fail = self.f.guard_fail;
        self.emit(Op::CallBif { bif, args: args.into(), dst, fail });
        Ok(Src::R(dst))
    }

    fn binop(&mut self, pos: Pos, op: BinOp, a: &Expr, b: &Expr) -> CResult<Src> {
        match op {
            BinOp::AndAlso | BinOp::OrElse => {
                let av = self.expr(a)?;
                let dst = self.temp();
                let done = self.label();
                let not_first = self.label();
                let bad = self.label();
                let (first, other) = if op == BinOp::AndAlso { ("true", "false") } else { ("false", "true") };
                let first_lit = self.atom_lit(first);
                let other_lit = self.atom_lit(other);
                self.emit(Op::Compare { cmp: Cmp::ExactEq, a: av, b: first_lit, fail: not_first });
                let bv = self.expr(b)?;
                self.emit(Op::Move { src: bv, dst });
                self.emit(Op::Jump { to: done });
                self.bind(not_first);
                self.emit(Op::Compare { cmp: Cmp::ExactEq, a: av, b: other_lit, fail: bad });
                self.emit(Op::Move { src: other_lit, dst });
                self.emit(Op::Jump { to: done });
                self.bind(bad);
                match self.f.guard_fail {
                    Some(fail) => self.emit(Op::Jump { to: fail }),
                    None => {
                        let badarg = self.atom_lit("badarg");
                        let t = self.temp();
                        self.emit(Op::MakeTuple { elems: vec![badarg, av].into(), dst: t });
                        let bif = self.bif_or_err(pos, "erlang", "error", 1)?;
                        self.emit(Op::CallBif { bif, args: vec![Src::R(t)].into(), dst, fail: None });
                    }
                }
                self.bind(done);
                Ok(Src::R(dst))
            }
            _ => {
                let av = self.expr(a);
                let bv = self.expr(b);
                let (av, bv) = (av?, bv?);
                self.line = pos.line;
                let kind = match op {
                    BinOp::Add => Some(ArithKind::Add),
                    BinOp::Sub => Some(ArithKind::Sub),
                    BinOp::Mul => Some(ArithKind::Mul),
                    BinOp::Band => Some(ArithKind::Band),
                    BinOp::Bor => Some(ArithKind::Bor),
                    BinOp::Bxor => Some(ArithKind::Bxor),
                    BinOp::IDiv => Some(ArithKind::Div),
                    BinOp::FDiv => Some(ArithKind::FDiv),
                    BinOp::Rem => Some(ArithKind::Rem),
                    BinOp::Eq => Some(ArithKind::Cmp(Cmp::Eq)),
                    BinOp::Ne => Some(ArithKind::Cmp(Cmp::Ne)),
                    BinOp::ExactEq => Some(ArithKind::Cmp(Cmp::ExactEq)),
                    BinOp::ExactNe => Some(ArithKind::Cmp(Cmp::ExactNe)),
                    BinOp::Lt => Some(ArithKind::Cmp(Cmp::Lt)),
                    BinOp::Le => Some(ArithKind::Cmp(Cmp::Le)),
                    BinOp::Gt => Some(ArithKind::Cmp(Cmp::Gt)),
                    BinOp::Ge => Some(ArithKind::Cmp(Cmp::Ge)),
                    _ => None,
                };
                match kind {
                    Some(kind) => {
                        let bif = self.bif_or_err(pos, "erlang", op.name(), 2)?;
                        let dst = self.temp();
                        let fail = self.f.guard_fail;
                        self.emit(Op::Arith { kind, bif, a: av, b: bv, dst, fail });
                        Ok(Src::R(dst))
                    }
                    // `!` is erlang:send/2, which is what its error frames name.
                    None if matches!(op, BinOp::Send) => self.call_bif(pos, "erlang", "send", vec![av, bv]),
                    None => self.call_bif(pos, "erlang", op.name(), vec![av, bv]),
                }
            }
        }
    }

    /// Compiles a call. With `dst` None the call is in tail position: returns Some(()) if it
    /// emitted a tail call (or a BIF call and return).
    fn call(&mut self, e: &Expr, dst: Option<Reg>) -> CResult<Option<()>> {
        let pos = e.pos();
        match e {
            Expr::Call(_, f, args) => {
                if let Expr::Atom(_, name) = f.as_ref() {
                    let arity = args.len() as u32;
                    if name == "record_info" && arity == 2 {
                        let v = self.record_info(pos, &args[0], &args[1])?;
                        match dst {
                            Some(d) => self.emit(Op::Move { src: v, dst: d }),
                            None => self.emit(Op::Return { src: v }),
                        }
                        return Ok(Some(()));
                    }
                    let key = (name.clone(), arity);
                    if let Some(&idx) = self.functions.get(&key) {
                        let srcs = self.exprs(args)?;
                        self.line = pos.line;
                        match dst {
                            Some(dst) => self.emit(Op::Call { func: idx, args: srcs.into(), dst }),
                            None => self.emit(Op::TailCall { func: idx, args: srcs.into(), in_place: false }),
                        }
                        return Ok(Some(()));
                    }
                    if let Some(m) = self.declared_imports.get(&key).cloned() {
                        return self.remote_call(pos, &m, name, args, dst);
                    }
                    if is_auto_imported(name, arity) {
                        return self.remote_call(pos, "erlang", name, args, dst);
                    }
                    if name == "module_info" && arity <= 1 {
                        let m = self.name.map(|a| a.as_str().to_owned()).unwrap_or_default();
                        return self.remote_call(pos, &m, name, args, dst);
                    }
                    self.err(pos, format!("function {name}/{arity} undefined"));
                    return Err(());
                }
                let fv = self.expr(f)?;
                let srcs = self.exprs(args)?;
                self.line = pos.line;
                match dst {
                    Some(dst) => self.emit(Op::CallFun { fun: fv, args: srcs.into(), dst }),
                    None => self.emit(Op::TailCallFun { fun: fv, args: srcs.into() }),
                }
                Ok(Some(()))
            }
            Expr::RemoteCall(_, m, f, args) => {
                if let (Expr::Atom(_, m), Expr::Atom(_, f)) = (m.as_ref(), f.as_ref()) {
                    return self.remote_call(pos, m, f, args, dst);
                }
                let mv = self.expr(m)?;
                let fv = self.expr(f)?;
                let srcs = self.exprs(args)?;
                self.line = pos.line;
                match dst {
                    Some(dst) => self.emit(Op::CallDyn { module: mv, function: fv, args: srcs.into(), dst }),
                    None => self.emit(Op::TailCallDyn { module: mv, function: fv, args: srcs.into() }),
                }
                Ok(Some(()))
            }
            _ => Ok(None),
        }
    }

    fn remote_call(&mut self, pos: Pos, m: &str, f: &str, args: &[Expr], dst: Option<Reg>) -> CResult<Option<()>> {
        let arity = args.len() as u32;
        if m == "erlang" && (f == "apply") && (arity == 2 || arity == 3) {
            let srcs = self.exprs(args)?;
            self.line = pos.line;
            let (module, function, list) =
                if arity == 3 { (Some(srcs[0]), srcs[1], srcs[2]) } else { (None, srcs[0], srcs[1]) };
            let (dst, tail) = match dst {
                Some(d) => (d, false),
                None => (self.temp(), true),
            };
            self.emit(Op::Apply { module, function, args: list, dst, tail });
            return Ok(Some(()));
        }
        if self.f.guard_fail.is_some() && !(m == "erlang" && is_guard_bif(f, arity)) {
            self.err(pos, "illegal guard expression");
            return Err(());
        }
        let srcs = self.exprs(args)?;
        self.line = pos.line;
        // A built-in is called directly, whatever its module (a built-in always wins over an
        // Erlang definition of the same function), except one that may hand a call on to
        // its module's Erlang definition, which goes through the export table.
        if !bif::may_decline(m, f, arity) {
            if let Some(bif) = bif::lookup(m, f, arity) {
                let fail = self.f.guard_fail;
                match dst {
                    Some(dst) => self.emit(Op::CallBif { bif, args: srcs.into(), dst, fail }),
                    None => {
                        let t = self.temp();
                        self.emit(Op::CallBif { bif, args: srcs.into(), dst: t, fail });
                        self.emit(Op::Return { src: Src::R(t) });
                    }
                }
                return Ok(Some(()));
            }
        }
        let import = self.import(Atom::new(m), Atom::new(f), arity);
        match dst {
            Some(dst) => self.emit(Op::CallExt { import, args: srcs.into(), dst }),
            None => self.emit(Op::TailCallExt { import, args: srcs.into() }),
        }
        Ok(Some(()))
    }

    // ---- Branching ---------------------------------------------------------------------

    /// What a branch leaves for [`Gen::merge_branches`]: the variables bound at its end, and
    /// those it made unsafe (relative to `saved`, the unsafe ones before the branches).
    fn branch_out(&self, saved: &HashMap<String, (&'static str, Pos)>) -> BranchOut {
        let unsafe_new =
            self.f.unsafe_vars.iter().filter(|(k, _)| !saved.contains_key(*k)).map(|(k, u)| (k.clone(), *u));
        BranchOut { bound: self.f.bound.clone(), unsafe_new: unsafe_new.collect() }
    }

    /// Runs after a set of alternative branches (the construct `kind` at `pos`), as erl_lint
    /// merges them: a new variable bound in every branch stays bound; one that some branch
    /// does not have becomes unsafe in the construct; one that is unsafe in a branch (in a
    /// `try` there, say) stays unsafe there if that is the only branch where it is, and is
    /// unsafe in the construct if it is unsafe in several.
    fn merge_branches(
        &mut self,
        before: &HashSet<String>,
        saved: HashMap<String, (&'static str, Pos)>,
        outs: Vec<BranchOut>,
        kind: &'static str,
        pos: Pos,
    ) {
        let n = outs.len();
        // For each new variable, its state in each branch that has it: `None` bound.
        let mut states: BTreeMap<String, Vec<Option<(&'static str, Pos)>>> = BTreeMap::new();
        for o in &outs {
            for v in o.bound.difference(before) {
                states.entry(v.clone()).or_default().push(None);
            }
            for (v, u) in &o.unsafe_new {
                states.entry(v.clone()).or_default().push(Some(*u));
            }
        }
        self.f.unsafe_vars = saved;
        self.f.bound = before.clone();
        for (v, mut st) in states {
            // erl_lint goes through them in term order: bound first, then the unsafe ones
            // by construct and position.
            st.sort_by_key(|s| s.map(|(k, p)| (k, p.line, p.col)));
            let mut acc: Option<(&'static str, Pos)> = None;
            for u in st.iter().flatten() {
                acc = Some(if acc.is_some() { (kind, pos) } else { *u });
            }
            match (st.len() == n, acc) {
                (true, None) => {
                    self.f.bound.insert(v);
                }
                (true, Some(u)) => {
                    self.f.unsafe_vars.insert(v, u);
                }
                (false, _) => {
                    self.f.unsafe_vars.insert(v, (kind, pos));
                }
            }
        }
    }

    fn case_clauses(&mut self, at: Pos, clauses: &[Clause], v: Src, dst: Option<Reg>, err: MatchError) -> CResult<()> {
        let before = self.f.bound.clone();
        let saved_unsafe = self.f.unsafe_vars.clone();
        let done = self.label();
        let mut outs = Vec::new();
        let pos = clauses.first().map(|c| c.pos).unwrap_or_default();
        for c in clauses {
            self.f.bound = before.clone();
            self.f.unsafe_vars = saved_unsafe.clone();
            self.line = c.pos.line;
            let next = self.label();
            if self.pattern(&c.patterns[0], v, next).is_ok() && self.guards(&c.guards, next).is_ok() {
                let r = match dst {
                    Some(d) => self.body_to(&c.body, d),
                    None => self.body_tail(&c.body),
                };
                if r.is_ok() && dst.is_some() {
                    self.emit(Op::Jump { to: done });
                }
            }
            outs.push(self.branch_out(&saved_unsafe));
            self.bind(next);
        }
        self.line = at.line;
        self.emit(Op::MatchFail { kind: err, src: v });
        self.bind(done);
        let kind = match err {
            MatchError::TryClause => "try",
            _ => "case",
        };
        let _ = pos;
        self.merge_branches(&before, saved_unsafe, outs, kind, at);
        Ok(())
    }

    fn if_clauses(&mut self, at: Pos, clauses: &[Clause], dst: Option<Reg>) -> CResult<()> {
        let before = self.f.bound.clone();
        let saved_unsafe = self.f.unsafe_vars.clone();
        let done = self.label();
        let mut outs = Vec::new();
        for c in clauses {
            self.f.bound = before.clone();
            self.f.unsafe_vars = saved_unsafe.clone();
            self.line = c.pos.line;
            let next = self.label();
            if self.guards(&c.guards, next).is_ok() {
                let r = match dst {
                    Some(d) => self.body_to(&c.body, d),
                    None => self.body_tail(&c.body),
                };
                if r.is_ok() && dst.is_some() {
                    self.emit(Op::Jump { to: done });
                }
            }
            outs.push(self.branch_out(&saved_unsafe));
            self.bind(next);
        }
        let undef = self.atom_lit("if_clause");
        self.line = at.line;
        self.emit(Op::MatchFail { kind: MatchError::IfClause, src: undef });
        self.bind(done);
        self.merge_branches(&before, saved_unsafe, outs, "if", at);
        Ok(())
    }

    /// `receive`; with `tail`, each clause body is in tail position (its last call is a
    /// tail call and its value is returned), so a server loop runs in constant space.
    fn receive(
        &mut self,
        at: Pos,
        clauses: &[Clause],
        after: Option<&(Box<Expr>, Vec<Expr>)>,
        tail: bool,
    ) -> CResult<Src> {
        let dst = self.temp();
        let msg = self.temp();
        let before = self.f.bound.clone();
        let saved_unsafe = self.f.unsafe_vars.clone();
        let wait_line = self.f.call_line;
        let _ = at;
        let timeout = match after {
            Some((t, _)) => Some(self.expr(t)?),
            None => None,
        };
        let top = self.label();
        let empty = self.label();
        let done = self.label();
        let needs = receive_needs(clauses);
        if let Some(n) = needs.iter().find(|n| self.f.marked.contains(*n) && self.f.bound.contains(*n)) {
            let r = self.slot(n);
            self.emit(Op::RecvUse { r: Src::R(r) });
        }
        self.bind(top);
        self.emit(Op::RecvPeek { dst: msg, empty });
        let mut outs = Vec::new();
        for c in clauses {
            self.f.bound = before.clone();
            self.f.unsafe_vars = saved_unsafe.clone();
            self.line = c.pos.line;
            let next = self.label();
            if self.pattern(&c.patterns[0], Src::R(msg), next).is_ok() && self.guards(&c.guards, next).is_ok() {
                self.emit(Op::RecvAccept);
                if tail {
                    let _ = self.body_tail(&c.body);
                } else if self.body_to(&c.body, dst).is_ok() {
                    self.emit(Op::Jump { to: done });
                }
            }
            outs.push(self.branch_out(&saved_unsafe));
            self.bind(next);
        }
        // A waiting process is shown at the line of the last call before its `receive`.
        self.line = wait_line;
        self.emit(Op::RecvNext { msg, to: top });
        self.bind(empty);
        self.f.bound = before.clone();
        self.f.unsafe_vars = saved_unsafe.clone();
        self.emit(Op::RecvWait { timeout, retry: top });
        if let Some((_, body)) = after {
            if tail {
                self.body_tail(body)?;
            } else {
                self.body_to(body, dst)?;
            }
            outs.push(self.branch_out(&saved_unsafe));
        } else {
            self.emit(Op::Jump { to: top });
        }
        self.bind(done);
        let pos = clauses.first().map(|c| c.pos).unwrap_or_default();
        self.merge_branches(&before, saved_unsafe, outs, "receive", pos);
        Ok(Src::R(dst))
    }

    /// A `try`; `tail`: in tail position without `after`, where its clauses return (or tail
    /// call) themselves and the value it gives back is not used.
    fn try_expr(
        &mut self,
        at: Pos,
        body: &[Expr],
        of: &[Clause],
        catches: &[Clause],
        after: &[Expr],
        tail: bool,
    ) -> CResult<Src> {
        let tail = tail && after.is_empty();
        let dst = self.temp();
        let before = self.f.bound.clone();
        let saved_unsafe = self.f.unsafe_vars.clone();
        // Every variable the try binds, in any part: all are unsafe after it (erl_lint's
        // rule: a try exports nothing).
        let mut seen: HashSet<String> = HashSet::new();
        let (cls, rsn, stk) = (self.temp(), self.temp(), self.temp());
        let after_handler = self.label();
        if !after.is_empty() {
            self.emit(Op::TryBegin { handler: after_handler, class: cls, reason: rsn, stack: stk });
            self.f.in_try += 1;
        }
        let handler = self.label();
        let done = self.label();
        let (c2, r2, s2) = (self.temp(), self.temp(), self.temp());
        if !catches.is_empty() {
            self.emit(Op::TryBegin { handler, class: c2, reason: r2, stack: s2 });
        }
        self.f.in_try += 1;
        let v = self.body_value(body);
        self.f.in_try -= 1;
        let v = v?;
        if !catches.is_empty() {
            self.emit(Op::TryEnd);
        }
        // The body's variables are bound in the `of` clauses, unsafe in the others.
        let body_new: Vec<String> = self.f.bound.difference(&before).cloned().collect();
        seen.extend(body_new.iter().cloned());
        if of.is_empty() {
            self.emit(if tail { Op::Return { src: v } } else { Op::Move { src: v, dst } });
        } else if tail {
            self.case_clauses(at, of, v, None, MatchError::TryClause)?;
            self.note_new(&mut seen, &before, &saved_unsafe);
        } else {
            self.f.in_try += 1;
            self.case_clauses(at, of, v, Some(dst), MatchError::TryClause)?;
            self.f.in_try -= 1;
            self.note_new(&mut seen, &before, &saved_unsafe);
        }
        if !tail {
            self.emit(Op::Jump { to: done });
        }
        let mut unsafe_in_try = saved_unsafe.clone();
        for v in &body_new {
            unsafe_in_try.insert(v.clone(), ("try", at));
        }
        if !catches.is_empty() {
            self.bind(handler);
            if !tail {
                self.f.in_try += 1;
            }
            for c in catches {
                self.f.bound = before.clone();
                self.f.unsafe_vars = unsafe_in_try.clone();
                self.line = c.pos.line;
                let next = self.label();
                let ok = self.pattern(&c.patterns[0], Src::R(c2), next).is_ok()
                    && self.pattern(&c.patterns[1], Src::R(r2), next).is_ok()
                    && self.pattern(&c.patterns[2], Src::R(s2), next).is_ok()
                    && self.guards(&c.guards, next).is_ok();
                if ok {
                    if tail {
                        let _ = self.body_tail(&c.body);
                    } else if self.body_to(&c.body, dst).is_ok() {
                        self.emit(Op::Jump { to: done });
                    }
                }
                self.note_new(&mut seen, &before, &saved_unsafe);
                self.bind(next);
            }
            if !tail {
                self.f.in_try -= 1;
            }
            self.emit(Op::Reraise { class: Src::R(c2), reason: Src::R(r2), stack: Src::R(s2) });
        }
        self.bind(done);
        if !after.is_empty() {
            self.f.in_try -= 1;
            let finished = self.label();
            self.emit(Op::TryEnd);
            // What the rest of the try binds is unsafe in `after`.
            for v in &seen {
                unsafe_in_try.entry(v.clone()).or_insert(("try", at));
            }
            self.f.bound = before.clone();
            self.f.unsafe_vars = unsafe_in_try.clone();
            for e in after {
                self.expr(e)?;
            }
            self.note_new(&mut seen, &before, &saved_unsafe);
            self.f.bound = before.clone();
            self.f.unsafe_vars = unsafe_in_try.clone();
            self.emit(Op::Jump { to: finished });
            self.bind(after_handler);
            for e in after {
                self.expr(e)?;
            }
            self.emit(Op::Reraise { class: Src::R(cls), reason: Src::R(rsn), stack: Src::R(stk) });
            self.bind(finished);
        }
        self.f.unsafe_vars = saved_unsafe;
        for v in seen {
            self.f.unsafe_vars.insert(v, ("try", at));
        }
        self.f.bound = before;
        Ok(Src::R(dst))
    }

    /// Adds to `seen` the variables bound or made unsafe since `before` and `saved`.
    fn note_new(
        &self,
        seen: &mut HashSet<String>,
        before: &HashSet<String>,
        saved: &HashMap<String, (&'static str, Pos)>,
    ) {
        seen.extend(self.f.bound.difference(before).cloned());
        seen.extend(self.f.unsafe_vars.keys().filter(|k| !saved.contains_key(*k)).cloned());
    }

    fn catch_expr(&mut self, at: Pos, inner: &Expr) -> CResult<Src> {
        let dst = self.temp();
        let (c, r, s) = (self.temp(), self.temp(), self.temp());
        let handler = self.label();
        let done = self.label();
        let before = self.f.bound.clone();
        let saved_unsafe = self.f.unsafe_vars.clone();
        self.emit(Op::TryBegin { handler, class: c, reason: r, stack: s });
        self.f.in_try += 1;
        let v = self.expr(inner);
        self.f.in_try -= 1;
        let v = v?;
        self.emit(Op::TryEnd);
        self.emit(Op::Move { src: v, dst });
        self.emit(Op::Jump { to: done });
        self.bind(handler);
        self.emit(Op::CatchValue { class: Src::R(c), reason: Src::R(r), stack: Src::R(s), dst });
        self.bind(done);
        let mut seen = HashSet::new();
        self.note_new(&mut seen, &before, &saved_unsafe);
        self.f.unsafe_vars = saved_unsafe;
        for v in seen {
            self.f.unsafe_vars.insert(v, ("catch", at));
        }
        self.f.bound = before;
        Ok(Src::R(dst))
    }

    // ---- Guards ------------------------------------------------------------------------

    /// A guard sequence: alternatives separated by `;`; jumps to `fail` if none holds.
    fn guards(&mut self, seq: &[Vec<Expr>], fail: Label) -> CResult<()> {
        if seq.is_empty() {
            return Ok(());
        }
        let ok = self.label();
        let saved = self.f.guard_fail;
        let mut result = Ok(());
        for (i, alt) in seq.iter().enumerate() {
            let next = if i + 1 == seq.len() { fail } else { self.label() };
            self.f.guard_fail = Some(next);
            for test in alt {
                if self.guard_test(test, next).is_err() {
                    result = Err(());
                }
            }
            self.emit(Op::Jump { to: ok });
            if i + 1 < seq.len() {
                self.bind(next);
            }
        }
        self.f.guard_fail = saved;
        self.bind(ok);
        result
    }

    fn guard_test(&mut self, e: &Expr, fail: Label) -> CResult<()> {
        self.line = e.pos().line;
        let saved = self.f.guard_fail;
        self.f.guard_fail = Some(fail);
        let r = self.guard_test_inner(e, fail);
        self.f.guard_fail = saved;
        r
    }

    fn guard_test_inner(&mut self, e: &Expr, fail: Label) -> CResult<()> {
        match e {
            Expr::BinOp(_, op, a, b) => {
                let cmp = match op {
                    BinOp::Eq => Some(Cmp::Eq),
                    BinOp::Ne => Some(Cmp::Ne),
                    BinOp::ExactEq => Some(Cmp::ExactEq),
                    BinOp::ExactNe => Some(Cmp::ExactNe),
                    BinOp::Lt => Some(Cmp::Lt),
                    BinOp::Le => Some(Cmp::Le),
                    BinOp::Gt => Some(Cmp::Gt),
                    BinOp::Ge => Some(Cmp::Ge),
                    _ => None,
                };
                if let Some(cmp) = cmp {
                    let av = self.guard_expr(a)?;
                    let bv = self.guard_expr(b)?;
                    self.emit(Op::Compare { cmp, a: av, b: bv, fail });
                    return Ok(());
                }
                if *op == BinOp::AndAlso {
                    self.guard_test(a, fail)?;
                    return self.guard_test(b, fail);
                }
                if *op == BinOp::OrElse {
                    let second = self.label();
                    let ok = self.label();
                    self.guard_test(a, second)?;
                    self.emit(Op::Jump { to: ok });
                    self.bind(second);
                    self.guard_test(b, fail)?;
                    self.bind(ok);
                    return Ok(());
                }
            }
            Expr::Call(_, f, args) => {
                if let Expr::Atom(_, name) = f.as_ref() {
                    if !self.functions.contains_key(&(name.clone(), args.len() as u32)) {
                        if let Some(test) = type_test(name, args.len()) {
                            let v = self.guard_expr(&args[0])?;
                            self.emit(Op::Test { test, src: v, fail });
                            return Ok(());
                        }
                    }
                }
            }
            Expr::Atom(_, a) if a == "true" => return Ok(()),
            _ => {}
        }
        let v = self.guard_expr(e)?;
        let t = self.atom_lit("true");
        self.emit(Op::Compare { cmp: Cmp::ExactEq, a: v, b: t, fail });
        Ok(())
    }

    /// An expression inside a guard: only guard-safe forms are allowed.
    fn guard_expr(&mut self, e: &Expr) -> CResult<Src> {
        match e {
            Expr::Call(p, f, args) => {
                if let Expr::Atom(_, name) = f.as_ref() {
                    let arity = args.len() as u32;
                    if self.functions.contains_key(&(name.clone(), arity))
                        || self.declared_imports.contains_key(&(name.clone(), arity))
                    {
                        self.err(*p, format!("call to local/imported function {name}/{arity} is illegal in guard"));
                        return Err(());
                    }
                    if !is_guard_bif(name, arity) {
                        self.err(*p, "illegal guard expression");
                        return Err(());
                    }
                    if name == "is_record" {
                        return self.is_record_guard(*p, args);
                    }
                } else {
                    self.err(*p, "illegal guard expression");
                    return Err(());
                }
                self.expr(e)
            }
            Expr::RemoteCall(p, m, f, args) => match (m.as_ref(), f.as_ref()) {
                (Expr::Atom(_, m), Expr::Atom(_, f)) if m == "erlang" && is_guard_bif(f, args.len() as u32) => {
                    self.expr(e)
                }
                _ => {
                    self.err(*p, "illegal guard expression");
                    Err(())
                }
            },
            Expr::Case(p, ..)
            | Expr::If(p, ..)
            | Expr::Receive(p, ..)
            | Expr::Try(p, ..)
            | Expr::Catch(p, ..)
            | Expr::Match(p, ..)
            | Expr::Lambda(p, ..)
            | Expr::ListComp(p, ..)
            | Expr::BinComp(p, ..)
            | Expr::Block(p, ..) => {
                self.err(*p, "illegal guard expression");
                Err(())
            }
            Expr::BinOp(p, BinOp::Send | BinOp::Append | BinOp::Subtract, ..) => {
                self.err(*p, "illegal guard expression");
                Err(())
            }
            _ => self.expr(e),
        }
    }

    fn is_record_guard(&mut self, p: Pos, args: &[Expr]) -> CResult<Src> {
        if let (Some(Expr::Atom(_, name)), 2) = (args.get(1), args.len()) {
            if let Some(fields) = self.records.get(name) {
                let size = fields.len() as u32 + 1;
                let v = self.expr(&args[0])?;
                let dst = self.temp();
                let no = self.label();
                let done = self.label();
                let tag = self.atom_lit(name);
                self.emit(Op::TestArity { src: v, arity: size, fail: no });
                let t = self.temp();
                self.emit(Op::GetElement { src: v, index: 0, dst: t });
                self.emit(Op::Compare { cmp: Cmp::ExactEq, a: Src::R(t), b: tag, fail: no });
                let tr = self.atom_lit("true");
                self.emit(Op::Move { src: tr, dst });
                self.emit(Op::Jump { to: done });
                self.bind(no);
                let fa = self.atom_lit("false");
                self.emit(Op::Move { src: fa, dst });
                self.bind(done);
                return Ok(Src::R(dst));
            }
            self.err(p, format!("record {name} undefined"));
            return Err(());
        }
        let srcs = self.exprs(args)?;
        self.call_bif(p, "erlang", "is_record", srcs)
    }

    // ---- Patterns ----------------------------------------------------------------------

    /// Matches `src` against the pattern `p`, binding its new variables; jumps to `fail`
    /// if it does not match.
    /// If `p` is a variable pattern that is not bound yet, binds it and returns its
    /// register, so that the value can be read straight into it (no move from a temporary).
    fn bind_fresh(&mut self, p: &Expr) -> Option<Reg> {
        match p {
            Expr::Var(pos, name) if name != "_" && !self.f.bound.contains(name) => {
                self.no_unsafe_rebinding(*pos, name);
                let r = self.slot(name);
                if var_name_ok(name) {
                    self.f.bound.insert(name.clone());
                }
                Some(r)
            }
            _ => None,
        }
    }

    fn pattern(&mut self, p: &Expr, src: Src, fail: Label) -> CResult<()> {
        // A map pattern matches maps with more keys too, so it is never a plain literal.
        if let Some(t) = const_term(p).filter(|_| !contains_map(p)) {
            let l = self.lit(t);
            self.emit(Op::Compare { cmp: Cmp::ExactEq, a: src, b: l, fail });
            return Ok(());
        }
        match p {
            Expr::Var(_, name) if name == "_" => Ok(()),
            Expr::Var(pos, name) => {
                if self.f.bound.contains(name) {
                    let r = self.slot(name);
                    self.emit(Op::Compare { cmp: Cmp::ExactEq, a: src, b: Src::R(r), fail });
                } else {
                    self.no_unsafe_rebinding(*pos, name);
                    let r = self.slot(name);
                    self.emit(Op::Move { src, dst: r });
                    if var_name_ok(name) {
                        self.f.bound.insert(name.clone());
                    }
                }
                Ok(())
            }
            Expr::Tuple(_, elems) => {
                self.emit(Op::TestArity { src, arity: elems.len() as u32, fail });
                for (i, e) in elems.iter().enumerate() {
                    if matches!(e, Expr::Var(_, n) if n == "_") {
                        continue;
                    }
                    match self.bind_fresh(e) {
                        Some(r) => self.emit(Op::GetElement { src, index: i as u32, dst: r }),
                        None => {
                            let t = self.temp();
                            self.emit(Op::GetElement { src, index: i as u32, dst: t });
                            self.pattern(e, Src::R(t), fail)?;
                        }
                    }
                }
                Ok(())
            }
            Expr::Cons(_, h, t) => {
                self.emit(Op::Test { test: TypeTest::Cons, src, fail });
                // The head binds before the tail is looked at (`[X | X]` binds, then compares).
                let hv = self.bind_fresh(h);
                let tv = self.bind_fresh(t);
                let hr = hv.unwrap_or_else(|| self.temp());
                let tr = tv.unwrap_or_else(|| self.temp());
                self.emit(Op::GetList { src, head: hr, tail: tr });
                if hv.is_none() {
                    self.pattern(h, Src::R(hr), fail)?;
                }
                if tv.is_none() {
                    self.pattern(t, Src::R(tr), fail)?;
                }
                Ok(())
            }
            Expr::BinOp(_, BinOp::Append, a, b) => {
                // "prefix" ++ Rest
                let prefix = match a.as_ref() {
                    Expr::Str(_, s) => s.chars().map(|c| c as u32).collect::<Vec<_>>(),
                    Expr::Nil(_) => Vec::new(),
                    other => match const_term(other).and_then(|t| t.list_to_vec()) {
                        Some(v) => {
                            let mut out = Vec::new();
                            for x in v {
                                match x.as_int() {
                                    Some(i) => out.push(i as u32),
                                    None => {
                                        self.err(p.pos(), "illegal pattern");
                                        return Err(());
                                    }
                                }
                            }
                            out
                        }
                        None => {
                            self.err(p.pos(), "illegal pattern");
                            return Err(());
                        }
                    },
                };
                let mut cur = src;
                for c in prefix {
                    self.emit(Op::Test { test: TypeTest::Cons, src: cur, fail });
                    let (hr, tr) = (self.temp(), self.temp());
                    self.emit(Op::GetList { src: cur, head: hr, tail: tr });
                    let l = self.lit(Term::Int(c as i64));
                    self.emit(Op::Compare { cmp: Cmp::ExactEq, a: Src::R(hr), b: l, fail });
                    cur = Src::R(tr);
                }
                self.pattern(b, cur, fail)
            }
            Expr::Match(_, a, b) => {
                self.pattern(a, src, fail)?;
                self.pattern(b, src, fail)
            }
            Expr::Map(_, fields) => {
                self.emit(Op::Test { test: TypeTest::Map, src, fail });
                for f in fields {
                    if !f.exact {
                        self.err(f.pos, "only association operators ':=' are allowed in map patterns");
                        return Err(());
                    }
                    let k = self.pattern_key(&f.key)?;
                    let t = self.temp();
                    self.emit(Op::GetMapValue { map: src, key: k, dst: t, fail });
                    self.pattern(&f.value, Src::R(t), fail)?;
                }
                Ok(())
            }
            Expr::Record(pos, name, fields) => {
                let defs = match self.records.get(name) {
                    Some(d) => d.clone(),
                    None => {
                        self.err(*pos, format!("record {name} undefined"));
                        return Err(());
                    }
                };
                self.emit(Op::TestArity { src, arity: defs.len() as u32 + 1, fail });
                let t = self.temp();
                self.emit(Op::GetElement { src, index: 0, dst: t });
                let tag = self.atom_lit(name);
                self.emit(Op::Compare { cmp: Cmp::ExactEq, a: Src::R(t), b: tag, fail });
                let wildcard = fields.iter().find(|(_, f, _)| f == "_").map(|(_, _, e)| e.clone());
                for (fpos, fname, _) in fields {
                    if fname != "_" && !defs.iter().any(|d| &d.name == fname) {
                        self.err(*fpos, format!("field {fname} undefined in record {name}"));
                        return Err(());
                    }
                }
                for (i, d) in defs.iter().enumerate() {
                    let pat =
                        fields.iter().find(|(_, f, _)| f == &d.name).map(|(_, _, e)| e.clone()).or(wildcard.clone());
                    if let Some(pat) = pat {
                        let t = self.temp();
                        self.emit(Op::GetElement { src, index: i as u32 + 1, dst: t });
                        self.pattern(&pat, Src::R(t), fail)?;
                    }
                }
                Ok(())
            }
            Expr::RecordIndex(pos, name, field) => {
                let idx = self.record_field_index(*pos, name, field)?;
                let l = self.lit(Term::Int(idx as i64 + 1));
                self.emit(Op::Compare { cmp: Cmp::ExactEq, a: src, b: l, fail });
                Ok(())
            }
            Expr::Bin(_, elems) => self.bin_pattern(elems, src, fail),
            Expr::BinOp(pos, ..) | Expr::UnOp(pos, ..) => match eval_const_arith(p) {
                Some(t) => {
                    let l = self.lit(t);
                    self.emit(Op::Compare { cmp: Cmp::ExactEq, a: src, b: l, fail });
                    Ok(())
                }
                None => {
                    self.err(*pos, "illegal pattern");
                    Err(())
                }
            },
            other => {
                self.err(other.pos(), "illegal pattern");
                Err(())
            }
        }
    }

    /// A map key in a pattern: a literal or a bound variable.
    fn pattern_key(&mut self, k: &Expr) -> CResult<Src> {
        if let Some(t) = const_term(k).or_else(|| eval_const_arith(k)) {
            return Ok(self.lit(t));
        }
        match k {
            Expr::Var(p, name) => self.use_var(*p, name),
            other => {
                self.err(other.pos(), "illegal map key in pattern");
                Err(())
            }
        }
    }

    // ---- Binaries ----------------------------------------------------------------------

    fn segment(&mut self, el: &BinElem, pattern: bool) -> CResult<Segment> {
        let mut kind = SegKind::Integer;
        let mut unit: Option<u32> = None;
        let mut signed = false;
        let mut little = false;
        for (name, u) in &el.specs {
            match name.as_str() {
                "integer" => kind = SegKind::Integer,
                "float" => kind = SegKind::Float,
                "binary" | "bytes" => kind = SegKind::Binary,
                "bitstring" | "bits" => kind = SegKind::Bitstring,
                "utf8" => kind = SegKind::Utf8,
                "utf16" => kind = SegKind::Utf16,
                "utf32" => kind = SegKind::Utf32,
                "signed" => signed = true,
                "unsigned" => signed = false,
                "big" => little = false,
                "little" => little = true,
                "native" => little = cfg!(target_endian = "little"),
                "unit" => match u {
                    Some(u) if (1..=256).contains(u) => unit = Some(*u),
                    _ => {
                        self.err(el.pos, "bad unit");
                        return Err(());
                    }
                },
                other => {
                    self.err(el.pos, format!("undefined bit type '{other}'"));
                    return Err(());
                }
            }
        }
        let size = match &el.size {
            Some(s) => {
                if matches!(kind, SegKind::Utf8 | SegKind::Utf16 | SegKind::Utf32) {
                    self.err(el.pos, "size of utf segment must not be given");
                    return Err(());
                }
                Some(if pattern {
                    match s {
                        Expr::Var(p, n) => self.use_var(*p, n)?,
                        e => match const_term(e).or_else(|| eval_const_arith(e)) {
                            Some(t) => self.lit(t),
                            None => self.guard_expr(e)?,
                        },
                    }
                } else {
                    self.expr(s)?
                })
            }
            None => match kind {
                SegKind::Integer => Some(self.lit(Term::Int(8))),
                SegKind::Float => Some(self.lit(Term::Int(64))),
                _ => None,
            },
        };
        let default_unit = match kind {
            SegKind::Binary => 8,
            _ => 1,
        };
        Ok(Segment { kind, size, unit: unit.unwrap_or(default_unit), signed, little })
    }

    fn binary(&mut self, elems: &[BinElem]) -> CResult<Src> {
        let mut segs = Vec::new();
        for el in elems {
            // A string literal segment is a sequence of 8-bit (or typed) characters.
            if let Expr::Str(_, s) = &el.value {
                let seg = self.segment(el, false)?;
                for c in s.chars() {
                    let v = self.lit(Term::Int(c as i64));
                    segs.push((v, seg.clone()));
                }
                continue;
            }
            let v = self.expr(&el.value)?;
            let seg = self.segment(el, false)?;
            segs.push((v, seg));
        }
        let dst = self.temp();
        let fail = self.f.guard_fail;
        self.emit(Op::MakeBinary { segs: segs.into(), dst, fail });
        Ok(Src::R(dst))
    }

    fn bin_pattern(&mut self, elems: &[BinElem], src: Src, fail: Label) -> CResult<()> {
        let ctx = self.temp();
        self.emit(Op::BinStart { src, ctx, fail });
        let n = elems.len();
        for (i, el) in elems.iter().enumerate() {
            if let Expr::Str(_, s) = &el.value {
                let seg = self.segment(el, true)?;
                for c in s.chars() {
                    let mut seg = seg.clone();
                    if seg.kind == SegKind::Integer && el.size.is_none() {
                        seg.size = Some(self.lit(Term::Int(8)));
                    }
                    let t = self.temp();
                    self.emit(Op::BinGet { ctx, seg, dst: t, fail });
                    let l = self.lit(Term::Int(c as i64));
                    self.emit(Op::Compare { cmp: Cmp::ExactEq, a: Src::R(t), b: l, fail });
                }
                continue;
            }
            let seg = self.segment(el, true)?;
            if seg.size.is_none() && matches!(seg.kind, SegKind::Binary | SegKind::Bitstring) && i + 1 != n {
                self.err(el.pos, "a binary field without size is only allowed at the end of a binary pattern");
                return Err(());
            }
            let t = self.temp();
            self.emit(Op::BinGet { ctx, seg, dst: t, fail });
            self.pattern(&el.value, Src::R(t), fail)?;
        }
        self.emit(Op::BinEnd { ctx, fail });
        Ok(())
    }

    // ---- Funs --------------------------------------------------------------------------

    fn fun_ref(&mut self, pos: Pos, r: &FunRef) -> CResult<Src> {
        match r {
            FunRef::Local(name, arity) => {
                let Some(&func) = self.functions.get(&(name.clone(), *arity)) else {
                    if is_auto_imported(name, *arity) {
                        let t = Term::Fun(Arc::new(crate::term::Fun {
                            module: Atom::new("erlang"),
                            kind: crate::term::FunKind::Export { function: Atom::new(name), arity: *arity },
                        }));
                        return Ok(self.lit(t));
                    }
                    self.err(pos, format!("function {name}/{arity} undefined"));
                    return Err(());
                };
                // `fun f/1` written twice is the same fun: share one lambda entry.
                let lambda = match self.lambdas.iter().position(|l| l.func == func && l.nfree == 0) {
                    Some(i) => i as u32,
                    None => {
                        self.lambdas.push(LambdaInfo { func, arity: *arity, nfree: 0, uniq: uniq_of(name, *arity) });
                        self.lambdas.len() as u32 - 1
                    }
                };
                let dst = self.temp();
                self.emit(Op::MakeFun { lambda, env: Vec::new().into(), dst });
                Ok(Src::R(dst))
            }
            FunRef::Remote(m, f, a) => {
                if let (Expr::Atom(_, m), Expr::Atom(_, f), Expr::Int(_, a)) = (m.as_ref(), f.as_ref(), a.as_ref()) {
                    let arity = u32::try_from(a).unwrap_or(0);
                    let t = Term::Fun(Arc::new(crate::term::Fun {
                        module: Atom::new(m),
                        kind: crate::term::FunKind::Export { function: Atom::new(f), arity },
                    }));
                    return Ok(self.lit(t));
                }
                let mv = self.expr(m)?;
                let fv = self.expr(f)?;
                let av = self.expr(a)?;
                self.call_bif(pos, "erlang", "make_fun", vec![mv, fv, av])
            }
        }
    }

    fn lambda(&mut self, pos: Pos, name: Option<&str>, clauses: &[Clause]) -> CResult<Src> {
        let arity = clauses.first().map(|c| c.patterns.len() as u32).unwrap_or(0);
        for c in clauses {
            if c.patterns.len() as u32 != arity {
                self.err(c.pos, "head mismatch");
                return Err(());
            }
        }
        // Free variables: names used in the fun that are bound here, minus the fun's own
        // head variables (which shadow them) and its name.
        let mut used = Vec::new();
        let mut head_vars = HashSet::new();
        for c in clauses {
            for p in &c.patterns {
                collect_vars(p, &mut |v| {
                    head_vars.insert(v.to_owned());
                });
            }
            for g in c.guards.iter().flatten() {
                collect_vars(g, &mut |v| used.push(v.to_owned()));
            }
            for b in &c.body {
                collect_vars(b, &mut |v| used.push(v.to_owned()));
            }
            for p in &c.patterns {
                // Bound outer variables used inside patterns (e.g. size expressions) are
                // shadowed in funs, so nothing to capture from patterns.
                let _ = p;
            }
        }
        let mut free = Vec::new();
        for v in used {
            if self.f.bound.contains(&v) && !head_vars.contains(&v) && Some(v.as_str()) != name && !free.contains(&v) {
                free.push(v);
            }
        }
        let func = self.funcs.len() as u32;
        let number = self.f.fun_numbers.get(&(pos.line, pos.col)).copied().unwrap_or(self.lambdas.len() as u32);
        let fname = format!("-{}/{}-fun-{}-", self.f.name, self.f.arity, number);
        self.funcs.push(FunctionInfo {
            name: Atom::new(&fname),
            arity: arity + free.len() as u32,
            entry: 0,
            nslots: 0,
            never_returns: false,
        });
        let lambda = self.lambdas.len() as u32;
        self.lambdas.push(LambdaInfo { func, arity, nfree: free.len() as u32, uniq: uniq_of(&fname, pos.line) });
        let env: Vec<Src> = free.iter().map(|v| Src::R(self.f.slots[v])).collect();
        self.pending.push_back(PendingLambda {
            func,
            parent: (self.f.name.clone(), self.f.arity),
            numbers: self.f.fun_numbers.clone(),
            name: name.map(str::to_owned),
            lambda,
            clauses: clauses.to_vec(),
            free,
            arity,
        });
        let dst = self.temp();
        self.emit(Op::MakeFun { lambda, env: env.into(), dst });
        Ok(Src::R(dst))
    }

    // ---- Comprehensions ----------------------------------------------------------------

    /// A list or binary comprehension, compiled as nested loops in the current function.
    fn comprehension(&mut self, body: &Expr, quals: &[Qualifier], binary: bool) -> CResult<Src> {
        let acc = self.temp();
        let nil = self.lit(Term::Nil);
        self.emit(Op::Move { src: nil, dst: acc });
        let before_bound = self.f.bound.clone();
        let saved_slots = self.f.slots.clone();
        let saved_unsafe = self.f.unsafe_vars.clone();
        self.qualifiers(body, quals, acc, binary)?;
        self.f.bound = before_bound;
        self.f.slots = saved_slots;
        self.f.unsafe_vars = saved_unsafe;
        let dst = self.temp();
        let (m, f) = if binary { ("erlang", "list_to_bitstring") } else { ("lists", "reverse") };
        if binary {
            let rev = self.temp();
            let b = self.bif_or_err(Pos::default(), "lists", "reverse", 1)?;
            self.emit(Op::CallBif { bif: b, args: vec![Src::R(acc)].into(), dst: rev, fail: None });
            let b = self.bif_or_err(Pos::default(), m, f, 1)?;
            self.emit(Op::CallBif { bif: b, args: vec![Src::R(rev)].into(), dst, fail: None });
        } else {
            let b = self.bif_or_err(Pos::default(), m, f, 1)?;
            self.emit(Op::CallBif { bif: b, args: vec![Src::R(acc)].into(), dst, fail: None });
        }
        Ok(Src::R(dst))
    }

    /// Variables bound by a generator pattern are new in the comprehension, shadowing any
    /// outer ones: they get fresh registers.
    fn shadow_pattern_vars(&mut self, p: &Expr) {
        let mut names = Vec::new();
        collect_vars(p, &mut |v| names.push(v.to_owned()));
        for n in names {
            if n == "_" {
                continue;
            }
            let r = self.temp();
            self.f.slots.insert(n.clone(), r);
            self.f.bound.remove(&n);
        }
    }

    fn qualifiers(&mut self, body: &Expr, quals: &[Qualifier], acc: Reg, binary: bool) -> CResult<()> {
        let Some((q, rest)) = quals.split_first() else {
            let v = self.expr(body)?;
            let v = if binary {
                // The body of a binary comprehension must be a bitstring.
                let t = self.temp();
                let ok = self.label();
                let bad = self.label();
                self.emit(Op::Test { test: TypeTest::Bitstring, src: v, fail: bad });
                self.emit(Op::Jump { to: ok });
                self.bind(bad);
                let b = self.bif_or_err(body.pos(), "erlang", "error", 1)?;
                let badarg = self.atom_lit("badarg");
                self.emit(Op::CallBif { bif: b, args: vec![badarg].into(), dst: t, fail: None });
                self.bind(ok);
                v
            } else {
                v
            };
            self.emit(Op::MakeCons { head: v, tail: Src::R(acc), dst: acc });
            return Ok(());
        };
        match q {
            Qualifier::Filter(e) => {
                let skip = self.label();
                if is_guard_like(e) {
                    self.guard_test(e, skip)?;
                } else {
                    // A filter that is not a guard must return a boolean: anything else is
                    // the error {bad_filter, Value}.
                    let v = self.expr(e)?;
                    let t = self.atom_lit("true");
                    let f = self.atom_lit("false");
                    let not_true = self.label();
                    let go = self.label();
                    self.emit(Op::Compare { cmp: Cmp::ExactEq, a: v, b: t, fail: not_true });
                    self.emit(Op::Jump { to: go });
                    self.bind(not_true);
                    let bad = self.label();
                    self.emit(Op::Compare { cmp: Cmp::ExactEq, a: v, b: f, fail: bad });
                    self.emit(Op::Jump { to: skip });
                    self.bind(bad);
                    let tag = self.atom_lit("bad_filter");
                    let r = self.temp();
                    self.emit(Op::MakeTuple { elems: vec![tag, v].into(), dst: r });
                    let b = self.bif_or_err(e.pos(), "erlang", "error", 1)?;
                    self.emit(Op::CallBif { bif: b, args: vec![Src::R(r)].into(), dst: r, fail: None });
                    self.bind(go);
                }
                self.qualifiers(body, rest, acc, binary)?;
                self.bind(skip);
                Ok(())
            }
            Qualifier::Generator(pat, list) => {
                let lv = self.expr(list)?;
                let cur = self.temp();
                self.emit(Op::Move { src: lv, dst: cur });
                let top = self.label();
                let next = self.label();
                let end = self.label();
                let bad = self.label();
                let outer_bound = self.f.bound.clone();
                self.bind(top);
                self.emit(Op::Yield);
                self.emit(Op::Test { test: TypeTest::Cons, src: Src::R(cur), fail: end });
                self.shadow_pattern_vars(pat);
                // The cell's tail replaces it in `cur`; its head goes straight into a fresh
                // variable pattern's register.
                let hv = self.bind_fresh(pat);
                let h = hv.unwrap_or_else(|| self.temp());
                self.emit(Op::GetList { src: Src::R(cur), head: h, tail: cur });
                if hv.is_none() {
                    self.pattern(pat, Src::R(h), next)?;
                }
                self.qualifiers(body, rest, acc, binary)?;
                self.bind(next);
                self.f.bound = outer_bound;
                self.emit(Op::Jump { to: top });
                self.bind(end);
                self.emit(Op::Test { test: TypeTest::Nil, src: Src::R(cur), fail: bad });
                let done = self.label();
                self.emit(Op::Jump { to: done });
                self.bind(bad);
                let tag = self.atom_lit("bad_generator");
                let e = self.temp();
                self.emit(Op::MakeTuple { elems: vec![tag, Src::R(cur)].into(), dst: e });
                let b = self.bif_or_err(list.pos(), "erlang", "error", 1)?;
                self.emit(Op::CallBif { bif: b, args: vec![Src::R(e)].into(), dst: e, fail: None });
                self.bind(done);
                Ok(())
            }
            Qualifier::BitGenerator(pat, bin) => {
                let bv = self.expr(bin)?;
                let ctx = self.temp();
                let bad = self.label();
                self.emit(Op::BinStart { src: bv, ctx, fail: bad });
                let top = self.label();
                let end = self.label();
                let next = self.label();
                let outer_bound = self.f.bound.clone();
                self.bind(top);
                self.emit(Op::Yield);
                // Match the segments of the pattern from the context; if they do not match,
                // the generator ends.
                let Expr::Bin(_, elems) = pat else {
                    self.err(pat.pos(), "illegal pattern");
                    return Err(());
                };
                self.shadow_pattern_vars(pat);
                let save = self.temp();
                self.emit(Op::Move { src: Src::R(ctx), dst: save });
                for el in elems {
                    let seg = self.segment(el, true)?;
                    let t = self.temp();
                    self.emit(Op::BinGet { ctx, seg, dst: t, fail: end });
                    self.pattern(&el.value, Src::R(t), next)?;
                }
                self.qualifiers(body, rest, acc, binary)?;
                self.bind(next);
                self.f.bound = outer_bound;
                self.emit(Op::Jump { to: top });
                self.bind(bad);
                let tag = self.atom_lit("bad_generator");
                let e = self.temp();
                self.emit(Op::MakeTuple { elems: vec![tag, bv].into(), dst: e });
                let b = self.bif_or_err(bin.pos(), "erlang", "error", 1)?;
                self.emit(Op::CallBif { bif: b, args: vec![Src::R(e)].into(), dst: e, fail: None });
                self.bind(end);
                Ok(())
            }
        }
    }

    // ---- Records -----------------------------------------------------------------------

    fn record_defs(&mut self, pos: Pos, name: &str) -> CResult<Vec<RecordFieldDef>> {
        match self.records.get(name) {
            Some(d) => Ok(d.clone()),
            None => {
                self.err(pos, format!("record {name} undefined"));
                Err(())
            }
        }
    }

    fn record_field_index(&mut self, pos: Pos, name: &str, field: &str) -> CResult<u32> {
        let defs = self.record_defs(pos, name)?;
        match defs.iter().position(|d| d.name == field) {
            Some(i) => Ok(i as u32 + 1),
            None => {
                self.err(pos, format!("field {field} undefined in record {name}"));
                Err(())
            }
        }
    }

    /// `record_info(fields | size, Name)`, answered at compile time.
    fn record_info(&mut self, pos: Pos, what: &Expr, name: &Expr) -> CResult<Src> {
        let (Expr::Atom(_, what), Expr::Atom(_, name)) = (what, name) else {
            self.err(pos, "illegal record info");
            return Err(());
        };
        let defs = self.record_defs(pos, name)?;
        let t = match what.as_str() {
            "fields" => Term::list(defs.iter().map(|d| Term::atom(&d.name)).collect()),
            "size" => Term::Int(defs.len() as i64 + 1),
            _ => {
                self.err(pos, "illegal record info");
                return Err(());
            }
        };
        Ok(self.lit(t))
    }

    fn record_test(&mut self, name: &str, v: Src) -> CResult<()> {
        let size = self.records.get(name).map(|d| d.len() as u32 + 1).unwrap_or(1);
        let ok = self.label();
        let bad = self.label();
        let fail = self.f.guard_fail.unwrap_or(bad);
        self.emit(Op::TestArity { src: v, arity: size, fail });
        let t = self.temp();
        self.emit(Op::GetElement { src: v, index: 0, dst: t });
        let tag = self.atom_lit(name);
        self.emit(Op::Compare { cmp: Cmp::ExactEq, a: Src::R(t), b: tag, fail });
        self.emit(Op::Jump { to: ok });
        self.bind(bad);
        self.emit(Op::MatchFail { kind: MatchError::Badrecord, src: v });
        self.bind(ok);
        Ok(())
    }

    fn record_new(&mut self, pos: Pos, name: &str, fields: &[(Pos, String, Expr)]) -> CResult<Src> {
        let defs = self.record_defs(pos, name)?;
        for (fpos, f, _) in fields {
            if f != "_" && !defs.iter().any(|d| &d.name == f) {
                self.err(*fpos, format!("field {f} undefined in record {name}"));
                return Err(());
            }
        }
        let wildcard = fields.iter().find(|(_, f, _)| f == "_").map(|(_, _, e)| e);
        let mut elems = vec![self.atom_lit(name)];
        for d in &defs {
            let v = match fields.iter().find(|(_, f, _)| f == &d.name) {
                Some((_, _, e)) => self.expr(e)?,
                None => match (wildcard, &d.default) {
                    (Some(e), _) => self.expr(e)?,
                    (None, Some(e)) => self.expr(e)?,
                    (None, None) => self.atom_lit("undefined"),
                },
            };
            elems.push(v);
        }
        let dst = self.temp();
        self.emit(Op::MakeTuple { elems: elems.into(), dst });
        Ok(Src::R(dst))
    }

    fn record_update(&mut self, pos: Pos, base: &Expr, name: &str, fields: &[(Pos, String, Expr)]) -> CResult<Src> {
        let defs = self.record_defs(pos, name)?;
        let v = self.expr(base)?;
        self.record_test(name, v)?;
        let mut elems = vec![self.atom_lit(name)];
        for (fpos, f, _) in fields {
            if !defs.iter().any(|d| &d.name == f) {
                self.err(*fpos, format!("field {f} undefined in record {name}"));
                return Err(());
            }
        }
        for (i, d) in defs.iter().enumerate() {
            match fields.iter().find(|(_, f, _)| f == &d.name) {
                Some((_, _, e)) => {
                    let x = self.expr(e)?;
                    elems.push(x);
                }
                None => {
                    let t = self.temp();
                    self.emit(Op::GetElement { src: v, index: i as u32 + 1, dst: t });
                    elems.push(Src::R(t));
                }
            }
        }
        let dst = self.temp();
        self.emit(Op::MakeTuple { elems: elems.into(), dst });
        Ok(Src::R(dst))
    }
}

/// Numbers the funs of a clause in erlc's order: a fun's inner funs before the fun itself,
/// list elements from the last, everything else left to right.
fn number_funs_in_clause(c: &Clause, numbers: &mut HashMap<(u32, u32), u32>) {
    for e in c.patterns.iter().chain(c.guards.iter().flatten()).chain(c.body.iter()) {
        number_funs(e, numbers);
    }
}

fn number_funs(e: &Expr, numbers: &mut HashMap<(u32, u32), u32>) {
    let each = |es: &[Expr], numbers: &mut HashMap<(u32, u32), u32>| es.iter().for_each(|e| number_funs(e, numbers));
    match e {
        Expr::Lambda(p, _, clauses) => {
            for c in clauses {
                number_funs_in_clause(c, numbers);
            }
            let n = numbers.len() as u32;
            numbers.insert((p.line, p.col), n);
        }
        Expr::Cons(_, h, t) => {
            number_funs(t, numbers);
            number_funs(h, numbers);
        }
        Expr::BinOp(_, _, a, b) | Expr::Match(_, a, b) => {
            number_funs(a, numbers);
            number_funs(b, numbers);
        }
        Expr::UnOp(_, _, a) | Expr::Catch(_, a) | Expr::RecordField(_, a, _, _) => number_funs(a, numbers),
        Expr::Tuple(_, es) | Expr::Block(_, es) => each(es, numbers),
        Expr::Call(_, f, args) => {
            number_funs(f, numbers);
            each(args, numbers);
        }
        Expr::RemoteCall(_, m, f, args) => {
            number_funs(m, numbers);
            number_funs(f, numbers);
            each(args, numbers);
        }
        Expr::Case(_, s, cs) => {
            number_funs(s, numbers);
            cs.iter().for_each(|c| number_funs_in_clause(c, numbers));
        }
        Expr::If(_, cs) => cs.iter().for_each(|c| number_funs_in_clause(c, numbers)),
        Expr::Receive(_, cs, after) => {
            cs.iter().for_each(|c| number_funs_in_clause(c, numbers));
            if let Some((t, body)) = after {
                number_funs(t, numbers);
                each(body, numbers);
            }
        }
        Expr::Try(_, body, of, catches, after) => {
            each(body, numbers);
            of.iter().chain(catches.iter()).for_each(|c| number_funs_in_clause(c, numbers));
            each(after, numbers);
        }
        Expr::ListComp(_, b, qs) | Expr::BinComp(_, b, qs) => {
            for q in qs {
                match q {
                    Qualifier::Generator(p, e) | Qualifier::BitGenerator(p, e) => {
                        number_funs(e, numbers);
                        number_funs(p, numbers);
                    }
                    Qualifier::Filter(e) => number_funs(e, numbers),
                }
            }
            number_funs(b, numbers);
        }
        Expr::Map(_, fs) => fs.iter().for_each(|f| {
            number_funs(&f.key, numbers);
            number_funs(&f.value, numbers);
        }),
        Expr::MapUpdate(_, m, fs) => {
            number_funs(m, numbers);
            fs.iter().for_each(|f| {
                number_funs(&f.key, numbers);
                number_funs(&f.value, numbers);
            });
        }
        Expr::Record(_, _, fs) => fs.iter().for_each(|(_, _, e)| number_funs(e, numbers)),
        Expr::RecordUpdate(_, b, _, fs) => {
            number_funs(b, numbers);
            fs.iter().for_each(|(_, _, e)| number_funs(e, numbers));
        }
        Expr::Bin(_, els) => els.iter().for_each(|el| number_funs(&el.value, numbers)),
        _ => {}
    }
}

fn form_pos(f: &Form) -> Pos {
    match f {
        Form::Module(p, _)
        | Form::Export(p, _)
        | Form::Import(p, ..)
        | Form::Compile(p, _)
        | Form::Record(p, ..)
        | Form::Attribute(p, ..) => *p,
        Form::Function(f) => f.pos,
    }
}

/// A stable number for a fun's printed form.
fn uniq_of(name: &str, n: u32) -> u32 {
    let mut h: u32 = 2166136261;
    for b in name.bytes().chain(n.to_le_bytes()) {
        h ^= b as u32;
        h = h.wrapping_mul(16777619);
    }
    h % 134217727
}

fn is_guard_like(e: &Expr) -> bool {
    match e {
        Expr::BinOp(
            _,
            BinOp::Eq
            | BinOp::Ne
            | BinOp::ExactEq
            | BinOp::ExactNe
            | BinOp::Lt
            | BinOp::Le
            | BinOp::Gt
            | BinOp::Ge
            | BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::IDiv
            | BinOp::Rem
            | BinOp::AndAlso
            | BinOp::OrElse,
            a,
            b,
        ) => is_guard_like(a) && is_guard_like(b),
        Expr::Var(..) | Expr::Atom(..) | Expr::Int(..) | Expr::Float(..) | Expr::Nil(..) | Expr::Char(..) => true,
        Expr::Call(_, f, args) => {
            matches!(f.as_ref(), Expr::Atom(_, n) if type_test(n, args.len()).is_some())
                && args.iter().all(is_guard_like)
        }
        _ => false,
    }
}

fn type_test(name: &str, arity: usize) -> Option<TypeTest> {
    if arity != 1 {
        return None;
    }
    Some(match name {
        "is_integer" => TypeTest::Integer,
        "is_float" => TypeTest::Float,
        "is_number" => TypeTest::Number,
        "is_atom" => TypeTest::Atom,
        "is_boolean" => TypeTest::Boolean,
        "is_list" => TypeTest::List,
        "is_tuple" => TypeTest::Tuple,
        "is_map" => TypeTest::Map,
        "is_binary" => TypeTest::Binary,
        "is_bitstring" => TypeTest::Bitstring,
        "is_pid" => TypeTest::Pid,
        "is_reference" => TypeTest::Ref,
        "is_port" => TypeTest::Port,
        "is_function" => TypeTest::Function,
        _ => return None,
    })
}

/// Calls `f` on every variable name in `e` (including nested funs and comprehensions).
pub(crate) fn collect_vars(e: &Expr, f: &mut dyn FnMut(&str)) {
    walk(e, &mut |e| {
        if let Expr::Var(_, n) = e {
            f(n)
        }
    });
}

// `walk` and `walk_mut` are one walk, over shared or over mutable expressions.
macro_rules! walker {
    ($walk:ident, $walk_clauses:ident $(, $m:ident)?) => {
        /// Calls `f` on `e` and on every expression inside it, patterns and guards included
        /// (and nested funs and comprehensions), parents before children.
        pub(crate) fn $walk(e: &$($m)? Expr, f: &mut dyn FnMut(&$($m)? Expr)) {
            f(e);
            match e {
                Expr::Var(..)
                | Expr::Int(..)
                | Expr::Float(..)
                | Expr::Atom(..)
                | Expr::Str(..)
                | Expr::Char(..)
                | Expr::Nil(..)
                | Expr::RecordIndex(..) => {}
                Expr::Cons(_, a, b) | Expr::BinOp(_, _, a, b) | Expr::Match(_, a, b) => {
                    $walk(a, f);
                    $walk(b, f);
                }
                Expr::Tuple(_, es) | Expr::Block(_, es) => {
                    for e in es {
                        $walk(e, f);
                    }
                }
                Expr::Bin(_, els) => {
                    for el in els {
                        $walk(&$($m)? el.value, f);
                        if let Some(s) = &$($m)? el.size {
                            $walk(s, f);
                        }
                    }
                }
                Expr::UnOp(_, _, a) | Expr::Catch(_, a) | Expr::RecordField(_, a, _, _) => $walk(a, f),
                Expr::Call(_, g, args) => {
                    $walk(g, f);
                    for e in args {
                        $walk(e, f);
                    }
                }
                Expr::RemoteCall(_, m, g, args) => {
                    $walk(m, f);
                    $walk(g, f);
                    for e in args {
                        $walk(e, f);
                    }
                }
                Expr::Case(_, s, cs) => {
                    $walk(s, f);
                    $walk_clauses(cs, f);
                }
                Expr::If(_, cs) | Expr::Lambda(_, _, cs) => $walk_clauses(cs, f),
                Expr::Receive(_, cs, after) => {
                    $walk_clauses(cs, f);
                    if let Some((t, body)) = after {
                        $walk(t, f);
                        for e in body {
                            $walk(e, f);
                        }
                    }
                }
                Expr::Try(_, body, of, catches, after) => {
                    for e in body {
                        $walk(e, f);
                    }
                    $walk_clauses(of, f);
                    $walk_clauses(catches, f);
                    for e in after {
                        $walk(e, f);
                    }
                }
                Expr::FunRef(_, r) => {
                    if let FunRef::Remote(m, g, a) = r {
                        $walk(m, f);
                        $walk(g, f);
                        $walk(a, f);
                    }
                }
                Expr::ListComp(_, b, qs) | Expr::BinComp(_, b, qs) => {
                    $walk(b, f);
                    for q in qs {
                        match q {
                            Qualifier::Generator(p, e) | Qualifier::BitGenerator(p, e) => {
                                $walk(p, f);
                                $walk(e, f);
                            }
                            Qualifier::Filter(e) => $walk(e, f),
                        }
                    }
                }
                Expr::Map(_, fs) => {
                    for m in fs {
                        $walk(&$($m)? m.key, f);
                        $walk(&$($m)? m.value, f);
                    }
                }
                Expr::MapUpdate(_, b, fs) => {
                    $walk(b, f);
                    for m in fs {
                        $walk(&$($m)? m.key, f);
                        $walk(&$($m)? m.value, f);
                    }
                }
                Expr::Record(_, _, fs) => {
                    for (_, _, e) in fs {
                        $walk(e, f);
                    }
                }
                Expr::RecordUpdate(_, b, _, fs) => {
                    $walk(b, f);
                    for (_, _, e) in fs {
                        $walk(e, f);
                    }
                }
            }
        }

        /// `walk` over each clause's patterns, guards and body.
        pub(crate) fn $walk_clauses(cs: &$($m)? [Clause], f: &mut dyn FnMut(&$($m)? Expr)) {
            for c in cs {
                for e in &$($m)? c.patterns {
                    $walk(e, f);
                }
                for e in (&$($m)? c.guards).into_iter().flatten() {
                    $walk(e, f);
                }
                for e in &$($m)? c.body {
                    $walk(e, f);
                }
            }
        }
    };
}

walker!(walk, walk_clauses);
walker!(walk_mut, walk_clauses_mut, mut);

/// The variables a pattern holds as parts of the value (elements of tuples and lists,
/// aliases, map and record field values; not binary segment sizes): when bound, the
/// pattern matches only a value that contains theirs.
fn pattern_parts(p: &Expr, out: &mut Vec<String>) {
    match p {
        Expr::Var(_, n) if n != "_" => out.push(n.clone()),
        Expr::Tuple(_, es) => es.iter().for_each(|e| pattern_parts(e, out)),
        Expr::Cons(_, a, b) | Expr::Match(_, a, b) => {
            pattern_parts(a, out);
            pattern_parts(b, out);
        }
        Expr::Map(_, fs) => fs.iter().for_each(|f| pattern_parts(&f.value, out)),
        Expr::Record(_, _, fs) => fs.iter().for_each(|(_, _, e)| pattern_parts(e, out)),
        _ => {}
    }
}

/// The variables every clause of a `receive` holds in its pattern.
fn receive_needs(clauses: &[Clause]) -> Vec<String> {
    let mut needs = Vec::new();
    let Some((first, rest)) = clauses.split_first() else { return needs };
    first.patterns.iter().for_each(|p| pattern_parts(p, &mut needs));
    for c in rest {
        let mut vs = Vec::new();
        c.patterns.iter().for_each(|p| pattern_parts(p, &mut vs));
        needs.retain(|n| vs.contains(n));
    }
    needs
}

fn contains_map(e: &Expr) -> bool {
    match e {
        Expr::Map(..) => true,
        Expr::Tuple(_, es) => es.iter().any(contains_map),
        Expr::Cons(_, h, t) => contains_map(h) || contains_map(t),
        _ => false,
    }
}

/// The value of an expression made only of literals, if it is one.
pub(crate) fn const_term(e: &Expr) -> Option<Term> {
    Some(match e {
        Expr::Int(_, n) => Term::from_bigint(n.clone()),
        Expr::Float(_, f) => Term::float(*f),
        Expr::Atom(_, a) => Term::atom(a),
        Expr::Str(_, s) => Term::string(s),
        Expr::Char(_, c) => Term::Int(*c as i64),
        Expr::Nil(_) => Term::Nil,
        Expr::Tuple(_, es) => Term::tuple(es.iter().map(const_term).collect::<Option<Vec<_>>>()?),
        Expr::Cons(..) => {
            let mut elems = Vec::new();
            let mut cur = e;
            while let Expr::Cons(_, h, t) = cur {
                elems.push(const_term(h)?);
                cur = t;
            }
            let tail = const_term(cur)?;
            Term::list_with_tail(elems, tail)
        }
        Expr::Map(_, fields) if fields.iter().all(|f| !f.exact) => {
            let mut m = Map::new();
            for f in fields {
                m.insert(const_term(&f.key)?, const_term(&f.value)?);
            }
            Term::Map(m)
        }
        _ => return None,
    })
}

/// Folds integer arithmetic on literals (allowed in patterns, e.g. `?X + 1`).
fn eval_const_arith(e: &Expr) -> Option<Term> {
    use num_bigint::BigInt;
    fn int(e: &Expr) -> Option<BigInt> {
        match e {
            Expr::Int(_, n) => Some(n.clone()),
            Expr::Char(_, c) => Some(BigInt::from(*c)),
            Expr::UnOp(_, UnOp::Neg, a) => int(a).map(|x| -x),
            Expr::UnOp(_, UnOp::Plus, a) => int(a),
            Expr::UnOp(_, UnOp::Bnot, a) => int(a).map(|x| !x),
            Expr::BinOp(_, op, a, b) => {
                let (x, y) = (int(a)?, int(b)?);
                match op {
                    BinOp::Add => Some(x + y),
                    BinOp::Sub => Some(x - y),
                    BinOp::Mul => Some(x * y),
                    BinOp::IDiv if y != BigInt::from(0) => Some(x / y),
                    BinOp::Rem if y != BigInt::from(0) => Some(x % y),
                    BinOp::Band => Some(x & y),
                    BinOp::Bor => Some(x | y),
                    BinOp::Bxor => Some(x ^ y),
                    BinOp::Bsl => Some(x << usize::try_from(&y).ok()?),
                    BinOp::Bsr => Some(x >> usize::try_from(&y).ok()?),
                    _ => None,
                }
            }
            _ => None,
        }
    }
    int(e).map(Term::from_bigint)
}

fn compile_opts_have(e: &Expr, opt: &str) -> bool {
    match const_term(e) {
        Some(Term::Atom(a)) => a.as_str() == opt,
        Some(t) if t.is_list() => t.iter_list().any(|x| matches!(x, Term::Atom(a) if a.as_str() == opt)),
        _ => false,
    }
}
