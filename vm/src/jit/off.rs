//! The loom build's stand-in for native code (loom model-checks the scheduler, without a
//! code generator): every function is interpreted.

use crate::code::Module;
use crate::process::Frame;
use crate::term::Term;

/// No native code.
#[derive(Default, Debug)]
pub struct Native;

/// Native code, of which there is none.
#[derive(Clone, Copy)]
pub(crate) enum NativeFn {}

/// How native code hands over (it never does here: the interpreter matches on it all the
/// same).
#[allow(dead_code)]
pub(crate) enum Exit {
    At(u32, usize),
    Returned(Term),
}

impl Native {
    pub(crate) fn entry(&self, _func: u32) -> Option<NativeFn> {
        None
    }

    pub(crate) fn resume(&self, _id: u32) -> Option<(NativeFn, u32)> {
        None
    }

    pub(crate) fn at_entry(&self, _pc: u32) -> Option<NativeFn> {
        None
    }

    /// How many of the module's functions run as native code: none.
    pub fn count(&self) -> usize {
        0
    }
}

/// Compiles nothing.
pub fn prepare(_m: &Module) {}

pub(crate) fn enter(
    f: NativeFn,
    _start: u32,
    _regs: &mut Vec<Term>,
    _base: usize,
    _reds: &mut i64,
    _frames: &mut Vec<Frame>,
) -> Exit {
    match f {}
}
