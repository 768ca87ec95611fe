//! Runs the check view's pure presentation helpers natively. The UI module only builds for
//! wasm32, so the file is included by path; its own `#[cfg(test)]` tests run here.
#[path = "../src/ui/check/present.rs"]
#[allow(dead_code)]
mod present;
