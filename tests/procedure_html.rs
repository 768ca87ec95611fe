//! Runs the procedure view's HTML builder natively. The UI module only builds for wasm32, so
//! the file is included by path; its own `#[cfg(test)]` tests run here.
#[path = "../src/ui/procedure/html.rs"]
#[allow(dead_code)]
mod html;
