//! The procedure view's markup (`#/prosedur`): IN.OCC.TELK.W-21 in our words, from the
//! bilingual template `procedure.html` (see `markup`), with `<!--rules-->` marking where the
//! list of the rulebook's rules goes ([`rules_html`]). Writing this text as Leptos view code
//! cost about 10 KB of gzipped wasm.
use super::escape_into;

/// The template (see `markup`).
pub const TEMPLATE: &str = include_str!("procedure.html");

/// Where [`rules_html`] goes in the template.
pub const RULES_MARK: &str = "<!--rules-->";

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
    use crate::markup::render;
    use crate::markup::tests::assert_balanced;

    /// The template has the pairs of the whole W-21 text and one place for the rules.
    #[test]
    fn the_template_is_whole() {
        assert!(TEMPLATE.matches('{').count() > 50, "too few pairs");
        assert_eq!(TEMPLATE.matches(RULES_MARK).count(), 1);
    }

    /// The rendered page has the clause anchors the check screen's reasons
    /// link to, and the table of contents' links each land on one of them.
    #[test]
    fn both_languages_render_the_anchors() {
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
            assert_balanced(&page, &format!("procedure, english: {english}"));
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
