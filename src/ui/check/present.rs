//! Pure presentation helpers for the check view: cutting a message into plain and highlighted
//! pieces from evidence offsets, the "copy all" block, short timestamps and the debounce delay.
//! This file must stay free of leptos, web-sys and even `crate::` paths: `tests/check_present.rs`
//! includes it by path so its behaviour is tested natively, outside the browser.

/// One piece of a message's text: a byte range into the original text, highlighted or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub marked: bool,
}

/// Moves `i` down to the nearest char boundary of `text` (and never past its end).
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Moves `i` up to the nearest char boundary of `text` (and never past its end).
fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The union of `spans` (byte offsets, `(start, end)`) over `text`, as an ordered list of pieces
/// that covers the whole text exactly once. Spans are widened to whole characters, clamped to the
/// text, merged where they overlap or touch; empty or inverted spans are ignored. Never panics,
/// whatever the offsets, so a stale or buggy span can at worst highlight the wrong word.
pub fn pieces(text: &str, spans: &[(usize, usize)]) -> Vec<Piece> {
    let mut ranges: Vec<(usize, usize)> = spans
        .iter()
        .filter(|(s, e)| s < e && *s < text.len())
        .map(|&(s, e)| (floor_boundary(text, s), ceil_boundary(text, e)))
        .filter(|(s, e)| s < e)
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = Vec::with_capacity(merged.len() * 2 + 1);
    let mut at = 0;
    for (s, e) in merged {
        if s > at {
            out.push(Piece {
                start: at,
                end: s,
                marked: false,
            });
        }
        out.push(Piece {
            start: s,
            end: e,
            marked: true,
        });
        at = e;
    }
    if at < text.len() || out.is_empty() {
        out.push(Piece {
            start: at,
            end: text.len(),
            marked: false,
        });
    }
    out
}

/// The words a reason's spans point at, in order, without duplicates: what the agent sees as
/// "triggered by". Out-of-range spans are skipped.
pub fn quoted(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut sorted = spans.to_vec();
    sorted.sort_unstable();
    for (s, e) in sorted {
        if s >= e || s >= text.len() {
            continue;
        }
        let (s, e) = (floor_boundary(text, s), ceil_boundary(text, e));
        if let Some(word) = text.get(s..e) {
            let word = word.trim();
            if !word.is_empty() && !out.iter().any(|w| w == word) {
                out.push(word.to_string());
            }
        }
    }
    out
}

/// The block "copy all" puts on the clipboard: one `Name: value` line per Sociomedia field, in
/// the order given, joined by newlines with no trailing newline (it is pasted into a form).
pub fn copy_block(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How long to wait after the last keystroke before checking. Short for ordinary cases so the
/// verdict feels live; longer for very large pastes so typing into them stays smooth.
pub fn debounce_ms(text_len: usize) -> u32 {
    let extra = (text_len / 20_000) as u32 * 100;
    150 + extra.min(450)
}

/// A compact form of an RFC 3339 time for the message list: `2025-01-01 00:25`. Anything that
/// does not look like RFC 3339 is shown as it is, so the agent still sees what was parsed.
pub fn short_time(time: &str) -> String {
    let t = time.trim();
    let bytes = t.as_bytes();
    let looks_rfc3339 = bytes.len() >= 16
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && (bytes[10] == b'T' || bytes[10] == b' ')
        && bytes[13] == b':'
        && t.is_char_boundary(16);
    if looks_rfc3339 {
        format!("{} {}", &t[..10], &t[11..16])
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, spans: &[(usize, usize)]) -> String {
        pieces(text, spans)
            .iter()
            .map(|p| {
                let s = &text[p.start..p.end];
                if p.marked {
                    format!("<{s}>")
                } else {
                    s.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn no_spans_gives_one_plain_piece() {
        assert_eq!(
            pieces("halo min", &[]),
            vec![Piece {
                start: 0,
                end: 8,
                marked: false
            }]
        );
    }

    #[test]
    fn empty_text_gives_one_empty_piece() {
        assert_eq!(
            pieces("", &[(0, 3)]),
            vec![Piece {
                start: 0,
                end: 0,
                marked: false
            }]
        );
    }

    #[test]
    fn spans_are_marked_in_order() {
        assert_eq!(
            render("indihome lemot banget", &[(9, 14), (0, 8)]),
            "<indihome> <lemot> banget"
        );
    }

    #[test]
    fn overlapping_and_touching_spans_merge() {
        assert_eq!(render("abcdefgh", &[(1, 4), (3, 6), (6, 7)]), "a<bcdefg>h");
    }

    #[test]
    fn out_of_range_and_inverted_spans_are_ignored() {
        assert_eq!(render("halo", &[(10, 12), (3, 1), (2, 2)]), "halo");
        assert_eq!(render("halo", &[(2, 99)]), "ha<lo>");
    }

    #[test]
    fn spans_inside_a_multibyte_char_widen_to_the_whole_char() {
        let text = "ok 😀 min";
        // The emoji is bytes 3..7; a span that starts and ends inside it must not panic.
        assert_eq!(render(text, &[(4, 5)]), "ok <😀> min");
        assert_eq!(quoted(text, &[(5, 6)]), vec!["😀".to_string()]);
    }

    #[test]
    fn pieces_cover_the_text_exactly() {
        let text = "Pin BBM nya berapa kak? 😀";
        let ps = pieces(text, &[(0, 7), (4, 30), (25, 26)]);
        let mut at = 0;
        for p in &ps {
            assert_eq!(p.start, at);
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            at = p.end;
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn quoted_lists_distinct_trimmed_words() {
        assert_eq!(
            quoted("kuis kuis hadiah", &[(5, 10), (0, 4), (10, 16)]),
            vec!["kuis", "hadiah"]
        );
    }

    #[test]
    fn copy_block_is_name_colon_value_lines_without_trailing_newline() {
        let block = copy_block(&[("Category", "Lainnya"), ("Note", "[Troll/Iseng]")]);
        assert_eq!(block, "Category: Lainnya\nNote: [Troll/Iseng]");
    }

    #[test]
    fn debounce_grows_with_huge_pastes_but_stays_bounded() {
        assert_eq!(debounce_ms(0), 150);
        assert_eq!(debounce_ms(5_000), 150);
        assert!(debounce_ms(100_000) > 150);
        assert_eq!(debounce_ms(10_000_000), 600);
    }

    #[test]
    fn short_time_trims_rfc3339_and_keeps_anything_else() {
        assert_eq!(short_time("2025-01-01T00:25:08Z"), "2025-01-01 00:25");
        assert_eq!(short_time("10:01"), "10:01");
        assert_eq!(short_time("2025-01-01T0é"), "2025-01-01T0é");
    }
}
