//! Time: `erlang:monotonic_time/0,1`, `system_time/0,1`, `timestamp/0`,
//! `convert_time_unit/3`, `unique_integer/0,1`, and the date-time BIFs (`universaltime/0`,
//! `localtime/0`, `universaltime_to_localtime/1`, `localtime_to_universaltime/1,2`). The
//! native unit is the nanosecond. ember keeps no time zone: local time is universal time.

use super::BifDef;
use crate::interp::exception::Exception;
use crate::term::Term;
use num_bigint::BigInt;
use num_integer::Integer;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Units per second of a time unit term.
fn per_second(unit: &Term) -> Result<i64, Exception> {
    match unit {
        Term::Atom(a) => match a.as_str() {
            "second" | "seconds" => Ok(1),
            "millisecond" | "milli_seconds" => Ok(1_000),
            "microsecond" | "micro_seconds" => Ok(1_000_000),
            "nanosecond" | "nano_seconds" | "native" => Ok(1_000_000_000),
            "perf_counter" => Ok(1_000_000_000),
            _ => Err(Exception::badarg()),
        },
        Term::Int(n) if *n > 0 => Ok(*n),
        _ => Err(Exception::badarg()),
    }
}

/// Monotonic nanoseconds since an arbitrary start.
fn mono_ns() -> i64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    // Offset so that values look like BEAM's (negative, large), but stay monotonic.
    start.elapsed().as_nanos() as i64 - 576_460_752_303_423_488
}

/// Milliseconds since the first call (for `statistics(wall_clock)`).
pub(crate) fn time_ms() -> i64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_millis() as i64
}

/// The performance counter, in nanoseconds: the monotonic clock, counted from the system
/// time when it was first read (so that its values are large, as erl's are, which count
/// from the machine's start).
fn perf_ns() -> i64 {
    static ORIGIN: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    let origin = *ORIGIN.get_or_init(|| system_ns() - mono_ns());
    origin + mono_ns()
}

fn system_ns() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as i64).unwrap_or(0)
}

fn convert(ns: i64, per_sec: i64) -> i64 {
    (ns as i128 * per_sec as i128).div_euclid(1_000_000_000) as i64
}

static UNIQUE: AtomicI64 = AtomicI64::new(1);

bifs! {
    "erlang", "monotonic_time", 0 => |_, _| Ok(Term::Int(mono_ns()));
    "erlang", "monotonic_time", 1 => |_, a| Ok(Term::Int(convert(mono_ns(), per_second(&a[0])?)));
    "erlang", "system_time", 0 => |_, _| Ok(Term::Int(system_ns()));
    "erlang", "system_time", 1 => |_, a| Ok(Term::Int(convert(system_ns(), per_second(&a[0])?)));
    "os", "system_time", 0 => |_, _| Ok(Term::Int(system_ns()));
    "os", "system_time", 1 => |_, a| Ok(Term::Int(convert(system_ns(), per_second(&a[0])?)));
    "os", "timestamp", 0 => |_, _| {
        let us = system_ns() / 1000;
        Ok(Term::tuple([Term::Int(us / 1_000_000_000_000), Term::Int(us / 1_000_000 % 1_000_000), Term::Int(us % 1_000_000)]))
    };
    "os", "perf_counter", 0 => |_, _| Ok(Term::Int(perf_ns()));
    "os", "perf_counter", 1 => |_, a| Ok(Term::Int(convert(perf_ns(), per_second(&a[0])?)));
    "erlang", "time_offset", 0 => |_, _| Ok(Term::Int(system_ns() - mono_ns()));
    "erlang", "timestamp", 0 => |_, _| {
        let us = system_ns() / 1000;
        Ok(Term::tuple([Term::Int(us / 1_000_000_000_000), Term::Int(us / 1_000_000 % 1_000_000), Term::Int(us % 1_000_000)]))
    };
    // Rounds toward negative infinity, as BEAM does; big times give big results.
    "erlang", "convert_time_unit", 3 => |_, a| match &a[0] {
        Term::Int(t) => {
            let (from, to) = (per_second(&a[1])?, per_second(&a[2])?);
            Ok(Term::from_i128((*t as i128 * to as i128).div_euclid(from as i128)))
        }
        Term::Big(t) => {
            let (from, to) = (per_second(&a[1])?, per_second(&a[2])?);
            Ok(Term::from_bigint((&**t * to).div_floor(&BigInt::from(from))))
        }
        _ => Err(Exception::badarg()),
    };
    "erlang", "universaltime", 0 => |_, _| Ok(datetime(system_ns()));
    // ember keeps no time zone: local time is universal time.
    "erlang", "localtime", 0 => |_, _| Ok(datetime(system_ns()));
    "erlang", "date", 0 => |_, _| Ok(datetime(system_ns()).as_tuple().map(|t| t[0].clone()).unwrap_or(Term::Nil));
    "erlang", "time", 0 => |_, _| Ok(datetime(system_ns()).as_tuple().map(|t| t[1].clone()).unwrap_or(Term::Nil));
    "erlang", "universaltime_to_localtime", 1 => |_, a| checked_datetime(&a[0]).map(|_| a[0].clone());
    "erlang", "localtime_to_universaltime", 1 => |_, a| checked_datetime(&a[0]).map(|_| a[0].clone());
    // With IsDst = true the local time is taken as summer time, an hour ahead, as BEAM
    // does in a zone without daylight saving time.
    "erlang", "localtime_to_universaltime", 2 => |_, a| {
        let [y, m, d, h, mi, s] = checked_datetime(&a[0])?;
        match a[1].as_bool() {
            Some(true) => Ok(datetime_secs(days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60 + s - 3600)),
            Some(false) => Ok(a[0].clone()),
            None if a[1].as_atom().is_some_and(|x| x.as_str() == "undefined") => Ok(a[0].clone()),
            None => Err(Exception::badarg()),
        }
    };
    "erlang", "unique_integer", 0 => |_, _| Ok(Term::Int(UNIQUE.fetch_add(1, Ordering::Relaxed) - 576_460_752_303_423_488));
    "erlang", "unique_integer", 1 => |_, a| {
        let positive = a[0].iter_list().any(|o| o.as_atom().is_some_and(|x| x.as_str() == "positive"));
        let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
        Ok(Term::Int(if positive { n } else { n - 576_460_752_303_423_488 }))
    };
}

/// The local time as logger reports show it: `21-Nov-2026::12:49:12.123456` (UTC).
pub(crate) fn now_text() -> String {
    let us = system_ns() / 1000;
    let secs = us.div_euclid(1_000_000);
    let micros = us.rem_euclid(1_000_000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{:02}-{}-{}::{:02}:{:02}:{:02}.{:06}",
        d,
        MONTHS[(m - 1) as usize % 12],
        y,
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        micros
    )
}

/// `{{Y, M, D}, {H, Mi, S}}` for a time in nanoseconds since 1970 (UTC).
fn datetime(ns: i64) -> Term {
    datetime_secs(ns.div_euclid(1_000_000_000))
}

/// `{{Y, M, D}, {H, Mi, S}}` for a time in seconds since 1970 (UTC).
fn datetime_secs(secs: i64) -> Term {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    Term::tuple([
        Term::tuple([Term::Int(y), Term::Int(m), Term::Int(d)]),
        Term::tuple([Term::Int(rem / 3600), Term::Int(rem / 60 % 60), Term::Int(rem % 60)]),
    ])
}

/// The fields of a `{{Y, M, D}, {H, Mi, S}}` that BEAM's time zone conversions accept: a
/// real date in the years 1902 to 2147483646 and a time of day without leap seconds.
fn checked_datetime(t: &Term) -> Result<[i64; 6], Exception> {
    let three = |t: &Term| match t.as_tuple() {
        Some([a, b, c]) => match (a.as_int(), b.as_int(), c.as_int()) {
            (Some(a), Some(b), Some(c)) => Some([a, b, c]),
            _ => None,
        },
        _ => None,
    };
    let (date, time) = match t.as_tuple() {
        Some([date, time]) => (three(date), three(time)),
        _ => (None, None),
    };
    let (Some([y, m, d]), Some([h, mi, s])) = (date, time) else { return Err(Exception::badarg()) };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    let valid = (1902..=2_147_483_646).contains(&y)
        && (1..=month_days).contains(&d)
        && (0..24).contains(&h)
        && (0..60).contains(&mi)
        && (0..60).contains(&s);
    if valid {
        Ok([y, m, d, h, mi, s])
    } else {
        Err(Exception::badarg())
    }
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (the inverse of
/// `civil_from_days`).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Converts days since 1970-01-01 to a (year, month, day) date in the proleptic Gregorian
/// calendar.
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_413), (2025, 11, 21));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn dates_become_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2025, 11, 21), 20_413);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for z in [-700_000, -25_000, -1, 0, 59, 60, 11_016, 20_000, 3_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }
}
