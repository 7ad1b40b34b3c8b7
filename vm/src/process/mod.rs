//! Processes: a shared handle that other threads see, and a private half that only the
//! thread running the process touches.
//!
//! The protocol (numbered steps are referred to in the code):
//!
//! 1. A sender pushes a [`Signal`] onto the handle's inbox (a lock-free stack, `inbox.rs`), then
//!    calls `ProcessHandle::notify`: a `WAITING` process becomes `RUNNABLE` and the sender
//!    schedules it; a `RUNNING` one becomes `NOTIFIED`; anything else is left alone.
//! 2. A worker that pops a `RUNNABLE` handle sets it `RUNNING`, takes the private half
//!    ([`Proc`]) out of the handle, and moves the inbox's signals into it.
//! 3. When the process waits in `receive`, the worker puts the private half back first, then
//!    moves `RUNNING` to `WAITING` with a compare-and-swap. If that fails, a signal arrived
//!    during the slice (`NOTIFIED`): the worker takes the private half again and goes on.
//! 4. When the slice ends with reductions used up, `RUNNING`/`NOTIFIED` becomes `RUNNABLE`
//!    and the process goes to the back of a run queue.
//! 5. When the process exits, the state becomes `EXITED` and the inbox is closed; signals
//!    still in it are answered (links and monitors learn that it is gone), and later pushes
//!    are refused (the sender learns it is gone).
//!
//! So no signal is lost: either the worker sees it in step 2, or the sender's step 1 turns
//! `RUNNING` into `NOTIFIED` and the compare-and-swap of step 3 fails.
//!
//! The state word and the private half's cell are in `slot.rs`, which also lets a reader
//! look at a process that no worker runs (`peek_private`): the state word decides who owns
//! the half, so moving it in and out costs no atomic operation of its own.

mod dict;
mod inbox;
mod links;
#[cfg(all(test, loom))]
mod loom_tests;
mod signal;
mod slot;
mod small_map;
pub(crate) mod table;
#[cfg(all(test, not(loom)))]
mod tests;

pub use signal::Signal;

use crate::code::Module;
use crate::interp::op::Reg;
use crate::term::{Atom, Pid, Ref, Term};
use crate::vm::VmShared;
pub use dict::Dict;
use inbox::Inbox;
pub use links::Links;
use slot::Slot;
pub use small_map::SmallMap;
use std::collections::VecDeque;
use std::sync::Arc;
use thin_vec::ThinVec;

use slot::{EXITED, HOST};

/// The process may have a registered name.
pub(crate) const OWNS_NAME: u8 = 1;
/// The process may own ETS tables.
pub(crate) const OWNS_ETS: u8 = 2;
/// The process may own open files.
pub(crate) const OWNS_FILES: u8 = 4;
/// The process may control sockets.
pub(crate) const OWNS_SOCKETS: u8 = 8;

/// The part of a process that any thread may touch. `P` is the private half (generic so
/// that the protocol can be model-checked on its own).
pub struct Handle<P: Send> {
    /// The process's pid.
    pub pid: Pid,
    /// Signals not yet taken by the worker (one word while empty).
    inbox: Inbox,
    /// The state word, the kill flag, and the private half while no worker runs the process.
    private: Slot<P>,
}

/// The handle of a real process.
pub type ProcessHandle = Handle<Proc>;

impl<P: Send> Handle<P> {
    pub(crate) fn new(pid: Pid, proc: Box<P>) -> Handle<P> {
        Handle { pid, inbox: Inbox::new(), private: Slot::new(proc) }
    }

    /// Step 1: delivers a signal. The signal comes back if the process has exited (step 5
    /// ran), so that links and monitors can answer `noproc` instead of waiting for a signal
    /// that will never come; otherwise whether the caller must schedule the process.
    pub(crate) fn push_or_return(&self, s: Signal) -> Result<bool, Signal> {
        let kill = matches!(&s, Signal::Exit { reason, linked: false, .. } if reason.is_atom(crate::term::atoms::KILL));
        self.inbox.push(s)?;
        if kill {
            self.private.set_killed();
        }
        Ok(self.notify())
    }

    /// Marks the process as having pending signals; true if it must be scheduled now.
    fn notify(&self) -> bool {
        self.private.notify()
    }

    /// Step 2: a worker starts running the process. Returns its private half.
    pub(crate) fn start_running(&self) -> Option<Box<P>> {
        self.private.start_running()
    }

    /// Takes pending signals out of the inbox, oldest first, as an iterator that frees
    /// each signal's node as it goes. Only the process's consumer of the moment calls it:
    /// the worker holding the private half (or the process itself, in a built-in), or
    /// `peek_private` while the half is parked in the handle.
    pub(crate) fn signals(&self) -> inbox::Taken {
        self.inbox.take()
    }

    /// [`Handle::signals`] moved to the back of `into` (for the model checks).
    #[cfg(all(test, loom))]
    pub(crate) fn take_signals(&self, into: &mut VecDeque<Signal>) {
        self.inbox.take_into(into);
    }

    /// Step 3: the process waits. Returns the private half back if a signal arrived
    /// meanwhile (the process must go on running).
    pub(crate) fn park(&self, proc: Box<P>) -> Option<Box<P>> {
        self.private.park(proc)
    }

    /// Step 4: the process used its reductions and goes back to a run queue.
    pub(crate) fn requeue(&self, proc: Box<P>) {
        self.private.requeue(proc);
    }

    /// Step 5: the process is gone. Returns the signals that arrived before it died.
    pub(crate) fn mark_exited(&self) -> VecDeque<Signal> {
        self.private.set(EXITED);
        self.inbox.close()
    }

    /// Makes this handle a host mailbox.
    pub(crate) fn set_host(&self) {
        self.private.set(HOST);
    }

    /// Runs `f` on the private half of a process no worker is running (the model checks'
    /// view of [`ProcessHandle::peek_private`]).
    #[cfg(all(test, loom))]
    pub(crate) fn peek<R>(&self, f: impl FnOnce(&mut P) -> R) -> Option<R> {
        self.private.peek(f)
    }

    /// Records that a VM-wide table (an `OWNS_*` bit) now holds something of this process.
    /// The caller must then check that the process is still alive, and clean up itself if
    /// it is not: a process that ended before the bit was set never looks.
    pub(crate) fn add_owned(&self, bits: u8) {
        self.private.add_owned(bits);
    }

    /// The `OWNS_*` bits: which tables the exit of this process must clean.
    pub(crate) fn owned(&self) -> u8 {
        self.private.owned()
    }

    /// The scheduler worker that ran the process last, if any.
    pub(crate) fn home(&self) -> Option<usize> {
        self.private.home()
    }

    /// Records that scheduler worker `index` runs the process.
    pub(crate) fn set_home(&self, index: usize) {
        self.private.set_home(index);
    }

    /// Is this a host mailbox?
    pub(crate) fn is_host(&self) -> bool {
        self.private.state() == HOST
    }

    /// Moves the messages that reached a host mailbox to `into`, oldest first; gives back
    /// the replies sent here directly for an alias (see `Signal::AliasMessage`), which the
    /// caller passes on to the alias's owner (a host mailbox owns no alias). Other signals
    /// are dropped. The host side is the mailbox's only consumer.
    pub(crate) fn take_messages(&self, into: &mut VecDeque<Term>) -> Vec<(Ref, Term)> {
        let mut signals = VecDeque::new();
        self.inbox.take_into(&mut signals);
        let mut misdirected = Vec::new();
        for s in signals {
            match s {
                Signal::Message(t) => into.push_back(t),
                Signal::AliasMessage { alias, msg, direct: true, .. } => misdirected.push((alias, msg)),
                // A call to a host mailbox: the message (it cannot reply through the alias).
                Signal::Call { msg, .. } => into.push_back(msg),
                _ => {}
            }
        }
        misdirected
    }

    /// Is the process still alive?
    pub fn is_alive(&self) -> bool {
        self.private.state() != EXITED
    }

    /// Was an untrappable kill sent to the process?
    pub(crate) fn kill_pending(&self) -> bool {
        self.private.killed()
    }
}

impl ProcessHandle {
    /// Runs `f` on the private half if no worker is running the process right now, after
    /// applying the signals already in its inbox (so that the caller sees the effect of
    /// everything it sent before, as Erlang guarantees). A signal that kills the process
    /// leaves `kill` set; the worker that runs it next ends it.
    pub(crate) fn peek_private<R>(&self, f: impl FnOnce(&Proc) -> R) -> Option<R> {
        self.private.peek(|proc| {
            proc.take_in(self.signals());
            f(proc)
        })
    }
}

/// The first call of a process, made when it first runs. Its arguments wait in the
/// process's registers meanwhile (no box of its own: most processes are spawned to run at
/// once).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum PendingStart {
    /// Started, or nothing to start.
    None,
    /// The initial call, with the registers as its arguments.
    Call,
    /// A call of [`Proc::pending_fun`] with the registers as its arguments (a term that is
    /// not a fun waits after them instead).
    Fun,
}

/// Is `m` the `'DOWN'` message of monitor `r`?
pub(crate) fn is_down_for(m: &Term, r: Ref) -> bool {
    matches!(m.as_tuple(), Some([tag, Term::Ref(x), ..]) if tag.is_atom(crate::term::atoms::DOWN) && *x == r)
}

/// A process's initial call `{Module, Function, Arity}` in one word: atom indexes are below
/// 2^20 (the atom table's limit) and arities below 2^24, which keeps [`Proc`] small.
#[derive(Clone, Copy, Debug)]
pub struct InitialCall(u64);

impl InitialCall {
    /// Packs `{m, f, arity}`.
    pub fn new(m: Atom, f: Atom, arity: u32) -> InitialCall {
        InitialCall(u64::from(m.index()) << 44 | u64::from(f.index()) << 24 | u64::from(arity & 0xFF_FFFF))
    }

    /// The module, function and arity.
    pub fn get(self) -> (Atom, Atom, u32) {
        let atom = |i: u64| Atom::from_index(i as u32).unwrap_or(crate::term::atoms::UNDEFINED);
        (atom(self.0 >> 44), atom((self.0 >> 24) & 0xF_FFFF), (self.0 & 0xFF_FFFF) as u32)
    }
}

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
    /// The caller's resume point in native code (0 for none): a frame that native code
    /// left behind goes back to it on return.
    pub(crate) resume: u32,
}

const _: () = assert!(std::mem::size_of::<Frame>() == 24);

/// An active `try` or `catch`.
pub(crate) struct CatchFrame {
    pub(crate) frames_len: usize,
    pub(crate) regs_len: usize,
    pub(crate) base: u32,
    pub(crate) handler: u32,
    pub(crate) class: Reg,
    pub(crate) reason: Reg,
    pub(crate) stack: Reg,
}

/// Links, monitors and other state most processes never use, kept out of line (and made
/// only when first needed) so that an idle process stays small. Its maps are two words
/// while they hold few entries (and grow into trees or hash maps when they hold many),
/// and the rarest state is a further step out of line ([`Rare`]): a monitored or linked
/// process makes this block, and a small one costs less to make, to drop, and to pass
/// between the scheduler threads that spawn and end the process.
#[derive(Default)]
pub struct Extras {
    /// Linked processes.
    pub links: Links,
    /// Monitors this process holds: by reference, the target and the name it was made
    /// with.
    pub monitors: SmallMap<Ref, (Pid, Option<Term>)>,
    /// Monitors on this process: by reference and monitoring process, how each was made.
    pub monitored_by: SmallMap<(Ref, Pid), Watch>,
    /// The process dictionary.
    pub dict: Dict,
    /// Active process aliases and when each is deactivated.
    pub(crate) aliases: SmallMap<Ref, AliasMode>,
    /// Call aliases whose reply came in the last intake of signals: they stop working
    /// before the next one (see [`AliasMode::Call`]).
    pub(crate) closing: ThinVec<Ref>,
    /// The receive mark (`RecvBind`): no message before `pos` holds the reference.
    pub(crate) recv_mark: Option<RecvMark>,
    /// The rarest state, made on first use.
    rare: Option<Box<Rare>>,
}

/// A reference and the number of messages the mailbox held just before it was made: a
/// `receive` that needs it in every pattern starts its scan there.
#[derive(Clone, Copy)]
pub(crate) struct RecvMark {
    pub(crate) r: Ref,
    /// The position plus one (so that an absent mark takes no room of its own).
    pos1: std::num::NonZeroU32,
}

impl RecvMark {
    fn new(r: Ref, pos: u32) -> RecvMark {
        RecvMark { r, pos1: std::num::NonZeroU32::MIN.saturating_add(pos) }
    }

    fn pos(self) -> u32 {
        self.pos1.get() - 1
    }
}

/// Receive timeouts, results, tracing, hibernation and other state few processes use.
#[derive(Default)]
pub(crate) struct Rare {
    /// When the current receive times out, if it has a timeout.
    pub(crate) deadline: Option<std::time::Instant>,
    /// The deadline a wake-up timer is set for, and the timer's id. It stays set after the
    /// receive ends (cancelling and setting a timer for every receive with a timeout
    /// would cost more than the odd early wake-up): a later wait whose deadline is not
    /// before it keeps it, and if it wakes the process too early, the process sets a new
    /// one. Cleared when it fires (`Signal::Timeout`); cancelled at exit.
    pub(crate) timer_armed: Option<(std::time::Instant, u64)>,
    /// The value the initial function returned: kept for a `completion`, and between the
    /// return and the end of the slice when the last call was a built-in's.
    pub(crate) result: Option<Term>,
    /// Someone outside the VM waits for this process's result.
    pub(crate) completion: Option<Arc<crate::vm::Completion>>,
    /// Set when a signal says the process must die, with the reason.
    pub(crate) kill: Option<Term>,
    /// Message tracing: the tracer, and whether sends and receives are traced.
    pub(crate) trace: Option<(Pid, bool, bool)>,
    /// Where the process is in `erlang:hibernate/3`.
    pub(crate) hibernation: Hibernation,
    /// The group leader, if it is not the standard one (standard output and input).
    pub(crate) group_leader: Option<Pid>,
    /// Monitors removed with `demonitor` whose `'DOWN'` message may still be on its way;
    /// such a message is dropped when it arrives.
    pub(crate) demonitored: SmallMap<Ref, ()>,
    /// Signals that came after a kill, answered when the process has ended.
    pub(crate) late: Vec<Signal>,
}

/// `erlang:hibernate/3`: asked for (the call to make on waking), then asleep until a message.
#[derive(Default)]
pub(crate) enum Hibernation {
    /// Not hibernating.
    #[default]
    Awake,
    /// `hibernate(M, F, Args)` was called; the slice ends and the stack is dropped.
    Requested(Atom, Atom, Vec<Term>),
    /// The stack is gone and the arguments wait in the registers; the first message makes
    /// the process call the function.
    Asleep(Atom, Atom),
}

/// When a process alias stops working (besides `unalias/1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AliasMode {
    /// Only by `unalias/1`.
    Explicit,
    /// When its monitor is removed or fires.
    Demonitor,
    /// When its monitor is removed or fires, or a message arrives through it.
    ReplyDemonitor,
    /// After the first message that arrives through it (`alias([reply])`).
    Reply,
    /// A call's (`ember_proc:call_send/3`): its monitor ends when a message arrives
    /// through it, and the alias stops working before the next intake of signals, as
    /// erl's caller deactivates it with `demonitor` right after it takes the reply (what
    /// came with the reply is kept, what comes after is dropped), or when the monitor is
    /// removed or fires.
    Call,
}

/// How a process monitors this one (the values of [`Extras::monitored_by`]).
#[derive(Clone, Debug)]
pub enum Watch {
    /// By pid.
    Pid,
    /// By registered name: the `{Name, Node}` its `'DOWN'` message names.
    Name(Term),
    /// By pid, for a call ([`Signal::Call`]): the monitor ends with the reply, sent through
    /// the monitor's alias.
    Call,
}

impl Extras {
    const EMPTY: Extras = Extras {
        links: Links::new(),
        monitors: SmallMap::new(),
        monitored_by: SmallMap::new(),
        dict: Dict::new(),
        aliases: SmallMap::new(),
        closing: ThinVec::new(),
        recv_mark: None,
        rare: None,
    };
}

impl Extras {
    /// Message `i` left the mailbox: a receive mark past it moves with the messages after
    /// it.
    #[inline]
    fn message_taken(&mut self, i: usize) {
        if let Some(m) = &mut self.recv_mark {
            if i < m.pos() as usize {
                *m = RecvMark::new(m.r, m.pos() - 1);
            }
        }
    }
}

impl Rare {
    const EMPTY: Rare = Rare {
        deadline: None,
        timer_armed: None,
        result: None,
        completion: None,
        kill: None,
        trace: None,
        hibernation: Hibernation::Awake,
        group_leader: None,
        demonitored: SmallMap::new(),
        late: Vec::new(),
    };
}

static NO_EXTRAS: Extras = Extras::EMPTY;
static NO_RARE: Rare = Rare::EMPTY;

/// The private state of a process.
pub struct Proc {
    /// The process's pid.
    pub pid: Pid,
    /// The VM it runs in.
    pub vm: Arc<VmShared>,
    pub(crate) regs: Vec<Term>,
    pub(crate) frames: Vec<Frame>,
    /// Active `try`/`catch` frames (a thin vector: most processes have none while idle).
    pub(crate) catches: ThinVec<CatchFrame>,
    pub(crate) module: Option<Arc<Module>>,
    pub(crate) pc: u32,
    pub(crate) base: u32,
    /// Messages received and not yet taken by `receive`.
    pub mailbox: VecDeque<Term>,
    /// The receive save point: messages before it have been looked at by this receive.
    pub(crate) save: u32,
    /// Reductions used so far.
    pub reductions: u64,
    /// The initial call `{M, F, A}`.
    pub(crate) initial_call: InitialCall,
    /// The call to make when the process first runs.
    pub(crate) pending_start: PendingStart,
    /// The fun of a [`PendingStart::Fun`].
    pub(crate) pending_fun: Option<Arc<crate::term::Fun>>,
    /// Whether exit signals become messages.
    pub trap_exit: bool,
    /// Links, monitors, dictionary and the rarer state (see [`Extras`]).
    extras: Option<Box<Extras>>,
    /// Set by `erlang:yield/0`: end the slice after this instruction.
    pub(crate) yield_requested: bool,
}

impl Proc {
    /// A process that has not started running yet.
    pub fn new(vm: Arc<VmShared>, pid: Pid) -> Proc {
        Proc {
            pid,
            vm,
            regs: Vec::new(),
            frames: Vec::new(),
            catches: ThinVec::new(),
            module: None,
            pc: 0,
            base: 0,
            mailbox: VecDeque::new(),
            save: 0,
            reductions: 0,
            initial_call: InitialCall::new(crate::term::atoms::UNDEFINED, crate::term::atoms::UNDEFINED, 0),
            pending_start: PendingStart::None,
            pending_fun: None,
            trap_exit: false,
            extras: None,
            yield_requested: false,
        }
    }

    /// The rarer state, read-only (empty if never made).
    pub fn extras(&self) -> &Extras {
        self.extras.as_deref().unwrap_or(&NO_EXTRAS)
    }

    /// The rarer state, made on first use.
    pub fn extras_mut(&mut self) -> &mut Extras {
        self.extras.get_or_insert_with(Box::default)
    }

    /// The rarest state, read-only (empty if never made).
    pub(crate) fn rare(&self) -> &Rare {
        self.extras.as_ref().and_then(|e| e.rare.as_deref()).unwrap_or(&NO_RARE)
    }

    /// The rarest state, made on first use.
    pub(crate) fn rare_mut(&mut self) -> &mut Rare {
        self.extras_mut().rare.get_or_insert_with(Box::default)
    }

    /// The rarest state to change, if it was ever made (without making it).
    pub(crate) fn rare_made(&mut self) -> Option<&mut Rare> {
        self.extras.as_mut().and_then(|e| e.rare.as_deref_mut())
    }

    /// Ends the current receive's timeout. (Touches the out-of-line state only if it
    /// exists.)
    pub(crate) fn finish_receive(&mut self) {
        if let Some(r) = self.rare_made() {
            r.deadline = None;
        }
    }

    /// Removes the message at the save point (the one a `receive` took), resets the save
    /// point and ends the receive's timeout. A receive mark past it moves with the
    /// messages after it.
    #[inline]
    pub(crate) fn accept_message(&mut self) {
        let i = self.save as usize;
        self.take_message(i);
        self.save = 0;
        if let Some(e) = self.extras.as_deref_mut() {
            e.message_taken(i);
            if let Some(r) = e.rare.as_deref_mut() {
                r.deadline = None;
            }
        }
    }

    /// Takes message `i` out of the mailbox (without the receive mark's bookkeeping).
    #[inline]
    fn take_message(&mut self, i: usize) {
        // The oldest message, the usual one, is a pop (`remove` moves the rest of the ring
        // through its general path).
        if i == 0 {
            self.mailbox.pop_front();
        } else {
            self.mailbox.remove(i);
        }
    }

    /// Removes message `i` of the mailbox. A receive mark past it moves with the messages
    /// after it.
    fn remove_message(&mut self, i: usize) {
        self.take_message(i);
        if let Some(e) = self.extras.as_deref_mut() {
            e.message_taken(i);
        }
    }

    /// Removes the `'DOWN'` messages of monitor `r` (`demonitor(R, [flush])`) and resets
    /// the save point. Only messages that came after `r` was made can be such, so with a
    /// receive mark for `r` the ones before it are not looked at.
    pub(crate) fn flush_down(&mut self, r: Ref) {
        let start = self.recv_start(r) as usize;
        for i in (start..self.mailbox.len()).rev() {
            if is_down_for(&self.mailbox[i], r) {
                self.remove_message(i);
            }
        }
        self.save = 0;
    }

    /// Marks that no message before position `pos` of the mailbox holds the reference `r`.
    pub(crate) fn bind_recv_mark(&mut self, r: Ref, pos: u32) {
        self.extras_mut().recv_mark = Some(RecvMark::new(r, pos.min(self.mailbox.len() as u32)));
    }

    /// Where a `receive` that needs reference `r` in every pattern can start looking.
    pub(crate) fn recv_start(&self, r: Ref) -> u32 {
        match self.extras().recv_mark {
            Some(m) if m.r == r => m.pos().min(self.mailbox.len() as u32),
            _ => 0,
        }
    }

    /// Has a signal said that the process must die?
    #[inline]
    pub(crate) fn must_die(&self) -> bool {
        self.rare().kill.is_some()
    }

    /// Takes the reason the process must die with, if it must.
    pub(crate) fn take_kill(&mut self) -> Option<Term> {
        self.rare_made().and_then(|r| r.kill.take())
    }

    /// Does the process run code of `m` (in its current function, a frame below, or a
    /// catch handler)? Used when `m` is purged.
    pub(crate) fn runs_module(&self, m: &Arc<Module>) -> bool {
        let Some(mut cur) = self.module.as_ref() else { return false };
        if Arc::ptr_eq(cur, m) {
            return true;
        }
        for fr in self.frames.iter().rev() {
            if let Some(caller) = &fr.module {
                cur = caller;
            }
            if Arc::ptr_eq(cur, m) {
                return true;
            }
        }
        // (A catch's module is that of a function on the stack: see `interp::raise`.)
        false
    }

    /// Appends a message to the mailbox.
    pub fn deliver(&mut self, msg: Term) {
        self.mailbox.push_back(msg);
    }

    /// The standard group leader's pid (a pid no process has).
    pub const STANDARD_GROUP_LEADER: Pid = Pid(0);

    /// Sets the group leader (the standard one is kept as no group leader of its own).
    pub(crate) fn set_group_leader(&mut self, gl: Pid) {
        if gl == Proc::STANDARD_GROUP_LEADER {
            if self.rare().group_leader.is_some() {
                self.rare_mut().group_leader = None;
            }
        } else {
            self.rare_mut().group_leader = Some(gl);
        }
    }

    /// The group leader's pid.
    pub fn group_leader(&self) -> Pid {
        self.rare().group_leader.unwrap_or(Proc::STANDARD_GROUP_LEADER)
    }

    /// Makes `alias` an active alias of this process.
    pub(crate) fn add_alias(&mut self, alias: Ref, mode: AliasMode) {
        self.vm.aliases.insert(alias, self.pid);
        self.extras_mut().aliases.insert(alias, mode);
    }

    /// Deactivates an alias of this process; false if it was not active.
    pub(crate) fn unalias(&mut self, alias: Ref) -> bool {
        if self.extras_mut().aliases.remove(alias).is_none() {
            return false;
        }
        self.vm.aliases.remove(alias);
        true
    }

    /// The alias mode of `alias`, if it is an active alias of this process.
    pub(crate) fn alias_mode(&self, alias: Ref) -> Option<AliasMode> {
        self.extras().aliases.get(alias).copied()
    }

    /// Removes monitor `r` (its target is told), as `demonitor/1` does.
    /// False if there was no such monitor.
    pub(crate) fn drop_monitor(&mut self, r: Ref) -> bool {
        let Some((target, name)) = self.extras_mut().monitors.remove(r) else { return false };
        // A delivered demonitor is honoured even if the target is exiting (it drops the
        // monitor before sending its 'DOWN's). Only when the target has ended already may a
        // 'DOWN' still be on its way (unless it is here): that one is dropped on arrival.
        let delivered = self.vm.demonitor(self.pid, r, target, name.as_ref());
        let since = self.recv_start(r) as usize;
        if !delivered && !self.mailbox.range(since..).any(|m| is_down_for(m, r)) {
            self.rare_mut().demonitored.insert(r, ());
        }
        true
    }

    /// Applies the signals just taken from the inbox, after the aliases of calls answered
    /// in the last intake stop working (see [`AliasMode::Call`]).
    pub(crate) fn take_in(&mut self, signals: impl Iterator<Item = Signal>) {
        if let Some(e) = self.extras.as_mut().filter(|e| !e.closing.is_empty()) {
            for a in std::mem::take(&mut e.closing) {
                self.unalias(a);
            }
        }
        for s in signals {
            self.apply_signal(s);
        }
    }

    /// A reply came for the call whose alias is `alias` (`AliasMode::Call`): the monitor
    /// ends (this side only if the sender `released` its own), and the alias stops working
    /// before the next intake.
    #[inline(never)]
    fn call_answered(&mut self, alias: Ref, released: bool) {
        if !released {
            self.drop_monitor(alias);
        }
        let closing = &mut self.extras_mut().closing;
        if !closing.contains(&alias) {
            closing.push(alias);
        }
    }

    /// Puts a message that arrived into the mailbox.
    #[inline(always)]
    fn accept(&mut self, t: Term) {
        use crate::term::atoms;
        // A 'DOWN' message ends its monitor; one for a removed monitor is dropped.
        if let Some([tag, Term::Ref(r), kind, ..]) = t.as_tuple() {
            if tag.is_atom(atoms::DOWN) && kind.is_atom(atoms::PROCESS) {
                if self.extras_mut().monitors.remove(*r).is_some() {
                    if self.alias_mode(*r).is_some_and(|m| m != AliasMode::Explicit) {
                        self.unalias(*r);
                    }
                } else if self.rare_made().is_some_and(|x| x.demonitored.remove(*r).is_some()) {
                    return;
                }
            }
        }
        if let Some((tracer, _, true)) = self.rare().trace {
            let ev = Term::tuple([Term::atom("trace"), Term::Pid(self.pid), Term::atom("receive"), t.clone()]);
            self.vm.signal(tracer, Signal::Message(ev));
        }
        self.mailbox.push_back(t)
    }

    /// Applies one signal from the inbox.
    pub(crate) fn apply_signal(&mut self, s: Signal) {
        use crate::term::atoms;
        if self.must_die() {
            // A kill came first: the process is as good as ended, and what comes after it
            // finds it so (a monitor set up now gets `noproc`, as on erl), once its links
            // and monitors are told (`VmShared::finish_process`). Messages are lost.
            if !matches!(s, Signal::Message(_) | Signal::AliasMessage { direct: false, .. }) {
                self.rare_mut().late.push(s);
            }
            return;
        }
        match s {
            Signal::AliasMessage { alias, msg, direct, released } => {
                if released {
                    // The sender dropped its side of the call's monitor (see
                    // `ember_proc:alias_send/3`); this side goes too, alias active or not.
                    self.extras_mut().monitors.remove(alias);
                }
                let Some(mode) = self.alias_mode(alias) else {
                    if direct {
                        crate::vm::VmShared::send_to_alias(self, alias, msg);
                    }
                    return;
                };
                match mode {
                    AliasMode::Reply | AliasMode::ReplyDemonitor => {
                        self.unalias(alias);
                        if mode == AliasMode::ReplyDemonitor && !released {
                            self.drop_monitor(alias);
                        }
                    }
                    // (A released reply's sender dropped the monitor on both sides.)
                    AliasMode::Call => self.call_answered(alias, released),
                    AliasMode::Explicit | AliasMode::Demonitor => {}
                }
                self.accept(msg);
            }
            Signal::Message(t) => {
                // A call's reply sent to the pid rather than through the alias (`Pid ! {Tag,
                // Reply}` with the call's `From`) ends the call all the same: the caller
                // takes it as the reply.
                if let Some([Term::Cons(c), _]) = t.as_tuple() {
                    if let (true, Term::Ref(r)) = (c.head.is_atom(atoms::ALIAS), &c.tail) {
                        if self.alias_mode(*r) == Some(AliasMode::Call) {
                            self.call_answered(*r, false);
                        }
                    }
                }
                self.accept(t);
            }
            Signal::Exit { from, reason, linked } => {
                // A link removed before the signal arrived: nothing happens.
                if linked && !self.extras_mut().links.remove(from) {
                    return;
                }
                let kill = !linked && reason.is_atom(atoms::KILL);
                if kill {
                    self.rare_mut().kill.get_or_insert(Term::Atom(atoms::KILLED));
                } else if self.trap_exit {
                    self.mailbox.push_back(Term::tuple([Term::Atom(atoms::EXIT_TAG), Term::Pid(from), reason]));
                } else if !reason.is_atom(atoms::NORMAL) || (from == self.pid && !linked) {
                    self.rare_mut().kill.get_or_insert(reason);
                }
            }
            Signal::Link(from) => {
                self.extras_mut().links.insert(from);
            }
            Signal::Unlink(from) => {
                self.extras_mut().links.remove(from);
            }
            Signal::Monitor { from, r, name } => {
                self.extras_mut().monitored_by.insert((r, from), name.map_or(Watch::Pid, Watch::Name));
            }
            Signal::Call { from, r, msg } => {
                self.extras_mut().monitored_by.insert((r, from), Watch::Call);
                self.accept(msg);
            }
            Signal::Demonitor { from, r } => {
                self.extras_mut().monitored_by.remove((r, from));
            }
            Signal::Monitoring { r, target } => {
                self.extras_mut().monitors.insert(r, (target, None));
            }
            // The wake-up timer has fired: the next wait with a deadline sets another.
            Signal::Timeout(id) => {
                if let Some(r) = self.rare_made().filter(|r| r.timer_armed.is_some_and(|(_, t)| t == id)) {
                    r.timer_armed = None;
                }
            }
            Signal::GroupLeader(gl) => self.set_group_leader(gl),
            Signal::Trace { tracer, send, receive } => {
                self.rare_mut().trace = tracer.map(|t| (t, send, receive));
            }
        }
    }
}
