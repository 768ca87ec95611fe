//! Plain data types shared by every part of the engine and by its callers (UI, CLI, tests).
//! They mirror the case format and the CLI output in SPEC.md; serde derives are only for those
//! edge formats, and no type here holds behaviour that touches the outside world.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The social network a case comes from. It decides the multi note: `[Multi tweet]` on Twitter,
/// `[Multi Post]` on Facebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    #[default]
    Twitter,
    Facebook,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Twitter, Channel::Facebook];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Twitter => "twitter",
            Channel::Facebook => "facebook",
        }
    }
    pub fn parse(s: &str) -> Option<Channel> {
        match s.trim().to_ascii_lowercase().as_str() {
            "twitter" | "x" | "tw" => Some(Channel::Twitter),
            "facebook" | "fb" => Some(Channel::Facebook),
            _ => None,
        }
    }
}

/// One tweet, post or comment. `time` is kept as the text the case carried (RFC 3339 in the case
/// format); `engine::time` turns it into seconds when the rules need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Message {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<String>,
}

/// The expected outcome of one message in a labelled case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expect {
    pub reply: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One case of the case format (one line of a `.jsonl` file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Case {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub messages: Vec<Message>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paste: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<BTreeMap<String, Expect>>,
}

/// What the agent should do with one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Needs a reply (handled under IN.OCC.TELK.P-01): "Perlu dijawab".
    Reply,
    /// Needs no reply; record the Sociomedia fields and the note: "Tidak perlu dijawab".
    NoReply,
    /// Signals conflict; a person must look: "Periksa manual".
    Review,
    /// A brand/agent message inside a thread: context, not a case.
    Context,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Reply => "reply",
            Decision::NoReply => "no_reply",
            Decision::Review => "review",
            Decision::Context => "context",
        }
    }
}

/// The four no-reply categories of W-21 §5.1 (Promo comes from the note list in §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Troll,
    Multi,
    Kuis,
    Promo,
}

impl Category {
    pub const ALL: [Category; 4] = [Category::Kuis, Category::Promo, Category::Troll, Category::Multi];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Troll => "troll",
            Category::Multi => "multi",
            Category::Kuis => "kuis",
            Category::Promo => "promo",
        }
    }

    /// The exact Sociomedia note of W-21 §5.3 for this category on this channel.
    pub fn note(self, channel: Channel) -> &'static str {
        match (self, channel) {
            (Category::Troll, _) => "[Troll/Iseng]",
            (Category::Multi, Channel::Twitter) => "[Multi tweet]",
            (Category::Multi, Channel::Facebook) => "[Multi Post]",
            (Category::Kuis, _) => "[Kuis]",
            (Category::Promo, _) => "[Promo]",
        }
    }

    /// Precedence when several categories match one message: Kuis, Promo, Troll/Iseng, Multi.
    pub fn precedence(self) -> u8 {
        match self {
            Category::Kuis => 0,
            Category::Promo => 1,
            Category::Troll => 2,
            Category::Multi => 3,
        }
    }
}

/// The four Sociomedia fields of W-21 §5.2, identical for every no-reply case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sociomedia {
    pub category: String,
    pub product: String,
    pub sub_product: String,
    pub reply_type: String,
}

impl Sociomedia {
    pub fn oot() -> Sociomedia {
        Sociomedia {
            category: "Lainnya".to_string(),
            product: "Out Of Topic".to_string(),
            sub_product: "Out Of Topic".to_string(),
            reply_type: "OOT Reply".to_string(),
        }
    }
}

/// A byte range into a message's original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One rule (or signal) that matched a message, with where in the text it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable rule id from the rulebook, e.g. `troll.personal-contact`, `multi.burst`.
    pub rule: String,
    /// The W-21 clause, e.g. `5.1`.
    pub clause: String,
    /// The category this rule decides, if any (signals such as "product problem" have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Byte offsets into the message text of the words that triggered the rule.
    #[serde(default)]
    pub evidence: Vec<Span>,
    /// Indonesian explanation.
    pub why: String,
    /// English explanation.
    #[serde(default)]
    pub why_en: String,
    /// True for the reason that decided the verdict.
    #[serde(default)]
    pub decisive: bool,
    /// For `review.conflict`: the rules whose signals conflicted (e.g. `troll.personal-contact`
    /// and `reply.product-problem`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// For `multi.burst`: the id of the burst's first message (the one to answer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<String>,
}

/// The engine's answer for one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub message: String,
    pub decision: Decision,
    pub category: Option<Category>,
    pub note: Option<String>,
    pub sociomedia: Option<Sociomedia>,
    pub reasons: Vec<Reason>,
    /// True for the message the agent should answer (the earliest of a burst, or a lone case).
    #[serde(default)]
    pub primary: bool,
}
