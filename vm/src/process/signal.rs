//! Signals: everything that travels between processes, through one ordered inbox per
//! process (messages, exit signals, links, monitors, timeouts). One inbox keeps Erlang's
//! ordering guarantee between each pair of processes for all of them at once.

use crate::term::{Pid, Ref, Term};

/// A signal to a process.
#[derive(Debug)]
pub enum Signal {
    /// A message.
    Message(Term),
    /// A message sent to a process alias: delivered only if the alias is still active when
    /// the receiver takes it in.
    AliasMessage {
        /// The alias it was sent to.
        alias: Ref,
        /// The message.
        msg: Term,
        /// Sent straight to the process a call's `From` names rather than to the owner the
        /// alias table gives (a server's reply, see `ember_proc:alias_send/3`): a process
        /// that does not own the alias passes the message on to the owner.
        direct: bool,
        /// The sender was the target of the call monitor this alias belongs to
        /// ([`Signal::Call`]), and has removed its side of it: the receiver drops its own
        /// without telling the sender.
        released: bool,
    },
    /// An exit signal: from `exit/2` (`linked` false) or from a dying linked process.
    Exit {
        /// The sender.
        from: Pid,
        /// The exit reason.
        reason: Term,
        /// Sent because of a link.
        linked: bool,
    },
    /// `from` linked itself to the receiver.
    Link(Pid),
    /// `from` removed its link to the receiver.
    Unlink(Pid),
    /// `from` monitors the receiver under reference `r`.
    Monitor {
        /// The monitoring process.
        from: Pid,
        /// The monitor's reference.
        r: Ref,
        /// The name the monitor was set up with, if any (shown in the `'DOWN'` message).
        name: Option<Term>,
    },
    /// A call (`ember_proc:call_send/3`): `from` monitors the receiver under reference `r`,
    /// which is also the alias `from` takes the reply at; then the call's message. One
    /// signal instead of a monitor and a message (and the receiver's reply through the
    /// alias drops the monitor on both sides, see [`Signal::AliasMessage`], instead of a
    /// demonitor signal back).
    Call {
        /// The calling process.
        from: Pid,
        /// The monitor's reference and alias.
        r: Ref,
        /// The message.
        msg: Term,
    },
    /// `from` removed monitor `r`.
    Demonitor {
        /// The monitoring process.
        from: Pid,
        /// The monitor's reference.
        r: Ref,
    },
    /// A monitor the receiver holds was set up on its behalf (that of a spawn request
    /// answered by another node): the receiver records it as its own.
    Monitoring {
        /// The monitor's reference.
        r: Ref,
        /// The monitored process.
        target: Pid,
    },
    /// The receive timeout with this sequence number expired.
    Timeout(u64),
    /// `group_leader(GL, Pid)` from another process.
    GroupLeader(Pid),
    /// Turns message tracing on (`Some(tracer)`, with which events) or off (`None`).
    Trace {
        /// Where trace messages go, or None to stop tracing.
        tracer: Option<Pid>,
        /// Trace sends.
        send: bool,
        /// Trace receives.
        receive: bool,
    },
}
