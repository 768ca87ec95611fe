//! The rulebook compiled for matching: every list entry and rule pattern normalised into a
//! phrase of word keys and indexed by its first word, one lexicon of word forms (abbreviations,
//! the vocabulary, affixed forms and their stems), the typos it corrects, and the brand handle
//! lookups. Built once per rulebook (the book caches it) so classifying a message is a handful
//! of hash lookups per word. Building is not on any hot path: it keeps to few map types and
//! shared helpers, for the size of the web bundle.
//!
//! Owns: turning a message's tokens into normalised words and finding every phrase in them.
//! Must not: decide anything (that is `signals` and `multi`) or hold per-message state.

use crate::engine::model::Span;
use crate::engine::normalize::{
    lowercase, to_lower, tokenize, word_form, word_key, TokKind, Token,
};
use crate::engine::order;
use crate::engine::rulebook::{Lists, Rulebook, BUILTIN_RULE_IDS};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (the Fx algorithm) for the short word keys.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    #[inline(always)]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(Self::K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // Whole 8-byte words, then the tail (no slicing by index: this is the hot loop of
        // every lookup, and `chunks_exact` compiles to straight-line code).
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            self.add(u64::from_le_bytes(a));
        }
        let mut last = 0u64;
        for (j, &b) in words.remainder().iter().enumerate() {
            last |= (b as u64) << (8 * j);
        }
        self.add(last ^ ((bytes.len() as u64) << 59));
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
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

impl L {
    pub const COUNT: usize = L::Stop as usize + 1;
}

/// Everything known about one word form, so reading a word is a single lookup.
#[derive(Debug, Clone, Default)]
struct Lex {
    /// Informal spelling: its normal form (one or more words).
    abbrev: Option<Box<[String]>>,
    /// The form itself appears in a list or pattern.
    vocab: bool,
    /// A listed stem of this affixed form (index into `forms`), and whether "-ku" was removed.
    /// In the typo table: the correctly spelt word.
    stem: Option<(u32, bool)>,
}

/// Hits grouped by list and by rule (index in the book), each group in the order the hits
/// were found. Stored flat (one counting sort, three allocations per message instead of one
/// vector per list and per rule): group `g` is `hits[starts[g]..starts[g + 1]]`, lists first
/// (in `L` order), then rules.
pub struct Buckets<'a> {
    hits: Vec<&'a Hit>,
    starts: Vec<usize>,
}

impl<'a> Buckets<'a> {
    fn group(&self, g: usize) -> &[&'a Hit] {
        match (self.starts.get(g), self.starts.get(g + 1)) {
            (Some(&a), Some(&b)) => self.hits.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
    pub fn list(&self, l: L) -> &[&'a Hit] {
        self.group(l as usize)
    }
    pub fn rule(&self, pos: Option<usize>) -> &[&'a Hit] {
        match pos {
            Some(p) => self.group(L::COUNT + p),
            None => &[],
        }
    }
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

/// One normalised word of a message. Its forms borrow from the message's tokens or from the
/// compiled book, so reading a message copies no word.
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    /// Normal form after abbreviation expansion.
    pub key: &'a str,
    /// A second form known to the vocabulary (the stem, or the corrected typo), if any.
    pub alt: Option<&'a str>,
    /// Byte offsets of the original token.
    pub span: Span,
    /// Index of the token it came from.
    pub tok: usize,
    pub kind: TokKind,
    /// True when a first-person possessive suffix was removed ("wifiku").
    pub poss1: bool,
}

impl<'a> Word<'a> {
    pub fn is(&self, k: &str) -> bool {
        self.key == k || self.alt == Some(k)
    }
    /// The form to compare messages by: the stem when known, else the key.
    pub fn base(&self) -> &'a str {
        self.alt.unwrap_or(self.key)
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

/// The built-in rules, in the order of `BUILTIN_RULE_IDS` (a test checks they agree), so the
/// classifier can refer to them without comparing strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(usize)]
pub enum Rid {
    ContextBrandAuthor,
    ContextAgentSignature,
    KuisHashtag,
    KuisAnswer,
    KuisInviteFriends,
    KuisTopic,
    PromoSelling,
    PromoSpam,
    PromoSharedPost,
    TrollPersonalContact,
    TrollFlirting,
    TrollOtherProvider,
    TrollOffTopic,
    TrollInsultOnly,
    TrollPeerChatter,
    TrollPassingMention,
    TrollChitchat,
    MultiBurst,
    ReplyProductProblem,
    ReplyServiceRequest,
    ReplyAddressedToBrand,
    ReplyFollowUp,
    ReplyCompetitorMention,
    ReplyNewTopic,
    ReplyAfterBrandReply,
    ReplyDefault,
    ReviewConflict,
}

impl Rid {
    pub const ALL: [Rid; 27] = [
        Rid::ContextBrandAuthor,
        Rid::ContextAgentSignature,
        Rid::KuisHashtag,
        Rid::KuisAnswer,
        Rid::KuisInviteFriends,
        Rid::KuisTopic,
        Rid::PromoSelling,
        Rid::PromoSpam,
        Rid::PromoSharedPost,
        Rid::TrollPersonalContact,
        Rid::TrollFlirting,
        Rid::TrollOtherProvider,
        Rid::TrollOffTopic,
        Rid::TrollInsultOnly,
        Rid::TrollPeerChatter,
        Rid::TrollPassingMention,
        Rid::TrollChitchat,
        Rid::MultiBurst,
        Rid::ReplyProductProblem,
        Rid::ReplyServiceRequest,
        Rid::ReplyAddressedToBrand,
        Rid::ReplyFollowUp,
        Rid::ReplyCompetitorMention,
        Rid::ReplyNewTopic,
        Rid::ReplyAfterBrandReply,
        Rid::ReplyDefault,
        Rid::ReviewConflict,
    ];
    /// The rule's id in the book.
    pub fn id(self) -> &'static str {
        BUILTIN_RULE_IDS[self as usize]
    }
}

/// Positions of the built-in rules in the book, and whether each is switched on.
#[derive(Debug, Clone)]
pub struct RuleSlots {
    pos: Vec<Option<usize>>,
    enabled: Vec<bool>,
}

impl RuleSlots {
    /// Index in `book.rules` of a built-in rule.
    pub fn pos(&self, r: Rid) -> Option<usize> {
        self.pos.get(r as usize).copied().flatten()
    }
    pub fn on(&self, r: Rid) -> bool {
        self.enabled.get(r as usize).copied().unwrap_or(false)
    }
}

/// The compiled rulebook.
#[derive(Debug)]
pub struct Compiled {
    /// Every word form the book knows: listed words, abbreviations, affixed forms.
    lex: FxMap<String, Lex>,
    /// Each correctable word and its one-letter deletions, to the word (as the entry's `stem`:
    /// the same entry type as `lex`, so the bundle carries one kind of map fewer).
    fuzzy: FxMap<String, Lex>,
    /// (first letter, length) of the words a typo of a correctable word can have, sorted, to
    /// skip the search for the many words that cannot be one.
    fuzzy_heads: Vec<(char, usize)>,
    /// The stems and correctable words that `Lex::stem` points to.
    forms: Vec<String>,
    phrases: FxMap<String, Vec<Phrase>>,
    brand_handles: FxSet<String>,
    brand_prefixes: Vec<String>,
    brand_pages: FxSet<String>,
    pub quiz_hashtags: Vec<String>,
    /// Product names squeezed into hashtag form ("wifi.id" -> "wifiid"), 5+ letters.
    pub product_tags: Vec<String>,
    pub slots: RuleSlots,
    /// Rules of the user's own (`detector: "phrases"`): their index in `book.rules`.
    pub phrase_rules: Vec<usize>,
}

const NEG_PREFIXES: &[&str] = &["gak", "ga", "gk", "ngak", "nga", "ndak", "tak", "tdk"];
const SUFFIXES: &[&str] = &["nya", "lah", "kah", "ku", "mu", "in", "an", "kan", "pun"];
const PREFIXES: &[&str] = &[
    "di", "ke", "ter", "nge", "ng", "me", "mem", "men", "meng", "ber", "se", "ku",
];
const PREFIX_SUFFIX: &[(&str, &str)] = &[
    ("di", "in"),
    ("di", "kan"),
    ("di", "nya"),
    ("nge", "in"),
    ("ng", "in"),
    ("di", "an"),
    ("ke", "an"),
    ("pe", "an"),
    ("per", "an"),
];

impl Compiled {
    // Not inlined into the book's cache: one copy, run once per rulebook.
    #[inline(never)]
    pub fn new(book: &Rulebook) -> Compiled {
        let lists = &book.lists;
        let mut c = Compiled {
            lex: FxMap::default(),
            fuzzy: FxMap::default(),
            fuzzy_heads: Vec::new(),
            forms: Vec::new(),
            phrases: FxMap::default(),
            // (An empty handle is never looked up: `is_brand_norm` and `is_brand_handle` check.)
            brand_handles: key_set(&lists.brand_handles, &handle_key),
            brand_prefixes: keys(&lists.brand_handle_prefixes, &handle_key),
            brand_pages: key_set(&lists.brand_page_names, &|p| page_key(p).into_owned()),
            quiz_hashtags: keys(&lists.quiz_hashtags, &|h| {
                word_key(h.trim().trim_start_matches('#'))
            }),
            product_tags: keys(&lists.products_in_scope, &|p| {
                word_key(
                    &p.chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect::<String>(),
                )
            }),
            slots: RuleSlots {
                pos: vec![None; BUILTIN_RULE_IDS.len()],
                enabled: vec![false; BUILTIN_RULE_IDS.len()],
            },
            phrase_rules: Vec::new(),
        };
        for (k, v) in &lists.abbreviations {
            c.add_abbreviation(k, v);
        }
        // Typo correction is only offered for the words that make a message a complaint: a
        // misspelt outage word should still count, and guessing there errs towards a reply.
        let mut fuzzy_sources: Vec<String> = Vec::new();
        for (list, l) in list_table(lists) {
            for entry in list {
                let words = c.phrase_words(entry);
                if matches!(l, L::Problem | L::Product | L::ServiceObject)
                    && words.len() == 1
                    && words[0].chars().count() >= 7
                {
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
        c.product_tags.retain(|p| p.chars().count() >= 5);
        c.build_affixes();
        c.build_typos(fuzzy_sources);
        c
    }

    /// Records an informal spelling and its normal form (a later spelling with the same key
    /// replaces an earlier one).
    fn add_abbreviation(&mut self, spelling: &str, normal: &str) {
        let key = word_key(spelling.trim());
        let words: Vec<String> = normal
            .split_whitespace()
            .map(word_key)
            .filter(|w| !w.is_empty())
            .collect();
        if !key.is_empty() && !words.is_empty() {
            lex_entry(&mut self.lex, key).abbrev = Some(words.into_boxed_slice());
        }
    }

    /// A list entry or pattern as a phrase of word keys (tokenised and expanded like messages,
    /// but not stemmed: entries are written in the form to match).
    fn phrase_words(&self, entry: &str) -> Vec<String> {
        let mut out = Vec::new();
        for t in tokenize(entry) {
            match t.kind {
                TokKind::Word | TokKind::Number | TokKind::Hashtag | TokKind::Mention => {
                    match self.abbrev(&t.norm) {
                        Some(exp) => out.extend(exp.iter().cloned()),
                        None => out.push(t.norm.into_owned()),
                    }
                }
                TokKind::Url => out.push(t.norm.into_owned()),
                TokKind::Punct => {}
            }
        }
        out
    }

    fn add_phrase(&mut self, words: Vec<String>, class: Class) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        for w in &words {
            lex_entry(&mut self.lex, w.clone()).vocab = true;
        }
        let entry = self.phrases.entry(first.clone()).or_default();
        if !entry.iter().any(|p| p.class == class && *p.rest == *rest) {
            entry.push(Phrase {
                rest: rest.to_vec().into_boxed_slice(),
                class,
            });
        }
    }

    /// A hashtag that names an in-scope product ("#IndiHome", "#wifiindihome").
    pub fn is_product_tag(&self, tag: &str) -> bool {
        self.product_tags.iter().any(|p| tag.contains(p.as_str()))
    }

    /// The list entries of `l` and the rule patterns found in `hits`, bucketed once.
    pub fn buckets<'a>(&self, hits: &'a [Hit], rules: usize) -> Buckets<'a> {
        let groups = L::COUNT + rules;
        // A rule hit outside the book's rules belongs to no group (as before: it is dropped).
        let group = |h: &Hit| match h.class {
            Class::List(l) => Some(l as usize),
            Class::Rule(r) if (r as usize) < rules => Some(L::COUNT + r as usize),
            Class::Rule(_) => None,
        };
        // Count per group, turn counts into start offsets, then place each hit (stable).
        let mut starts = vec![0usize; groups + 1];
        for g in hits.iter().filter_map(group) {
            starts[g + 1] += 1;
        }
        for g in 0..groups {
            starts[g + 1] += starts[g];
        }
        let mut next = starts.clone();
        let placeholder = match hits.first() {
            Some(h) => h,
            None => {
                return Buckets {
                    hits: Vec::new(),
                    starts,
                }
            }
        };
        let mut placed: Vec<&Hit> = vec![placeholder; starts[groups]];
        for h in hits {
            if let Some(g) = group(h) {
                placed[next[g]] = h;
                next[g] += 1;
            }
        }
        Buckets {
            hits: placed,
            starts,
        }
    }

    /// Like `is_brand_handle` for a handle already in lower case without `@` (a mention's
    /// normal form).
    pub fn is_brand_norm(&self, h: &str) -> bool {
        !h.is_empty()
            && (self.brand_handles.contains(h)
                || self
                    .brand_prefixes
                    .iter()
                    .any(|p| h.starts_with(p.as_str())))
    }

    /// True when `handle` (with or without `@`, any case) is a brand account.
    pub fn is_brand_handle(&self, handle: &str) -> bool {
        let h = lowercase(handle.trim().trim_start_matches('@'));
        // ASCII whitespace is checked on bytes; other text needs the Unicode test.
        let spaced = if h.is_ascii() {
            h.bytes().any(|b| matches!(b, b'\t'..=b'\r' | b' '))
        } else {
            h.contains(char::is_whitespace)
        };
        !h.is_empty()
            && !spaced
            && (self.brand_handles.contains(&*h)
                || self
                    .brand_prefixes
                    .iter()
                    .any(|p| h.starts_with(p.as_str())))
    }

    /// True when an author is a brand account or a brand Facebook page.
    pub fn is_brand_author(&self, author: &str) -> bool {
        self.is_brand_handle(author) || self.brand_pages.contains(&*page_key(author))
    }

    /// The normal form of an informal spelling.
    fn abbrev(&self, k: &str) -> Option<&[String]> {
        self.lex.get(k).and_then(|e| e.abbrev.as_deref())
    }

    /// Every affixed form of every vocabulary word ("jaringannya", "dibenerin", "wifiku"),
    /// squeezed like message words (so "adminnya" is found as "adminya"), mapped to its stem.
    /// Earlier patterns win: suffixes, then prefixes, then both.
    fn build_affixes(&mut self) {
        let mut stems: Vec<String> = self
            .lex
            .iter()
            .filter(|(v, e)| {
                e.vocab && v.chars().count() >= 3 && v.chars().all(char::is_alphabetic)
            })
            .map(|(v, _)| v.clone())
            .collect();
        order::sort(&mut stems);
        let forms_per_stem = SUFFIXES.len() + 3 + PREFIXES.len() + PREFIX_SUFFIX.len();
        self.lex.reserve(stems.len() * forms_per_stem);
        // One buffer for every form.
        let mut form = String::new();
        for (i, v) in stems.iter().enumerate() {
            let i = i as u32;
            let mut add = |parts: [&str; 4], poss1: bool| {
                form.clear();
                for p in parts {
                    form.push_str(p);
                }
                let key = word_form(&form);
                if *key != **v {
                    first_stem(&mut self.lex, key.into_owned(), (i, poss1));
                }
            };
            for suf in SUFFIXES {
                add(["", v, suf, ""], *suf == "ku");
            }
            for suf2 in ["in", "an", "kan"] {
                add(["", v, suf2, "nya"], false);
            }
            for pre in PREFIXES {
                add([pre, v, "", ""], false);
            }
            for (pre, suf) in PREFIX_SUFFIX {
                add([pre, v, suf, ""], false);
            }
        }
        self.forms = stems;
    }

    /// The typo table: each correctable word, and each of its forms without one letter, to the
    /// word (the first word to claim a form keeps it).
    fn build_typos(&mut self, sources: Vec<String>) {
        let mut buf = String::new();
        for w in sources {
            let n = w.chars().count();
            let Some(first) = w.chars().next() else {
                continue;
            };
            // A typo keeps the first letter and is at most one letter longer or shorter.
            for len in n - 1..=n + 1 {
                self.fuzzy_heads.push((first, len));
            }
            let i = self.forms.len() as u32;
            for (at, c) in w.char_indices() {
                buf.clear();
                buf.push_str(&w[..at]);
                buf.push_str(&w[at + c.len_utf8()..]);
                first_stem(&mut self.fuzzy, buf.clone(), (i, false));
            }
            first_stem(&mut self.fuzzy, w.clone(), (i, false));
            self.forms.push(w);
        }
        order::sort_dedup(&mut self.fuzzy_heads);
    }

    /// A vocabulary word one edit away from `k` (long words only).
    fn correct(&self, k: &str) -> Option<&str> {
        let n = k.chars().count();
        if !(7..=24).contains(&n) || !k.chars().all(char::is_alphabetic) {
            return None;
        }
        if !k
            .chars()
            .next()
            .map(|f| self.fuzzy_heads.binary_search(&(f, n)).is_ok())
            .unwrap_or(false)
        {
            return None;
        }
        // Typos keep the first letter; requiring it avoids "bilang" -> "hilang".
        let fix = |typo: &str| {
            let w = self.fuzzy.get(typo)?.stem?.0;
            Some(self.forms[w as usize].as_str()).filter(|w| w.chars().next() == k.chars().next())
        };
        if let Some(w) = fix(k) {
            return Some(w);
        }
        let mut buf = String::with_capacity(k.len());
        // `k` without one char, each char in turn.
        for (at, c) in k.char_indices() {
            buf.clear();
            buf.push_str(&k[..at]);
            buf.push_str(&k[at + c.len_utf8()..]);
            if let Some(w) = fix(&buf) {
                if w.chars().count() + 1 >= n {
                    return Some(w);
                }
            }
        }
        None
    }

    /// Turns tokens into normalised words: abbreviations expanded ("gabisa" -> "tidak bisa"),
    /// a negation glued to a known word split off ("gajelas" -> "tidak jelas"), unknown words
    /// stemmed ("jaringannya" -> "jaringan") or corrected ("gamgguan" -> "gangguan").
    pub fn words<'a>(&'a self, tokens: &'a [Token]) -> Vec<Word<'a>> {
        let mut out = Vec::with_capacity(tokens.len() + 4);
        for (ti, t) in tokens.iter().enumerate() {
            self.push_token(&mut out, ti, t);
        }
        out
    }

    /// Adds the word(s) of token `ti` to `out`: words are normalised, numbers and hashtags are
    /// kept as they are.
    fn push_token<'a>(&'a self, out: &mut Vec<Word<'a>>, ti: usize, t: &'a Token) {
        match t.kind {
            TokKind::Word => self.push_word(out, ti, t),
            TokKind::Number | TokKind::Hashtag => out.push(Word {
                key: &t.norm,
                alt: None,
                span: t.span,
                tok: ti,
                kind: t.kind,
                poss1: false,
            }),
            _ => {}
        }
    }

    fn push_word<'a>(&'a self, out: &mut Vec<Word<'a>>, ti: usize, t: &'a Token) {
        let mk = |key: &'a str, alt: Option<&'a str>, poss1: bool| Word {
            key,
            alt,
            span: t.span,
            tok: ti,
            kind: TokKind::Word,
            poss1,
        };
        let k: &'a str = &t.norm;
        let entry = self.lex.get(k);
        if let Some(exp) = entry.and_then(|e| e.abbrev.as_ref()) {
            for w in exp.iter() {
                out.push(mk(w, None, false));
            }
            return;
        }
        let stem = entry
            .and_then(|e| e.stem)
            .map(|(i, p)| (self.forms[i as usize].as_str(), p));
        let (alt, poss1) = match (entry.map(|e| e.vocab).unwrap_or(false), stem) {
            // A listed word may still have a listed stem ("adminnya" is in a phrase, "admin"
            // is an agent word): keep both forms.
            (true, Some((s, p))) => (Some(s), p),
            (true, None) => (None, false),
            (false, st) => {
                if let Some((rk, ralt)) = self.split_negation(k) {
                    out.push(mk("tidak", None, false));
                    out.push(mk(rk, ralt, false));
                    return;
                }
                match st {
                    Some((s, p)) => (Some(s), p),
                    None => (self.correct(k), false),
                }
            }
        };
        out.push(mk(k, alt, poss1));
    }

    /// "gajelas" -> ("jelas", None), "gadibales" -> ("dibales", Some("balas")): a negation glued
    /// to a word the vocabulary knows.
    fn split_negation<'a>(&'a self, k: &'a str) -> Option<(&'a str, Option<&'a str>)> {
        // Every negation prefix starts with g, n or t (a test checks): most words stop here.
        if !matches!(k.as_bytes().first(), Some(b'g' | b'n' | b't')) {
            return None;
        }
        for pre in NEG_PREFIXES {
            let Some(rest) = k.strip_prefix(pre) else {
                continue;
            };
            if rest.chars().count() < 3 {
                continue;
            }
            // The abbreviation, else the listed word, else its stem (one lookup for all three).
            return Some(match self.lex.get(rest) {
                Some(Lex {
                    abbrev: Some(exp), ..
                }) if exp.len() == 1 => (exp[0].as_str(), None),
                Some(e) if e.vocab => (rest, None),
                Some(Lex {
                    stem: Some((s, _)), ..
                }) => (rest, Some(self.forms[*s as usize].as_str())),
                _ => continue,
            });
        }
        None
    }

    /// Every phrase of the book found in `words` (overlapping matches included).
    pub fn hits(&self, words: &[Word]) -> Vec<Hit> {
        let mut out = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            let w = &words[i];
            let mut firsts: [Option<&str>; 2] = [Some(w.key), w.alt];
            if firsts[1] == firsts[0] {
                firsts[1] = None;
            }
            for f in firsts.into_iter().flatten() {
                let Some(list) = self.phrases.get(f) else {
                    continue;
                };
                for p in list {
                    let n = p.rest.len();
                    if i + n >= words.len() {
                        continue;
                    }
                    if p.rest
                        .iter()
                        .enumerate()
                        .all(|(j, r)| words[i + 1 + j].is(r))
                    {
                        let last = &words[i + n];
                        out.push(Hit {
                            class: p.class,
                            w0: i,
                            w1: i + n + 1,
                            span: Span {
                                start: w.span.start,
                                end: last.span.end,
                            },
                        });
                    }
                }
            }
        }
        out
    }
}

/// The entry of `k` in a table of word forms, added if missing (one shared body for every
/// insertion while the book is compiled).
#[inline(never)]
fn lex_entry(table: &mut FxMap<String, Lex>, k: String) -> &mut Lex {
    table.entry(k).or_default()
}

/// Points `k` to `stem` unless an earlier form already did.
fn first_stem(table: &mut FxMap<String, Lex>, k: String, stem: (u32, bool)) {
    let e = lex_entry(table, k);
    if e.stem.is_none() {
        e.stem = Some(stem);
    }
}

/// The non-empty keys `key` makes of a list's entries, in order (one shared body for the
/// lists compiled into lookups).
#[inline(never)]
fn keys(list: &[String], key: &dyn Fn(&str) -> String) -> Vec<String> {
    list.iter()
        .map(|e| key(e))
        .filter(|k| !k.is_empty())
        .collect()
}

/// The same keys as a set.
#[inline(never)]
fn key_set(list: &[String], key: &dyn Fn(&str) -> String) -> FxSet<String> {
    keys(list, key).into_iter().collect()
}

/// A handle (a brand's, or a message author's in `multi`) in lower case without `@`.
pub(crate) fn handle_key(h: &str) -> String {
    to_lower(h.trim().trim_start_matches('@'))
}

/// A page name compared without case and with runs of spaces as one.
fn page_key(s: &str) -> Cow<'_, str> {
    // Already one space between words (ASCII, no other whitespace, none at either end): only
    // the case may change.
    let b = s.as_bytes();
    let spaced = s.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b.iter().any(|c| matches!(c, b'\t'..=b'\r'));
    if spaced {
        return lowercase(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    match lowercase(&out) {
        Cow::Borrowed(_) => Cow::Owned(out),
        Cow::Owned(l) => Cow::Owned(l),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_enum_follows_the_builtin_id_order() {
        assert_eq!(Rid::ALL.len(), BUILTIN_RULE_IDS.len());
        for r in Rid::ALL {
            // `KuisInviteFriends` <-> `kuis.invite-friends`.
            let camel: String = r
                .id()
                .split(['.', '-'])
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            assert_eq!(format!("{r:?}"), camel);
        }
    }

    #[test]
    fn affixed_squeezed_and_misspelt_words_find_their_listed_form() {
        let book = Rulebook::builtin();
        let c = Compiled::new(&book);
        let toks = tokenize("jaringannya adminnya wifiku gamgguan gajelas gabisa");
        let words = c.words(&toks);
        let forms: Vec<(&str, Option<&str>)> = words.iter().map(|w| (w.key, w.alt)).collect();
        assert!(
            forms.contains(&("jaringanya", Some("jaringan"))),
            "{forms:?}"
        );
        assert!(forms.contains(&("adminya", Some("admin"))), "{forms:?}");
        assert!(words.iter().any(|w| w.alt == Some("wifi") && w.poss1));
        assert!(forms.contains(&("gamguan", Some("ganguan"))), "{forms:?}");
        assert_eq!(words.iter().filter(|w| w.key == "tidak").count(), 2);
    }

    #[test]
    fn negation_prefixes_start_with_the_letters_split_negation_expects() {
        for p in NEG_PREFIXES {
            assert!(
                matches!(p.as_bytes().first(), Some(b'g' | b'n' | b't')),
                "{p}"
            );
        }
    }

    #[test]
    fn page_keys_collapse_whitespace_and_case() {
        for (s, k) in [
            ("IndiHome", "indihome"),
            ("Telkom  Indonesia", "telkom indonesia"),
            (" Telkom Indonesia ", "telkom indonesia"),
            ("Telkom\u{b}Indonesia", "telkom indonesia"),
            ("Télkom\u{a0}Indonesia", "télkom indonesia"),
            ("telkom indonesia", "telkom indonesia"),
        ] {
            assert_eq!(page_key(s), k, "{s:?}");
        }
    }

    #[test]
    fn a_common_word_is_not_corrected_into_a_complaint_word() {
        let book = Rulebook::builtin();
        let c = Compiled::new(&book);
        let toks = tokenize("bilang");
        let words = c.words(&toks);
        assert_eq!(words[0].alt, None);
    }
}
