//! Erlang exceptions as values: a class, a reason and (once raised) a stack trace.
//!
//! Built-ins return `Err(Exception)`; the interpreter adds the stack trace and unwinds to
//! the nearest `try` or `catch`, or ends the process.

use crate::term::{atoms, Atom, Term};

/// The class of an exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// `error`
    Error,
    /// `exit`
    Exit,
    /// `throw`
    Throw,
}

impl Class {
    /// The class as an atom.
    pub fn atom(self) -> Atom {
        match self {
            Class::Error => atoms::ERROR,
            Class::Exit => atoms::EXIT,
            Class::Throw => atoms::THROW,
        }
    }

    /// The class named by an atom.
    pub fn from_atom(a: Atom) -> Option<Class> {
        match a {
            a if a == atoms::ERROR => Some(Class::Error),
            a if a == atoms::EXIT => Some(Class::Exit),
            a if a == atoms::THROW => Some(Class::Throw),
            _ => None,
        }
    }
}

/// How the top of the stack trace should look for an exception raised by a built-in.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// The built-in itself failed: its own frame, with its arguments, goes on top.
    Bif,
    /// As `Bif`, with the `cause` its frame's error_info names (`badopt`, `id`, ...).
    BifCause(Term),
    /// Raised on purpose (`error/1`, `throw/1`, `exit/1`): the caller's frame is on top.
    Raised,
    /// `error(Reason, Args)` and `error(Reason, Args, Options)`: the caller's frame is on
    /// top, showing `Args`, and the `error_info` of the options in its location if given.
    RaisedWithArgs(Term, Option<Term>),
    /// This frame goes on top of the caller's (e.g. `{M, F, Args, []}` for `undef`).
    TopFrame(Term),
    /// As `TopFrame`, for a failed tail call: the calling function's frame is already gone.
    TopFrameTail(Term),
    /// A binary could not be built: `{Segment, Type, Problem, Value}`, shown by erl as
    /// "construction of binary failed" with the segment's details.
    BinaryConstruction(Term),
    /// Re-raised with a stack trace that is already complete.
    Stack(Term),
    /// Not an exception: the built-in declines the call, and the Erlang definition of the
    /// same function in its module takes it (see [`crate::code`]). Only built-ins reached
    /// through the export table (not `erlang`'s, which the compiler calls directly) may
    /// decline, and only with their arguments untouched.
    Declined,
}

/// An exception in flight.
#[derive(Clone, Debug)]
pub struct Exception {
    /// error, exit or throw.
    pub class: Class,
    /// The reason term.
    pub reason: Term,
    /// How the stack trace is made.
    pub origin: Origin,
}

impl Exception {
    /// An `error` raised by a failing built-in.
    pub fn error(reason: Term) -> Exception {
        Exception { class: Class::Error, reason, origin: Origin::Bif }
    }

    /// `error:badarg` from a built-in, with the cause its error_info gives (as erl's
    /// `#{cause => id}` for a table that does not exist).
    pub fn badarg_because(cause: &str) -> Exception {
        Exception {
            class: Class::Error,
            reason: Term::Atom(atoms::BADARG),
            origin: Origin::BifCause(Term::atom(cause)),
        }
    }

    /// `error:badarg` from a built-in.
    pub fn badarg() -> Exception {
        Exception::error(Term::Atom(atoms::BADARG))
    }

    /// `error:badarith` from a built-in.
    pub fn badarith() -> Exception {
        Exception::error(Term::Atom(atoms::BADARITH))
    }

    /// `error:system_limit` from a built-in.
    pub fn system_limit() -> Exception {
        Exception::error(Term::Atom(atoms::SYSTEM_LIMIT))
    }

    /// A built-in's way to hand a call to the Erlang definition of the same function.
    pub fn declined() -> Exception {
        Exception { class: Class::Error, reason: Term::Atom(atoms::UNDEF), origin: Origin::Declined }
    }

    /// An exception raised on purpose with `class`.
    pub fn raised(class: Class, reason: Term) -> Exception {
        Exception { class, reason, origin: Origin::Raised }
    }
}

/// The result of a built-in.
pub type BifResult = Result<Term, Exception>;
