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
fn processes_run_from_the_shell() {
    let mut s = shell();
    s.send_line("P = spawn(fun() -> receive M -> io:format(\"got ~p~n\", [M]) end end), P ! hello.").expect("send");
    s.exp_string("got hello").expect("the process prints");
    s.exp_string("2> ").expect("prompt");
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
