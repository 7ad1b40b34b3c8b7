//! The shell, driven through a pseudo-terminal as a person would use it.

use rexpect::session::spawn_command;
use std::process::Command;

fn shell() -> rexpect::session::PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ember"));
    // Keep the test's history out of the user's.
    cmd.env("XDG_DATA_HOME", std::env::temp_dir().join("ember-shell-test"));
    let mut s = spawn_command(cmd, Some(10_000)).expect("ember starts");
    s.exp_string("1> ").expect("first prompt");
    s
}

#[test]
fn bindings_last_across_lines_and_exceptions() {
    let mut s = shell();
    s.send_line("X = 1 + 2.").expect("send");
    s.exp_string("3").expect("value");
    s.exp_string("2> ").expect("prompt");
    // A multi-line expression: the shell waits for the full stop.
    s.send_line("Y = [X,").expect("send");
    s.send_line("X * 10].").expect("send");
    s.exp_string("[3,30]").expect("list");
    s.exp_string("3> ").expect("prompt");
    s.send_line("1 / 0.").expect("send");
    s.exp_string("** exception error: an error occurred when evaluating an arithmetic expression").expect("error");
    s.exp_string("4> ").expect("prompt");
    s.send_line("{X, Y}.").expect("send");
    s.exp_string("{3,[3,30]}").expect("bindings survive the exception");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

#[test]
fn ets_fun2ms_works_in_the_shell() {
    let mut s = shell();
    s.send_line("Lim = 3, ets:fun2ms(fun({K, V}) when V > Lim -> K end).").expect("send");
    s.exp_string("[{{'$1','$2'},[{'>','$2',{const,3}}],['$1']}]").expect("the match specification");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

#[test]
fn init_stop_shows_its_value_and_ends_the_shell() {
    let mut s = shell();
    s.send_line("init:stop().").expect("send");
    s.exp_string("ok").expect("init:stop/0 returns");
    s.exp_eof().expect("the shell exits without another prompt");
}

#[test]
fn processes_run_from_the_shell() {
    let mut s = shell();
    s.send_line("P = spawn(fun() -> receive M -> io:format(\"got ~p~n\", [M]) end end), P ! hello.").expect("send");
    // The process prints on its own schedule, before or after the next prompt.
    s.exp_string("got hello").expect("the process prints");
    s.send_line("Z + 1.").expect("send");
    s.exp_string("* 1:1: variable 'Z' is unbound").expect("diagnostic");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

#[test]
fn ctrl_c_stops_an_endless_evaluation_and_the_shell_answers() {
    let mut s = shell();
    s.send_line("X = 7.").expect("send");
    s.exp_string("2> ").expect("prompt");
    s.send_line("fun L() -> L() end().").expect("send");
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.send_control('c').expect("ctrl-c");
    s.exp_string("** exception exit: killed").expect("the evaluation is stopped");
    s.exp_string("3> ").expect("prompt");
    s.send_line("X * 6.").expect("send");
    s.exp_string("42").expect("bindings survive");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

/// Reading standard input from the shell reads the terminal, between two of the shell's
/// own lines, and leaves the next line to the shell.
#[test]
fn io_reads_from_the_shell_read_the_terminal() {
    let mut s = shell();
    s.send_line("Name = io:get_line(\"name? \").").expect("send");
    s.exp_string("name? ").expect("the prompt");
    s.send_line("bob").expect("send");
    s.exp_string("\"bob\\n\"").expect("the line");
    s.exp_string("2> ").expect("prompt");
    s.send_line("io:read(\"term> \").").expect("send");
    s.exp_string("term> ").expect("the prompt");
    s.send_line("{a, [1, 2]}.").expect("send");
    s.exp_string("{ok,{a,[1,2]}}").expect("the term");
    s.exp_string("3> ").expect("prompt");
    s.send_line("Name.").expect("send");
    s.exp_string("\"bob\\n\"").expect("bound");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

#[test]
fn messages_to_the_shell_are_flushed() {
    let mut s = shell();
    s.send_line("self() ! hello.").expect("send");
    s.exp_string("2> ").expect("prompt");
    s.send_line("flush().").expect("send");
    s.exp_string("Shell got hello").expect("flush prints the message");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

/// c/1 loads a new version while a process runs the old one; fully qualified calls go to
/// the new version; a third load purges the oldest and kills the process still in it.
#[test]
fn hot_code_reload_from_the_shell() {
    let dir = std::env::temp_dir().join(format!("ember-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let src = |v: u32| {
        format!(
            "-module(counter).\n-export([start/0, loop/0, version/0]).\nversion() -> {v}.\n\
             start() -> spawn(fun loop/0).\nloop() -> receive {{From, v}} -> From ! {{v, version()}}, loop() end.\n"
        )
    };
    std::fs::write(dir.join("counter.erl"), src(1)).expect("write");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ember"));
    cmd.current_dir(&dir).env("XDG_DATA_HOME", std::env::temp_dir().join("ember-shell-test"));
    let mut s = spawn_command(cmd, Some(10_000)).expect("ember starts");
    s.exp_string("1> ").expect("prompt");
    // Each step waits for the next prompt, so that no input is typed ahead.
    let step = |s: &mut rexpect::session::PtySession, input: &str, expect: &str, n: u32, why: &str| {
        s.send_line(input).expect("send");
        s.exp_string(expect).expect(why);
        s.exp_string(&format!("{n}> ")).expect("prompt");
    };
    step(&mut s, "c(counter).", "{ok,counter}", 2, "compiled");
    step(&mut s, "P = counter:start().", "<0.", 3, "started");
    step(&mut s, "P ! {self(), v}, receive R1 -> R1 end.", "{v,1}", 4, "version 1");
    std::fs::write(dir.join("counter.erl"), src(2)).expect("write");
    step(&mut s, "c(counter).", "{ok,counter}", 5, "compiled again");
    step(&mut s, "P ! {self(), v}, receive R2 -> R2 end.", "{v,1}", 6, "the running process keeps the old code");
    step(&mut s, "{new, counter:version()}.", "{new,2}", 7, "qualified calls reach the new code");
    step(&mut s, "l(counter).", "{module,counter}", 8, "loaded a third time");
    step(&mut s, "is_process_alive(P).", "false", 9, "the purge killed the process in the oldest code");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tab_completes_exported_functions_and_variables() {
    let mut s = shell();
    s.send("lists:rev\t").expect("send");
    s.flush().expect("flush");
    s.exp_string("lists:reverse").expect("lists:rev<TAB> completes to lists:reverse");
    s.send_line("([1,2]).").expect("send");
    s.exp_string("[2,1]").expect("the completed call runs");
    s.send_line("LongVariableName = 5.").expect("send");
    s.exp_string("3> ").expect("prompt");
    s.send("LongV\t").expect("send");
    s.flush().expect("flush");
    s.exp_string("LongVariableName").expect("variables complete");
    s.send_line(" + 1.").expect("send");
    s.exp_string("6").expect("value");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

#[test]
fn trace_shows_messages_live_until_untrace() {
    let mut s = shell();
    s.send_line("P = spawn(fun L() -> receive {From, X} -> From ! {echo, X}, L() end end).").expect("send");
    s.exp_string("2> ").expect("prompt");
    s.send_line("trace(P).").expect("send");
    s.exp_string("3> ").expect("prompt");
    s.send_line("P ! {self(), hi}, receive R -> R end.").expect("send");
    s.exp_string("received {").expect("the receive is traced");
    s.exp_string("sent {echo,hi} to").expect("the send is traced");
    s.exp_string("4> ").expect("prompt");
    s.send_line("untrace(P), P ! {self(), quiet}, receive R2 -> R2 end.").expect("send");
    s.exp_string("{echo,quiet}").expect("value");
    s.send_line("top().").expect("send");
    s.exp_string("Reductions").expect("top lists processes");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

#[test]
fn shell_commands_show_values_processes_and_modules() {
    let mut s = shell();
    s.send_line("20 + 1.").expect("send");
    s.exp_string("2> ").expect("prompt");
    s.send_line("v(1) * 2.").expect("send");
    s.exp_string("42").expect("v(1) is the value of input 1");
    s.exp_string("3> ").expect("prompt");
    s.send_line("i().").expect("send");
    s.exp_string("Initial call").expect("i() lists processes");
    s.exp_string("ember_shell:").expect("the shell's own processes are listed");
    s.exp_string("4> ").expect("prompt");
    s.send_line("h(lists, reverse).").expect("send");
    s.exp_string("lists:reverse/1").expect("h/2 shows the arities");
    s.exp_string("5> ").expect("prompt");
    s.send_line("h(timer, sleep).").expect("send");
    s.exp_string("sleep(Milliseconds) -> ok").expect("h/2 shows the function's doc");
    s.exp_string("Suspends the calling process").expect("h/2 shows the function's doc");
    s.exp_string("6> ").expect("prompt");
    s.send_line("h(timer).").expect("send");
    s.exp_string("Waiting, measuring and timed actions.").expect("h/1 shows the module's summary");
    s.exp_string("7> ").expect("prompt");
    s.send_line("help().").expect("send");
    s.exp_string("trace(Pid)").expect("help lists the commands");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

#[test]
fn no_color_is_respected() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ember"));
    cmd.env("XDG_DATA_HOME", std::env::temp_dir().join("ember-shell-test")).env("NO_COLOR", "1");
    let mut s = spawn_command(cmd, Some(10_000)).expect("ember starts");
    s.exp_string("1> ").expect("prompt");
    s.send_line("case X = 1 of 1 -> \"one\" end.").expect("send");
    let before = s.exp_string("\"one\"\r\n").expect("value");
    // Cursor movements are fine; colours (`ESC[...m`) are not.
    let colours = before.split('\u{1b}').skip(1).any(|seq| {
        seq.split_once('m')
            .is_some_and(|(code, _)| code.starts_with('[') && code[1..].chars().all(|c| c.is_ascii_digit() || c == ';'))
    });
    assert!(!colours, "colour codes despite NO_COLOR: {before:?}");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}

/// tree/1 draws a supervision tree, and shows the restart a crash caused.
#[test]
fn tree_draws_a_supervisor_after_restarts() {
    let dir = std::env::temp_dir().join(format!("ember-tree-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("demo_sup.erl"),
        "-module(demo_sup).\n-behaviour(supervisor).\n-export([start/0, init/1, worker/0]).\n\
         start() -> {ok, P} = supervisor:start_link({local, demo_sup}, ?MODULE, []), unlink(P), P.\n\
         init([]) -> {ok, {#{strategy => one_for_one, intensity => 5, period => 10},\n\
           [#{id => echo, start => {erlang, apply, [fun() -> {ok, spawn_link(?MODULE, worker, [])} end, []]}}]}}.\n\
         worker() -> receive stop -> ok end.\n",
    )
    .expect("write");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ember"));
    cmd.current_dir(&dir).env("XDG_DATA_HOME", std::env::temp_dir().join("ember-shell-test"));
    let mut s = spawn_command(cmd, Some(10_000)).expect("ember starts");
    s.exp_string("1> ").expect("prompt");
    s.send_line("Sup = demo_sup:start().").expect("send");
    s.exp_string("2> ").expect("prompt");
    s.send_line("[{echo, W, worker, _}] = supervisor:which_children(demo_sup), exit(W, kill).").expect("send");
    s.exp_string("true").expect("killed");
    s.exp_string("3> ").expect("prompt");
    s.send_line("timer:sleep(100), tree(demo_sup).").expect("send");
    s.exp_string("demo_sup <0.").expect("the supervisor");
    s.exp_string("one_for_one").expect("its strategy");
    s.exp_string("1 recent").expect("the restart");
    s.exp_string("`-- echo <0.").expect("its child");
    s.exp_string("worker permanent, restarts: 1").expect("type, restart type and restarts so far");
    s.exp_string("running").expect("status");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--sname` makes the shell a node: its prompt names it, and another node's message
/// reaches a process registered there (the README's two-node tour).
#[test]
fn a_distributed_shell_names_its_node_and_gets_messages() {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let host = host.trim().split('.').next().unwrap_or("localhost").to_owned();
    let name = format!("shell_{}", std::process::id());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ember"));
    cmd.env("XDG_DATA_HOME", std::env::temp_dir().join("ember-shell-test"));
    cmd.args(["--sname", &name, "--cookie", "shell_test"]);
    let mut s = spawn_command(cmd, Some(10_000)).expect("ember starts");
    s.exp_string(&format!("({name}@{host})1> ")).expect("the prompt names the node");
    s.send_line("register(shell, self()), node().").expect("send");
    s.exp_string(&format!("{name}@{host}")).expect("node()");
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .args(["--sname", &format!("{name}_b"), "--cookie", "shell_test", "eval"])
        .arg(format!("{{net_adm:ping('{name}@{host}'), {{shell, '{name}@{host}'}} ! {{hello, node()}}}}."))
        .output()
        .expect("run the other node");
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{{pong,{{hello,{name}_b@{host}}}}}\n"));
    s.send_line("flush().").expect("send");
    s.exp_string(&format!("Shell got {{hello,{name}_b@{host}}}")).expect("the message came");
    s.send_line("q().").expect("send");
    s.exp_eof().expect("the shell exits");
}
