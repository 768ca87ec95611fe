//! The settings screen (`#/pengaturan`): language, default channel, multi window, whether history
//! is kept, and what this browser stores (with a way to delete all of it).
//!
//! The markup is the fixed template `markup::SETTINGS`; this file fills in the fields and wires
//! the controls. It only edits `AppState.settings`; `App` saves every change (ui::storage).
//! Validation of the window bounds is the pure `settings::MULTI_WINDOW_RANGE`. It must not touch
//! localStorage directly except through `ui::storage`.
use super::state::{effect, use_state};
use super::{dom, storage};
use crate::engine::Channel;
use crate::markup;
use crate::settings::{Lang, Settings, MULTI_WINDOW_RANGE};
use leptos::prelude::*;

/// Reads the multi window field: whole minutes within [`MULTI_WINDOW_RANGE`].
fn parse_window(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| MULTI_WINDOW_RANGE.contains(n))
}

/// Shows `settings` in the fields.
fn fill(settings: &Settings) {
    dom::set_prop("settings-lang", "value", settings.lang.code().into());
    dom::set_prop(
        "settings-channel",
        "value",
        settings.default_channel.as_str().into(),
    );
    dom::set_prop(
        "settings-window",
        "value",
        settings.multi_window_minutes.to_string().into(),
    );
    dom::set_prop("settings-history", "checked", settings.keep_history.into());
}

/// Shows or hides the window field's error (the field keeps the user's text either way).
fn show_window_error(error: bool) {
    dom::show_id("settings-window-error", error);
    dom::show_id("settings-window-help", !error);
    if let Some(field) = dom::by_id("settings-window") {
        let _ = if error {
            field.set_attribute("aria-invalid", "true")
        } else {
            field.remove_attribute("aria-invalid")
        };
    }
}

/// The wipe button, or in its place the question whether to wipe.
fn ask_wipe(asking: bool) {
    dom::ask_in_place(
        "settings-wipe",
        "settings-wipe-confirm-group",
        "settings-wipe-cancel",
        asking,
    );
}

#[component]
pub fn SettingsView() -> impl IntoView {
    let state = use_state();
    // The settings the fields on screen show.
    let shown = StoredValue::new(None::<Settings>);
    let holder = NodeRef::<leptos::html::Section>::new();

    // The markup is fixed text (`markup::SETTINGS`), set again only when the language changes;
    // the fields follow the settings.
    effect(move || {
        let settings = state.settings.get();
        let Some(root) = holder.get() else {
            return;
        };
        let english = settings.lang == Lang::En;
        if dom::set_html_in(&root, settings.lang.code(), || {
            markup::render(markup::SETTINGS, english)
        }) {
            let offline = match storage::offline_ready() {
                Some(true) => "offline-ready",
                Some(false) => "offline-pending",
                None => "offline-file",
            };
            dom::keep_when(
                &root,
                &[
                    if storage::available() {
                        "storage-on"
                    } else {
                        "storage-off"
                    },
                    offline,
                ],
            );
        } else if shown.with_value(|s| s.as_ref() == Some(&settings)) {
            // Nothing changed: a field the user is editing keeps their text.
            return;
        }
        fill(&settings);
        shown.set_value(Some(settings));
    });

    let on_change = move |e: leptos::ev::Event| {
        let id = dom::target(&e).map(|el| el.id()).unwrap_or_default();
        let value = event_target_value(&e);
        match id.as_str() {
            "settings-lang" => {
                if let Some(l) = Lang::parse(&value) {
                    state.settings.update(|s| s.lang = l);
                }
            }
            "settings-channel" => {
                if let Some(c) = Channel::parse(&value) {
                    state.settings.update(|s| s.default_channel = c);
                }
            }
            "settings-window" => {
                let n = parse_window(&value);
                show_window_error(n.is_none());
                if let Some(n) = n.filter(|n| {
                    state
                        .settings
                        .with_untracked(|s| s.multi_window_minutes != *n)
                }) {
                    state.settings.update(|s| s.multi_window_minutes = n);
                }
            }
            "settings-history" => {
                let on = event_target_checked(&e);
                state.settings.update(|s| s.keep_history = on);
            }
            _ => {}
        }
    };
    let on_click =
        move |e: leptos::ev::MouseEvent| match dom::action_of(&e).map(|(a, _)| a).as_deref() {
            Some("reset") => {
                // The fields show the defaults even when the settings already were (a field may
                // hold text that was not accepted).
                show_window_error(false);
                fill(&Settings::default());
                state.settings.set(Settings::default());
            }
            Some("wipe-ask") => ask_wipe(true),
            Some("wipe") => {
                storage::wipe_all();
                state.history.update(|h| h.clear());
                state.settings.set(Settings::default());
                state
                    .rulebook
                    .set(crate::engine::rulebook::Rulebook::builtin());
                ask_wipe(false);
            }
            Some("wipe-cancel") => ask_wipe(false),
            _ => {}
        };

    view! {
        <section
            class="view settings-view"
            aria-labelledby="settings-title"
            node_ref=holder
            on:change=on_change
            on:click=on_click
        ></section>
    }
}
