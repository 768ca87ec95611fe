//! The invariants of ARCHITECTURE.md, checked on the source text so they stay true: the engine
//! (and the plain data beside it) imports no web crate and does no I/O, web crates are wasm32
//! dependencies only, `main.rs` and `tools_main.rs` only mount, and every module opens with a `//!` doc. This test
//! reads files; it must not depend on what any module does.

use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every `.rs` file under `dir`, recursively, plus `dir.rs` beside it when there is one.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let beside = dir.with_extension("rs");
    if beside.is_file() {
        out.push(beside);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The lines of a file that are code, not comments.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

/// Whether `line` uses `name` as a path segment (so `Written::Instant` is not `Instant::now`).
fn mentions(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + name.len()..].chars().next();
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

#[test]
fn engine_and_plain_data_import_no_web_crate_and_do_no_io() {
    let forbidden = [
        "leptos", "web_sys", "js_sys", "gloo_storage", "gloo_timers", "gloo", "wasm_bindgen",
        "wasm_bindgen_futures", "std::fs", "std::io", "std::net", "std::process", "std::env",
        "std::thread", "SystemTime", "Instant::now",
    ];
    let src = Path::new(ROOT).join("src");
    let mut files = rust_files(&src.join("engine"));
    files.extend(rust_files(&src.join("markup")));
    for plain in ["settings.rs", "history.rs", "perf.rs"] {
        if src.join(plain).is_file() {
            files.push(src.join(plain));
        }
    }
    assert!(files.len() > 3, "found too few engine files: {files:?}");
    let mut hits = Vec::new();
    for f in &files {
        for (n, line) in code_lines(f) {
            for word in forbidden {
                if mentions(&line, word) {
                    hits.push(format!("{}:{n}: {word}: {}", f.display(), line.trim()));
                }
            }
        }
    }
    assert!(hits.is_empty(), "the pure core must stay pure:\n{}", hits.join("\n"));
}

#[test]
fn web_crates_are_wasm32_dependencies_only() {
    let manifest = fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap_or_default();
    let mut section = String::new();
    let mut misplaced = Vec::new();
    for line in manifest.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            section = t.to_string();
            continue;
        }
        let name = t.split(['=', ' ']).next().unwrap_or("");
        let web = ["leptos", "web-sys", "js-sys", "gloo-storage", "gloo-timers", "wasm-bindgen", "wasm-bindgen-futures"];
        if web.contains(&name) && section.contains("dependencies") && !section.contains("wasm32") {
            misplaced.push(format!("{name} in {section}"));
        }
    }
    assert!(misplaced.is_empty(), "web crates outside the wasm32 dependencies: {misplaced:?}");
}

#[test]
fn main_only_mounts_the_app() {
    // One binary per page: the agent's (src/main.rs) and the trainer's (src/tools_main.rs).
    for file in ["src/main.rs", "src/tools_main.rs"] {
        let main = fs::read_to_string(Path::new(ROOT).join(file)).unwrap_or_default();
        assert!(main.contains("app::mount("), "{file} should mount the app");
        assert!(!main.contains("#[component]") && !main.contains("view!"), "components belong in the library (src/ui/)");
        assert!(main.lines().count() <= 30, "{file} grew beyond mounting");
    }
}

#[test]
fn every_module_opens_with_a_doc_comment() {
    let missing: Vec<String> = rust_files(&Path::new(ROOT).join("src"))
        .into_iter()
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "modules without a //! doc saying what they own: {missing:?}");
}
