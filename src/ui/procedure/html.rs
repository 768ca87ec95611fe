//! The procedure view's HTML, built as one string the browser parses once (`inner_html`): the
//! W-21 text is fixed, so it needs no reactive nodes, and writing it as Leptos view code cost
//! about 10 KB of gzipped wasm. Pure string code, run natively by `tests/procedure_html.rs`
//! (this file is included there by path, so it must not use `crate::` paths).
//!
//! The fixed text is the template `procedure.html`: HTML in which every text that differs by
//! language is written `{Indonesian|English}`. Lines are joined without their indentation, so
//! the template can be laid out for reading without adding whitespace nodes to the page, and a
//! line break must fall between tags. `<!--rules-->` marks where the rule list goes.

/// The template (see the module docs).
pub const TEMPLATE: &str = include_str!("../procedure.html");

/// Where [`rules_html`] goes in the template.
pub const RULES_MARK: &str = "<!--rules-->";

/// The template with each `{id|en}` replaced by its Indonesian or English side and the line
/// indentation dropped. A `{` without its `|` and `}` is copied as it is (the tests make sure
/// the template has none).
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

/// Appends `s` to `out` as HTML text or attribute value: `&`, `<`, `>` and `"` escaped, so a
/// rulebook's own words can never become markup.
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

/// One rule of the rulebook in force, as the procedure lists it.
pub struct RuleEntry<'a> {
    pub id: &'a str,
    pub clause: &'a str,
    /// The note chip (`[Kuis]`), if the rule decides a category.
    pub note: Option<&'a str>,
    /// Why the rule exists, in the page's language.
    pub why: &'a str,
    pub enabled: bool,
    /// Up to three examples each that the rule matches and does not match.
    pub matches: &'a [String],
    pub misses: &'a [String],
}

/// The section "The rules the app applies": one entry per rule, each with the anchor
/// `w21-rule-<id>` the check screen's reasons link to.
pub fn rules_html(rules: &[RuleEntry], english: bool) -> String {
    let pick = |id: &'static str, en: &'static str| if english { en } else { id };
    let mut out = String::with_capacity(512 + rules.len() * 640);
    out.push_str(r#"<section id="w21-aturan" tabindex="-1" class="clause"><h2>"#);
    out.push_str(pick(
        "Aturan yang dipakai aplikasi",
        "The rules the app applies",
    ));
    out.push_str("</h2><p>");
    out.push_str(pick(
        "Dari buku aturan yang berlaku (bisa diubah di menu Aturan). Alasan di layar Periksa menunjuk ke sini.",
        "From the rulebook in force (editable under Rulebook). The reasons on the Check screen point here.",
    ));
    out.push_str("</p>");
    for r in rules {
        out.push_str(r#"<article id="w21-rule-"#);
        escape_into(&mut out, r.id);
        out.push_str(if r.enabled {
            r#"" tabindex="-1" class="rule-entry"><h3><code>"#
        } else {
            r#"" tabindex="-1" class="rule-entry is-off"><h3><code>"#
        });
        escape_into(&mut out, r.id);
        out.push_str(r##"</code> <a href="#/prosedur/"##);
        escape_into(&mut out, r.clause);
        out.push_str(r#"">§"#);
        escape_into(&mut out, r.clause);
        out.push_str("</a>");
        if let Some(note) = r.note {
            out.push_str(r#" <code class="note-chip">"#);
            escape_into(&mut out, note);
            out.push_str("</code>");
        }
        if !r.enabled {
            out.push_str(r#" <span class="badge">"#);
            out.push_str(pick("nonaktif", "disabled"));
            out.push_str("</span>");
        }
        out.push_str("</h3><p>");
        escape_into(&mut out, r.why);
        out.push_str(r#"</p><div class="examples-grid"><div class="ex ex-rule-yes"><h4>"#);
        out.push_str(pick("✓ Cocok, misalnya", "✓ Matches, e.g."));
        out.push_str("</h4><ul>");
        examples(&mut out, r.matches);
        out.push_str(r#"</ul></div><div class="ex ex-rule-no"><h4>"#);
        out.push_str(pick("✗ Tidak cocok, misalnya", "✗ Does not match, e.g."));
        out.push_str("</h4><ul>");
        examples(&mut out, r.misses);
        out.push_str("</ul></div></div></article>");
    }
    out.push_str("</section>");
    out
}

fn examples(out: &mut String, list: &[String]) {
    for e in list.iter().take(3) {
        out.push_str("<li>");
        escape_into(out, e);
        out.push_str("</li>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Every `{` of the template opens an `{id|en}` pair with exactly one `|`, both sides
    /// filled; no side holds markup or an `&` (they are written as they should read), and a
    /// side inside an attribute holds no `"`.
    #[test]
    fn the_template_is_well_formed() {
        let mut rest = TEMPLATE;
        let mut pairs = 0;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c);
            let close = close.unwrap_or_else(|| panic!("unclosed {{ at {:?}", &rest[open..]));
            let inner = &rest[open + 1..close];
            let sides: Vec<&str> = inner.split('|').collect();
            assert_eq!(sides.len(), 2, "a pair needs exactly one |: {inner:?}");
            for side in &sides {
                assert!(!side.trim().is_empty(), "empty side in {inner:?}");
                assert!(
                    !side.contains(['<', '>', '&', '{', '\n']),
                    "markup or a line break in {inner:?}"
                );
            }
            if rest[..open].ends_with("=\"") {
                assert!(
                    !inner.contains('"'),
                    "a quote inside an attribute: {inner:?}"
                );
            }
            pairs += 1;
            rest = &rest[close + 1..];
        }
        assert!(!rest.contains('}'), "a stray }}");
        assert!(pairs > 50, "only {pairs} pairs");
        assert_eq!(TEMPLATE.matches(RULES_MARK).count(), 1);
    }

    /// The rendered page has balanced tags, the clause anchors the check screen's reasons
    /// link to, and the table of contents' links each land on one of them.
    #[test]
    fn both_languages_render_the_anchors_and_balanced_tags() {
        for english in [false, true] {
            let page = render(TEMPLATE, english);
            assert!(
                !page.contains('{') && !page.contains('|'),
                "a pair left unrendered"
            );
            for id in [
                "1",
                "1.1",
                "2",
                "2.4",
                "3",
                "4",
                "4.1",
                "5.1",
                "5.1-troll",
                "5.1-multi",
                "5.1-kuis",
                "5.1-promo",
                "5.2",
                "5.3",
                "catatan",
            ] {
                assert_eq!(
                    page.matches(&format!("id=\"w21-{id}\"")).count(),
                    1,
                    "anchor {id}"
                );
            }
            for link in page.split("href=\"#/prosedur/").skip(1) {
                let anchor = &link[..link.find('"').unwrap_or(0)];
                assert!(
                    anchor == "aturan" || page.contains(&format!("id=\"w21-{anchor}\"")),
                    "the link to {anchor} lands nowhere"
                );
            }
            for tag in [
                "article", "section", "p", "ul", "ol", "li", "div", "table", "tr", "h2", "h3",
                "h4", "code", "strong", "aside",
            ] {
                let opens = page.matches(&format!("<{tag}>")).count()
                    + page.matches(&format!("<{tag} ")).count();
                assert_eq!(
                    opens,
                    page.matches(&format!("</{tag}>")).count(),
                    "<{tag}> in {english}"
                );
            }
            assert!(page.contains(if english {
                "Handling cases that need no reply"
            } else {
                "Penanganan case yang tidak perlu dijawab"
            }));
        }
    }

    #[test]
    fn rules_are_escaped_and_marked() {
        let yes = vec![
            "a <b> & \"c\"".to_string(),
            "2".to_string(),
            "3".to_string(),
            "4".to_string(),
        ];
        let no = vec!["x".to_string()];
        let rules = [
            RuleEntry {
                id: "kuis-tag",
                clause: "5.1",
                note: Some("[Kuis]"),
                why: "w<hy>",
                enabled: true,
                matches: &yes,
                misses: &no,
            },
            RuleEntry {
                id: "off",
                clause: "5.3",
                note: None,
                why: "",
                enabled: false,
                matches: &[],
                misses: &[],
            },
        ];
        let html = rules_html(&rules, true);
        assert!(
            html.contains(r#"<article id="w21-rule-kuis-tag" tabindex="-1" class="rule-entry">"#)
        );
        assert!(html.contains(
            r##"<a href="#/prosedur/5.1">§5.1</a> <code class="note-chip">[Kuis]</code>"##
        ));
        assert!(html.contains("<p>w&lt;hy&gt;</p>"));
        assert!(
            html.contains("<li>a &lt;b&gt; &amp; &quot;c&quot;</li><li>2</li><li>3</li></ul>"),
            "{html}"
        );
        assert!(!html.contains("<li>4</li>"), "at most three examples");
        assert!(
            html.contains(r#"class="rule-entry is-off""#)
                && html.contains(r#"<span class="badge">disabled</span>"#)
        );
        assert!(rules_html(&rules, false).contains("nonaktif"));
    }
}
