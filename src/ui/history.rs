//! The history screen (`#/riwayat`) and the recorder that fills it.
//!
//! The check screen publishes each finished check with [`publish_check`]; the recorder
//! ([`install_recorder`], started once by `App`) keeps it in `AppState.history` once its verdict
//! has stood for [`RECORD_AFTER_MS`], or at once after Ctrl+Enter, so typing does not fill the
//! list. The screen's markup is `markup::history`; this file fills it in and wires its
//! buttons. The list logic itself (limit, dedupe, delete, stored format) is the pure
//! `crate::history`; saving is `ui::storage`. Nothing here leaves the browser, and pasted text is
//! only ever rendered as text (a history item's paste is set with `set_text_content`).
use super::check::result::decision_label;
use super::dom;
use super::state::{effect, use_state, AppState, LastChecked};
use crate::engine::check::Checked;
use crate::history::HistoryEntry;
use crate::markup;
use crate::markup::history::{self as markup_history, Item};
use crate::settings::Lang;
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// How long a verdict must stand before the check is recorded.
pub const RECORD_AFTER_MS: u64 = 2000;

/// Called by the check screen whenever a check finishes: `text` is the paste that was checked.
pub fn publish_check(state: &AppState, text: &str, checked: &Checked) {
    let latest = LastChecked {
        text: text.to_string(),
        overall: checked.overall.clone(),
        channel: state.channel.get_untracked(),
    };
    if state
        .last_checked
        .with_untracked(|l| l.as_ref() != Some(&latest))
    {
        state.last_checked.set(Some(latest));
    }
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Keeps `latest` in the history, if history is on.
fn record(state: &AppState, latest: &LastChecked) {
    if !state.settings.with_untracked(|s| s.keep_history) {
        return;
    }
    let t = now_ms();
    state.history.update(|h| {
        h.add(&latest.text, t, &latest.overall, latest.channel);
    });
}

/// Runs `f` when the browser is idle (at most `IDLE_WAIT_MS` later), so recording a check, and
/// the save to localStorage it sets off, never lands in the middle of rendering a result or of
/// typing. Where `requestIdleCallback` is missing, a plain timer runs it.
fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::{JsCast, JsValue};
    const IDLE_WAIT_MS: f64 = 500.0;
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let idle = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Function>().ok());
    let scheduled = idle.is_some_and(|idle| {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(
            &options,
            &JsValue::from_str("timeout"),
            &JsValue::from_f64(IDLE_WAIT_MS),
        );
        idle.call2(&window, &callback, &options).is_ok()
    });
    if !scheduled {
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }
}

/// Starts the recorder; `App` calls it once. Each published check waits [`RECORD_AFTER_MS`]; a
/// newer one cancels it. Ctrl+Enter (the agent's "check now") records without waiting, once the
/// check screen has caught up with the box. Either way the recording itself waits for an idle
/// moment (see `when_idle`); nothing here runs in the task that shows a verdict but a timer.
pub fn install_recorder(state: AppState) {
    let generation = StoredValue::new(0u64);
    let bump = move || {
        let next = generation.try_get_value().unwrap_or(0).wrapping_add(1);
        let _ = generation.try_set_value(next);
        next
    };
    effect(move || {
        // Subscribes without copying the check: the timer reads it when it fires, and any newer
        // check bumps the generation first.
        if state.last_checked.with(Option::is_none) {
            return;
        }
        let mine = bump();
        set_timeout(
            move || {
                if generation.try_get_value() != Some(mine) {
                    return;
                }
                when_idle(move || {
                    if generation.try_get_value() == Some(mine) {
                        if let Some(latest) = state.last_checked.try_get_untracked().flatten() {
                            record(&state, &latest);
                        }
                    }
                });
            },
            Duration::from_millis(RECORD_AFTER_MS),
        );
    });
    let handle = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if (e.ctrl_key() || e.meta_key()) && !e.alt_key() && e.key() == "Enter" {
            set_timeout(
                move || {
                    let current = state.last_checked.get_untracked();
                    if let Some(latest) =
                        current.filter(|l| state.paste.with_untracked(|p| *p == l.text))
                    {
                        bump();
                        when_idle(move || record(&state, &latest));
                    }
                },
                Duration::from_millis(400),
            );
        }
    });
    on_cleanup(move || handle.remove());
}

/// A local date and time such as "29/11/2025 10.41" (English: "29/11/2025 10:41") for a time in
/// epoch milliseconds. Built from the date's local fields rather than `toLocaleString`, whose
/// `Intl` bindings cost the wasm about 19 KB.
fn format_time(ms: i64, lang: Lang) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ':',
    };
    format!(
        "{:02}/{:02}/{} {:02}{sep}{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Puts an entry back in the paste box and goes to the check screen.
fn reopen(state: &AppState, entry: &HistoryEntry) {
    state.channel.set(entry.channel);
    state.paste.set(entry.text.clone());
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash("#/");
    }
}

/// The clear button, or in its place the question whether to clear.
fn ask_clear(asking: bool) {
    dom::ask_in_place(
        "history-clear",
        "history-clear-group",
        "history-clear-cancel",
        asking,
    );
}

/// Writes the list of `entries` into the markup: the items from `markup::history`, then each
/// paste's first line as text.
fn show_entries(entries: &[HistoryEntry], lang: Lang, keep: bool) {
    let Some(list) = dom::by_id("history-list") else {
        return;
    };
    let times: Vec<String> = entries
        .iter()
        .map(|e| format_time(e.time_ms, lang))
        .collect();
    let items: Vec<Item> = entries
        .iter()
        .zip(&times)
        .map(|(e, time)| Item {
            id: e.id,
            decision: e.decision.as_str(),
            label: decision_label(e.decision, lang),
            time,
            note: e.note.as_deref(),
            lines: markup_history::line_count(&e.text),
        })
        .collect();
    list.set_inner_html(&markup_history::items_html(&items, lang == Lang::En));
    let mut item = list.first_element_child();
    for entry in entries {
        let Some(li) = item else {
            break;
        };
        if let Ok(Some(p)) = li.query_selector(".history-text") {
            p.set_text_content(Some(&markup_history::preview(&entry.text)));
        }
        item = li.next_element_sibling();
    }
    let empty = entries.is_empty();
    if let Some(count) = dom::by_id("history-count") {
        count.set_text_content(Some(&entries.len().to_string()));
    }
    dom::show_id("history-list", !empty);
    dom::show_id("history-empty", empty);
    dom::show_id("history-empty-on", keep);
    dom::show_id("history-empty-off", !keep);
    // The clear controls go with the entries; a new list ends a question left open.
    dom::show_id("history-clear", !empty);
    dom::show_id("history-clear-group", false);
}

#[component]
pub fn HistoryView() -> impl IntoView {
    let state = use_state();
    let holder = NodeRef::<leptos::html::Section>::new();

    // The fixed markup (`markup::history::TEMPLATE`) is set again only when the language
    // changes; the list whenever the history does.
    effect(move || {
        let lang = state.lang();
        let keep = state.settings.with(|s| s.keep_history);
        let Some(root) = holder.get() else {
            return;
        };
        dom::set_html_in(&root, lang.code(), || {
            markup::render(markup_history::TEMPLATE, lang == Lang::En)
        });
        state.history.with(|h| show_entries(&h.entries, lang, keep));
    });

    let on_click = move |e: leptos::ev::MouseEvent| {
        let Some((action, button)) = dom::action_of(&e) else {
            return;
        };
        let id = button
            .closest("[data-id]")
            .ok()
            .flatten()
            .and_then(|item| item.get_attribute("data-id"))
            .and_then(|id| id.parse::<u64>().ok());
        match (action.as_str(), id) {
            ("open", Some(id)) => {
                if let Some(entry) = state
                    .history
                    .with_untracked(|h| h.entries.iter().find(|e| e.id == id).cloned())
                {
                    reopen(&state, &entry);
                }
            }
            ("delete", Some(id)) => state.history.update(|h| {
                h.delete(id);
            }),
            ("clear-ask", _) => ask_clear(true),
            ("clear", _) => state.history.update(|h| h.clear()),
            ("clear-cancel", _) => ask_clear(false),
            _ => {}
        }
    };

    view! {
        <section class="view history-view" aria-labelledby="history-title" node_ref=holder on:click=on_click></section>
    }
}
