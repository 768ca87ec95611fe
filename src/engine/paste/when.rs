//! Reading the times that pastes carry ("10:01", "2017-06-05 10:01", "5m", "2 j", "30 Apr",
//! "10:01 AM · Jun 5, 2017", "5 Juni 2017 pukul 10.01", "Kemarin pukul 10.01") and placing them on
//! one timeline. It owns only time words; it must not look at authors or message text.
//!
//! The rules, chosen so that the minute gaps the multi rule measures come out right:
//! - A wall-clock time without a zone is Indonesian local time, WIB (UTC+07:00), and is stored
//!   in UTC. Times that carry a zone (RFC 3339) keep it.
//! - A clock time without a date takes the date of the message before it; when the clock goes
//!   back by more than six hours (23:50 then 00:05) it is the next day. With no date anywhere
//!   before it, it takes the date of `now` (the day before, when that would put it more than an
//!   hour in the future), and without `now` it falls on 1970-01-01.
//! - Relative times ("5m", "2 j", "1 h", "baru saja") count back from `now`; without `now` they
//!   count back from the epoch, so their gaps are still right.
//! - A day and month without a year ("30 Apr") take the year of `now`, or the year before when
//!   that date would be after `now`; without `now`, 1970.
//! - "Nh" without a space is hours (X/Twitter English), but "N h" with a space is days
//!   (Facebook Indonesian: "1 h" = 1 hari); "j"/"jam" are hours, "mnt"/"m" minutes.

use super::{group_of, is_one_of};
use crate::engine::normalize::lowercase as lower;
use crate::engine::time::{days_from_civil, parse_clock, parse_timestamp, to_epoch};

/// Indonesian local time (WIB) is UTC+07:00.
pub const LOCAL_OFFSET: i64 = 7 * 3600;
const DAY: i64 = 86_400;
/// Longer strings are never read as times, which keeps detection linear on huge lines.
const MAX_TIME_LEN: usize = 64;

/// "Now" in words: a relative time of zero seconds.
const NOW_WORDS: &str = "baru saja|barusan|just now|now|sekarang|baru|skrg";

/// Words around a time that add nothing to it ("pukul 10.01 WIB", "tanggal 5 Juni").
const FILLER_WORDS: &str = "pukul|pkl|pk|jam|at|on|pada|wib|wita|wit|-|tanggal|tgl";

/// Weekday names, which carry no information the date does not ("Senin, 5 Juni 2017").
const WEEKDAYS: &str = concat!(
    "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|mon|monday|tue|tuesday|wed|",
    "wednesday|thu|thursday|fri|friday|sat|saturday|sun|sunday",
);

/// Times written without any digit.
const WORDS_WITHOUT_DIGITS: [&str; 9] = [
    "baru saja",
    "barusan",
    "just now",
    "now",
    "sekarang",
    "skrg",
    "kemarin",
    "yesterday",
    "baru",
];

/// A time as it was written, before it is put on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A full instant with a zone, in UTC seconds.
    Instant(i64),
    /// A local (WIB) calendar date, the year if it was given, and the clock if any.
    Date {
        year: Option<i64>,
        month: u32,
        day: u32,
        clock: Option<i64>,
    },
    /// "Kemarin pukul 10.01": whole days before `now`'s date, with the clock if any.
    DaysAgo { days: i64, clock: Option<i64> },
    /// Only a clock, in seconds after local midnight.
    Clock(i64),
    /// Seconds before `now` ("5m", "2 j", "baru saja").
    Ago(i64),
}

impl Written {
    /// True when the time says which day it is (a clock alone does not).
    pub fn has_date(self) -> bool {
        !matches!(self, Written::Clock(_))
    }
}

fn month_number(word: &str) -> Option<u32> {
    let w = lower(word.trim_end_matches('.'));
    // Every month name starts with a letter: numbers and dates are turned away at once.
    if !w.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    group_of(&w, MONTHS).map(|g| g as u32 + 1)
}

/// Month names and abbreviations (Indonesian and English), lower case: twelve groups separated
/// by `;`, January first, words separated by `|`.
const MONTHS: &str = concat!(
    "jan|januari|january;",
    "feb|februari|february|pebruari;",
    "mar|maret|march;",
    "apr|april;",
    "mei|may;",
    "jun|juni|june;",
    "jul|juli|july;",
    "agu|agt|ags|agus|agustus|aug|august;",
    "sep|sept|september;",
    "okt|oct|oktober|october;",
    "nov|nop|november|nopember;",
    "des|dec|desember|december",
);

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Seconds per unit of a relative time. `spaced` says whether a space separated the number from
/// the unit, which decides what a bare "h" means (see the module doc).
fn unit_seconds(unit: &str, spaced: bool) -> Option<i64> {
    let u = unit.trim_end_matches('.');
    // Units are lower-case ASCII words; anything else ("-01-01" of a date) is none of them.
    if !u.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if spaced && u == "h" {
        return Some(DAY);
    }
    group_of(u, UNITS).map(|g| UNIT_SECONDS[g])
}

/// Units of relative times (English and Indonesian): groups separated by `;`, words by `|`. A
/// spaced "h" is taken off before this table is read.
const UNITS: &str = concat!(
    "s|sec|secs|second|seconds|dtk|det|detik;",
    "m|min|mins|minute|minutes|mnt|menit|mn;",
    "h|hr|hrs|hour|hours|j|jm|jam;",
    "d|day|days|hari|hri;",
    "w|wk|wks|week|weeks|mgg|minggu;",
    "mo|bln|bulan|month|months;",
    "y|yr|yrs|year|years|thn|th|tahun",
);

/// Seconds per unit, in the order of the groups of `UNITS`.
const UNIT_SECONDS: [i64; 7] = [1, 60, 3600, DAY, 7 * DAY, 30 * DAY, 365 * DAY];

/// "5m", "5 mnt", "2 j", "3 jam yang lalu", "5 minutes ago", "baru saja", "Just now".
pub fn parse_relative(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_TIME_LEN {
        return None;
    }
    let lowered = lower(s);
    let lower = lowered.trim_end_matches(['.', ',']);
    if !lower.starts_with(|c: char| c.is_ascii_digit()) {
        return is_one_of(lower, NOW_WORDS).then_some(0);
    }
    // A number, then a unit: right after the digits comes whitespace or a lower-case letter,
    // so a date's '-' or a clock's ':' is turned away before any suffix is looked at.
    let after_digits = lower
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .chars()
        .next();
    if !after_digits.is_some_and(|c| c.is_whitespace() || c.is_ascii_lowercase()) {
        return None;
    }
    let core = lower
        .strip_suffix("yang lalu")
        .or_else(|| lower.strip_suffix("lalu"))
        .or_else(|| lower.strip_suffix("ago"))
        .unwrap_or(lower)
        .trim();
    let digits_end = core
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(core.len());
    if digits_end == 0 || digits_end > 6 {
        return None;
    }
    let n: i64 = core[..digits_end].parse().ok()?;
    let rest = &core[digits_end..];
    let spaced = rest.starts_with(' ');
    let unit = rest.trim();
    if unit.contains(' ') {
        return None;
    }
    Some(n * unit_seconds(unit, spaced)?)
}

/// A clock token with an optional AM/PM that may be glued on ("10:01AM").
fn clock_token(tok: &str) -> Option<(i64, Option<bool>)> {
    let t = lower(tok);
    let (body, pm) = if let Some(b) = t.strip_suffix("am").or_else(|| t.strip_suffix("a.m.")) {
        (b, Some(false))
    } else if let Some(b) = t.strip_suffix("pm").or_else(|| t.strip_suffix("p.m.")) {
        (b, Some(true))
    } else {
        (&*t, None)
    };
    let secs = parse_clock(body)?;
    Some((secs, pm))
}

fn apply_meridiem(secs: i64, pm: Option<bool>) -> Option<i64> {
    match pm {
        None => Some(secs),
        Some(pm) => {
            let h = secs / 3600;
            if h == 0 || h > 12 {
                return None;
            }
            let h12 = if h == 12 { 0 } else { h };
            Some(secs - h * 3600 + (h12 + if pm { 12 } else { 0 }) * 3600)
        }
    }
}

/// A clock alone: "10:01", "10.01", "10:01:30", "10:01 AM", "pukul 10.01 WIB".
pub fn parse_clock_words(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_TIME_LEN {
        return None;
    }
    match parse_words(s)? {
        Written::Clock(c) => Some(c),
        _ => None,
    }
}

/// Numeric dates: `2017-06-05`, `2017/06/05`, `05/06/2017`, `05-06-2017`, `05/06/17`
/// (day first, as Indonesians write it). Returns (year, month, day).
fn numeric_date(tok: &str) -> Option<(i64, u32, u32)> {
    let sep = if tok.contains('-') {
        '-'
    } else if tok.contains('/') {
        '/'
    } else {
        return None;
    };
    // Exactly three parts, collected without a Vec.
    let mut parts = [""; 3];
    let mut n = 0;
    for p in tok.split(sep) {
        if n == 3 {
            return None;
        }
        parts[n] = p;
        n += 1;
    }
    if n != 3 || !parts.iter().all(|p| all_digits(p)) {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        )
    } else if parts[2].len() == 4 || parts[2].len() == 2 {
        let y: i64 = parts[2].parse().ok()?;
        let y = if parts[2].len() == 2 { 2000 + y } else { y };
        (y, parts[1].parse().ok()?, parts[0].parse().ok()?)
    } else {
        return None;
    };
    if parts[1].len() > 2 || (parts[0].len() != 4 && parts[0].len() > 2) {
        return None;
    }
    to_epoch(y, m, d, 0, 0, 0)?;
    Some((y, m, d))
}

/// Reads a whole string as one time expression, or returns `None`. Every word must be part of
/// the time, so "jam 10:00 mati lagi" is not a time.
pub fn parse_written(s: &str) -> Option<Written> {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_TIME_LEN {
        return None;
    }
    // Every time has a digit except a few words; checking that first keeps the readers fast,
    // since they ask this of almost every line.
    let digitless_word = || {
        s.len() <= 12
            && WORDS_WITHOUT_DIGITS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(s.trim_end_matches(['.', ','])))
    };
    if !s.bytes().any(|b| b.is_ascii_digit()) && !digitless_word() {
        return None;
    }
    if let Some(ago) = parse_relative(s) {
        return Some(Written::Ago(ago));
    }
    // RFC 3339 with a zone is an instant; without a zone it is a local date and clock.
    if s.len() >= 16
        && s.as_bytes().get(4) == Some(&b'-')
        && s.as_bytes()
            .get(10)
            .is_some_and(|b| *b == b'T' || *b == b't')
    {
        let tail = &s[10..];
        let zoned = tail.contains(['Z', 'z', '+']) || tail[1..].contains('-');
        if zoned {
            return parse_timestamp(s).map(Written::Instant);
        }
        let (date, clock) = s.split_at(10);
        let (y, m, d) = numeric_date(date)?;
        let clock = clock[1..].split('.').next().unwrap_or("");
        return Some(Written::Date {
            year: Some(y),
            month: m,
            day: d,
            clock: Some(parse_clock(clock)?),
        });
    }
    parse_words(s)
}

/// The word-by-word reader behind `parse_written`: numeric dates, month names, clocks with
/// AM/PM, "kemarin"/"yesterday", and filler words ("pukul", "at", "·", "WIB").
fn parse_words(s: &str) -> Option<Written> {
    let mut year: Option<i64> = None;
    let mut month: Option<u32> = None;
    let mut day: Option<u32> = None;
    let mut clock: Option<(i64, Option<bool>)> = None;
    let mut days_ago: Option<i64> = None;
    let mut numbers: Vec<u32> = Vec::new();
    let lower = lower(s);
    // At most eight words, collected without a Vec.
    let mut slots = [""; 8];
    let mut count = 0;
    for w in lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '·' || c == '•')
        .filter(|w| !w.is_empty())
    {
        if count == slots.len() {
            return None;
        }
        slots[count] = w;
        count += 1;
    }
    let words = &slots[..count];
    if words.is_empty() {
        return None;
    }
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        i += 1;
        // Filler, weekday and day words all start with a letter or '-': a number (most words
        // of a time) skips comparing against them.
        let numeric = w.starts_with(|c: char| c.is_ascii_digit());
        if !numeric {
            if is_one_of(w, FILLER_WORDS) || is_one_of(w, WEEKDAYS) {
                continue;
            }
            if is_one_of(w, "am|a.m.|pm|p.m.") {
                let pm = w.starts_with('p');
                match clock {
                    Some((c, None)) => clock = Some((c, Some(pm))),
                    _ => return None,
                }
                continue;
            }
            if is_one_of(w, "kemarin|yesterday|kmrn|kemaren") {
                days_ago = Some(1);
                continue;
            }
            if w == "today" {
                days_ago = Some(0);
                continue;
            }
            if w == "hari" && words.get(i) == Some(&"ini") {
                i += 1;
                days_ago = Some(0);
                continue;
            }
        }
        if let Some(m) = month_number(w) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
            continue;
        }
        if let Some((y, m, d)) = numeric_date(w) {
            if month.is_some() || day.is_some() {
                return None;
            }
            year = Some(y);
            month = Some(m);
            day = Some(d);
            continue;
        }
        if (w.contains(':') || w.contains('.')) && clock.is_none() {
            if let Some(c) = clock_token(w) {
                clock = Some(c);
                continue;
            }
        }
        if all_digits(w) && w.len() <= 4 {
            let n: u32 = w.parse().ok()?;
            numbers.push(n);
            continue;
        }
        return None;
    }
    // Plain numbers are the day and the year, in either order ("5 Jun 2017", "Jun 5, 2017").
    for n in numbers {
        if (1..=31).contains(&n) && day.is_none() {
            day = Some(n);
        } else if n >= 1900 && year.is_none() {
            year = Some(n as i64);
        } else if n < 100 && year.is_none() && day.is_some() {
            year = Some(2000 + n as i64);
        } else {
            return None;
        }
    }
    let clock = match clock {
        Some((c, pm)) => Some(apply_meridiem(c, pm)?),
        None => None,
    };
    if let Some(days) = days_ago {
        if month.is_some() || day.is_some() || year.is_some() {
            return None;
        }
        return Some(Written::DaysAgo { days, clock });
    }
    match (month, day) {
        (Some(m), Some(d)) => {
            // Check the date exists (in a leap year when no year was given, so 29 Feb passes).
            to_epoch(year.unwrap_or(2000), m, d, 0, 0, 0)?;
            Some(Written::Date {
                year,
                month: m,
                day: d,
                clock,
            })
        }
        (None, None) if year.is_none() => clock.map(Written::Clock),
        _ => None,
    }
}

/// Places written times on one timeline, in the order the messages appear.
#[derive(Debug, Clone)]
pub struct Timeline {
    now: Option<i64>,
    last_day: Option<i64>,
    last_clock: Option<i64>,
}

fn local_day_and_clock(utc: i64) -> (i64, i64) {
    let local = utc + LOCAL_OFFSET;
    (local.div_euclid(DAY), local.rem_euclid(DAY))
}

impl Timeline {
    pub fn new(now: Option<i64>) -> Timeline {
        Timeline {
            now,
            last_day: None,
            last_clock: None,
        }
    }

    /// The UTC seconds of a written time, or `None` for an impossible date (31 Feb).
    pub fn place(&mut self, w: Written) -> Option<i64> {
        let now_local = self.now.map(local_day_and_clock);
        let utc = match w {
            Written::Instant(t) => t,
            Written::Ago(secs) => self.now.unwrap_or(0) - secs,
            Written::Date {
                year,
                month,
                day,
                clock,
            } => {
                let year = match (year, now_local) {
                    (Some(y), _) => y,
                    (None, Some((today, _))) => {
                        let (this_year, _, _) = crate::engine::time::civil_from_days(today);
                        let candidate = days_from_civil(this_year, month, day);
                        if candidate > today {
                            this_year - 1
                        } else {
                            this_year
                        }
                    }
                    (None, None) => 1970,
                };
                to_epoch(year, month, day, 0, 0, 0)?;
                days_from_civil(year, month, day) * DAY + clock.unwrap_or(0) - LOCAL_OFFSET
            }
            Written::DaysAgo { days, clock } => {
                let today = now_local.map(|(d, _)| d).unwrap_or(0);
                (today - days) * DAY + clock.unwrap_or(0) - LOCAL_OFFSET
            }
            Written::Clock(c) => {
                let day = match (self.last_day, self.last_clock, now_local) {
                    (Some(d), Some(lc), _) if c + 6 * 3600 < lc => d + 1,
                    (Some(d), _, _) => d,
                    (None, _, Some((today, now_clock))) if c > now_clock + 3600 => today - 1,
                    (None, _, Some((today, _))) => today,
                    (None, _, None) => 0,
                };
                day * DAY + c - LOCAL_OFFSET
            }
        };
        let (d, c) = local_day_and_clock(utc);
        self.last_day = Some(d);
        self.last_clock = Some(c);
        Some(utc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::time::format_rfc3339;

    fn at(s: &str, now: Option<i64>) -> Option<String> {
        Timeline::new(now)
            .place(parse_written(s)?)
            .map(format_rfc3339)
    }

    fn now() -> Option<i64> {
        // 2025-05-10T12:00:00+07:00
        parse_timestamp("2025-05-10T05:00:00Z")
    }

    #[test]
    fn relative_times_in_both_languages_count_back_from_now() {
        assert_eq!(parse_relative("5m"), Some(300));
        assert_eq!(parse_relative("5 mnt"), Some(300));
        assert_eq!(parse_relative("2 j"), Some(7200));
        assert_eq!(parse_relative("2h"), Some(7200));
        assert_eq!(parse_relative("3 jam yang lalu"), Some(3 * 3600));
        assert_eq!(parse_relative("1 h"), Some(DAY));
        assert_eq!(parse_relative("1 hari"), Some(DAY));
        assert_eq!(parse_relative("Baru saja"), Some(0));
        assert_eq!(parse_relative("Just now"), Some(0));
        assert_eq!(parse_relative("2 mgg"), Some(14 * DAY));
        assert_eq!(parse_relative("5 minutes ago"), Some(300));
        assert_eq!(parse_relative("mati lagi"), None);
        assert_eq!(parse_relative("5 mati"), None);
        assert_eq!(at("5m", now()).as_deref(), Some("2025-05-10T04:55:00Z"));
    }

    #[test]
    fn indonesian_and_english_dates_are_read() {
        assert_eq!(
            parse_written("30 Apr"),
            Some(Written::Date {
                year: None,
                month: 4,
                day: 30,
                clock: None
            })
        );
        assert_eq!(
            parse_written("5 Agt 2024"),
            Some(Written::Date {
                year: Some(2024),
                month: 8,
                day: 5,
                clock: None
            })
        );
        assert_eq!(
            parse_written("Okt 3"),
            Some(Written::Date {
                year: None,
                month: 10,
                day: 3,
                clock: None
            })
        );
        for (text, today, want) in [
            ("10:01 AM · Jun 5, 2017", None, "2017-06-05T03:01:00Z"),
            ("10.01 · 5 Jun 2017", None, "2017-06-05T03:01:00Z"),
            ("5 Juni 2017 pukul 10.01", None, "2017-06-05T03:01:00Z"),
            ("05/06/2017 10:01", None, "2017-06-05T03:01:00Z"),
            ("2017-06-05 10:01", None, "2017-06-05T03:01:00Z"),
            ("2017-06-05T10:01:00+07:00", None, "2017-06-05T03:01:00Z"),
            ("Kemarin pukul 20.00", now(), "2025-05-09T13:00:00Z"),
            ("10:01 PM", None, "1970-01-01T15:01:00Z"),
            ("Senin, 5 Juni 2017 10.01", None, "2017-06-05T03:01:00Z"),
        ] {
            assert_eq!(at(text, today).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn a_date_without_year_never_lands_in_the_future() {
        assert_eq!(at("30 Apr", now()).as_deref(), Some("2025-04-29T17:00:00Z"));
        assert_eq!(at("30 Des", now()).as_deref(), Some("2024-12-29T17:00:00Z"));
    }

    #[test]
    fn sentences_with_a_time_inside_are_not_times() {
        for s in [
            "jam 10:00 mati lagi",
            "indihome mati",
            "10:00 mati",
            "5 orang",
            "2017",
            "31 Feb",
            "Mei",
        ] {
            assert_eq!(parse_written(s), None, "{s}");
        }
    }

    #[test]
    fn clock_only_takes_the_previous_date_and_rolls_over_midnight() {
        let mut t = Timeline::new(None);
        let a = t.place(parse_written("2017-06-05 23:58").unwrap_or(Written::Clock(0)));
        let b = t.place(Written::Clock(23 * 3600 + 59 * 60));
        let c = t.place(Written::Clock(60));
        assert_eq!(b.zip(a).map(|(b, a)| b - a), Some(60));
        assert_eq!(c.zip(b).map(|(c, b)| c - b), Some(120));
        // A small step back stays on the same day (a paste slightly out of order).
        let d = t.place(Written::Clock(0));
        assert_eq!(d.zip(c).map(|(d, c)| d - c), Some(-60));
    }

    #[test]
    fn clock_only_without_any_date_uses_now_or_the_epoch() {
        assert_eq!(at("10:01", None).as_deref(), Some("1970-01-01T03:01:00Z"));
        assert_eq!(at("10:01", now()).as_deref(), Some("2025-05-10T03:01:00Z"));
        // 23:00 is far after noon "now": it was yesterday evening.
        assert_eq!(at("23:00", now()).as_deref(), Some("2025-05-09T16:00:00Z"));
    }
}
