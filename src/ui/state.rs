//! Shared application state, provided once as context by `App`. Plain values wrapped in signals;
//! engine types never hold signals themselves.
use crate::engine::check::Overall;
use crate::engine::rulebook::Rulebook;
use crate::engine::Channel;
use crate::history::History;
use crate::settings::{Lang, Notice, Settings};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    /// The user's settings (language, default channel, multi window, history on/off).
    pub settings: RwSignal<Settings>,
    /// The rulebook in force.
    pub rulebook: RwSignal<Rulebook>,
    /// The text in the main paste box (other views set it to open a case there).
    pub paste: RwSignal<String>,
    /// The channel the agent chose, or `None` to follow the parser's guess.
    pub channel: RwSignal<Option<Channel>>,
    /// The checked cases kept in this browser (empty and unused when history is off).
    pub history: RwSignal<History>,
    /// The latest finished check, published by the check screen; the history recorder in `App`
    /// keeps it once its verdict has stood for a moment (see `ui::history`).
    pub last_checked: RwSignal<Option<LastChecked>>,
    /// What the app had to reset or could not save (storage faults), shown in a banner.
    pub notices: RwSignal<Vec<Notice>>,
}

/// One finished check as the history needs it: the text, its headline verdict and the channel
/// the agent chose (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct LastChecked {
    pub text: String,
    pub overall: Overall,
    pub channel: Option<Channel>,
}

impl AppState {
    pub fn lang(&self) -> Lang {
        self.settings.with(|s| s.lang)
    }
}

/// The state provided by `App`. Every view is rendered inside `App`, so it is always there.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

/// Shorthand for a bilingual text that follows the language setting.
pub fn tr(id: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let state = use_state();
    move || state.lang().pick(id, en)
}

/// `Effect::new` for an effect that keeps no value between runs. Leptos builds a separate async
/// task for every effect closure type; boxing the closure makes all such effects share one, which
/// keeps about 1 KB of wasm per effect off the page.
pub fn effect(f: impl FnMut() + 'static) {
    let mut f: Box<dyn FnMut()> = Box::new(f);
    Effect::new(move |_| f());
}
