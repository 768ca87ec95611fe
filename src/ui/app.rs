//! The page shell: header with navigation and the language toggle, and hash-based routing
//! (`#/`, `#/prosedur`, ...), which works on any static host and from file://.
//!
//! The site is two pages, each its own wasm, so that an agent's tab loads only what an agent
//! uses: the agent's page (`index.html`: check, procedure, history, settings) and the trainer's
//! page (`tools.html`: training, batch audit, rulebook). Both share this shell, the routes and
//! the saved state (localStorage); a route of the other page is a link to that page, and
//! opening one on the wrong page moves there (`#/aturan` on the agent's page opens
//! `tools.html#/aturan`), so every old link keeps working.
use super::dom;
use super::state::{effect, use_state, AppState};
use crate::engine::rulebook::Rulebook;
use crate::markup::{self, header::NavLink};
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

/// One of the site's two pages (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Agent,
    Tools,
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

    /// The page that shows this route.
    pub fn page(self) -> Page {
        match self {
            Route::Trainer | Route::Batch | Route::Rulebook => Page::Tools,
            Route::Check | Route::Procedure | Route::History | Route::Settings => Page::Agent,
        }
    }

    /// The link to this route from `here`: a bare hash on the same page, else the other page's
    /// URL with the hash.
    pub fn href(self, here: Page) -> String {
        let hash = format!("#/{}", self.slug());
        if self.page() == here {
            hash
        } else {
            format!("{}{hash}", page_url(self.page()))
        }
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

/// The URL of a page, relative to the current one. Each page names both in
/// `<meta name="oot-triage-pages" content="AGENT TOOLS">` (the single-file build rewrites it to
/// the single files' names); without it, the served site's names.
fn page_url(page: Page) -> String {
    let named = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=oot-triage-pages]").ok().flatten())
        .and_then(|m| m.get_attribute("content"));
    let mut names = named.as_deref().unwrap_or("").split_whitespace();
    let (agent, tools) = (names.next(), names.next());
    match page {
        Page::Agent => agent.unwrap_or("index.html"),
        Page::Tools => tools.unwrap_or("tools.html"),
    }
    .to_string()
}

/// Opens `route` on its own page when this page does not show it, keeping the whole hash (an
/// anchor inside the view) and handing over the paste box and the notices (`ui::handoff`).
/// True when the browser is leaving this page.
fn leave_for(route: Route, here: Page, state: AppState) -> bool {
    route.page() != here && open_page(&format!("{}{}", page_url(route.page()), current_hash()), true, state)
}

/// Loads `url` (the other page) after handing over the paste box and the notices; `replace`
/// keeps the current entry out of the tab's history (a redirect, not a step the user took).
fn open_page(url: &str, replace: bool, state: AppState) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    super::handoff::leave(state);
    let location = window.location();
    if replace { location.replace(url) } else { location.assign(url) }.is_ok()
}

/// Mounts the page `here`: the shell, with `views` rendering this page's routes (each page's
/// binary passes only its own views, so the other page's code is not in its wasm).
pub fn mount(here: Page, views: fn(Route) -> AnyView) {
    leptos::mount::mount_to_body(move || App(here, views));
}

#[allow(non_snake_case)]
fn App(here: Page, views: fn(Route) -> AnyView) -> impl IntoView {
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
    super::handoff::take(state);
    super::storage::persist(state);
    super::history::install_recorder(state);
    super::storage::register_service_worker(state);

    // A page opened without a hash shows its own first view (`tools.html`: the training). A route
    // of the other page moves there; until the browser has left, this page shows that default.
    let default = if here == Page::Agent { Route::Check } else { Route::Trainer };
    let hash = current_hash();
    let first = if hash.trim_start_matches('#').is_empty() { default } else { Route::from_hash(&hash) };
    let route = RwSignal::new(if leave_for(first, here, state) { default } else { first });
    // Anchors inside a view (`#/prosedur/5.1` -> `#/prosedur/5.2`) keep the same route: only a
    // change of view re-renders the page, so the view can scroll to its anchor itself.
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = Route::from_hash(&current_hash());
        if route.get_untracked() != next && !leave_for(next, here, state) {
            route.set(next);
        }
    });
    on_cleanup(move || handle.remove());

    // Keep <html lang> in step with the language setting.
    effect(move || {
        let code = state.settings.with(|s| s.lang.code());
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = el.set_attribute("lang", code);
        }
    });

    view! {
        <Header route=route here=here />
        <super::storage::NoticeBanner />
        <main id="main" class="main" tabindex="-1">
            {move || views(route.get())}
        </main>
    }
}

/// The agent's page's views (the binary `oot-triage-web`).
pub fn agent_views(route: Route) -> AnyView {
    match route {
        Route::Procedure => view! { <super::procedure::ProcedureView /> }.into_any(),
        Route::History => view! { <super::history::HistoryView /> }.into_any(),
        Route::Settings => view! { <super::settings_view::SettingsView /> }.into_any(),
        // The other routes live on the trainer's page, which `App` has already gone to.
        _ => view! { <super::check::CheckView /> }.into_any(),
    }
}

/// The trainer's page's views (the binary `oot-triage-tools`).
pub fn tools_views(route: Route) -> AnyView {
    match route {
        Route::Batch => view! { <super::batch::BatchView /> }.into_any(),
        Route::Rulebook => view! { <super::rulebook_view::RulebookView /> }.into_any(),
        // The other routes live on the agent's page, which `App` has already gone to.
        _ => view! { <super::trainer::TrainerView /> }.into_any(),
    }
}

/// The header: fixed markup from `markup::header`, set again when the language changes, with
/// the current route's link marked and one click handler for the skip link, the language
/// toggle and links to the other page.
#[component]
fn Header(route: RwSignal<Route>, here: Page) -> impl IntoView {
    let state = use_state();
    let holder = NodeRef::<leptos::html::Header>::new();
    effect(move || {
        let lang = state.lang();
        let current = route.get();
        let Some(root) = holder.get() else {
            return;
        };
        dom::set_html_in(&root, lang.code(), || {
            let hrefs: Vec<String> = Route::ALL.iter().map(|r| r.href(here)).collect();
            let links: Vec<NavLink> = Route::ALL
                .iter()
                .zip(&hrefs)
                .map(|(r, href)| NavLink { slug: r.slug(), href, label: r.label(lang) })
                .collect();
            markup::header::html(&links, lang == Lang::En)
        });
        for r in Route::ALL {
            if let Ok(Some(link)) = root.query_selector(&format!("a[data-route=\"{}\"]", r.slug())) {
                let _ = if r == current { link.set_attribute("aria-current", "page") } else { link.remove_attribute("aria-current") };
            }
        }
    });
    let on_click = move |e: leptos::ev::MouseEvent| {
        match dom::action_of(&e).map(|(a, _)| a).as_deref() {
            Some("skip") => {
                e.prevent_default();
                dom::focus_id("main");
                return;
            }
            Some("lang") => {
                state.settings.update(|s| s.lang = if s.lang == Lang::Id { Lang::En } else { Lang::Id });
                return;
            }
            _ => {}
        }
        // A plain click on a link to the other page hands the paste box over; a new tab or
        // window starts empty.
        let slug = dom::target(&e)
            .and_then(|t| t.closest("a[data-route]").ok().flatten())
            .and_then(|a| a.get_attribute("data-route"));
        let Some(r) = slug.and_then(|slug| Route::ALL.into_iter().find(|r| r.slug() == slug)) else {
            return;
        };
        let plain = e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key());
        if plain && r.page() != here && open_page(&r.href(here), false, state) {
            e.prevent_default();
        }
    };
    view! { <header class="topbar" node_ref=holder on:click=on_click></header> }
}
