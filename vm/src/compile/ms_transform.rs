//! `ets:fun2ms/1` made at compile time, as OTP's `ms_transform` parse transform does it:
//! a module that includes `stdlib/include/ms_transform.hrl` (which asks for the transform)
//! has each `ets:fun2ms(fun ... end)` replaced by the match specification the fun
//! describes, before code generation.
//!
//! Each clause of the fun gives one match clause per alternative of its guard: the head's
//! variables become `'$1'`, `'$2'`, ... in order of first appearance (a variable that is the
//! whole parameter, beside a tuple pattern, is `'$_'`), guards and body become match
//! specification terms (`{'>', '$2', 10}`, tuples as `{{...}}`), `object()` is `'$_'` and
//! `bindings()` is `'$*'`. A variable not bound in the head is a value of the enclosing
//! function and goes in as `{const, Value}`, computed when the expression runs. What cannot
//! be translated is a compile error, as erlc reports it.

use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{BinOp, Clause, Expr, Form, MapField, ModuleAst, RecordFieldDef, UnOp};
use crate::syntax::token::Pos;
use std::collections::HashMap;

/// Does the module ask for the transform (`-compile({parse_transform, ms_transform})`)?
pub(crate) fn wanted(ast: &ModuleAst) -> bool {
    ast.forms.iter().any(|f| match f {
        Form::Compile(_, e) => asks(e),
        _ => false,
    })
}

fn asks(e: &Expr) -> bool {
    match e {
        Expr::Tuple(_, es) => {
            matches!(es.as_slice(), [Expr::Atom(_, k), Expr::Atom(_, m)] if k == "parse_transform" && m == "ms_transform")
        }
        Expr::Cons(_, h, t) => asks(h) || asks(t),
        _ => false,
    }
}

/// Replaces every `ets:fun2ms(fun ... end)` of the module. False after the first that
/// cannot be (its error is reported; like erlc, the compiler then stops).
pub(crate) fn rewrite(ast: &mut ModuleAst, file: &str, diags: &mut Vec<Diagnostic>) -> bool {
    let records: Records = ast
        .forms
        .iter()
        .filter_map(|f| match f {
            Form::Record(_, name, fields) => Some((name.clone(), fields.clone())),
            _ => None,
        })
        .collect();
    let mut failed = false;
    for form in &mut ast.forms {
        if let Form::Function(f) = form {
            super::codegen::walk_clauses_mut(&mut f.clauses, &mut |e| {
                if !failed {
                    failed = !transform(e, file, &records, diags);
                }
            });
        }
    }
    !failed
}

/// False if `e` is a `fun2ms` call whose fun cannot be translated.
fn transform(e: &mut Expr, file: &str, records: &Records, diags: &mut Vec<Diagnostic>) -> bool {
    let Expr::RemoteCall(pos, m, f, args) = e else { return true };
    let is_fun2ms = matches!((&**m, &**f), (Expr::Atom(_, m), Expr::Atom(_, f)) if m == "ets" && f == "fun2ms");
    let [Expr::Lambda(_, None, clauses)] = args.as_slice() else { return true };
    if !is_fun2ms {
        return true;
    }
    let pos = *pos;
    match match_spec(clauses, records) {
        Ok(ms) => {
            *e = ms;
            true
        }
        Err((at, msg)) => {
            diags.push(Diagnostic::error(file, at, msg));
            *e = Expr::Nil(pos);
            false
        }
    }
}

type Failure = (Pos, String);

/// The module's record definitions, by name.
type Records = HashMap<String, Vec<RecordFieldDef>>;

fn match_spec(clauses: &[Clause], records: &Records) -> Result<Expr, Failure> {
    let mut out = Vec::new();
    for c in clauses {
        let mut head = Head { vars: Vec::new(), whole: None, records };
        let pattern = match c.patterns.as_slice() {
            [p @ (Expr::Var(..) | Expr::Tuple(..) | Expr::Record(..))] => head.pattern(p)?,
            [Expr::Match(_, a, b)] => match (&**a, &**b) {
                (Expr::Var(_, v), t @ (Expr::Tuple(..) | Expr::Record(..)))
                | (t @ (Expr::Tuple(..) | Expr::Record(..)), Expr::Var(_, v)) => {
                    head.whole = Some(v.clone());
                    head.pattern(t)?
                }
                _ => return Err(parameter(c.pos)),
            },
            _ => return Err(parameter(c.pos)),
        };
        let body = c.body.iter().map(|e| head.expr(e, Place::Body)).collect::<Result<Vec<_>, _>>()?;
        let guards: Vec<Vec<Expr>> = if c.guards.is_empty() { vec![Vec::new()] } else { c.guards.clone() };
        for g in &guards {
            let conditions = g.iter().map(|e| head.expr(e, Place::Guard)).collect::<Result<Vec<_>, _>>()?;
            out.push(Expr::Tuple(c.pos, vec![pattern.clone(), list(c.pos, conditions), list(c.pos, body.clone())]));
        }
    }
    Ok(list(clauses.first().map(|c| c.pos).unwrap_or_default(), out))
}

fn parameter(pos: Pos) -> Failure {
    (pos, "ets:fun2ms requires fun with single variable or tuple parameter".to_owned())
}

fn list(pos: Pos, items: Vec<Expr>) -> Expr {
    items.into_iter().rev().fold(Expr::Nil(pos), |tail, h| Expr::Cons(pos, Box::new(h), Box::new(tail)))
}

fn atom(pos: Pos, name: &str) -> Expr {
    Expr::Atom(pos, name.to_owned())
}

/// Where an expression is: a guard and a body allow the same terms, but errors name the
/// place.
#[derive(Clone, Copy)]
enum Place {
    Guard,
    Body,
}

impl Place {
    fn name(self) -> &'static str {
        match self {
            Place::Guard => "guard",
            Place::Body => "body",
        }
    }
}

/// The functions a match specification may call besides the guard BIFs: its own
/// (`object/0` and `bindings/0` are replaced) and those of trace patterns.
const MS_FUNCTIONS: &[(&str, u32)] = &[
    ("message", 1),
    ("return_trace", 0),
    ("exception_trace", 0),
    ("display", 1),
    ("caller", 0),
    ("process_dump", 0),
    ("enable_trace", 1),
    ("enable_trace", 2),
    ("disable_trace", 1),
    ("disable_trace", 2),
    ("trace", 2),
    ("trace", 3),
    ("get_seq_token", 0),
    ("set_seq_token", 2),
    ("is_seq_trace", 0),
    ("get_tcw", 0),
    ("set_tcw", 1),
    ("silent", 1),
];

/// The head's variables, numbered in order of first appearance.
struct Head<'a> {
    vars: Vec<String>,
    /// The variable bound to the whole object, if any.
    whole: Option<String>,
    records: &'a Records,
}

impl Head<'_> {
    /// A record's fields, or erlc's error for an undefined record.
    fn fields(&self, pos: Pos, name: &str) -> Result<&[RecordFieldDef], Failure> {
        self.records.get(name).map(|f| f.as_slice()).ok_or_else(|| (pos, format!("record {name} undefined")))
    }

    /// A record's tuple: each field's expression from `given`, else from `_ = E`, else
    /// `missing(field)`; the record's name first.
    fn record(
        &mut self,
        pos: Pos,
        name: &str,
        given: &[(Pos, String, Expr)],
        each: &mut dyn FnMut(&mut Self, &Expr) -> Result<Expr, Failure>,
        missing: &mut dyn FnMut(&mut Self, &RecordFieldDef) -> Result<Expr, Failure>,
    ) -> Result<Expr, Failure> {
        let defs = self.fields(pos, name)?.to_vec();
        let rest = given.iter().find(|(_, f, _)| f == "_").map(|(_, _, e)| e);
        let mut items = vec![atom(pos, name)];
        for d in &defs {
            items.push(match (given.iter().find(|(_, f, _)| *f == d.name), rest) {
                (Some((_, _, e)), _) | (None, Some(e)) => each(self, e)?,
                (None, None) => missing(self, d)?,
            });
        }
        Ok(Expr::Tuple(pos, items))
    }

    /// The 1-based position of a record's field in its tuple.
    fn index(&self, pos: Pos, name: &str, field: &str) -> Result<Expr, Failure> {
        let defs = self.fields(pos, name)?;
        match defs.iter().position(|d| d.name == field) {
            Some(i) => Ok(Expr::Int(pos, (i as i64 + 2).into())),
            None => Err((pos, format!("field {field} undefined in record {name}"))),
        }
    }

    fn var(&mut self, name: &str) -> String {
        match self.vars.iter().position(|v| v == name) {
            Some(i) => format!("${}", i + 1),
            None => {
                self.vars.push(name.to_owned());
                format!("${}", self.vars.len())
            }
        }
    }

    /// The head pattern, its variables replaced.
    fn pattern(&mut self, p: &Expr) -> Result<Expr, Failure> {
        Ok(match p {
            Expr::Var(pos, v) if v == "_" => atom(*pos, "_"),
            Expr::Var(pos, v) => {
                let n = self.var(v);
                atom(*pos, &n)
            }
            Expr::Int(..) | Expr::Float(..) | Expr::Atom(..) | Expr::Str(..) | Expr::Char(..) | Expr::Nil(..) => {
                p.clone()
            }
            Expr::Tuple(pos, es) => Expr::Tuple(*pos, es.iter().map(|e| self.pattern(e)).collect::<Result<_, _>>()?),
            Expr::Cons(pos, h, t) => Expr::Cons(*pos, Box::new(self.pattern(h)?), Box::new(self.pattern(t)?)),
            Expr::Map(pos, fs) => Expr::Map(
                *pos,
                fs.iter()
                    .map(|f| {
                        Ok(MapField { pos: f.pos, exact: false, key: f.key.clone(), value: self.pattern(&f.value)? })
                    })
                    .collect::<Result<_, Failure>>()?,
            ),
            Expr::Bin(..) if literal(p) => p.clone(),
            Expr::Bin(_, els) => {
                let bound = els.iter().find_map(|el| match &el.value {
                    Expr::Var(pos, v) => Some((*pos, v.clone())),
                    _ => None,
                });
                return Err(match bound {
                    Some((at, v)) => (
                        at,
                        format!("fun head contains bit syntax matching of variable '{v}', which cannot be translated into match_spec"),
                    ),
                    None => (p.pos(), "the language element bin (in head) cannot be translated into match_spec".to_owned()),
                });
            }
            Expr::UnOp(_, UnOp::Neg | UnOp::Plus, a) if matches!(**a, Expr::Int(..) | Expr::Float(..)) => p.clone(),
            Expr::Record(pos, name, fields) => {
                self.record(*pos, name, fields, &mut |h, e| h.pattern(e), &mut |_, d| Ok(atom(d.pos, "_")))?
            }
            _ => {
                return Err((
                    p.pos(),
                    format!("the language element {} (in head) cannot be translated into match_spec", element(p)),
                ))
            }
        })
    }

    /// A guard test or body expression as a match specification term.
    fn expr(&mut self, e: &Expr, place: Place) -> Result<Expr, Failure> {
        Ok(match e {
            Expr::Var(pos, v) if self.whole.as_deref() == Some(v.as_str()) => atom(*pos, "$_"),
            Expr::Var(pos, v) => match self.vars.iter().position(|x| x == v) {
                Some(i) => atom(*pos, &format!("${}", i + 1)),
                // A value of the enclosing function, known when the expression runs.
                None => Expr::Tuple(*pos, vec![atom(*pos, "const"), e.clone()]),
            },
            Expr::Int(..) | Expr::Float(..) | Expr::Atom(..) | Expr::Str(..) | Expr::Char(..) | Expr::Nil(..) => {
                e.clone()
            }
            Expr::Bin(..) if literal(e) => e.clone(),
            Expr::Tuple(pos, es) => {
                let inner = Expr::Tuple(*pos, es.iter().map(|x| self.expr(x, place)).collect::<Result<_, _>>()?);
                Expr::Tuple(*pos, vec![inner])
            }
            Expr::Cons(pos, h, t) => Expr::Cons(*pos, Box::new(self.expr(h, place)?), Box::new(self.expr(t, place)?)),
            Expr::Map(pos, fs) => Expr::Map(
                *pos,
                fs.iter()
                    .map(|f| {
                        Ok(MapField {
                            pos: f.pos,
                            exact: false,
                            key: self.expr(&f.key, place)?,
                            value: self.expr(&f.value, place)?,
                        })
                    })
                    .collect::<Result<_, Failure>>()?,
            ),
            Expr::BinOp(pos, op, a, b) if *op != BinOp::Send => {
                Expr::Tuple(*pos, vec![atom(*pos, op.name()), self.expr(a, place)?, self.expr(b, place)?])
            }
            Expr::UnOp(pos, op, a) => {
                let name = match op {
                    UnOp::Neg => "-",
                    UnOp::Plus => "+",
                    UnOp::Bnot => "bnot",
                    UnOp::Not => "not",
                };
                Expr::Tuple(*pos, vec![atom(*pos, name), self.expr(a, place)?])
            }
            Expr::Call(pos, f, args) => match (&**f, args.as_slice()) {
                (Expr::Atom(_, n), []) if n == "object" => atom(*pos, "$_"),
                (Expr::Atom(_, n), []) if n == "bindings" => atom(*pos, "$*"),
                (Expr::Atom(_, n), _) if callable(n, args.len()) => self.call(*pos, n, args, place)?,
                (Expr::Atom(_, n), _) => {
                    let what = format!("local function call '{n}/{}'", args.len());
                    return Err(call_failure(*pos, &what, place));
                }
                _ => return Err(untranslatable(e, place)),
            },
            Expr::RemoteCall(pos, m, f, args) => match (&**m, &**f) {
                (Expr::Atom(_, m), Expr::Atom(_, n)) if m == "erlang" && callable(n, args.len()) => {
                    self.call(*pos, n, args, place)?
                }
                (Expr::Atom(_, m), Expr::Atom(_, n)) => {
                    let what = format!("remote function call '{m}:{n}/{}'", args.len());
                    return Err(call_failure(*pos, &what, place));
                }
                _ => return Err(untranslatable(e, place)),
            },
            Expr::Record(pos, name, fields) => {
                let fields = fields.clone();
                let inner =
                    self.record(*pos, name, &fields, &mut |h, e| h.expr(e, place), &mut |h, d| match &d.default {
                        Some(e) => h.expr(e, place),
                        None => Ok(atom(d.pos, "undefined")),
                    })?;
                Expr::Tuple(*pos, vec![inner])
            }
            Expr::RecordField(pos, r, name, field) => {
                Expr::Tuple(*pos, vec![atom(*pos, "element"), self.index(*pos, name, field)?, self.expr(r, place)?])
            }
            Expr::RecordIndex(pos, name, field) => self.index(*pos, name, field)?,
            Expr::Match(_, a, _) => {
                let also = match place {
                    Place::Guard => " as well",
                    Place::Body => "",
                };
                let (name, at) = (place.name(), a.pos());
                return Err((at, format!("fun with {name} matching ('=' in {name}) is illegal as match_spec{also}")));
            }
            _ => return Err(untranslatable(e, place)),
        })
    }

    fn call(&mut self, pos: Pos, name: &str, args: &[Expr], place: Place) -> Result<Expr, Failure> {
        let mut items = vec![atom(pos, name)];
        for a in args {
            items.push(self.expr(a, place)?);
        }
        Ok(Expr::Tuple(pos, items))
    }
}

/// Is a binary made of literal segments only?
fn literal(e: &Expr) -> bool {
    match e {
        Expr::Bin(_, els) => els.iter().all(|el| {
            matches!(el.value, Expr::Int(..) | Expr::Char(..) | Expr::Str(..) | Expr::Float(..))
                && el.size.as_ref().is_none_or(|s| matches!(s, Expr::Int(..)))
        }),
        _ => false,
    }
}

/// Can a match specification call `name/arity`?
fn callable(name: &str, arity: usize) -> bool {
    let arity = arity as u32;
    super::autoimport::is_guard_bif(name, arity) || MS_FUNCTIONS.contains(&(name, arity))
}

fn call_failure(pos: Pos, what: &str, place: Place) -> Failure {
    (pos, format!("fun containing the {what} (called in {}) cannot be translated into match_spec", place.name()))
}

fn untranslatable(e: &Expr, place: Place) -> Failure {
    (e.pos(), format!("the language element {} (in {}) cannot be translated into match_spec", element(e), place.name()))
}

/// The name erlc gives a language element that has no match specification form.
fn element(e: &Expr) -> &'static str {
    match e {
        Expr::Case(..) => "case",
        Expr::If(..) => "if",
        Expr::Receive(..) => "receive",
        Expr::Try(..) => "try",
        Expr::Catch(..) => "catch",
        Expr::Block(..) => "block",
        Expr::Lambda(..) | Expr::FunRef(..) => "fun",
        Expr::ListComp(..) | Expr::BinComp(..) => "comprehension",
        Expr::Match(..) => "match",
        Expr::Bin(..) => "bin",
        Expr::Call(..) | Expr::RemoteCall(..) => "call",
        Expr::Record(..) | Expr::RecordUpdate(..) | Expr::RecordField(..) | Expr::RecordIndex(..) => "record",
        _ => "expression",
    }
}
