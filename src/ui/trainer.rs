//! The trainer screen (`#/pelatihan`): a practice round for new agents and a presenter view for
//! trainers, both over the example library of `engine::training` (cases written by the project,
//! each with the expected verdict and an explanation tied to a W-21 clause).
//!
//! This file owns the screen's two modes and the pieces they share (`trainer::case_view`); the
//! practice round lives in `trainer::practice`, the presenter in `trainer::presenter`. Grading,
//! scoring and the choice of examples are engine code; what the tool itself says about an
//! example always comes from the engine, so a disagreement shows instead of being papered over.
//! It must not change the main screen's state except to open an example there on request.

pub mod case_view;
pub mod practice;
pub mod presenter;

use super::state::{tr, use_state};
use crate::engine::training::Library;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Practice,
    Presenter,
}

#[component]
pub fn TrainerView() -> impl IntoView {
    let state = use_state();
    let library: StoredValue<Result<Library, String>> = StoredValue::new(Library::builtin());
    // A link such as `#/pelatihan/presentasi` opens the presenter directly.
    let initial = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .filter(|h| h.contains("/presentasi") || h.contains("/presenter"))
        .map(|_| Mode::Presenter)
        .unwrap_or(Mode::Practice);
    let mode = RwSignal::new(initial);

    let tab = move |m: Mode, testid: &'static str, id: &'static str, en: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                data-testid=testid
                aria-selected=move || (mode.get() == m).to_string()
                class=move || if mode.get() == m { "btn tab active" } else { "btn tab" }
                on:click=move |_| mode.set(m)
            >
                {move || state.lang().pick(id, en)}
            </button>
        }
    };

    view! {
        <section class="trainer" aria-labelledby="trainer-title">
            <h1 id="trainer-title">{tr("Pelatihan W-21", "W-21 training")}</h1>
            <div class="trainer-tabs" role="tablist">
                {tab(Mode::Practice, "trainer-mode-practice", "Latihan", "Practice")}
                {tab(Mode::Presenter, "trainer-mode-presenter", "Presentasi", "Presenter")}
            </div>
            {match library.with_value(|l| l.as_ref().map(|_| ()).map_err(Clone::clone)) {
                Err(e) => {
                    view! {
                        <p class="trainer-error" role="alert">
                            {move || state.lang().pick("Pustaka contoh rusak: ", "The example library is broken: ")}
                            {e.clone()}
                        </p>
                    }
                        .into_any()
                }
                Ok(()) => {
                    // Both modes stay mounted so switching does not lose a round in progress;
                    // each one listens to the keyboard only while it is shown.
                    let practice_on = Signal::derive(move || mode.get() == Mode::Practice);
                    let presenter_on = Signal::derive(move || mode.get() == Mode::Presenter);
                    view! {
                        <div hidden=move || !practice_on.get()>
                            <practice::Practice library=library active=practice_on />
                        </div>
                        <div hidden=move || !presenter_on.get()>
                            <presenter::Presenter library=library active=presenter_on />
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
