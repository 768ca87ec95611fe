//! Multi Tweet / Multi Post over a thread (W-21 §5.1): the same customer sending several
//! messages at nearly the same time about the same thing is answered once.
//!
//! The rule as implemented:
//! - Messages are grouped by author. When every customer message of the thread lacks an author
//!   (a pasted thread of one customer), they count as one author; when only some lack one, the
//!   author-less ones are unknown and never join a burst.
//! - A burst is a run of the author's messages, each at most the window (default 10 minutes)
//!   after the author's previous message, with no brand/agent reply to that author in between
//!   (a reply makes the next message the next turn of a conversation). A missing time does not
//!   break a burst: the agent pasted the messages together.
//! - A message belongs to the burst when it is correlated with an earlier message of the burst
//!   that needs a reply: same conversation id, the same reference number, a shared content word
//!   (product names included; stop words, greetings and pings excluded), both report a fault,
//!   or one of them is a bare follow-up ping ("cek dm", "halo??") or only gives customer data.
//!   An explicit new-topic marker ("oh iya, sekalian tanya ...") starts a new case instead.
//! - The earliest message that needs a reply is the case to answer (`primary`); each later
//!   correlated one gets the multi note. Messages that are themselves Kuis, Promo or Troll/Iseng
//!   keep that note (precedence), except chatter-only Troll (a reply to a friend, a passing
//!   mention), which inside the author's own complaint burst is part of that complaint.
//!
//! Must not: re-read message texts (it works on `MsgEval`s) or do I/O.

use super::compiled::{handle_key, FxMap};
use super::signals::{Fired, MsgEval};
use crate::engine::model::{Category, Decision, Message, Span};
use crate::engine::normalize::to_lower;
use crate::engine::time::parse_timestamp;

/// Per-message facts the thread pass needs besides the reading.
pub struct ThreadItem<'a> {
    pub msg: &'a Message,
    /// Brand/agent message: context.
    pub context: bool,
    /// For context messages: the handle they reply to (their first mention), lower case.
    pub addressee: Option<String>,
}

/// How many recent burst members a new message is compared with (besides the first).
const MAX_LOOKBACK: usize = 8;

/// Applies the multi rule over a thread. `evals[i]` is `None` for context messages.
pub fn apply(
    items: &[ThreadItem],
    evals: &mut [Option<MsgEval>],
    window_minutes: u32,
) -> Vec<bool> {
    let n = items.len();
    let mut primary = vec![false; n];
    let window = window_minutes as i64 * 60;
    let customers: Vec<usize> = (0..n).filter(|&i| !items[i].context).collect();
    let all_anonymous = customers.len() >= 2
        && customers.iter().all(|&i| {
            items[i]
                .msg
                .author
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .is_empty()
        });

    // Each customer message's time, read once (a burst looks up its first message's time again).
    let times: Vec<Option<i64>> = items
        .iter()
        .map(|it| match it.context {
            true => None,
            false => it.msg.time.as_deref().and_then(parse_timestamp),
        })
        .collect();

    struct State {
        last: usize,
        last_time: Option<i64>,
        /// Members of the current burst that need a reply (index into the thread).
        members: Vec<usize>,
    }
    // Each author's state, found through `state_of` (author key -> index in `states`): one map
    // type for both maps here keeps a single copy of the hash table code.
    let mut states: Vec<State> = Vec::new();
    let mut state_of: FxMap<String, usize> = FxMap::default();
    // The latest brand/agent message so far: addressed to no one in particular, to a given
    // handle, and of any kind. Tracked while sweeping so the thread pass stays linear.
    let mut last_ctx_open: Option<usize> = None;
    let mut last_ctx_to: FxMap<String, usize> = FxMap::default();
    let mut last_ctx_any: Option<usize> = None;

    for i in 0..n {
        if items[i].context {
            match items[i].addressee.as_deref() {
                Some(a) => {
                    last_ctx_to.insert(a.to_string(), i);
                }
                None => last_ctx_open = Some(i),
            }
            last_ctx_any = Some(i);
            continue;
        }
        let Some(ev) = evals[i].as_ref() else {
            continue;
        };
        let answerable = ev.answerable();
        let key = match items[i].msg.author.as_deref().map(str::trim) {
            Some(a) if !a.is_empty() => Some(handle_key(a)),
            _ if all_anonymous => Some(String::new()),
            _ => None,
        };
        let Some(key) = key else {
            primary[i] = answerable;
            continue;
        };
        let time = times[i];
        let mut after_reply = false;
        let mut members: Vec<usize> = Vec::new();
        if let Some(st) = state_of.get(&key).and_then(|&s| states.get_mut(s)) {
            let latest = if key.is_empty() {
                last_ctx_any
            } else {
                last_ctx_open.max(last_ctx_to.get(&key).copied())
            };
            let replied = latest.map(|k| k > st.last).unwrap_or(false);
            let gap_ok = match (st.last_time, time) {
                (Some(a), Some(b)) => (b - a).abs() <= window,
                _ => true,
            };
            after_reply = replied;
            if !replied && gap_ok {
                members = std::mem::take(&mut st.members);
            }
        }
        let ev_i = evals[i]
            .as_ref()
            .map(|e| (e.answerable(), e.weak_troll, e.topic_switch.clone()));
        let (ans_i, weak_i, switch_i) = ev_i.unwrap_or((false, false, vec![]));
        let mut multi_of: Option<(usize, Vec<Span>, String)> = None;
        if (ans_i || weak_i) && !members.is_empty() && switch_i.is_empty() {
            // The first message and the latest few are enough to find the link; a very
            // long burst must not make this quadratic.
            let tail = members.len().saturating_sub(MAX_LOOKBACK);
            let candidates = members
                .iter()
                .take(1)
                .chain(members[tail.max(1).min(members.len())..].iter());
            for &j in candidates {
                if let (Some(a), Some(b)) = (evals[j].as_ref(), evals[i].as_ref()) {
                    if let Some((ev_spans, why)) = correlated(items[j].msg, a, items[i].msg, b) {
                        multi_of = Some((members[0], ev_spans, why));
                        break;
                    }
                }
            }
        }
        if let Some(ev) = evals[i].as_mut() {
            match multi_of {
                Some((first, spans, why)) => {
                    let mins = match (times[first], time) {
                        (Some(a), Some(b)) => Some(((b - a).abs() + 30) / 60),
                        _ => None,
                    };
                    let first_id = &items[first].msg.id;
                    let (d_id, d_en) = match mins {
                        Some(m) => (
                            format!("lanjutan pesan {first_id} ({m} menit kemudian; {why})"),
                            format!(
                                "follows message {first_id} ({m} min later; {})",
                                why_en(&why)
                            ),
                        ),
                        None => (
                            format!("lanjutan pesan {first_id} ({why})"),
                            format!("follows message {first_id} ({})", why_en(&why)),
                        ),
                    };
                    ev.fired.push(Fired {
                        detail: Some((d_id, d_en)),
                        related: Some(first_id.clone()),
                        ..Fired::new("multi.burst", spans)
                    });
                    ev.decision = Decision::NoReply;
                    ev.category = Some(Category::Multi);
                    ev.decisive = Some("multi.burst".into());
                    ev.weak_troll = false;
                    members.push(i);
                }
                None => {
                    if ev.answerable() {
                        primary[i] = true;
                        if !members.is_empty() {
                            let e = ev.topic_switch.clone();
                            ev.fired.push(Fired::new("reply.new-topic", e));
                        }
                        members.push(i);
                    }
                }
            }
            if after_reply && ev.answerable() {
                ev.fired.push(Fired::new("reply.after-brand-reply", vec![]));
            }
        }
        let s = *state_of.entry(key).or_insert_with(|| {
            states.push(State {
                last: i,
                last_time: None,
                members: vec![],
            });
            states.len() - 1
        });
        if let Some(st) = states.get_mut(s) {
            st.last = i;
            if time.is_some() {
                st.last_time = time;
            }
            st.members = members;
        }
    }
    primary
}

fn why_en(id: &str) -> String {
    match id {
        "percakapan sama" => "same conversation".into(),
        "nomor referensi sama" => "same reference number".into(),
        "tindak lanjut" => "a bare follow-up".into(),
        "sama-sama melaporkan gangguan" => "both report a fault".into(),
        other => match other.strip_prefix("kata sama: ") {
            Some(w) => format!("shared words: {w}"),
            None => other.to_string(),
        },
    }
}

/// Whether message `b` (later) relates to message `a` (earlier) of the same author, with the
/// evidence in `b` and a short Indonesian description of the link.
fn correlated(ma: &Message, a: &MsgEval, mb: &Message, b: &MsgEval) -> Option<(Vec<Span>, String)> {
    if let (Some(ca), Some(cb)) = (ma.conversation.as_deref(), mb.conversation.as_deref()) {
        if !ca.trim().is_empty() && ca == cb {
            let e = if b.ping_spans.is_empty() {
                shared_spans(a, b)
            } else {
                b.ping_spans.clone()
            };
            return Some((e, "percakapan sama".into()));
        }
    }
    // A message has few reference numbers: a scan is enough.
    let refs: Vec<Span> = b
        .refs
        .iter()
        .filter(|(r, _)| a.refs.iter().any(|(ra, _)| ra == r))
        .map(|(_, s)| *s)
        .collect();
    if !refs.is_empty() {
        return Some((refs, "nomor referensi sama".into()));
    }
    if b.followup || a.followup {
        let mut e = b.ping_spans.clone();
        e.extend(b.refs.iter().map(|r| r.1));
        return Some((e, "tindak lanjut".into()));
    }
    let shared = shared_spans(a, b);
    if !shared.is_empty() {
        let mut names: Vec<String> = Vec::new();
        for sp in &shared {
            if names.len() >= 4 {
                break;
            }
            let w = to_lower(mb.text.get(sp.start..sp.end).unwrap_or(""));
            if !w.is_empty() && !names.contains(&w) {
                names.push(w);
            }
        }
        return Some((shared, format!("kata sama: {}", names.join(", "))));
    }
    if !a.problem.is_empty() && !b.problem.is_empty() {
        return Some((b.problem.clone(), "sama-sama melaporkan gangguan".into()));
    }
    None
}

fn shared_spans(a: &MsgEval, b: &MsgEval) -> Vec<Span> {
    b.content
        .iter()
        .filter(|(w, _)| a.content_keys.binary_search(w).is_ok())
        .map(|(_, s)| *s)
        .collect()
}
