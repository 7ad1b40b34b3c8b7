//! The `ember` binary: hands the command line over to the repl crate.

mod alloc;

#[global_allocator]
static GLOBAL: alloc::Mimalloc = alloc::Mimalloc;

fn main() -> std::process::ExitCode {
    alloc::use_small_pages();
    ember_repl::main_with_args(ember_stdlib::MODULES, ember_stdlib::INCLUDES, ember_stdlib::DOCS)
}
