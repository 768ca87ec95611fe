//! The trainer's page (tools.html): training, batch audit and the rulebook. Trunk builds this
//! binary for wasm32 (Trunk.tools.toml); the agent's page is `src/main.rs` (see `ui::app`).
#[cfg(target_arch = "wasm32")]
fn main() {
    use oot_triage::ui::app;
    console_error_panic_hook::set_once();
    app::mount(app::Page::Tools, app::tools_views);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("oot-triage-tools is the browser app's trainer page; build it with `bash scripts/build.sh` (see README.md).");
    std::process::exit(2);
}
