//! Standard input, for the io server behind `standard_io` (`file_io_server` in the standard
//! library).
//!
//! A process asks for input with `ember_io:read_stdin/0`, which returns a reference at once;
//! a reader thread of the VM, started by the first request, reads one chunk of the VM's
//! [`Input`] and sends it to that process as `{ember_stdin, Ref, Result}`, where `Result` is
//! `{ok, Binary}`, `eof` or `{error, Posix}`. So no built-in ever waits for input: the
//! asking process waits in `receive`, and a scheduler thread stays free to run others.
//!
//! The thread reads only when asked, one chunk per request (a terminal gives a line at a
//! time), so that a program that never reads leaves standard input alone, and one that reads
//! a line does not swallow what comes after it in a terminal. Buffering, lines, characters
//! and prompts are the io server's business, not this file's. Deliberately absent: line
//! editing and echo control (the terminal's own cooked mode does what there is).

use crate::process::Signal;
use crate::term::{Atom, Pid, Ref, Term};
use crate::vm::VmShared;
use parking_lot::Mutex;
use std::io::Read;
use std::sync::mpsc;
use std::sync::{Arc, Weak};

/// Where a VM's standard input comes from.
pub trait Input: Send + Sync {
    /// Reads the next bytes into `buf`, waiting until there are some; 0 at the end.
    fn read(&self, buf: &mut [u8]) -> std::io::Result<usize>;
}

/// The OS process's standard input.
pub struct StdInput;

impl Input for StdInput {
    fn read(&self, buf: &mut [u8]) -> std::io::Result<usize> {
        std::io::stdin().lock().read(buf)
    }
}

/// No input at all: every read is at the end (for embedding and tests).
pub struct NoInput;

impl Input for NoInput {
    fn read(&self, _buf: &mut [u8]) -> std::io::Result<usize> {
        Ok(0)
    }
}

/// Input held in memory, read in chunks of at most `chunk` bytes (for tests).
pub struct MemoryInput {
    data: Mutex<(Vec<u8>, usize)>,
    chunk: usize,
}

impl MemoryInput {
    /// Input that yields `data`, `chunk` bytes (at least one) at a time.
    pub fn new(data: Vec<u8>, chunk: usize) -> MemoryInput {
        MemoryInput { data: Mutex::new((data, 0)), chunk: chunk.max(1) }
    }
}

impl Input for MemoryInput {
    fn read(&self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut g = self.data.lock();
        let (data, at) = &mut *g;
        let n = buf.len().min(self.chunk).min(data.len() - *at);
        buf[..n].copy_from_slice(&data[*at..*at + n]);
        *at += n;
        Ok(n)
    }
}

/// The size of one read.
const CHUNK: usize = 64 * 1024;

/// The reader of one VM's standard input.
pub(crate) struct StdinReader {
    input: Arc<dyn Input>,
    /// Requests to the reader thread, once it runs.
    requests: Mutex<Option<mpsc::Sender<(Pid, Ref)>>>,
}

impl StdinReader {
    pub(crate) fn new(input: Arc<dyn Input>) -> StdinReader {
        StdinReader { input, requests: Mutex::new(None) }
    }

    /// Asks for the next chunk of input on behalf of `pid`, which will get it as a message
    /// tagged with `r`. Returns false if the reader thread could not be started.
    pub(crate) fn request(&self, vm: &Arc<VmShared>, pid: Pid, r: Ref) -> bool {
        let mut g = self.requests.lock();
        if g.is_none() {
            let (tx, rx) = mpsc::channel();
            let input = self.input.clone();
            let weak = Arc::downgrade(vm);
            let spawned =
                std::thread::Builder::new().name("ember-stdin".into()).spawn(move || read_loop(input, rx, weak));
            if spawned.is_err() {
                return false;
            }
            *g = Some(tx);
        }
        g.as_ref().is_some_and(|tx| tx.send((pid, r)).is_ok())
    }
}

/// The reader thread: one chunk per request, until the VM is gone (its end drops the
/// sender, which ends the loop once the thread is not inside a read).
fn read_loop(input: Arc<dyn Input>, rx: mpsc::Receiver<(Pid, Ref)>, vm: Weak<VmShared>) {
    let mut buf = vec![0u8; CHUNK];
    for (pid, r) in rx {
        let result = loop {
            match input.read(&mut buf) {
                Ok(0) => break Term::atom("eof"),
                Ok(n) => break Term::tuple([Term::atom("ok"), Term::binary(buf[..n].to_vec())]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => break Term::tuple([Term::atom("error"), crate::bif::posix_error(&e)]),
            }
        };
        let Some(vm) = vm.upgrade() else { return };
        let msg = Term::tuple([Term::Atom(Atom::new("ember_stdin")), Term::Ref(r), result]);
        vm.signal(pid, Signal::Message(msg));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_input_comes_in_chunks_then_ends() {
        let input = MemoryInput::new(b"hello".to_vec(), 2);
        let mut buf = [0u8; 8];
        let mut got = Vec::new();
        loop {
            let n = input.read(&mut buf).unwrap_or(0);
            if n == 0 {
                break;
            }
            assert!(n <= 2);
            got.extend_from_slice(&buf[..n]);
        }
        assert_eq!(got, b"hello");
    }
}
