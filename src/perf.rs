//! Benchmark workloads and the timing loop, shared by the native bench (`benches/engine.rs`) and
//! the browser bench (`ui::perf`, called from `tests/e2e/bench.mjs`) so both measure exactly the
//! same work through the same engine entry points. It owns only measurement: it must not hold
//! rules, and it reads no clock or file itself (callers pass the case text and a clock), so it
//! stays as pure as the engine and builds for both targets.

use crate::engine::order;
use crate::engine::check::{check_paste, classify_case};
use crate::engine::rulebook::Rulebook;
use crate::engine::{Case, Decision, Message};
use serde::Serialize;

/// A fixed "now" (2025-06-01T00:00:00Z) anchors relative times, so runs are repeatable.
pub const NOW: i64 = 1_748_736_000;

/// The names of the workloads, in report order.
pub const WORKLOADS: [&str; 3] = ["single", "thread50", "batch100k"];

/// The messages in the big batch workload.
pub const BATCH_MESSAGES: usize = 100_000;

/// What one workload feeds the engine.
#[derive(Debug, Clone)]
pub enum Work {
    /// Texts as an agent pastes them, each checked with `check_paste` (parser + rules).
    Pastes(Vec<String>),
    /// Cases of the case format, each classified with `classify_case`.
    Cases(Vec<Case>),
}

/// A named workload and its size, for messages/second and MB/second.
#[derive(Debug, Clone)]
pub struct Workload {
    pub name: &'static str,
    pub work: Work,
    /// Messages the engine classifies in one pass.
    pub messages: usize,
    /// Bytes of message text (or pasted text) in one pass.
    pub bytes: usize,
}

/// The timings of one workload.
#[derive(Debug, Clone, Serialize)]
pub struct Measurement {
    pub workload: String,
    pub messages: usize,
    pub bytes: usize,
    /// Passes per timed sample: cheap workloads repeat so each sample is long enough to time
    /// with a coarse clock (the browser's `performance.now()` is coarsened to ~0.1 ms).
    pub passes_per_sample: u32,
    /// Milliseconds per pass, one entry per sample.
    pub samples_ms: Vec<f64>,
    pub median_ms: f64,
    pub messages_per_sec: f64,
    pub mb_per_sec: f64,
    /// A digest of every decision made, so native and browser runs can be shown to agree.
    pub checksum: u32,
}

/// The labelled cases of a JSONL text that carry messages (lines that fail to parse, or carry
/// only a raw paste, are skipped: the benchmark needs known message counts).
pub fn cases_with_messages(jsonl: &str) -> Vec<Case> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<Case>(l).ok())
        .filter(|c| !c.messages.is_empty())
        .collect()
}

/// Renders a message as one line of a line-prefixed thread paste (`2025-01-01 10:01 @a: text`).
fn paste_line(m: &Message) -> String {
    let text = m.text.replace(['\r', '\n'], " ");
    let author = m.author.as_deref().unwrap_or("@pelanggan");
    match m.time.as_deref() {
        // RFC 3339 "2025-01-01T10:01:02Z" -> "2025-01-01 10:01".
        Some(t) if t.len() >= 16 && t.is_char_boundary(16) => {
            format!("{} {} {}: {}", &t[..10], &t[11..16], author, text)
        }
        _ => format!("{author}: {text}"),
    }
}

/// Builds one workload from the dev cases (`../shared/cases/dev.jsonl`):
/// - `single`: every message alone, as a lone pasted text with no metadata;
/// - `thread50`: the first 50 messages, in file order, pasted as one line-prefixed thread;
/// - `batch100k`: the cases repeated (with fresh ids) until they hold 100,000 messages.
pub fn build_workload(dev_jsonl: &str, name: &str) -> Result<Workload, String> {
    let cases = cases_with_messages(dev_jsonl);
    let messages: Vec<&Message> = cases.iter().flat_map(|c| c.messages.iter()).collect();
    if messages.is_empty() {
        return Err("the case file holds no messages".into());
    }
    match name {
        "single" => {
            let texts: Vec<String> = messages.iter().map(|m| m.text.clone()).collect();
            let bytes = texts.iter().map(String::len).sum();
            Ok(Workload { name: "single", messages: texts.len(), bytes, work: Work::Pastes(texts) })
        }
        "thread50" => {
            let lines: Vec<String> = messages.iter().cycle().take(50).map(|m| paste_line(m)).collect();
            let text = lines.join("\n");
            Ok(Workload { name: "thread50", messages: 50, bytes: text.len(), work: Work::Pastes(vec![text]) })
        }
        "batch100k" => {
            let mut batch = Vec::new();
            let mut total = 0;
            let mut round = 0;
            while total < BATCH_MESSAGES {
                for c in &cases {
                    if total >= BATCH_MESSAGES {
                        break;
                    }
                    let mut c = c.clone();
                    c.id = format!("{}#{round}", c.id);
                    c.expect = None;
                    // Trim the last case so the batch holds exactly BATCH_MESSAGES messages.
                    c.messages.truncate(BATCH_MESSAGES - total);
                    total += c.messages.len();
                    batch.push(c);
                }
                round += 1;
            }
            let bytes = batch.iter().flat_map(|c| c.messages.iter()).map(|m| m.text.len()).sum();
            Ok(Workload { name: "batch100k", messages: total, bytes, work: Work::Cases(batch) })
        }
        other => Err(format!("unknown workload {other:?} (known: {})", WORKLOADS.join(", "))),
    }
}

/// The paste text of a paste workload's first item (the bench pastes it into the page).
pub fn sample_paste(w: &Workload) -> Option<&str> {
    match &w.work {
        Work::Pastes(p) => p.first().map(String::as_str),
        Work::Cases(_) => None,
    }
}

fn digest(sum: u32, decision: Decision) -> u32 {
    let d = match decision {
        Decision::Reply => 1,
        Decision::NoReply => 2,
        Decision::Review => 3,
        Decision::Context => 4,
    };
    sum.wrapping_mul(31).wrapping_add(d)
}

/// Runs a workload once through the engine and returns the digest of its decisions.
pub fn run_once(book: &Rulebook, w: &Workload) -> u32 {
    let mut sum = 0u32;
    match &w.work {
        Work::Pastes(texts) => {
            for t in texts {
                for v in check_paste(book, t, None, Some(NOW)).verdicts {
                    sum = digest(sum, v.decision);
                }
            }
        }
        Work::Cases(cases) => {
            for c in cases {
                for v in classify_case(book, c, Some(NOW)).2 {
                    sum = digest(sum, v.decision);
                }
            }
        }
    }
    sum
}

/// The median of some samples (the mean of the middle two for an even count).
pub fn median(samples: &[f64]) -> f64 {
    let mut s = samples.to_vec();
    order::sort_by(&mut s, |a, b| a.total_cmp(b));
    match s.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

/// Times `samples` samples of a workload after one warm-up pass. Each sample repeats the
/// workload enough times to last about `min_sample_ms`. `clock` returns milliseconds.
pub fn measure(
    book: &Rulebook,
    w: &Workload,
    samples: u32,
    min_sample_ms: f64,
    clock: &mut dyn FnMut() -> f64,
) -> Measurement {
    let t0 = clock();
    let checksum = run_once(book, w);
    let warm = (clock() - t0).max(0.001);
    let passes = ((min_sample_ms / warm).ceil() as u32).clamp(1, 100_000);
    let mut times = Vec::with_capacity(samples as usize);
    for _ in 0..samples.max(1) {
        let start = clock();
        for _ in 0..passes {
            std::hint::black_box(run_once(book, std::hint::black_box(w)));
        }
        times.push((clock() - start) / passes as f64);
    }
    let median_ms = median(&times);
    let secs = median_ms / 1000.0;
    Measurement {
        workload: w.name.to_string(),
        messages: w.messages,
        bytes: w.bytes,
        passes_per_sample: passes,
        samples_ms: times,
        median_ms,
        messages_per_sec: w.messages as f64 / secs,
        mb_per_sec: w.bytes as f64 / 1e6 / secs,
        checksum,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEV: &str = concat!(
        r#"{"id":"a","channel":"twitter","messages":[{"id":"1","author":"@x","time":"2025-01-01T10:01:00Z","text":"indihome lemot"}]}"#,
        "\n",
        r#"{"id":"b","channel":"facebook","messages":[{"id":"1","text":"halo\nmin"},{"id":"2","text":"tolong"}]}"#,
        "\n",
        r#"{"id":"c","paste":"only a paste"}"#,
        "\nnot json\n"
    );

    #[test]
    fn single_workload_has_every_message_once() {
        let w = build_workload(DEV, "single").unwrap();
        assert_eq!(w.messages, 3);
        assert_eq!(w.bytes, "indihome lemot".len() + "halo\nmin".len() + "tolong".len());
    }

    #[test]
    fn thread_workload_is_fifty_prefixed_lines() {
        let w = build_workload(DEV, "thread50").unwrap();
        let text = sample_paste(&w).unwrap();
        assert_eq!(text.lines().count(), 50);
        assert_eq!(text.lines().next(), Some("2025-01-01 10:01 @x: indihome lemot"));
        assert_eq!(text.lines().nth(1), Some("@pelanggan: halo min"));
    }

    #[test]
    fn batch_workload_holds_exactly_the_batch_size() {
        let w = build_workload(DEV, "batch100k").unwrap();
        let Work::Cases(cases) = &w.work else { panic!("batch is cases") };
        assert_eq!(cases.iter().map(|c| c.messages.len()).sum::<usize>(), BATCH_MESSAGES);
        assert_eq!(w.messages, BATCH_MESSAGES);
    }

    #[test]
    fn unknown_workload_and_empty_input_are_errors() {
        assert!(build_workload(DEV, "nope").is_err());
        assert!(build_workload("", "single").is_err());
    }

    #[test]
    fn median_of_even_and_odd_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn measure_reports_rates_from_the_median() {
        let w = build_workload(DEV, "single").unwrap();
        let mut t = 0.0;
        // A fake clock that advances 1 ms per reading makes every sample 1 ms per pass.
        let mut clock = move || {
            t += 1.0;
            t
        };
        let m = measure(&Rulebook::builtin(), &w, 3, 0.5, &mut clock);
        assert_eq!(m.samples_ms.len(), 3);
        assert_eq!(m.median_ms, 1.0);
        assert_eq!(m.messages_per_sec, 3000.0);
        assert_eq!(m.checksum, run_once(&Rulebook::builtin(), &w));
    }
}
