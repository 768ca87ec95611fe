//! The history of checked cases: the last [`HISTORY_LIMIT`] pastes with their time and headline
//! verdict, kept only in the browser.
//!
//! This module is pure: callers pass the time in (milliseconds since the epoch) and get plain
//! values back; loading and saving to localStorage is the UI storage module's job. It must not
//! touch the browser, the clock or any I/O. Reading stored history is forgiving: a corrupt entry
//! is dropped on its own (with a notice naming it) and every readable entry is kept.
use crate::engine::check::Overall;
use crate::engine::json::{self, DecodeError, Fields, ObjectBuilder, Value};
use crate::engine::{Category, Channel, Decision};
use crate::settings::{preview, Notice};

/// How many checked cases the history keeps; adding one more drops the oldest.
pub const HISTORY_LIMIT: usize = 50;

/// The format version written by this build.
pub const HISTORY_VERSION: u32 = 1;

/// One checked case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Unique within one history; used to delete or reopen this entry.
    pub id: u64,
    /// When it was checked, in milliseconds since the epoch.
    pub time_ms: i64,
    /// The paste exactly as checked.
    pub text: String,
    /// The headline decision of the case.
    pub decision: Decision,
    pub category: Option<Category>,
    pub note: Option<String>,
    /// The channel the agent chose, if they overrode the guess.
    pub channel: Option<Channel>,
}

const DECISIONS: [Decision; 4] = [
    Decision::Reply,
    Decision::NoReply,
    Decision::Review,
    Decision::Context,
];

impl HistoryEntry {
    /// The entry as stored: optional fields are left out when empty.
    fn to_value(&self) -> Value {
        ObjectBuilder::new()
            .field("id", self.id)
            .field("time_ms", self.time_ms)
            .field("text", self.text.as_str())
            .field("decision", self.decision.as_str())
            .some("category", self.category.map(Category::as_str))
            .some("note", self.note.as_deref())
            .some("channel", self.channel.map(Channel::as_str))
            .build()
    }

    /// Reads a stored entry; unknown fields are ignored, a missing optional field is `None`.
    fn from_value(v: &Value) -> Result<HistoryEntry, DecodeError> {
        let f = Fields::of(v, "a history entry object")?;
        Ok(HistoryEntry {
            id: f.required("id", json::read_u64)?,
            time_ms: f.required("time_ms", json::read_i64)?,
            text: f.required("text", json::read_string)?,
            decision: f.required("decision", |v| {
                json::read_variant(v, &DECISIONS, Decision::as_str)
            })?,
            category: f.optional("category", |v| {
                json::read_variant(v, &Category::ALL, Category::as_str)
            })?,
            note: f.optional("note", json::read_string)?,
            channel: f.optional("channel", |v| {
                json::read_variant(v, &Channel::ALL, Channel::as_str)
            })?,
        })
    }
}

/// The bounded list of checked cases, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    pub version: u32,
    pub entries: Vec<HistoryEntry>,
}

impl Default for History {
    fn default() -> Self {
        History {
            version: HISTORY_VERSION,
            entries: Vec::new(),
        }
    }
}

impl History {
    /// Records a checked case at the top. Returns false when nothing was added because the text
    /// is blank, or because it repeats the newest entry: then that entry's verdict and time are
    /// refreshed instead, so re-checking one paste (or a rulebook change) does not fill the list
    /// with copies.
    pub fn add(
        &mut self,
        text: &str,
        time_ms: i64,
        overall: &Overall,
        channel: Option<Channel>,
    ) -> bool {
        if text.trim().is_empty() || overall.decision == Decision::Context {
            return false;
        }
        if let Some(newest) = self.entries.first_mut() {
            if newest.text == text {
                newest.time_ms = time_ms;
                newest.decision = overall.decision;
                newest.category = overall.category;
                newest.note = overall.note.clone();
                newest.channel = channel;
                return false;
            }
        }
        let id = self.entries.iter().map(|e| e.id).max().map_or(1, |m| m + 1);
        self.entries.insert(
            0,
            HistoryEntry {
                id,
                time_ms,
                text: text.to_string(),
                decision: overall.decision,
                category: overall.category,
                note: overall.note.clone(),
                channel,
            },
        );
        self.entries.truncate(HISTORY_LIMIT);
        true
    }

    /// Deletes one entry; returns whether it was there.
    pub fn delete(&mut self, id: u64) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        self.entries.len() != before
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn get(&self, id: u64) -> Option<&HistoryEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The newest `n` entries as a history of their own: what the storage layer saves when the
    /// browser's storage is too full for the whole list.
    pub fn newest(&self, n: usize) -> History {
        History {
            version: HISTORY_VERSION,
            entries: self.entries.iter().take(n).cloned().collect(),
        }
    }

    /// The JSON this build stores.
    pub fn to_stored(&self) -> String {
        ObjectBuilder::new()
            .field("version", self.version)
            .field(
                "entries",
                Value::Array(self.entries.iter().map(HistoryEntry::to_value).collect()),
            )
            .build()
            .to_string()
    }

    /// Reads stored history text, recovering what it can (see [`History::from_value`]).
    pub fn from_stored(text: &str) -> (History, Vec<Notice>) {
        match json::parse(text) {
            Ok(value) => History::from_value(&value),
            Err(e) => (
                History::default(),
                vec![Notice::new(
                    "history",
                    format!("Riwayat tersimpan rusak (bukan JSON: {e}); riwayat dikosongkan."),
                    format!("Saved history was corrupt (not JSON: {e}); the history was emptied."),
                )],
            ),
        }
    }

    /// Reads a stored history value entry by entry. A bare array of entries (an older shape) is
    /// accepted too. Entries that cannot be read, or repeat an id, are dropped with a notice
    /// naming their position; the rest are kept in order, at most [`HISTORY_LIMIT`] of them.
    pub fn from_value(value: &Value) -> (History, Vec<Notice>) {
        let mut notices = Vec::new();
        let items = match value {
            Value::Array(items) => Some(items),
            Value::Object(_) => value.get("entries").and_then(Value::as_array),
            _ => None,
        };
        let Some(items) = items else {
            notices.push(Notice::new(
                "history",
                format!(
                    "Riwayat tersimpan tidak terbaca ({}); riwayat dikosongkan.",
                    preview(value)
                ),
                format!(
                    "Saved history could not be read ({}); the history was emptied.",
                    preview(value)
                ),
            ));
            return (History::default(), notices);
        };
        let mut history = History::default();
        let mut dropped = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match HistoryEntry::from_value(item) {
                Ok(entry) if history.get(entry.id).is_none() => history.entries.push(entry),
                _ => dropped.push(i + 1),
            }
        }
        if !dropped.is_empty() {
            let list = dropped
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            notices.push(Notice::new(
                "history.entries",
                format!(
                    "{} entri riwayat tidak terbaca dan dihapus (nomor {list}); {} entri lain tetap ada.",
                    dropped.len(),
                    history.entries.len()
                ),
                format!(
                    "{} history entries could not be read and were removed (number {list}); {} other entries were kept.",
                    dropped.len(),
                    history.entries.len()
                ),
            ));
        }
        if history.entries.len() > HISTORY_LIMIT {
            history.entries.truncate(HISTORY_LIMIT);
        }
        (history, notices)
    }
}
