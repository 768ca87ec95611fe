//! The check screen's Sociomedia fields block (W-21 §5.2, §5.3): the four fields and the note,
//! each with its copy button, and "copy all". Every value comes from the engine and the
//! rulebook, never from the paste, and is escaped all the same.
//!
//! The copy buttons carry `data-key` (the key the view's copy feedback uses: `case:<test id>`,
//! `case:all`) and `data-copy` (`all` for "copy all", else `field`); the values and "copy all"
//! carry their test id in `data-tid` (class `has-tid`), and in `data-testid` when `offered`.
use super::escape_into;

/// One field: its Sociomedia name, its value and its test id (`field-category`, `note`).
pub struct Field<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub testid: &'a str,
}

/// The block's `<section class="fields">` contents; the button whose key is `copied` shows its
/// confirmation.
pub fn html(fields: &[Field], offered: bool, copied: Option<&str>, english: bool) -> String {
    let pick = |id: &'static str, en: &'static str| if english { en } else { id };
    let mut out = String::with_capacity(1400);
    out.push_str(r#"<div class="fields-head"><h2 id="fields-title">"#);
    out.push_str(pick("Isi di Sociomedia", "Enter in Sociomedia"));
    out.push_str(r##"</h2><span class="fields-clause"><a href="#/prosedur/5.2">W-21 §5.2</a> · <a href="#/prosedur/5.3">§5.3</a></span></div><dl class="field-list">"##);
    for f in fields {
        out.push_str(if f.testid == "note" {
            r#"<div class="field-row is-note"><dt>"#
        } else {
            r#"<div class="field-row"><dt>"#
        });
        escape_into(&mut out, f.name);
        out.push_str(r#"</dt><dd><code class="field-value has-tid""#);
        tid(&mut out, f.testid, offered);
        out.push('>');
        escape_into(&mut out, f.value);
        out.push_str("</code>");
        let key = format!("case:{}", f.testid);
        let done = copied == Some(key.as_str());
        button(&mut out, "copy-btn", &key, done);
        out.push_str(r#" aria-label=""#);
        out.push_str(pick("Salin ", "Copy "));
        escape_into(&mut out, f.name);
        out.push_str(r#"">"#);
        out.push_str(copy_label(false, done, english));
        out.push_str("</button></dd></div>");
    }
    out.push_str(r#"</dl><div class="fields-actions">"#);
    let done = copied == Some("case:all");
    button(&mut out, "copy-btn primary has-tid", "case:all", done);
    tid(&mut out, "copy-all", offered);
    out.push_str(r#" aria-label=""#);
    out.push_str(pick("Salin semua kolom", "Copy all fields"));
    out.push_str(r#"">"#);
    out.push_str(copy_label(true, done, english));
    out.push_str(r#"</button><span class="shortcut-hint"><kbd>Alt</kbd>+<kbd>A</kbd> "#);
    out.push_str(pick("salin semua", "copy all"));
    out.push_str(r#" · <kbd>Alt</kbd>+<kbd>C</kbd> "#);
    out.push_str(pick("salin note", "copy note"));
    out.push_str("</span></div>");
    out
}

/// The start of a copy button, up to its attributes' end (the caller adds more and closes it).
fn button(out: &mut String, class: &str, key: &str, done: bool) {
    out.push_str(r#"<button type="button" class=""#);
    out.push_str(class);
    if done {
        out.push_str(" is-done");
    }
    out.push_str(if key == "case:all" {
        r#"" data-copy="all" data-key=""#
    } else {
        r#"" data-copy="field" data-key=""#
    });
    escape_into(out, key);
    out.push('"');
}

/// A copy button's visible text: "Salin" ("Salin semua" for `all`), or the confirmation once it
/// copied. The message cards' buttons use it too.
pub fn copy_label(all: bool, done: bool, english: bool) -> &'static str {
    let pick = |id: &'static str, en: &'static str| if english { en } else { id };
    match (done, all) {
        (true, _) => pick("Tersalin ✓", "Copied ✓"),
        (false, false) => pick("Salin", "Copy"),
        (false, true) => pick("Salin semua", "Copy all"),
    }
}

/// ` data-tid="id"`, and ` data-testid="id"` when offered.
fn tid(out: &mut String, id: &str, offered: bool) {
    out.push_str(r#" data-tid=""#);
    escape_into(out, id);
    out.push('"');
    if offered {
        out.push_str(r#" data-testid=""#);
        escape_into(out, id);
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::tests::assert_balanced;

    fn fields() -> Vec<Field<'static>> {
        vec![
            Field {
                name: "Category",
                value: "Lainnya",
                testid: "field-category",
            },
            Field {
                name: "Note",
                value: "[Troll/Iseng] <b>",
                testid: "note",
            },
        ]
    }

    #[test]
    fn values_keys_and_test_ids() {
        let html = html(&fields(), true, None, false);
        assert_balanced(&html, "fields");
        assert!(html.contains(r#"<code class="field-value has-tid" data-tid="field-category" data-testid="field-category">Lainnya</code>"#), "{html}");
        assert!(html.contains(r#"<div class="field-row is-note"><dt>Note</dt>"#));
        assert!(
            html.contains("[Troll/Iseng] &lt;b&gt;</code>"),
            "values are escaped"
        );
        assert!(html.contains(
            r#"data-copy="field" data-key="case:note" aria-label="Salin Note">Salin</button>"#
        ));
        assert!(html.contains(r#"data-copy="all" data-key="case:all" data-tid="copy-all" data-testid="copy-all" aria-label="Salin semua kolom">Salin semua</button>"#));
        assert!(html.contains(r##"<a href="#/prosedur/5.2">W-21 §5.2</a>"##));
    }

    #[test]
    fn test_ids_wait_until_offered_and_english_reads_english() {
        let html = html(&fields(), false, None, true);
        assert!(!html.contains("data-testid"));
        assert_eq!(html.matches("data-tid=").count(), 3);
        assert!(
            html.contains("Enter in Sociomedia")
                && html.contains(">Copy all</button>")
                && html.contains(r#"aria-label="Copy Category""#)
        );
    }

    #[test]
    fn the_button_that_copied_last_shows_it() {
        let html = html(&fields(), true, Some("case:note"), false);
        assert!(html.contains(r#"<button type="button" class="copy-btn is-done" data-copy="field" data-key="case:note" aria-label="Salin Note">Tersalin ✓</button>"#), "{html}");
        assert_eq!(html.matches("is-done").count(), 1);
        let html = html_all_copied();
        assert!(
            html.contains(r#"class="copy-btn primary has-tid is-done" data-copy="all""#)
                && html.contains(">Copied ✓</button>")
        );
    }

    fn html_all_copied() -> String {
        html(&fields(), true, Some("case:all"), true)
    }
}
