//! Runs the rulebook over a thread of messages and builds one verdict per message, each with
//! every rule that fired, the one that decided, the W-21 clause, the Indonesian and English
//! explanation, and evidence as byte offsets into that message's text.
//!
//! The work is split in three: `compiled` (the book turned into fast lookups, cached in the
//! book), `signals` (reading one message on its own) and `multi` (bursts over the thread).
//! This file only ties them together and turns their findings into `Verdict`s.
//!
//! Must not: do I/O, read clocks, or panic on any input.

pub mod compiled;
pub mod multi;
pub mod signals;

pub use compiled::Compiled;

use super::model::*;
use super::normalize::lowercase;
use super::rulebook::Rulebook;
use crate::engine::order;
use compiled::FxSet;
use multi::ThreadItem;
use signals::{Fired, MsgEval};

/// Classifies every message of one thread: one verdict per message, in the same order.
///
/// Brand/agent messages (a brand author, or an author-less or agent-only message ending in an
/// agent's signature) are context. Messages may lack author, time and conversation; see
/// `multi` for how bursts treat missing authors and times.
pub fn classify_thread(book: &Rulebook, channel: Channel, messages: &[Message]) -> Vec<Verdict> {
    let comp = book.compiled();
    classify_thread_with(book, &comp, channel, messages)
}

/// Like `classify_thread`, with an already compiled book (for callers that classify many
/// threads in a loop and want to skip even the cache check).
pub fn classify_thread_with(
    book: &Rulebook,
    comp: &Compiled,
    channel: Channel,
    messages: &[Message],
) -> Vec<Verdict> {
    // Context first: brand authors, and signed agent replies by an unknown or agent-only author.
    let signed: Vec<Option<Span>> = messages
        .iter()
        .map(|m| signals::agent_signature(book, comp, &m.text))
        .collect();
    let mut unsigned_authors: FxSet<String> =
        FxSet::with_capacity_and_hasher(messages.len(), Default::default());
    for (m, s) in messages.iter().zip(&signed) {
        if let (None, Some(a)) = (s, m.author.as_deref()) {
            unsigned_authors.insert(lowercase(a.trim()).into_owned());
        }
    }
    let mut items = Vec::with_capacity(messages.len());
    let mut context_reason: Vec<Option<Fired>> = Vec::with_capacity(messages.len());
    for (m, sig) in messages.iter().zip(&signed) {
        let author = m.author.as_deref().map(str::trim).unwrap_or("");
        let brand = !author.is_empty()
            && comp.slots.on(compiled::Rid::ContextBrandAuthor)
            && comp.is_brand_author(author);
        let by_agent = sig.is_some()
            && comp.slots.on(compiled::Rid::ContextAgentSignature)
            && (author.is_empty() || !unsigned_authors.contains(&*lowercase(author)));
        let reason = if brand {
            Some(Fired {
                detail: Some((author.to_string(), author.to_string())),
                ..Fired::new("context.brand-author", vec![])
            })
        } else if by_agent {
            Some(Fired::new(
                "context.agent-signature",
                sig.iter().copied().collect(),
            ))
        } else {
            None
        };
        let addressee = if reason.is_some() {
            first_mention(&m.text)
        } else {
            None
        };
        items.push(ThreadItem {
            msg: m,
            context: reason.is_some(),
            addressee,
        });
        context_reason.push(reason);
    }
    let mut evals: Vec<Option<MsgEval>> = items
        .iter()
        .map(|it| {
            if it.context {
                None
            } else {
                Some(signals::evaluate(book, comp, channel, &it.msg.text))
            }
        })
        .collect();
    let primary = multi::apply(&items, &mut evals, book.window_minutes());

    let mut out = Vec::with_capacity(messages.len());
    for (i, m) in messages.iter().enumerate() {
        if let Some(reason) = context_reason[i].take() {
            let rule = reason.rule.clone();
            out.push(Verdict {
                message: m.id.clone(),
                decision: Decision::Context,
                category: None,
                note: None,
                sociomedia: None,
                reasons: vec![to_reason(book, reason, Some(&rule))],
                primary: false,
            });
            continue;
        }
        let Some(ev) = evals[i].take() else { continue };
        let decisive = ev.decisive.clone();
        let mut reasons: Vec<Reason> = ev
            .fired
            .into_iter()
            .map(|f| to_reason(book, f, decisive.as_deref()))
            .collect();
        // The deciding reason first; the rest keep the order they fired in.
        order::sort_by_key(&mut reasons, |r| !r.decisive);
        let (note, sociomedia) = match (ev.decision, ev.category) {
            (Decision::NoReply, Some(c)) => {
                (Some(c.note(channel).to_string()), Some(Sociomedia::oot()))
            }
            _ => (None, None),
        };
        out.push(Verdict {
            message: m.id.clone(),
            decision: ev.decision,
            category: if ev.decision == Decision::NoReply {
                ev.category
            } else {
                None
            },
            note,
            sociomedia,
            reasons,
            primary: primary[i],
        });
    }
    out
}

fn first_mention(text: &str) -> Option<String> {
    let t = text.trim_start();
    let rest = t.strip_prefix('@')?;
    // A handle is ASCII, so it ends at the first byte that is not a handle character.
    let n = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    match rest.get(..n) {
        Some(h) if !h.is_empty() => Some(h.to_ascii_lowercase()),
        _ => None,
    }
}

fn to_reason(book: &Rulebook, f: Fired, decisive: Option<&str>) -> Reason {
    let rule = book.rule(&f.rule);
    let (clause, category, mut why, mut why_en) = match rule {
        Some(r) => (
            r.clause.clone(),
            r.category,
            r.why_id.clone(),
            r.why_en.clone(),
        ),
        None => (String::new(), None, f.rule.clone(), f.rule.clone()),
    };
    if let Some((d_id, d_en)) = &f.detail {
        why = format!("{why} ({d_id})");
        why_en = format!("{why_en} ({d_en})");
    }
    let mut evidence = f.evidence;
    order::sort_dedup(&mut evidence);
    Reason {
        decisive: decisive == Some(f.rule.as_str()),
        rule: f.rule,
        clause,
        category,
        evidence,
        why,
        why_en,
        conflicts: f.conflicts,
        related: f.related,
    }
}

/// Finds an agent's signature at the end of `text` (see `Rulebook::has_agent_signature`).
pub(crate) fn agent_signature(book: &Rulebook, text: &str) -> Option<Span> {
    let comp = book.compiled();
    signals::agent_signature(book, &comp, text)
}
