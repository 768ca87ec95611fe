//! The history screen (`#/riwayat`) and the recorder that fills it.
//!
//! The check screen publishes each finished check with [`publish_check`]; the recorder
//! ([`install_recorder`], started once by `App`) keeps it in `AppState.history` once its verdict
//! has stood for [`RECORD_AFTER_MS`], or at once after Ctrl+Enter, so typing does not fill the
//! list. The list logic itself (limit, dedupe, delete, stored format) is the pure
//! `crate::history`; saving is `ui::storage`. Nothing here leaves the browser, and pasted text is
//! only ever rendered as text.
use super::check::result::decision_label;
use super::state::{effect, tr, use_state, AppState, LastChecked};
use crate::engine::check::Checked;
use crate::history::{HistoryEntry, HISTORY_LIMIT};
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
    if state.last_checked.with_untracked(|l| l.as_ref() != Some(&latest)) {
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
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str("timeout"), &JsValue::from_f64(IDLE_WAIT_MS));
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
                    if let Some(latest) = current.filter(|l| state.paste.with_untracked(|p| *p == l.text)) {
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

/// The first line of a paste, shortened, for the list.
fn preview(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let short: String = line.chars().take(140).collect();
    if short.len() < line.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Puts an entry back in the paste box and goes to the check screen.
fn reopen(state: &AppState, entry: &HistoryEntry) {
    state.channel.set(entry.channel);
    state.paste.set(entry.text.clone());
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash("#/");
    }
}

#[component]
pub fn HistoryView() -> impl IntoView {
    let state = use_state();
    let confirming = RwSignal::new(false);

    let list = move || {
        let lang = state.lang();
        let entries = state.history.with(|h| h.entries.clone());
        if entries.is_empty() {
            let text = if state.settings.with(|s| s.keep_history) {
                lang.pick(
                    "Belum ada case yang diperiksa. Case yang Anda periksa muncul di sini (hanya di browser ini).",
                    "No checked cases yet. Cases you check appear here (in this browser only).",
                )
            } else {
                lang.pick(
                    "Riwayat dimatikan. Nyalakan di Pengaturan untuk menyimpan case yang diperiksa di browser ini.",
                    "History is off. Turn it on in Settings to keep checked cases in this browser.",
                )
            };
            return view! { <p class="history-empty" data-testid="history-empty">{text}</p> }.into_any();
        }
        let items = entries
            .into_iter()
            .map(|entry| {
                let id = entry.id;
                let open_entry = entry.clone();
                let open = move |_| reopen(&state, &open_entry);
                let delete = move |_| state.history.update(|h| {
                    h.delete(id);
                });
                let note = entry.note.clone().map(|n| view! { <code class="history-note">{n}</code> });
                let lines = entry.text.lines().filter(|l| !l.trim().is_empty()).count();
                let more = (lines > 1).then(|| match lang {
                    Lang::Id => format!("{lines} baris"),
                    Lang::En => format!("{lines} lines"),
                });
                view! {
                    <li class="history-item" data-testid="history-item" data-id=id.to_string() data-decision=entry.decision.as_str()>
                        <div class="history-meta">
                            <time>{format_time(entry.time_ms, lang)}</time>
                            <span class=format!("badge badge--{}", entry.decision.as_str())>{decision_label(entry.decision, lang)}</span>
                            {note}
                            {more.map(|m| view! { <span class="history-lines">{m}</span> })}
                        </div>
                        <p class="history-text" data-testid="history-text">{preview(&entry.text)}</p>
                        <div class="history-actions">
                            <button type="button" class="btn" data-testid="history-open" on:click=open>
                                {lang.pick("Buka lagi", "Reopen")}
                            </button>
                            <button type="button" class="btn danger-quiet" data-testid="history-delete" on:click=delete>
                                {lang.pick("Hapus", "Delete")}
                            </button>
                        </div>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="history-list" data-testid="history-list">{items}</ol> }.into_any()
    };

    let clear_controls = move || {
        let lang = state.lang();
        let any = state.history.with(|h| !h.entries.is_empty());
        if !any {
            return None;
        }
        Some(if confirming.get() {
            view! {
                <div class="confirm" role="group" aria-label=lang.pick("Konfirmasi hapus riwayat", "Confirm clearing history")>
                    <span>{lang.pick("Hapus semua riwayat di browser ini?", "Delete the whole history in this browser?")}</span>
                    <button type="button" class="btn danger" data-testid="history-clear-confirm" on:click=move |_| {
                        state.history.update(|h| h.clear());
                        confirming.set(false);
                    }>{lang.pick("Ya, hapus semua", "Yes, delete all")}</button>
                    <button type="button" class="btn" on:click=move |_| confirming.set(false)>{lang.pick("Batal", "Cancel")}</button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="btn" data-testid="history-clear" on:click=move |_| confirming.set(true)>
                    {lang.pick("Hapus riwayat", "Clear history")}
                </button>
            }
            .into_any()
        })
    };

    let count = move || {
        let n = state.history.with(|h| h.entries.len());
        match state.lang() {
            Lang::Id => format!("{n} dari maksimal {HISTORY_LIMIT} case terakhir, tersimpan hanya di browser ini."),
            Lang::En => format!("{n} of at most {HISTORY_LIMIT} latest cases, kept only in this browser."),
        }
    };

    view! {
        <section class="view history-view" aria-labelledby="history-title">
            <header class="view-head">
                <h1 id="history-title">{tr("Riwayat", "History")}</h1>
                <p class="view-lead">{count}</p>
                {clear_controls}
            </header>
            {list}
        </section>
    }
}
