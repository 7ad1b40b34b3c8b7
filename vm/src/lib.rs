//! ember-vm: one node's virtual machine.
//!
//! Source goes in through [`syntax`] and [`compile`], comes out as bytecode in a [`code`]
//! server, and runs in processes ([`process`]) under the [`interp`]reter. Built-ins live in
//! [`bif`]. The VM is a value ([`Vm`]): nothing here is global state except the atom table,
//! which every VM in an OS process shares.

pub use dist::{NodeStarter, Transport};
pub use stdin::{Input, MemoryInput, NoInput, StdInput};
pub use vm::{CallResult, CapturedOutput, HostMailbox, Output, StdOutput, Stream, Vm, VmConfig, VmShared, WeakVm};

pub mod bif;
pub mod code;
pub mod compile;
pub mod diagnostic;
mod dist;
pub mod interp;
#[cfg(not(loom))]
pub mod jit;
#[cfg(loom)]
#[path = "jit/off.rs"]
pub mod jit;
mod pool;
pub mod process;
mod sched;
mod stdin;
mod sync;
pub mod syntax;
pub mod term;
mod vm;
