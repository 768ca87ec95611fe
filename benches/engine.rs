//! The native engine benchmark (`cargo bench --bench engine`, or `bash scripts/bench.sh`): times
//! the workloads of `oot_triage::perf` built from the dev cases and prints medians, messages per
//! second and MB per second. It also writes `target/bench/native.json`, which the browser bench
//! (`tests/e2e/bench.mjs`) reads to report the wasm build as a ratio of native.
//!
//! Options (after `--`): `--cases FILE` (default `../shared/cases/dev.jsonl`), `--samples N`
//! (default 7), `--min-sample-ms MS` (default 50), `--only NAME`.

use oot_triage::engine::rulebook::Rulebook;
use oot_triage::perf::{build_workload, measure, sample_paste, WORKLOADS};
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut cases = format!("{root}/../shared/cases/dev.jsonl");
    let mut samples = 7u32;
    let mut min_sample_ms = 50.0;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--cases" => cases = value()?,
            "--samples" => samples = value()?.parse().map_err(|e| format!("--samples: {e}"))?,
            "--min-sample-ms" => min_sample_ms = value()?.parse().map_err(|e| format!("--min-sample-ms: {e}"))?,
            "--only" => only = Some(value()?),
            // cargo bench passes --bench to every bench binary; there is nothing else to filter.
            _ => {}
        }
    }
    let dev = std::fs::read_to_string(&cases).map_err(|e| format!("cannot read {cases}: {e}"))?;
    let book = Rulebook::builtin();
    let start = Instant::now();
    let mut clock = move || start.elapsed().as_secs_f64() * 1000.0;

    println!("engine benchmark, native ({}), cases from {cases}", std::env::consts::ARCH);
    println!("{:<10} {:>8} {:>10} {:>12} {:>14} {:>9}", "workload", "messages", "bytes", "median ms", "messages/s", "MB/s");
    let mut results = Vec::new();
    let mut pastes = serde_json::Map::new();
    for name in WORKLOADS {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let w = build_workload(&dev, name)?;
        if let Some(p) = sample_paste(&w) {
            pastes.insert(name.to_string(), p.into());
        }
        let m = measure(&book, &w, samples, min_sample_ms, &mut clock);
        println!(
            "{:<10} {:>8} {:>10} {:>12.4} {:>14.0} {:>9.2}",
            m.workload, m.messages, m.bytes, m.median_ms, m.messages_per_sec, m.mb_per_sec
        );
        results.push(m);
    }

    let out_dir = format!("{root}/target/bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {out_dir}: {e}"))?;
    let report = serde_json::json!({
        "target": "native",
        "arch": std::env::consts::ARCH,
        "cases": cases,
        "samples": samples,
        "min_sample_ms": min_sample_ms,
        "results": results,
        "pastes": pastes,
    });
    let path = format!("{out_dir}/native.json");
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {path}: {e}"))?;
    println!("wrote {path}");
    Ok(())
}
