//! The one entry point the UI and the CLI share: from a paste or a case to verdicts.
//! Both go through here so the page and `oot-triage classify` can never disagree.

use super::classify::classify_thread;
use super::model::*;
use super::paste::{parse_paste, ParsedPaste};
use super::rulebook::Rulebook;
use serde::Serialize;

/// The outcome of checking one paste in the app.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checked {
    pub parsed: ParsedPaste,
    pub channel: Channel,
    pub verdicts: Vec<Verdict>,
    pub overall: Overall,
}

/// The headline verdict of a whole case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overall {
    pub decision: Decision,
    pub category: Option<Category>,
    pub note: Option<String>,
}

/// The case's headline: any message that needs a reply makes the case "reply"; otherwise any
/// message to review makes it "review"; otherwise it is "no_reply", with the category and note
/// of the first no-reply message (brand messages are context and do not count).
pub fn overall(verdicts: &[Verdict]) -> Overall {
    let mut decision = Decision::NoReply;
    let mut first_no_reply: Option<&Verdict> = None;
    let mut any = false;
    for v in verdicts {
        match v.decision {
            Decision::Context => continue,
            Decision::Reply => decision = Decision::Reply,
            Decision::Review if decision != Decision::Reply => decision = Decision::Review,
            Decision::NoReply if first_no_reply.is_none() => first_no_reply = Some(v),
            _ => {}
        }
        any = true;
    }
    if !any {
        return Overall { decision: Decision::Context, category: None, note: None };
    }
    match (decision, first_no_reply) {
        (Decision::NoReply, Some(v)) => Overall { decision, category: v.category, note: v.note.clone() },
        _ => Overall { decision, category: None, note: None },
    }
}

/// Checks a pasted text. `channel` overrides the parser's guess; `now` anchors relative times.
pub fn check_paste(book: &Rulebook, text: &str, channel: Option<Channel>, now: Option<i64>) -> Checked {
    let parsed = parse_paste(text, now);
    let channel = channel.or(parsed.channel_guess).unwrap_or_default();
    let verdicts = classify_thread(book, channel, &parsed.messages);
    let overall = overall(&verdicts);
    Checked { parsed, channel, verdicts, overall }
}

/// Classifies one case of the case format: its messages, or its paste run through the parser.
/// Messages without an id are numbered "1", "2", ... in order.
pub fn classify_case(book: &Rulebook, case: &Case, now: Option<i64>) -> (Channel, Vec<Message>, Vec<Verdict>) {
    let (channel, mut messages) = match &case.paste {
        Some(p) if case.messages.is_empty() => {
            let parsed = parse_paste(p, now);
            (case.channel.or(parsed.channel_guess).unwrap_or_default(), parsed.messages)
        }
        _ => (case.channel.unwrap_or_default(), case.messages.clone()),
    };
    for (i, m) in messages.iter_mut().enumerate() {
        if m.id.is_empty() {
            m.id = (i + 1).to_string();
        }
    }
    let verdicts = classify_thread(book, channel, &messages);
    (channel, messages, verdicts)
}
