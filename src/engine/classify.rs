//! Runs the rulebook over a thread of messages. (Skeleton: the engine issue fills this in.)
use super::model::*;
use super::rulebook::Rulebook;

/// Classifies every message of one thread.
pub fn classify_thread(_book: &Rulebook, _channel: Channel, messages: &[Message]) -> Vec<Verdict> {
    messages
        .iter()
        .enumerate()
        .map(|(i, m)| Verdict {
            message: m.id.clone(),
            decision: Decision::Reply,
            category: None,
            note: None,
            sociomedia: None,
            reasons: vec![],
            primary: i == 0,
        })
        .collect()
}
