//! Line-prefixed threads: each message starts on a line with a time and/or an author, and any
//! line that does not start a message continues the one before it.
//!
//! Shapes (one per paste, decided by its first message line; lines of another shape are text):
//! - bracketed: `[10:01] @handle: text`, `[2017-06-05 10:01] Budi: text`, `[05/06/17 10.01] ...`
//! - time first: `2017-06-05 10:01 @handle: text`, `10:01 @handle: text`, `10.01 - Budi: text`
//! - author first: `@handle (10:01): text`, `Rudi Hartono [10:01]: text`
//! - author only: `@handle: text` (needs two such lines)
//!
//! Handles keep their `@`; names without `@` are kept as written. This module reads only the
//! prefix; it must not interpret the message text.

use super::when::{parse_written, Timeline, Written};
use super::{excerpt, problem, Draft, Line, Output};

/// Only this many bytes at the start of a line are looked at for a prefix.
const PREFIX_WINDOW: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Bracketed,
    TimeFirst,
    AuthorFirst,
    AuthorOnly,
}

#[derive(Debug, Clone)]
struct Prefix<'a> {
    shape: Shape,
    author: Option<String>,
    when: Option<Written>,
    raw_time: Option<String>,
    body: &'a str,
    strong: bool,
}

/// The longest char-boundary prefix of `s` no longer than `n` bytes.
fn head(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Is `s` a plausible author: `@handle`, a bare handle (`budi_s`), or a display name of at most
/// five words ("Rudi Hartono")? Times, numbers and sentences are not authors.
fn valid_author(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.len() > 50 {
        return false;
    }
    if let Some(h) = s.strip_prefix('@') {
        return !h.is_empty() && h.chars().all(is_handle_char);
    }
    if parse_written(s).is_some() || s.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let words = s.split_whitespace().count();
    if words > 5 {
        return false;
    }
    if s.contains("://") || s.contains('@') {
        return false;
    }
    s.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '.' | '-' | '\'' | '’' | '|'))
        && s.chars().any(|c| c.is_alphabetic())
}

/// Splits `author: text` when the line really starts with an author and a colon followed by a
/// space (or the end), so "https://..." and "10:01" are never split.
fn split_author(rest: &str) -> Option<(String, &str)> {
    let window = head(rest, 60);
    let colon = window.find(':')?;
    let after = &rest[colon + 1..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let author = rest[..colon].trim();
    if !valid_author(author) {
        return None;
    }
    Some((author.to_string(), after.trim_start()))
}

fn strip_separator(s: &str) -> &str {
    let t = s.trim_start();
    for sep in ["- ", "– ", "— ", "| ", ", "] {
        if let Some(r) = t.strip_prefix(sep) {
            return r.trim_start();
        }
    }
    t
}

/// Bracketed time: `[10:01] rest`.
fn bracketed(line: &str) -> Option<Prefix<'_>> {
    let rest = line.strip_prefix('[')?;
    let close = head(rest, 64).find(']')?;
    let inside = rest[..close].trim();
    let when = parse_written(inside)?;
    let after = strip_separator(&rest[close + 1..]);
    let (author, body) = match split_author(after) {
        Some((a, b)) => (Some(a), b),
        None => (None, after),
    };
    Some(Prefix {
        shape: Shape::Bracketed,
        author,
        when: Some(when),
        raw_time: Some(inside.to_string()),
        body,
        strong: true,
    })
}

/// Author then a time in brackets, then a colon: `@handle (10:01): text`.
fn author_first(line: &str) -> Option<Prefix<'_>> {
    let window = head(line, PREFIX_WINDOW);
    // Both brackets are ASCII: a byte search finds the same position as a char search.
    let open = window.bytes().position(|b| b == b'(' || b == b'[')?;
    let close_char = if window.as_bytes()[open] == b'(' {
        ')'
    } else {
        ']'
    };
    let author = line[..open].trim();
    if !valid_author(author) {
        return None;
    }
    let rest = &line[open + 1..];
    let close = head(rest, 64).find(close_char)?;
    let inside = rest[..close].trim();
    let when = parse_written(inside)?;
    let after = rest[close + 1..].trim_start();
    let body = after.strip_prefix(':')?;
    if !(body.is_empty() || body.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(Prefix {
        shape: Shape::AuthorFirst,
        author: Some(author.to_string()),
        when: Some(when),
        raw_time: Some(inside.to_string()),
        body: body.trim_start(),
        strong: true,
    })
}

/// A time of up to six words at the start, then an author and a colon: `10:01 @handle: text`.
fn time_first(line: &str) -> Option<Prefix<'_>> {
    let window = head(line, PREFIX_WINDOW);
    if !window.starts_with(|c: char| c.is_ascii_digit() || c.is_alphabetic()) {
        return None;
    }
    // Ends of the first six words, up to the first word that starts with '@': a handle is
    // never part of a time, so no longer prefix can be one (this keeps `parse_written`, the
    // parser's costliest step, off most of each line).
    let mut ends = [0usize; 6];
    let mut n_ends = 0;
    let mut in_word = false;
    for (i, c) in window.char_indices() {
        if c.is_whitespace() {
            if in_word {
                ends[n_ends] = i;
                n_ends += 1;
                in_word = false;
                if n_ends == ends.len() {
                    break;
                }
            }
        } else {
            if !in_word && c == '@' {
                break;
            }
            in_word = true;
        }
    }
    // The longest prefix that is a time followed by an author wins. Trying the longest first
    // and stopping at the first fit gives the same answer as trying them all, and the author
    // (a cheap check) is looked at before the time (a costly one).
    for &end in ends[..n_ends].iter().rev() {
        let after = strip_separator(&line[end..]);
        let Some((author, body)) = split_author(after) else {
            continue;
        };
        let cand = line[..end]
            .trim()
            .trim_end_matches([',', '-', '–', '|'])
            .trim();
        let Some(when) = parse_written(cand) else {
            continue;
        };
        if matches!(when, Written::Ago(_)) {
            continue;
        }
        let strong = author.starts_with('@') || when.has_date();
        return Some(Prefix {
            shape: Shape::TimeFirst,
            author: Some(author),
            when: Some(when),
            raw_time: Some(cand.to_string()),
            body,
            strong,
        });
    }
    None
}

/// `@handle: text` without a time.
fn author_only(line: &str) -> Option<Prefix<'_>> {
    if !line.starts_with('@') {
        return None;
    }
    let (author, body) = split_author(line)?;
    if !author.starts_with('@') {
        return None;
    }
    Some(Prefix {
        shape: Shape::AuthorOnly,
        author: Some(author),
        when: None,
        raw_time: None,
        body,
        strong: false,
    })
}

fn match_line(text: &str) -> Option<Prefix<'_>> {
    let line = text.trim_start();
    if line.is_empty() {
        return None;
    }
    bracketed(line)
        .or_else(|| author_first(line))
        .or_else(|| time_first(line))
        .or_else(|| author_only(line))
}

/// Reads a line-prefixed thread, or `None` when the paste does not clearly start with prefixed
/// lines (so a plain tweet that merely contains "10:00" or a colon stays one message).
pub(crate) fn read(lines: &[Line], now: Option<i64>) -> Option<Output> {
    let nonblank = super::nonblank_indices(lines);
    let first = *nonblank.first()?;
    // The shape is set by the first message line: the first line, or, after a short preface of
    // at most three lines, the first of at least two strong lines with authors.
    let (start, shape) = match match_line(lines[first].text) {
        Some(p) => (first, p.shape),
        None => {
            let (k, p) = nonblank
                .iter()
                .take(4)
                .enumerate()
                .skip(1)
                .find_map(|(k, &i)| {
                    match_line(lines[i].text)
                        .filter(|p| p.strong && p.author.is_some())
                        .map(|p| (k, p))
                })?;
            let _ = k;
            let i = nonblank
                .iter()
                .copied()
                .find(|&i| match_line(lines[i].text).is_some_and(|q| q.shape == p.shape))?;
            (i, p.shape)
        }
    };
    let mut starts: Vec<(usize, Prefix)> = Vec::new();
    for &i in nonblank.iter().filter(|&&i| i >= start) {
        if let Some(p) = match_line(lines[i].text) {
            if p.shape == shape {
                starts.push((i, p));
            }
        }
    }
    let strong = starts.iter().filter(|(_, p)| p.strong).count();
    let with_author = starts.iter().filter(|(_, p)| p.author.is_some()).count();
    if with_author == 0 || (strong == 0 && starts.len() < 2) {
        return None;
    }
    if start != first && strong < 2 {
        return None;
    }

    let mut out = Output::default();
    let mut timeline = Timeline::new(now);
    for (k, (i, p)) in starts.iter().enumerate() {
        let end = starts
            .get(k + 1)
            .map(|(j, _)| j - 1)
            .unwrap_or(lines.len() - 1);
        let mut text = p.body.to_string();
        if end > *i {
            let more = super::join_lines(lines, i + 1, end);
            if !more.is_empty() {
                if !text.trim().is_empty() {
                    text.push('\n');
                }
                text.push_str(&more);
            }
        }
        let last_line = (*i..=end)
            .rev()
            .find(|&j| !lines[j].is_blank())
            .map(|j| lines[j].no)
            .unwrap_or(lines[*i].no);
        let time = match p.when {
            Some(w) => {
                let t = timeline.place(w);
                if t.is_none() {
                    out.problems.push(problem(
                        lines[*i].no,
                        format!(
                            "Waktu \"{}\" tidak valid; pesan tetap dibaca tanpa waktu.",
                            p.raw_time.as_deref().unwrap_or("")
                        ),
                        format!(
                            "The time \"{}\" is not a valid date; the message is kept without a time.",
                            p.raw_time.as_deref().unwrap_or("")
                        ),
                    ));
                }
                t
            }
            None => None,
        };
        out.drafts.push(Draft {
            author: p.author.clone(),
            time,
            raw_time: p.raw_time.clone(),
            text: text.trim().to_string(),
            conversation: None,
            first_line: lines[*i].no,
            last_line,
            display_name: None,
        });
    }
    if start != first {
        let preface = super::join_lines(lines, first, start - 1);
        out.problems.push(problem(
            lines[first].no,
            format!(
                "Baris sebelum pesan pertama tidak berawalan waktu/akun (\"{}\"); digabung ke pesan 1.",
                excerpt(&preface)
            ),
            format!(
                "Lines before the first message have no time/author prefix (\"{}\"); joined to message 1.",
                excerpt(&preface)
            ),
        ));
        if let Some(d) = out.drafts.first_mut() {
            d.text = format!("{preface}\n{}", d.text).trim().to_string();
            d.first_line = lines[first].no;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::{parse_paste, PasteFormat};

    fn authors_and_texts(t: &str) -> Vec<(Option<String>, String)> {
        parse_paste(t, None)
            .messages
            .into_iter()
            .map(|m| (m.author, m.text))
            .collect()
    }

    #[test]
    fn bracketed_clock_lines_split_into_messages() {
        let p = parse_paste(
            "[10:01] @budi_s: indihome mati\n[10:03] @budi_s: halo min??\n[10:04] @budi_s: tolong dicek ya",
            None,
        );
        assert_eq!(p.format, PasteFormat::LinePrefixed);
        assert_eq!(p.messages.len(), 3);
        assert_eq!(p.messages[2].id, "3");
        assert_eq!(p.messages[0].author.as_deref(), Some("@budi_s"));
        assert_eq!(p.messages[1].text, "halo min??");
        assert_eq!(p.messages[0].time.as_deref(), Some("1970-01-01T03:01:00Z"));
        assert_eq!(p.sources[1].raw_time.as_deref(), Some("10:03"));
    }

    #[test]
    fn author_first_and_time_first_shapes() {
        assert_eq!(
            authors_and_texts("@budi_s (10:01): halo\n@TelkomCare (10:02): siap kak -Sari"),
            vec![
                (Some("@budi_s".into()), "halo".into()),
                (Some("@TelkomCare".into()), "siap kak -Sari".into())
            ]
        );
        let p = parse_paste("2017-06-05 10:01 @budi_s: halo\n10:05 @budi_s: min?", None);
        assert_eq!(p.messages.len(), 2);
        assert_eq!(p.messages[1].time.as_deref(), Some("2017-06-05T03:05:00Z"));
    }

    #[test]
    fn continuation_lines_join_the_message_before() {
        let p = parse_paste(
            "[10:01] budi_s: baris satu\nbaris dua: masih pesan satu\n\n[10:02] budi_s: dua",
            None,
        );
        assert_eq!(p.messages.len(), 2);
        assert_eq!(
            p.messages[0].text,
            "baris satu\nbaris dua: masih pesan satu"
        );
        assert_eq!(p.messages[0].author.as_deref(), Some("budi_s"));
        assert_eq!(p.sources[0].last_line, 2);
    }

    #[test]
    fn clock_without_author_is_not_a_thread() {
        let p = parse_paste("[10:00] modem mati\n[11:00] teknisi datang", None);
        assert_eq!(p.format, PasteFormat::Plain);
        assert_eq!(p.messages.len(), 1);
    }

    #[test]
    fn one_weak_line_is_not_a_thread() {
        let p = parse_paste("10.00 Mati lagi: kenapa ya min", None);
        assert_eq!(p.format, PasteFormat::Plain);
    }

    #[test]
    fn url_colon_is_not_an_author() {
        let p = parse_paste("[10:01] https://t.co/abc lihat ini", None);
        // Bracketed but no author anywhere: plain.
        assert_eq!(p.format, PasteFormat::Plain);
    }
}
