//! Helpers shared by the integration tests (`mod common;` in each test file that uses them).
use oot_triage::engine::Message;

/// A message with the given id, optional author and time, and text (no conversation id).
pub fn message(id: &str, author: Option<&str>, time: Option<&str>, text: &str) -> Message {
    Message {
        id: id.into(),
        author: author.map(String::from),
        time: time.map(String::from),
        text: text.into(),
        conversation: None,
    }
}
