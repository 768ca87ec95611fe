//! The W-21 rulebook as data: the document it implements (IN.OCC.TELK.W-21 rev 00), its
//! clauses, the word lists agents and team leaders edit (brand handles, products in scope, other
//! providers, quiz and promo markers, follow-up pings, ...), the multi window, and every rule
//! with its stable id, W-21 clause, category, patterns, Indonesian and English explanation and
//! examples that must and must not match.
//!
//! The default book is `rulebook.json`, compiled in (without its layout: `build.rs`). This
//! module parses (with the small `json` module; the shape lives in `codec`) and validates books
//! (with error messages that say where), serialises them back, runs every rule's
//! examples through the classifier (`check_examples`), and caches the compiled matcher that
//! `classify` uses so that callers can keep passing a plain `&Rulebook` around.
//!
//! It owns no classification logic (that is `classify` and its submodules) and does no I/O.

mod codec;

use super::classify;
use super::json;
use super::model::{Category, Channel, Message, Verdict};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The default rulebook, compiled into the binary: `rulebook.json` without its layout (written
/// by `build.rs`; the same JSON value).
pub const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rulebook.min.json"));

/// Ids of the rules the engine implements in code. A book must contain each of them (switch one
/// off with `"enabled": false` rather than deleting it) so every verdict can cite its rule.
/// Rules with `"detector": "phrases"` are the user's own and may use any other id.
pub const BUILTIN_RULE_IDS: &[&str] = &[
    "context.brand-author",
    "context.agent-signature",
    "kuis.hashtag",
    "kuis.answer",
    "kuis.invite-friends",
    "kuis.topic",
    "promo.selling",
    "promo.spam",
    "promo.shared-post",
    "troll.personal-contact",
    "troll.flirting",
    "troll.other-provider",
    "troll.off-topic",
    "troll.insult-only",
    "troll.peer-chatter",
    "troll.passing-mention",
    "troll.chitchat",
    "multi.burst",
    "reply.product-problem",
    "reply.service-request",
    "reply.addressed-to-brand",
    "reply.follow-up",
    "reply.competitor-mention",
    "reply.new-topic",
    "reply.after-brand-reply",
    "reply.default",
    "review.conflict",
];

/// The document this book implements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentInfo {
    /// Document code, e.g. `IN.OCC.TELK.W-21`.
    pub code: String,
    /// Revision of the document, e.g. `00`.
    pub revision: String,
    /// Title of the document.
    pub title: String,
    /// Date the document came into force (YYYY-MM-DD).
    pub effective: String,
}

/// One clause of W-21, in our words, for the procedure view and for reasons to link into.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Clause {
    /// Clause number as W-21 writes it, e.g. `5.1`.
    pub id: String,
    /// Short Indonesian title.
    pub title_id: String,
    /// Short English title.
    pub title_en: String,
    /// Indonesian text (our reading of the clause).
    pub text_id: String,
    /// English text.
    pub text_en: String,
}

/// The editable word lists. Every entry is a word or a phrase; matching is done on normalised
/// words (lower case, repeated letters squeezed, abbreviations expanded), so entries need no
/// spelling variants beyond real synonyms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lists {
    /// Twitter/X handles of Telkom's own accounts (with or without `@`, any case).
    pub brand_handles: Vec<String>,
    /// Handle prefixes that also mark an official account (e.g. regional `@IndiHome...` ones).
    pub brand_handle_prefixes: Vec<String>,
    /// Facebook page names of Telkom's own pages (any case).
    pub brand_page_names: Vec<String>,
    /// Telkom products and services in scope (product names).
    pub products_in_scope: Vec<String>,
    /// Generic things a customer's service consists of (internet, modem, bill, technician...).
    pub service_objects: Vec<String>,
    /// Other providers: a customer asking about their service is Troll/Iseng.
    pub other_providers: Vec<String>,
    /// Requests for an agent's personal contact or private life.
    pub personal_request_phrases: Vec<String>,
    /// Words that mark a quiz or giveaway.
    pub quiz_markers: Vec<String>,
    /// Pieces of hashtags that mark a quiz (`#KuisTelkomCare`, `#QuizKamis...`).
    pub quiz_hashtags: Vec<String>,
    /// Selling and advertising words.
    pub promo_markers: Vec<String>,
    /// Bare follow-up pings ("cek dm", "halo??", "tolong dibalas").
    pub follow_up_pings: Vec<String>,
    /// Words that report a fault or poor service (outage, slowness, errors).
    pub problem_words: Vec<String>,
    /// Words that judge the service badly without naming a fault (busuk, mahal, kecewa).
    pub negative_words: Vec<String>,
    /// Words of a service request (lapor, tagihan, pasang, pindah, teknisi, cek, tolong).
    pub service_words: Vec<String>,
    /// Words that address the agent (min, admin, kak, cs).
    pub agent_words: Vec<String>,
    /// First-person words (saya, aku, gue).
    pub first_person_words: Vec<String>,
    /// Words that turn a product name that follows them into a figure of speech
    /// ("kayak indihome", "serasa indihome", "anak indihome").
    pub figurative_words: Vec<String>,
    /// Words that say the problem is happening now or has lasted (lagi, dari tadi, sejak).
    pub presence_markers: Vec<String>,
    /// Words that say a request is still pending (masih belum, belum juga, hari ke).
    pub pending_markers: Vec<String>,
    /// Question words.
    pub question_words: Vec<String>,
    /// Signs that a tweet mentioning IndiHome is chatter rather than a complaint: laughter,
    /// praise, greetings and social talk (wkwk, mantap, selamat ulang tahun, iklan).
    pub chatter_markers: Vec<String>,
    /// Words with no content, ignored when comparing messages of a burst.
    pub stop_words: Vec<String>,
    /// Informal spellings and their normal form (`"tlg": "tolong"`, `"gabisa": "tidak bisa"`),
    /// sorted by spelling, each spelling once (as `json::read_string_map` reads them). A sorted
    /// list rather than a map: it is only read in order, and a map's code costs the web bundle.
    pub abbreviations: Vec<(String, String)>,
}

/// Examples of a rule: texts (or threads) on which it must fire, and ones on which it must not.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Examples {
    /// Written `match` in the JSON.
    pub must_match: Vec<Example>,
    pub no_match: Vec<Example>,
}

/// One example: a lone message (plain string), or a message on a given channel, or a thread in
/// which one message (`target`, by id; default the last) is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Example {
    Text(String),
    Case(ExampleCase),
}

/// The object form of an example.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExampleCase {
    pub channel: Option<Channel>,
    pub text: Option<String>,
    pub thread: Vec<Message>,
    pub target: Option<String>,
}

impl Example {
    /// A one-line description of the example for lists and failure reports.
    pub fn label(&self) -> String {
        match self {
            Example::Text(t) => t.clone(),
            Example::Case(c) => {
                if let Some(t) = &c.text {
                    return t.clone();
                }
                let target = c
                    .target
                    .clone()
                    .unwrap_or_else(|| c.thread.last().map(|m| m.id.clone()).unwrap_or_default());
                let parts: Vec<String> = c
                    .thread
                    .iter()
                    .map(|m| {
                        let mark = if m.id == target { "»" } else { "" };
                        format!("{}{}: {}", mark, m.author.as_deref().unwrap_or("?"), m.text)
                    })
                    .collect();
                parts.join(" | ")
            }
        }
    }

    /// The channel, the thread and the id of the message to check.
    pub fn to_thread(&self) -> (Channel, Vec<Message>, String) {
        match self {
            Example::Text(t) => (
                Channel::Twitter,
                vec![Message {
                    id: "1".into(),
                    text: t.clone(),
                    ..Default::default()
                }],
                "1".into(),
            ),
            Example::Case(c) => {
                let channel = c.channel.unwrap_or_default();
                if let Some(t) = &c.text {
                    return (
                        channel,
                        vec![Message {
                            id: "1".into(),
                            text: t.clone(),
                            ..Default::default()
                        }],
                        "1".into(),
                    );
                }
                let mut thread = c.thread.clone();
                for (i, m) in thread.iter_mut().enumerate() {
                    if m.id.is_empty() {
                        m.id = (i + 1).to_string();
                    }
                }
                let target = c
                    .target
                    .clone()
                    .unwrap_or_else(|| thread.last().map(|m| m.id.clone()).unwrap_or_default());
                (channel, thread, target)
            }
        }
    }
}

/// One rule of the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, `area.name`, e.g. `troll.personal-contact`.
    pub id: String,
    /// The W-21 clause it implements (must be one of the book's clauses).
    pub clause: String,
    /// The no-reply category it decides; `null` for rules that make a message need a reply,
    /// mark it as context, or ask for review.
    pub category: Option<Category>,
    /// Indonesian explanation, shown as the reason.
    pub why_id: String,
    /// English explanation.
    pub why_en: String,
    /// `null` for a rule built into the engine (its id names the detector); `"phrases"` for a
    /// rule of your own that fires when any of its `patterns` occurs.
    pub detector: Option<String>,
    /// Words or phrases the rule looks for (their meaning depends on the rule).
    pub patterns: Vec<String>,
    /// A numeric threshold, for rules that score (see each rule's explanation).
    pub threshold: Option<u32>,
    /// The lists of `lists` the rule reads, for the procedure view.
    pub uses: Vec<String>,
    /// A switched-off rule never fires.
    pub enabled: bool,
    /// Examples that must and must not make the rule fire.
    pub examples: Examples,
}

/// A problem with a rulebook: what is wrong and where (a JSON path, and line/column when the
/// JSON itself could not be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulebookError {
    /// Where: a JSON path such as `rules[3].examples.match[0]`, or `` for the whole book.
    pub path: String,
    /// Line and column in the JSON text, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for RulebookError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let place = if self.path.is_empty() {
            "rulebook".to_string()
        } else {
            self.path.clone()
        };
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{place} (line {l}, column {c}): {}", self.message),
            _ => write!(f, "{place}: {}", self.message),
        }
    }
}

impl std::error::Error for RulebookError {}

/// One example that did not behave as the book says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExampleFailure {
    /// The rule whose example failed.
    pub rule: String,
    /// The example, as one line of text.
    pub example: String,
    /// True when the rule should have fired, false when it should not have.
    pub expected_match: bool,
    /// What happened instead: the decision, category and the rules that fired.
    pub got: String,
}

/// A rule as the procedure view lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSummary {
    pub id: String,
    pub clause: String,
    pub category: Option<Category>,
    pub why_id: String,
    pub why_en: String,
    pub enabled: bool,
    pub must_match: Vec<String>,
    pub no_match: Vec<String>,
}

/// The compiled matcher cached inside a book. The cache remembers the stamp of the lists (new on
/// every mutable access, unique across the program) and a fingerprint of each rule's id,
/// detector, switch and patterns, and is rebuilt when either differs, so editing a public field
/// of a book or of a clone can never leave a stale matcher behind.
#[derive(Clone, Default)]
pub(crate) struct CompiledCache(Arc<Mutex<Option<CachedMatcher>>>);

/// The compiled matcher and the (lists stamp, rules fingerprint) it was built for.
type CachedMatcher = ((u64, u64), Arc<classify::Compiled>);

static STAMPS: AtomicU64 = AtomicU64::new(1);

fn next_stamp() -> u64 {
    STAMPS.fetch_add(1, Ordering::Relaxed)
}

/// A value that gets a new, program-wide unique stamp on every mutable access, so a cache built
/// from it can tell in O(1) whether it may have changed. It derefs to the value, compares,
/// and prints as the value, and a clone keeps the stamp (same content). Clones share the value
/// until one of them is changed (copy on write), so cloning a book does not copy its lists.
#[derive(Clone)]
pub struct Tracked<T> {
    inner: Arc<T>,
    stamp: u64,
}

impl<T> Tracked<T> {
    pub fn new(inner: T) -> Self {
        Tracked {
            inner: Arc::new(inner),
            stamp: next_stamp(),
        }
    }
    /// Changes whenever the value may have changed.
    pub fn stamp(&self) -> u64 {
        self.stamp
    }
    pub fn into_inner(self) -> T
    where
        T: Clone,
    {
        Arc::unwrap_or_clone(self.inner)
    }
}

impl<T> std::ops::Deref for Tracked<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T: Clone> std::ops::DerefMut for Tracked<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.stamp = next_stamp();
        Arc::make_mut(&mut self.inner)
    }
}

impl<T: PartialEq> PartialEq for Tracked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl<T: Eq> Eq for Tracked<T> {}

impl<T: fmt::Debug> fmt::Debug for Tracked<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl<T> From<T> for Tracked<T> {
    fn from(v: T) -> Self {
        Tracked::new(v)
    }
}

impl fmt::Debug for CompiledCache {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("CompiledCache")
    }
}

impl PartialEq for CompiledCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The rulebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Rulebook {
    /// Version of this book's format (1).
    pub format: u32,
    /// The document the book implements.
    pub document: DocumentInfo,
    /// The book's own edition, bumped whenever someone changes it.
    pub edition: u32,
    /// Multi window: the longest gap, in minutes, between two messages of one burst (1–60).
    pub multi_window_minutes: u32,
    /// The clauses of W-21.
    pub clauses: Vec<Clause>,
    /// The editable lists. Reads and writes go straight through (`book.lists.brand_handles`,
    /// `&mut book.lists` where a `&mut Lists` is expected); every mutable access is stamped so
    /// the compiled matcher knows to rebuild.
    pub lists: Tracked<Lists>,
    /// The rules, in the order the procedure view shows them.
    pub rules: Vec<Rule>,
    pub(crate) cache: CompiledCache,
}

static BUILTIN: OnceLock<Rulebook> = OnceLock::new();

impl Default for Rulebook {
    fn default() -> Self {
        Rulebook::builtin()
    }
}

impl Rulebook {
    /// The default rulebook compiled into the binary (parsed once, then cloned). The built-in
    /// JSON is checked by the test suite; should it ever fail to parse, the error is printed
    /// in the panic message.
    pub fn builtin() -> Rulebook {
        BUILTIN
            .get_or_init(|| {
                match Rulebook::parse(BUILTIN_JSON).and_then(|b| b.validate().map(|_| b)) {
                    Ok(b) => b,
                    Err(e) => {
                        panic!("the built-in rulebook src/engine/rulebook.json is invalid: {e}")
                    }
                }
            })
            .clone()
    }

    /// Parses and validates a rulebook. Unknown fields, invalid values, duplicate ids, rules
    /// without examples of both kinds and unknown clauses are rejected with the place.
    ///
    /// A book saved by an older version may lack a built-in rule added since: it is restored
    /// from the built-in book (switched on), so saved edits keep loading after an upgrade. To
    /// switch a rule off, set `"enabled": false`; deleting it only brings the default back.
    pub fn from_json(text: &str) -> Result<Rulebook, RulebookError> {
        let mut book = Rulebook::parse(text)?;
        let missing: Vec<&str> = BUILTIN_RULE_IDS
            .iter()
            .copied()
            .filter(|id| book.rule(id).is_none())
            .collect();
        if !missing.is_empty() {
            let builtin = Rulebook::builtin();
            for id in missing {
                if let Some(r) = builtin.rule(id) {
                    book.rules.push(r.clone());
                }
            }
        }
        book.validate()?;
        Ok(book)
    }

    /// Reads the JSON shape (no validation, no defaults). A syntax or shape error names its
    /// line, column and the path of the value it is in (`rules[3].threshold`).
    fn parse(text: &str) -> Result<Rulebook, RulebookError> {
        let value = json::parse(text).map_err(|e| {
            // A text that ends too early is wrong as a whole, not at one value.
            let path = if e.is_eof() { String::new() } else { json::path_string(&e.path) };
            let message = if e.message == "trailing characters" {
                "unexpected text after the rulebook object".to_string()
            } else {
                e.message
            };
            RulebookError {
                path,
                line: Some(e.line),
                column: Some(e.column),
                message,
            }
        })?;
        codec::read_rulebook(&value).map_err(|e| {
            let place = json::locate(text, &e.path).map(|at| json::line_col(text, at));
            RulebookError {
                path: e.path_string(),
                line: place.map(|(line, _)| line),
                column: place.map(|(_, column)| column),
                message: e.message,
            }
        })
    }

    /// The book as pretty JSON (the same shape `from_json` reads).
    pub fn to_json_pretty(&self) -> String {
        self.to_json_value().to_json_pretty()
    }

    /// The book as a JSON value (the shape `from_json` reads), for callers that adjust fields
    /// before writing it out.
    pub fn to_json_value(&self) -> json::Value {
        codec::rulebook_value(self)
    }

    /// Checks the values the JSON shape cannot express.
    pub fn validate(&self) -> Result<(), RulebookError> {
        self.problem().map_err(|(path, message)| RulebookError {
            path,
            line: None,
            column: None,
            message,
        })
    }

    /// The first problem `validate` reports: its path and its message.
    fn problem(&self) -> Result<(), (String, String)> {
        let fail = |path: &str, message: String| Err((path.to_string(), message));
        if self.format != 1 {
            return fail(
                "format",
                format!(
                    "unsupported rulebook format {}; this version reads format 1",
                    self.format
                ),
            );
        }
        if !(1..=60).contains(&self.multi_window_minutes) {
            return fail(
                "multi_window_minutes",
                format!(
                    "must be between 1 and 60 minutes, got {}",
                    self.multi_window_minutes
                ),
            );
        }
        if blank(&self.document.code) {
            return fail("document.code", "must not be empty".into());
        }
        let mut clause_ids = HashSet::new();
        for (i, c) in self.clauses.iter().enumerate() {
            let message = if blank(&c.id) {
                "must not be empty".into()
            } else if !clause_ids.insert(c.id.as_str()) {
                ticked("duplicate clause id ", &c.id, "")
            } else {
                continue;
            };
            return Err((format!("clauses[{i}].id"), message));
        }
        let mut ids = HashSet::new();
        for (i, r) in self.rules.iter().enumerate() {
            let fail = |field: &str, message: String| Err((format!("rules[{i}]{field}"), message));
            let id = r.id.as_str();
            if blank(id) || id.chars().any(char::is_whitespace) {
                return fail(
                    ".id",
                    ticked("rule id ", id, " must be non-empty and without spaces"),
                );
            }
            if !ids.insert(id) {
                return fail(".id", ticked("duplicate rule id ", id, ""));
            }
            if !clause_ids.contains(r.clause.as_str()) {
                return fail(
                    ".clause",
                    ticked(
                        "rule ",
                        id,
                        &ticked(" cites clause ", &r.clause, ", which is not in `clauses`"),
                    ),
                );
            }
            if blank(&r.why_id) || blank(&r.why_en) {
                return fail(
                    ".why_id",
                    ticked(
                        "rule ",
                        id,
                        " needs both an Indonesian and an English explanation",
                    ),
                );
            }
            if r.examples.must_match.is_empty() {
                return fail(
                    ".examples.match",
                    ticked("rule ", id, " needs at least one example that must match"),
                );
            }
            if r.examples.no_match.is_empty() {
                return fail(
                    ".examples.no_match",
                    ticked(
                        "rule ",
                        id,
                        " needs at least one example that must not match",
                    ),
                );
            }
            for (kind, list) in [
                ("match", &r.examples.must_match),
                ("no_match", &r.examples.no_match),
            ] {
                for (j, ex) in list.iter().enumerate() {
                    let bad = match ex {
                        Example::Text(t) => blank(t),
                        Example::Case(c) => match &c.text {
                            Some(t) => blank(t) || !c.thread.is_empty(),
                            None => c.thread.is_empty(),
                        },
                    };
                    if bad {
                        return fail(
                            &format!(".examples.{kind}[{j}]"),
                            "an example needs a non-empty `text` or a non-empty `thread` (not both)".into(),
                        );
                    }
                }
            }
            let builtin = BUILTIN_RULE_IDS.contains(&id);
            match r.detector.as_deref() {
                None if !builtin => {
                    return fail(
                        ".id",
                        ticked(
                            "",
                            id,
                            " is not a rule built into the engine; to define your own rule set \"detector\": \"phrases\" and list its patterns",
                        ),
                    );
                }
                None => {}
                Some("phrases") if builtin => {
                    return fail(
                        ".detector",
                        ticked(
                            "",
                            id,
                            " is a built-in rule and cannot be redefined as phrases",
                        ),
                    );
                }
                Some("phrases") if r.patterns.iter().all(|p| blank(p)) => {
                    return fail(
                        ".patterns",
                        ticked("phrase rule ", id, " needs at least one pattern"),
                    );
                }
                Some("phrases") => {}
                Some(other) => {
                    return fail(
                        ".detector",
                        ticked(
                            "unknown detector ",
                            other,
                            "; use \"phrases\" or leave it out",
                        ),
                    );
                }
            }
            for (j, u) in r.uses.iter().enumerate() {
                if !LIST_NAMES.contains(&u.as_str()) {
                    return fail(
                        &format!(".uses[{j}]"),
                        ticked("", u, " is not one of the lists"),
                    );
                }
            }
        }
        for id in BUILTIN_RULE_IDS {
            if !ids.contains(id) {
                return fail(
                    "rules",
                    ticked(
                        "the built-in rule ",
                        id,
                        " is missing; keep it and set \"enabled\": false to switch it off",
                    ),
                );
            }
        }
        Ok(())
    }

    /// Runs every example of every rule through the classifier and reports the ones that did
    /// not behave: a `match` example on which the rule did not fire, or a `no_match` example on
    /// which it did.
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        let mut out = Vec::new();
        for rule in &self.rules {
            if !rule.enabled {
                continue;
            }
            for (expected, list) in [
                (true, &rule.examples.must_match),
                (false, &rule.examples.no_match),
            ] {
                for ex in list {
                    let (channel, thread, target) = ex.to_thread();
                    let verdicts = classify::classify_thread(self, channel, &thread);
                    let v = verdicts.iter().find(|v| v.message == target);
                    let fired = v
                        .map(|v| v.reasons.iter().any(|r| r.rule == rule.id))
                        .unwrap_or(false);
                    if fired != expected {
                        out.push(ExampleFailure {
                            rule: rule.id.clone(),
                            example: ex.label(),
                            expected_match: expected,
                            got: describe(v),
                        });
                    }
                }
            }
        }
        out
    }

    /// The rules as the procedure view lists them.
    pub fn rule_summaries(&self) -> Vec<RuleSummary> {
        self.rules
            .iter()
            .map(|r| RuleSummary {
                id: r.id.clone(),
                clause: r.clause.clone(),
                category: r.category,
                why_id: r.why_id.clone(),
                why_en: r.why_en.clone(),
                enabled: r.enabled,
                must_match: r.examples.must_match.iter().map(Example::label).collect(),
                no_match: r.examples.no_match.iter().map(Example::label).collect(),
            })
            .collect()
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The clause with this id.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// `IN.OCC.TELK.W-21 rev 00`.
    pub fn document_label(&self) -> String {
        format!("{} rev {}", self.document.code, self.document.revision)
    }

    /// The multi window in minutes, clamped to 1–60 (a caller may have set it on a clone).
    pub fn window_minutes(&self) -> u32 {
        self.multi_window_minutes.clamp(1, 60)
    }

    pub fn brand_handles(&self) -> &[String] {
        &self.lists.brand_handles
    }
    pub fn products_in_scope(&self) -> &[String] {
        &self.lists.products_in_scope
    }
    pub fn other_providers(&self) -> &[String] {
        &self.lists.other_providers
    }
    pub fn personal_request_phrases(&self) -> &[String] {
        &self.lists.personal_request_phrases
    }
    pub fn quiz_markers(&self) -> &[String] {
        &self.lists.quiz_markers
    }
    pub fn quiz_hashtags(&self) -> &[String] {
        &self.lists.quiz_hashtags
    }
    pub fn promo_markers(&self) -> &[String] {
        &self.lists.promo_markers
    }
    pub fn follow_up_pings(&self) -> &[String] {
        &self.lists.follow_up_pings
    }

    /// True when `author` is one of Telkom's own accounts: a brand handle (any case, with or
    /// without `@`), a handle starting with a brand prefix, or a brand Facebook page name.
    pub fn is_brand_author(&self, author: &str) -> bool {
        self.compiled().is_brand_author(author)
    }

    /// True when a text ends with an agent's signature, as care accounts sign their replies
    /// ("... via DM ya. -Sari", "^RA"). The text must also sound like an agent (a courtesy
    /// phrase from `context.agent-signature`), so a customer who ends with "-Budi" is not
    /// mistaken for one.
    pub fn has_agent_signature(&self, text: &str) -> bool {
        classify::agent_signature(self, text).is_some()
    }

    /// The compiled matcher for this book (built once and cached; rebuilt when the lists or
    /// rules change).
    pub fn compiled(&self) -> Arc<classify::Compiled> {
        let mut guard = match self.cache.0.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let fp = self.fingerprint();
        if let Some((seen, compiled)) = guard.as_ref() {
            if *seen == fp {
                return compiled.clone();
            }
        }
        let compiled = Arc::new(classify::Compiled::new(self));
        *guard = Some((fp, compiled.clone()));
        compiled
    }

    /// What the compiled matcher depends on: the lists' stamp and a hash of each rule's id,
    /// detector, switch and patterns (a few hundred short strings).
    fn fingerprint(&self) -> (u64, u64) {
        let mut h = Fingerprint(0x243f_6a88_85a3_08d3);
        h.num(self.rules.len() as u64);
        for r in &self.rules {
            h.text(&r.id);
            h.text(r.detector.as_deref().unwrap_or(""));
            h.num(r.enabled as u64);
            h.num(r.patterns.len() as u64);
            for p in &r.patterns {
                h.text(p);
            }
        }
        (self.lists.stamp(), h.0)
    }
}

/// A small fast hash for the cache fingerprint (not for anything an adversary controls).
struct Fingerprint(u64);

impl Fingerprint {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    #[inline(always)]
    fn num(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(Self::K).rotate_left(27);
    }
    /// Hashes every byte of `s`: short texts (most list entries) in two overlapping words.
    #[inline(always)]
    fn text(&mut self, s: &str) {
        let b = s.as_bytes();
        let n = b.len();
        let word = |i: usize| -> u64 {
            b.get(i..i + 8)
                .and_then(|w| w.try_into().ok())
                .map(u64::from_le_bytes)
                .unwrap_or(0)
        };
        self.num(n as u64);
        if n >= 8 {
            let mut i = 0;
            while i + 8 < n {
                self.num(word(i));
                i += 8;
            }
            self.num(word(n - 8));
        } else {
            let mut last = 0u64;
            for (j, &x) in b.iter().enumerate() {
                last |= (x as u64) << (8 * j);
            }
            self.num(last);
        }
    }
}

/// Names of the lists, for `uses` and for editors.
pub const LIST_NAMES: &[&str] = &[
    "brand_handles",
    "brand_handle_prefixes",
    "brand_page_names",
    "products_in_scope",
    "service_objects",
    "other_providers",
    "personal_request_phrases",
    "quiz_markers",
    "quiz_hashtags",
    "promo_markers",
    "follow_up_pings",
    "problem_words",
    "negative_words",
    "service_words",
    "agent_words",
    "first_person_words",
    "figurative_words",
    "presence_markers",
    "pending_markers",
    "question_words",
    "chatter_markers",
    "stop_words",
    "abbreviations",
];

/// True when `s` is empty or only white space.
fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// `before`, then `name` in backticks, then `after`: the one way validation messages name a
/// rule, clause or list (one shared function is smaller than a `format!` at every site).
fn ticked(before: &str, name: &str, after: &str) -> String {
    [before, "`", name, "`", after].concat()
}

fn describe(v: Option<&Verdict>) -> String {
    match v {
        None => "no verdict for the target message".into(),
        Some(v) => {
            let rules: Vec<&str> = v.reasons.iter().map(|r| r.rule.as_str()).collect();
            let cat = v.category.map(|c| c.as_str()).unwrap_or("-");
            format!(
                "{} / {} / fired: {}",
                v.decision.as_str(),
                cat,
                if rules.is_empty() {
                    "none".into()
                } else {
                    rules.join(", ")
                }
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rulebook;

    /// A syntax error names its line, column and the member it is in; an early end names no
    /// member.
    #[test]
    fn a_syntax_error_names_its_place_and_path() {
        let text = "{\n  \"format\": 1,\n  \"rules\": [{\"id\": \"a\"}, {\"id\": x}]\n}";
        let e = Rulebook::parse(text).expect_err("not JSON");
        assert_eq!((e.path.as_str(), e.line, e.column), ("rules[1].id", Some(3), Some(33)));
        assert_eq!(e.message, "expected value");
        let e = Rulebook::parse("{\"format\": 1, \"rules\": [").expect_err("cut short");
        assert_eq!((e.path.as_str(), e.line), ("", Some(1)));
        let e = Rulebook::parse("{\"format\": 1} x").expect_err("trailing text");
        assert_eq!((e.path.as_str(), e.message.as_str()), ("", "unexpected text after the rulebook object"));
    }
}
