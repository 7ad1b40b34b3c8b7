//! ember-vm: one node's virtual machine.
//!
//! Source goes in through [`syntax`] and [`compile`], comes out as bytecode that [`interp`]
//! runs inside processes. The VM is a value ([`Vm`]): nothing here is global state except
//! the atom table, which every VM in a process shares.

pub mod diagnostic;
pub mod syntax;
pub mod term;

pub mod code {
    //! Placeholder.
    pub struct Module;
}
