//! The interactive shell: read expressions (over several lines, until the full stop), evaluate
//! them with the variables bound so far, print the value as erl's shell does.
//!
//! Each input is compiled into a small module whose function takes the bound variables as
//! arguments and returns the value with the variables bound after it. Shell commands
//! (`b()`, `f()`, `f(X)`, `q()`, `help()`) are answered here; `flush()`, `i()` and `regs()`
//! run as Erlang code. Inputs run in one evaluator process (`ember_shell` in the standard
//! library) that lives across inputs and is replaced if it dies; Ctrl-C during an
//! evaluation kills it. Not yet: completion, `c/1`, `l/1`, `h/1`, `tree/1`, `trace/1`.

use crate::docs;
use ember_vm::interp::exception::Class;
use ember_vm::interp::format_exception;
use ember_vm::syntax::ast::Expr;
use ember_vm::syntax::lexer::lex;
use ember_vm::syntax::parser::parse_exprs;
use ember_vm::syntax::token::Tok;
use ember_vm::term::format::pretty;
use ember_vm::term::Term;
use ember_vm::term::{Atom, Pid};
use ember_vm::HostMailbox;
use ember_vm::{Vm, VmConfig};
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Helper, Hinter};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The line editor's helper: completes module names, `Module:function` and bound
/// variables, and accepts input only once it ends with a full stop outside strings.
#[derive(Helper, Hinter)]
struct Input {
    vm: Vm,
    variables: Arc<std::sync::Mutex<Vec<String>>>,
    /// Colour the input (a terminal, and NO_COLOR not set).
    color: bool,
}

impl Highlighter for Input {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> std::borrow::Cow<'l, str> {
        if self.color {
            std::borrow::Cow::Owned(highlight(line))
        } else {
            std::borrow::Cow::Borrowed(line)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _forced: bool) -> bool {
        self.color
    }
}

/// Colours Erlang source for the terminal: keywords, variables, strings, quoted atoms,
/// numbers and comments; every other character is copied as it is.
fn highlight(line: &str) -> String {
    const RESET: &str = "\x1b[0m";
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 16);
    let mut i = 0;
    let paint = |out: &mut String, color: &str, text: &[char]| {
        out.push_str(color);
        out.extend(text.iter());
        out.push_str(RESET);
    };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c == '%' {
            i = chars[i..].iter().position(|&x| x == '\n').map(|k| i + k).unwrap_or(chars.len());
            paint(&mut out, "\x1b[90m", &chars[start..i]);
        } else if c == '"' || c == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(chars.len());
            paint(&mut out, if c == '"' { "\x1b[32m" } else { "\x1b[35m" }, &chars[start..i]);
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '.' | '#' | '_')) {
                i += 1;
            }
            paint(&mut out, "\x1b[36m", &chars[start..i]);
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '@') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if ember_vm::syntax::token::KEYWORDS.contains(&word.as_str()) {
                paint(&mut out, "\x1b[1;34m", &chars[start..i]);
            } else if c.is_uppercase() || c == '_' {
                paint(&mut out, "\x1b[33m", &chars[start..i]);
            } else {
                out.push_str(&word);
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Should the shell use colour? Only on a terminal, and not if NO_COLOR is set.
fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true)
        && std::io::stdout().is_terminal()
}

impl Completer for Input {
    type Candidate = String;

    fn complete(&self, line: &str, pos: usize, _: &rustyline::Context<'_>) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '@' || *c == '#'))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let word = &before[start..];
        Ok((start, completions(&self.vm, &self.variables, word)))
    }
}

/// What `word` may complete to.
fn completions(vm: &Vm, variables: &std::sync::Mutex<Vec<String>>, word: &str) -> Vec<String> {
    if let Some((module, prefix)) = word.split_once(':') {
        let mut seen = Vec::new();
        for (f, _) in vm.exports(module) {
            if f.starts_with(prefix) && !seen.contains(&f) {
                seen.push(f);
            }
        }
        return seen.into_iter().map(|f| format!("{module}:{f}")).collect();
    }
    if word.starts_with(|c: char| c.is_uppercase() || c == '_') {
        let vars = variables.lock().unwrap_or_else(|e| e.into_inner());
        return vars.iter().filter(|v| v.starts_with(word)).cloned().collect();
    }
    if word.is_empty() {
        return Vec::new();
    }
    if let Some(prefix) = word.strip_prefix('#') {
        return vm.record_names().into_iter().filter(|r| r.starts_with(prefix)).map(|r| format!("#{r}{{")).collect();
    }
    let mut out: Vec<String> =
        vm.module_names().into_iter().filter(|m| m.starts_with(word)).map(|m| format!("{m}:")).collect();
    // Other atoms the VM knows, after the modules.
    for a in vm.atoms_with_prefix(word, 50) {
        if !out.iter().any(|m| m.trim_end_matches(':') == a) {
            out.push(a);
        }
    }
    out
}

impl Validator for Input {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if complete(ctx.input()) { ValidationResult::Valid(None) } else { ValidationResult::Incomplete })
    }
}

/// Does the text end with a full stop token (so it can be evaluated)?
fn complete(text: &str) -> bool {
    let mut diags = Vec::new();
    let toks = lex("shell", text, &mut diags);
    // An unterminated string or atom is incomplete, not an error, while typing.
    if diags.iter().any(|d| d.message.starts_with("unterminated")) {
        return false;
    }
    toks.iter().rev().find(|t| !matches!(t.tok, Tok::Eof)).is_some_and(|t| matches!(t.tok, Tok::Dot))
        || text.trim().is_empty()
}

struct Shell {
    vm: Vm,
    bindings: Vec<(String, Term)>,
    mailbox: HostMailbox,
    evaluator: Pid,
    interrupted: Arc<AtomicBool>,
    /// The bound variables' names, shared with the completer.
    variables: Arc<std::sync::Mutex<Vec<String>>>,
    /// The number of inputs so far, and the module the current one compiles to.
    inputs: u64,
    /// The number of the current prompt (`v(N)` refers to these).
    number: u64,
    module: String,
}

enum Step {
    Continue,
    Quit,
}

/// Runs the shell until `q().` or end of input.
pub(crate) fn run(config: VmConfig, node: Option<&crate::cli::NodeArgs>) -> ExitCode {
    let mut rl = match rustyline::Editor::<Input, rustyline::history::DefaultHistory>::new() {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("ember: cannot open the terminal: {e}");
            return ExitCode::from(1);
        }
    };
    let vm = Vm::new(config);
    let node = match crate::cli::start_node(&vm, node) {
        Ok(n) => n,
        Err(code) => return code,
    };
    // A distributed node's prompt names it, as erl's does: `(a@host)1> `.
    let prefix = node.as_ref().map(|n| format!("({})", n.name())).unwrap_or_default();
    let variables = Arc::new(std::sync::Mutex::new(Vec::new()));
    rl.set_helper(Some(Input { vm: vm.clone(), variables: variables.clone(), color: use_color() }));
    let history = history_file();
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    println!("Ember {} (an Erlang VM) - type q(). to quit, help(). for help", env!("CARGO_PKG_VERSION"));
    let mailbox = vm.host_mailbox();
    let interrupted = Arc::new(AtomicBool::new(false));
    {
        // Ctrl-C while an input is being evaluated stops the evaluation (while reading a
        // line, the line editor handles Ctrl-C itself).
        let flag = interrupted.clone();
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }
    let evaluator = start_evaluator(&vm, &mailbox);
    let mut shell = Shell {
        vm,
        bindings: Vec::new(),
        mailbox,
        evaluator,
        interrupted,
        variables,
        inputs: 0,
        number: 1,
        module: String::new(),
    };
    loop {
        shell.vm.flush();
        // Values are laid out for the terminal's current width, as erl's shell does.
        if let Some((cols, _)) = rl.dimensions() {
            WIDTH.store(cols.max(20), Ordering::Relaxed);
        }
        match rl.readline(&format!("{prefix}{}> ", shell.number)) {
            Ok(line) => {
                if line.trim().is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(line.as_str());
                match shell.eval(&line) {
                    Step::Continue => shell.number += 1,
                    Step::Quit => break,
                }
            }
            Err(ReadlineError::Interrupted) => println!("(interrupted; q(). quits)"),
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = rl.save_history(h);
    }
    ExitCode::SUCCESS
}

/// `$XDG_DATA_HOME/ember/history`, or `~/.local/share/ember/history`.
fn history_file() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share")))?;
    Some(base.join("ember").join("history"))
}

const HELP: &str = "Shell commands:
b()        -- show the bound variables
f()        -- forget all variable bindings
f(X)       -- forget the binding of X
flush()    -- print and remove the messages the shell has received
c(File)    -- compile and load File (a module name or a file name)
help()     -- this text
h(Mod)     -- what Mod is (its source's leading comment) and what it exports
h(Mod,Fun) -- the arities of Mod:Fun and the comment above it
l(Mod)     -- load module Mod again from the code path
ls(), cd(Dir), pwd() -- list, change and show the current directory
m(), m(Mod) -- the loaded modules; what Mod exports
i()        -- information about the processes
i(Pid)     -- everything process_info/1 tells about Pid
pid(A,B,C) -- the pid <A.B.C>
regs()     -- the registered processes
top()      -- the busiest processes, by reductions
trace(Pid) -- show the messages Pid receives and sends, live, until untrace(Pid)
tree(Sup)  -- draw the supervision tree under Sup
v(N)       -- the value of input N (v(-1): the one before this)
q()        -- quit the shell (also Ctrl-D)
Any other input is Erlang expressions ending with a full stop. Ctrl-C stops an
evaluation that takes too long; the shell's variables stay bound.";

impl Shell {
    fn eval(&mut self, text: &str) -> Step {
        // Each input gets a module of its own: funs made by earlier inputs (and processes
        // running them) keep their code, as they would if it were never reloaded.
        self.inputs += 1;
        self.module = format!("$ember_shell_{}", self.inputs);
        let step = self.eval_input(text);
        let names: Vec<String> = self.bindings.iter().map(|(n, _)| n.clone()).collect();
        *self.variables.lock().unwrap_or_else(|e| e.into_inner()) = names;
        // The input asked the VM to stop: init:stop/0 returns first (its value shows), and
        // the VM halts a moment later.
        let asked = std::time::Instant::now();
        while self.vm.halt_pending() && self.vm.halt_status().is_none() && asked.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(5));
        }
        if self.vm.halt_status().is_some() {
            return Step::Quit;
        }
        step
    }

    fn eval_input(&mut self, text: &str) -> Step {
        let mut diags = Vec::new();
        let toks = lex("shell", text, &mut diags);
        let exprs = parse_exprs("shell", toks, &mut diags);
        if let Some(d) = diags.first() {
            println!("* {}:{}: {}", d.pos.line, d.pos.col, d.message);
            return Step::Continue;
        }
        let Some(exprs) = exprs else { return Step::Continue };
        if let Some(step) = self.command(text) {
            return step;
        }
        if let [Expr::Call(_, f, args)] = exprs.as_slice() {
            if let (Expr::Atom(_, name), [arg]) = (f.as_ref(), args.as_slice()) {
                let file = match arg {
                    Expr::Atom(_, a) => Some(a.clone()),
                    Expr::Str(_, s) => Some(s.clone()),
                    _ => None,
                };
                if let (Some(file), "c" | "l") = (file.clone(), name.as_str()) {
                    self.compile_and_load(name == "c", &file);
                    return Step::Continue;
                }
                if let (Expr::Atom(_, m), "h") = (arg, name.as_str()) {
                    self.help_module(m, None);
                    return Step::Continue;
                }
            }
            if let (Expr::Atom(_, name), [Expr::Atom(_, m), Expr::Atom(_, fun)]) = (f.as_ref(), args.as_slice()) {
                if name == "h" {
                    self.help_module(m, Some(fun));
                    return Step::Continue;
                }
            }
        }
        let names = ember_vm::compile::expr_variables(&exprs);
        let bound: Vec<String> = self.bindings.iter().map(|(n, _)| n.clone()).collect();
        let mut new: Vec<String> = names.into_iter().filter(|n| n != "_" && !bound.contains(n)).collect();
        let body = text.trim_end().trim_end_matches('.');
        // Compile; variables that are not bound after the input (unsafe, or only used) are
        // dropped from the returned bindings and the module is compiled again.
        for _ in 0..4 {
            let src = module_source(&self.module, self.number, &bound, &new, body);
            match self.vm.load_source("shell", &src) {
                Ok(_) => return self.run(&new),
                Err(errors) => {
                    let trailer_line = 4 + body.lines().count() as u32;
                    let bad: Vec<String> = new
                        .iter()
                        .filter(|v| {
                            errors.iter().any(|d| d.pos.line >= trailer_line && d.message.contains(&format!("'{v}'")))
                        })
                        .cloned()
                        .collect();
                    if bad.is_empty() {
                        for d in errors.iter().filter(|d| d.is_error()) {
                            let line = d.pos.line.saturating_sub(3).max(1);
                            println!("* {}:{}: {}", line, d.pos.col, d.message);
                        }
                        return Step::Continue;
                    }
                    new.retain(|v| !bad.contains(v));
                }
            }
        }
        Step::Continue
    }

    fn run(&mut self, new: &[String]) -> Step {
        let args: Vec<Term> = self.bindings.iter().map(|(_, v)| v.clone()).collect();
        let request = Term::tuple([
            Term::atom("eval"),
            Term::atom(&self.module),
            Term::atom("$eval"),
            Term::list(args),
            Term::Int(self.number as i64),
        ]);
        self.interrupted.store(false, Ordering::SeqCst);
        self.vm.send(self.evaluator, request);
        loop {
            if self.interrupted.swap(false, Ordering::SeqCst) {
                self.vm.exit(self.evaluator, Term::atom("kill"));
            }
            // A VM that halts ends the shell, after the value of the input that stopped it
            // (init:stop/0 returns ok) if that comes.
            let Some(msg) = self.mailbox.recv_timeout(Duration::from_millis(50)) else {
                if self.vm.halt_status().is_some() {
                    return Step::Quit;
                }
                continue;
            };
            // What the evaluation printed comes before its value.
            self.vm.flush();
            let Some(t) = msg.as_tuple() else { continue };
            match t {
                [tag, Term::Pid(from), reply]
                    if tag.is_atom(Atom::new("ember_shell_result")) && *from == self.evaluator =>
                {
                    match reply.as_tuple() {
                        Some([_, v]) => {
                            if let Some([v, Term::Tuple(vals)]) = v.as_tuple() {
                                for (name, val) in new.iter().zip(vals.iter()) {
                                    self.bindings.push((name.clone(), val.clone()));
                                }
                                println!("{}", pretty(v, 1, terminal_width(), None));
                            }
                        }
                        Some([_, class, reason, stack]) => {
                            let class = match class.as_atom().map(|a| a.as_str()) {
                                Some("throw") => Class::Throw,
                                Some("exit") => Class::Exit,
                                _ => Class::Error,
                            };
                            print_exception(class, reason, stack);
                        }
                        _ => {}
                    }
                    return Step::Continue;
                }
                [tag, Term::Pid(from), reason]
                    if tag.is_atom(Atom::new("ember_shell_died")) && *from == self.evaluator =>
                {
                    // The evaluator was killed (by an exit signal or Ctrl-C): replace it, as
                    // erl's shell does; the bindings stay.
                    println!("** exception exit: {}", pretty(reason, 21, terminal_width(), None));
                    self.evaluator = start_evaluator(&self.vm, &self.mailbox);
                    return Step::Continue;
                }
                _ => {}
            }
        }
    }

    /// `c(File)` compiles and loads a file; `l(Mod)` loads a module again from the code
    /// path. Processes running the old version keep it; calls `Mod:f(...)` go to the new one.
    fn compile_and_load(&mut self, compile: bool, name: &str) {
        let r = if compile {
            let file = if name.ends_with(".erl") { name.to_owned() } else { format!("{name}.erl") };
            self.vm.load_file(std::path::Path::new(&file))
        } else {
            self.vm.reload(name)
        };
        match r {
            Ok((m, warnings)) => {
                for w in warnings {
                    println!("{w}");
                }
                if compile {
                    println!("{{ok,{}}}", ember_vm::term::print::quote_atom(m.as_str()));
                } else {
                    println!("{{module,{}}}", ember_vm::term::print::quote_atom(m.as_str()));
                }
            }
            Err(diags) => {
                for d in diags {
                    println!("{d}");
                }
                println!("error");
            }
        }
    }

    /// `h(Mod)`: the module's leading comment and its exports; `h(Mod, Fun)`: the comment
    /// above the function and its arities. The documentation is the source's comments.
    fn help_module(&mut self, module: &str, fun: Option<&str>) {
        let exports = self.vm.exports(module);
        if exports.is_empty() {
            println!("{{error,missing}}");
            return;
        }
        // The module's doc file if it has one, else the comments in its source.
        let doc = self.vm.module_doc(module);
        let src = self.vm.module_source(module).unwrap_or_default();
        match fun {
            None => {
                println!("\n\t{module}\n");
                match doc {
                    Some(doc) => println!("{}", indent(&docs::summary(doc))),
                    None => {
                        for line in src.lines().take_while(|l| l.starts_with('%')) {
                            println!("  {}", line.trim_start_matches('%').trim_start());
                        }
                    }
                }
                println!();
                for (f, a) in &exports {
                    println!("  {f}/{a}");
                }
            }
            Some(fun) => {
                let arities: Vec<u32> = exports.iter().filter(|(f, _)| f == fun).map(|(_, a)| *a).collect();
                if arities.is_empty() {
                    println!("{{error,missing}}");
                    return;
                }
                if let Some(doc) = doc {
                    let sections = docs::function(doc, fun);
                    for a in &arities {
                        println!("\n  {module}:{fun}/{a}\n");
                        if let Some((_, text)) = sections.iter().find(|(n, _)| n == a) {
                            println!("{}", indent(text));
                        }
                    }
                    println!("ok");
                    return;
                }
                for a in &arities {
                    println!("\n  {module}:{fun}/{a}");
                }
                // The comment block right above the function's first clause.
                let lines: Vec<&str> = src.lines().collect();
                if let Some(i) = lines.iter().position(|l| l.starts_with(&format!("{fun}("))) {
                    let mut start = i;
                    while start > 0 && lines[start - 1].starts_with('%') {
                        start -= 1;
                    }
                    println!();
                    for l in &lines[start..i] {
                        println!("  {}", l.trim_start_matches('%').trim_start());
                    }
                }
            }
        }
        println!("ok");
    }

    /// Shell commands, recognised from their exact text.
    fn command(&mut self, text: &str) -> Option<Step> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        match t.as_str() {
            "q()." | "halt()." => return Some(Step::Quit),
            "help()." => println!("{HELP}"),
            "f()." => {
                self.bindings.clear();
                println!("ok");
            }
            "b()." => {
                for (n, v) in &self.bindings {
                    println!("{n} = {}", pretty(v, n.len() + 4, terminal_width(), None));
                }
                println!("ok");
            }
            _ => {
                let name = t.strip_prefix("f(")?.strip_suffix(").")?;
                if !name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_') {
                    return None;
                }
                self.bindings.retain(|(n, _)| n != name);
                println!("ok");
            }
        }
        Some(Step::Continue)
    }
}

/// Starts an evaluator process for the shell, reporting to `mailbox`.
fn start_evaluator(vm: &Vm, mailbox: &HostMailbox) -> Pid {
    vm.spawn("ember_shell", "start", vec![Term::Pid(mailbox.pid())]);
    loop {
        if let Some(m) = mailbox.recv_timeout(Duration::from_secs(5)) {
            if let Some([tag, _, Term::Pid(eval)]) = m.as_tuple() {
                if tag.is_atom(Atom::new("ember_shell_started")) {
                    return *eval;
                }
            }
        } else {
            eprintln!("ember: the shell's evaluator did not start");
            std::process::exit(1);
        }
    }
}

/// The module an input becomes: bound variables in, value and new bindings out. The shell
/// commands that run as Erlang code are local functions of it.
fn module_source(module: &str, number: u64, bound: &[String], new: &[String], body: &str) -> String {
    format!(
        "-module('{}').\n-export(['$eval'/{}]). -compile({{parse_transform, ms_transform}}).\n'$eval'({}) -> '$ember_value'(begin\n{}\nend, {{{}}}).\n'$ember_value'(V, B) -> {{V, B}}.\nflush() -> ember_shell:flush().\ni() -> ember_shell:i().\ni(P) -> ember_shell:i(P).\nregs() -> ember_shell:regs().\ntrace(P) -> ember_shell:trace(P).\nuntrace(P) -> ember_shell:untrace(P).\ntop() -> ember_shell:top().\nm() -> ember_shell:m().\nm(M) -> ember_shell:m(M).\npwd() -> ember_shell:pwd().\ncd(D) -> ember_shell:cd(D).\nls() -> ember_shell:ls().\nls(D) -> ember_shell:ls(D).\nv(N) when N < 0 -> ember_shell:v({}+N);\nv(N) -> ember_shell:v(N).\nnodes() -> erlang:nodes().\ntree(S) -> ember_shell:tree(S).\npid(A, B, C) -> list_to_pid(lists:flatten(io_lib:format(\"<~w.~w.~w>\", [A, B, C]))).\n",
        module,
        bound.len(),
        bound.join(", "),
        body,
        new.join(", "),
        number
    )
}

/// The terminal's width, as the line editor last measured it (80 if unknown).
static WIDTH: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(80);

fn terminal_width() -> usize {
    WIDTH.load(Ordering::Relaxed)
}

/// An exception as erl's shell shows it: `** exception error: ...`.
fn print_exception(class: Class, reason: &Term, stack: &Term) {
    // Frames of the shell's own evaluation module are not the user's.
    let frames: Vec<Term> = stack
        .iter_list()
        .filter(|f| !f.as_tuple().and_then(|t| t.first()).is_some_and(|m| m.to_string().contains("$ember_shell")))
        .cloned()
        .collect();
    let text = format_exception(class, reason, &Term::list(frames));
    let mut lines = text.lines();
    if let Some(first) = lines.next() {
        println!("** {first}");
    }
    for l in lines {
        println!("   {l}");
    }
}

/// Text indented by two spaces (blank lines stay empty).
fn indent(text: &str) -> String {
    text.lines()
        .map(|l| if l.trim().is_empty() { String::new() } else { format!("  {l}") })
        .collect::<Vec<_>>()
        .join("\n")
}
