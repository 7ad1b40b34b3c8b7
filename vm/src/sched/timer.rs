//! The timer service: one thread keeps every pending timer of a VM (receive timeouts,
//! `send_after`, `start_timer`) in a hierarchical timer wheel and fires each when it is
//! due. No timer has a thread of its own; an idle VM's timer thread sleeps until the next
//! deadline, or until a new timer comes before it.
//!
//! The wheel counts ticks of a millisecond from the VM's start. It has [`LEVELS`] levels of
//! 64 slots: level `L` holds the timers whose deadline first differs from the current tick
//! in the `L`th group of six bits, in the slot that group names. So adding and cancelling
//! are O(1), and a timer moves down a level each time the wheel reaches its slot, at most
//! [`LEVELS`] times in its life. A timer fires at the first tick at or after its deadline
//! (never early), and timers due at the same tick fire in the order of their deadlines,
//! then of their creation.

use crate::process::Signal;
use crate::sync::{lock, Condvar, Mutex};
use crate::term::{Pid, Term};
use crate::vm::VmShared;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Weak;
use std::time::{Duration, Instant};

/// What a timer does when it fires.
pub(crate) enum TimerAction {
    /// Wakes a process waiting in `receive ... after`.
    Wake(Pid),
    /// Sends a message to a pid or a registered name.
    Send {
        /// The destination.
        to: Term,
        /// The message.
        msg: Term,
    },
}

/// Bits of a tick per level.
const BITS: u32 = 6;
/// Slots per level.
const SLOTS: usize = 1 << BITS;
/// Levels: 64^7 ms is over 100 years. A later deadline is taken as the wheel's last tick.
const LEVELS: usize = 7;
/// The last tick the wheel can hold.
const MAX_TICK: u64 = (1 << (BITS as usize * LEVELS)) - 1;

struct Entry {
    deadline: Instant,
    tick: u64,
    action: TimerAction,
}

/// The timer wheel: what the lock of [`Timers`] protects.
struct Wheel {
    /// Every tick before this one has been processed.
    elapsed: u64,
    /// Timer ids by level and slot. A cancelled timer's id stays until its slot is
    /// processed (or the slots are compacted): cancelling is one removal from `entries`.
    slots: Vec<Vec<u64>>,
    /// Bit `s` of word `L`: slot `s` of level `L` holds an id.
    occupied: [u64; LEVELS],
    /// Ids of cancelled timers still in slots (at most; some may have gone since).
    stale: usize,
    /// Timers due at or before `elapsed` that have not fired yet.
    due: Vec<u64>,
    entries: HashMap<u64, Entry>,
}

impl Wheel {
    fn new() -> Wheel {
        Wheel {
            elapsed: 0,
            slots: (0..LEVELS * SLOTS).map(|_| Vec::new()).collect(),
            occupied: [0; LEVELS],
            stale: 0,
            due: Vec::new(),
            entries: HashMap::default(),
        }
    }

    /// The level and slot a timer due at `tick` goes in (`elapsed` < `tick` <= `MAX_TICK`):
    /// the highest group of six bits in which `tick` differs from `elapsed`, and `tick`'s
    /// value in that group. The slot then starts after `elapsed` and at or before `tick`.
    fn place_for(&self, tick: u64) -> (usize, usize) {
        let differ = self.elapsed ^ tick;
        let level = ((63 - differ.leading_zeros()) / BITS) as usize;
        (level, ((tick >> (BITS * level as u32)) as usize) & (SLOTS - 1))
    }

    /// Files timer `id`, due at `tick`.
    fn file(&mut self, id: u64, tick: u64) {
        if tick <= self.elapsed {
            self.due.push(id);
        } else {
            let (level, slot) = self.place_for(tick);
            self.slots[level * SLOTS + slot].push(id);
            self.occupied[level] |= 1 << slot;
        }
    }

    /// Adds a timer.
    fn add(&mut self, id: u64, e: Entry) {
        self.file(id, e.tick);
        self.entries.insert(id, e);
    }

    /// Removes timer `id`, returning its entry.
    fn remove(&mut self, id: u64) -> Option<Entry> {
        let e = self.entries.remove(&id)?;
        self.stale += 1;
        if self.stale > 1024 && self.stale > 4 * self.entries.len() {
            // Mostly cancelled timers (a server whose calls all return before their
            // timeouts): file the live ones afresh rather than wait for their slots.
            for level in 0..LEVELS {
                let mut bits = self.occupied[level];
                while bits != 0 {
                    let slot = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    self.slots[level * SLOTS + slot].clear();
                }
            }
            self.occupied = [0; LEVELS];
            let live: Vec<(u64, u64)> = self.entries.iter().map(|(id, e)| (*id, e.tick)).collect();
            for (id, tick) in live {
                // (An id already in `due` stays there, and is not filed twice.)
                if tick > self.elapsed {
                    self.file(id, tick);
                }
            }
            self.stale = 0;
        }
        Some(e)
    }

    /// The next slot the wheel must process, as (the tick it starts at, level, slot), if any
    /// timer is in the wheel. Lower levels always come first: every slot of level `L`
    /// starts after the slots of level `L - 1` end.
    fn next_slot(&self) -> Option<(u64, usize, usize)> {
        let level = (0..LEVELS).find(|l| self.occupied[*l] != 0)?;
        let shift = BITS * level as u32;
        let slot = self.occupied[level].trailing_zeros() as usize;
        let above = shift + BITS;
        let base = if above >= 64 { 0 } else { self.elapsed >> above << above };
        Some((base + ((slot as u64) << shift), level, slot))
    }

    /// The next tick at which a slot must be processed.
    fn next_tick(&self) -> Option<u64> {
        self.next_slot().map(|(at, _, _)| at)
    }

    /// Moves the wheel to tick `now`: every timer due by then is moved to `due`, and the
    /// others whose slot the wheel passes go down to lower levels.
    fn advance(&mut self, now: u64) {
        while let Some((at, level, slot)) = self.next_slot() {
            if at > now {
                break;
            }
            self.elapsed = at;
            self.occupied[level] &= !(1 << slot);
            let ids = std::mem::take(&mut self.slots[level * SLOTS + slot]);
            for id in ids {
                match self.entries.get(&id) {
                    Some(e) => {
                        let tick = e.tick;
                        self.file(id, tick);
                    }
                    None => self.stale = self.stale.saturating_sub(1),
                }
            }
        }
        self.elapsed = self.elapsed.max(now);
    }
}

/// The timers of one VM.
pub(crate) struct Timers {
    start: Instant,
    state: Mutex<State>,
    cv: Condvar,
}

struct State {
    wheel: Wheel,
    /// The tick the timer thread sleeps until (`u64::MAX`: until a timer is added).
    wake_at: u64,
    shutdown: bool,
}

impl Timers {
    pub(crate) fn new() -> Timers {
        Timers {
            start: Instant::now(),
            state: Mutex::new(State { wheel: Wheel::new(), wake_at: u64::MAX, shutdown: false }),
            cv: Condvar::new(),
        }
    }

    /// The first tick at or after `t`.
    fn tick_after(&self, t: Instant) -> u64 {
        let d = t.saturating_duration_since(self.start);
        let ms = d.as_millis() as u64;
        if d > Duration::from_millis(ms) {
            ms + 1
        } else {
            ms
        }
    }

    /// The last tick at or before `t`.
    fn tick_before(&self, t: Instant) -> u64 {
        t.saturating_duration_since(self.start).as_millis() as u64
    }

    /// Adds a timer with id `id` (the number of its reference).
    pub(crate) fn add(&self, id: u64, deadline: Instant, action: TimerAction) {
        let tick = self.tick_after(deadline).min(MAX_TICK);
        let mut s = lock(&self.state);
        s.wheel.add(id, Entry { deadline, tick, action });
        let sooner = tick < s.wake_at;
        drop(s);
        if sooner {
            self.cv.notify_one();
        }
    }

    /// Cancels a timer; returns the time it had left, if it was pending.
    pub(crate) fn cancel(&self, id: u64) -> Option<Duration> {
        let e = lock(&self.state).wheel.remove(id)?;
        Some(e.deadline.saturating_duration_since(Instant::now()))
    }

    /// Cancels a timer whose time left does not matter.
    pub(crate) fn discard(&self, id: u64) {
        lock(&self.state).wheel.remove(id);
    }

    /// The time a pending timer has left.
    pub(crate) fn remaining(&self, id: u64) -> Option<Duration> {
        let s = lock(&self.state);
        s.wheel.entries.get(&id).map(|e| e.deadline.saturating_duration_since(Instant::now()))
    }

    /// Stops the timer thread.
    pub(crate) fn shutdown(&self) {
        lock(&self.state).shutdown = true;
        self.cv.notify_one();
    }

    /// Takes the timers due by now, in the order they fire.
    fn take_due(&self, s: &mut State) -> Vec<(u64, Entry)> {
        let now = self.tick_before(Instant::now());
        s.wheel.advance(now);
        let ids = std::mem::take(&mut s.wheel.due);
        let mut due: Vec<(u64, Entry)> =
            ids.into_iter().filter_map(|id| s.wheel.entries.remove(&id).map(|e| (id, e))).collect();
        due.sort_by_key(|(id, e)| (e.deadline, *id));
        due
    }

    /// The timer thread's loop.
    pub(crate) fn run(&self, vm: Weak<VmShared>) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if s.shutdown {
                return;
            }
            let due = self.take_due(&mut s);
            if !due.is_empty() {
                drop(s);
                if let Some(vm) = vm.upgrade() {
                    for (id, e) in due {
                        fire(&vm, id, e.action);
                    }
                }
                s = self.state.lock().unwrap_or_else(|e| e.into_inner());
                continue;
            }
            match s.wheel.next_tick() {
                None => {
                    s.wake_at = u64::MAX;
                    s = self.cv.wait(s).unwrap_or_else(|e| e.into_inner());
                }
                Some(tick) => {
                    s.wake_at = tick;
                    let at = self.start + Duration::from_millis(tick);
                    let wait = at.saturating_duration_since(Instant::now());
                    s = self.cv.wait_timeout(s, wait).unwrap_or_else(|e| e.into_inner()).0;
                }
            }
            s.wake_at = 0;
        }
    }
}

fn fire(vm: &VmShared, id: u64, action: TimerAction) {
    match action {
        TimerAction::Wake(pid) => {
            vm.signal(pid, Signal::Timeout(id));
        }
        TimerAction::Send { to, msg } => {
            let pid = match &to {
                Term::Pid(p) => Some(*p),
                Term::Atom(a) => vm.processes.whereis(*a),
                _ => None,
            };
            if let Some(pid) = pid {
                vm.signal(pid, Signal::Message(msg));
            }
        }
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    /// A wheel with timers at the given ticks (ids 1, 2, ...).
    fn wheel(ticks: &[u64]) -> Wheel {
        let mut w = Wheel::new();
        let start = Instant::now();
        for (i, t) in ticks.iter().enumerate() {
            let id = i as u64 + 1;
            w.add(id, Entry { deadline: start, tick: *t, action: TimerAction::Wake(Pid(0)) });
        }
        w
    }

    /// The ticks at which the wheel's timers come due, advancing one tick at a time up to
    /// `until`, as (tick, id) pairs.
    fn fired(w: &mut Wheel, until: u64) -> Vec<(u64, u64)> {
        let mut out = Vec::new();
        let mut now = w.elapsed;
        while now <= until {
            w.advance(now);
            for id in std::mem::take(&mut w.due) {
                if w.entries.remove(&id).is_some() {
                    out.push((now, id));
                }
            }
            now += 1;
        }
        out
    }

    #[test]
    fn every_timer_fires_at_its_tick_across_levels() {
        let ticks = [1, 5, 63, 64, 65, 127, 4095, 4096, 4097, 262_143, 262_144, 300_000];
        let mut w = wheel(&ticks);
        let got = fired(&mut w, 300_001);
        let want: Vec<(u64, u64)> = ticks.iter().enumerate().map(|(i, t)| (*t, i as u64 + 1)).collect();
        assert_eq!(got, want);
        assert!(w.entries.is_empty());
        assert_eq!(w.next_tick(), None);
    }

    #[test]
    fn jumping_ahead_fires_everything_due() {
        let mut w = wheel(&[10, 700, 70_000, 9_000_000]);
        w.advance(80_000);
        let mut due = std::mem::take(&mut w.due);
        due.sort_unstable();
        assert_eq!(due, vec![1, 2, 3]);
        assert_eq!(w.next_tick().map(|t| t <= 9_000_000), Some(true));
        w.advance(9_000_000);
        assert_eq!(w.due, vec![4]);
    }

    #[test]
    fn the_next_tick_is_never_after_the_earliest_timer() {
        let mut w = wheel(&[5000, 70, 300_000]);
        while let Some(t) = w.next_tick() {
            let earliest = w.entries.values().map(|e| e.tick).min();
            assert!(earliest.is_some_and(|e| t <= e), "next tick {t} after {earliest:?}");
            w.advance(t);
            for id in std::mem::take(&mut w.due) {
                w.entries.remove(&id);
            }
        }
        assert!(w.entries.is_empty());
    }

    #[test]
    fn cancelled_timers_leave_nothing_behind() {
        let mut w = wheel(&[100, 100, 100, 5000]);
        assert!(w.remove(2).is_some());
        assert!(w.remove(2).is_none());
        assert!(w.remove(4).is_some());
        assert_eq!(fired(&mut w, 6000), vec![(100, 1), (100, 3)]);
        assert!(w.slots.iter().all(|s| s.is_empty()));
        assert_eq!(w.occupied, [0; LEVELS]);
    }

    #[test]
    fn many_cancelled_timers_are_compacted_away() {
        let mut w = wheel(&[]);
        let start = Instant::now();
        for id in 1..=5000u64 {
            w.add(id, Entry { deadline: start, tick: 5000 + id, action: TimerAction::Wake(Pid(0)) });
        }
        for id in 1..=4990u64 {
            assert!(w.remove(id).is_some());
        }
        let ids: usize = w.slots.iter().map(Vec::len).sum();
        assert!(ids < 2000, "{ids} ids left in the slots for 10 timers");
        let got: Vec<u64> = fired(&mut w, 11_000).into_iter().map(|(_, id)| id).collect();
        assert_eq!(got, (4991..=5000).collect::<Vec<_>>());
    }

    #[test]
    fn the_last_tick_of_the_wheel_is_reached() {
        let mut w = wheel(&[MAX_TICK, 3]);
        let mut steps = 0;
        while let Some(t) = w.next_tick() {
            w.advance(t);
            steps += 1;
        }
        assert!(steps <= 2 * LEVELS, "{steps} steps");
        assert_eq!(w.due, vec![2, 1]);
        assert_eq!(w.elapsed, MAX_TICK);
    }

    #[test]
    fn timers_fire_in_deadline_order_and_never_early() {
        let t = Timers::new();
        let now = Instant::now();
        for (id, ms) in [(1u64, 30u64), (2, 10), (3, 20), (4, 10)] {
            t.add(id, now + Duration::from_millis(ms), TimerAction::Wake(Pid(0)));
        }
        assert_eq!(t.cancel(3).map(|d| d <= Duration::from_millis(20)), Some(true));
        std::thread::sleep(Duration::from_millis(40));
        let mut s = lock(&t.state);
        let due: Vec<u64> = t.take_due(&mut s).into_iter().map(|(id, _)| id).collect();
        assert_eq!(due, vec![2, 4, 1]);
    }
}
