//! The command line as SPEC.md's CLI contract describes it: one verdict object per case on
//! standard output, an error object for a malformed line (and the run goes on), a non-zero exit
//! only when the input cannot be read, and `--help`.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_oot-triage"))
}

fn run_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const INPUT: &str = r#"{"id": "a", "channel": "twitter", "messages": [{"id": "1", "author": "@andi", "time": "2025-01-01T08:00:00Z", "text": "@IndiHome internet mati dari pagi"}, {"id": "2", "author": "@andi", "time": "2025-01-01T08:03:00Z", "text": "@IndiHome halo min??"}]}
this is not json
{"id": "b", "channel": "facebook", "messages": [{"id": "1", "text": "Admin cantik, minta pin bbm dong"}]}

{"id": "c", "channel": "twitter", "paste": "min boleh minta pin bbm adminnya?"}
"#;

#[test]
fn classify_writes_one_verdict_object_per_case_and_an_error_for_a_bad_line() {
    let (code, out, _) = run_stdin(&["classify"], INPUT);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "a");
    let v = &lines[0]["verdicts"];
    assert_eq!(v[0]["message"], "1");
    assert_eq!(v[0]["decision"], "reply");
    assert_eq!(v[0]["category"], serde_json::Value::Null);
    assert_eq!(v[0]["note"], serde_json::Value::Null);
    assert_eq!(v[0]["sociomedia"], serde_json::Value::Null);
    assert_eq!(v[0]["primary"], true);
    assert_eq!(v[1]["decision"], "no_reply");
    assert_eq!(v[1]["category"], "multi");
    assert_eq!(v[1]["note"], "[Multi tweet]");
    assert_eq!(v[1]["sociomedia"]["category"], "Lainnya");
    assert_eq!(v[1]["sociomedia"]["product"], "Out Of Topic");
    assert_eq!(v[1]["sociomedia"]["sub_product"], "Out Of Topic");
    assert_eq!(v[1]["sociomedia"]["reply_type"], "OOT Reply");
    let reason = &v[1]["reasons"][0];
    assert_eq!(reason["rule"], "multi.burst");
    assert_eq!(reason["clause"], "5.1");
    assert!(reason["why"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(reason["evidence"].is_array());
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(lines[2]["verdicts"][0]["note"], "[Troll/Iseng]");
    assert_eq!(lines[3]["id"], "c");
    assert_eq!(lines[3]["verdicts"][0]["note"], "[Troll/Iseng]");
}

#[test]
fn classify_reads_a_file_argument() {
    let dir = std::env::temp_dir().join(format!("oot-triage-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("cases.jsonl");
    std::fs::write(&path, INPUT).expect("write cases");
    let out = bin().arg("classify").arg(&path).output().expect("run");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn classify_fails_only_when_the_input_cannot_be_read() {
    let out = bin()
        .args(["classify", "/nonexistent/cases.jsonl"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    // Garbage input is still readable: every line gets an error object, exit code 0.
    let (code, out, _) = run_stdin(&["classify", "-"], "\u{1}\u{2}\n[1,2]\n");
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2);
    assert!(out.lines().all(|l| l.contains("\"error\"")));
}

#[test]
fn help_explains_the_commands() {
    let out = bin().arg("--help").output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for word in [
        "classify",
        "score",
        "no_reply",
        "review",
        "[Multi tweet]",
        "evidence",
    ] {
        assert!(text.contains(word), "help mentions {word}");
    }
    let out = bin().arg("frobnicate").output().expect("run");
    assert!(!out.status.success());
}

#[test]
fn score_prints_the_figures_for_a_labelled_file() {
    let (code, out, _) = run_stdin(&["score", "-"], INPUT);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("no-reply recall") && out.contains("false-OOT rate"),
        "{out}"
    );
}
