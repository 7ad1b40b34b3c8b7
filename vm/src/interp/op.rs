//! The opcode table: every instruction the interpreter runs, with typed operands.
//!
//! Operands are newtypes (`Reg`, `Lit`, `Label`), never raw integers. Each instruction
//! costs one reduction except calls (one each, as in BEAM) and variable-cost built-ins,
//! which charge for their work. A frame's registers hold its arguments first, then its
//! variables and temporaries.

use crate::bif::BifId;

/// A register in the current frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reg(pub u32);

/// An index into the module's literal table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lit(pub u32);

/// A code address in the module (an index into its instruction vector).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

/// A value operand: a register or a literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Src {
    /// A register of the current frame.
    R(Reg),
    /// A literal from the module's literal table.
    L(Lit),
    /// A register read for the last time: its value is moved out (the register is left
    /// holding `[]`), which saves a reference count increment and decrement.
    M(Reg),
}

/// A type test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeTest {
    /// `is_integer`
    Integer,
    /// `is_float`
    Float,
    /// `is_number`
    Number,
    /// `is_atom`
    Atom,
    /// `is_boolean`
    Boolean,
    /// `[]`
    Nil,
    /// A list cell.
    Cons,
    /// `is_list`
    List,
    /// `is_tuple`
    Tuple,
    /// `is_map`
    Map,
    /// `is_binary`
    Binary,
    /// `is_bitstring`
    Bitstring,
    /// `is_pid`
    Pid,
    /// `is_reference`
    Ref,
    /// `is_port` (ember has no ports: always false)
    Port,
    /// `is_function`
    Function,
}

/// A comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Cmp {
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
}

/// The operators with an inline fast path. (`repr(u8)` gives the enum an explicit tag, so a
/// `match` on it is one table jump instead of decoding a niche.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ArithKind {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `band`
    Band,
    /// `bor`
    Bor,
    /// `bxor`
    Bxor,
    /// `div`
    Div,
    /// `rem`
    Rem,
    /// `/` (always a float)
    FDiv,
    /// A comparison, producing `true` or `false`.
    Cmp(Cmp),
}

/// The errors the compiler raises for failed matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchError {
    /// `{badmatch, V}`
    Badmatch,
    /// `{case_clause, V}`
    CaseClause,
    /// `{try_clause, V}`
    TryClause,
    /// `if_clause`
    IfClause,
    /// `function_clause` (the frame's arguments go into the stack trace)
    FunctionClause,
    /// `{badrecord, V}`
    Badrecord,
}

/// A segment of a binary being built or matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// The segment's type.
    pub kind: SegKind,
    /// The size operand (in units), if any.
    pub size: Option<Src>,
    /// The unit (bits per size step).
    pub unit: u32,
    /// Signed integer.
    pub signed: bool,
    /// Little-endian.
    pub little: bool,
}

/// A segment's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegKind {
    /// `integer`
    Integer,
    /// `float`
    Float,
    /// `binary` / `bytes`
    Binary,
    /// `bitstring` / `bits`
    Bitstring,
    /// `utf8`
    Utf8,
    /// `utf16`
    Utf16,
    /// `utf32`
    Utf32,
}

/// One instruction.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// `dst := src`.
    Move { src: Src, dst: Reg },
    /// Jump to `to`.
    Jump { to: Label },
    /// Fail unless `src` passes the type test.
    Test { test: TypeTest, src: Src, fail: Label },
    /// Fail unless `src` is a tuple of `arity` elements.
    TestArity { src: Src, arity: u32, fail: Label },
    /// Fail unless `src` is a fun of `arity` arguments.
    TestFunArity { src: Src, arity: Src, fail: Label },
    /// Fail unless the comparison holds.
    Compare { cmp: Cmp, a: Src, b: Src, fail: Label },
    /// `dst := element(index + 1, src)` (src is known to be a large enough tuple).
    GetElement { src: Src, index: u32, dst: Reg },
    /// `hd := hd(src), tl := tl(src)` (src is known to be a list cell).
    GetList { src: Src, head: Reg, tail: Reg },
    /// `dst := maps:get(key, map)`, or fail if the key is absent (map known to be a map).
    GetMapValue { map: Src, key: Src, dst: Reg, fail: Label },
    /// Builds a tuple.
    MakeTuple { elems: Box<[Src]>, dst: Reg },
    /// Builds a list cell.
    MakeCons { head: Src, tail: Src, dst: Reg },
    /// Builds a map.
    MakeMap { pairs: Box<[(Src, Src)]>, dst: Reg },
    /// Updates a map: `exact` keys must exist. Errors jump to `fail` if given, else raise.
    UpdateMap { map: Src, pairs: Box<[(Src, Src, bool)]>, dst: Reg, fail: Option<Label> },
    /// Makes a closure over lambda `lambda` with captured values `env`.
    MakeFun { lambda: u32, env: Box<[Src]>, dst: Reg },
    /// An arithmetic or comparison operator on two operands: small integers take an inline
    /// fast path; anything else goes to the operator's built-in `bif`.
    Arith { kind: ArithKind, bif: BifId, a: Src, b: Src, dst: Reg, fail: Option<Label> },
    /// [`Op::Arith`] with a small integer literal as its second operand.
    ArithImm { kind: ArithKind, bif: BifId, a: Reg, imm: i64, dst: Reg, fail: Option<Label> },
    /// [`Op::ArithImm`] for `+` and `-`: the inline path adds `delta` (the literal, or its
    /// negation for `-`) without dispatching on the operator.
    AddImm { kind: ArithKind, bif: BifId, a: Reg, imm: i64, delta: i64, dst: Reg, fail: Option<Label> },
    /// [`Op::Compare`] of a register with an immediate literal (a small integer, an atom or
    /// `[]`); jumps to `fail` if false.
    CmpImm { cmp: Cmp, a: Reg, imm: crate::term::Term, fail: Label },
    /// [`Op::CmpImm`] for `=:=` with a small integer: jumps to `fail` unless the register
    /// holds exactly that integer (a function head's `loop(0, Acc)`).
    IsEqInt { a: Reg, imm: i64, fail: Label },
    /// [`Op::CmpImm`] for `=:=` or `==` with an atom or `[]`: jumps to `fail` unless the
    /// register holds exactly that term.
    IsEqAtomic { a: Reg, imm: crate::term::Term, fail: Label },
    /// Element `index` (counted from 0) of the tuple in `tuple` is exactly the immediate
    /// `imm` (a small integer, an atom or `[]`); jumps to `fail` if not (or if `tuple` holds
    /// no such element). A `GetElement` fused with the comparison after it, where the element
    /// is not needed afterwards (see `compile::fuse`).
    ElementEq { tuple: Reg, index: u32, imm: crate::term::Term, fail: Label },
    /// The register holds a tuple of `arity` elements whose first is the atom `tag` (a
    /// record, or a tagged message such as `{'DOWN', ...}`); jumps to `fail` if not. A
    /// `TestArity` fused with the [`Op::ElementEq`] of its first element.
    TestTagged { tuple: Reg, arity: u32, tag: crate::term::Atom, fail: Label },
    /// [`Op::ElementEq`] against the value in register `other` (a pattern's bound variable:
    /// the reference in `{Ref, Reply}`).
    ElementEqReg { tuple: Reg, index: u32, other: Reg, fail: Label },
    /// `self()`.
    SelfPid { dst: Reg },
    /// `element(N, Tuple)` with `N` a literal (`index`, counted from 1): the element, or
    /// else the built-in `bif` on the same arguments (which fails as `element/2` does).
    Element { bif: BifId, index: u32, tuple: Src, dst: Reg, fail: Option<Label> },
    /// Calls a built-in. Errors jump to `fail` if given (guards), else raise.
    CallBif { bif: BifId, args: Box<[Src]>, dst: Reg, fail: Option<Label> },
    /// `to ! msg` where the value is not used (the `erlang:send/2` or `!/2` built-in `bif`,
    /// whose frame an error shows): the message is moved to the receiver, not copied.
    Send { bif: BifId, to: Src, msg: Src },
    /// Calls local function `func` (an index into the module's function table).
    Call { func: u32, args: Box<[Src]>, dst: Reg },
    /// Tail-calls local function `func`. `in_place`: argument `i` comes from a literal or
    /// a register numbered `i` or more, so the arguments can be written over the frame's
    /// first registers in order, each read before any step overwrites it.
    TailCall { func: u32, args: Box<[Src]>, in_place: bool },
    /// Calls an imported function (index into the module's import table).
    CallExt { import: u32, args: Box<[Src]>, dst: Reg },
    /// Tail-calls an imported function.
    TailCallExt { import: u32, args: Box<[Src]> },
    /// Calls a fun value.
    CallFun { fun: Src, args: Box<[Src]>, dst: Reg },
    /// Tail-calls a fun value.
    TailCallFun { fun: Src, args: Box<[Src]> },
    /// `M:F(Args)` with `M` or `F` computed.
    CallDyn { module: Src, function: Src, args: Box<[Src]>, dst: Reg },
    /// Tail-call form of `CallDyn`.
    TailCallDyn { module: Src, function: Src, args: Box<[Src]> },
    /// `apply(F, Args)` or `apply(M, F, Args)` with the arguments in a list.
    Apply { module: Option<Src>, function: Src, args: Src, dst: Reg, tail: bool },
    /// Returns `src` to the caller.
    Return { src: Src },
    /// Raises the error for a failed match on `src`.
    MatchFail { kind: MatchError, src: Src },
    /// Starts a `try` (or `catch` when `catch_dst` is set): an exception inside jumps to
    /// `handler` with the class, reason and stack trace in the three registers.
    TryBegin { handler: Label, class: Reg, reason: Reg, stack: Reg },
    /// Leaves the innermost `try` normally.
    TryEnd,
    /// Re-raises an exception with class, reason and stack trace.
    Reraise { class: Src, reason: Src, stack: Src },
    /// `dst := the value of catch`, given class/reason/stack registers (for `catch Expr`).
    CatchValue { class: Src, reason: Src, stack: Src, dst: Reg },
    /// Moves the message at the receive save point into `dst` (its mailbox slot holds `[]`
    /// until `RecvNext` puts it back or `RecvAccept` removes it), or jumps to `empty` if
    /// there is none. Only pattern tests run in between, which cannot raise or yield.
    RecvPeek { dst: Reg, empty: Label },
    /// Puts the message in `msg` back in its mailbox slot, moves the save point past it and
    /// jumps to `to`.
    RecvNext { msg: Reg, to: Label },
    /// Removes the current message's slot from the mailbox and resets the save point.
    RecvAccept,
    /// `dst := the number of messages in the mailbox`, taken just before a reference is
    /// made (`make_ref()`, `monitor(...)`) that a later `receive` needs in every pattern:
    /// no message already there can hold it.
    RecvMark { dst: Reg },
    /// Remembers that the messages before position `mark` cannot hold the reference `r`
    /// (one such mark per process, replaced by the next).
    RecvBind { mark: Src, r: Src },
    /// At the start of a `receive` whose every pattern needs the reference `r`: starts the
    /// save point past the messages that were there before `r` was made, if it is the
    /// marked one. (A `gen_server:call` from a process with a long mailbox then does not
    /// look through it.)
    RecvUse { r: Src },
    /// Waits for a new message (then jumps to `retry`) or until `timeout` milliseconds pass
    /// (then resets the save point and falls through). No timeout waits forever.
    RecvWait { timeout: Option<Src>, retry: Label },
    /// Builds a binary from segments.
    MakeBinary { segs: Box<[(Src, Segment)]>, dst: Reg, fail: Option<Label> },
    /// Starts matching `src` as a bitstring: `ctx := src` or fail if it is not one.
    BinStart { src: Src, ctx: Reg, fail: Label },
    /// Matches one segment from the front of `ctx` into `dst`; `ctx` keeps the rest.
    BinGet { ctx: Reg, seg: Segment, dst: Reg, fail: Label },
    /// Matches a literal segment value: the segment read from `ctx` must equal `value`.
    BinSkip { ctx: Reg, seg: Segment, fail: Label },
    /// Fails unless `ctx` is empty.
    BinEnd { ctx: Reg, fail: Label },
    /// Fails unless the remaining bit length of `ctx` is a multiple of `unit`.
    BinTestUnit { ctx: Reg, unit: u32, fail: Label },
    /// Charges reductions and checks the budget (at loop heads of comprehension helpers).
    Yield,
}

impl Op {
    /// The labels the instruction may jump to, for the verifier.
    pub fn labels(&self) -> Vec<Label> {
        match self {
            Op::Jump { to } => vec![*to],
            Op::Test { fail, .. }
            | Op::TestArity { fail, .. }
            | Op::TestFunArity { fail, .. }
            | Op::Compare { fail, .. }
            | Op::CmpImm { fail, .. }
            | Op::IsEqInt { fail, .. }
            | Op::IsEqAtomic { fail, .. }
            | Op::ElementEq { fail, .. }
            | Op::TestTagged { fail, .. }
            | Op::ElementEqReg { fail, .. }
            | Op::GetMapValue { fail, .. }
            | Op::BinStart { fail, .. }
            | Op::BinGet { fail, .. }
            | Op::BinSkip { fail, .. }
            | Op::BinEnd { fail, .. }
            | Op::BinTestUnit { fail, .. } => vec![*fail],
            Op::UpdateMap { fail, .. }
            | Op::CallBif { fail, .. }
            | Op::Element { fail, .. }
            | Op::Arith { fail, .. }
            | Op::ArithImm { fail, .. }
            | Op::AddImm { fail, .. }
            | Op::MakeBinary { fail, .. } => fail.iter().copied().collect(),
            Op::TryBegin { handler, .. } => vec![*handler],
            Op::RecvPeek { empty, .. } => vec![*empty],
            Op::RecvNext { to, .. } => vec![*to],
            Op::RecvWait { retry, .. } => vec![*retry],
            _ => vec![],
        }
    }
}

/// How an instruction uses one of its register operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegRole {
    /// Read.
    Use,
    /// Written (on success, for an instruction with a fail label).
    Def,
    /// Read, then written.
    UseDef,
    /// Written when an exception reaches the handler of this `TryBegin`.
    Caught,
}

impl Op {
    /// Calls `f` on every register operand with how the instruction uses it, so that a
    /// compiler pass can rename registers. Every register the instruction touches is
    /// visited exactly once.
    pub fn for_each_reg_mut(&mut self, mut f: impl FnMut(&mut Reg, RegRole)) {
        use RegRole::*;
        let src = |s: &mut Src, f: &mut dyn FnMut(&mut Reg, RegRole)| {
            if let Src::R(r) | Src::M(r) = s {
                f(r, Use)
            }
        };
        match self {
            Op::Jump { .. } | Op::TryEnd | Op::RecvAccept | Op::Yield => {}
            Op::Move { src: s, dst } | Op::GetElement { src: s, dst, .. } => {
                src(s, &mut f);
                f(dst, Def);
            }
            Op::Test { src: s, .. } | Op::TestArity { src: s, .. } => src(s, &mut f),
            Op::Return { src: s } | Op::MatchFail { src: s, .. } => src(s, &mut f),
            Op::TestFunArity { src: a, arity: b, .. } | Op::Compare { a, b, .. } | Op::Send { to: a, msg: b, .. } => {
                src(a, &mut f);
                src(b, &mut f);
            }
            Op::GetList { src: s, head, tail } => {
                src(s, &mut f);
                f(head, Def);
                f(tail, Def);
            }
            Op::GetMapValue { map, key, dst, .. } => {
                src(map, &mut f);
                src(key, &mut f);
                f(dst, Def);
            }
            Op::MakeTuple { elems: args, dst }
            | Op::MakeFun { env: args, dst, .. }
            | Op::CallBif { args, dst, .. }
            | Op::Call { args, dst, .. }
            | Op::CallExt { args, dst, .. } => {
                args.iter_mut().for_each(|a| src(a, &mut f));
                f(dst, Def);
            }
            Op::TailCall { args, .. } | Op::TailCallExt { args, .. } => args.iter_mut().for_each(|a| src(a, &mut f)),
            Op::MakeCons { head: a, tail: b, dst } | Op::Arith { a, b, dst, .. } => {
                src(a, &mut f);
                src(b, &mut f);
                f(dst, Def);
            }
            Op::MakeMap { pairs, dst } => {
                for (k, v) in pairs.iter_mut() {
                    src(k, &mut f);
                    src(v, &mut f);
                }
                f(dst, Def);
            }
            Op::UpdateMap { map, pairs, dst, .. } => {
                src(map, &mut f);
                for (k, v, _) in pairs.iter_mut() {
                    src(k, &mut f);
                    src(v, &mut f);
                }
                f(dst, Def);
            }
            Op::ArithImm { a, dst, .. } | Op::AddImm { a, dst, .. } => {
                f(a, Use);
                f(dst, Def);
            }
            Op::CmpImm { a, .. }
            | Op::IsEqInt { a, .. }
            | Op::IsEqAtomic { a, .. }
            | Op::ElementEq { tuple: a, .. }
            | Op::TestTagged { tuple: a, .. } => f(a, Use),
            Op::ElementEqReg { tuple, other, .. } => {
                f(tuple, Use);
                f(other, Use);
            }
            Op::SelfPid { dst } | Op::RecvPeek { dst, .. } | Op::RecvMark { dst } => f(dst, Def),
            Op::RecvBind { mark: a, r: b } => {
                src(a, &mut f);
                src(b, &mut f);
            }
            Op::RecvUse { r } => src(r, &mut f),
            Op::Element { tuple, dst, .. } => {
                src(tuple, &mut f);
                f(dst, Def);
            }
            Op::CallFun { fun, args, dst } => {
                src(fun, &mut f);
                args.iter_mut().for_each(|a| src(a, &mut f));
                f(dst, Def);
            }
            Op::TailCallFun { fun, args } => {
                src(fun, &mut f);
                args.iter_mut().for_each(|a| src(a, &mut f));
            }
            Op::CallDyn { module, function, args, dst } => {
                src(module, &mut f);
                src(function, &mut f);
                args.iter_mut().for_each(|a| src(a, &mut f));
                f(dst, Def);
            }
            Op::TailCallDyn { module, function, args } => {
                src(module, &mut f);
                src(function, &mut f);
                args.iter_mut().for_each(|a| src(a, &mut f));
            }
            Op::Apply { module, function, args, dst, .. } => {
                if let Some(m) = module {
                    src(m, &mut f);
                }
                src(function, &mut f);
                src(args, &mut f);
                f(dst, Def);
            }
            Op::TryBegin { class, reason, stack, .. } => {
                f(class, Caught);
                f(reason, Caught);
                f(stack, Caught);
            }
            Op::Reraise { class, reason, stack } => {
                src(class, &mut f);
                src(reason, &mut f);
                src(stack, &mut f);
            }
            Op::CatchValue { class, reason, stack, dst } => {
                src(class, &mut f);
                src(reason, &mut f);
                src(stack, &mut f);
                f(dst, Def);
            }
            Op::RecvNext { msg, .. } => f(msg, Use),
            Op::RecvWait { timeout, .. } => {
                if let Some(t) = timeout {
                    src(t, &mut f);
                }
            }
            Op::MakeBinary { segs, dst, .. } => {
                for (v, seg) in segs.iter_mut() {
                    src(v, &mut f);
                    if let Some(s) = &mut seg.size {
                        src(s, &mut f);
                    }
                }
                f(dst, Def);
            }
            Op::BinStart { src: s, ctx, .. } => {
                src(s, &mut f);
                f(ctx, Def);
            }
            Op::BinGet { ctx, seg, dst, .. } => {
                if let Some(s) = &mut seg.size {
                    src(s, &mut f);
                }
                f(ctx, UseDef);
                f(dst, Def);
            }
            Op::BinSkip { ctx, seg, .. } => {
                if let Some(s) = &mut seg.size {
                    src(s, &mut f);
                }
                f(ctx, UseDef);
            }
            Op::BinEnd { ctx, .. } | Op::BinTestUnit { ctx, .. } => f(ctx, Use),
        }
    }

    /// Calls `f` on every label operand, for the compiler's label resolution.
    pub fn for_each_label_mut(&mut self, mut f: impl FnMut(&mut Label)) {
        match self {
            Op::Jump { to } => f(to),
            Op::Test { fail, .. }
            | Op::TestArity { fail, .. }
            | Op::TestFunArity { fail, .. }
            | Op::Compare { fail, .. }
            | Op::CmpImm { fail, .. }
            | Op::IsEqInt { fail, .. }
            | Op::IsEqAtomic { fail, .. }
            | Op::ElementEq { fail, .. }
            | Op::TestTagged { fail, .. }
            | Op::ElementEqReg { fail, .. }
            | Op::GetMapValue { fail, .. }
            | Op::BinStart { fail, .. }
            | Op::BinGet { fail, .. }
            | Op::BinSkip { fail, .. }
            | Op::BinEnd { fail, .. }
            | Op::BinTestUnit { fail, .. } => f(fail),
            Op::UpdateMap { fail, .. }
            | Op::CallBif { fail, .. }
            | Op::Element { fail, .. }
            | Op::Arith { fail, .. }
            | Op::ArithImm { fail, .. }
            | Op::AddImm { fail, .. }
            | Op::MakeBinary { fail, .. } => {
                if let Some(l) = fail {
                    f(l)
                }
            }
            Op::TryBegin { handler, .. } => f(handler),
            Op::RecvPeek { empty, .. } => f(empty),
            Op::RecvNext { to, .. } => f(to),
            Op::RecvWait { retry, .. } => f(retry),
            _ => {}
        }
    }
}
