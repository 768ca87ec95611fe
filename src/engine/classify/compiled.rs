//! The rulebook compiled for matching: every list entry and rule pattern normalised into a
//! phrase of word keys and indexed by its first word, the abbreviation table, the vocabulary
//! used to stem and to correct typos, and the brand handle lookups. Built once per rulebook
//! (the book caches it) so classifying a message is a handful of hash lookups per word.
//!
//! Owns: turning a message's tokens into normalised words and finding every phrase in them.
//! Must not: decide anything (that is `signals` and `multi`) or hold per-message state.

use crate::engine::model::Span;
use crate::engine::normalize::{tokenize, word_key, TokKind, Token};
use crate::engine::rulebook::{Lists, Rulebook, BUILTIN_RULE_IDS};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (the Fx algorithm) for the short word keys.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn write_usize(&mut self, i: usize) {
        self.write(&(i as u64).to_le_bytes());
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;
pub type FxSet<K> = HashSet<K, FxBuild>;

/// The shared word lists a phrase can belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum L {
    Product,
    ServiceObject,
    OtherProvider,
    Personal,
    QuizMarker,
    PromoMarker,
    Ping,
    Problem,
    Negative,
    Service,
    Agent,
    FirstPerson,
    Figurative,
    Presence,
    Pending,
    Question,
    Chatter,
    Stop,
}

/// What a matched phrase is: an entry of a shared list, or a pattern of rule number `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    List(L),
    Rule(u16),
}

#[derive(Debug, Clone)]
struct Phrase {
    rest: Box<[String]>,
    class: Class,
}

/// One normalised word of a message.
#[derive(Debug, Clone)]
pub struct Word {
    /// Normal form after abbreviation expansion.
    pub key: String,
    /// A second form known to the vocabulary (the stem, or the corrected typo), if any.
    pub alt: Option<String>,
    /// Byte offsets of the original token.
    pub span: Span,
    /// Index of the token it came from.
    pub tok: usize,
    pub kind: TokKind,
    /// True when a first-person possessive suffix was removed ("wifiku").
    pub poss1: bool,
}

impl Word {
    pub fn is(&self, k: &str) -> bool {
        self.key == k || self.alt.as_deref() == Some(k)
    }
    /// The form to compare messages by: the stem when known, else the key.
    pub fn base(&self) -> &str {
        self.alt.as_deref().unwrap_or(&self.key)
    }
}

/// One phrase found in a message: words `w0..w1`.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub class: Class,
    pub w0: usize,
    pub w1: usize,
    pub span: Span,
}

/// Positions of the built-in rules in the book, and whether each is switched on.
#[derive(Debug, Clone)]
pub struct RuleSlots {
    pos: Vec<Option<usize>>,
    enabled: Vec<bool>,
}

impl RuleSlots {
    /// Index in `book.rules` of a built-in rule.
    pub fn pos(&self, id: &str) -> Option<usize> {
        BUILTIN_RULE_IDS.iter().position(|r| *r == id).and_then(|i| self.pos[i])
    }
    pub fn on(&self, id: &str) -> bool {
        BUILTIN_RULE_IDS.iter().position(|r| *r == id).map(|i| self.enabled[i]).unwrap_or(false)
    }
}

/// The compiled rulebook.
#[derive(Debug)]
pub struct Compiled {
    abbrev: FxMap<String, Vec<String>>,
    vocab: FxSet<String>,
    fuzzy: FxMap<String, String>,
    phrases: FxMap<String, Vec<Phrase>>,
    brand_handles: FxSet<String>,
    brand_prefixes: Vec<String>,
    pub quiz_hashtags: Vec<String>,
    pub slots: RuleSlots,
    /// Rules of the user's own (`detector: "phrases"`): their index in `book.rules`.
    pub phrase_rules: Vec<usize>,
}

const NEG_PREFIXES: &[&str] = &["gak", "ga", "gk", "ngak", "nga", "ndak", "tak", "tdk"];
const SUFFIXES: &[&str] = &["nya", "lah", "kah", "ku", "mu", "in", "an", "kan", "pun"];
const PREFIXES: &[&str] = &["di", "ke", "ter", "nge", "ng", "me", "mem", "men", "meng", "ber", "se", "ku"];
const PREFIX_SUFFIX: &[(&str, &str)] =
    &[("di", "in"), ("di", "kan"), ("di", "nya"), ("nge", "in"), ("ng", "in"), ("di", "an"), ("ke", "an"), ("pe", "an"), ("per", "an")];

impl Compiled {
    pub fn new(book: &Rulebook) -> Compiled {
        let lists = &book.lists;
        let mut abbrev: FxMap<String, Vec<String>> = FxMap::default();
        for (k, v) in &lists.abbreviations {
            let key = word_key(k.trim());
            let words: Vec<String> = v.split_whitespace().map(word_key).filter(|w| !w.is_empty()).collect();
            if !key.is_empty() && !words.is_empty() {
                abbrev.insert(key, words);
            }
        }
        let mut c = Compiled {
            abbrev,
            vocab: FxSet::default(),
            fuzzy: FxMap::default(),
            phrases: FxMap::default(),
            brand_handles: lists.brand_handles.iter().map(|h| h.trim().trim_start_matches('@').to_lowercase()).collect(),
            brand_prefixes: lists
                .brand_handle_prefixes
                .iter()
                .map(|h| h.trim().trim_start_matches('@').to_lowercase())
                .filter(|h| !h.is_empty())
                .collect(),
            quiz_hashtags: lists.quiz_hashtags.iter().map(|h| word_key(h.trim().trim_start_matches('#'))).filter(|h| !h.is_empty()).collect(),
            slots: RuleSlots { pos: vec![None; BUILTIN_RULE_IDS.len()], enabled: vec![false; BUILTIN_RULE_IDS.len()] },
            phrase_rules: Vec::new(),
        };
        // Typo correction is only offered for the words that make a message a complaint: a
        // misspelt outage word should still count, and guessing there errs towards a reply.
        let mut fuzzy_sources: Vec<String> = Vec::new();
        for (list, l) in list_table(lists) {
            for entry in list {
                let words = c.phrase_words(entry);
                if matches!(l, L::Problem | L::Product | L::ServiceObject) && words.len() == 1 && words[0].chars().count() >= 7 {
                    fuzzy_sources.push(words[0].clone());
                }
                c.add_phrase(words, Class::List(l));
            }
        }
        for (i, r) in book.rules.iter().enumerate() {
            for p in &r.patterns {
                let words = c.phrase_words(p);
                c.add_phrase(words, Class::Rule(i as u16));
            }
            if let Some(slot) = BUILTIN_RULE_IDS.iter().position(|id| *id == r.id) {
                if r.detector.is_none() {
                    c.slots.pos[slot] = Some(i);
                    c.slots.enabled[slot] = r.enabled;
                }
            } else if r.detector.as_deref() == Some("phrases") && r.enabled {
                c.phrase_rules.push(i);
            }
        }
        for w in fuzzy_sources {
            let chars: Vec<char> = w.chars().collect();
            for skip in 0..chars.len() {
                let del: String = chars.iter().enumerate().filter(|(j, _)| *j != skip).map(|(_, c)| *c).collect();
                c.fuzzy.entry(del).or_insert_with(|| w.clone());
            }
            c.fuzzy.entry(w.clone()).or_insert(w);
        }
        c
    }

    /// A list entry or pattern as a phrase of word keys (tokenised and expanded like messages,
    /// but not stemmed: entries are written in the form to match).
    fn phrase_words(&self, entry: &str) -> Vec<String> {
        let mut out = Vec::new();
        for t in tokenize(entry) {
            match t.kind {
                TokKind::Word | TokKind::Number | TokKind::Hashtag | TokKind::Mention => match self.abbrev.get(&t.norm) {
                    Some(exp) => out.extend(exp.iter().cloned()),
                    None => out.push(t.norm),
                },
                TokKind::Url => out.push(t.norm),
                TokKind::Punct => {}
            }
        }
        out
    }

    fn add_phrase(&mut self, words: Vec<String>, class: Class) {
        let Some((first, rest)) = words.split_first() else { return };
        for w in &words {
            self.vocab.insert(w.clone());
        }
        let entry = self.phrases.entry(first.clone()).or_default();
        if !entry.iter().any(|p| p.class == class && *p.rest == *rest) {
            entry.push(Phrase { rest: rest.to_vec().into_boxed_slice(), class });
        }
    }

    /// True when `handle` (with or without `@`, any case) is a brand account.
    pub fn is_brand_handle(&self, handle: &str) -> bool {
        let h = handle.trim().trim_start_matches('@').to_lowercase();
        !h.is_empty() && (self.brand_handles.contains(&h) || self.brand_prefixes.iter().any(|p| h.starts_with(p.as_str())))
    }

    /// The stem of an unknown word that the vocabulary knows, and whether a first-person
    /// possessive ("-ku") was removed.
    fn stem(&self, k: &str) -> Option<(String, bool)> {
        let known = |s: &str| s.chars().count() >= 3 && self.vocab.contains(s);
        // Squeezing repeated letters glues "-nya" onto a final "n" ("adminnya" -> "adminya"):
        // undo that first.
        if let Some(s) = k.strip_suffix("ya") {
            if s.ends_with('n') && known(s) {
                return Some((s.to_string(), false));
            }
        }
        for suf in SUFFIXES {
            if let Some(s) = k.strip_suffix(suf) {
                if known(s) {
                    return Some((s.to_string(), *suf == "ku"));
                }
                // "benerinnya" -> "benerin" -> "bener".
                if *suf == "nya" {
                    for suf2 in ["in", "an", "kan"] {
                        if let Some(s2) = s.strip_suffix(suf2) {
                            if known(s2) {
                                return Some((s2.to_string(), false));
                            }
                        }
                    }
                }
            }
        }
        for pre in PREFIXES {
            if let Some(s) = k.strip_prefix(pre) {
                if known(s) {
                    return Some((s.to_string(), false));
                }
            }
        }
        for (pre, suf) in PREFIX_SUFFIX {
            if let Some(s) = k.strip_prefix(pre).and_then(|s| s.strip_suffix(suf)) {
                if known(s) {
                    return Some((s.to_string(), false));
                }
            }
        }
        None
    }

    /// A vocabulary word one edit away from `k` (long words only).
    fn correct(&self, k: &str) -> Option<String> {
        let n = k.chars().count();
        if n < 7 || n > 24 || !k.chars().all(char::is_alphabetic) {
            return None;
        }
        // Typos keep the first letter; requiring it avoids "bilang" -> "hilang".
        let same_start = |w: &String| w.chars().next() == k.chars().next();
        if let Some(w) = self.fuzzy.get(k).filter(|w| same_start(w)) {
            return Some(w.clone());
        }
        let chars: Vec<char> = k.chars().collect();
        let mut buf = String::with_capacity(k.len());
        for skip in 0..chars.len() {
            buf.clear();
            buf.extend(chars.iter().enumerate().filter(|(j, _)| *j != skip).map(|(_, c)| *c));
            if let Some(w) = self.fuzzy.get(buf.as_str()).filter(|w| same_start(w)) {
                if w.chars().count() + 1 >= n {
                    return Some(w.clone());
                }
            }
        }
        None
    }

    /// Turns tokens into normalised words: abbreviations expanded ("gabisa" -> "tidak bisa"),
    /// a negation glued to a known word split off ("gajelas" -> "tidak jelas"), unknown words
    /// stemmed ("jaringannya" -> "jaringan") or corrected ("gamgguan" -> "gangguan").
    pub fn words(&self, tokens: &[Token]) -> Vec<Word> {
        let mut out = Vec::with_capacity(tokens.len());
        for (ti, t) in tokens.iter().enumerate() {
            match t.kind {
                TokKind::Word => self.push_word(&mut out, ti, t),
                TokKind::Number | TokKind::Hashtag => out.push(Word {
                    key: t.norm.clone(),
                    alt: None,
                    span: t.span,
                    tok: ti,
                    kind: t.kind,
                    poss1: false,
                }),
                _ => {}
            }
        }
        out
    }

    fn push_word(&self, out: &mut Vec<Word>, ti: usize, t: &Token) {
        let mk = |key: String, alt: Option<String>, poss1: bool| Word { key, alt, span: t.span, tok: ti, kind: TokKind::Word, poss1 };
        let k = t.norm.as_str();
        if let Some(exp) = self.abbrev.get(k) {
            for w in exp {
                out.push(mk(w.clone(), None, false));
            }
            return;
        }
        if self.vocab.contains(k) {
            // A listed word may still have a listed stem ("adminnya" is in a phrase, "admin"
            // is an agent word): keep both forms.
            let (alt, poss1) = match self.stem(k) {
                Some((s, p)) => (Some(s), p),
                None => (None, false),
            };
            out.push(mk(k.to_string(), alt, poss1));
            return;
        }
        for pre in NEG_PREFIXES {
            if let Some(rest) = k.strip_prefix(pre) {
                if rest.chars().count() < 3 {
                    continue;
                }
                let (rk, ralt) = match self.abbrev.get(rest) {
                    Some(exp) if exp.len() == 1 => (exp[0].clone(), None),
                    _ if self.vocab.contains(rest) => (rest.to_string(), None),
                    _ => match self.stem(rest) {
                        Some((s, _)) => (rest.to_string(), Some(s)),
                        None => continue,
                    },
                };
                out.push(mk("tidak".into(), None, false));
                out.push(mk(rk, ralt, false));
                return;
            }
        }
        if let Some((s, poss1)) = self.stem(k) {
            out.push(mk(k.to_string(), Some(s), poss1));
            return;
        }
        let alt = self.correct(k);
        out.push(mk(k.to_string(), alt, false));
    }

    /// Every phrase of the book found in `words` (overlapping matches included).
    pub fn hits(&self, words: &[Word]) -> Vec<Hit> {
        let mut out = Vec::new();
        for i in 0..words.len() {
            let w = &words[i];
            let mut firsts: [Option<&str>; 2] = [Some(w.key.as_str()), w.alt.as_deref()];
            if firsts[1] == firsts[0] {
                firsts[1] = None;
            }
            for f in firsts.into_iter().flatten() {
                let Some(list) = self.phrases.get(f) else { continue };
                for p in list {
                    let n = p.rest.len();
                    if i + n >= words.len() {
                        continue;
                    }
                    if p.rest.iter().enumerate().all(|(j, r)| words[i + 1 + j].is(r)) {
                        let last = &words[i + n];
                        out.push(Hit { class: p.class, w0: i, w1: i + n + 1, span: Span { start: w.span.start, end: last.span.end } });
                    }
                }
            }
        }
        out
    }
}

fn list_table(l: &Lists) -> Vec<(&Vec<String>, L)> {
    vec![
        (&l.products_in_scope, L::Product),
        (&l.service_objects, L::ServiceObject),
        (&l.other_providers, L::OtherProvider),
        (&l.personal_request_phrases, L::Personal),
        (&l.quiz_markers, L::QuizMarker),
        (&l.promo_markers, L::PromoMarker),
        (&l.follow_up_pings, L::Ping),
        (&l.problem_words, L::Problem),
        (&l.negative_words, L::Negative),
        (&l.service_words, L::Service),
        (&l.agent_words, L::Agent),
        (&l.first_person_words, L::FirstPerson),
        (&l.figurative_words, L::Figurative),
        (&l.presence_markers, L::Presence),
        (&l.pending_markers, L::Pending),
        (&l.question_words, L::Question),
        (&l.chatter_markers, L::Chatter),
        (&l.stop_words, L::Stop),
    ]
}
