//! Processes: the private state of one Erlang process.
//!
//! A [`Proc`] is owned by whoever runs it (a scheduler worker, or a test); nothing else
//! holds a reference to it. It carries the interpreter state (registers, frames, catch
//! frames, the current module and instruction), the mailbox with its receive save point,
//! and the process dictionary. It does not schedule itself: see `sched`.

use crate::code::Module;
use crate::interp::op::Reg;
use crate::term::{Pid, Term};
use crate::vm::VmShared;
use std::collections::VecDeque;
use std::sync::Arc;

/// A call frame: where to go back to when the callee returns.
pub(crate) struct Frame {
    /// The caller's next instruction.
    pub(crate) ret_pc: u32,
    /// The caller's register base.
    pub(crate) base: u32,
    /// The caller's register that receives the result.
    pub(crate) ret_dst: Reg,
    /// The caller's module, if the callee is in another one.
    pub(crate) module: Option<Arc<Module>>,
}

/// An active `try` or `catch`.
pub(crate) struct CatchFrame {
    pub(crate) frames_len: usize,
    pub(crate) regs_len: usize,
    pub(crate) base: u32,
    pub(crate) handler: u32,
    pub(crate) module: Arc<Module>,
    pub(crate) class: Reg,
    pub(crate) reason: Reg,
    pub(crate) stack: Reg,
}

/// The private state of a process.
pub struct Proc {
    /// The process's pid.
    pub pid: Pid,
    /// The VM it runs in.
    pub vm: Arc<VmShared>,
    pub(crate) regs: Vec<Term>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) catches: Vec<CatchFrame>,
    pub(crate) module: Option<Arc<Module>>,
    pub(crate) pc: u32,
    pub(crate) base: u32,
    /// Messages received and not yet taken by `receive`.
    pub mailbox: VecDeque<Term>,
    /// The receive save point: messages before it have been looked at by this receive.
    pub(crate) save: usize,
    /// When the current receive times out, if it has a timeout.
    pub(crate) deadline: Option<std::time::Instant>,
    /// The process dictionary.
    pub dict: Vec<(Term, Term)>,
    /// Reductions used so far.
    pub reductions: u64,
    /// The value the initial function returned, once it has.
    pub(crate) result: Option<Term>,
    /// The initial call `{M, F, A}`.
    pub initial_call: (Term, Term, u32),
    /// The call to make when the process first runs.
    pub(crate) pending_start: Option<(Arc<crate::code::Export>, Vec<Term>)>,
}

impl Proc {
    /// A process that has not started running yet.
    pub fn new(vm: Arc<VmShared>, pid: Pid) -> Proc {
        Proc {
            pid,
            vm,
            regs: Vec::new(),
            frames: Vec::new(),
            catches: Vec::new(),
            module: None,
            pc: 0,
            base: 0,
            mailbox: VecDeque::new(),
            save: 0,
            deadline: None,
            dict: Vec::new(),
            reductions: 0,
            result: None,
            initial_call: (Term::Nil, Term::Nil, 0),
            pending_start: None,
        }
    }

    /// Appends a message to the mailbox.
    pub fn deliver(&mut self, msg: Term) {
        self.mailbox.push_back(msg);
    }

    /// The value the process's initial function returned, if it has returned.
    pub fn result(&self) -> Option<&Term> {
        self.result.as_ref()
    }
}
