//! Timestamps without a clock: parsing the time formats cases and pastes carry into seconds since
//! the Unix epoch (UTC), and formatting seconds back as RFC 3339. No dependency on the system
//! clock; callers that need "now" (for relative times such as "5m") pass it in.

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a day number from `days_from_civil`.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Seconds since the epoch of a valid calendar date and clock time, or `None` when out of range.
pub fn to_epoch(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<i64> {
    if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60
    {
        return None;
    }
    Some(days_from_civil(y, mo, d) * 86_400 + (h as i64) * 3600 + (mi as i64) * 60 + s as i64)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses `HH:MM` or `HH:MM:SS` (also with `.` as separator) into seconds after midnight.
pub fn parse_clock(s: &str) -> Option<i64> {
    let s = s.trim();
    // Two or three parts split on ':' or '.', found on bytes (both separators are ASCII, so
    // every cut is a char boundary) and without a Vec: this runs for most pasted lines.
    let mut parts = [""; 3];
    let mut n = 0;
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        if b == b':' || b == b'.' {
            if n == 2 {
                return None;
            }
            parts[n] = &s[start..i];
            n += 1;
            start = i + 1;
        }
    }
    parts[n] = &s[start..];
    n += 1;
    if n < 2 || parts[0].len() > 2 || parts[1].len() != 2 {
        return None;
    }
    let h = num(parts[0])?;
    let m = num(parts[1])?;
    let sec = match n {
        3 if parts[2].len() == 2 => num(parts[2])?,
        3 => return None,
        _ => 0,
    };
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some((h * 3600 + m * 60 + sec) as i64)
}

/// Parses a timestamp into seconds since the epoch (UTC). Accepts RFC 3339
/// (`2025-04-30T23:35:16Z`, `2017-06-05T10:01:00+07:00`, fractional seconds) and the looser
/// `YYYY-MM-DD HH:MM[:SS]` that agents type (read as UTC when it carries no offset).
pub fn parse_timestamp(s: &str) -> Option<i64> {
    if let Some(t) = parse_utc_exact(s) {
        return Some(t);
    }
    let s = s.trim();
    if s.len() < 16 || !s.is_char_boundary(10) {
        return None;
    }
    let (date, rest) = s.split_at(10);
    let mut dp = date.split('-');
    let y = num(dp.next()?)? as i64;
    let mo = num(dp.next()?)?;
    let d = num(dp.next()?)?;
    if dp.next().is_some() {
        return None;
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    // Split the clock from the zone designator.
    let zone_at = rest
        .bytes()
        .position(|b| matches!(b, b'Z' | b'z' | b'+' | b'-'))
        .unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(zone_at);
    let clock = clock.split('.').next().unwrap_or(clock).trim();
    let secs = parse_clock(clock)?;
    let offset = match zone.trim() {
        "" | "Z" | "z" => 0,
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let z = &z[1..];
            let (hh, mm) = match z.split_once(':') {
                Some((a, b)) => (num(a)?, num(b)?),
                None if z.len() == 4 => (num(&z[..2])?, num(&z[2..])?),
                None => (num(z)?, 0),
            };
            if hh > 23 || mm > 59 {
                return None;
            }
            sign * (hh as i64 * 3600 + mm as i64 * 60)
        }
    };
    let base = to_epoch(y, mo, d, 0, 0, 0)?;
    Some(base + secs - offset)
}

/// The exact shape `format_rfc3339` writes (`2025-04-30T23:35:16Z`), which every message time
/// that went through the paste parser has: read on fixed byte positions. `None` for anything
/// else, including an invalid date or clock (the general reader then decides, and rejects it
/// the same way).
fn parse_utc_exact(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let field = |at: usize, len: usize| -> Option<u32> {
        let mut n = 0u32;
        for &c in &b[at..at + len] {
            if !c.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(c - b'0');
        }
        Some(n)
    };
    let (h, mi, sec) = (field(11, 2)?, field(14, 2)?, field(17, 2)?);
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let base = to_epoch(i64::from(field(0, 4)?), field(5, 2)?, field(8, 2)?, 0, 0, 0)?;
    Some(base + i64::from(h * 3600 + mi * 60 + sec))
}

/// Appends the last `width` decimal digits of `n` (0 <= n), zero-padded.
fn push_digits(out: &mut String, n: i64, width: u32) {
    for k in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10i64.pow(k) % 10) as u8));
    }
}

/// Formats seconds since the epoch as RFC 3339 in UTC, e.g. `2025-04-30T23:35:16Z`.
pub fn format_rfc3339(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if (0..=9999).contains(&y) {
        // Every field has a fixed width: write the digits directly (`format!` costs ~15 times
        // more, and every pasted message with a time comes through here).
        let mut out = String::with_capacity(20);
        push_digits(&mut out, y, 4);
        out.push('-');
        push_digits(&mut out, m as i64, 2);
        out.push('-');
        push_digits(&mut out, d as i64, 2);
        out.push('T');
        push_digits(&mut out, secs / 3600, 2);
        out.push(':');
        push_digits(&mut out, (secs % 3600) / 60, 2);
        out.push(':');
        push_digits(&mut out, secs % 60, 2);
        out.push('Z');
        return out;
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        y,
        m,
        d,
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_utc_and_offsets_agree() {
        let a = parse_timestamp("2017-06-05T10:00:00+07:00");
        let b = parse_timestamp("2017-06-05T03:00:00Z");
        assert_eq!(a, b);
        assert_eq!(
            parse_timestamp("2025-04-30T23:35:16Z")
                .map(format_rfc3339)
                .as_deref(),
            Some("2025-04-30T23:35:16Z")
        );
    }

    #[test]
    fn exact_utc_shape_reads_like_the_general_reader() {
        for s in [
            "2025-04-30T23:35:16Z",
            "2024-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2025-04-30T24:00:00Z",
            "2025-04-30T23:60:00Z",
            "2025-13-01T10:00:00Z",
            "2025-04-3xT10:00:00Z",
            "0000-01-01T00:00:00Z",
        ] {
            // A leading space makes the fast path refuse it, so this is the general reader.
            let general = parse_timestamp(&format!(" {s}"));
            assert_eq!(parse_timestamp(s), general, "{s}");
        }
    }

    #[test]
    fn rfc3339_formatting_pads_every_field() {
        for t in [
            0i64,
            59,
            86_399,
            951_782_400,
            1_748_736_000,
            -86_400,
            253_402_300_799,
            253_402_300_800,
            -62_167_305_600,
        ] {
            let (y, m, d) = civil_from_days(t.div_euclid(86_400));
            let secs = t.rem_euclid(86_400);
            let expected = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                y,
                m,
                d,
                secs / 3600,
                (secs % 3600) / 60,
                secs % 60
            );
            assert_eq!(format_rfc3339(t), expected);
        }
    }

    #[test]
    fn loose_space_separated_form_is_accepted() {
        assert_eq!(
            parse_timestamp("2017-06-05 10:01"),
            parse_timestamp("2017-06-05T10:01:00Z")
        );
        assert_eq!(
            parse_timestamp("2017-06-05T10:01:00.123Z"),
            parse_timestamp("2017-06-05T10:01:00Z")
        );
    }

    #[test]
    fn invalid_dates_and_junk_are_none() {
        for bad in [
            "",
            "2017-02-30T10:00:00Z",
            "2017-13-01T00:00:00Z",
            "10:01",
            "2017-06-05T25:00Z",
            "ééééééééééééééééé",
            "2017-06-05T10:00:00+99:00",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn clock_parses_both_separators() {
        assert_eq!(parse_clock("10:01"), Some(36_060));
        assert_eq!(parse_clock("9.05"), Some(32_700));
        assert_eq!(parse_clock("24:00"), None);
    }

    #[test]
    fn civil_round_trip() {
        for d in [-800_000i64, -1, 0, 1, 17_000, 20_000, 2_000_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }
}
