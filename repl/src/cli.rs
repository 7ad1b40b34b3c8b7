//! The command line: `ember run`, `ember eval`, `ember disasm`, and the global options.

use clap::{Parser, Subcommand};
use ember_vm::interp::format_exception;
use ember_vm::term::Term;
use ember_vm::{CallResult, Vm, VmConfig};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// An Erlang-style actor VM.
#[derive(Parser, Debug)]
#[command(
    name = "ember",
    version,
    about = "ember: an Erlang-style actor VM. Without a command, opens the interactive shell.",
    after_help = EXAMPLES
)]
struct Cli {
    /// Number of scheduler threads (default: one per core).
    #[arg(long, global = true)]
    schedulers: Option<usize>,
    /// Add a directory to the code path (like erl's -pa); may be repeated.
    #[arg(long = "pa", global = true, value_name = "DIR")]
    pa: Vec<PathBuf>,
    /// Start a distributed node named NAME@HOST, HOST being this machine's short host name
    /// unless given (like erl's -sname).
    #[arg(long, global = true, value_name = "NAME", conflicts_with = "name")]
    sname: Option<String>,
    /// Start a distributed node with a long name, NAME@HOST (like erl's -name).
    #[arg(long, global = true, value_name = "NAME@HOST")]
    name: Option<String>,
    /// The cookie other nodes must share (default: the contents of ~/.erlang.cookie, made
    /// if missing, as erl does).
    #[arg(long, global = true, value_name = "COOKIE")]
    cookie: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

const EXAMPLES: &str = "Examples:
  ember                          open the interactive shell
  ember run hello.erl            compile hello.erl and call hello:main/0 (or main/1)
  ember run prog.erl a b         call prog:main([\"a\", \"b\"])
  ember eval 'lists:seq(1, 5).'  evaluate expressions and print the value
  ember disasm prog.erl          print the bytecode of a module
  ember test myapp               run the EUnit tests in myapp/src and myapp/test
  ember --sname a --cookie c     open the shell on node a@HOST (net_adm:ping(b@HOST) reaches b)

Exit codes: 0 success; 1 an uncaught exception or a compile error (run), or a failed
test or no test at all (test); 2 bad usage, or a compile error (test).";

#[derive(Subcommand, Debug)]
enum Command {
    /// Compile and run FILE: call main/1 with ARGS if exported, else main/0.
    Run {
        /// The Erlang source file.
        file: PathBuf,
        /// Arguments passed to main/1 as strings.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Evaluate expressions and print the last value as the shell does.
    Eval {
        /// Expressions, ending with a full stop.
        exprs: String,
    },
    /// Run the EUnit tests of the modules under PATH (a file, or a directory with src/
    /// and test/): EUnit's report, then `N passed, N failed`.
    Test {
        /// Files or project directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the bytecode of a module.
    Disasm {
        /// The Erlang source file.
        file: PathBuf,
    },
}

/// Runs the command line with the process's arguments.
pub fn main_with_args(
    builtin_modules: &'static [(&'static str, &'static str)],
    includes: &'static [(&'static str, &'static str)],
    docs: &'static [(&'static str, &'static str)],
) -> ExitCode {
    let cli = Cli::parse();
    if let Some(c) = &cli.cookie {
        let _ = COOKIE.set(c.clone());
    }
    let node = match (&cli.sname, &cli.name) {
        (Some(n), _) => Some(NodeArgs { name: n.clone(), long_names: false, cookie: cli.cookie.clone() }),
        (None, Some(n)) => Some(NodeArgs { name: n.clone(), long_names: true, cookie: cli.cookie.clone() }),
        (None, None) => None,
    };
    let mut config = VmConfig {
        code_path: cli.pa.clone(),
        include_paths: cli.pa.iter().map(|p| p.to_string_lossy().into_owned()).collect(),
        builtin_modules: builtin_modules.to_vec(),
        builtin_includes: includes.to_vec(),
        builtin_docs: docs.to_vec(),
        schedulers: cli.schedulers.unwrap_or(0),
        unicode_output: false,
    };
    let node = node.as_ref();
    match cli.command {
        Some(Command::Run { file, args }) => run(&mut config, node, &file, args),
        Some(Command::Eval { exprs }) => eval(config, node, &exprs),
        Some(Command::Disasm { file }) => disasm(config, &file),
        Some(Command::Test { paths }) => test(config, node, &paths),
        None => {
            // As in erl, the current directory is on the shell's code path.
            config.code_path.push(PathBuf::from("."));
            config.include_paths.push(".".to_owned());
            // The shell talks to a terminal: UTF-8, as erl's interactive shell.
            config.unicode_output = true;
            crate::shell::run(config, node)
        }
    }
}

/// `--sname`/`--name` and `--cookie`.
pub(crate) type NodeArgs = ember_dist::node::Options;

/// `--cookie`, for a node that `net_kernel:start/1,2` starts.
static COOKIE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Lets `net_kernel:start/1,2` make `vm` a node. The node then runs until the program ends.
fn install_node_starter(vm: &Vm) {
    static STARTED: std::sync::Mutex<Vec<ember_dist::node::Node>> = std::sync::Mutex::new(Vec::new());
    let cookie = COOKIE.get().cloned();
    let weak = vm.downgrade();
    vm.set_node_starter(std::sync::Arc::new(move |name: &str, long_names: bool| {
        let vm = weak.upgrade().ok_or("the VM has stopped")?;
        let opts = NodeArgs { name: name.to_owned(), long_names, cookie: cookie.clone() };
        let node = ember_dist::node::start(&vm, &opts).map_err(|e| e.to_string())?;
        STARTED.lock().unwrap_or_else(|e| e.into_inner()).push(node);
        Ok(())
    }));
}

/// Makes `vm` a distributed node when the command line asks for one. The node runs as long
/// as the value returned; an error is printed, and is the command's exit code. Without one,
/// `net_kernel:start/1,2` can make it a node later (with the cookie given here, if any).
pub(crate) fn start_node(vm: &Vm, node: Option<&NodeArgs>) -> Result<Option<ember_dist::node::Node>, ExitCode> {
    let Some(opts) = node else {
        install_node_starter(vm);
        return Ok(None);
    };
    match ember_dist::node::start(vm, opts) {
        Ok(n) => Ok(Some(n)),
        Err(e) => {
            eprintln!("ember: {e}");
            Err(ExitCode::from(1))
        }
    }
}

fn add_file_dirs(config: &mut VmConfig, file: &Path) {
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    config.code_path.insert(0, dir.to_path_buf());
    config.include_paths.push(dir.join("../include").to_string_lossy().into_owned());
}

fn run(config: &mut VmConfig, node: Option<&NodeArgs>, file: &Path, args: Vec<String>) -> ExitCode {
    add_file_dirs(config, file);
    let vm = Vm::new(config.clone());
    let _node = match start_node(&vm, node) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let module = match vm.load_file(file) {
        Ok((m, warnings)) => {
            for w in warnings {
                eprintln!("{w}");
            }
            m
        }
        Err(diags) => {
            for d in diags {
                eprintln!("{d}");
            }
            return ExitCode::from(1);
        }
    };
    vm.set_plain_arguments(args.clone());
    let main = ember_vm::term::Atom::new("main");
    // When main returns the program is over: other processes end with it, as erl's halt
    // ends them.
    let result = if vm.function_exported(module, main, 1) {
        let argv = Term::list(args.iter().map(|a| Term::string(a)).collect());
        vm.run_main(module.as_str(), "main", vec![argv])
    } else if vm.function_exported(module, main, 0) {
        vm.run_main(module.as_str(), "main", vec![])
    } else {
        eprintln!("ember: {} exports neither main/1 nor main/0", module.as_str());
        return ExitCode::from(1);
    };
    let code = finish(&vm, result);
    vm.flush();
    std::process::exit(if code == ExitCode::SUCCESS { 0 } else { exit_status(&vm) });
}

/// The status of a failed run: the halt status if the program halted, else 1.
fn exit_status(vm: &Vm) -> i32 {
    vm.halt_status().unwrap_or(1)
}

fn finish(vm: &Vm, result: CallResult) -> ExitCode {
    vm.flush();
    match result {
        CallResult::Returned(_) => ExitCode::SUCCESS,
        CallResult::Raised(class, reason, stack) => {
            vm.write_err(&format!("{}\n", format_exception(class, &reason, &stack)));
            ExitCode::from(1)
        }
        CallResult::Halted(code) => ExitCode::from(code.clamp(0, 255) as u8),
        CallResult::Exited(reason) => {
            vm.write_err(&format!("exception exit: {}\n", ember_vm::term::format::pretty(&reason, 16, 80, None)));
            ExitCode::from(1)
        }
    }
}

fn eval(config: VmConfig, node: Option<&NodeArgs>, exprs: &str) -> ExitCode {
    // Expressions are compiled as the body of a temporary module's function.
    let src = format!(
        "-module(ember_eval).\n-export([eval/0]). -compile({{parse_transform, ms_transform}}).\neval() ->\n{}\n",
        exprs.trim_end().trim_end_matches('.')
    );
    let src = format!("{src}.\n");
    let vm = Vm::new(config);
    let _node = match start_node(&vm, node) {
        Ok(n) => n,
        Err(code) => return code,
    };
    match vm.load_source("eval", &src) {
        Ok(_) => {}
        Err(diags) => {
            for d in diags {
                eprintln!("{d}");
            }
            return ExitCode::from(1);
        }
    }
    match vm.call("ember_eval", "eval", vec![]) {
        CallResult::Returned(v) => {
            println!("{}", ember_vm::term::format::pretty(&v, 0, 80, None));
            ExitCode::SUCCESS
        }
        other => finish(&vm, other),
    }
}

fn disasm(mut config: VmConfig, file: &Path) -> ExitCode {
    add_file_dirs(&mut config, file);
    let vm = Vm::new(config);
    match vm.compile_file(file) {
        Ok(c) => {
            for d in &c.diagnostics {
                eprintln!("{d}");
            }
            match c.module {
                Some(m) => {
                    print!("{}", ember_vm::compile::disasm::disassemble(&m));
                    ExitCode::SUCCESS
                }
                None => ExitCode::from(1),
            }
        }
        Err(e) => {
            eprintln!("ember: cannot read {}: {e}", file.display());
            ExitCode::from(1)
        }
    }
}

/// The source files of a test run: for each path, its root directory and its files.
fn test_sources(paths: &[PathBuf]) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let erl_files = |dir: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "erl")).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let (src, test) = (p.join("src"), p.join("test"));
            let mut files = Vec::new();
            if src.is_dir() || test.is_dir() {
                files.extend(erl_files(&src));
                files.extend(erl_files(&test));
            } else {
                files.extend(erl_files(p));
            }
            out.push((p.clone(), files));
        } else {
            let root = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
            out.push((root, vec![p.clone()]));
        }
    }
    out
}

/// `ember test`: compile and load every module, run EUnit on them in order, report.
fn test(mut config: VmConfig, node: Option<&NodeArgs>, paths: &[PathBuf]) -> ExitCode {
    let sources = test_sources(paths);
    for (root, _) in &sources {
        for sub in ["src", "test", "include"] {
            config.include_paths.push(root.join(sub).to_string_lossy().into_owned());
        }
        config.include_paths.push(root.to_string_lossy().into_owned());
        config.code_path.push(root.join("src"));
        config.code_path.push(root.join("test"));
    }
    let vm = Vm::new(config);
    let _node = match start_node(&vm, node) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let mut modules = Vec::new();
    let mut failed = false;
    for (root, files) in &sources {
        for f in files {
            // Stack traces name files as erlc run from the project root does.
            let shown = f.strip_prefix(root).unwrap_or(f).to_string_lossy().into_owned();
            match vm.load_file_as(f, &shown) {
                Ok((m, warnings)) => {
                    for w in warnings {
                        eprintln!("{w}");
                    }
                    modules.push(Term::Atom(m));
                }
                Err(diags) => {
                    failed = true;
                    for d in diags {
                        let text = d.to_string();
                        let root_prefix = format!("{}/", root.to_string_lossy());
                        println!("{}", text.strip_prefix(&root_prefix).unwrap_or(&text));
                    }
                }
            }
        }
    }
    if failed {
        vm.flush();
        std::process::exit(2);
    }
    let code = match vm.call("eunit", "run_for_ember", vec![Term::list(modules)]) {
        CallResult::Returned(r) => match r.as_tuple() {
            Some([Term::Int(passed), Term::Int(failed)]) => {
                vm.flush();
                println!("{passed} passed, {failed} failed");
                if *failed > 0 || *passed == 0 {
                    1
                } else {
                    0
                }
            }
            _ => 2,
        },
        other => {
            finish(&vm, other);
            2
        }
    };
    vm.flush();
    std::process::exit(code);
}
