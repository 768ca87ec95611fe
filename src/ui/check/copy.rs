//! Copy buttons and their feedback for the check view: which button copied last (its label
//! turns into "Tersalin"), and one polite status line that says what was copied or why copying
//! failed. The clipboard itself is `ui::dom::copy_text`; nothing here decides what to copy.
use crate::settings::Lang;
use crate::ui::dom;
use crate::ui::state::use_state;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// What the status line says after a copy attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum CopyStatus {
    /// Copied; the two strings name what was copied (Indonesian, English).
    Copied {
        what_id: String,
        what_en: String,
        text: String,
    },
    /// Nothing could be copied; the string is the browser's reason.
    Failed {
        what_id: String,
        what_en: String,
        error: String,
    },
    /// A shortcut was pressed but the current case has nothing of that kind to copy.
    Nothing,
}

/// Shared copy feedback, provided by the check view.
#[derive(Clone, Copy)]
pub struct Copier {
    /// The key of the button that copied last, while its confirmation shows.
    pub last: RwSignal<Option<String>>,
    pub status: RwSignal<Option<CopyStatus>>,
    generation: StoredValue<u64>,
}

impl Default for Copier {
    fn default() -> Self {
        Copier::new()
    }
}

impl Copier {
    pub fn new() -> Copier {
        Copier {
            last: RwSignal::new(None),
            status: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    fn bump(&self) -> u64 {
        let next = self.generation.try_get_value().unwrap_or(0).wrapping_add(1);
        let _ = self.generation.try_set_value(next);
        next
    }

    /// Clears the confirmation a few seconds later, unless another copy happened meanwhile.
    fn fade(&self, generation: u64) {
        let me = *self;
        set_timeout(
            move || {
                if me.generation.try_get_value() == Some(generation) {
                    let _ = me.last.try_set(None);
                    let _ = me.status.try_set(None);
                }
            },
            Duration::from_millis(2500),
        );
    }

    /// Copies `text`; `key` identifies the button, `what_*` name the thing for the status line.
    pub fn copy(&self, key: String, what_id: String, what_en: String, text: String) {
        let me = *self;
        spawn_local(async move {
            let result = dom::copy_text(&text).await;
            let generation = me.bump();
            match result {
                Ok(()) => {
                    let _ = me.last.try_set(Some(key));
                    let _ = me.status.try_set(Some(CopyStatus::Copied {
                        what_id,
                        what_en,
                        text,
                    }));
                    me.fade(generation);
                }
                Err(error) => {
                    let _ = me.last.try_set(None);
                    // A failure stays on screen until the next copy: the agent must notice it.
                    let _ = me.status.try_set(Some(CopyStatus::Failed {
                        what_id,
                        what_en,
                        error,
                    }));
                }
            }
        });
    }

    /// Says that a shortcut had nothing to copy.
    pub fn nothing(&self) {
        let generation = self.bump();
        self.last.set(None);
        self.status.set(Some(CopyStatus::Nothing));
        self.fade(generation);
    }
}

/// What one copy button copies and how it presents itself.
#[derive(Clone)]
pub struct CopySpec {
    /// Unique key of this button on the page.
    key: String,
    /// What is copied, for the accessible name and the status line (Indonesian, English).
    what_id: String,
    what_en: String,
    text: String,
    testid: Option<&'static str>,
    /// While true the test id is withheld (the result shown is stale).
    stale: Option<Memo<bool>>,
    /// A longer visible label (e.g. "Salin semua"), Indonesian and English.
    label: Option<(&'static str, &'static str)>,
    primary: bool,
}

impl CopySpec {
    pub fn new(key: String, what_id: String, what_en: String, text: String) -> CopySpec {
        CopySpec {
            key,
            what_id,
            what_en,
            text,
            testid: None,
            stale: None,
            label: None,
            primary: false,
        }
    }
    pub fn testid(mut self, testid: &'static str, stale: Memo<bool>) -> CopySpec {
        self.testid = Some(testid);
        self.stale = Some(stale);
        self
    }
    pub fn label(mut self, id: &'static str, en: &'static str) -> CopySpec {
        self.label = Some((id, en));
        self
    }
    pub fn primary(mut self) -> CopySpec {
        self.primary = true;
        self
    }
}

/// A copy button. Its visible text is "Salin" / "Copy" and turns into "Tersalin ✓" / "Copied ✓"
/// after it copied; its accessible name says what it copies. A plain function rather than a
/// component, with as few reactive parts as possible, because a long thread renders hundreds
/// of them; the caller re-renders it when the language changes.
pub fn copy_button(copier: Copier, spec: CopySpec, lang: Lang) -> AnyView {
    let CopySpec {
        key,
        what_id,
        what_en,
        text,
        testid,
        stale,
        label,
        primary,
    } = spec;
    let done = {
        let key = key.clone();
        move || copier.last.with(|l| l.as_deref() == Some(key.as_str()))
    };
    let aria = match lang {
        Lang::Id => format!("Salin {what_id}"),
        Lang::En => format!("Copy {what_en}"),
    };
    let idle = match label {
        Some((id, en)) => lang.pick(id, en),
        None => lang.pick("Salin", "Copy"),
    };
    let copied = lang.pick("Tersalin ✓", "Copied ✓");
    let done2 = done.clone();
    let visible = move || if done2() { copied } else { idle };
    let on_click =
        move |_| copier.copy(key.clone(), what_id.clone(), what_en.clone(), text.clone());
    let class = if primary {
        "copy-btn primary"
    } else {
        "copy-btn"
    };
    match (testid, stale) {
        (Some(id), Some(stale)) => view! {
            <button
                type="button"
                class=class
                class:is-done=done
                data-testid=move || (!stale.get()).then_some(id)
                aria-label=aria
                on:click=on_click
            >
                {visible}
            </button>
        }
        .into_any(),
        _ => view! {
            <button type="button" class=class class:is-done=done aria-label=aria on:click=on_click>
                {visible}
            </button>
        }
        .into_any(),
    }
}

/// The status line for copy results: always in the page (so screen readers announce changes),
/// fixed at the bottom edge so it is visible wherever the button was.
#[component]
pub fn CopyStatusLine(copier: Copier) -> impl IntoView {
    let state = use_state();
    let text = move || {
        let lang = state.lang();
        copier.status.with(|s| match s {
            None => String::new(),
            Some(CopyStatus::Copied { what_id, what_en, text }) => {
                let shown: String = text.lines().next().unwrap_or("").chars().take(60).collect();
                let more = if text.lines().count() > 1 { " …" } else { "" };
                match lang {
                    Lang::Id => format!("✓ Disalin ke clipboard: {what_id} — {shown}{more}"),
                    Lang::En => format!("✓ Copied to the clipboard: {what_en} — {shown}{more}"),
                }
            }
            Some(CopyStatus::Failed { what_id, what_en, error }) => match lang {
                Lang::Id => format!(
                    "✗ Gagal menyalin {what_id} ({error}). Pilih teksnya dengan mouse atau Shift+panah, lalu tekan Ctrl+C."
                ),
                Lang::En => format!(
                    "✗ Could not copy {what_en} ({error}). Select the text with the mouse or Shift+arrows, then press Ctrl+C."
                ),
            },
            Some(CopyStatus::Nothing) => lang
                .pick(
                    "Tidak ada note untuk disalin: case ini perlu dijawab atau perlu diperiksa.",
                    "No note to copy: this case needs a reply or a manual check.",
                )
                .to_string(),
        })
    };
    let kind = move || {
        copier.status.with(|s| match s {
            None => "copy-status",
            Some(CopyStatus::Copied { .. }) => "copy-status is-ok",
            Some(CopyStatus::Failed { .. }) => "copy-status is-error",
            Some(CopyStatus::Nothing) => "copy-status is-info",
        })
    };
    view! {
        <div class=kind role="status" aria-live="polite" data-testid="copy-status">
            {text}
        </div>
    }
}
