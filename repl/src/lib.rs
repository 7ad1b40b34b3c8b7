//! ember-repl: the `ember` command line (clap) and, later, the interactive shell.
//!
//! This crate owns process exit codes and everything printed by the binary itself; the VM
//! never exits the process or prints on its own behalf.

mod cli;
mod docs;
mod shell;

pub use cli::main_with_args;
