//! Build script: writes the built-in rulebook (`src/engine/rulebook.json`, laid out for people
//! to read and edit) without its insignificant whitespace to `OUT_DIR/rulebook.min.json`, which
//! `engine::rulebook::BUILTIN_JSON` includes: the wasm carries about 1 KB (gzip) less. The text
//! of strings is copied exactly; `tests/engine_rulebook.rs` checks that both files hold the same
//! JSON value.
use std::{env, fs, path::Path};

fn main() {
    let source = "src/engine/rulebook.json";
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("cannot read {source}: {e}"));
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    let dir = env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR is not set: {e}"));
    let target = Path::new(&dir).join("rulebook.min.json");
    fs::write(&target, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}
