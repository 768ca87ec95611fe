//! The rulebook test bench: before an edited or imported rulebook replaces the one in force, it
//! is parsed and validated, run over its own examples, and run side by side with the current
//! book over a bench of example cases (every rule example of both books, plus any labelled cases
//! the caller adds), listing every decision that would change.
//!
//! A candidate is refused, with what is wrong and where, when it is not a valid rulebook (bad
//! JSON, unknown fields, bad window, duplicate ids, ...: `Rulebook::from_json`) or when it breaks
//! its own examples (`Rulebook::check_examples`). Decision changes on the bench are not a
//! refusal: they are what the team lead must look at before accepting.
//!
//! Pure like the rest of the engine: no I/O, no clock, no UI. It owns no rule logic; every
//! decision comes from `classify::classify_thread`.
use super::classify::classify_thread;
use super::model::{Case, Category, Channel, Decision, Message, Verdict};
use super::rulebook::{Example, ExampleFailure, Rulebook, RulebookError};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;

/// Where a bench case comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// Example `index` (0-based) of a rule's `match` (`must_match: true`) or `no_match` list.
    RuleExample {
        rule: String,
        must_match: bool,
        index: usize,
    },
    /// A labelled case (e.g. from the trainer's library), by id.
    Case { id: String },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Source::RuleExample {
                rule,
                must_match,
                index,
            } => {
                let kind = if *must_match { "match" } else { "no_match" };
                write!(f, "{rule} {kind}[{index}]")
            }
            Source::Case { id } => write!(f, "case {id}"),
        }
    }
}

/// One thread the bench classifies with both books.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchCase {
    pub source: Source,
    /// The case as one line, for the report.
    pub label: String,
    pub channel: Channel,
    pub thread: Vec<Message>,
    /// The message to compare; `None` compares every message of the thread.
    pub target: Option<String>,
}

/// What a book decided for one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub decision: Decision,
    pub category: Option<Category>,
    /// The rule that decided (for the report; not part of the comparison).
    pub rule: Option<String>,
}

impl Outcome {
    fn of(v: &Verdict) -> Outcome {
        let rule = v
            .reasons
            .iter()
            .find(|r| r.decisive)
            .or(v.reasons.first())
            .map(|r| r.rule.clone());
        Outcome {
            decision: v.decision,
            category: v.category,
            rule,
        }
    }
    /// Same decision and category (what an agent would do differently).
    fn same_decision(&self, other: &Outcome) -> bool {
        self.decision == other.decision && self.category == other.category
    }
}

/// One message whose decision differs between the current book and the candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionChange {
    pub source: Source,
    pub label: String,
    /// The message id inside the case's thread.
    pub message: String,
    pub before: Option<Outcome>,
    pub after: Option<Outcome>,
}

/// The bench's answer for an acceptable candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchReport {
    /// How many cases (threads) were run with both books.
    pub cases_run: usize,
    /// How many messages were compared.
    pub messages_compared: usize,
    pub changes: Vec<DecisionChange>,
}

/// One of the candidate's own examples that it breaks, with the JSON path of the example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenExample {
    /// E.g. `rules[4].examples.match[1]`.
    pub path: String,
    pub failure: ExampleFailure,
}

/// Why a candidate rulebook was refused. The current book stays in force.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Not a valid rulebook: bad JSON, unknown field, invalid value... (`from_json`'s error).
    Invalid(RulebookError),
    /// Valid, but some of its own examples do not behave as it says.
    BrokenExamples(Vec<BrokenExample>),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Refusal::Invalid(e) => write!(f, "invalid rulebook: {e}"),
            Refusal::BrokenExamples(list) => {
                write!(f, "the rulebook breaks {} of its own examples", list.len())?;
                for b in list {
                    let want = if b.failure.expected_match {
                        "must match"
                    } else {
                        "must not match"
                    };
                    write!(
                        f,
                        "; {}: rule `{}` {want} \"{}\" (got {})",
                        b.path, b.failure.rule, b.failure.example, b.failure.got
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// The bench cases made of a book's rule examples, each compared on its target message.
pub fn rule_example_cases(book: &Rulebook) -> Vec<BenchCase> {
    let mut out = Vec::new();
    for rule in &book.rules {
        for (must_match, list) in [(true, &rule.examples.must_match), (false, &rule.examples.no_match)] {
            for (index, ex) in list.iter().enumerate() {
                let (channel, thread, target) = ex.to_thread();
                out.push(BenchCase {
                    source: Source::RuleExample {
                        rule: rule.id.clone(),
                        must_match,
                        index,
                    },
                    label: ex.label(),
                    channel,
                    thread,
                    target: Some(target),
                });
            }
        }
    }
    out
}

/// Bench cases made of labelled cases (messages given; cases with only a paste are skipped,
/// since the bench compares rulebooks, not the paste parser). Every message is compared.
pub fn labelled_cases(cases: &[Case]) -> Vec<BenchCase> {
    cases
        .iter()
        .filter(|c| !c.messages.is_empty())
        .map(|c| {
            let mut thread = c.messages.clone();
            for (i, m) in thread.iter_mut().enumerate() {
                if m.id.is_empty() {
                    m.id = (i + 1).to_string();
                }
            }
            let label = thread.iter().map(|m| m.text.as_str()).collect::<Vec<_>>().join(" | ");
            BenchCase {
                source: Source::Case { id: c.id.clone() },
                label,
                channel: c.channel.unwrap_or_default(),
                thread,
                target: None,
            }
        })
        .collect()
}

/// What makes two bench cases the same: channel, (author, text) of each message, target.
type ThreadKey = (Channel, Vec<(Option<String>, String)>, Option<String>);

/// The bench for a candidate: the rule examples of the built-in book, of the current book and of
/// the candidate (each distinct thread once), then `extra` labelled cases.
pub fn bench_cases(current: &Rulebook, candidate: &Rulebook, extra: &[Case]) -> Vec<BenchCase> {
    let builtin = Rulebook::builtin();
    let mut seen: HashSet<ThreadKey> = HashSet::new();
    let mut out = Vec::new();
    let all = rule_example_cases(&builtin)
        .into_iter()
        .chain(rule_example_cases(current))
        .chain(rule_example_cases(candidate))
        .chain(labelled_cases(extra));
    for case in all {
        let key = (
            case.channel,
            case.thread
                .iter()
                .map(|m| (m.author.clone(), m.text.clone()))
                .collect::<Vec<_>>(),
            case.target.clone(),
        );
        if seen.insert(key) {
            out.push(case);
        }
    }
    out
}

/// Runs both books over the bench and lists every message whose decision or category differs.
pub fn compare(current: &Rulebook, candidate: &Rulebook, cases: &[BenchCase]) -> BenchReport {
    let mut changes = Vec::new();
    let mut messages_compared = 0;
    for case in cases {
        let before = classify_thread(current, case.channel, &case.thread);
        let after = classify_thread(candidate, case.channel, &case.thread);
        for m in &case.thread {
            if case.target.as_ref().is_some_and(|t| *t != m.id) {
                continue;
            }
            let b = before.iter().find(|v| v.message == m.id).map(Outcome::of);
            let a = after.iter().find(|v| v.message == m.id).map(Outcome::of);
            messages_compared += 1;
            let same = match (&b, &a) {
                (Some(b), Some(a)) => b.same_decision(a),
                (None, None) => true,
                _ => false,
            };
            if !same {
                changes.push(DecisionChange {
                    source: case.source.clone(),
                    label: case.label.clone(),
                    message: m.id.clone(),
                    before: b,
                    after: a,
                });
            }
        }
    }
    BenchReport {
        cases_run: cases.len(),
        messages_compared,
        changes,
    }
}

/// The JSON path of the example a failure is about, found by rule id and example label.
fn example_path(book: &Rulebook, failure: &ExampleFailure) -> String {
    let Some((i, rule)) = book.rules.iter().enumerate().find(|(_, r)| r.id == failure.rule) else {
        return format!("rules[{}]", failure.rule);
    };
    let (kind, list) = if failure.expected_match {
        ("match", &rule.examples.must_match)
    } else {
        ("no_match", &rule.examples.no_match)
    };
    match list.iter().position(|e: &Example| e.label() == failure.example) {
        Some(j) => format!("rules[{i}].examples.{kind}[{j}]"),
        None => format!("rules[{i}].examples.{kind}"),
    }
}

/// Whether a rulebook given as JSON text may be put in force at all: it must be a valid book and
/// keep its own examples. Used before the bench, and for a stored book at start-up (an engine
/// update may have changed what its examples do).
pub fn admit(candidate_json: &str) -> Result<Rulebook, Refusal> {
    let candidate = Rulebook::from_json(candidate_json).map_err(Refusal::Invalid)?;
    let failures = candidate.check_examples();
    if !failures.is_empty() {
        let broken = failures
            .into_iter()
            .map(|f| BrokenExample {
                path: example_path(&candidate, &f),
                failure: f,
            })
            .collect();
        return Err(Refusal::BrokenExamples(broken));
    }
    Ok(candidate)
}

/// Checks a candidate book given as JSON text against the book in force. `Ok` carries the parsed
/// candidate and the bench report (the caller shows the changes and asks before applying);
/// `Err` says why it must be refused ([`admit`]). `extra` adds labelled cases to the bench.
pub fn evaluate(current: &Rulebook, candidate_json: &str, extra: &[Case]) -> Result<(Rulebook, BenchReport), Refusal> {
    let candidate = admit(candidate_json)?;
    let cases = bench_cases(current, &candidate, extra);
    let report = compare(current, &candidate, &cases);
    Ok((candidate, report))
}
