//! The browser half of the engine benchmark: `perf_run`, exported to JavaScript, times one
//! workload of `crate::perf` with `performance.now()` inside the shipped wasm build, so
//! `tests/e2e/bench.mjs` can set it beside the native figures. Built with the `perf-hook`
//! feature, which only the trainer's page (tools.html) turns on: the engine is the same code in
//! both pages' wasm, and the agent's page stays free of the hook and the case-file reader. It renders nothing and must not
//! touch the page, the app state or storage.
use crate::engine::rulebook::Rulebook;
use crate::perf::{build_workload, measure};
use wasm_bindgen::prelude::*;

/// Times `samples` samples of the workload `name` ("single", "thread50", "batch100k") built from
/// `dev_jsonl` (the text of a case file), each at least `min_sample_ms` long. Returns the
/// measurement as JSON text, or an error message for a bad name or case file.
#[wasm_bindgen]
pub fn perf_run(dev_jsonl: &str, name: &str, samples: u32, min_sample_ms: f64) -> Result<String, JsValue> {
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or_else(|| JsValue::from_str("performance.now() is not available"))?;
    let workload = build_workload(dev_jsonl, name).map_err(|e| JsValue::from_str(&e))?;
    let mut clock = move || performance.now();
    let m = measure(&Rulebook::builtin(), &workload, samples, min_sample_ms, &mut clock);
    serde_json::to_string(&m).map_err(|e| JsValue::from_str(&e.to_string()))
}
