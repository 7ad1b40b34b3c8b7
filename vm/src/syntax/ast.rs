//! The abstract syntax tree of a module, as the parser builds it.
//!
//! Patterns and guards are expressions here (as in erl_parse); the compiler checks that a
//! pattern is a valid pattern. Records are still records: the compiler expands them.

use super::token::Pos;
use num_bigint::BigInt;

/// A parsed module: its forms in source order.
#[derive(Debug, Default)]
pub struct ModuleAst {
    /// The file the module came from.
    pub file: String,
    /// The forms.
    pub forms: Vec<Form>,
}

/// A top-level form.
#[derive(Debug)]
pub enum Form {
    /// `-module(Name).`
    Module(Pos, String),
    /// `-export([f/1, ...]).`
    Export(Pos, Vec<(String, u32)>),
    /// `-import(Mod, [f/1, ...]).`
    Import(Pos, String, Vec<(String, u32)>),
    /// `-compile(Options).`
    Compile(Pos, Expr),
    /// `-record(Name, {Fields}).`
    Record(Pos, String, Vec<RecordFieldDef>),
    /// Any other attribute `-name(Value).` whose value is a literal term (or skipped types).
    Attribute(Pos, String, Option<Expr>),
    /// A function definition.
    Function(Function),
}

/// A field in a record definition.
#[derive(Debug, Clone)]
pub struct RecordFieldDef {
    /// Where the field is defined.
    pub pos: Pos,
    /// The field's name.
    pub name: String,
    /// Its default value, if any.
    pub default: Option<Expr>,
}

/// A function: its clauses share a name and arity.
#[derive(Debug, Clone)]
pub struct Function {
    /// Where it starts.
    pub pos: Pos,
    /// Its name.
    pub name: String,
    /// Its arity.
    pub arity: u32,
    /// Its clauses.
    pub clauses: Vec<Clause>,
}

/// A clause: patterns, a guard and a body.
#[derive(Debug, Clone)]
pub struct Clause {
    /// Where it starts.
    pub pos: Pos,
    /// The patterns (one per argument; one for case/receive/catch clauses).
    pub patterns: Vec<Expr>,
    /// Guard sequence: alternatives separated by `;`, each a list of tests joined by `,`.
    pub guards: Vec<Vec<Expr>>,
    /// The body expressions.
    pub body: Vec<Expr>,
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    FDiv,
    /// `div`
    IDiv,
    /// `rem`
    Rem,
    /// `band`
    Band,
    /// `bor`
    Bor,
    /// `bxor`
    Bxor,
    /// `bsl`
    Bsl,
    /// `bsr`
    Bsr,
    /// `and`
    And,
    /// `or`
    Or,
    /// `xor`
    Xor,
    /// `andalso`
    AndAlso,
    /// `orelse`
    OrElse,
    /// `++`
    Append,
    /// `--`
    Subtract,
    /// `==`
    Eq,
    /// `/=`
    Ne,
    /// `=:=`
    ExactEq,
    /// `=/=`
    ExactNe,
    /// `<`
    Lt,
    /// `=<`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `!`
    Send,
}

impl BinOp {
    /// The operator's name as the `erlang` module exports it.
    pub fn name(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::FDiv => "/",
            BinOp::IDiv => "div",
            BinOp::Rem => "rem",
            BinOp::Band => "band",
            BinOp::Bor => "bor",
            BinOp::Bxor => "bxor",
            BinOp::Bsl => "bsl",
            BinOp::Bsr => "bsr",
            BinOp::And => "and",
            BinOp::Or => "or",
            BinOp::Xor => "xor",
            BinOp::AndAlso => "andalso",
            BinOp::OrElse => "orelse",
            BinOp::Append => "++",
            BinOp::Subtract => "--",
            BinOp::Eq => "==",
            BinOp::Ne => "/=",
            BinOp::ExactEq => "=:=",
            BinOp::ExactNe => "=/=",
            BinOp::Lt => "<",
            BinOp::Le => "=<",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Send => "!",
        }
    }
}

/// A unary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// `-`
    Neg,
    /// `+`
    Plus,
    /// `bnot`
    Bnot,
    /// `not`
    Not,
}

/// One segment of a binary `<<Value:Size/Type-Specifiers>>`.
#[derive(Debug, Clone)]
pub struct BinElem {
    /// Where it starts.
    pub pos: Pos,
    /// The value (or pattern).
    pub value: Expr,
    /// The size, if given.
    pub size: Option<Expr>,
    /// The type specifiers, e.g. `integer`, `little`, `signed`, `unit:8`.
    pub specs: Vec<(String, Option<u32>)>,
}

/// A field in a map expression: `K => V` or `K := V`.
#[derive(Debug, Clone)]
pub struct MapField {
    /// Where it starts.
    pub pos: Pos,
    /// `:=` (the key must exist) rather than `=>`.
    pub exact: bool,
    /// The key.
    pub key: Expr,
    /// The value.
    pub value: Expr,
}

/// A comprehension qualifier.
#[derive(Debug, Clone)]
pub enum Qualifier {
    /// `Pat <- List`
    Generator(Expr, Expr),
    /// `Pat <= Binary`
    BitGenerator(Expr, Expr),
    /// A filter expression.
    Filter(Expr),
}

/// The function part of a `fun` reference.
#[derive(Debug, Clone)]
pub enum FunRef {
    /// `fun f/1`
    Local(String, u32),
    /// `fun M:F/A` (each part may be a variable).
    Remote(Box<Expr>, Box<Expr>, Box<Expr>),
}

/// An expression (or pattern, or guard test).
#[derive(Debug, Clone)]
pub enum Expr {
    /// An integer literal.
    Int(Pos, BigInt),
    /// A float literal.
    Float(Pos, f64),
    /// An atom literal.
    Atom(Pos, String),
    /// A string literal.
    Str(Pos, String),
    /// A character literal (an integer).
    Char(Pos, u32),
    /// A variable.
    Var(Pos, String),
    /// `[]`.
    Nil(Pos),
    /// `[H | T]` (lists `[A, B]` are nested cons cells).
    Cons(Pos, Box<Expr>, Box<Expr>),
    /// `{A, B}`.
    Tuple(Pos, Vec<Expr>),
    /// `<<...>>`.
    Bin(Pos, Vec<BinElem>),
    /// A binary operation.
    BinOp(Pos, BinOp, Box<Expr>, Box<Expr>),
    /// A unary operation.
    UnOp(Pos, UnOp, Box<Expr>),
    /// `Pat = Expr`.
    Match(Pos, Box<Expr>, Box<Expr>),
    /// `f(Args)` or `Expr(Args)`.
    Call(Pos, Box<Expr>, Vec<Expr>),
    /// `M:F(Args)`.
    RemoteCall(Pos, Box<Expr>, Box<Expr>, Vec<Expr>),
    /// `case E of Clauses end`.
    Case(Pos, Box<Expr>, Vec<Clause>),
    /// `if Clauses end` (patterns empty).
    If(Pos, Vec<Clause>),
    /// `receive Clauses after T -> Body end`.
    Receive(Pos, Vec<Clause>, Option<(Box<Expr>, Vec<Expr>)>),
    /// `try Body of Clauses catch Clauses after Body end`; catch clause patterns are
    /// `[Class, Reason, Stack]` with `_` filled in for omitted parts.
    Try(Pos, Vec<Expr>, Vec<Clause>, Vec<Clause>, Vec<Expr>),
    /// `catch E`.
    Catch(Pos, Box<Expr>),
    /// `begin ... end`.
    Block(Pos, Vec<Expr>),
    /// `fun f/1` or `fun M:F/A`.
    FunRef(Pos, FunRef),
    /// `fun (...) -> ... end`, optionally named (`fun Name(...) -> ... end`).
    Lambda(Pos, Option<String>, Vec<Clause>),
    /// `[E || Qualifiers]`.
    ListComp(Pos, Box<Expr>, Vec<Qualifier>),
    /// `<< E || Qualifiers >>`.
    BinComp(Pos, Box<Expr>, Vec<Qualifier>),
    /// `#{K => V}`.
    Map(Pos, Vec<MapField>),
    /// `M#{K := V}`.
    MapUpdate(Pos, Box<Expr>, Vec<MapField>),
    /// `#rec{f = V}` (a field named `_` sets every other field).
    Record(Pos, String, Vec<(Pos, String, Expr)>),
    /// `E#rec{f = V}`.
    RecordUpdate(Pos, Box<Expr>, String, Vec<(Pos, String, Expr)>),
    /// `E#rec.f`.
    RecordField(Pos, Box<Expr>, String, String),
    /// `#rec.f`.
    RecordIndex(Pos, String, String),
}

impl Expr {
    /// Where the expression starts.
    pub fn pos(&self) -> Pos {
        match self {
            Expr::Int(p, _)
            | Expr::Float(p, _)
            | Expr::Atom(p, _)
            | Expr::Str(p, _)
            | Expr::Char(p, _)
            | Expr::Var(p, _)
            | Expr::Nil(p)
            | Expr::Cons(p, ..)
            | Expr::Tuple(p, _)
            | Expr::Bin(p, _)
            | Expr::BinOp(p, ..)
            | Expr::UnOp(p, ..)
            | Expr::Match(p, ..)
            | Expr::Call(p, ..)
            | Expr::RemoteCall(p, ..)
            | Expr::Case(p, ..)
            | Expr::If(p, _)
            | Expr::Receive(p, ..)
            | Expr::Try(p, ..)
            | Expr::Catch(p, _)
            | Expr::Block(p, _)
            | Expr::FunRef(p, _)
            | Expr::Lambda(p, ..)
            | Expr::ListComp(p, ..)
            | Expr::BinComp(p, ..)
            | Expr::Map(p, _)
            | Expr::MapUpdate(p, ..)
            | Expr::Record(p, ..)
            | Expr::RecordUpdate(p, ..)
            | Expr::RecordField(p, ..)
            | Expr::RecordIndex(p, ..) => *p,
        }
    }
}
