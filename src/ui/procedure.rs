//! The procedure view (`#/prosedur`): IN.OCC.TELK.W-21 in our words, clause by clause, with the
//! interpretations the app uses. Reasons on the check screen link here with anchors such as
//! `#/prosedur/5.1` or `#/prosedur/5.1-troll`; this view scrolls to and focuses that clause.
//! It only explains; it must not decide anything (the engine and the rulebook do).
use crate::engine::Category;
use crate::settings::Lang;
use crate::ui::dom;
use crate::ui::state::{effect, use_state};
use crate::markup::procedure::{self as html, RuleEntry};
use crate::markup::render;
use leptos::prelude::*;

/// The anchor part of a hash such as `#/prosedur/5.1-troll` (`5.1-troll`), or "" for none.
pub fn anchor_from_hash(hash: &str) -> String {
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    let mut parts = path.splitn(2, '/');
    let _view = parts.next();
    parts.next().unwrap_or("").trim_matches('/').to_string()
}

/// The element id of a clause anchor.
fn element_id(anchor: &str) -> String {
    format!("w21-{anchor}")
}

/// Scrolls to the clause for `anchor`, or to its nearest parent (`5.1-x` → `5.1` → `5`) when
/// there is no section for it, so an unknown rule clause still lands somewhere sensible.
/// Returns the anchor actually shown.
fn reveal(anchor: &str) -> Option<String> {
    let mut candidate = anchor.to_string();
    loop {
        if candidate.is_empty() {
            return None;
        }
        if dom::reveal_id(&element_id(&candidate)) {
            return Some(candidate);
        }
        match candidate.rfind(['-', '.']) {
            Some(i) => candidate.truncate(i),
            None => return None,
        }
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[component]
pub fn ProcedureView() -> impl IntoView {
    let state = use_state();
    let active = RwSignal::new(String::new());

    let go = move || {
        let anchor = anchor_from_hash(&current_hash());
        // Wait a frame so the sections exist before scrolling to one.
        request_animation_frame(move || {
            let shown = reveal(&anchor);
            if shown.is_none() {
                if let Some(w) = web_sys::window() {
                    w.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
            let _ = active.try_set(shown.unwrap_or_default());
        });
    };
    go();
    let handle = window_event_listener(leptos::ev::hashchange, move |_| go());
    on_cleanup(move || handle.remove());

    // The whole text is one HTML string (see `markup::procedure`), parsed again only when the language or
    // the rulebook changes.
    let page = move || {
        let lang = state.lang();
        let english = lang == Lang::En;
        let rules = state.rulebook.with(|b| b.rule_summaries());
        let entries: Vec<RuleEntry> = rules
            .iter()
            .map(|r| RuleEntry {
                id: &r.id,
                clause: &r.clause,
                note: r.category.map(|c| match c {
                    Category::Troll => "[Troll/Iseng]",
                    Category::Multi => "[Multi tweet] / [Multi Post]",
                    Category::Kuis => "[Kuis]",
                    Category::Promo => "[Promo]",
                }),
                why: match lang {
                    Lang::En if !r.why_en.trim().is_empty() => &r.why_en,
                    _ => &r.why_id,
                },
                enabled: r.enabled,
                matches: &r.must_match,
                misses: &r.no_match,
            })
            .collect();
        render(html::TEMPLATE, english).replacen(
            html::RULES_MARK,
            &html::rules_html(&entries, english),
            1,
        )
    };

    // The clause shown (by a link into the procedure) is highlighted: `is-target` on its
    // element, moved whenever the anchor or the page's HTML changes.
    let holder = NodeRef::<leptos::html::Div>::new();
    effect(move || {
        let anchor = active.get();
        state.settings.track();
        state.rulebook.track();
        let Some(holder) = holder.get() else {
            return;
        };
        while let Ok(Some(el)) = holder.query_selector(".is-target") {
            if el.class_list().remove_1("is-target").is_err() {
                break;
            }
        }
        if !anchor.is_empty() {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&element_id(&anchor)))
            {
                let _ = el.class_list().add_1("is-target");
            }
        }
    });

    view! { <div class="procedure-page" node_ref=holder inner_html=page></div> }
}
