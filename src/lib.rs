//! oot-triage: tells a Telkom social-media agent whether a case needs a reply under
//! IN.OCC.TELK.W-21. `engine` is the pure core; `settings` is plain data; `markup` is the views'
//! fixed HTML; `ui` (wasm32 only) is the Leptos page, a thin layer over the engine.
pub mod engine;
pub mod settings;
pub mod perf;
pub mod history;
pub mod markup;
#[cfg(target_arch = "wasm32")]
pub mod ui;
