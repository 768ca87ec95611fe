//! The agent's page (index.html): check, procedure, history and settings. Trunk builds this
//! binary for wasm32; the trainer's page is `src/tools_main.rs` (see `ui::app`).
#[cfg(target_arch = "wasm32")]
fn main() {
    use oot_triage::ui::app;
    console_error_panic_hook::set_once();
    app::mount(app::Page::Agent, app::agent_views);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("oot-triage-web is the browser app; build it with `bash scripts/build.sh` (see README.md).");
    std::process::exit(2);
}
