//! The browser UI (wasm32 only): Leptos components that render what the engine decides. No rule
//! logic lives here; anything worth testing natively belongs in `engine` or `settings`.
pub mod app;
pub mod state;
pub mod check;
pub mod procedure;
pub mod history;
pub mod settings_view;
pub mod rulebook_view;
pub mod trainer;
pub mod batch;
pub mod storage;
pub mod handoff;
pub mod dom;
#[cfg(feature = "perf-hook")]
pub mod perf;
