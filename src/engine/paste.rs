//! Turns whatever an agent pastes into a thread of messages, and says how it split it.
//!
//! Formats, tried in this order (see SPEC.md, "Pasting"):
//! - JSON: a case object (`messages` or `paste`), a bare array of messages, or JSON lines
//!   (`paste/structured.rs`);
//! - CSV with a header naming author/time/text (and optionally conversation), in English or
//!   Indonesian, delimited by `,`, `;` or tab (`paste/structured.rs`, using `engine::csv`);
//! - line-prefixed threads: `[10:01] @handle: text`, `2017-06-05 10:01 @handle: text`,
//!   `@handle (10:01): text` (`paste/lines.rs`);
//! - text copied from X/Twitter web (`paste/twitter.rs`) or a Facebook page (`paste/facebook.rs`);
//! - anything else is one plain message.
//!
//! Invariants: it never panics and never drops text silently. Page chrome that is left out
//! (counters, "Show more", "Suka · Balas") is listed in `skipped`; text that could not be placed
//! is kept in a message and reported in `problems`. Messages are numbered "1", "2", ... in the
//! order they appear, and `sources` tells, per message, which lines it came from. Times follow
//! the rules in `paste/when.rs` (WIB wall clock, relative times anchored on `now`).
//!
//! This module must not depend on the rulebook: it extracts authors faithfully (Twitter handles
//! keep their `@`, Facebook names stay as written) and leaves brand detection to the rules. It
//! does no I/O and reads no clock.

mod chrome;
mod facebook;
mod lines;
mod structured;
mod twitter;
pub mod when;

use super::model::*;
use super::normalize::to_lower;
use super::time::format_rfc3339;
use crate::engine::order;
use serde::Serialize;

/// How the parser read the paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PasteFormat {
    /// Nothing but whitespace.
    #[default]
    Empty,
    /// One message without metadata.
    Plain,
    /// Lines that start with a time and/or an author (`[10:01] @handle: text`).
    LinePrefixed,
    /// Text copied from X/Twitter in a browser.
    TwitterWeb,
    /// Text copied from a Facebook page in a browser.
    FacebookWeb,
    /// The JSON case format, an array of messages, or JSON lines.
    Json,
    /// CSV (or `;`/tab separated) with a header row.
    Csv,
}

impl PasteFormat {
    /// The format's tag, exactly as serde writes it (snake_case), without needing serde.
    pub fn as_str(self) -> &'static str {
        match self {
            PasteFormat::Empty => "empty",
            PasteFormat::Plain => "plain",
            PasteFormat::LinePrefixed => "line_prefixed",
            PasteFormat::TwitterWeb => "twitter_web",
            PasteFormat::FacebookWeb => "facebook_web",
            PasteFormat::Json => "json",
            PasteFormat::Csv => "csv",
        }
    }
}

/// Something in the paste the parser could not read as intended. The text involved is kept in
/// a message (or, for a bad time, is the raw time shown here), never thrown away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PasteProblem {
    /// 1-based line of the paste.
    pub line: usize,
    /// Indonesian explanation (the app's default language).
    pub message: String,
    /// English explanation.
    pub message_en: String,
}

/// Where one message came from, parallel to `ParsedPaste::messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct MessageSource {
    /// First and last 1-based line of the paste that make up this message.
    pub first_line: usize,
    pub last_line: usize,
    /// The display name shown beside the handle (X/Twitter), when the paste had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The time as written in the paste ("5m", "10:01", "30 Apr"), before it was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_time: Option<String>,
}

/// A line recognised as page chrome (a counter, a button label) and left out of the messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedLine {
    pub line: usize,
    pub text: String,
}

/// The parser's answer: the messages and how it got them.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ParsedPaste {
    pub format: PasteFormat,
    /// The channel the paste looks like it came from; the caller's choice overrides it.
    pub channel_guess: Option<Channel>,
    pub messages: Vec<Message>,
    pub problems: Vec<PasteProblem>,
    /// Per message (same order as `messages`): the lines it came from and its raw time.
    pub sources: Vec<MessageSource>,
    /// Page chrome left out of the messages, so the agent can see nothing else was dropped.
    pub skipped: Vec<SkippedLine>,
}

impl ParsedPaste {
    /// Each message's author ("" when the paste named none) and text, in order.
    pub fn authored_texts(&self) -> Vec<(&str, &str)> {
        self.messages
            .iter()
            .map(|m| (m.author.as_deref().unwrap_or(""), m.text.as_str()))
            .collect()
    }
}

/// One line of the paste: its 1-based number and its text without the line break.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub no: usize,
    pub text: &'a str,
}

impl Line<'_> {
    #[inline(never)]
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Indices (into `lines`) of the lines that are not blank.
#[inline(never)]
pub(crate) fn nonblank_indices(lines: &[Line]) -> Vec<usize> {
    (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect()
}

/// Is `word` one of the words of `list`, which are separated by `|` (no word holds a `|`)?
/// The parser's word lists are strings read by this one loop: a `match` over many strings
/// compiles to a comparison per string, and a slice of `&str` to a pointer per string.
#[inline(never)]
pub(crate) fn is_one_of(word: &str, list: &str) -> bool {
    list.split('|').any(|w| w == word)
}

/// The 0-based index of the group of `table` that holds `word`: groups are separated by `;`,
/// the words of a group by `|`.
#[inline(never)]
pub(crate) fn group_of(word: &str, table: &str) -> Option<usize> {
    table.split(';').position(|group| is_one_of(word, group))
}

/// A message before numbering.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    pub author: Option<String>,
    /// UTC seconds when a time was read.
    pub time: Option<i64>,
    pub raw_time: Option<String>,
    pub text: String,
    pub conversation: Option<String>,
    pub first_line: usize,
    pub last_line: usize,
    pub display_name: Option<String>,
}

/// What a format reader returns.
#[derive(Debug, Clone, Default)]
pub(crate) struct Output {
    pub drafts: Vec<Draft>,
    pub problems: Vec<PasteProblem>,
    pub skipped: Vec<SkippedLine>,
    /// A channel the format itself states or implies (a JSON case's `channel`, a CSV column,
    /// the X/Facebook page layout).
    pub channel: Option<Channel>,
}

impl Output {
    /// Lists `line` (trimmed) as page chrome left out of the messages.
    #[inline(never)]
    pub fn skip(&mut self, line: &Line) {
        self.skipped.push(SkippedLine {
            line: line.no,
            text: line.text.trim().to_string(),
        });
    }
}

pub(crate) fn problem(line: usize, id: impl Into<String>, en: impl Into<String>) -> PasteProblem {
    PasteProblem {
        line,
        message: id.into(),
        message_en: en.into(),
    }
}

/// A short, single-line excerpt of user text for a problem message.
pub(crate) fn excerpt(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s
        .chars()
        .take(60)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Joins the text of lines `from..=to` (indices into `lines`), keeping inner blank lines, and
/// trims the result.
pub(crate) fn join_lines(lines: &[Line], from: usize, to: usize) -> String {
    if from > to || to >= lines.len() {
        return String::new();
    }
    let mut out = String::new();
    for (k, l) in lines[from..=to].iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str(l.text);
    }
    out.trim().to_string()
}

/// Splits text into lines on `\n`, `\r\n` and lone `\r`, numbered from 1. Scans bytes, so a
/// 10 MB paste splits in milliseconds.
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let len = text.len();
    // Room for lines of about 64 bytes (chat lines are mostly shorter), to skip most regrowth.
    let mut out = Vec::with_capacity(len / 64 + 1);
    let mut start = 0;
    // Line breaks are found with `str::find` (memchr): the next '\n' is searched for again only
    // once it is passed, and a '\r' only up to it, so every byte is looked at a bounded number
    // of times.
    let find_from =
        |from: usize, c: char, to: usize| text[from..to].find(c).map_or(to, |k| from + k);
    let mut next_nl = find_from(0, '\n', len);
    loop {
        if next_nl < start {
            next_nl = find_from(start, '\n', len);
        }
        let i = find_from(start, '\r', next_nl);
        if i == len {
            break;
        }
        out.push(Line {
            no: out.len() + 1,
            text: &text[start..i],
        });
        start = i + if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
    }
    out.push(Line {
        no: out.len() + 1,
        text: &text[start..],
    });
    out
}

/// How deep a JSON case's `paste` may nest another paste before we stop reading it as JSON.
const MAX_DEPTH: usize = 3;

/// Parses a paste. `now` (seconds since the epoch) anchors relative times such as "5m".
pub fn parse_paste(text: &str, now: Option<i64>) -> ParsedPaste {
    parse_at_depth(text, now, 0)
}

pub(crate) fn parse_at_depth(text: &str, now: Option<i64>, depth: usize) -> ParsedPaste {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return ParsedPaste::default();
    }
    let mut early_problems = Vec::new();
    let (format, out) = read_any(text, now, depth, &mut early_problems);
    finish(text, format, out, early_problems)
}

fn read_any(
    text: &str,
    now: Option<i64>,
    depth: usize,
    problems: &mut Vec<PasteProblem>,
) -> (PasteFormat, Output) {
    match structured::read_json(text, now, depth) {
        structured::JsonRead::Read(out) => return (PasteFormat::Json, out),
        structured::JsonRead::Invalid(p) => problems.push(p),
        structured::JsonRead::NotJson => {}
    }
    let lines = split_lines(text);
    if let Some(out) = structured::read_csv(text, &lines, now) {
        return (PasteFormat::Csv, out);
    }
    if let Some(out) = lines::read(&lines, now) {
        return (PasteFormat::LinePrefixed, out);
    }
    let tw = twitter::read(&lines, now);
    let fb = facebook::read(&lines, now);
    match (tw, fb) {
        (Some((tw, tn)), Some((fb, fn_))) => {
            if fn_ > tn {
                (PasteFormat::FacebookWeb, fb)
            } else {
                (PasteFormat::TwitterWeb, tw)
            }
        }
        (Some((tw, _)), None) => (PasteFormat::TwitterWeb, tw),
        (None, Some((fb, _))) => (PasteFormat::FacebookWeb, fb),
        (None, None) => (PasteFormat::Plain, plain(text, &lines)),
    }
}

/// The whole paste as one message.
fn plain(text: &str, lines: &[Line]) -> Output {
    let nonblank = nonblank_indices(lines);
    let first = nonblank.first().map_or(1, |&i| lines[i].no);
    let last = nonblank.last().map_or(first, |&i| lines[i].no);
    let mut out = Output::default();
    if !nonblank.is_empty()
        && nonblank.len() <= 10_000
        && nonblank.iter().all(|&i| {
            when::parse_written(lines[i].text.trim().trim_matches(['[', ']', '(', ')'])).is_some()
        })
    {
        out.problems.push(problem(
            first,
            "Paste hanya berisi waktu, tanpa teks pesan; dibaca sebagai satu pesan.",
            "The paste holds only times and no message text; read as one message.",
        ));
    }
    out.drafts.push(Draft {
        text: text.trim().to_string(),
        first_line: first,
        last_line: last,
        ..Default::default()
    });
    out
}

/// Control characters (other than tab and line breaks) and U+FFFD, counted on bytes: C0
/// controls and DEL are single bytes, C1 controls are `C2 80..9F`, U+FFFD is `EF BF BD`.
fn count_unreadable(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        // Printable ASCII and most other bytes count for nothing: skip them at once.
        if c >= 0x20 && c != 0x7f && c != 0xc2 && c != 0xef {
            continue;
        }
        n += match c {
            b'\n' | b'\r' | b'\t' => 0,
            0..=0x1f | 0x7f => 1,
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => 1,
            0xef if b.get(i + 1) == Some(&0xbf) && b.get(i + 2) == Some(&0xbd) => 1,
            _ => 0,
        };
    }
    n
}

fn finish(
    text: &str,
    mut format: PasteFormat,
    mut out: Output,
    early: Vec<PasteProblem>,
) -> ParsedPaste {
    let mut problems = early;
    problems.append(&mut out.problems);
    // A thread in which no message has any text (only times or names) is not a thread: show the
    // paste as one message so nothing looks read that was not.
    if out.drafts.len() > 1
        && out.drafts.iter().all(|d| d.text.trim().is_empty())
        && format != PasteFormat::Json
        && format != PasteFormat::Csv
    {
        problems.push(problem(
            out.drafts[0].first_line,
            "Tidak ada teks pesan (hanya waktu/nama); paste dibaca sebagai satu pesan.",
            "No message text found (only times/names); the paste is read as one message.",
        ));
        let lines = split_lines(text);
        let mut p = plain(text, &lines);
        out.drafts = std::mem::take(&mut p.drafts);
        out.skipped.clear();
        format = PasteFormat::Plain;
    }
    let bad = count_unreadable(text);
    if bad > 0 {
        problems.push(problem(
            1,
            format!("Paste berisi {bad} karakter yang tidak terbaca (mungkin data biner); teks tetap disimpan apa adanya."),
            format!("The paste holds {bad} unreadable characters (binary data?); the text is kept as it is."),
        ));
    }
    let channel_guess = out
        .channel
        .or_else(|| guess_from_authors(&out.drafts))
        .or_else(|| guess_channel(text));
    let mut messages = Vec::with_capacity(out.drafts.len());
    let mut sources = Vec::with_capacity(out.drafts.len());
    for (i, d) in out.drafts.into_iter().enumerate() {
        messages.push(Message {
            id: (i + 1).to_string(),
            author: d.author,
            time: d.time.map(format_rfc3339),
            text: d.text,
            conversation: d.conversation,
        });
        sources.push(MessageSource {
            first_line: d.first_line,
            last_line: d.last_line,
            display_name: d.display_name,
            raw_time: d.raw_time,
        });
    }
    order::sort_by_key(&mut problems, |p| p.line);
    ParsedPaste {
        format,
        channel_guess,
        messages,
        problems,
        sources,
        skipped: out.skipped,
    }
}

/// Authors written as `@handle` mean Twitter; authors with spaces (display names) mean Facebook.
fn guess_from_authors(drafts: &[Draft]) -> Option<Channel> {
    let (mut tw, mut fb) = (0usize, 0usize);
    for a in drafts.iter().filter_map(|d| d.author.as_deref()) {
        if a.starts_with('@') {
            tw += 1;
        } else if a.trim().contains(' ') {
            fb += 1;
        }
    }
    match tw.cmp(&fb) {
        std::cmp::Ordering::Greater => Some(Channel::Twitter),
        std::cmp::Ordering::Less => Some(Channel::Facebook),
        std::cmp::Ordering::Equal => None,
    }
}

/// Markers of X/Twitter in lower-cased text, separated by `|`.
const TWITTER_MARKERS: &str = concat!(
    "replying to|membalas @|rt @|twitter.com|x.com/|retweet|repost|tweet|cuitan|",
    "terjemahkan postingan",
);

/// Markers of Facebook in lower-cased text, separated by `|`.
const FACEBOOK_MARKERS: &str = concat!(
    "facebook|fb.com|fb.me|suka · balas|like · reply|penggemar berat|top fan|komentari|",
    "lihat balasan|view more replies|messenger",
);

/// How often `needle` occurs in `hay` (without overlaps), counting at most to `cap`.
#[inline(never)]
fn count_up_to(hay: &str, needle: &str, cap: usize) -> usize {
    hay.matches(needle).take(cap).count()
}

/// Guesses the channel from markers in the text: X/Twitter handles, "Replying to", "RT @",
/// x.com links against Facebook's "Suka · Balas", "Penggemar berat", facebook.com links.
/// `None` when there is no marker or they tie. Only the first 64 KiB are looked at.
pub fn guess_channel(text: &str) -> Option<Channel> {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = to_lower(&text[..end]);
    let mut tw = 0usize;
    let mut fb = 0usize;
    for marker in TWITTER_MARKERS.split('|') {
        tw += count_up_to(&head, marker, 5);
    }
    for marker in FACEBOOK_MARKERS.split('|') {
        fb += count_up_to(&head, marker, 5) * 2;
    }
    for l in head.lines() {
        if is_one_of(l.trim(), "suka|balas|like|reply|bagikan|share") {
            fb += 1;
        }
    }
    // Handles: an `@` followed by a handle character and not preceded by one (not an e-mail).
    let bytes = head.as_bytes();
    let mut handles = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'@'
            && bytes
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            handles += 1;
            if handles >= 5 {
                break;
            }
        }
    }
    tw += handles;
    match tw.cmp(&fb) {
        std::cmp::Ordering::Greater => Some(Channel::Twitter),
        std::cmp::Ordering::Less => Some(Channel::Facebook),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_give_no_messages() {
        for t in ["", "   \n\t\n", "\u{feff}"] {
            let p = parse_paste(t, None);
            assert_eq!(p.format, PasteFormat::Empty);
            assert!(p.messages.is_empty());
        }
    }

    #[test]
    fn lone_message_with_a_colon_and_a_time_stays_one_plain_message() {
        let t = "jam 10:00 mati lagi, min: tolong cek dong @TelkomCare";
        let p = parse_paste(t, None);
        assert_eq!(p.format, PasteFormat::Plain);
        assert_eq!(p.messages.len(), 1);
        assert_eq!(p.messages[0].id, "1");
        assert_eq!(p.messages[0].text, t);
        assert_eq!(p.messages[0].author, None);
        assert_eq!(p.channel_guess, Some(Channel::Twitter));
    }

    #[test]
    fn multi_line_tweet_is_not_split() {
        let t = "@IndiHomeCare min tolong\nsudah 3 hari internet mati\n10:00 teknisi janji datang\ntapi gak ada kabar";
        let p = parse_paste(t, None);
        assert_eq!(p.format, PasteFormat::Plain);
        assert_eq!(p.messages.len(), 1);
        assert_eq!(p.messages[0].text, t);
    }

    #[test]
    fn tweet_with_a_mention_line_and_a_duration_line_is_not_an_x_header() {
        let t = "@TelkomCare\n2 jam\nbelum ada teknisi yang datang";
        let p = parse_paste(t, None);
        assert_eq!(p.format, PasteFormat::Plain);
        assert_eq!(p.messages.len(), 1);
        assert_eq!(p.messages[0].author, None);
    }

    #[test]
    fn form_style_lines_with_colons_stay_one_message() {
        let t = "Nama: Budi\nNo inet: 122301234567\nAlamat: Jl. Mawar 5\nKeluhan: internet mati";
        let p = parse_paste(t, None);
        assert_eq!(p.format, PasteFormat::Plain);
        assert_eq!(p.messages.len(), 1);
    }

    #[test]
    fn lines_split_on_cr_lf_and_lone_cr() {
        let l = split_lines("a\r\nb\rc\n");
        let texts: Vec<&str> = l.iter().map(|l| l.text).collect();
        assert_eq!(texts, vec!["a", "b", "c", ""]);
        assert_eq!(l[2].no, 3);
    }

    #[test]
    fn line_breaks_of_every_kind_in_a_row() {
        fn texts(t: &str) -> Vec<&str> {
            split_lines(t).iter().map(|l| l.text).collect()
        }
        assert_eq!(texts("a\r\r\n\nb\r"), vec!["a", "", "", "b", ""]);
        assert_eq!(texts("no break"), vec!["no break"]);
        assert_eq!(texts(""), vec![""]);
        assert_eq!(texts("\n\r"), vec!["", "", ""]);
    }

    #[test]
    fn binary_junk_is_kept_and_reported() {
        let t = "\u{0}\u{1}\u{fffd}\u{fffd}PK\u{3}\u{4}abc";
        let p = parse_paste(t, None);
        assert_eq!(p.messages.len(), 1);
        assert!(p.messages[0].text.contains("abc"));
        assert!(p
            .problems
            .iter()
            .any(|p| p.message_en.contains("unreadable")));
    }

    #[test]
    fn only_timestamps_gives_one_message_and_a_problem() {
        let p = parse_paste("10:01\n10:02\n[10:03]", None);
        assert_eq!(p.messages.len(), 1);
        assert!(!p.problems.is_empty());
    }

    #[test]
    fn format_tags_match_the_serde_names() {
        for f in [
            PasteFormat::Empty,
            PasteFormat::Plain,
            PasteFormat::LinePrefixed,
            PasteFormat::TwitterWeb,
            PasteFormat::FacebookWeb,
            PasteFormat::Json,
            PasteFormat::Csv,
        ] {
            assert_eq!(
                serde_json::to_value(f).ok(),
                Some(serde_json::Value::from(f.as_str()))
            );
        }
        assert_eq!(PasteFormat::LinePrefixed.as_str(), "line_prefixed");
    }

    #[test]
    fn channel_is_guessed_from_markers() {
        assert_eq!(guess_channel("@TelkomCare halo"), Some(Channel::Twitter));
        assert_eq!(
            guess_channel("Rudi\nhalo\nSuka · Balas · 5 mnt"),
            Some(Channel::Facebook)
        );
        assert_eq!(guess_channel("halo admin"), None);
        assert_eq!(guess_channel("mail saya budi@gmail.com"), None);
    }
}
