//! The history screen's markup (`#/riwayat`): the fixed part is the template `history.html`
//! (see `markup`); the list is built here, one item per kept case. The paste itself is not in
//! this HTML: each item's `.history-text` is left empty for the view to fill with
//! [`preview`] as text, so a customer's words are never parsed as markup.
use super::escape_into;

/// The template (see `markup`). Its "at most 50" is `crate::history::HISTORY_LIMIT` (a test
/// holds them together).
pub const TEMPLATE: &str = include_str!("history.html");

/// What one list item shows besides the paste.
pub struct Item<'a> {
    pub id: u64,
    /// The decision's tag (`no_reply`), for `data-decision` and the badge's class.
    pub decision: &'a str,
    /// The decision in words, in the page's language.
    pub label: &'a str,
    /// When it was checked, already written in local time.
    pub time: &'a str,
    pub note: Option<&'a str>,
    /// Non-blank lines of the paste.
    pub lines: usize,
}

/// The list's items, in order, each with `data-id` for its buttons and an empty
/// `.history-text` for the paste.
pub fn items_html(items: &[Item], english: bool) -> String {
    let pick = |id: &'static str, en: &'static str| if english { en } else { id };
    let mut out = String::with_capacity(items.len() * 520);
    for item in items {
        out.push_str(r#"<li class="history-item" data-testid="history-item" data-id=""#);
        out.push_str(&item.id.to_string());
        out.push_str(r#"" data-decision=""#);
        escape_into(&mut out, item.decision);
        out.push_str(r#""><div class="history-meta"><time>"#);
        escape_into(&mut out, item.time);
        out.push_str(r#"</time><span class="badge badge--"#);
        escape_into(&mut out, item.decision);
        out.push_str(r#"">"#);
        escape_into(&mut out, item.label);
        out.push_str("</span>");
        if let Some(note) = item.note {
            out.push_str(r#"<code class="history-note">"#);
            escape_into(&mut out, note);
            out.push_str("</code>");
        }
        if item.lines > 1 {
            out.push_str(r#"<span class="history-lines">"#);
            out.push_str(&item.lines.to_string());
            out.push_str(pick(" baris", " lines"));
            out.push_str("</span>");
        }
        out.push_str(r#"</div><p class="history-text" data-testid="history-text"></p><div class="history-actions"><button type="button" class="btn" data-action="open" data-testid="history-open">"#);
        out.push_str(pick("Buka lagi", "Reopen"));
        out.push_str(r#"</button><button type="button" class="btn danger-quiet" data-action="delete" data-testid="history-delete">"#);
        out.push_str(pick("Hapus", "Delete"));
        out.push_str("</button></div></li>");
    }
    out
}

/// The first non-blank line of a paste, shortened to 140 characters, for the list.
pub fn preview(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let short: String = line.chars().take(140).collect();
    if short.len() < line.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Non-blank lines of a paste.
pub fn line_count(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::render;
    use crate::markup::tests::assert_balanced;

    #[test]
    fn the_template_names_the_history_limit() {
        let limit = crate::history::HISTORY_LIMIT.to_string();
        for english in [false, true] {
            let page = render(TEMPLATE, english);
            assert!(page.contains(&format!(" {limit} ")), "{page}");
        }
    }

    #[test]
    fn items_escape_and_carry_their_ids() {
        let items = [
            Item {
                id: 7,
                decision: "no_reply",
                label: "Tidak perlu dijawab",
                time: "29/11/2026 10.41",
                note: Some("[Troll/Iseng] <x>"),
                lines: 3,
            },
            Item {
                id: 9,
                decision: "reply",
                label: "Needs a reply",
                time: "t",
                note: None,
                lines: 1,
            },
        ];
        let html = items_html(&items, true);
        assert_balanced(&html, "history items");
        assert_eq!(html.matches(r#"data-testid="history-item""#).count(), 2);
        assert!(
            html.contains(r#"data-id="7" data-decision="no_reply""#),
            "{html}"
        );
        assert!(html.contains(r#"<span class="badge badge--no_reply">Tidak perlu dijawab</span>"#));
        assert!(html.contains(r#"<code class="history-note">[Troll/Iseng] &lt;x&gt;</code>"#));
        assert!(html.contains(r#"<span class="history-lines">3 lines</span>"#));
        assert_eq!(
            html.matches("history-lines").count(),
            1,
            "one line gets no count"
        );
        assert!(
            html.contains(r#"<p class="history-text" data-testid="history-text"></p>"#),
            "the paste is not in the markup"
        );
        assert!(
            items_html(&items, false).contains("3 baris")
                && items_html(&items, false).contains("Buka lagi")
        );
    }

    #[test]
    fn preview_is_the_first_line_shortened() {
        assert_eq!(preview("\n  \n  halo min \nbaris dua"), "halo min");
        let long = "a".repeat(150);
        assert_eq!(preview(&long), format!("{}…", "a".repeat(140)));
        assert_eq!(preview(""), "");
        assert_eq!(line_count("a\n\n b\n"), 2);
    }
}
