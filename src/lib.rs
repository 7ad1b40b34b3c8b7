//! ember: an Erlang-style actor VM, as a library.
//!
//! The embedding API grows here; for now it re-exports the VM and the standard library's
//! sources so that a host can build a [`Vm`] with them.

pub use ember_vm::{term, CallResult, Vm, VmConfig};

/// A VM configuration with the standard library built in.
pub fn default_config() -> VmConfig {
    VmConfig {
        builtin_modules: ember_stdlib::MODULES.to_vec(),
        builtin_includes: ember_stdlib::INCLUDES.to_vec(),
        builtin_docs: ember_stdlib::DOCS.to_vec(),
        ..VmConfig::default()
    }
}
