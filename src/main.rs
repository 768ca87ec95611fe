//! The browser entry point: mounts the Leptos app. Trunk builds this binary for wasm32.
#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(oot_triage::ui::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("oot-triage-web is the browser app; build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
