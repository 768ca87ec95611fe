//! Copy feedback for the check view: which copy button copied last (its label turns into
//! "Tersalin"; the buttons are plain markup, see `card::show_copied`), and one polite status
//! line that says what was copied or why copying failed. The clipboard itself is
//! `ui::dom::copy_text`; nothing here decides what to copy.
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
