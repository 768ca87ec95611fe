//! The views' fixed markup as HTML strings the browser parses in one go (`inner_html`), instead
//! of Leptos view code: fixed text needs no reactive nodes, and every element written as view
//! code costs the agent's wasm far more than its text does (see BENCHMARKS.md). Pure string
//! code with no web crate, so it is tested natively; the views in `ui` set the strings and wire
//! the live parts (values, shown or hidden parts, clicks) by element id.
//!
//! A template is HTML in which every text that differs by language is written
//! `{Indonesian|English}`. Lines are joined without their indentation, so a template can be laid
//! out for reading without adding whitespace nodes to the page, and a line break must fall
//! between tags. Text from users or the rulebook never goes into a template: builders that
//! show such text escape it with [`escape_into`].
pub mod fields;
pub mod header;
pub mod history;
pub mod procedure;

use crate::engine::Channel;

/// The settings screen (`ui::settings_view`).
pub const SETTINGS: &str = include_str!("markup/settings.html");

/// The check screen's paste box with its controls and shortcuts (`ui::check`).
pub const CHECK_INPUT: &str = include_str!("markup/check_input.html");

/// The example buttons the check screen shows while the paste box is empty: the button marked
/// `data-example="i"` loads [`EXAMPLE_CASES`]`[i]`.
pub const EXAMPLES: &str = include_str!("markup/examples.html");

/// A few invented cases to try the check screen with (for demos and new agents): the paste and
/// the channel to check it on (`None`: the parser's guess).
pub const EXAMPLE_CASES: [(&str, Option<Channel>); 4] = [
    ("@TelkomCare min boleh minta pin bbm nya? mau kenalan hehe", None),
    (
        "[10:01] @pelanggan: @IndiHomeCare internet saya mati dari pagi, no internet 1234567890\n[10:03] @pelanggan: min??\n[10:04] @pelanggan: tolong dibalas min",
        Some(Channel::Twitter),
    ),
    ("Pasang baru IndiHome promo 50 Mbps cuma 300rb/bln! Hubungi WA 0812xxxx, proses cepat", None),
    ("@IndiHomeCare indihome lemot banget dari kemarin, tolong dicek", None),
];

/// The template with each `{id|en}` replaced by its Indonesian or English side and the line
/// indentation dropped. A `{` without its `|` and `}` is copied as it is (the tests make sure
/// the templates have none).
pub fn render(template: &str, english: bool) -> String {
    let mut out = String::with_capacity(template.len() / 2 + 64);
    for line in template.lines() {
        let mut rest = line.trim_start();
        while let Some(open) = rest.find('{') {
            let pair = rest[open + 1..].find('}').and_then(|close| {
                rest[open + 1..open + 1 + close]
                    .split_once('|')
                    .map(|p| (p, close))
            });
            let Some(((id, en), close)) = pair else {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            };
            out.push_str(&rest[..open]);
            out.push_str(if english { en } else { id });
            rest = &rest[open + 2 + close..];
        }
        out.push_str(rest);
    }
    out
}

/// Appends `s` to `out` as HTML text or attribute value: `&`, `<`, `>` and `"` escaped, so
/// text from a user or a rulebook can never become markup.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every template, by name.
    pub(crate) const TEMPLATES: [(&str, &str); 5] = [
        ("procedure", procedure::TEMPLATE),
        ("settings", SETTINGS),
        ("history", history::TEMPLATE),
        ("check input", CHECK_INPUT),
        ("examples", EXAMPLES),
    ];

    #[test]
    fn render_picks_one_side_and_drops_indentation() {
        let t = "<p>\n  <b>{Halo|Hello}</b> {a|b}!\n</p>\n";
        assert_eq!(render(t, false), "<p><b>Halo</b> a!</p>");
        assert_eq!(render(t, true), "<p><b>Hello</b> b!</p>");
    }

    #[test]
    fn render_copies_a_brace_that_is_not_a_pair() {
        assert_eq!(render("a { b } c {x|y}", true), "a { b } c y");
        assert_eq!(render("tail {", false), "tail {");
    }

    #[test]
    fn escape_covers_markup_and_quotes() {
        let mut out = String::new();
        escape_into(&mut out, "a <b> & \"c\" 'd'");
        assert_eq!(out, "a &lt;b&gt; &amp; &quot;c&quot; 'd'");
    }

    /// Every `{` of a template opens an `{id|en}` pair with exactly one `|`, both sides filled;
    /// no side holds markup or an `&` (they are written as they should read) but for `&#10;`, a
    /// line break inside an attribute, and a side inside an attribute holds no `"`.
    #[test]
    fn the_templates_are_well_formed() {
        for (name, template) in TEMPLATES {
            let mut rest = template;
            while let Some(open) = rest.find('{') {
                let close = rest[open..].find('}').map(|c| open + c);
                let close =
                    close.unwrap_or_else(|| panic!("{name}: unclosed {{ at {:?}", &rest[open..]));
                let inner = &rest[open + 1..close];
                let sides: Vec<&str> = inner.split('|').collect();
                assert_eq!(
                    sides.len(),
                    2,
                    "{name}: a pair needs exactly one |: {inner:?}"
                );
                for side in &sides {
                    assert!(!side.trim().is_empty(), "{name}: empty side in {inner:?}");
                    let side = side.replace("&#10;", "");
                    assert!(
                        !side.contains(['<', '>', '&', '{', '\n']),
                        "{name}: markup or a line break in {inner:?}"
                    );
                }
                if rest[..open].ends_with("=\"") {
                    assert!(
                        !inner.contains('"'),
                        "{name}: a quote inside an attribute: {inner:?}"
                    );
                }
                rest = &rest[close + 1..];
            }
            assert!(!rest.contains('}'), "{name}: a stray }}");
        }
    }

    /// Both languages of every template render with no pair left and with balanced tags, and
    /// no id is used twice.
    #[test]
    fn the_templates_render_balanced_in_both_languages() {
        for (name, template) in TEMPLATES {
            for english in [false, true] {
                let page = render(template, english);
                assert!(
                    !page.contains('{') && !page.contains('|'),
                    "{name}: a pair left unrendered"
                );
                assert_balanced(&page, &format!("{name}, english: {english}"));
                let mut ids: Vec<&str> = page
                    .split(" id=\"")
                    .skip(1)
                    .map(|s| &s[..s.find('"').unwrap_or(0)])
                    .collect();
                let all = ids.len();
                ids.sort_unstable();
                ids.dedup();
                assert_eq!(ids.len(), all, "{name}: an id used twice");
            }
        }
    }

    /// The settings' window field and its error name the bounds `settings` enforces.
    #[test]
    fn the_window_field_names_the_bounds_in_force() {
        let range = crate::settings::MULTI_WINDOW_RANGE;
        let (min, max) = (range.start(), range.end());
        assert!(SETTINGS.contains(&format!(r#"min="{min}" max="{max}""#)));
        assert!(
            SETTINGS.contains(&format!("{min} sampai {max}"))
                && SETTINGS.contains(&format!("{min} to {max}"))
        );
    }

    /// Each example case has its button, and each button its case.
    #[test]
    fn every_example_has_its_button() {
        let page = render(EXAMPLES, false);
        assert_eq!(page.matches("data-example=").count(), EXAMPLE_CASES.len());
        for i in 0..EXAMPLE_CASES.len() {
            assert_eq!(
                page.matches(&format!("data-example=\"{i}\"")).count(),
                1,
                "example {i}"
            );
        }
    }

    /// Every element that has a closing tag opens and closes the same number of times.
    pub(crate) fn assert_balanced(page: &str, what: &str) {
        for tag in [
            "article", "section", "header", "p", "ul", "ol", "li", "div", "span", "table", "tr",
            "h1", "h2", "h3", "h4", "code", "strong", "aside", "label", "select", "option",
            "button", "time", "kbd", "textarea",
        ] {
            let opens = page.matches(&format!("<{tag}>")).count()
                + page.matches(&format!("<{tag} ")).count();
            assert_eq!(
                opens,
                page.matches(&format!("</{tag}>")).count(),
                "<{tag}> in {what}"
            );
        }
    }
}
