//! localStorage for the settings, the history and the accepted custom rulebook (through
//! gloo-storage), and the banner that tells the user what a storage fault reset.
//!
//! Storage faults must lose nothing and stop nothing: storage may be blocked or disabled (reading
//! `window.localStorage` then throws), full (saving throws `QuotaExceededError`), or hold values
//! that are corrupt or from another version. Every function here turns those into [`Notice`]s
//! and carries on with what it could read. Parsing and recovery themselves are pure and live in
//! `settings`, `history` and `engine::rulebook`; this module only moves text in and out of the
//! browser. It must not hold rule logic or render anything but the notices.
use super::state::{effect, use_state, AppState};
use crate::engine::rulebook::Rulebook;
use crate::history::History;
use crate::settings::{Notice, Settings};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

/// The stored keys. Each carries the format version, so a future format can live beside an old
/// one while it is converted.
pub const SETTINGS_KEY: &str = "oot-triage.settings.v1";
pub const HISTORY_KEY: &str = "oot-triage.history.v1";
pub const RULEBOOK_KEY: &str = "oot-triage.rulebook.v1";
/// Where a stored custom rulebook that can no longer be applied is moved, so a team lead's work
/// is never silently thrown away.
pub const REJECTED_RULEBOOK_KEY: &str = "oot-triage.rulebook.v1.rejected";

/// Whether localStorage can be used. Reading `window.localStorage` throws when storage is blocked
/// (site data disabled, some private modes, policies); gloo-storage would rethrow that through
/// the wasm frames and kill the page, so every access asks this first.
pub fn available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

fn read_raw(key: &str) -> Result<Option<String>, String> {
    if !available() {
        return Err("localStorage is not available".to_string());
    }
    LocalStorage::raw().get_item(key).map_err(|e| format!("{e:?}"))
}

fn write_raw(key: &str, text: &str) -> Result<(), String> {
    if !available() {
        return Err("localStorage is not available".to_string());
    }
    LocalStorage::raw().set_item(key, text).map_err(describe_js)
}

fn remove(key: &str) {
    if available() {
        LocalStorage::delete(key);
    }
}

/// A short description of a thrown JS value, e.g. "QuotaExceededError: ...".
fn describe_js(e: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => format!("{}: {}", String::from(err.name()), String::from(err.message())),
        None => e.as_string().unwrap_or_else(|| "unknown error".to_string()),
    }
}

/// Everything read back at start-up, with a notice for each thing that had to be reset.
pub struct Loaded {
    pub settings: Settings,
    pub history: History,
    /// The accepted custom rulebook, or `None` for the built-in one.
    pub rulebook: Option<Rulebook>,
    pub notices: Vec<Notice>,
}

/// Reads settings, history and the custom rulebook. Never fails: what cannot be read takes its
/// default, with a notice; everything else is kept.
pub fn load() -> Loaded {
    let mut notices = Vec::new();
    if !available() {
        notices.push(Notice::new(
            "storage",
            "Penyimpanan browser tidak tersedia (diblokir atau dimatikan). Aplikasi tetap berjalan, tetapi pengaturan, riwayat dan aturan tidak tersimpan setelah halaman ditutup.",
            "Browser storage is not available (blocked or disabled). The app still works, but settings, history and the rulebook are not kept after the page closes.",
        ));
        return Loaded {
            settings: Settings::default(),
            history: History::default(),
            rulebook: None,
            notices,
        };
    }

    let settings = match read_raw(SETTINGS_KEY) {
        Ok(Some(text)) => {
            let (s, mut n) = Settings::from_stored(&text);
            notices.append(&mut n);
            s
        }
        Ok(None) => Settings::default(),
        Err(e) => {
            notices.push(read_failed("settings", &e));
            Settings::default()
        }
    };

    let history = match read_raw(HISTORY_KEY) {
        // History that is switched off must not linger in the browser.
        Ok(Some(_)) if !settings.keep_history => {
            remove(HISTORY_KEY);
            History::default()
        }
        Ok(Some(text)) => {
            let (h, mut n) = History::from_stored(&text);
            notices.append(&mut n);
            h
        }
        Ok(None) => History::default(),
        Err(e) => {
            notices.push(read_failed("history", &e));
            History::default()
        }
    };

    let rulebook = match read_raw(RULEBOOK_KEY) {
        Ok(Some(text)) => match super::rulebook_view::accept_stored(&text) {
            Ok(book) => Some(book),
            Err(why) => {
                // Keep the team lead's text under another key rather than lose it.
                let kept = write_raw(REJECTED_RULEBOOK_KEY, &text).is_ok();
                remove(RULEBOOK_KEY);
                let (kept_id, kept_en) = if kept {
                    (
                        " Teksnya disimpan dan bisa dibuka lagi di halaman Aturan.",
                        " Its text was kept and can be reopened on the Rulebook page.",
                    )
                } else {
                    ("", "")
                };
                notices.push(Notice::new(
                    "rulebook",
                    format!("Aturan khusus yang tersimpan tidak bisa dipakai ({why}); aturan bawaan W-21 berlaku.{kept_id}"),
                    format!("The saved custom rulebook could not be applied ({why}); the built-in W-21 rulebook applies.{kept_en}"),
                ));
                None
            }
        },
        Ok(None) => None,
        Err(e) => {
            notices.push(read_failed("rulebook", &e));
            None
        }
    };

    Loaded {
        settings,
        history,
        rulebook,
        notices,
    }
}

fn read_failed(subject: &str, e: &str) -> Notice {
    Notice::new(
        subject,
        format!("Data tersimpan \"{subject}\" tidak bisa dibaca ({e}); nilai bawaan dipakai."),
        format!("Saved \"{subject}\" could not be read ({e}); the defaults are used."),
    )
}

fn save_failed(subject: &str, e: &str) -> Notice {
    Notice::new(
        format!("{subject}.save"),
        format!("Tidak bisa menyimpan \"{subject}\" di browser ({e}). Perubahan tetap berlaku sampai halaman ditutup."),
        format!("Could not save \"{subject}\" in the browser ({e}). The change applies until the page is closed."),
    )
}

pub fn save_settings(settings: &Settings) -> Result<(), Notice> {
    write_raw(SETTINGS_KEY, &settings.to_stored()).map_err(|e| save_failed("settings", &e))
}

/// Saves the history. When the browser's storage is too full for all of it, saves as many of the
/// newest entries as fit (the whole list stays on screen until the page is closed) and says so.
pub fn save_history(history: &History) -> Result<(), Notice> {
    if history.entries.is_empty() {
        remove(HISTORY_KEY);
        return Ok(());
    }
    let first = match write_raw(HISTORY_KEY, &history.to_stored()) {
        Ok(()) => return Ok(()),
        Err(e) => e,
    };
    let total = history.entries.len();
    let mut n = total / 2;
    while n > 0 {
        if write_raw(HISTORY_KEY, &history.newest(n).to_stored()).is_ok() {
            return Err(Notice::new(
                "history.save",
                format!(
                    "Penyimpanan browser penuh: hanya {n} dari {total} entri riwayat terbaru yang tersimpan ({first})."
                ),
                format!(
                    "Browser storage is full: only the newest {n} of {total} history entries were saved ({first})."
                ),
            ));
        }
        n /= 2;
    }
    Err(save_failed("history", &first))
}

/// Saves the accepted custom rulebook, or forgets it when the built-in one is back in force.
pub fn save_rulebook(book: Option<&Rulebook>) -> Result<(), Notice> {
    match book {
        None => {
            remove(RULEBOOK_KEY);
            Ok(())
        }
        Some(book) => {
            write_raw(RULEBOOK_KEY, &super::rulebook_view::stored_text(book)).map_err(|e| save_failed("rulebook", &e))
        }
    }
}

/// The text of a custom rulebook that was rejected at start-up, if one was kept.
pub fn rejected_rulebook() -> Option<String> {
    read_raw(REJECTED_RULEBOOK_KEY).ok().flatten()
}

pub fn forget_rejected_rulebook() {
    remove(REJECTED_RULEBOOK_KEY);
}

/// Shows `notice`, replacing an earlier one about the same thing.
pub fn push_notice(state: &AppState, notice: Notice) {
    state.notices.update(|list| {
        list.retain(|n| n.subject != notice.subject);
        list.push(notice);
    });
}

/// Removes the notice about `subject` (e.g. once a save works again).
pub fn clear_notice(state: &AppState, subject: &str) {
    if state.notices.with_untracked(|l| l.iter().any(|n| n.subject == subject)) {
        state.notices.update(|list| list.retain(|n| n.subject != subject));
    }
}

/// Applies the result of a save: a failure shows its notice, a success clears an old one.
pub fn report_save(state: &AppState, subject: &str, result: Result<(), Notice>) {
    match result {
        Ok(()) => clear_notice(state, &format!("{subject}.save")),
        Err(n) => push_notice(state, n),
    }
}

/// The banner of storage notices under the header: each one says what was reset and can be
/// dismissed; it is gone when the list is empty.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let state = use_state();
    move || {
        let lang = state.lang();
        let notices = state.notices.get();
        (!notices.is_empty()).then(|| {
            let items = notices
                .into_iter()
                .map(|n| {
                    let subject = n.subject.clone();
                    let dismiss = move |_| {
                        let subject = subject.clone();
                        state.notices.update(|l| l.retain(|x| x.subject != subject));
                    };
                    view! {
                        <li data-testid="storage-notice" data-subject=n.subject.clone()>
                            <span>{n.text(lang).to_string()}</span>
                            <button type="button" class="notice-dismiss" on:click=dismiss aria-label=lang.pick("Tutup pemberitahuan", "Dismiss notice")>
                                "×"
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="notices" role="status" aria-live="polite" data-testid="storage-notices">
                    <h2 class="notices-title">{lang.pick("Penyimpanan browser", "Browser storage")}</h2>
                    <ul>{items}</ul>
                    <button type="button" class="btn notices-dismiss-all" data-testid="notices-dismiss" on:click=move |_| state.notices.set(Vec::new())>
                        {lang.pick("Tutup semua", "Dismiss all")}
                    </button>
                </section>
            }
        })
    }
}

/// Deletes everything this app keeps in localStorage (every `oot-triage.` key).
pub fn wipe_all() {
    for key in [SETTINGS_KEY, HISTORY_KEY, RULEBOOK_KEY, REJECTED_RULEBOOK_KEY] {
        remove(key);
    }
}

/// `navigator.serviceWorker`, where it exists: only on http(s) pages in a secure context
/// (https, or localhost). On file:// the single-file build needs no worker.
fn service_worker_container() -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    let protocol = window.location().protocol().ok()?;
    if protocol != "http:" && protocol != "https:" {
        return None;
    }
    let sw = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into()).ok()?;
    (!sw.is_undefined() && !sw.is_null()).then_some(sw)
}

/// Whether the offline copy is in place: `Some(true)` when a service worker controls this page,
/// `Some(false)` when one can but does not yet, `None` where there is none (file://, plain http
/// off localhost).
pub fn offline_ready() -> Option<bool> {
    let sw = service_worker_container()?;
    let controller = js_sys::Reflect::get(&sw, &"controller".into()).ok()?;
    Some(!controller.is_undefined() && !controller.is_null())
}

/// Registers `sw.js` (beside index.html, scope: this directory, so the site works under any
/// sub-path) so that after one visit the app opens with the network off. When a newer build's
/// worker takes over a page that already had one, a notice asks for a reload. Does nothing on
/// file:// or where service workers are unavailable; a failure is logged, never fatal.
pub fn register_service_worker(state: AppState) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(sw) = service_worker_container() else {
        return;
    };
    let register = js_sys::Reflect::get(&sw, &"register".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(register) = register else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"scope".into(), &"./".into());
    let promise = register
        .call2(&sw, &"./sw.js".into(), &options)
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    if let Some(promise) = promise {
        leptos::task::spawn_local(async move {
            if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
                leptos::logging::warn!("oot-triage: offline cache not installed: {}", describe_js(e));
            }
        });
    }

    if offline_ready() == Some(true) {
        let target = sw.dyn_into::<web_sys::EventTarget>().ok();
        let on_change = Closure::<dyn Fn()>::new(move || {
            push_notice(
                &state,
                Notice::new(
                    "update",
                    "Versi baru aplikasi sudah tersimpan. Muat ulang halaman untuk memakainya.",
                    "A new version of the app has been stored. Reload the page to use it.",
                ),
            );
        });
        if let Some(target) = target {
            let _ = target.add_event_listener_with_callback("controllerchange", on_change.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        on_change.forget();
    }
}

/// Saves the settings and the history whenever they change (one effect each), and clears the
/// history when history is switched off (the rulebook is saved where it changes:
/// [`store_rulebook`]). `App` calls it once. A failed save shows a notice; the change
/// still applies for as long as the page is open.
pub fn persist(state: AppState) {
    if !available() {
        // The start-up notice already says nothing is kept; failing saves would only repeat it.
        return;
    }
    effect(move || {
        let result = state.settings.with(save_settings);
        report_save(&state, "settings", result);
    });
    effect(move || {
        if !state.settings.with(|s| s.keep_history) && state.history.with_untracked(|h| !h.entries.is_empty()) {
            state.history.update(|h| h.clear());
        }
    });
    effect(move || {
        let result = state.history.with(save_history);
        report_save(&state, "history", result);
    });
}

/// Saves `book` as the custom rulebook in force, or forgets the stored one when `book` holds
/// the built-in rules; a failed save shows a notice. Only the trainer's page changes the
/// rulebook (the Rulebook view); the agent's page only reads it, and its "wipe everything"
/// clears the store directly, so the agent's wasm carries no rulebook writer.
pub fn store_rulebook(state: &AppState, book: &Rulebook) {
    if !available() {
        // As in `persist`: the start-up notice already says nothing is kept.
        return;
    }
    let builtin = Rulebook::builtin();
    let result = save_rulebook((!super::rulebook_view::same_rules(book, &builtin)).then_some(book));
    report_save(state, "rulebook", result);
}
