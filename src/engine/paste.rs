//! Turns whatever an agent pastes into a thread of messages. (Skeleton: the paste issue fills this in.)
use super::model::*;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PasteFormat {
    Empty,
    Plain,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PasteProblem {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedPaste {
    pub format: PasteFormat,
    pub channel_guess: Option<Channel>,
    pub messages: Vec<Message>,
    pub problems: Vec<PasteProblem>,
}

/// Parses a paste. `now` (seconds since the epoch) anchors relative times such as "5m".
pub fn parse_paste(text: &str, _now: Option<i64>) -> ParsedPaste {
    if text.trim().is_empty() {
        return ParsedPaste { format: PasteFormat::Empty, channel_guess: None, messages: vec![], problems: vec![] };
    }
    ParsedPaste {
        format: PasteFormat::Plain,
        channel_guess: None,
        messages: vec![Message { id: "1".into(), text: text.to_string(), ..Default::default() }],
        problems: vec![],
    }
}
