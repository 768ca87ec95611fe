//! Text copied from X/Twitter web. A tweet there copies as a header (display name, `@handle`,
//! `·`, a time such as "5m", "2 j" or "30 Apr", on one line or several), an optional "Replying
//! to @x" / "Membalas @x", the text, and counters (replies, reposts, likes, views). The opened
//! ("focused") tweet prints its time after the text instead: "10:01 AM · Jun 5, 2017".
//!
//! Headers are the anchors; everything between two headers is the first one's body, from which
//! leading reply lines and trailing counters and buttons are taken off (and listed as skipped).
//! "Replying to @a and @b" becomes a leading "@a @b " in the text, as the tweet's own text
//! carries it. This module only splits; it must not judge brand or customer.

use crate::engine::order;
use super::chrome::{is_counter, is_handle, is_twitter_chrome, norm, MAX_META_LEN};
use super::when::{parse_written, Timeline, Written};
use super::{excerpt, join_lines, nonblank_indices, problem, Draft, Line, Output};
use crate::engine::model::Channel;

#[derive(Debug, Clone)]
struct Header {
    /// Index into the non-blank line list of the line holding the handle.
    at: usize,
    /// Last non-blank index that belongs to the header.
    end: usize,
    handle: String,
    inline_name: Option<String>,
    when: Option<(Written, String)>,
    strong: bool,
}

fn is_reply_lead(n: &str) -> bool {
    n == "replying to"
        || n == "membalas"
        || n.starts_with("replying to ")
        || n.starts_with("membalas @")
        || n == "balasan untuk"
        || n.starts_with("in reply to")
}

/// Words that join handles in "Replying to @a, @b and 2 others".
fn is_reply_filler(n: &str) -> bool {
    let n = n.trim_matches(',').trim();
    if n.is_empty() || matches!(n, "and" | "dan" | "&" | ",") {
        return true;
    }
    let mut w = n.split_whitespace();
    let first = w.next().unwrap_or("");
    let first = if first == "and" || first == "dan" {
        w.next().unwrap_or("")
    } else {
        first
    };
    first.chars().all(|c| c.is_ascii_digit())
        && !first.is_empty()
        && matches!(w.next(), Some("others" | "other" | "lainnya" | "orang" | "lain"))
        && w.next().is_none_or(|x| x == "lainnya")
}

/// A time written after a header: "5m", "· 5m", "30 Apr".
fn time_text(s: &str) -> Option<(Written, String)> {
    let t = s.trim().trim_start_matches(['·', '•']).trim();
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    parse_written(t).map(|w| (w, t.to_string()))
}

/// A display name: short, not a handle, a counter, a time, chrome or a sentence.
fn name_like(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 50 || s.starts_with('@') || s.split_whitespace().count() > 6 {
        return false;
    }
    if is_counter(s) || is_twitter_chrome(s) || parse_written(s).is_some() || s.contains("://") {
        return false;
    }
    let n = norm(s);
    !(is_reply_lead(&n) || is_reply_filler(&n) || s.ends_with(['.', '?', '!', ',', ':']))
}

/// Parses a header whose handle is on non-blank line `k`. The cheap part (is a time there?)
/// comes first; the name is only checked for lines that can still be headers, which keeps long
/// pastes fast.
fn header_at(lines: &[Line], nb: &[usize], k: usize) -> Option<Header> {
    let t = lines[nb[k]].text.trim();
    if t.len() > MAX_META_LEN || !(t.as_bytes().contains(&b'@') || t.contains('＠')) {
        return None;
    }
    let (first, after_dot) = match t.find('·') {
        Some(i) => (&t[..i], Some(&t[i + '·'.len_utf8()..])),
        None => (t, None),
    };
    let words: Vec<&str> = first.split_whitespace().collect();
    let h = words.iter().position(|w| is_handle(w.trim_end_matches(',')))?;
    let has_name = h > 0;
    let trailing = &words[h + 1..];
    let mut when = None;
    let mut end = k;
    match after_dot {
        Some(rest) if !rest.trim().is_empty() => {
            // The time follows the dot on the same line.
            if !trailing.is_empty() {
                return None;
            }
            when = Some(time_text(rest)?);
        }
        Some(_) => {
            // "@handle ·" with the time on the next line.
            let next = *nb.get(k + 1)?;
            when = Some(time_text(lines[next].text)?);
            end = k + 1;
        }
        None if !trailing.is_empty() => {
            // "Budi @budi_s 5m" without the dot: only with a name, so that a tweet line such as
            // "@TelkomCare 2 jam" is not taken for a header.
            if !has_name {
                return None;
            }
            when = Some(time_text(&trailing.join(" "))?);
        }
        None if has_name => {
            // "Budi @budi_s" with the time on later lines is not a form X prints.
            return None;
        }
        None => {
            // The handle alone: an optional "·" line, then the time. Without the dot, a name
            // line must sit above the handle ("@TelkomCare" then "2 jam" may be a tweet).
            let mut j = k + 1;
            let mut dotted = false;
            if let Some(&i) = nb.get(j) {
                let s = lines[i].text.trim();
                if s == "·" || s == "•" {
                    j += 1;
                    dotted = true;
                }
            }
            if let Some(&i) = nb.get(j) {
                if let Some(w) = time_text(lines[i].text) {
                    let named_above = k > 0 && name_like(lines[nb[k - 1]].text);
                    if dotted || lines[i].text.trim_start().starts_with(['·', '•']) || named_above {
                        when = Some(w);
                        end = j;
                    }
                }
            }
        }
    }
    let inline_name = if has_name {
        let name = words[..h].join(" ");
        let n = norm(&name);
        if is_reply_lead(&n) || n.ends_with("replying to") || n.ends_with("membalas") || name.contains('@') || !name_like(&name) {
            return None;
        }
        Some(name)
    } else {
        None
    };
    let handle = words[h].trim_end_matches(',').replace('＠', "@");
    let strong = when.is_some();
    Some(Header {
        at: k,
        end,
        handle,
        inline_name,
        when,
        strong,
    })
}

/// A "focused tweet" time line: a clock with a date, such as "10:01 AM · Jun 5, 2017".
fn detail_time(s: &str) -> Option<(Written, String)> {
    let t = s.trim();
    if t.len() > 80 || !(t.contains(' ') || t.contains('·') || t.contains(',')) || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // "10:01 AM · Jun 5, 2017 · 1,234 Views": the view count may share the line.
    let kept: Vec<&str> = t
        .split('·')
        .map(str::trim)
        .filter(|p| !(p.is_empty() || (is_counter(p) && p.contains(char::is_alphabetic))))
        .collect();
    match parse_written(&kept.join(" · "))? {
        w @ Written::Date { clock: Some(_), .. } | w @ Written::Instant(_) => Some((w, t.to_string())),
        _ => None,
    }
}

/// Reads an X/Twitter web copy. Returns the output and the number of headers found, or `None`
/// when no header with a time is present.
pub(crate) fn read(lines: &[Line], now: Option<i64>) -> Option<(Output, usize)> {
    let nb = nonblank_indices(lines);
    // Only lines with an `@` can hold a handle; finding them once keeps huge pastes cheap.
    let cands: Vec<usize> = (0..nb.len())
        .filter(|&k| {
            let t = lines[nb[k]].text.as_bytes();
            t.len() <= MAX_META_LEN + 8 && (t.contains(&b'@') || lines[nb[k]].text.contains('＠'))
        })
        .collect();
    if cands.is_empty() {
        return None;
    }
    // Strong headers first (a handle with its time), then weak ones (a lone handle under a
    // name, as the focused tweet prints it) when a clock-and-date line follows them.
    let mut headers: Vec<Header> = Vec::new();
    let mut covered_to = 0usize; // first non-blank index not inside an accepted header
    for &k in &cands {
        if k < covered_to {
            continue;
        }
        if let Some(h) = header_at(lines, &nb, k).filter(|h| h.strong) {
            covered_to = h.end + 1;
            headers.push(h);
        }
    }
    // For each non-blank line, the first line at or after it that is a focused tweet's time,
    // computed once (and only when a weak header needs it) so the search stays linear.
    let mut next_detail: Vec<usize> = Vec::new();
    let mut weak = Vec::new();
    for &k in &cands {
        let slot = headers.partition_point(|h| h.at < k);
        if slot > 0 && headers[slot - 1].end >= k {
            continue;
        }
        if headers.get(slot).is_some_and(|h| h.at == k) {
            continue;
        }
        let Some(h) = header_at(lines, &nb, k) else { continue };
        if h.strong || h.inline_name.is_some() || k == 0 || !name_like(lines[nb[k - 1]].text) {
            continue;
        }
        if k >= 2 && is_reply_lead(&norm(lines[nb[k - 2]].text)) {
            continue;
        }
        if next_detail.is_empty() {
            next_detail = vec![usize::MAX; nb.len() + 1];
            for j in (0..nb.len()).rev() {
                next_detail[j] = if detail_time(lines[nb[j]].text).is_some() {
                    j
                } else {
                    next_detail[j + 1]
                };
            }
        }
        let limit = headers.get(slot).map(|h| h.at).unwrap_or(nb.len());
        if next_detail[k + 1] < limit {
            weak.push(h);
        }
    }
    headers.extend(weak);
    if headers.is_empty() {
        return None;
    }
    order::sort_by_key(&mut headers, |h| h.at);
    let found = headers.len();

    // Does this paste put display names on their own line above the handle? Vote over headers.
    let (mut yes, mut no) = (0i32, 0i32);
    for (j, h) in headers.iter().enumerate() {
        if h.inline_name.is_some() {
            continue;
        }
        let floor = if j == 0 { 0 } else { headers[j - 1].end + 1 };
        if h.at == 0 || h.at - 1 < floor {
            no += 1;
            continue;
        }
        let prev = lines[nb[h.at - 1]].text;
        if !name_like(prev) {
            no += 1;
            continue;
        }
        let before = if h.at >= 2 { Some(lines[nb[h.at - 2]].text) } else { None };
        let boundary = before.is_none_or(|b| is_counter(b) || is_twitter_chrome(b) || detail_time(b).is_some());
        if boundary {
            yes += 1;
        }
    }
    // A tie goes to names: a paste whose selection began at the first handle still has names
    // above the later ones.
    let names_on_own_line = yes > 0 && yes >= no;

    let mut out = Output {
        channel: Some(Channel::Twitter),
        ..Default::default()
    };
    let mut timeline = Timeline::new(now);
    // Where each header's block starts (its name line, when names sit above handles).
    let starts: Vec<(usize, Option<String>)> = headers
        .iter()
        .enumerate()
        .map(|(j, h)| {
            let floor = if j == 0 { 0 } else { headers[j - 1].end + 1 };
            if h.inline_name.is_none() && names_on_own_line && h.at > floor && name_like(lines[nb[h.at - 1]].text) {
                (h.at - 1, Some(lines[nb[h.at - 1]].text.trim().to_string()))
            } else {
                (h.at, h.inline_name.clone())
            }
        })
        .collect();

    // Anything above the first header that is not chrome is kept in message 1.
    let mut preface = String::new();
    for &i in &nb[..starts[0].0] {
        if is_twitter_chrome(lines[i].text) || is_counter(lines[i].text) {
            out.skip(&lines[i]);
        } else {
            if !preface.is_empty() {
                preface.push('\n');
            }
            preface.push_str(lines[i].text.trim());
        }
    }

    for (j, h) in headers.iter().enumerate() {
        let body_from = h.end + 1;
        let body_to = starts.get(j + 1).map(|s| s.0).unwrap_or(nb.len()); // exclusive
        let mut from = body_from;
        let mut to = body_to;
        let mut mentions: Vec<String> = Vec::new();
        // Leading chrome and "Replying to @a and @b".
        let mut in_reply = false;
        while from < to {
            let s = lines[nb[from]].text.trim();
            let n = norm(s);
            if is_reply_lead(&n) {
                in_reply = true;
                mentions.extend(
                    s.split(|c: char| c.is_whitespace() || c == ',')
                        .filter(|w| is_handle(w))
                        .map(str::to_string),
                );
            } else if in_reply && (is_handle(s.trim_end_matches(',')) || is_reply_filler(&n)) {
                if is_handle(s.trim_end_matches(',')) {
                    mentions.push(s.trim_end_matches(',').to_string());
                }
            } else if in_reply
                && s.split_whitespace()
                    .all(|w| is_handle(w.trim_end_matches(',')) || is_reply_filler(&norm(w)))
            {
                mentions.extend(
                    s.split(|c: char| c.is_whitespace() || c == ',')
                        .filter(|w| is_handle(w))
                        .map(str::to_string),
                );
            } else if is_twitter_chrome(s) {
                // Skipped below.
            } else {
                break;
            }
            out.skip(&lines[nb[from]]);
            from += 1;
        }
        // Trailing counters, buttons and the focused tweet's time line.
        let mut when = h.when.clone();
        while to > from {
            let s = lines[nb[to - 1]].text.trim();
            if is_counter(s) || is_twitter_chrome(s) {
                out.skip(&lines[nb[to - 1]]);
                to -= 1;
            } else if let Some(d) = detail_time(s) {
                if when.is_none() {
                    when = Some(d);
                } else {
                    out.skip(&lines[nb[to - 1]]);
                }
                to -= 1;
            } else {
                break;
            }
        }
        let mut text = if from < to {
            join_lines(lines, nb[from], nb[to - 1])
        } else {
            String::new()
        };
        if !mentions.is_empty() {
            let lead = mentions.join(" ");
            text = if text.is_empty() { lead } else { format!("{lead} {text}") };
        }
        if j == 0 && !preface.is_empty() {
            out.problems.push(problem(
                lines[nb[0]].no,
                format!(
                    "Teks sebelum tweet pertama (\"{}\") tidak dikenali; digabung ke pesan 1.",
                    excerpt(&preface)
                ),
                format!(
                    "Text before the first tweet (\"{}\") was not recognised; joined to message 1.",
                    excerpt(&preface)
                ),
            ));
            text = format!("{preface}\n{text}").trim().to_string();
        }
        if text.is_empty() {
            out.problems.push(problem(
                lines[nb[h.at]].no,
                "Tweet tanpa teks (mungkin hanya gambar/video).",
                "A tweet without text (perhaps only an image or video).",
            ));
        }
        let time = when.as_ref().and_then(|(w, _)| timeline.place(*w));
        let first_line = if j == 0 && !preface.is_empty() {
            lines[nb[0]].no
        } else {
            lines[nb[starts[j].0]].no
        };
        let last_idx = if body_to > body_from { body_to - 1 } else { h.end };
        out.drafts.push(Draft {
            author: Some(h.handle.clone()),
            time,
            raw_time: when.map(|(_, raw)| raw),
            text,
            conversation: None,
            first_line,
            last_line: lines[nb[last_idx.max(h.end)]].no,
            display_name: starts[j].1.clone(),
        });
        // Chrome lines left in the body's edges were pushed above; keep `skipped` in line order.
    }
    order::sort_by_key(&mut out.skipped, |s| s.line);
    Some((out, found))
}

#[cfg(test)]
mod tests {
    use super::super::{parse_paste, PasteFormat};

    const NOW: Option<i64> = Some(1_746_853_200); // 2025-05-10T05:00:00Z

    #[test]
    fn multi_line_headers_with_counters_split_per_tweet() {
        let t = "Budi Santoso\n@budi_s\n·\n5m\nindihome mati total dari subuh @TelkomCare\n1\n2\n10\nBudi Santoso\n@budi_s\n·\n3m\nhalo min??\n\n\n3\nTelkomCare\n@TelkomCare\n·\n1m\nReplying to\n@budi_s\nMohon maaf kak, cek DM ya -Sari\n2";
        let p = parse_paste(t, NOW);
        assert_eq!(p.format, PasteFormat::TwitterWeb);
        let got = p.authored_texts();
        assert_eq!(
            got,
            vec![
                ("@budi_s", "indihome mati total dari subuh @TelkomCare"),
                ("@budi_s", "halo min??"),
                ("@TelkomCare", "@budi_s Mohon maaf kak, cek DM ya -Sari"),
            ]
        );
        assert_eq!(p.messages[0].time.as_deref(), Some("2025-05-10T04:55:00Z"));
        assert_eq!(p.sources[0].display_name.as_deref(), Some("Budi Santoso"));
        assert!(p.skipped.iter().any(|s| s.text == "10"));
    }

    #[test]
    fn one_line_headers_and_indonesian_chrome() {
        let t = "Budi @budi_s · 2 j\nMembalas @IndiHomeCare\nmin wifi saya los merah\nTerjemahkan postingan\n4\n1 rb\nSiti @siti_a · 30 Apr\nmodem saya juga\nTampilkan lebih banyak";
        let p = parse_paste(t, NOW);
        assert_eq!(p.messages.len(), 2);
        assert_eq!(p.messages[0].text, "@IndiHomeCare min wifi saya los merah");
        assert_eq!(p.messages[1].text, "modem saya juga");
        assert_eq!(p.messages[1].author.as_deref(), Some("@siti_a"));
        assert_eq!(p.messages[1].time.as_deref(), Some("2025-04-29T17:00:00Z"));
    }

    #[test]
    fn focused_tweet_with_time_below_the_text() {
        let t = "Budi Santoso\n@budi_s\nindihome mati dari pagi\n10:01 AM · Jun 5, 2017\n·\n1.234\n Views\n3\n1\n5";
        let p = parse_paste(t, None);
        assert_eq!(p.format, PasteFormat::TwitterWeb);
        assert_eq!(p.messages.len(), 1);
        assert_eq!(p.messages[0].author.as_deref(), Some("@budi_s"));
        assert_eq!(p.messages[0].text, "indihome mati dari pagi");
        assert_eq!(p.messages[0].time.as_deref(), Some("2017-06-05T03:01:00Z"));
    }
}
