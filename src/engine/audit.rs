//! Batch audit: a day's messages (CSV with a header, or case JSONL) classified in one go and
//! compared with how the agents tagged them.
//!
//! The work is incremental so a browser can run it without freezing the page: `Audit::new` only
//! looks at the header, and every call to `Audit::step` does a bounded amount of work (parse a
//! few records, group a few authors, or classify a few threads) and reports progress. The caller
//! decides how long to keep calling before yielding; this module reads no clock and does no I/O.
//!
//! Threads: rows of the same author on the same channel whose times are at most the multi
//! window apart are one thread in time order, so the engine can see Multi Tweet / Multi Post
//! bursts. Brand (agent) rows of the same conversation that fall inside such a thread are put in
//! it as context, because a brand reply ends a burst. Rows without an author or a readable time
//! are single-message cases. In case JSONL every case is already a thread and is kept as is.
//!
//! Every verdict comes from `classify::classify_thread`; this module owns no rule. A malformed
//! row is reported with its line number, kept in the CSV export as `error`, and the rest runs.

use super::classify::classify_thread_with;
use super::csv::{escape_field, read_records, sniff_delimiter};
use super::model::*;
use super::normalize::{lower_char, to_lower};
use super::paste::parse_paste;
use super::rulebook::Rulebook;
use super::time::{format_rfc3339, parse_timestamp};
use crate::engine::order;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How a batch is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditOptions {
    /// The channel of rows that name none.
    pub default_channel: Channel,
    /// Rows of one author further apart than this are never one thread (the multi window).
    pub window_minutes: u32,
    /// The longest thread handed to the engine at once; longer runs (a spam bot posting all day
    /// without a gap) are cut, so one author cannot make the batch quadratic.
    pub max_thread: usize,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            default_channel: Channel::Twitter,
            window_minutes: 10,
            max_thread: 200,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Csv,
    Jsonl,
}

/// What is wrong with one line of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemKind {
    /// The input has no data at all.
    Empty,
    /// The CSV header names no text column.
    NoTextColumn { header: Vec<String> },
    /// A CSV row has a different number of fields than the header.
    FieldCount { expected: usize, found: usize },
    /// A quoted CSV field never closes; the rest of the file was swallowed by it.
    UnterminatedQuote,
    /// The text column is empty.
    EmptyText,
    /// A JSONL line is not a valid case.
    BadJson { error: String },
    /// A case has neither messages nor a paste.
    NoMessages,
    /// The time could not be read; the row is classified as a single message.
    BadTime { value: String },
    /// The channel is neither Twitter nor Facebook; the default channel was used.
    UnknownChannel { value: String },
}

impl ProblemKind {
    /// True when the row could not be classified at all (as opposed to a warning).
    pub fn skips_row(&self) -> bool {
        !matches!(
            self,
            ProblemKind::BadTime { .. } | ProblemKind::UnknownChannel { .. }
        )
    }

    /// A human sentence in Indonesian (`en == false`) or English.
    pub fn message(&self, en: bool) -> String {
        let pick = |id: String, e: String| if en { e } else { id };
        match self {
            ProblemKind::Empty => pick("Tidak ada data.".into(), "There is no data.".into()),
            ProblemKind::NoTextColumn { header } => pick(
                format!(
                    "Header tidak punya kolom text (ditemukan: {}).",
                    header.join(", ")
                ),
                format!(
                    "The header has no text column (found: {}).",
                    header.join(", ")
                ),
            ),
            ProblemKind::FieldCount { expected, found } => pick(
                format!("Baris punya {found} kolom, header {expected}; baris dilewati."),
                format!("The row has {found} fields, the header {expected}; row skipped."),
            ),
            ProblemKind::UnterminatedQuote => pick(
                "Tanda kutip tidak ditutup; sisa file terbaca sebagai satu kolom dan dilewati."
                    .into(),
                "A quote is never closed; the rest of the file reads as one field and was skipped."
                    .into(),
            ),
            ProblemKind::EmptyText => pick(
                "Kolom text kosong; baris dilewati.".into(),
                "The text is empty; row skipped.".into(),
            ),
            ProblemKind::BadJson { error } => pick(
                format!("JSON tidak valid: {error}"),
                format!("Invalid JSON: {error}"),
            ),
            ProblemKind::NoMessages => pick(
                "Case tanpa messages atau paste.".into(),
                "A case with neither messages nor paste.".into(),
            ),
            ProblemKind::BadTime { value } => pick(
                format!("Waktu \"{value}\" tidak terbaca; diperiksa sebagai pesan tunggal."),
                format!("Time \"{value}\" is unreadable; checked as a single message."),
            ),
            ProblemKind::UnknownChannel { value } => pick(
                format!("Channel \"{value}\" tidak dikenal; memakai channel bawaan."),
                format!("Unknown channel \"{value}\"; the default channel was used."),
            ),
        }
    }
}

/// One problem, with the 1-based line of the input it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: usize,
    #[serde(flatten)]
    pub kind: ProblemKind,
}

/// Which original column holds what (indices into `Audit::header`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Columns {
    pub text: usize,
    pub id: Option<usize>,
    pub author: Option<usize>,
    pub time: Option<usize>,
    pub channel: Option<usize>,
    pub conversation: Option<usize>,
    /// The agent's recorded note.
    pub note: Option<usize>,
    /// The agent's recorded reply type (`OOT Reply` for a no-reply case).
    pub reply_type: Option<usize>,
}

impl Columns {
    /// True when the batch carries the agents' tags, so agreement can be judged.
    pub fn has_agent_tag(&self) -> bool {
        self.note.is_some() || self.reply_type.is_some()
    }
}

fn normalise_header(h: &str) -> String {
    to_lower(h.trim().trim_start_matches('\u{feff}')).replace([' ', '-', '.'], "_")
}

/// Maps a CSV header onto the columns the audit understands. Names are matched loosely
/// (case, spaces, hyphens) against English and Indonesian aliases; the first match wins.
pub fn map_header(header: &[String]) -> Result<Columns, ProblemKind> {
    let names: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let find = |aliases: &[&str]| names.iter().position(|n| aliases.contains(&n.as_str()));
    let text = find(&[
        "text",
        "message",
        "pesan",
        "isi",
        "isi_pesan",
        "teks",
        "content",
        "konten",
        "tweet",
        "post",
        "body",
        "comment",
        "komentar",
    ])
    .ok_or_else(|| ProblemKind::NoTextColumn {
        header: header.to_vec(),
    })?;
    Ok(Columns {
        text,
        id: find(&[
            "id",
            "message_id",
            "msg_id",
            "tweet_id",
            "post_id",
            "case_id",
        ]),
        author: find(&[
            "author",
            "handle",
            "user",
            "username",
            "screen_name",
            "from",
            "pengirim",
            "akun",
            "account",
            "name",
            "nama",
        ]),
        time: find(&[
            "time",
            "timestamp",
            "waktu",
            "datetime",
            "date",
            "created_at",
            "tanggal",
        ]),
        channel: find(&["channel", "kanal", "platform", "source", "sumber", "media"]),
        conversation: find(&[
            "conversation",
            "conversation_id",
            "thread",
            "thread_id",
            "percakapan",
        ]),
        note: find(&["agent_note", "note", "notes", "catatan", "catatan_agent"]),
        reply_type: find(&[
            "reply_type",
            "replytype",
            "agent_reply_type",
            "tipe_balasan",
            "jenis_balasan",
        ]),
    })
}

/// The no-reply category a recorded note names, and whether it is the exact W-21 note for the
/// channel. Case, spacing and brackets are forgiven for the category (agents type notes by
/// hand); exactness is reported separately because §5.3 wants the note exact.
pub fn parse_note(note: &str, channel: Channel) -> Option<(Category, bool)> {
    const LOOSE: [(&str, Category); 9] = [
        ("multitweet", Category::Multi),
        ("multipost", Category::Multi),
        ("multi", Category::Multi),
        ("trolliseng", Category::Troll),
        ("troll", Category::Troll),
        ("iseng", Category::Troll),
        ("kuis", Category::Kuis),
        ("quiz", Category::Kuis),
        ("promo", Category::Promo),
    ];
    let note = note.trim();
    // Hand-typed notes are short; anything long is a free-text remark, not a W-21 note.
    if note.is_empty() || note.len() > 24 {
        return None;
    }
    let category = LOOSE
        .iter()
        .find(|(loose, _)| loose_eq(note, loose))
        .map(|(_, c)| *c)?;
    Some((category, note == category.note(channel)))
}

/// True when `s`, keeping only its letters and digits and lower-cased, equals `target` (which
/// is lower-case ASCII). Allocates nothing: it runs for every row of a batch.
fn loose_eq(s: &str, target: &str) -> bool {
    let mut want = target.bytes();
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        let l = lower_char(c);
        if !l.is_ascii() || want.next() != Some(l as u8) {
            return false;
        }
    }
    want.next().is_none()
}

/// How the agent tagged a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "tag", rename_all = "snake_case")]
pub enum AgentTag {
    /// Not tagged OOT: the agent treated it as a case to answer.
    Reply,
    /// Tagged OOT (reply type `OOT Reply` or a W-21 note), with the category the note names.
    Oot {
        category: Option<Category>,
        note: String,
    },
}

/// Reads the agent's tag from the recorded note and reply type. `None` when the batch has
/// neither column. A row with the columns but neither an OOT reply type nor a W-21 note counts
/// as "reply": W-21 requires both for every no-reply case, so their absence means the agent did
/// not tag it OOT.
pub fn agent_tag(
    note: Option<&str>,
    reply_type: Option<&str>,
    channel: Channel,
) -> Option<AgentTag> {
    if note.is_none() && reply_type.is_none() {
        return None;
    }
    let note = note.unwrap_or("").trim();
    let parsed = parse_note(note, channel);
    let oot_type = reply_type.is_some_and(|r| loose_eq(r, "ootreply") || loose_eq(r, "oot"));
    if oot_type || parsed.is_some() {
        Some(AgentTag::Oot {
            category: parsed.map(|(c, _)| c),
            note: note.to_string(),
        })
    } else {
        Some(AgentTag::Reply)
    }
}

/// How the rules' verdict compares with the agent's tag. The order is the order of the results
/// table: the costliest disagreement first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// The agent tagged OOT but the rules say it needs a reply: a customer may be ignored.
    AgentOotRulesReply,
    /// The agent did not tag OOT but the rules say no reply is needed.
    AgentReplyRulesOot,
    /// Both say no reply, but for different categories.
    CategoryDiffers,
    /// Same category, but the recorded note is not the exact W-21 note (§5.3).
    NoteNotExact,
    /// The rules ask for a manual look.
    Review,
    Agree,
    /// The batch carries no agent tag for this row.
    NoTag,
    /// A brand/agent message: context, not a case.
    Context,
}

impl Agreement {
    pub const ALL: [Agreement; 8] = [
        Agreement::AgentOotRulesReply,
        Agreement::AgentReplyRulesOot,
        Agreement::CategoryDiffers,
        Agreement::NoteNotExact,
        Agreement::Review,
        Agreement::Agree,
        Agreement::NoTag,
        Agreement::Context,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Agreement::AgentOotRulesReply => "agent_oot_rules_reply",
            Agreement::AgentReplyRulesOot => "agent_reply_rules_oot",
            Agreement::CategoryDiffers => "category_differs",
            Agreement::NoteNotExact => "note_not_exact",
            Agreement::Review => "review",
            Agreement::Agree => "agree",
            Agreement::NoTag => "no_tag",
            Agreement::Context => "context",
        }
    }

    pub fn parse(s: &str) -> Option<Agreement> {
        Agreement::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// True for the four ways the agent and the rules disagree.
    pub fn is_disagreement(self) -> bool {
        matches!(
            self,
            Agreement::AgentOotRulesReply
                | Agreement::AgentReplyRulesOot
                | Agreement::CategoryDiffers
                | Agreement::NoteNotExact
        )
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Agreement::AgentOotRulesReply => (
                "Agent: OOT, aturan: perlu dijawab",
                "Agent: OOT, rules: needs reply",
            ),
            Agreement::AgentReplyRulesOot => (
                "Agent: dijawab, aturan: tidak perlu",
                "Agent: replied, rules: no reply",
            ),
            Agreement::CategoryDiffers => ("Kategori berbeda", "Different category"),
            Agreement::NoteNotExact => ("Catatan tidak persis", "Note not exact"),
            Agreement::Review => ("Periksa manual", "Manual review"),
            Agreement::Agree => ("Sesuai", "Agrees"),
            Agreement::NoTag => ("Tanpa tag agent", "No agent tag"),
            Agreement::Context => ("Pesan brand", "Brand message"),
        }
    }
}

/// Compares the rules' verdict with the agent's tag.
pub fn compare(
    decision: Decision,
    category: Option<Category>,
    note: Option<&str>,
    agent: Option<&AgentTag>,
) -> Agreement {
    match (decision, agent) {
        (Decision::Context, _) => Agreement::Context,
        (Decision::Review, _) => Agreement::Review,
        (_, None) => Agreement::NoTag,
        (Decision::Reply, Some(AgentTag::Reply)) => Agreement::Agree,
        (Decision::Reply, Some(AgentTag::Oot { .. })) => Agreement::AgentOotRulesReply,
        (Decision::NoReply, Some(AgentTag::Reply)) => Agreement::AgentReplyRulesOot,
        (
            Decision::NoReply,
            Some(AgentTag::Oot {
                category: given,
                note: given_note,
            }),
        ) => {
            if *given != category {
                Agreement::CategoryDiffers
            } else if Some(given_note.as_str()) != note {
                Agreement::NoteNotExact
            } else {
                Agreement::Agree
            }
        }
    }
}

/// A reason without its explanation texts (a batch keeps 100,000 of these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonBrief {
    pub rule: String,
    pub clause: String,
    pub decisive: bool,
}

/// The rules' outcome for one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowResult {
    pub decision: Decision,
    pub category: Option<Category>,
    pub note: Option<String>,
    /// Decisive reason first.
    pub reasons: Vec<ReasonBrief>,
    pub primary: bool,
    pub agreement: Agreement,
}

impl RowResult {
    /// The reasons as one cell: `rule §clause`, decisive first and marked.
    pub fn reasons_text(&self) -> String {
        self.reasons
            .iter()
            .map(|r| {
                if r.decisive {
                    format!("{} §{} (decisive)", r.rule, r.clause)
                } else {
                    format!("{} §{}", r.rule, r.clause)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// One data row of the batch (one message).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRow {
    /// The 1-based line of the input the row starts on.
    pub line: usize,
    /// The original fields, in header order (for JSONL: the synthesised columns).
    pub fields: Vec<String>,
    pub channel: Channel,
    /// Seconds since the epoch, when the time was readable.
    pub time: Option<i64>,
    pub agent: Option<AgentTag>,
    /// The thread this row was classified in (its case).
    pub thread: Option<u32>,
    pub result: Option<RowResult>,
    /// The problem that kept this row from being classified (index into `Audit::problems`).
    pub error: Option<usize>,
}

impl AuditRow {
    /// A row as read, before it is put in a thread and classified.
    fn unclassified(
        line: usize,
        fields: Vec<String>,
        channel: Channel,
        time: Option<i64>,
        agent: Option<AgentTag>,
    ) -> AuditRow {
        AuditRow {
            line,
            fields,
            channel,
            time,
            agent,
            thread: None,
            result: None,
            error: None,
        }
    }
}

/// Progress of a running audit. `total` is an estimate until the input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub phase: Phase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Reading,
    Grouping,
    Classifying,
    Done,
}

/// The columns synthesised for case JSONL.
pub const JSONL_HEADER: [&str; 9] = [
    "case_id",
    "message_id",
    "channel",
    "author",
    "time",
    "conversation",
    "text",
    "agent_note",
    "agent_reply_type",
];

/// Counts per bucket, for the summary table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Rows per rules outcome: `reply`, `review`, `context`, `troll`, `multi`, `kuis`, `promo`.
    pub rules: BTreeMap<String, usize>,
    /// Rows per agent tag: `reply`, `oot` (no readable note), or the category the note names.
    pub agent: BTreeMap<String, usize>,
    pub agreement: BTreeMap<Agreement, usize>,
    pub errors: usize,
}

/// The bucket name of a rules outcome: the category for no-reply rows, else the decision.
pub fn bucket(decision: Decision, category: Option<Category>) -> &'static str {
    match (decision, category) {
        (Decision::NoReply, Some(c)) => c.as_str(),
        (d, _) => d.as_str(),
    }
}

/// Which rows the results table shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// A bucket name from `bucket` (`reply`, `review`, `no_reply`, `troll`, ...), or `None`.
    pub bucket: Option<String>,
    pub agreement: AgreementFilter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AgreementFilter {
    #[default]
    All,
    Disagreements,
    Only(Agreement),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Read,
    Group,
    Classify,
    Done,
}

/// A batch being audited. Create it with `new`, call `step` until it returns true.
#[derive(Debug, Clone)]
pub struct Audit {
    text: String,
    pub format: InputFormat,
    pub header: Vec<String>,
    pub columns: Columns,
    delimiter: char,
    opts: AuditOptions,
    /// Byte offset of the next unread record, and its line number.
    pos: usize,
    line: usize,
    pub rows: Vec<AuditRow>,
    pub problems: Vec<Problem>,
    /// Row indices per thread, in time order (brand rows included as context).
    pub threads: Vec<Vec<u32>>,
    /// Channel and lower-cased author (see `author_key`) to the author's group.
    authors: HashMap<String, AuthorSlot>,
    key_buf: String,
    groups: Vec<Vec<u32>>,
    brands: Vec<u32>,
    brands_by_conversation: HashMap<String, Vec<u32>>,
    stage: Stage,
    /// The next group (while grouping) or thread (while classifying).
    cursor: usize,
    finished_rows: usize,
    estimate: usize,
    /// Case JSONL: each case is its own thread and is never regrouped.
    cases_are_threads: bool,
}

impl Audit {
    /// Starts an audit of `text`. Fails only when the input cannot be audited at all (empty, or
    /// a CSV header without a text column); everything else is reported per line as it is read.
    pub fn new(text: String, opts: AuditOptions) -> Result<Audit, Problem> {
        let start = text.len()
            - text
                .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
                .len();
        let first = text[start..].chars().next();
        let Some(first) = first else {
            return Err(Problem {
                line: 1,
                kind: ProblemKind::Empty,
            });
        };
        // Lines in the text: an estimate of the rows until reading is over. Counting every
        // newline of a 15 MB file is itself a long task in the browser, so big texts are
        // sampled (the first 64 KB, scaled); reading replaces the estimate with the real count.
        let sample = text.len().min(64 * 1024);
        let sample = (0..=3)
            .map(|d| sample.saturating_sub(d))
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let newlines = text[..sample].bytes().filter(|&b| b == b'\n').count();
        let estimate = if sample == text.len() {
            newlines + usize::from(!text.ends_with('\n'))
        } else {
            (newlines as f64 * text.len() as f64 / sample.max(1) as f64).round() as usize
        };
        let line_at_start = 1 + text[..start].bytes().filter(|&b| b == b'\n').count();
        let mut audit = Audit {
            format: InputFormat::Csv,
            header: Vec::new(),
            columns: Columns::default(),
            delimiter: ',',
            opts,
            pos: start,
            line: line_at_start,
            rows: Vec::new(),
            problems: Vec::new(),
            threads: Vec::new(),
            authors: HashMap::new(),
            key_buf: String::new(),
            groups: Vec::new(),
            brands: Vec::new(),
            brands_by_conversation: HashMap::new(),
            stage: Stage::Read,
            cursor: 0,
            finished_rows: 0,
            estimate,
            cases_are_threads: false,
            text,
        };
        if first == '{' || first == '[' {
            audit.format = InputFormat::Jsonl;
            audit.cases_are_threads = true;
            audit.header = JSONL_HEADER.iter().map(|s| s.to_string()).collect();
            audit.columns = Columns {
                text: 6,
                id: Some(1),
                author: Some(3),
                time: Some(4),
                channel: Some(2),
                conversation: Some(5),
                note: Some(7),
                reply_type: Some(8),
            };
            return Ok(audit);
        }
        audit.delimiter = sniff_delimiter(&audit.text[start..]);
        let (end, lines) = scan_records(&audit.text, start, 1, audit.delimiter);
        let header = read_records(&audit.text[start..end], audit.delimiter)
            .into_iter()
            .next()
            .map(|r| r.fields)
            .unwrap_or_default();
        audit.columns = map_header(&header).map_err(|kind| Problem {
            line: line_at_start,
            kind,
        })?;
        audit.header = header;
        audit.pos = end;
        audit.line = line_at_start + lines;
        audit.estimate = audit.estimate.saturating_sub(audit.line - 1);
        Ok(audit)
    }

    /// The original text of a row's message.
    pub fn text<'a>(&self, row: &'a AuditRow) -> &'a str {
        row.fields
            .get(self.columns.text)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// An optional original column of a row, `None` when missing or blank.
    pub fn field<'a>(&self, row: &'a AuditRow, col: Option<usize>) -> Option<&'a str> {
        col.and_then(|c| row.fields.get(c))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }

    pub fn progress(&self) -> Progress {
        let phase = match self.stage {
            Stage::Read => Phase::Reading,
            Stage::Group => Phase::Grouping,
            Stage::Classify => Phase::Classifying,
            Stage::Done => Phase::Done,
        };
        let total = if self.stage == Stage::Read {
            self.estimate.max(self.rows.len())
        } else {
            self.rows.len()
        };
        let done = if self.stage == Stage::Read {
            0
        } else {
            self.finished_rows
        };
        Progress { done, total, phase }
    }

    /// Does about `budget` units of work (records read, rows grouped or messages classified) and
    /// returns true when the whole batch is done.
    pub fn step(&mut self, book: &Rulebook, budget: usize) -> bool {
        let budget = budget.max(1);
        match self.stage {
            Stage::Read => {
                match self.format {
                    InputFormat::Csv => self.read_csv(budget, book),
                    InputFormat::Jsonl => self.read_jsonl(budget),
                }
                if self.pos >= self.text.len() {
                    // The text is no longer needed; give its memory back.
                    self.text = String::new();
                    self.pos = 0;
                    self.stage = if self.cases_are_threads {
                        Stage::Classify
                    } else {
                        Stage::Group
                    };
                    self.cursor = 0;
                }
            }
            Stage::Group => self.group(budget),
            Stage::Classify => self.classify(book, budget),
            Stage::Done => {}
        }
        self.stage == Stage::Done
    }

    /// Runs the whole audit at once (native callers and tests).
    pub fn run(&mut self, book: &Rulebook) {
        while !self.step(book, 4096) {}
    }

    fn reject(&mut self, line: usize, fields: Vec<String>, kind: ProblemKind) {
        self.problems.push(Problem { line, kind });
        let channel = self.opts.default_channel;
        self.rows.push(AuditRow {
            line,
            fields,
            channel,
            time: None,
            agent: None,
            thread: None,
            result: None,
            error: Some(self.problems.len() - 1),
        });
        self.finished_rows += 1;
    }

    fn read_csv(&mut self, budget: usize, book: &Rulebook) {
        let (end, lines) = scan_records(&self.text, self.pos, budget, self.delimiter);
        let base = self.line;
        let records = read_records(&self.text[self.pos..end], self.delimiter);
        self.pos = end;
        self.line += lines;
        let width = self.header.len();
        for rec in records {
            let line = base + rec.line - 1;
            if rec.unterminated {
                self.reject(line, rec.fields, ProblemKind::UnterminatedQuote);
            } else if rec.fields.len() != width {
                let found = rec.fields.len();
                self.reject(
                    line,
                    rec.fields,
                    ProblemKind::FieldCount {
                        expected: width,
                        found,
                    },
                );
            } else if rec.fields[self.columns.text].trim().is_empty() {
                self.reject(line, rec.fields, ProblemKind::EmptyText);
            } else {
                self.add_csv_row(line, rec.fields, book);
            }
        }
    }

    fn add_csv_row(&mut self, line: usize, fields: Vec<String>, book: &Rulebook) {
        // This runs once per row of a batch of 100,000: it borrows from `fields` and allocates
        // only what it keeps.
        let cols = &self.columns;
        let get = |c: Option<usize>| {
            c.and_then(|c| fields.get(c))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
        };
        let mut problems = Vec::new();
        let channel = match get(cols.channel) {
            None => self.opts.default_channel,
            Some(v) if v.eq_ignore_ascii_case("twitter") => Channel::Twitter,
            Some(v) if v.eq_ignore_ascii_case("facebook") => Channel::Facebook,
            Some(v) => Channel::parse(v).unwrap_or_else(|| {
                problems.push(ProblemKind::UnknownChannel {
                    value: v.to_string(),
                });
                self.opts.default_channel
            }),
        };
        let time = get(cols.time).and_then(|v| {
            let t = parse_timestamp(v);
            if t.is_none() {
                problems.push(ProblemKind::BadTime {
                    value: v.to_string(),
                });
            }
            t
        });
        // A blank cell in a present column still counts as a recorded tag (see `agent_tag`).
        let note = cols
            .note
            .map(|c| fields.get(c).map(String::as_str).unwrap_or(""));
        let reply_type = cols
            .reply_type
            .map(|c| fields.get(c).map(String::as_str).unwrap_or(""));
        let agent = agent_tag(note, reply_type, channel);
        let idx = self.rows.len() as u32;
        let slot = match (get(cols.author), time) {
            (Some(author), Some(_)) => {
                let key = &mut self.key_buf;
                author_key(key, channel, author);
                Some(match self.authors.get(key.as_str()) {
                    Some(&slot) => slot,
                    None => {
                        // Whether an author is a brand account is asked once per author.
                        let slot = if book.is_brand_author(author) {
                            AuthorSlot::Brand
                        } else {
                            self.groups.push(Vec::new());
                            AuthorSlot::Group(self.groups.len() - 1)
                        };
                        self.authors.insert(key.clone(), slot);
                        slot
                    }
                })
            }
            _ => None,
        };
        if slot == Some(AuthorSlot::Brand) {
            if let Some(c) = get(cols.conversation) {
                self.brands_by_conversation
                    .entry(c.to_string())
                    .or_default()
                    .push(idx);
            }
        }
        self.problems
            .extend(problems.into_iter().map(|kind| Problem { line, kind }));
        self.rows
            .push(AuditRow::unclassified(line, fields, channel, time, agent));
        match slot {
            Some(AuthorSlot::Brand) => self.brands.push(idx),
            Some(AuthorSlot::Group(g)) => self.groups[g].push(idx),
            None => self.new_thread(vec![idx]),
        }
    }

    fn new_thread(&mut self, members: Vec<u32>) {
        let t = self.threads.len() as u32;
        for &m in &members {
            let row = &mut self.rows[m as usize];
            if row.thread.is_none() {
                row.thread = Some(t);
            }
        }
        self.threads.push(members);
    }

    fn read_jsonl(&mut self, budget: usize) {
        let rest = &self.text[self.pos..];
        if self.rows.is_empty() && self.problems.is_empty() && rest.starts_with('[') {
            // A JSON array of cases (a `.json` file): read it in one go.
            let line = self.line;
            let text = std::mem::take(&mut self.text);
            self.pos = 0;
            match serde_json::from_str::<Vec<serde_json::Value>>(text.trim()) {
                Ok(cases) => {
                    for v in cases {
                        self.add_case(line, v);
                    }
                }
                Err(e) => self.reject(
                    line,
                    vec![String::new(); JSONL_HEADER.len()],
                    ProblemKind::BadJson {
                        error: e.to_string(),
                    },
                ),
            }
            return;
        }
        let mut taken = 0;
        while taken < budget && self.pos < self.text.len() {
            let rest = &self.text[self.pos..];
            let len = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
            let raw = rest[..len].trim().to_string();
            let line = self.line;
            self.pos += len;
            self.line += 1;
            if raw.is_empty() {
                continue;
            }
            taken += 1;
            match serde_json::from_str::<serde_json::Value>(&raw) {
                Ok(v) if v.is_object() => self.add_case(line, v),
                Ok(_) => self.reject(
                    line,
                    jsonl_error_fields(&raw),
                    ProblemKind::BadJson {
                        error: "not an object".into(),
                    },
                ),
                Err(e) => self.reject(
                    line,
                    jsonl_error_fields(&raw),
                    ProblemKind::BadJson {
                        error: e.to_string(),
                    },
                ),
            }
        }
    }

    fn add_case(&mut self, line: usize, v: serde_json::Value) {
        let raw = v.to_string();
        let case: Case = match serde_json::from_value(v.clone()) {
            Ok(c) => c,
            Err(e) => {
                return self.reject(
                    line,
                    jsonl_error_fields(&raw),
                    ProblemKind::BadJson {
                        error: e.to_string(),
                    },
                )
            }
        };
        let (channel, messages) = match (&case.paste, case.messages.is_empty()) {
            (Some(p), true) => {
                let parsed = parse_paste(p, None);
                (
                    case.channel
                        .or(parsed.channel_guess)
                        .unwrap_or(self.opts.default_channel),
                    parsed.messages,
                )
            }
            _ => (
                case.channel.unwrap_or(self.opts.default_channel),
                case.messages.clone(),
            ),
        };
        if messages.is_empty() {
            return self.reject(line, jsonl_error_fields(&raw), ProblemKind::NoMessages);
        }
        let raw_messages = v.get("messages").and_then(|m| m.as_array());
        let mut members = Vec::with_capacity(messages.len());
        for (i, m) in messages.iter().enumerate() {
            let id = if m.id.is_empty() {
                (i + 1).to_string()
            } else {
                m.id.clone()
            };
            // The agent's tag: per-message `agent_note`/`reply_type` fields when present, else the
            // case's `expect` (a labelled file audits the labels against the rules).
            let extra = raw_messages.and_then(|a| a.get(i));
            let str_of = |k: &str| {
                extra
                    .and_then(|e| e.get(k))
                    .and_then(|x| x.as_str())
                    .map(str::to_string)
            };
            let (note, reply_type) = match (
                str_of("agent_note").or_else(|| str_of("note")),
                str_of("reply_type"),
            ) {
                (None, None) => match case.expect.as_ref().and_then(|e| e.get(&id)) {
                    Some(e) if e.reply => (Some(String::new()), Some(String::new())),
                    Some(e) => (
                        e.note.clone().or(Some(String::new())),
                        Some("OOT Reply".to_string()),
                    ),
                    None => (None, None),
                },
                (n, r) => (n, r),
            };
            let agent = agent_tag(note.as_deref(), reply_type.as_deref(), channel);
            let time = m.time.as_deref().and_then(parse_timestamp);
            if let (Some(t), None) = (&m.time, time) {
                self.problems.push(Problem {
                    line,
                    kind: ProblemKind::BadTime { value: t.clone() },
                });
            }
            let fields = vec![
                case.id.clone(),
                id,
                channel.as_str().to_string(),
                m.author.clone().unwrap_or_default(),
                m.time.clone().unwrap_or_default(),
                m.conversation.clone().unwrap_or_default(),
                m.text.clone(),
                note.unwrap_or_default(),
                reply_type.unwrap_or_default(),
            ];
            members.push(self.rows.len() as u32);
            self.rows
                .push(AuditRow::unclassified(line, fields, channel, time, agent));
        }
        self.new_thread(members);
    }

    fn group(&mut self, budget: usize) {
        let window = self.opts.window_minutes.max(1) as i64 * 60;
        let mut done = 0;
        while done < budget && self.cursor < self.groups.len() {
            let mut members = std::mem::take(&mut self.groups[self.cursor]);
            self.cursor += 1;
            done += members.len();
            order::sort_by_key(&mut members, |&i| {
                let r = &self.rows[i as usize];
                (r.time.unwrap_or(i64::MIN), r.line)
            });
            let mut chain: Vec<u32> = Vec::new();
            let mut last: Option<i64> = None;
            for m in members {
                let t = self.rows[m as usize].time;
                let gap_breaks = matches!((last, t), (Some(a), Some(b)) if b - a > window);
                if !chain.is_empty() && (gap_breaks || chain.len() >= self.opts.max_thread) {
                    let c = std::mem::take(&mut chain);
                    self.push_chain(c);
                }
                chain.push(m);
                last = t;
            }
            if !chain.is_empty() {
                self.push_chain(chain);
            }
        }
        if self.cursor >= self.groups.len() {
            self.groups = Vec::new();
            self.authors = HashMap::new();
            // Brand rows that fell inside no customer thread are checked on their own (the
            // engine marks them as context).
            for b in std::mem::take(&mut self.brands) {
                if self.rows[b as usize].thread.is_none() {
                    self.new_thread(vec![b]);
                }
            }
            self.brands_by_conversation = HashMap::new();
            self.stage = Stage::Classify;
            self.cursor = 0;
        }
    }

    /// Adds one customer chain as a thread, with the brand rows of its conversations that fall
    /// inside its time span.
    fn push_chain(&mut self, mut chain: Vec<u32>) {
        if !self.brands_by_conversation.is_empty() {
            let start = chain.first().and_then(|&i| self.rows[i as usize].time);
            let end = chain.last().and_then(|&i| self.rows[i as usize].time);
            if let (Some(start), Some(end)) = (start, end) {
                let mut seen = HashSet::new();
                let mut extra = Vec::new();
                for &m in &chain {
                    let Some(conv) = self.field(&self.rows[m as usize], self.columns.conversation)
                    else {
                        continue;
                    };
                    if !seen.insert(conv.to_string()) {
                        continue;
                    }
                    for &b in self
                        .brands_by_conversation
                        .get(conv)
                        .map(Vec::as_slice)
                        .unwrap_or(&[])
                    {
                        if self.rows[b as usize]
                            .time
                            .is_some_and(|t| t >= start && t <= end)
                        {
                            extra.push(b);
                        }
                    }
                }
                if !extra.is_empty() {
                    chain.extend(extra);
                    order::sort_by_key(&mut chain, |&i| {
                        let r = &self.rows[i as usize];
                        (r.time, r.line)
                    });
                    chain.dedup();
                }
            }
        }
        self.new_thread(chain);
    }

    fn classify(&mut self, book: &Rulebook, budget: usize) {
        // The compiled matcher once per step: `classify_thread` would re-check its cache (a
        // comparison of every list and rule) for each of thousands of small threads.
        let compiled = book.compiled();
        let mut done = 0;
        while done < budget && self.cursor < self.threads.len() {
            let t = self.cursor;
            self.cursor += 1;
            let members = std::mem::take(&mut self.threads[t]);
            done += members.len();
            let channel = self.rows[members[0] as usize].channel;
            let messages: Vec<Message> = members
                .iter()
                .enumerate()
                .map(|(i, &m)| self.message(&self.rows[m as usize], i))
                .collect();
            let verdicts = classify_thread_with(book, &compiled, channel, &messages);
            for (i, &m) in members.iter().enumerate() {
                let row = &self.rows[m as usize];
                if row.thread != Some(t as u32) || row.result.is_some() {
                    continue;
                }
                // Verdicts come back in thread order; fall back to the message id if the engine
                // ever returns them otherwise.
                let v = verdicts
                    .get(i)
                    .filter(|v| v.message == messages[i].id)
                    .or_else(|| verdicts.iter().find(|v| v.message == messages[i].id));
                let result = match v {
                    Some(v) => result_of(v, row.agent.as_ref()),
                    // No verdict at all is treated as "needs a reply": never hide a case.
                    None => RowResult {
                        decision: Decision::Review,
                        category: None,
                        note: None,
                        reasons: vec![],
                        primary: false,
                        agreement: Agreement::Review,
                    },
                };
                self.rows[m as usize].result = Some(result);
                self.finished_rows += 1;
            }
            self.threads[t] = members;
        }
        if self.cursor >= self.threads.len() {
            self.stage = Stage::Done;
        }
    }

    /// The engine's view of a row: ids are positions in the thread, times are normalised.
    fn message(&self, row: &AuditRow, pos: usize) -> Message {
        let original_time = self.field(row, self.columns.time);
        Message {
            id: (pos + 1).to_string(),
            author: self.field(row, self.columns.author).map(str::to_string),
            time: row
                .time
                .map(format_rfc3339)
                .or_else(|| original_time.map(str::to_string)),
            text: self.text(row).to_string(),
            conversation: self
                .field(row, self.columns.conversation)
                .map(str::to_string),
        }
    }

    /// The thread a row was classified in, as it would be pasted into the main screen: the bare
    /// text for a lone message without metadata, else one line of the JSON case format (which
    /// the paste parser accepts and which keeps authors, times and conversations exact).
    pub fn paste_for(&self, row: usize) -> Option<(String, Channel)> {
        let r = self.rows.get(row)?;
        r.result.as_ref()?;
        let members: Vec<u32> = r
            .thread
            .and_then(|t| self.threads.get(t as usize))
            .cloned()
            .unwrap_or_else(|| vec![row as u32]);
        let messages: Vec<Message> = members
            .iter()
            .enumerate()
            .map(|(i, &m)| self.message(&self.rows[m as usize], i))
            .collect();
        if let [m] = messages.as_slice() {
            if m.author.is_none() && m.time.is_none() && m.conversation.is_none() {
                return Some((m.text.clone(), r.channel));
            }
        }
        let case = Case {
            id: String::new(),
            channel: Some(r.channel),
            messages,
            paste: None,
            expect: None,
        };
        serde_json::to_string(&case).ok().map(|s| (s, r.channel))
    }

    /// Counts per rules outcome, per agent tag and per agreement.
    pub fn counts(&self) -> Counts {
        // Tallied in fixed arrays first (no map lookup or allocation per row: this runs over
        // 100,000 rows the moment a batch finishes), turned into maps at the end.
        // Index 4.. (and 2.. of AGENT) follow `category_slot`.
        const BUCKETS: [&str; 8] = [
            "reply", "no_reply", "review", "context", "troll", "multi", "kuis", "promo",
        ];
        const AGENT: [&str; 6] = ["reply", "oot", "troll", "multi", "kuis", "promo"];
        let mut rules = [0usize; 8];
        let mut agent = [0usize; 6];
        let mut agreement = [0usize; Agreement::ALL.len()];
        let mut c = Counts::default();
        for row in &self.rows {
            if row.error.is_some() {
                c.errors += 1;
                continue;
            }
            let Some(res) = &row.result else { continue };
            let b = match (res.decision, res.category) {
                (Decision::Reply, _) => 0,
                (Decision::NoReply, None) => 1,
                (Decision::Review, _) => 2,
                (Decision::Context, _) => 3,
                (Decision::NoReply, Some(cat)) => 4 + category_slot(cat),
            };
            rules[b] += 1;
            agreement[res.agreement as usize] += 1;
            if res.decision == Decision::Context {
                continue;
            }
            match &row.agent {
                None => {}
                Some(AgentTag::Reply) => agent[0] += 1,
                Some(AgentTag::Oot { category: None, .. }) => agent[1] += 1,
                Some(AgentTag::Oot {
                    category: Some(cat),
                    ..
                }) => agent[2 + category_slot(*cat)] += 1,
            }
        }
        c.rules = nonzero_counts(&BUCKETS, &rules);
        c.agent = nonzero_counts(&AGENT, &agent);
        c.agreement = Agreement::ALL
            .into_iter()
            .zip(agreement)
            .filter(|(_, n)| *n > 0)
            .collect();
        c
    }

    /// The indices of the classified rows the filter keeps, disagreements first (costliest
    /// first), then in input order.
    pub fn view(&self, filter: &Filter) -> Vec<u32> {
        // Rows are stored in input order, so one pass into a bucket per agreement (in rank
        // order) sorts them without comparing: 100,000 rows take a couple of milliseconds.
        let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); Agreement::ALL.len()];
        for (i, row) in self.rows.iter().enumerate() {
            let Some(res) = row.result.as_ref() else {
                continue;
            };
            let bucket_ok = match filter.bucket.as_deref() {
                None => true,
                Some("no_reply") => res.decision == Decision::NoReply,
                Some(x) => x == bucket(res.decision, res.category),
            };
            let agreement_ok = match filter.agreement {
                AgreementFilter::All => true,
                AgreementFilter::Disagreements => res.agreement.is_disagreement(),
                AgreementFilter::Only(a) => res.agreement == a,
            };
            if bucket_ok && agreement_ok {
                buckets[res.agreement as usize].push(i as u32);
            }
        }
        buckets.concat()
    }

    /// The results as CSV in input order: the original columns, then `decision`, `category`,
    /// `note`, `reasons` (and `agreement` when the batch carries agent tags). An added column whose
    /// name the input already uses is prefixed `rules_`. Rows that could not be read are kept,
    /// with decision `error` and the problem as the reason.
    pub fn to_csv(&self) -> String {
        let taken: HashSet<String> = self.header.iter().map(|h| normalise_header(h)).collect();
        let mut added = vec!["decision", "category", "note", "reasons"];
        if self.columns.has_agent_tag() {
            added.push("agreement");
        }
        let added: Vec<String> = added
            .into_iter()
            .map(|a| {
                if taken.contains(a) {
                    format!("rules_{a}")
                } else {
                    a.to_string()
                }
            })
            .collect();
        let width = self.header.len();
        let mut out = String::new();
        let header: Vec<String> = self
            .header
            .iter()
            .chain(added.iter())
            .map(|h| escape_field(h))
            .collect();
        out.push_str(&header.join(","));
        out.push_str("\r\n");
        for row in &self.rows {
            let mut cells: Vec<String> = row.fields.iter().take(width).cloned().collect();
            if row.fields.len() > width && width > 0 {
                // Keep every byte of an over-long row: the extras go into its last column.
                let extra = row.fields[width - 1..].join(&self.delimiter.to_string());
                cells[width - 1] = extra;
            }
            cells.resize(width, String::new());
            match (&row.result, row.error) {
                (Some(r), _) => {
                    cells.push(r.decision.as_str().to_string());
                    cells.push(
                        r.category
                            .map(|c| c.as_str().to_string())
                            .unwrap_or_default(),
                    );
                    cells.push(r.note.clone().unwrap_or_default());
                    cells.push(r.reasons_text());
                    if self.columns.has_agent_tag() {
                        cells.push(r.agreement.as_str().to_string());
                    }
                }
                (None, Some(p)) => {
                    cells.push("error".to_string());
                    cells.push(String::new());
                    cells.push(String::new());
                    cells.push(
                        self.problems
                            .get(p)
                            .map(|p| format!("line {}: {}", p.line, p.kind.message(true)))
                            .unwrap_or_default(),
                    );
                    if self.columns.has_agent_tag() {
                        cells.push(String::new());
                    }
                }
                (None, None) => continue,
            }
            let line: Vec<String> = cells.iter().map(|c| escape_field(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// The position of a category in the count arrays: troll, multi, kuis, promo.
fn category_slot(c: Category) -> usize {
    match c {
        Category::Troll => 0,
        Category::Multi => 1,
        Category::Kuis => 2,
        Category::Promo => 3,
    }
}

fn jsonl_error_fields(raw: &str) -> Vec<String> {
    let mut f = vec![String::new(); JSONL_HEADER.len()];
    f[6] = raw.to_string();
    f
}

fn result_of(v: &Verdict, agent: Option<&AgentTag>) -> RowResult {
    let mut reasons: Vec<ReasonBrief> = v
        .reasons
        .iter()
        .map(|r| ReasonBrief {
            rule: r.rule.clone(),
            clause: r.clause.clone(),
            decisive: r.decisive,
        })
        .collect();
    order::sort_by_key(&mut reasons, |r| !r.decisive);
    RowResult {
        decision: v.decision,
        category: v.category,
        note: v.note.clone(),
        reasons,
        primary: v.primary,
        agreement: compare(v.decision, v.category, v.note.as_deref(), agent),
    }
}

/// Where an author's rows go while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AuthorSlot {
    Brand,
    Group(usize),
}

/// The grouping key of an author on a channel, written into `buf`: a channel letter and the
/// author lower-cased (handles are case-insensitive).
fn author_key(buf: &mut String, channel: Channel, author: &str) {
    buf.clear();
    buf.push(match channel {
        Channel::Twitter => 't',
        Channel::Facebook => 'f',
    });
    buf.extend(author.chars().map(lower_char));
}

/// Finds the end of the next `n` CSV records from byte `pos` (just after a line break outside
/// quotes, or the end of the text) and how many lines that span covers. It follows the quoting
/// rules of `csv::read_records` exactly, so a slice cut here reads the same as the whole text.
/// The delimiter is ASCII and every byte it compares is ASCII, so multi-byte characters never
/// match by accident.
fn scan_records(text: &str, pos: usize, n: usize, delimiter: char) -> (usize, usize) {
    let bytes = text.as_bytes();
    let delim = if delimiter.is_ascii() {
        delimiter as u8
    } else {
        b','
    };
    let mut i = pos;
    let mut lines = 0;
    let mut records = 0;
    let mut in_quotes = false;
    let mut field_empty = true;
    let mut quoted_field = false;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if in_quotes {
            match b {
                b'"' if bytes.get(i) == Some(&b'"') => {
                    i += 1;
                    field_empty = false;
                }
                b'"' => in_quotes = false,
                b'\n' => {
                    lines += 1;
                    field_empty = false;
                }
                _ => field_empty = false,
            }
            continue;
        }
        match b {
            b'"' if field_empty && !quoted_field => {
                in_quotes = true;
                quoted_field = true;
            }
            b if b == delim => {
                field_empty = true;
                quoted_field = false;
            }
            b'\r' if bytes.get(i) == Some(&b'\n') => {}
            b'\n' | b'\r' => {
                lines += 1;
                records += 1;
                field_empty = true;
                quoted_field = false;
                if records >= n {
                    return (i, lines);
                }
            }
            _ => field_empty = false,
        }
    }
    (bytes.len(), lines)
}

/// The counts that are not zero, by name (`names[i]` names `counts[i]`).
fn nonzero_counts(names: &[&str], counts: &[usize]) -> BTreeMap<String, usize> {
    names
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| (k.to_string(), *n))
        .collect()
}
