//! `erl_parse:parse_exprs/1` and `parse_form/1`: erl_scan tokens to expressions (or a
//! function or attribute) in Erlang's abstract format
//! (`{op, Line, '+', L, R}`, `{call, Line, F, Args}`, ...), as erl_parse gives them, for
//! `erl_eval` (stdlib/erl/erl_eval.erl) and for programs that build or inspect code.
//!
//! The tokens go through the compiler's parser, and its syntax tree is written out in the
//! abstract format. Annotations are line numbers. The parser folds a minus sign into a
//! number literal; it comes back out as erl_parse has it, `{op, L, '-', {integer, L, N}}`.

use super::scan::{close_tokens, syntax_error, term_tokens};
use super::BifDef;
use crate::interp::exception::{BifResult, Exception};
use crate::syntax::ast::{BinElem, Clause, Expr, Form, FunRef, MapField, Qualifier, UnOp};
use crate::syntax::parser::{parse_exprs, parse_forms};
use crate::syntax::token::{Pos, Tok};
use crate::term::{atoms, Term};
use num_bigint::Sign;

bifs! {
    "erl_parse", "parse_exprs", 1 => |_, a| parse(&a[0]);
    "erl_parse", "parse_form", 1 => |_, a| parse_form(&a[0]);
    // Is Name/Arity an auto-imported built-in (callable without a module)?
    "erl_internal", "bif", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Atom(n), Term::Int(ar)) => Ok(Term::bool(u32::try_from(*ar).is_ok_and(|ar| {
            crate::compile::autoimport::is_auto_imported(n.as_str(), ar)
        }))),
        _ => Err(function_clause()),
    };
    // Is Name/Arity allowed in a guard?
    "erl_internal", "guard_bif", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Atom(n), Term::Int(ar)) => Ok(Term::bool(u32::try_from(*ar).is_ok_and(|ar| {
            crate::compile::autoimport::is_guard_bif(n.as_str(), ar)
        }))),
        _ => Err(function_clause()),
    };
    // erl_eval's receive: puts messages it took to look at back at the front of the
    // caller's mailbox, in their order, as if they had never been taken.
    "ember_eval", "unreceive", 1 => |p, a| {
        let msgs = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
        for m in msgs.into_iter().rev() {
            p.mailbox.push_front(m);
        }
        p.save = 0;
        p.extras_mut().recv_mark = None;
        Ok(Term::Atom(atoms::OK))
    };
}

/// `{ok, [Expr]}` or `{error, {Line, erl_parse, Message}}`.
fn parse(tokens: &Term) -> BifResult {
    let mut toks = term_tokens(tokens)?;
    let Some(last) = close_tokens(&mut toks) else { return Ok(super::scan::parse_error(0, "")) };
    let mut diags = Vec::new();
    Ok(match parse_exprs("", toks, &mut diags) {
        Some(exprs) if !exprs.is_empty() => {
            Term::tuple([Term::Atom(atoms::OK), Term::list(exprs.iter().map(expr).collect())])
        }
        _ => syntax_error(&diags, last, anno),
    })
}

/// `erl_parse:parse_form/1`: `{ok, Form}` (a function or an attribute) or
/// `{error, {Line, erl_parse, Message}}`. Type attributes (-spec, -type, ...) are not
/// supported; preprocessor directives are "bad attribute", as in erl.
fn parse_form(tokens: &Term) -> BifResult {
    let mut toks = term_tokens(tokens)?;
    if let [dash, name, ..] = toks.as_slice() {
        if dash.is("-") {
            let directive = match &name.tok {
                Tok::Atom(a) => matches!(
                    a.as_str(),
                    "define" | "undef" | "ifdef" | "ifndef" | "else" | "endif" | "include" | "include_lib" | "elif"
                ),
                Tok::Sym(s) => *s == "if",
                _ => false,
            };
            if directive {
                return Ok(form_error(name.pos, "bad attribute"));
            }
        }
    }
    let Some(last) = close_tokens(&mut toks) else { return Ok(super::scan::parse_error(0, "")) };
    let mut diags = Vec::new();
    let module = parse_forms("", vec![toks], &mut diags);
    if !diags.is_empty() {
        return Ok(syntax_error(&diags, last, anno));
    }
    let Some(form) = module.forms.first() else { return Ok(super::scan::parse_error_at(anno(last), "")) };
    let attribute = |p: Pos, name: &str, value: Term| node("attribute", p, [Term::atom(name), value]);
    let fa = |list: &[(String, u32)]| {
        Term::list(list.iter().map(|(f, a)| Term::tuple([Term::atom(f), Term::Int(i64::from(*a))])).collect())
    };
    let abs = match form {
        Form::Module(p, m) => attribute(*p, "module", Term::atom(m)),
        Form::Export(p, list) => attribute(*p, "export", fa(list)),
        Form::Import(p, m, list) => attribute(*p, "import", Term::tuple([Term::atom(m), fa(list)])),
        Form::Compile(p, e) => match super::scan::literal(e) {
            Some(v) => attribute(*p, "compile", v),
            None => return Ok(form_error(*p, "bad attribute")),
        },
        Form::Record(p, name, fields) => {
            let fields = fields
                .iter()
                .map(|f| match &f.default {
                    Some(d) => node("record_field", f.pos, [atom(f.pos, &f.name), expr(d)]),
                    None => node("record_field", f.pos, [atom(f.pos, &f.name)]),
                })
                .collect();
            attribute(*p, "record", Term::tuple([Term::atom(name), Term::list(fields)]))
        }
        Form::Attribute(p, name, _)
            if matches!(name.as_str(), "spec" | "type" | "opaque" | "callback" | "export_type" | "nominal") =>
        {
            return Ok(form_error(*p, "type attributes are not supported"));
        }
        Form::Attribute(p, name, value) => match value.as_ref().map(super::scan::literal) {
            Some(Some(v)) => attribute(*p, name, v),
            _ => return Ok(form_error(*p, "bad attribute")),
        },
        Form::Function(f) => {
            node("function", f.pos, [Term::atom(&f.name), Term::Int(i64::from(f.arity)), clauses(&f.clauses)])
        }
    };
    Ok(Term::tuple([Term::Atom(atoms::OK), abs]))
}

fn form_error(p: Pos, message: &str) -> Term {
    Term::tuple([Term::Atom(atoms::ERROR), Term::tuple([anno(p), Term::atom("erl_parse"), Term::string(message)])])
}

fn function_clause() -> Exception {
    Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE))
}

/// A line, or `{Line, Column}` when the tokens had columns.
fn anno(p: Pos) -> Term {
    if p.col > 0 {
        Term::tuple([Term::Int(i64::from(p.line)), Term::Int(i64::from(p.col))])
    } else {
        Term::Int(i64::from(p.line))
    }
}

/// `{Tag, Line, ...}`.
fn node(tag: &str, p: Pos, rest: impl IntoIterator<Item = Term>) -> Term {
    let mut v = vec![Term::atom(tag), anno(p)];
    v.extend(rest);
    Term::tuple(v)
}

fn exprs(es: &[Expr]) -> Term {
    Term::list(es.iter().map(expr).collect())
}

fn atom(p: Pos, name: &str) -> Term {
    node("atom", p, [Term::atom(name)])
}

fn expr(e: &Expr) -> Term {
    match e {
        Expr::Int(p, n) if n.sign() == Sign::Minus => {
            node("op", *p, [Term::atom("-"), node("integer", *p, [Term::from_bigint(-n.clone())])])
        }
        Expr::Int(p, n) => node("integer", *p, [Term::from_bigint(n.clone())]),
        Expr::Float(p, f) if f.is_sign_negative() => {
            node("op", *p, [Term::atom("-"), node("float", *p, [Term::float(-f)])])
        }
        Expr::Float(p, f) => node("float", *p, [Term::float(*f)]),
        Expr::Atom(p, a) => atom(*p, a),
        Expr::Str(p, s) => node("string", *p, [Term::string(s)]),
        Expr::Char(p, c) => node("char", *p, [Term::Int(i64::from(*c))]),
        Expr::Var(p, v) => node("var", *p, [Term::atom(v)]),
        Expr::Nil(p) => node("nil", *p, []),
        Expr::Cons(p, h, t) => node("cons", *p, [expr(h), expr(t)]),
        Expr::Tuple(p, es) => node("tuple", *p, [exprs(es)]),
        Expr::Bin(p, elems) => node("bin", *p, [Term::list(elems.iter().map(bin_elem).collect())]),
        Expr::BinOp(p, op, l, r) => node("op", *p, [Term::atom(op.name()), expr(l), expr(r)]),
        Expr::UnOp(p, op, x) => {
            let name = match op {
                UnOp::Neg => "-",
                UnOp::Plus => "+",
                UnOp::Bnot => "bnot",
                UnOp::Not => "not",
            };
            node("op", *p, [Term::atom(name), expr(x)])
        }
        Expr::Match(p, l, r) => node("match", *p, [expr(l), expr(r)]),
        Expr::Call(p, f, args) => node("call", *p, [expr(f), exprs(args)]),
        Expr::RemoteCall(p, m, f, args) => {
            let remote = node("remote", *p, [expr(m), expr(f)]);
            node("call", *p, [remote, exprs(args)])
        }
        Expr::Case(p, e, cs) => node("case", *p, [expr(e), clauses(cs)]),
        Expr::If(p, cs) => node("if", *p, [clauses(cs)]),
        Expr::Receive(p, cs, None) => node("receive", *p, [clauses(cs)]),
        Expr::Receive(p, cs, Some((t, body))) => node("receive", *p, [clauses(cs), expr(t), exprs(body)]),
        Expr::Try(p, body, of, catches, after) => {
            let catches = Term::list(catches.iter().map(catch_clause).collect());
            node("try", *p, [exprs(body), clauses(of), catches, exprs(after)])
        }
        Expr::Catch(p, e) => node("catch", *p, [expr(e)]),
        Expr::Block(p, es) => node("block", *p, [exprs(es)]),
        Expr::FunRef(p, FunRef::Local(f, a)) => {
            node("fun", *p, [Term::tuple([Term::atom("function"), Term::atom(f), Term::Int(i64::from(*a))])])
        }
        Expr::FunRef(p, FunRef::Remote(m, f, a)) => {
            node("fun", *p, [Term::tuple([Term::atom("function"), expr(m), expr(f), expr(a)])])
        }
        Expr::Lambda(p, None, cs) => node("fun", *p, [Term::tuple([Term::atom("clauses"), clauses(cs)])]),
        Expr::Lambda(p, Some(name), cs) => node("named_fun", *p, [Term::atom(name), clauses(cs)]),
        Expr::ListComp(p, e, qs) => node("lc", *p, [expr(e), qualifiers(qs)]),
        Expr::BinComp(p, e, qs) => node("bc", *p, [expr(e), qualifiers(qs)]),
        Expr::Map(p, fields) => node("map", *p, [map_fields(fields)]),
        Expr::MapUpdate(p, m, fields) => node("map", *p, [expr(m), map_fields(fields)]),
        Expr::Record(p, name, fields) => node("record", *p, [Term::atom(name), record_fields(fields)]),
        Expr::RecordUpdate(p, e, name, fields) => {
            node("record", *p, [expr(e), Term::atom(name), record_fields(fields)])
        }
        Expr::RecordField(p, e, name, field) => node("record_field", *p, [expr(e), Term::atom(name), atom(*p, field)]),
        Expr::RecordIndex(p, name, field) => node("record_index", *p, [Term::atom(name), atom(*p, field)]),
    }
}

fn clause(c: &Clause) -> Term {
    node("clause", c.pos, [exprs(&c.patterns), guards(&c.guards), exprs(&c.body)])
}

fn clauses(cs: &[Clause]) -> Term {
    Term::list(cs.iter().map(clause).collect())
}

/// A catch clause: its class, reason and stack patterns as one tuple pattern.
fn catch_clause(c: &Clause) -> Term {
    let pattern = node("tuple", c.pos, [exprs(&c.patterns)]);
    node("clause", c.pos, [Term::list(vec![pattern]), guards(&c.guards), exprs(&c.body)])
}

fn guards(gs: &[Vec<Expr>]) -> Term {
    Term::list(gs.iter().map(|g| exprs(g)).collect())
}

fn qualifiers(qs: &[Qualifier]) -> Term {
    Term::list(
        qs.iter()
            .map(|q| match q {
                Qualifier::Generator(p, e) => node("generate", p.pos(), [expr(p), expr(e)]),
                Qualifier::BitGenerator(p, e) => node("b_generate", p.pos(), [expr(p), expr(e)]),
                Qualifier::Filter(e) => expr(e),
            })
            .collect(),
    )
}

fn map_fields(fields: &[MapField]) -> Term {
    Term::list(
        fields
            .iter()
            .map(|f| {
                let tag = if f.exact { "map_field_exact" } else { "map_field_assoc" };
                node(tag, f.pos, [expr(&f.key), expr(&f.value)])
            })
            .collect(),
    )
}

fn record_fields(fields: &[(Pos, String, Expr)]) -> Term {
    Term::list(
        fields
            .iter()
            .map(|(p, name, v)| {
                let field = if name == "_" { node("var", *p, [Term::atom("_")]) } else { atom(*p, name) };
                node("record_field", *p, [field, expr(v)])
            })
            .collect(),
    )
}

fn bin_elem(b: &BinElem) -> Term {
    let size = b.size.as_ref().map_or_else(|| Term::atom("default"), expr);
    let specs = if b.specs.is_empty() {
        Term::atom("default")
    } else {
        Term::list(
            b.specs
                .iter()
                .map(|(name, arg)| match arg {
                    Some(n) => Term::tuple([Term::atom(name), Term::Int(i64::from(*n))]),
                    None => Term::atom(name),
                })
                .collect(),
        )
    };
    node("bin_element", b.pos, [expr(&b.value), size, specs])
}
