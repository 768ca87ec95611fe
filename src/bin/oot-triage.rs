//! The native command line, a thin shell over the engine:
//! - `oot-triage classify [FILE]` reads cases (JSONL, FILE or standard input) and writes one
//!   verdict object per case to standard output, exactly as SPEC.md's "CLI contract" says;
//! - `oot-triage score [FILE]` scores the engine against labelled cases (default: the shared
//!   dev set) and prints the figures, the confusion table and every mistake.
//!
//! All deciding happens in `oot_triage::engine`; this file only reads, writes and sets the exit
//! code (non-zero only when the input cannot be read at all).

use oot_triage::engine::check::classify_case;
use oot_triage::engine::rulebook::Rulebook;
use oot_triage::engine::score::{render, score_jsonl};
use oot_triage::engine::{Case, Verdict};
use serde::Serialize;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
oot-triage: does a Telkom social-media case need a reply under IN.OCC.TELK.W-21?

USAGE:
    oot-triage classify [FILE]   classify cases; FILE is JSONL (or '-' / omitted: standard input)
    oot-triage score [FILE]      score the engine on labelled cases (default: the shared dev set)
    oot-triage --help            show this help

CLASSIFY
    Each input line is one case: {\"id\", \"channel\": \"twitter\"|\"facebook\", \"messages\": [{\"id\",
    \"author\", \"time\", \"text\", \"conversation\"}]} or {\"id\", \"channel\", \"paste\": \"raw text\"}.
    Each output line is {\"id\", \"verdicts\": [{\"message\", \"decision\", \"category\", \"note\",
    \"sociomedia\", \"reasons\", \"primary\"}]}, one verdict per message:
      decision   reply (Perlu dijawab) | no_reply (Tidak perlu dijawab) | review (Periksa manual)
                 | context (a brand/agent message)
      category   troll | multi | kuis | promo | null
      note       [Troll/Iseng] [Multi tweet] [Multi Post] [Kuis] [Promo] | null
      sociomedia Category Lainnya, Product/Sub Product Out Of Topic, Reply Type OOT Reply (no_reply)
      reasons    every rule that fired: rule id, W-21 clause, evidence (byte offsets into the
                 message text), why (Indonesian), why_en, decisive (the rule that decided)
      primary    true for the message to answer (the first of a burst, or a lone case)
    A line that is not a valid case gives {\"line\": N, \"error\": \"...\"} and the run goes on.
    The exit code is non-zero only when the input cannot be read.

SCORE
    Prints no-reply recall, false-OOT rate, note exactness and review share (review counts as
    reply), the expected-by-given table, and each mistake with its text and reasons.
";

/// One output line: a case's verdicts.
#[derive(Serialize)]
struct CaseOut<'a> {
    id: &'a str,
    verdicts: &'a [Verdict],
}

/// One output line for an input line that is not a case.
#[derive(Serialize)]
struct LineError {
    line: usize,
    error: String,
}

fn read_input(path: Option<&str>) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match path {
        None | Some("-") => {
            io::stdin().lock().read_to_end(&mut buf)?;
        }
        Some(p) => {
            buf = std::fs::read(p)?;
        }
    }
    Ok(buf)
}

fn classify(path: Option<&str>) -> ExitCode {
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "oot-triage: cannot read {}: {e}",
                path.unwrap_or("standard input")
            );
            return ExitCode::from(2);
        }
    };
    let book = Rulebook::builtin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        // A stray invalid byte spoils only its own line's text, never the run.
        let line = String::from_utf8_lossy(raw);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // Typed output keeps SPEC's field order (id, verdicts; message, decision, ...).
        let text = match serde_json::from_str::<Case>(line) {
            Ok(case) => {
                let (_, _, verdicts) = classify_case(&book, &case, None);
                serde_json::to_string(&CaseOut {
                    id: &case.id,
                    verdicts: &verdicts,
                })
            }
            Err(e) => serde_json::to_string(&LineError {
                line: i + 1,
                error: e.to_string(),
            }),
        };
        let text =
            text.unwrap_or_else(|e| format!("{{\"line\": {}, \"error\": \"{}\"}}", i + 1, e));
        if writeln!(out, "{text}").is_err() {
            // The reader went away (e.g. `| head`): stop quietly.
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}

fn score(path: Option<&str>) -> ExitCode {
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/cases/dev.jsonl");
    let p = path.unwrap_or(default);
    let bytes = match read_input(Some(p)) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("oot-triage: cannot read {p}: {e}");
            return ExitCode::from(2);
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let report = score_jsonl(&Rulebook::builtin(), &text);
    print!("{}", render(&report));
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let first = args.first().map(String::as_str);
    match first {
        Some("classify") => classify(args.get(1).map(String::as_str)),
        Some("score") => score(args.get(1).map(String::as_str)),
        Some("-h") | Some("--help") | Some("help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        None => {
            eprint!("{HELP}");
            ExitCode::from(2)
        }
        Some(other) => {
            eprintln!("oot-triage: unknown command `{other}`\n");
            eprint!("{HELP}");
            ExitCode::from(2)
        }
    }
}
