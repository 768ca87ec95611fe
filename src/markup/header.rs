//! The page header's markup (both pages): the skip link, the brand, one navigation link per
//! route and the language toggle. The links' words and addresses come from `ui::app` (a route
//! of the other page links to that page) and are escaped; the current route's link is marked
//! by the view (`aria-current`), found by its `data-route`.
use super::escape_into;

/// One navigation link: the route's slug (`prosedur`, "" for the check screen), its address
/// and its label in the page's language.
pub struct NavLink<'a> {
    pub slug: &'a str,
    pub href: &'a str,
    pub label: &'a str,
}

/// The `<header class="topbar">` contents. The skip link (`data-action="skip"`) and the
/// language toggle (`data-action="lang"`, id `lang-toggle`) are wired by the view.
pub fn html(links: &[NavLink], english: bool) -> String {
    let pick = |id: &'static str, en: &'static str| if english { en } else { id };
    let mut out = String::with_capacity(320 + links.len() * 80);
    // The skip link moves focus without touching the hash, which is the router's.
    out.push_str(r##"<a class="skip" href="#main" data-action="skip">"##);
    out.push_str(pick("Lompat ke isi", "Skip to content"));
    out.push_str(r#"</a><span class="brand">oot-triage</span><nav aria-label=""#);
    out.push_str(pick("Navigasi utama", "Main navigation"));
    out.push_str(r#"">"#);
    for link in links {
        out.push_str(r#"<a href=""#);
        escape_into(&mut out, link.href);
        out.push_str(r#"" data-route=""#);
        escape_into(&mut out, link.slug);
        out.push_str(r#"">"#);
        escape_into(&mut out, link.label);
        out.push_str("</a>");
    }
    out.push_str(r#"</nav><button type="button" class="lang-toggle" id="lang-toggle" data-testid="lang-toggle" data-action="lang">"#);
    // The toggle names the other language, in that language.
    out.push_str(pick("English", "Bahasa Indonesia"));
    out.push_str("</button>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::tests::assert_balanced;

    #[test]
    fn links_are_escaped_and_marked_with_their_route() {
        let links = [
            NavLink {
                slug: "",
                href: "#/",
                label: "Periksa",
            },
            NavLink {
                slug: "aturan",
                href: "tools.html?a=1&b=\"2\"#/aturan",
                label: "Aturan <x>",
            },
        ];
        let html = html(&links, false);
        assert_balanced(&html, "header");
        assert!(
            html.contains(r##"<a href="#/" data-route="">Periksa</a>"##),
            "{html}"
        );
        assert!(html.contains(r##"<a href="tools.html?a=1&amp;b=&quot;2&quot;#/aturan" data-route="aturan">Aturan &lt;x&gt;</a>"##));
        assert!(html.contains(r#"data-action="lang">English</button>"#));
        assert!(
            html.contains(r#"<nav aria-label="Navigasi utama">"#)
                && html.contains(">Lompat ke isi</a>")
        );
        let en = super::html(&links, true);
        assert!(
            en.contains(">Bahasa Indonesia</button>")
                && en.contains("Skip to content")
                && en.contains("Main navigation")
        );
    }
}
