//! The `ember` binary: hands the command line over to the repl crate.

/// Processes and terms make many small, short-lived allocations from several scheduler
/// threads at once; mimalloc serves them without the contention of the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ember_repl::main_with_args(ember_stdlib::MODULES, ember_stdlib::INCLUDES, ember_stdlib::DOCS)
}
