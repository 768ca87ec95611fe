//! The page shell: header with navigation and the language toggle, and hash-based routing
//! (`#/`, `#/prosedur`, ...), which works on any static host and from file://.
use super::state::{tr, use_state, AppState};
use crate::engine::rulebook::Rulebook;
use crate::settings::Lang;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Check,
    Procedure,
    History,
    Trainer,
    Batch,
    Settings,
    Rulebook,
}

impl Route {
    pub const ALL: [Route; 7] =
        [Route::Check, Route::Procedure, Route::History, Route::Trainer, Route::Batch, Route::Rulebook, Route::Settings];

    /// The route for a location hash such as `#/prosedur/5.1` (the part after the view name is
    /// an anchor inside the view).
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let first = path.split('/').next().unwrap_or("");
        Route::ALL.into_iter().find(|r| r.slug() == first).unwrap_or(Route::Check)
    }

    pub fn slug(self) -> &'static str {
        match self {
            Route::Check => "",
            Route::Procedure => "prosedur",
            Route::History => "riwayat",
            Route::Trainer => "pelatihan",
            Route::Batch => "audit",
            Route::Settings => "pengaturan",
            Route::Rulebook => "aturan",
        }
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Route::Check => lang.pick("Periksa", "Check"),
            Route::Procedure => lang.pick("Prosedur W-21", "W-21 procedure"),
            Route::History => lang.pick("Riwayat", "History"),
            Route::Trainer => lang.pick("Pelatihan", "Training"),
            Route::Batch => lang.pick("Audit batch", "Batch audit"),
            Route::Settings => lang.pick("Pengaturan", "Settings"),
            Route::Rulebook => lang.pick("Aturan", "Rulebook"),
        }
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    // Settings, history and a custom rulebook come back from localStorage; whatever could not be
    // read is reset and listed in `notices` (shown in the banner below the header).
    let loaded = super::storage::load();
    let state = AppState {
        settings: RwSignal::new(loaded.settings),
        rulebook: RwSignal::new(loaded.rulebook.unwrap_or_else(Rulebook::builtin)),
        paste: RwSignal::new(String::new()),
        channel: RwSignal::new(None),
        history: RwSignal::new(loaded.history),
        last_checked: RwSignal::new(None),
        notices: RwSignal::new(loaded.notices),
    };
    provide_context(state);
    super::storage::persist(state);
    super::history::install_recorder(state);
    super::storage::register_service_worker(state);

    let route = RwSignal::new(Route::from_hash(&current_hash()));
    // Anchors inside a view (`#/prosedur/5.1` -> `#/prosedur/5.2`) keep the same route: only a
    // change of view re-renders the page, so the view can scroll to its anchor itself.
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = Route::from_hash(&current_hash());
        if route.get_untracked() != next {
            route.set(next);
        }
    });
    on_cleanup(move || handle.remove());

    // Keep <html lang> in step with the language setting.
    Effect::new(move |_| {
        let code = state.settings.with(|s| s.lang.code());
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = el.set_attribute("lang", code);
        }
    });

    view! {
        <Header route=route />
        <super::storage::NoticeBanner />
        <main id="main" class="main" tabindex="-1">
            {move || match route.get() {
                Route::Check => view! { <super::check::CheckView /> }.into_any(),
                Route::Procedure => view! { <super::procedure::ProcedureView /> }.into_any(),
                Route::History => view! { <super::history::HistoryView /> }.into_any(),
                Route::Trainer => view! { <super::trainer::TrainerView /> }.into_any(),
                Route::Batch => view! { <super::batch::BatchView /> }.into_any(),
                Route::Settings => view! { <super::settings_view::SettingsView /> }.into_any(),
                Route::Rulebook => view! { <super::rulebook_view::RulebookView /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn Header(route: RwSignal<Route>) -> impl IntoView {
    let state = use_state();
    let toggle = move |_| {
        state.settings.update(|s| s.lang = if s.lang == Lang::Id { Lang::En } else { Lang::Id });
    };
    let toggle_label = tr("English", "Bahasa Indonesia");
    let skip_to_main = move |e: leptos::ev::MouseEvent| {
        e.prevent_default();
        super::dom::focus_id("main");
    };
    let nav_label = tr("Navigasi utama", "Main navigation");
    view! {
        <header class="topbar">
            // The skip link moves focus without touching the hash, which is the router's.
            <a class="skip" href="#main" on:click=skip_to_main>{tr("Lompat ke isi", "Skip to content")}</a>
            <span class="brand">"oot-triage"</span>
            <nav aria-label=nav_label>
                {Route::ALL
                    .into_iter()
                    .map(|r| {
                        view! {
                            <a
                                href=r.href()
                                aria-current=move || (route.get() == r).then_some("page")
                            >
                                {move || r.label(state.lang())}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <button type="button" class="lang-toggle" data-testid="lang-toggle" on:click=toggle>
                {toggle_label}
            </button>
        </header>
    }
}
