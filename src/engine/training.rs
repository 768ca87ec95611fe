//! The trainer's example library and the scoring of a practice round.
//!
//! The library is data (`training.json`, compiled in): cases written by the project for every
//! no-reply category and for real cases that only look like no-reply, each with the expected
//! verdict per message and a short bilingual explanation tied to a W-21 clause. This module
//! parses and checks that data, picks the examples of a practice round, grades a trainee's
//! answer and sums a round up into "what to review".
//!
//! It owns no rules: what the tool itself says about an example always comes from
//! `classify::classify_thread`, so the trainer can never teach something the engine does not do
//! without the disagreement showing. Like the rest of the engine it does no I/O and reads no
//! clock; the caller passes the seed of a round.

use super::classify::classify_thread;
use super::model::*;
use super::normalize::lower_char;
use super::rulebook::Rulebook;
use crate::engine::order;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The library shipped with the app.
pub const LIBRARY_JSON: &str = include_str!("training.json");

/// What an example teaches: one of the four no-reply categories, or `Reply` for a real case that
/// looks like no-reply (an insult with an outage, a promo question, a competitor mention with an
/// IndiHome complaint, ...). Scores are kept per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Troll,
    Multi,
    Kuis,
    Promo,
    Reply,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Troll,
        Group::Multi,
        Group::Kuis,
        Group::Promo,
        Group::Reply,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::Troll => "troll",
            Group::Multi => "multi",
            Group::Kuis => "kuis",
            Group::Promo => "promo",
            Group::Reply => "reply",
        }
    }

    pub fn parse(s: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// The no-reply category this group teaches (`None` for the real-case lookalikes).
    pub fn category(self) -> Option<Category> {
        match self {
            Group::Troll => Some(Category::Troll),
            Group::Multi => Some(Category::Multi),
            Group::Kuis => Some(Category::Kuis),
            Group::Promo => Some(Category::Promo),
            Group::Reply => None,
        }
    }

    /// Indonesian and English names, for score tables.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Group::Troll => ("Troll/Iseng", "Troll/Iseng"),
            Group::Multi => ("Multi Tweet / Multi Post", "Multi Tweet / Multi Post"),
            Group::Kuis => ("Kuis", "Kuis (quiz)"),
            Group::Promo => ("Promo", "Promo"),
            Group::Reply => (
                "Mirip OOT, tapi perlu dijawab",
                "Looks OOT, but needs a reply",
            ),
        }
    }
}

/// A text in both languages of the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Bilingual {
    pub id: String,
    pub en: String,
}

/// What to review when a trainee gets a group wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInfo {
    pub group: Group,
    pub clause: String,
    pub review: Bilingual,
}

/// One example case of the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub id: String,
    pub group: Group,
    pub channel: Channel,
    /// The W-21 clause the explanation is tied to (`5.1`, `5.2` or `5.3`).
    pub clause: String,
    /// Shorthand for a case of one message with no metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<Message>,
    /// The id of the message the trainee judges (the case's other messages are context).
    #[serde(default = "default_ask")]
    pub ask: String,
    /// Expected outcome per message id, as in the case format; brand messages have no entry.
    pub expect: BTreeMap<String, Expect>,
    pub title: Bilingual,
    pub explanation: Bilingual,
    /// Which lookalike this is (`insult-with-outage`, `promo-question`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

fn default_ask() -> String {
    "1".to_string()
}

impl Example {
    /// The messages of the case, ids filled in ("1", "2", ... where missing).
    pub fn thread(&self) -> Vec<Message> {
        let mut messages = if self.messages.is_empty() {
            vec![Message {
                text: self.text.clone().unwrap_or_default(),
                ..Default::default()
            }]
        } else {
            self.messages.clone()
        };
        for (i, m) in messages.iter_mut().enumerate() {
            if m.id.is_empty() {
                m.id = (i + 1).to_string();
            }
        }
        messages
    }

    /// The example as a case of the case format (for the CLI, the main screen and tests).
    pub fn to_case(&self) -> Case {
        Case {
            id: self.id.clone(),
            channel: Some(self.channel),
            messages: self.thread(),
            paste: None,
            expect: Some(self.expect.clone()),
        }
    }

    /// The position of the asked message in `thread()`.
    pub fn ask_index(&self) -> Option<usize> {
        self.thread().iter().position(|m| m.id == self.ask)
    }

    /// The right answer for the asked message.
    pub fn expected_answer(&self) -> Answer {
        match self.expect.get(&self.ask) {
            Some(e) if !e.reply => {
                let note = e.note.clone().unwrap_or_default();
                let category = Category::ALL
                    .into_iter()
                    .find(|c| c.note(self.channel) == note);
                Answer {
                    reply: false,
                    category,
                    note,
                }
            }
            _ => Answer {
                reply: true,
                category: None,
                note: String::new(),
            },
        }
    }

    /// What the tool says about every message of the example, in thread order.
    pub fn tool_verdicts(&self, book: &Rulebook) -> Vec<Verdict> {
        classify_thread(book, self.channel, &self.thread())
    }

    /// The tool's verdict on the asked message.
    pub fn tool_verdict(&self, book: &Rulebook) -> Option<Verdict> {
        let idx = self.ask_index()?;
        self.tool_verdicts(book).into_iter().nth(idx)
    }

    /// Where the tool disagrees with the example's expected outcome, one entry per message.
    /// Empty when they agree. A "review" where a reply is expected is listed too, marked
    /// `conservative`: SPEC.md allows a manual look when signals conflict, so it is a weaker
    /// disagreement than a wrong decision.
    pub fn disagreements(&self, book: &Rulebook) -> Vec<Disagreement> {
        let thread = self.thread();
        let verdicts = self.tool_verdicts(book);
        let mut out = Vec::new();
        for (i, m) in thread.iter().enumerate() {
            let Some(want) = self.expect.get(&m.id) else {
                continue;
            };
            let got = verdicts.get(i);
            let ok = match got {
                Some(v) if want.reply => v.decision == Decision::Reply,
                Some(v) => v.decision == Decision::NoReply && v.note == want.note,
                None => false,
            };
            if ok {
                continue;
            }
            let expected = if want.reply {
                "reply".to_string()
            } else {
                format!("no_reply {}", want.note.clone().unwrap_or_default())
            };
            let engine = match got {
                Some(v) => format!(
                    "{} {}",
                    v.decision.as_str(),
                    v.note.clone().unwrap_or_default()
                )
                .trim()
                .to_string(),
                None => "no verdict".to_string(),
            };
            out.push(Disagreement {
                example: self.id.clone(),
                message: m.id.clone(),
                expected,
                engine,
                conservative: want.reply && got.is_some_and(|v| v.decision == Decision::Review),
            });
        }
        out
    }
}

/// One message where the engine and an example differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub example: String,
    pub message: String,
    pub expected: String,
    pub engine: String,
    /// The engine asked for a manual look where a reply is expected (allowed, but worth a note).
    pub conservative: bool,
}

impl std::fmt::Display for Disagreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} message {}: expected {}, engine said {}{}",
            self.example,
            self.message,
            self.expected,
            self.engine,
            if self.conservative {
                " (conservative)"
            } else {
                ""
            }
        )
    }
}

/// The whole library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub version: u32,
    pub w21: String,
    pub groups: Vec<GroupInfo>,
    pub examples: Vec<Example>,
}

/// The clauses of W-21 §5 an example may point to.
pub const CLAUSES: [&str; 3] = ["5.1", "5.2", "5.3"];

impl Library {
    /// The library compiled into the app.
    pub fn builtin() -> Result<Library, String> {
        Library::parse(LIBRARY_JSON)
    }

    pub fn parse(json: &str) -> Result<Library, String> {
        serde_json::from_str(json).map_err(|e| format!("training library: {e}"))
    }

    pub fn group_info(&self, group: Group) -> Option<&GroupInfo> {
        self.groups.iter().find(|g| g.group == group)
    }

    pub fn get(&self, id: &str) -> Option<&Example> {
        self.examples.iter().find(|e| e.id == id)
    }

    /// Everything wrong with the library as data, one line per problem (empty when it is sound):
    /// duplicate ids, unknown clauses, an asked message without an expectation, notes that are not
    /// the exact W-21 note for the channel, expectations for messages that do not exist, and a
    /// group whose examples do not expect what the group teaches.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        for g in Group::ALL {
            if self.group_info(g).is_none() {
                problems.push(format!("group {} has no review text", g.as_str()));
            }
        }
        for ex in &self.examples {
            if !seen.insert(ex.id.as_str()) {
                problems.push(format!("{}: duplicate id", ex.id));
            }
            if !CLAUSES.contains(&ex.clause.as_str()) {
                problems.push(format!("{}: unknown clause {}", ex.id, ex.clause));
            }
            if ex.text.is_some() != ex.messages.is_empty() {
                problems.push(format!("{}: needs exactly one of text or messages", ex.id));
            }
            for (label, b) in [("title", &ex.title), ("explanation", &ex.explanation)] {
                if b.id.trim().is_empty() || b.en.trim().is_empty() {
                    problems.push(format!("{}: {label} needs Indonesian and English", ex.id));
                }
            }
            let thread = ex.thread();
            let ids: BTreeSet<&str> = thread.iter().map(|m| m.id.as_str()).collect();
            if ids.len() != thread.len() {
                problems.push(format!("{}: duplicate message ids", ex.id));
            }
            for (id, e) in &ex.expect {
                if !ids.contains(id.as_str()) {
                    problems.push(format!("{}: expectation for missing message {id}", ex.id));
                }
                match (&e.note, e.reply) {
                    (Some(_), true) => problems.push(format!(
                        "{}: message {id} has a note but needs a reply",
                        ex.id
                    )),
                    (None, false) => problems.push(format!(
                        "{}: message {id} needs no reply but has no note",
                        ex.id
                    )),
                    (Some(n), false) if !Category::ALL.iter().any(|c| c.note(ex.channel) == n) => {
                        problems.push(format!(
                            "{}: message {id}: {n} is not a W-21 note on {}",
                            ex.id,
                            ex.channel.as_str()
                        ))
                    }
                    _ => {}
                }
            }
            if !ex.expect.contains_key(&ex.ask) {
                problems.push(format!(
                    "{}: the asked message {} has no expectation",
                    ex.id, ex.ask
                ));
            }
            // A no-reply group must ask about a message of its own category; the lookalikes
            // must ask about a message that needs a reply.
            let want = ex.expected_answer();
            match ex.group.category() {
                Some(c) if !want.reply && want.category != Some(c) => problems.push(format!(
                    "{}: group {} but the asked message expects {}",
                    ex.id,
                    ex.group.as_str(),
                    want.note
                )),
                None if !want.reply => problems.push(format!(
                    "{}: a reply example must ask about a message that needs a reply",
                    ex.id
                )),
                _ => {}
            }
        }
        problems
    }

    /// The examples of a practice round: `n` of them (all when `n` is 0 or larger than the
    /// pool), from the chosen groups (all groups when empty), shuffled by `seed` and interleaved
    /// so that every group comes up early. The same seed gives the same round.
    pub fn round(&self, groups: &[Group], seed: u64, n: usize) -> Vec<usize> {
        let mut rng = SplitMix(seed);
        let mut buckets: Vec<Vec<usize>> = Group::ALL
            .into_iter()
            .filter(|g| groups.is_empty() || groups.contains(g))
            .map(|g| {
                let mut v: Vec<usize> = self
                    .examples
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.group == g)
                    .map(|(i, _)| i)
                    .collect();
                rng.shuffle(&mut v);
                v
            })
            .filter(|v| !v.is_empty())
            .collect();
        rng.shuffle(&mut buckets);
        let total: usize = buckets.iter().map(Vec::len).sum();
        let n = if n == 0 || n > total { total } else { n };
        let mut out = Vec::with_capacity(n);
        let mut depth = 0;
        while out.len() < n {
            for b in &buckets {
                if let Some(&i) = b.get(depth) {
                    if out.len() < n {
                        out.push(i);
                    }
                }
            }
            depth += 1;
        }
        out
    }
}

/// A small deterministic generator (SplitMix64), enough to shuffle a round.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// A trainee's answer for the asked message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Answer {
    /// True for "Perlu dijawab".
    pub reply: bool,
    /// The category chosen for a no-reply answer.
    pub category: Option<Category>,
    /// The note as the trainee typed it; W-21 §5.3 wants it exact.
    pub note: String,
}

/// One thing the trainee got wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mistake {
    /// Said "no reply" to a real case: the worst error, a customer left ignored.
    MissedReply,
    /// Said "reply" to a case that needs none: costs an agent a minute.
    NeedlessReply,
    /// No reply was right, but the category was not.
    WrongCategory {
        expected: Option<Category>,
        given: Option<Category>,
    },
    /// The note is not exactly the W-21 note. `close` is true when only case, spacing or
    /// brackets differ (or the other channel's multi note was used).
    WrongNote {
        expected: String,
        given: String,
        close: bool,
    },
}

/// The grade of one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub decision_ok: bool,
    pub category_ok: bool,
    pub note_ok: bool,
    pub mistakes: Vec<Mistake>,
}

impl Grade {
    pub fn correct(&self) -> bool {
        self.mistakes.is_empty()
    }
}

/// A note reduced to its letters, for telling "almost right" from "wrong".
fn loose_note(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(lower_char)
        .collect();
    // `[Multi tweet]` on Facebook and `[Multi Post]` on Twitter are close misses too.
    s.replace("multipost", "multi")
        .replace("multitweet", "multi")
}

/// Grades an answer against the example's expected outcome for the asked message.
pub fn grade(example: &Example, answer: &Answer) -> Grade {
    let want = example.expected_answer();
    let mut mistakes = Vec::new();
    if want.reply != answer.reply {
        mistakes.push(if want.reply {
            Mistake::MissedReply
        } else {
            Mistake::NeedlessReply
        });
        return Grade {
            decision_ok: false,
            category_ok: false,
            note_ok: false,
            mistakes,
        };
    }
    if want.reply {
        return Grade {
            decision_ok: true,
            category_ok: true,
            note_ok: true,
            mistakes,
        };
    }
    let category_ok = want.category == answer.category;
    if !category_ok {
        mistakes.push(Mistake::WrongCategory {
            expected: want.category,
            given: answer.category,
        });
    }
    let given = answer.note.trim();
    let note_ok = given == want.note;
    if !note_ok {
        let close = !given.is_empty() && loose_note(given) == loose_note(&want.note);
        mistakes.push(Mistake::WrongNote {
            expected: want.note.clone(),
            given: given.to_string(),
            close,
        });
    }
    Grade {
        decision_ok: true,
        category_ok,
        note_ok,
        mistakes,
    }
}

/// Running counts for one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub asked: u32,
    pub correct: u32,
    pub decision_ok: u32,
    pub category_ok: u32,
    pub note_ok: u32,
    /// Real cases the trainee would have left unanswered.
    pub missed_replies: u32,
}

impl Tally {
    fn add(&mut self, g: &Grade) {
        self.asked += 1;
        self.correct += g.correct() as u32;
        self.decision_ok += g.decision_ok as u32;
        self.category_ok += g.category_ok as u32;
        self.note_ok += g.note_ok as u32;
        self.missed_replies += g.mistakes.contains(&Mistake::MissedReply) as u32;
    }
}

/// The answers of a practice round so far.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Scorecard {
    pub answers: Vec<(String, Group, Grade)>,
}

/// One line of "what to review" at the end of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    pub group: Group,
    pub clause: String,
    pub text: Bilingual,
    /// The examples answered wrongly, in the order they were asked.
    pub examples: Vec<String>,
    pub missed_replies: u32,
    /// True when every error in this group was only the exact wording of the note (§5.3).
    pub notes_only: bool,
}

/// The end-of-round summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub asked: u32,
    pub correct: u32,
    pub per_group: Vec<(Group, Tally)>,
    /// Worst first: groups where a real case was left unanswered, then by share of errors.
    pub review: Vec<ReviewItem>,
}

impl Scorecard {
    pub fn record(&mut self, example: &Example, grade: Grade) {
        self.answers
            .push((example.id.clone(), example.group, grade));
    }

    pub fn tally(&self, group: Group) -> Tally {
        let mut t = Tally::default();
        for (_, g, grade) in &self.answers {
            if *g == group {
                t.add(grade);
            }
        }
        t
    }

    /// The tallies of the groups asked so far, in `Group::ALL` order.
    pub fn tallies(&self) -> Vec<(Group, Tally)> {
        Group::ALL
            .into_iter()
            .map(|g| (g, self.tally(g)))
            .filter(|(_, t)| t.asked > 0)
            .collect()
    }

    pub fn summary(&self, library: &Library) -> Summary {
        let per_group = self.tallies();
        let mut review: Vec<ReviewItem> = per_group
            .iter()
            .filter(|(_, t)| t.correct < t.asked)
            .map(|(g, t)| {
                let wrong: Vec<&Grade> = self
                    .answers
                    .iter()
                    .filter(|(_, gg, gr)| gg == g && !gr.correct())
                    .map(|(_, _, gr)| gr)
                    .collect();
                let notes_only = wrong.iter().all(|gr| {
                    gr.mistakes
                        .iter()
                        .all(|m| matches!(m, Mistake::WrongNote { .. }))
                });
                let info = library.group_info(*g);
                ReviewItem {
                    group: *g,
                    clause: if notes_only {
                        "5.3".to_string()
                    } else {
                        info.map(|i| i.clause.clone())
                            .unwrap_or_else(|| "5.1".into())
                    },
                    text: info.map(|i| i.review.clone()).unwrap_or_default(),
                    examples: self
                        .answers
                        .iter()
                        .filter(|(_, gg, gr)| gg == g && !gr.correct())
                        .map(|(id, _, _)| id.clone())
                        .collect(),
                    missed_replies: t.missed_replies,
                    notes_only,
                }
            })
            .collect();
        // Missed replies first (the costliest error), then the larger share of errors.
        let share = |i: &ReviewItem| {
            let t = self.tally(i.group);
            (t.asked - t.correct) as f64 / t.asked.max(1) as f64
        };
        order::sort_by(&mut review, |a, b| {
            b.missed_replies
                .cmp(&a.missed_replies)
                .then(share(b).total_cmp(&share(a)))
                .then(a.group.cmp(&b.group))
        });
        Summary {
            asked: self.answers.len() as u32,
            correct: self.answers.iter().filter(|(_, _, g)| g.correct()).count() as u32,
            per_group,
            review,
        }
    }
}
