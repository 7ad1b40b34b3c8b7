//! Match specifications, as `ets:select/2` and its relatives take them: compiled from the
//! term form (`[{Head, Guards, Body}]`) into patterns and expression trees, then run
//! against one object at a time.
//!
//! A head is a pattern in which `'$N'` atoms are variables and `'_'` matches anything.
//! Guards and bodies are the term form of expressions: `'$N'`, `'$_'` (the whole object),
//! `'$$'` (every variable, by number), `{const, T}`, `{{A, B}}` (a tuple built from
//! expressions), lists and maps of expressions, and calls `{F, Args...}` of the guard
//! functions OTP 25 allows. Everything else is rejected when the specification is
//! compiled, with `badarg`, as erts does. Tracing-only functions (`message`,
//! `return_trace`, ...) are deliberately absent: ember has no tracing.

use super::{BifFn, BifId};
use crate::process::Proc;
use crate::term::{atoms, Map, Term};

/// A compiled match specification.
pub(crate) struct MatchSpec {
    clauses: Vec<Clause>,
}

/// What running a specification on an object gave.
pub(crate) enum Outcome {
    /// No clause matched.
    NoMatch,
    /// A clause matched and its body gave this value (`'EXIT'` if the body failed).
    Value(Term),
}

struct Clause {
    head: Pat,
    /// The head's variable numbers, ascending; a variable's slot is its index here.
    vars: Vec<u32>,
    guards: Vec<Expr>,
    body: Vec<Expr>,
    /// The head's key element when it is a literal, for direct lookup.
    head_term: Term,
}

/// A compiled head pattern.
enum Pat {
    Any,
    Var(usize),
    Lit(Term),
    Tuple(Vec<Pat>),
    Cons(Box<Pat>, Box<Pat>),
    Map(Vec<(Term, Pat)>),
}

/// A compiled guard or body expression.
enum Expr {
    Const(Term),
    Var(usize),
    Object,
    AllVars,
    Tuple(Vec<Expr>),
    List(Vec<Expr>, Box<Expr>),
    Map(Vec<(Expr, Expr)>),
    Call(BifFn, Vec<Expr>),
    AndAlso(Vec<Expr>),
    OrElse(Vec<Expr>),
    SelfPid,
}

/// The guard functions a match specification may call in OTP 25, with their arities.
const FUNCTIONS: &[(&str, u32)] = &[
    ("is_atom", 1),
    ("is_float", 1),
    ("is_integer", 1),
    ("is_list", 1),
    ("is_number", 1),
    ("is_pid", 1),
    ("is_port", 1),
    ("is_reference", 1),
    ("is_tuple", 1),
    ("is_map", 1),
    ("is_map_key", 2),
    ("is_binary", 1),
    ("is_function", 1),
    ("is_record", 3),
    ("abs", 1),
    ("element", 2),
    ("hd", 1),
    ("tl", 1),
    ("length", 1),
    ("map_get", 2),
    ("map_size", 1),
    ("node", 0),
    ("node", 1),
    ("round", 1),
    ("trunc", 1),
    ("float", 1),
    ("size", 1),
    ("bit_size", 1),
    ("byte_size", 1),
    ("binary_part", 3),
    ("+", 1),
    ("+", 2),
    ("-", 1),
    ("-", 2),
    ("*", 2),
    ("/", 2),
    ("div", 2),
    ("rem", 2),
    ("band", 2),
    ("bor", 2),
    ("bxor", 2),
    ("bnot", 1),
    ("bsl", 2),
    ("bsr", 2),
    (">", 2),
    (">=", 2),
    ("<", 2),
    ("=<", 2),
    ("=:=", 2),
    ("==", 2),
    ("=/=", 2),
    ("/=", 2),
    ("not", 1),
    ("xor", 2),
];

/// The number of a variable atom `'$N'`, if `t` is one.
fn var_number(t: &Term) -> Option<u32> {
    let s = t.as_atom()?.as_str().strip_prefix('$')?;
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>().ok().filter(|n| *n <= 100_000_000)
}

fn is_wild(t: &Term) -> bool {
    matches!(t, Term::Atom(a) if a.as_str() == "_")
}

/// Does the head term contain variables or wildcards?
fn is_ground(t: &Term) -> bool {
    match t {
        Term::Atom(_) => var_number(t).is_none() && !is_wild(t),
        Term::Tuple(es) => es.iter().all(is_ground),
        Term::Cons(_) => {
            let mut it = t.iter_list();
            let ok = it.by_ref().all(is_ground);
            ok && is_ground(it.tail())
        }
        Term::Map(m) => m.iter().all(|(k, v)| is_ground(k) && is_ground(v)),
        _ => true,
    }
}

fn collect_vars(t: &Term, out: &mut Vec<u32>) {
    match t {
        Term::Atom(_) => {
            if let Some(n) = var_number(t) {
                out.push(n);
            }
        }
        Term::Tuple(es) => es.iter().for_each(|e| collect_vars(e, out)),
        Term::Cons(_) => {
            let mut it = t.iter_list();
            it.by_ref().for_each(|e| collect_vars(e, out));
            collect_vars(it.tail(), out);
        }
        Term::Map(m) => m.values().for_each(|v| collect_vars(v, out)),
        _ => {}
    }
}

fn compile_pat(t: &Term, vars: &[u32]) -> Result<Pat, ()> {
    if is_wild(t) {
        return Ok(Pat::Any);
    }
    if let Some(n) = var_number(t) {
        return vars.binary_search(&n).map(Pat::Var).map_err(|_| ());
    }
    if is_ground(t) {
        return Ok(Pat::Lit(t.clone()));
    }
    match t {
        Term::Tuple(es) => Ok(Pat::Tuple(es.iter().map(|e| compile_pat(e, vars)).collect::<Result<_, _>>()?)),
        Term::Cons(c) => Ok(Pat::Cons(Box::new(compile_pat(&c.head, vars)?), Box::new(compile_pat(&c.tail, vars)?))),
        Term::Map(m) => {
            let mut fields = Vec::new();
            for (k, v) in m.iter() {
                // Map keys in a head must be literals.
                if !is_ground(k) {
                    return Err(());
                }
                fields.push((k.clone(), compile_pat(v, vars)?));
            }
            Ok(Pat::Map(fields))
        }
        _ => Ok(Pat::Lit(t.clone())),
    }
}

fn compile_expr(t: &Term, vars: &[u32]) -> Result<Expr, ()> {
    match t {
        Term::Atom(a) => match a.as_str() {
            "$_" => Ok(Expr::Object),
            "$$" => Ok(Expr::AllVars),
            _ => match var_number(t) {
                // A variable the head does not bind is an error.
                Some(n) => vars.binary_search(&n).map(Expr::Var).map_err(|_| ()),
                None => Ok(Expr::Const(t.clone())),
            },
        },
        Term::Tuple(es) => match &es[..] {
            [Term::Tuple(inner)] => {
                Ok(Expr::Tuple(inner.iter().map(|e| compile_expr(e, vars)).collect::<Result<_, _>>()?))
            }
            [Term::Atom(c), v] if c.as_str() == "const" => Ok(Expr::Const(v.clone())),
            [Term::Atom(f), args @ ..] => {
                let args: Vec<Expr> = args.iter().map(|e| compile_expr(e, vars)).collect::<Result<_, _>>()?;
                match (f.as_str(), args.len()) {
                    ("andalso", n) if n >= 1 => Ok(Expr::AndAlso(args)),
                    ("orelse", n) if n >= 1 => Ok(Expr::OrElse(args)),
                    ("and", n) if n >= 1 => Ok(bool_chain("and", args)),
                    ("or", n) if n >= 1 => Ok(bool_chain("or", args)),
                    ("self", 0) => Ok(Expr::SelfPid),
                    (name, n) => {
                        let n = n as u32;
                        if !FUNCTIONS.contains(&(name, n)) {
                            return Err(());
                        }
                        let id: BifId = super::lookup("erlang", name, n).ok_or(())?;
                        Ok(Expr::Call(super::def(id).f, args))
                    }
                }
            }
            _ => Err(()),
        },
        Term::Cons(_) => {
            let mut it = t.iter_list();
            let elems = it.by_ref().map(|e| compile_expr(e, vars)).collect::<Result<Vec<_>, _>>()?;
            let tail = compile_expr(it.tail(), vars)?;
            Ok(Expr::List(elems, Box::new(tail)))
        }
        Term::Map(m) => {
            let fields = m
                .iter()
                .map(|(k, v)| Ok((compile_expr(k, vars)?, compile_expr(v, vars)?)))
                .collect::<Result<Vec<_>, ()>>()?;
            Ok(Expr::Map(fields))
        }
        _ => Ok(Expr::Const(t.clone())),
    }
}

/// `{'and', A, B, C}` as nested two-argument calls, every argument evaluated.
fn bool_chain(op: &str, mut args: Vec<Expr>) -> Expr {
    let f = super::lookup("erlang", op, 2).map(|id| super::def(id).f);
    let first = args.remove(0);
    match f {
        Some(f) if args.is_empty() => Expr::Call(f, vec![first, Expr::Const(Term::bool(op == "and"))]),
        Some(f) => args.into_iter().fold(first, |acc, e| Expr::Call(f, vec![acc, e])),
        None => first,
    }
}

impl MatchSpec {
    /// Compiles the term form of a specification; `None` if it is malformed.
    pub(crate) fn compile(spec: &Term) -> Option<MatchSpec> {
        let items = spec.list_to_vec()?;
        let mut clauses = Vec::with_capacity(items.len());
        for item in &items {
            let [head, guards, body] = item.as_tuple()? else {
                return None;
            };
            let mut vars = Vec::new();
            collect_vars(head, &mut vars);
            vars.sort_unstable();
            vars.dedup();
            let pat = compile_pat(head, &vars).ok()?;
            let guards = guards.list_to_vec()?;
            let body = body.list_to_vec()?;
            if body.is_empty() {
                return None;
            }
            let guards = guards.iter().map(|g| compile_expr(g, &vars)).collect::<Result<Vec<_>, _>>().ok()?;
            let body = body.iter().map(|b| compile_expr(b, &vars)).collect::<Result<Vec<_>, _>>().ok()?;
            clauses.push(Clause { head: pat, vars, guards, body, head_term: head.clone() });
        }
        Some(MatchSpec { clauses })
    }

    /// A specification with one clause `{Pattern, [], [Body]}`, for `ets:match` and
    /// `ets:match_object`.
    pub(crate) fn from_pattern(pattern: &Term, body: &str) -> Option<MatchSpec> {
        let clause = Term::tuple([pattern.clone(), Term::Nil, Term::list(vec![Term::atom(body)])]);
        MatchSpec::compile(&Term::list(vec![clause]))
    }

    /// When every clause's head is a tuple whose element `keypos` (1-based) is a literal,
    /// those keys: only objects with them can match.
    pub(crate) fn literal_keys(&self, keypos: usize) -> Option<Vec<Term>> {
        let mut keys = Vec::new();
        for c in &self.clauses {
            let k = c.head_term.as_tuple().and_then(|t| t.get(keypos - 1))?;
            if !is_ground(k) {
                return None;
            }
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        Some(keys)
    }

    /// Runs the specification on one object.
    pub(crate) fn run(&self, p: &mut Proc, obj: &Term) -> Outcome {
        for c in &self.clauses {
            let mut slots: Vec<Option<Term>> = vec![None; c.vars.len()];
            if !match_pat(&c.head, obj, &mut slots) {
                continue;
            }
            let env = Env { obj, slots: &slots };
            let guards_hold =
                c.guards.iter().all(|g| matches!(eval(p, g, &env), Ok(Term::Atom(a)) if a == atoms::TRUE));
            if !guards_hold {
                continue;
            }
            let mut value = Term::Nil;
            for b in &c.body {
                match eval(p, b, &env) {
                    Ok(v) => value = v,
                    Err(()) => return Outcome::Value(Term::atom("EXIT")),
                }
            }
            return Outcome::Value(value);
        }
        Outcome::NoMatch
    }
}

fn match_pat(pat: &Pat, t: &Term, slots: &mut [Option<Term>]) -> bool {
    match pat {
        Pat::Any => true,
        Pat::Var(i) => match &slots[*i] {
            Some(bound) => bound == t,
            None => {
                slots[*i] = Some(t.clone());
                true
            }
        },
        Pat::Lit(l) => l == t,
        Pat::Tuple(ps) => match t {
            Term::Tuple(es) if es.len() == ps.len() => ps.iter().zip(es.iter()).all(|(p, e)| match_pat(p, e, slots)),
            _ => false,
        },
        Pat::Cons(h, tl) => match t {
            Term::Cons(c) => match_pat(h, &c.head, slots) && match_pat(tl, &c.tail, slots),
            _ => false,
        },
        Pat::Map(fields) => match t {
            Term::Map(m) => fields.iter().all(|(k, p)| m.get(k).is_some_and(|v| match_pat(p, v, slots))),
            _ => false,
        },
    }
}

struct Env<'a> {
    obj: &'a Term,
    slots: &'a [Option<Term>],
}

fn eval(p: &mut Proc, e: &Expr, env: &Env<'_>) -> Result<Term, ()> {
    Ok(match e {
        Expr::Const(t) => t.clone(),
        Expr::Var(i) => env.slots[*i].clone().ok_or(())?,
        Expr::Object => env.obj.clone(),
        Expr::AllVars => Term::list(env.slots.iter().map(|s| s.clone().unwrap_or(Term::Nil)).collect()),
        Expr::SelfPid => Term::Pid(p.pid),
        Expr::Tuple(es) => Term::tuple(es.iter().map(|x| eval(p, x, env)).collect::<Result<Vec<_>, _>>()?),
        Expr::List(es, tail) => {
            let elems = es.iter().map(|x| eval(p, x, env)).collect::<Result<_, _>>()?;
            Term::list_with_tail(elems, eval(p, tail, env)?)
        }
        Expr::Map(fields) => {
            let mut m = Map::new();
            for (k, v) in fields {
                m.insert(eval(p, k, env)?, eval(p, v, env)?);
            }
            Term::Map(m)
        }
        Expr::Call(f, args) => {
            let mut args = args.iter().map(|x| eval(p, x, env)).collect::<Result<Vec<_>, _>>()?;
            f(p, &mut args).map_err(|_| ())?
        }
        Expr::AndAlso(args) => {
            let (last, init) = args.split_last().ok_or(())?;
            for a in init {
                match eval(p, a, env)?.as_bool() {
                    Some(true) => {}
                    Some(false) => return Ok(Term::bool(false)),
                    None => return Err(()),
                }
            }
            eval(p, last, env)?
        }
        Expr::OrElse(args) => {
            let (last, init) = args.split_last().ok_or(())?;
            for a in init {
                match eval(p, a, env)?.as_bool() {
                    Some(false) => {}
                    Some(true) => return Ok(Term::bool(true)),
                    None => return Err(()),
                }
            }
            eval(p, last, env)?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(clauses: Vec<(Term, Vec<Term>, Vec<Term>)>) -> Term {
        Term::list(clauses.into_iter().map(|(h, g, b)| Term::tuple([h, Term::list(g), Term::list(b)])).collect())
    }

    #[test]
    fn malformed_specifications_are_refused() {
        let head = Term::tuple([Term::atom("$1"), Term::atom("_")]);
        let ok = spec(vec![(head.clone(), vec![], vec![Term::atom("$1")])]);
        assert!(MatchSpec::compile(&ok).is_some());
        // A body may not be empty, use unbound variables, or call unknown functions.
        assert!(MatchSpec::compile(&spec(vec![(head.clone(), vec![], vec![])])).is_none());
        assert!(MatchSpec::compile(&spec(vec![(head.clone(), vec![], vec![Term::atom("$2")])])).is_none());
        let unknown = Term::tuple([Term::atom("atom_to_list"), Term::atom("$1")]);
        assert!(MatchSpec::compile(&spec(vec![(head, vec![], vec![unknown])])).is_none());
        assert!(MatchSpec::compile(&Term::atom("nope")).is_none());
    }

    #[test]
    fn literal_keys_allow_direct_lookup() {
        let bound = Term::tuple([Term::atom("k"), Term::atom("$1")]);
        let open = Term::tuple([Term::atom("$1"), Term::atom("_")]);
        let one = MatchSpec::compile(&spec(vec![(bound, vec![], vec![Term::atom("$_")])]));
        assert_eq!(one.and_then(|s| s.literal_keys(1)).map(|k| k.len()), Some(1));
        let any = MatchSpec::compile(&spec(vec![(open, vec![], vec![Term::atom("$_")])]));
        assert!(any.and_then(|s| s.literal_keys(1)).is_none());
    }

    #[test]
    fn variables_are_numbered_atoms() {
        assert_eq!(var_number(&Term::atom("$0")), Some(0));
        assert_eq!(var_number(&Term::atom("$12")), Some(12));
        assert_eq!(var_number(&Term::atom("$_")), None);
        assert_eq!(var_number(&Term::atom("$")), None);
    }
}
