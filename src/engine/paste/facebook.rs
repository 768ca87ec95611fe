//! Text copied from a Facebook page. A comment copies as an optional badge ("Penggemar berat",
//! "Top fan"), the commenter's name, the text, and an action row: "Suka · Balas · 5 mnt",
//! "Like · Reply · 5m", or the same words one per line. A post copies as the name, a time line
//! ("5 mnt ·", "5 Juni pukul 10.01"), the text, counters and "Suka / Komentari / Bagikan".
//!
//! Action rows are the anchors: each one closes the message written above it. Badges, counters
//! and "Lihat 2 balasan lainnya" are listed as skipped. Names are kept as written. This module
//! only splits; it must not judge brand or customer.

use crate::engine::order;
use super::chrome::{facebook_action_word, is_counter, is_facebook_badge, is_facebook_chrome, FbAction, MAX_META_LEN};
use super::when::{parse_written, Timeline, Written};
use super::{excerpt, join_lines, nonblank_indices, problem, Draft, Line, Output};
use crate::engine::model::Channel;
use crate::engine::normalize::to_lower;

#[derive(Debug, Clone, Default)]
struct Actions {
    like: bool,
    reply: bool,
    comment: bool,
    share: bool,
    time: Option<(Written, String)>,
}

impl Actions {
    fn merge(&mut self, o: Actions) {
        self.like |= o.like;
        self.reply |= o.reply;
        self.comment |= o.comment;
        self.share |= o.share;
        if self.time.is_none() {
            self.time = o.time;
        }
    }
    /// Does this row close a comment or a post?
    fn closes(&self) -> bool {
        self.like || self.reply || (self.comment && self.share)
    }
}

/// An action row: its first and last+1 non-blank index and the time it carries.
type Row = (usize, usize, Option<(Written, String)>);

/// Reads one line as (part of) an action row: action words, a time, counters, separated by
/// "·" or spaces. `None` when any part is something else.
fn action_line(s: &str) -> Option<Actions> {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_META_LEN {
        return None;
    }
    let mut a = Actions::default();
    // A time first: "3m" is three minutes here, not three million.
    if let Some(w) = parse_written(s.trim_end_matches(['·', '•', ' '])) {
        a.time = Some((w, s.trim_end_matches(['·', '•', ' ']).to_string()));
        return Some(a);
    }
    if is_counter(s) {
        return Some(a);
    }
    let lower = to_lower(s);
    for segment in lower.split(['·', '•']) {
        let mut run: Vec<&str> = Vec::new();
        let flush = |run: &mut Vec<&str>, a: &mut Actions| -> Option<()> {
            if run.is_empty() {
                return Some(());
            }
            let joined = run.join(" ");
            run.clear();
            if let Some(w) = parse_written(&joined) {
                if a.time.is_none() {
                    a.time = Some((w, joined));
                }
                Some(())
            } else if is_counter(&joined) || is_facebook_chrome(&joined) {
                Some(())
            } else {
                None
            }
        };
        for word in segment.split_whitespace() {
            match facebook_action_word(word) {
                Some(act) => {
                    flush(&mut run, &mut a)?;
                    match act {
                        FbAction::Like => a.like = true,
                        FbAction::Reply => a.reply = true,
                        FbAction::Comment => a.comment = true,
                        FbAction::Share => a.share = true,
                        FbAction::Filler => {}
                    }
                }
                None => run.push(word),
            }
        }
        flush(&mut run, &mut a)?;
    }
    Some(a)
}

/// A commenter's name: short, no sentence punctuation at the end, not a time or counter.
fn name_like(s: &str) -> bool {
    let s = s.trim();
    !(s.is_empty()
        || s.chars().count() > 60
        || s.split_whitespace().count() > 8
        || s.ends_with(['.', '?', '!', ',', ':'])
        || is_counter(s)
        || parse_written(s).is_some()
        || s.contains("://"))
}

/// "Rudi Hartono · Ikuti" -> "Rudi Hartono".
fn strip_follow(s: &str) -> &str {
    let t = s.trim();
    for suffix in ["· Ikuti", "· Follow", "• Ikuti", "• Follow"] {
        if let Some(r) = t.strip_suffix(suffix) {
            return r.trim();
        }
    }
    t
}

/// Reads a Facebook page copy. Returns the output and the number of action rows, or `None` when
/// no action row is present.
pub(crate) fn read(lines: &[Line], now: Option<i64>) -> Option<(Output, usize)> {
    let nb = nonblank_indices(lines);
    // Cheap first look: without a short line naming Like or Reply there is no action row, and
    // the full reading of every line can be skipped (it matters for huge pastes).
    let any_row = nb.iter().any(|&i| {
        let t = lines[i].text.as_bytes();
        t.len() <= MAX_META_LEN
            && [&b"suka"[..], b"balas", b"like", b"reply", b"komentari", b"comment"]
                .iter()
                .any(|w| t.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w)))
    });
    if !any_row {
        return None;
    }
    let acts: Vec<Option<Actions>> = nb.iter().map(|&i| action_line(lines[i].text)).collect();
    // Terminators: maximal runs of action lines that contain Like/Reply (or Comment+Share).
    let mut groups: Vec<(usize, usize, Actions)> = Vec::new(); // [from, to) in nb indices
    let mut k = 0;
    while k < nb.len() {
        if acts[k].is_none() {
            k += 1;
            continue;
        }
        let from = k;
        let mut merged = Actions::default();
        while k < nb.len() {
            match &acts[k] {
                Some(a) => merged.merge(a.clone()),
                None => break,
            }
            k += 1;
        }
        if merged.closes() {
            // A time line right above the row belongs to the row, but a lone time line that
            // directly follows a name (a post header) does not start the row.
            groups.push((from, k, merged));
        }
    }
    if groups.is_empty() {
        return None;
    }
    let mut out = Output {
        channel: Some(Channel::Facebook),
        ..Default::default()
    };
    let mut timeline = Timeline::new(now);
    let mut block_from = 0usize;
    let skip = |out: &mut Output, k: usize| out.skip(&lines[nb[k]]);
    let group_count = groups.len();
    let mut pending: Vec<Row> = groups.into_iter().map(|(f, t, a)| (f, t, a.time)).collect();
    pending.push((nb.len(), nb.len(), None));
    for (g_from, g_to, row_time) in pending {
        let is_tail = g_from == nb.len();
        let (mut from, mut to) = (block_from, g_from);
        block_from = g_to;
        // Leading and trailing chrome and badges.
        while from < to && (is_facebook_chrome(lines[nb[from]].text) || is_facebook_badge(lines[nb[from]].text)) {
            skip(&mut out, from);
            from += 1;
        }
        while to > from && (is_facebook_chrome(lines[nb[to - 1]].text) || is_counter(lines[nb[to - 1]].text)) {
            skip(&mut out, to - 1);
            to -= 1;
        }
        for k in g_from..g_to {
            skip(&mut out, k);
        }
        if from >= to {
            continue;
        }
        let first = strip_follow(lines[nb[from]].text);
        let mut d = Draft {
            first_line: lines[nb[from]].no,
            last_line: lines[nb[to - 1]].no,
            ..Default::default()
        };
        let mut text_from = from;
        if to - from >= 2 && name_like(first) {
            d.author = Some(first.to_string());
            text_from = from + 1;
        } else if to - from == 1 && name_like(first) && first.split_whitespace().count() <= 4 && !is_tail {
            d.author = Some(first.to_string());
            text_from = to;
            out.problems.push(problem(
                lines[nb[from]].no,
                "Komentar tanpa teks (mungkin stiker/gambar).",
                "A comment without text (perhaps a sticker or image).",
            ));
        } else {
            out.problems.push(problem(
                lines[nb[from]].no,
                format!("Nama penulis tidak ditemukan untuk \"{}\"; teks tetap disimpan.", excerpt(first)),
                format!("No author name found for \"{}\"; the text is kept.", excerpt(first)),
            ));
        }
        // A post's time line sits right under the name.
        let mut when = row_time;
        if d.author.is_some() && text_from < to {
            if let Some(a) = action_line(lines[nb[text_from]].text).filter(|a| a.time.is_some() && !a.closes()) {
                if when.is_none() {
                    when = a.time;
                }
                skip(&mut out, text_from);
                text_from += 1;
            }
        }
        // Badges printed under the name ("Rudi Hartono\nPenggemar berat").
        while text_from < to && is_facebook_badge(lines[nb[text_from]].text) && d.author.is_some() {
            skip(&mut out, text_from);
            text_from += 1;
        }
        d.text = if text_from < to {
            join_lines(lines, nb[text_from], nb[to - 1])
        } else {
            String::new()
        };
        if is_tail {
            out.problems.push(problem(
                lines[nb[from]].no,
                "Bagian terakhir tidak diakhiri baris \"Suka · Balas\"; dibaca sebagai satu pesan.",
                "The last part has no \"Like · Reply\" row; read as one message.",
            ));
        }
        d.time = when.as_ref().and_then(|(w, _)| timeline.place(*w));
        d.raw_time = when.map(|(_, raw)| raw);
        out.drafts.push(d);
    }
    order::sort_by_key(&mut out.skipped, |s| s.line);
    if out.drafts.is_empty() {
        return None;
    }
    Some((out, group_count))
}

#[cfg(test)]
mod tests {
    use super::super::{parse_paste, PasteFormat};
    use crate::engine::model::Channel;

    const NOW: Option<i64> = Some(1_746_853_200); // 2025-05-10T05:00:00Z

    #[test]
    fn comments_with_one_line_action_rows() {
        let t = "Penggemar berat\nRudi Hartono\nModem saya lampu LOS merah dari pagi.\nSuka · Balas · 5 mnt\nRudi Hartono\nNo pelanggan 122301234567.\nSuka · Balas · 4 mnt\nLihat 1 balasan lainnya\nTelkom Indonesia\nHalo Kak Rudi, mohon cek inbox ya -Sari\nSuka · Balas · 1 mnt";
        let p = parse_paste(t, NOW);
        assert_eq!(p.format, PasteFormat::FacebookWeb);
        assert_eq!(p.channel_guess, Some(Channel::Facebook));
        let got = p.authored_texts();
        assert_eq!(
            got,
            vec![
                ("Rudi Hartono", "Modem saya lampu LOS merah dari pagi."),
                ("Rudi Hartono", "No pelanggan 122301234567."),
                ("Telkom Indonesia", "Halo Kak Rudi, mohon cek inbox ya -Sari"),
            ]
        );
        assert_eq!(p.messages[0].time.as_deref(), Some("2025-05-10T04:55:00Z"));
    }

    #[test]
    fn action_words_one_per_line_in_english() {
        let t = "Rudi Hartono\nmy internet is down\n5m\nLike\nReply\nRudi Hartono\nhello??\nLike\nReply\n3m";
        let p = parse_paste(t, NOW);
        assert_eq!(p.messages.len(), 2);
        assert_eq!(p.messages[1].text, "hello??");
        assert_eq!(p.sources[1].raw_time.as_deref(), Some("3m"));
    }

    #[test]
    fn post_with_header_time_and_counters() {
        let t = "Rudi Hartono\n5 Juni 2017 pukul 09.00 ·\nInternet mati total sejak pagi.\nTolong dibantu.\n12\n3 komentar\nSuka\nKomentari\nBagikan";
        let p = parse_paste(t, None);
        assert_eq!(p.messages.len(), 1);
        assert_eq!(p.messages[0].text, "Internet mati total sejak pagi.\nTolong dibantu.");
        assert_eq!(p.messages[0].time.as_deref(), Some("2017-06-05T02:00:00Z"));
    }
}
