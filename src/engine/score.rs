//! Scoring the engine against labelled cases (the `expect` of the case format): the quality
//! figures the project is held to, a per-category confusion table, and the list of mistakes.
//! Used by `oot-triage score` and by `tests/quality.rs`.
//!
//! Figures, with `review` counted as "reply" (a person looks, nobody is ignored):
//! - no-reply recall: labelled no-reply messages the engine marked no_reply;
//! - false-OOT rate: labelled reply messages the engine marked no_reply (the worst error);
//! - note exactness: of the labelled no-reply messages marked no_reply, those with the exact note;
//! - review share: messages the engine sent to review.
//!
//! Must not: read files (callers pass the JSONL text) or print.

use super::check::classify_case;
use super::model::*;
use super::rulebook::Rulebook;
use crate::engine::order;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The headline figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Customer messages with an expectation.
    pub messages: usize,
    pub labelled_reply: usize,
    pub labelled_no_reply: usize,
    /// Labelled no-reply, marked no_reply.
    pub caught: usize,
    /// Labelled reply, marked no_reply.
    pub false_oot: usize,
    /// Labelled no-reply, marked no_reply with the exact note.
    pub note_exact: usize,
    /// Marked review.
    pub review: usize,
}

impl Figures {
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.labelled_no_reply == 0 {
            1.0
        } else {
            Self::ratio(self.caught, self.labelled_no_reply)
        }
    }
    pub fn false_oot_rate(&self) -> f64 {
        Self::ratio(self.false_oot, self.labelled_reply)
    }
    pub fn note_exactness(&self) -> f64 {
        if self.caught == 0 {
            1.0
        } else {
            Self::ratio(self.note_exact, self.caught)
        }
    }
    pub fn review_share(&self) -> f64 {
        Self::ratio(self.review, self.messages)
    }
}

/// One message the engine got wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    pub case: String,
    pub message: String,
    pub text: String,
    /// `reply` or the expected note.
    pub expected: String,
    /// `reply`, `review` or the note given.
    pub got: String,
    /// Rule ids that fired, the deciding one first, with their explanation.
    pub reasons: Vec<(String, String)>,
}

/// The result of scoring a JSONL text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub figures: Figures,
    /// (expected label, given label) -> count.
    pub confusion: BTreeMap<(String, String), usize>,
    pub mistakes: Vec<Mistake>,
    /// Lines that could not be read: (line number, error).
    pub errors: Vec<(usize, String)>,
    pub cases: usize,
}

fn given_label(v: &Verdict) -> String {
    match v.decision {
        Decision::NoReply => v.note.clone().unwrap_or_else(|| "no_reply".into()),
        Decision::Review => "review".into(),
        Decision::Context => "context".into(),
        Decision::Reply => "reply".into(),
    }
}

/// Scores every case of a JSONL text that carries `expect`.
pub fn score_jsonl(book: &Rulebook, text: &str) -> Report {
    let mut r = Report::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = match serde_json::from_str(line) {
            Ok(c) => c,
            Err(e) => {
                r.errors.push((i + 1, e.to_string()));
                continue;
            }
        };
        let Some(expect) = case.expect.clone() else {
            continue;
        };
        r.cases += 1;
        let (_, messages, verdicts) = classify_case(book, &case, None);
        for v in &verdicts {
            let Some(e) = expect.get(&v.message) else {
                continue;
            };
            if v.decision == Decision::Context {
                continue;
            }
            let f = &mut r.figures;
            f.messages += 1;
            let exp_label = if e.reply {
                "reply".to_string()
            } else {
                e.note.clone().unwrap_or_else(|| "no_reply".into())
            };
            let got = given_label(v);
            *r.confusion
                .entry((exp_label.clone(), got.clone()))
                .or_default() += 1;
            if v.decision == Decision::Review {
                f.review += 1;
            }
            let marked_no = v.decision == Decision::NoReply;
            let wrong = if e.reply {
                f.labelled_reply += 1;
                if marked_no {
                    f.false_oot += 1;
                }
                marked_no
            } else {
                f.labelled_no_reply += 1;
                if marked_no {
                    f.caught += 1;
                    if v.note == e.note {
                        f.note_exact += 1;
                        false
                    } else {
                        true
                    }
                } else {
                    true
                }
            };
            if wrong {
                let text = messages
                    .iter()
                    .find(|m| m.id == v.message)
                    .map(|m| m.text.clone())
                    .unwrap_or_default();
                r.mistakes.push(Mistake {
                    case: case.id.clone(),
                    message: v.message.clone(),
                    text,
                    expected: exp_label,
                    got,
                    reasons: v
                        .reasons
                        .iter()
                        .map(|x| {
                            (
                                format!("{}{}", if x.decisive { "*" } else { "" }, x.rule),
                                x.why.clone(),
                            )
                        })
                        .collect(),
                });
            }
        }
    }
    r
}

/// The report as plain text: figures, the confusion table, then every mistake.
pub fn render(r: &Report) -> String {
    let f = &r.figures;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "cases {}  messages {}  (reply {}, no-reply {})",
        r.cases, f.messages, f.labelled_reply, f.labelled_no_reply
    );
    let mut metric = |label: &str, value: f64, num: usize, den: usize, target: &str| {
        let _ = writeln!(s, "{label:<18}{value:.3}  ({num}/{den})   target {target}");
    };
    metric(
        "no-reply recall",
        f.recall(),
        f.caught,
        f.labelled_no_reply,
        ">= 0.85",
    );
    metric(
        "false-OOT rate",
        f.false_oot_rate(),
        f.false_oot,
        f.labelled_reply,
        "<= 0.02",
    );
    metric(
        "note exactness",
        f.note_exactness(),
        f.note_exact,
        f.caught,
        ">= 0.98",
    );
    metric(
        "review share",
        f.review_share(),
        f.review,
        f.messages,
        "<= 0.15",
    );
    let mut rows: Vec<String> = Vec::new();
    let mut cols: Vec<String> = Vec::new();
    for (e, g) in r.confusion.keys() {
        if !rows.contains(e) {
            rows.push(e.clone());
        }
        if !cols.contains(g) {
            cols.push(g.clone());
        }
    }
    let order = [
        "reply",
        "review",
        "[Troll/Iseng]",
        "[Multi tweet]",
        "[Multi Post]",
        "[Kuis]",
        "[Promo]",
    ];
    let key = |x: &String| order.iter().position(|o| o == x).unwrap_or(order.len());
    order::sort_by_key(&mut rows, key);
    order::sort_by_key(&mut cols, key);
    let _ = writeln!(s, "\nexpected \\ given");
    let _ = write!(s, "{:<16}", "");
    for c in &cols {
        let _ = write!(s, "{:>15}", c);
    }
    let _ = writeln!(s);
    for row in &rows {
        let _ = write!(s, "{:<16}", row);
        for c in &cols {
            let n = r
                .confusion
                .get(&(row.clone(), c.clone()))
                .copied()
                .unwrap_or(0);
            let _ = write!(
                s,
                "{:>15}",
                if n == 0 {
                    ".".to_string()
                } else {
                    n.to_string()
                }
            );
        }
        let _ = writeln!(s);
    }
    if !r.errors.is_empty() {
        let _ = writeln!(s, "\nunreadable lines:");
        for (l, e) in &r.errors {
            let _ = writeln!(s, "  line {l}: {e}");
        }
    }
    let _ = writeln!(s, "\nmistakes: {}", r.mistakes.len());
    for m in &r.mistakes {
        let _ = writeln!(
            s,
            "- {} #{}: expected {}, got {}",
            m.case, m.message, m.expected, m.got
        );
        let _ = writeln!(s, "    {}", m.text.replace('\n', " "));
        for (rule, why) in &m.reasons {
            let _ = writeln!(s, "    {rule}: {why}");
        }
    }
    s
}
