//! Reading one message on its own: who it is addressed to, what it is about, which rules fire,
//! and the decision they lead to before the thread is considered (bursts are `multi`'s job).
//!
//! The signals, in the order W-21's precedence needs them:
//! - addressing: a tweet whose first mention is a brand account, or that names a brand outside
//!   its leading mention chain, or calls the admin ("min"), is addressed to Telkom; a tweet that
//!   opens with another user's handle is a reply in someone else's conversation; a tweet with
//!   no mention is unaddressed. Facebook posts are on the brand's page, so always addressed.
//! - what it is about: products in scope and other providers (a product right after "kayak",
//!   "serasa", "anak" is a figure of speech, not the subject), and every fault or bad word is
//!   attributed to the nearest product or provider, so "kartu XL saya gak bisa internetan" is
//!   about XL while "indihome lemot, pindah ke biznet aja" is about IndiHome.
//! - whether it is a complaint: a fault, a bad judgement, a pending request, a "why", or a
//!   first-person service request about an in-scope product.
//!
//! Must not: look at other messages of the thread, or do I/O.

use super::compiled::{Class, Compiled, Hit, Rid, Word, L};
use crate::engine::model::{Category, Channel, Decision, Span};
use crate::engine::normalize::{tokenize, TokKind, Token};
use crate::engine::order;
use crate::engine::rulebook::Rulebook;

/// One rule that fired on a message, with its evidence and optional detail text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired {
    pub rule: String,
    pub evidence: Vec<Span>,
    /// Extra Indonesian / English detail appended to the rule's explanation.
    pub detail: Option<(String, String)>,
    /// For a review: the rules whose signals conflicted.
    pub conflicts: Vec<String>,
    /// For a multi: the id of the burst's first message.
    pub related: Option<String>,
}

impl Fired {
    pub fn new(rule: &str, evidence: Vec<Span>) -> Fired {
        Fired {
            rule: rule.to_string(),
            evidence,
            detail: None,
            conflicts: Vec::new(),
            related: None,
        }
    }
}

/// The reading of one message.
#[derive(Debug, Clone)]
pub struct MsgEval {
    pub fired: Vec<Fired>,
    pub decision: Decision,
    pub category: Option<Category>,
    /// The rule that decided (`None` only before a decision is made).
    pub decisive: Option<String>,
    /// True when the message is Troll/Iseng only because it is chatter (a reply to another
    /// user, or a passing mention): inside the author's own complaint burst it is read as part
    /// of that complaint instead.
    pub weak_troll: bool,
    /// Content words (a hash of their stem) and where they are, for burst correlation.
    pub content: Vec<(u64, Span)>,
    /// The same hashes, sorted and without repeats, for fast intersection.
    pub content_keys: Vec<u64>,
    /// Reference numbers (6+ digits).
    pub refs: Vec<(String, Span)>,
    /// A bare follow-up ("cek dm min", "halo??") or a message that only gives customer data.
    pub followup: bool,
    pub ping_spans: Vec<Span>,
    /// "oh iya, sekalian tanya ...": the author opens a new topic.
    pub topic_switch: Vec<Span>,
    /// A fault with an in-scope (or unnamed) product.
    pub problem: Vec<Span>,
}

impl MsgEval {
    pub fn fire(&mut self, rule: &str, evidence: Vec<Span>) {
        self.fired.push(Fired::new(rule, evidence));
    }
    pub fn has(&self, rule: &str) -> bool {
        self.fired.iter().any(|f| f.rule == rule)
    }
    pub fn answerable(&self) -> bool {
        matches!(self.decision, Decision::Reply | Decision::Review)
    }
    /// Records the decision and the rule that made it. Not inlined (nor are `first_of` and
    /// `conflict`): the decision cascade calls them a dozen times.
    #[inline(never)]
    fn decide(&mut self, d: Decision, c: Option<Category>, rule: &str) {
        self.decision = d;
        self.category = c;
        self.decisive = Some(rule.to_string());
    }
    /// The first of `ids` that fired.
    #[inline(never)]
    fn first_of(&self, ids: &[&str]) -> Option<String> {
        ids.iter().find(|id| self.has(id)).map(|s| s.to_string())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Attr {
    InScope,
    Other,
    Unnamed,
}

struct Mentions<'a> {
    /// (token index, lower-case handle, is brand)
    all: Vec<(usize, &'a str, bool)>,
    /// How many mentions open the tweet.
    chain: usize,
    retweet: bool,
}

fn mentions<'a>(comp: &Compiled, toks: &'a [Token]) -> Mentions<'a> {
    let mut all = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokKind::Mention {
            all.push((i, &*t.norm, comp.is_brand_norm(&t.norm)));
        }
    }
    // A retweet opens with "RT @handle:"; its mention is the original author, not an addressee.
    let retweet = toks.len() >= 2
        && toks[0].kind == TokKind::Word
        && toks[0].norm == "rt"
        && toks[1].kind == TokKind::Mention;
    let mut chain = 0;
    if !retweet {
        for t in toks {
            match t.kind {
                TokKind::Mention => chain += 1,
                TokKind::Punct => continue,
                _ => break,
            }
        }
    }
    Mentions {
        all,
        chain,
        retweet,
    }
}

fn spans(hs: &[&Hit]) -> Vec<Span> {
    let mut v: Vec<Span> = hs.iter().map(|h| h.span).collect();
    order::sort_dedup(&mut v);
    v
}

/// The hits of `hs` that pass, in order. One shared body for the many filters of
/// `evaluate` (a generic filter per call site would each carry its own copy of the loop).
#[inline(never)]
fn keep<'a>(hs: &[&'a Hit], pass: &dyn Fn(&Hit) -> bool) -> Vec<&'a Hit> {
    hs.iter().copied().filter(|h| pass(h)).collect()
}

/// The spans of the tokens that pass, in order.
#[inline(never)]
fn tok_spans(toks: &[Token], pass: &dyn Fn(&Token) -> bool) -> Vec<Span> {
    toks.iter().filter(|t| pass(t)).map(|t| t.span).collect()
}

/// A hash of a word's stem, to compare the content of two messages without copying words.
pub fn word_hash(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = super::compiled::FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// Distance in words from `h` to the nearest of `ents` (sorted by position), if any. Entities
/// are short phrases, so looking at a few neighbours of the insertion point is enough.
fn nearest(ents: &[&Hit], h: &Hit) -> Option<usize> {
    if ents.is_empty() {
        return None;
    }
    let at = ents.partition_point(|e| e.w0 < h.w0);
    let lo = at.saturating_sub(4);
    let hi = (at + 4).min(ents.len());
    // Indonesian puts the subject first ("kartu XL saya gak bisa", "wifi di rumah mati"): a
    // name after the fault counts two words further away than one before it.
    ents[lo..hi]
        .iter()
        .map(|e| dist(h, e) + if e.w0 >= h.w1 { 2 } else { 0 })
        .min()
}

fn dist(a: &Hit, b: &Hit) -> usize {
    if a.w0 >= b.w1 {
        a.w0 - b.w1
    } else {
        b.w0.saturating_sub(a.w1)
    }
}

const PURPOSE: &[&str] = &[
    "supaya", "biar", "agar", "asal", "semoga", "moga", "jangan", "dijamin",
];
// Word literals below are written in normal form (lower case, repeated letters squeezed:
// "pelanggan" is "pelangan"); a unit test checks it.
/// Words before a provider that say the writer is its customer ("pelanggan XL", "kartu XL").
const CUSTOMER_OF: &[&str] = &["pelangan", "kartu", "provider", "user", "penguna", "sim"];
/// Words that name a person at the brand ("mbak", "mas", "adminnya"), not the service.
const PERSON_ADDRESS: &[&str] = &["mbak", "mas", "sis", "adminya", "jaga"];
const AVOID: &[&str] = &[
    "terhindar",
    "hindari",
    "menghindari",
    "cegah",
    "mencegah",
    "antisipasi",
    "anti",
];
/// "gak masalah" and "ga ada kendala" mean all is well; "ga gangguan" is usually rhetorical
/// ("sehari aja ga gangguan bisa ga?"), so only these two nouns are cleared by a negation.
const NOUN_FAULTS: &[&str] = &["masalah", "kendala"];

/// True when a fault word is negated in a way that removes the fault: "supaya gak lemot",
/// "tanpa gangguan", "gak ada masalah", "tidak pernah lemot".
fn neutralised(words: &[Word], h: &Hit) -> bool {
    let w0 = h.w0;
    let at = |i: usize| words.get(i);
    let first = &words[w0];
    if first.is("tidak") {
        // The phrase itself starts with a negation ("tidak bisa"): only a purpose word before
        // it removes the fault ("biar gak bisa dipakai tetangga").
        return w0 >= 1 && PURPOSE.iter().any(|p| words[w0 - 1].is(p));
    }
    if w0 == 0 {
        return false;
    }
    let prev = &words[w0 - 1];
    if prev.is("tanpa") {
        return true;
    }
    // "terhindar dari isolir", "cegah gangguan": avoiding a fault is not having one.
    if (1..=2).any(|k| w0 >= k && AVOID.iter().any(|a| words[w0 - k].is(a))) {
        return true;
    }
    if prev.is("pernah") && w0 >= 2 && words[w0 - 2].is("tidak") {
        return true;
    }
    let noun = NOUN_FAULTS.iter().any(|n| first.is(n));
    if prev.is("tidak") {
        if w0 >= 2 && PURPOSE.iter().any(|p| words[w0 - 2].is(p)) {
            return true;
        }
        return noun;
    }
    if prev.is("ada") && w0 >= 2 && at(w0 - 2).map(|w| w.is("tidak")).unwrap_or(false) && noun {
        return true;
    }
    false
}

/// The first fired rule that is one of the rulebook's phrase rules of `category` (None: the
/// phrase rules that mark a reply).
fn fired_phrase_rule(
    ev: &MsgEval,
    comp: &Compiled,
    book: &Rulebook,
    category: Option<Category>,
) -> Option<String> {
    ev.fired
        .iter()
        .find(|f| {
            comp.phrase_rules.iter().any(|&ri| {
                book.rules
                    .get(ri)
                    .is_some_and(|r| r.id == f.rule && r.category == category)
            })
        })
        .map(|f| f.rule.clone())
}

/// Reads one message. `channel` decides how addressing works.
pub fn evaluate(book: &Rulebook, comp: &Compiled, channel: Channel, text: &str) -> MsgEval {
    let toks = tokenize(text);
    let m = mentions(comp, &toks);
    let words = comp.words(&toks);
    let hits = comp.hits(&words);
    let bk = comp.buckets(&hits, book.rules.len());
    let twitter = channel == Channel::Twitter;

    let mut ev = MsgEval {
        fired: Vec::new(),
        decision: Decision::Reply,
        category: None,
        decisive: None,
        weak_troll: false,
        content: Vec::new(),
        content_keys: Vec::new(),
        refs: Vec::new(),
        followup: false,
        ping_spans: Vec::new(),
        topic_switch: Vec::new(),
        problem: Vec::new(),
    };

    // ---- Addressing -------------------------------------------------------------------
    let brand_spans: Vec<Span> = m
        .all
        .iter()
        .filter(|x| x.2)
        .map(|x| toks[x.0].span)
        .collect();
    let chain_first_brand = m.chain > 0 && m.all.first().map(|x| x.2).unwrap_or(false);
    let brand_in_chain = m.all.iter().take(m.chain).any(|x| x.2);
    let brand_outside_chain = m.all.iter().skip(m.chain).any(|x| x.2) && !m.retweet;
    let admin_words: Vec<&Word> = words.iter().filter(|w| w.is("admin")).collect();
    let admin_vocative = !admin_words.is_empty();
    let addressed = if !twitter {
        true
    } else if m.retweet {
        false
    } else if m.chain > 0 {
        chain_first_brand || brand_outside_chain || (brand_in_chain && admin_vocative)
    } else {
        !brand_spans.is_empty() || admin_vocative
    };
    let peer_led = twitter && !m.retweet && m.chain > 0 && !addressed;
    let unaddressed = twitter && !addressed && !peer_led;

    // ---- What the message is about ------------------------------------------------------
    // Per-word marks, so every check below stays linear in the length of the message.
    let mut fig_end = vec![false; words.len() + 1];
    for f in bk.list(L::Figurative) {
        fig_end[f.w1] = true;
    }
    let is_figurative = |h: &Hit| h.w0 >= 1 && words[h.w0 - 1].alt.is_none() && fig_end[h.w0];
    let switch_hits = bk.rule(comp.slots.pos(Rid::ReplyCompetitorMention));
    let mut switch_end = vec![false; words.len() + 1];
    for sh in switch_hits {
        switch_end[sh.w1] = true;
    }
    let switched = |h: &Hit| switch_end[h.w0] || (h.w0 >= 1 && switch_end[h.w0 - 1]);
    let products: &[&Hit] = bk.list(L::Product);
    // A product someone switched to ("ganti ke indihome") is where they went, not what they
    // complain about; it still shows interest in Telkom (not another provider's customer).
    let wanted_products = keep(products, &|h| !is_figurative(h));
    let real_products = keep(&wanted_products, &|h| !switched(h));
    let providers: &[&Hit] = bk.list(L::OtherProvider);
    let subject_providers = keep(providers, &|h| !switched(h));
    let any_switch = providers.iter().any(|h| switched(h));
    let inscope_product = !real_products.is_empty();
    let any_product = !products.is_empty()
        || toks.iter().any(|t| {
            t.kind == TokKind::Hashtag && products.is_empty() && comp.is_product_tag(&t.norm)
        });

    // In a message to Telkom, "wifi", "internet rumah", "modem" are the customer's Telkom
    // service too, but weaker evidence than a name: they count two words further away, so
    // "kartu XL saya gak bisa internetan" stays about XL while "wifi di rumah mati, terpaksa pake
    // kuota XL" is about the customer's own service (see `nearest` for word order).
    let own_objects: &[&Hit] = if addressed {
        bk.list(L::ServiceObject)
    } else {
        &[]
    };
    let attribute = |h: &Hit| -> Attr {
        let named = nearest(&real_products, h);
        let object = nearest(own_objects, h).map(|d| d + 2);
        let best_p = match (named, object) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let best_o = nearest(&subject_providers, h);
        match (best_p, best_o) {
            (None, None) => Attr::Unnamed,
            (Some(_), None) => Attr::InScope,
            (None, Some(_)) => Attr::Other,
            (Some(p), Some(o)) => {
                if o < p {
                    Attr::Other
                } else {
                    Attr::InScope
                }
            }
        }
    };
    let problems = keep(bk.list(L::Problem), &|h| !neutralised(&words, h));
    // Each fault is attributed once (three searches of the entity lists each).
    let problem_attrs: Vec<Attr> = problems.iter().map(|h| attribute(h)).collect();
    let problems_with = |keep: fn(Attr) -> bool| -> Vec<&Hit> {
        problems
            .iter()
            .zip(&problem_attrs)
            .filter(|(_, a)| keep(**a))
            .map(|(h, _)| *h)
            .collect()
    };
    let own_problem = problems_with(|a| a != Attr::Other);
    let other_problem = problems_with(|a| a == Attr::Other);
    let own_problem_named = problems_with(|a| a == Attr::InScope);
    let insults = bk.rule(comp.slots.pos(Rid::TrollInsultOnly));
    let bad = |h: &Hit| !neutralised(&words, h) && attribute(h) != Attr::Other;
    let mut negatives = keep(bk.list(L::Negative), &bad);
    negatives.extend(keep(insults, &bad));
    let services = bk.list(L::Service);
    let service_objects = bk.list(L::ServiceObject);
    let pending = bk.list(L::Pending);
    let presence = bk.list(L::Presence);
    let questions = bk.list(L::Question);
    let first_person = !bk.list(L::FirstPerson).is_empty() || words.iter().any(|w| w.poss1);
    let qmark = toks
        .iter()
        .any(|t| t.kind == TokKind::Punct && t.norm == "?");
    let question = qmark || !questions.is_empty();
    // "Why ..." and "when ..." about a product ask about a fault ("indihome kapan normal lagi").
    let why_q = keep(questions, &|h| {
        ["kenapa", "mengapa", "kapan"]
            .iter()
            .any(|q| words[h.w0].is(q))
    });

    ev.problem = spans(&own_problem);

    // ---- Is it a complaint? ------------------------------------------------------------
    let strong_issue = !own_problem.is_empty()
        || (!pending.is_empty()
            && (!services.is_empty() || !service_objects.is_empty() || inscope_product));
    let complaint_unaddressed = inscope_product
        && (!own_problem.is_empty()
            || !negatives.is_empty()
            || !why_q.is_empty()
            || !pending.is_empty()
            || (!services.is_empty()
                && (question || (first_person && bk.list(L::Chatter).is_empty()))));
    let complaint_peer = (inscope_product
        && !own_problem_named.is_empty()
        && (first_person || !presence.is_empty()))
        || (brand_in_chain && (!own_problem.is_empty() || !pending.is_empty()));
    let standing = addressed
        || (unaddressed && (complaint_unaddressed || !any_product))
        || (peer_led && complaint_peer);

    // ---- Content for burst correlation ---------------------------------------------------
    let mut cover = vec![0u32; words.len()];
    for h in &hits {
        if let Class::List(l) = h.class {
            for c in &mut cover[h.w0..h.w1] {
                *c |= 1 << (l as u32);
            }
        }
    }
    let mask = |ls: &[L]| ls.iter().fold(0u32, |m, l| m | 1 << (*l as u32));
    let not_content = mask(&[L::Stop, L::Agent, L::Question, L::FirstPerson]);
    let ping = mask(&[L::Ping]);
    let pings = bk.list(L::Ping);
    ev.ping_spans = spans(pings);
    let mut content_count = 0usize;
    for (i, w) in words.iter().enumerate() {
        if w.kind == TokKind::Number {
            if w.key.len() >= 6 {
                ev.refs.push((w.key.to_string(), w.span));
            }
            continue;
        }
        let letters = w.key.chars().count();
        if cover[i] & not_content != 0 || letters < 2 {
            continue;
        }
        let in_ping = cover[i] & ping != 0;
        if !in_ping {
            content_count += 1;
        }
        if letters >= 3 && !in_ping {
            ev.content.push((word_hash(w.base()), w.span));
        }
    }
    ev.content_keys = ev.content.iter().map(|c| c.0).collect();
    order::sort_dedup(&mut ev.content_keys);
    let bare = words.iter().all(|w| w.kind != TokKind::Word) && (qmark || !m.all.is_empty());
    // A follow-up adds nothing new: a ping with at most two other words, nothing but stop words
    // ("sudah 2 hari begini"), a detail of two words that is neither a fault nor a request nor a
    // question ("di daerah Depok"), or only customer data (a reference number).
    let adds_nothing = content_count == 0 && !words.is_empty();
    let detail_only = (1..=2).contains(&content_count)
        && !qmark
        && bk.list(L::Chatter).is_empty()
        && bk.list(L::Problem).is_empty()
        && bk.list(L::Service).is_empty()
        && bk.list(L::QuizMarker).is_empty();
    ev.followup = (!pings.is_empty() && content_count <= 2)
        || bare
        || adds_nothing
        || detail_only
        || (!ev.refs.is_empty() && content_count <= 6);
    ev.topic_switch = spans(bk.rule(comp.slots.pos(Rid::ReplyNewTopic)));

    // ---- Kuis ----------------------------------------------------------------------------
    let slots = &comp.slots;
    let mut kuis_strong = false;
    let quiz_tags = tok_spans(&toks, &|t| {
        t.kind == TokKind::Hashtag
            && comp
                .quiz_hashtags
                .iter()
                .any(|q| t.norm.contains(q.as_str()))
    });
    if slots.on(Rid::KuisHashtag) && !quiz_tags.is_empty() {
        ev.fire("kuis.hashtag", quiz_tags.clone());
        kuis_strong = true;
    }
    // Mentions come in text order: count the non-brand ones from a position by binary search.
    let friend_starts: Vec<usize> = m
        .all
        .iter()
        .filter(|x| !x.2)
        .map(|x| toks[x.0].span.start)
        .collect();
    let friend_mentions_after =
        |pos: usize| friend_starts.len() - friend_starts.partition_point(|&s| s < pos);
    let invites = bk.rule(comp.slots.pos(Rid::KuisInviteFriends));
    let invite_min = book
        .rules
        .get(slots.pos(Rid::KuisInviteFriends).unwrap_or(usize::MAX))
        .and_then(|r| r.threshold)
        .unwrap_or(1) as usize;
    let invite = keep(invites, &|h| {
        friend_mentions_after(h.span.end) >= invite_min.max(1)
    });
    if slots.on(Rid::KuisInviteFriends) && !invite.is_empty() && own_problem.is_empty() {
        ev.fire("kuis.invite-friends", spans(&invite));
        kuis_strong = true;
    }
    let first_body_word = words
        .iter()
        .position(|w| m.chain == 0 || w.tok > m.all.get(m.chain - 1).map(|x| x.0).unwrap_or(0));
    let answers = bk.rule(comp.slots.pos(Rid::KuisAnswer));
    if slots.on(Rid::KuisAnswer) {
        if let Some(fb) = first_body_word {
            if let Some(a) = answers.iter().find(|h| h.w0 == fb) {
                let last_tok = words[a.w1 - 1].tok;
                let colon = toks
                    .get(last_tok + 1)
                    .map(|t| t.kind == TokKind::Punct && t.norm == ":")
                    .unwrap_or(false);
                let option_letter = words
                    .get(a.w1)
                    .map(|w| {
                        w.kind == TokKind::Word
                            && w.key.chars().count() == 1
                            && ('a'..='e').any(|c| w.key.starts_with(c))
                    })
                    .unwrap_or(false);
                let asks = toks
                    .get(last_tok + 1)
                    .map(|t| t.norm == "?")
                    .unwrap_or(false)
                    || (!questions.is_empty() && qmark);
                // An "answer" that reports a fault is a reply to an agent, not a quiz entry.
                let complaint_like =
                    (!own_problem.is_empty() || !pending.is_empty()) && quiz_tags.is_empty();
                if !asks
                    && !complaint_like
                    && (colon || option_letter || !quiz_tags.is_empty() || !invite.is_empty())
                {
                    ev.fire("kuis.answer", vec![a.span]);
                    kuis_strong = true;
                }
            }
        }
    }
    let quiz_words = bk.list(L::QuizMarker);
    if slots.on(Rid::KuisTopic) && !quiz_words.is_empty() {
        ev.fire("kuis.topic", spans(quiz_words));
    }
    let kuis = kuis_strong || ev.has("kuis.topic");

    // ---- Promo ---------------------------------------------------------------------------
    let promo_hits = bk.list(L::PromoMarker);
    let mut promo_ev: Vec<Span> = spans(promo_hits);
    let mut distinct: Vec<&str> = Vec::new();
    for h in promo_hits {
        let k = words[h.w0].base();
        if !distinct.contains(&k) {
            distinct.push(k);
            if distinct.len() >= 4 {
                break;
            }
        }
    }
    let mut score: i32 = distinct.len().min(4) as i32;
    let phones = tok_spans(&toks, &|t| t.kind == TokKind::Number && is_phone(&t.norm));
    if !phones.is_empty() {
        // "hubungi kami di 0812..." sells; "hubungi saya di 0812..." is a customer's own number.
        score += if first_person { 1 } else { 3 };
        promo_ev.extend(phones.iter().copied());
    }
    let prices = price_spans(&toks, &words);
    if !prices.is_empty() {
        score += 1;
        promo_ev.extend(prices.iter().copied());
    }
    let hashtags = toks.iter().filter(|t| t.kind == TokKind::Hashtag).count();
    if hashtags >= 3 {
        score += 1;
    }
    let urls = tok_spans(&toks, &|t| t.kind == TokKind::Url);
    if !urls.is_empty() {
        score += 1;
    }
    let broadcast = twitter
        && m.all.is_empty()
        && !first_person
        && !qmark
        && (any_product || !service_objects.is_empty());
    if broadcast {
        score += 1;
    }
    if qmark {
        score -= 2;
    }
    if !own_problem.is_empty() {
        score -= if first_person { 3 } else { 2 };
    }
    if !negatives.is_empty() {
        score -= 2;
    }
    // A customer writing to the brand about themselves, or giving their data ("atas nama",
    // "nomor internet"), is not advertising.
    if addressed && first_person {
        score -= 2;
    }
    if !bk.rule(comp.slots.pos(Rid::ReplyFollowUp)).is_empty() {
        score -= 2;
    }
    let promo_threshold = book
        .rules
        .get(slots.pos(Rid::PromoSelling).unwrap_or(usize::MAX))
        .and_then(|r| r.threshold)
        .unwrap_or(3) as i32;
    if slots.on(Rid::PromoSelling) && score >= promo_threshold && !promo_hits.is_empty()
        || (slots.on(Rid::PromoSelling) && score >= promo_threshold && !phones.is_empty())
    {
        order::sort_dedup(&mut promo_ev);
        ev.fire("promo.selling", promo_ev);
    }
    let spam = bk.rule(comp.slots.pos(Rid::PromoSpam));
    if slots.on(Rid::PromoSpam) && !spam.is_empty() && (own_problem.is_empty() || !first_person) {
        let mut e = spans(spam);
        e.extend(urls.iter().copied());
        ev.fire("promo.spam", e);
    }
    if slots.on(Rid::PromoSharedPost) && m.retweet && !promo_hits.is_empty() && !qmark {
        let mut e = vec![toks[1].span];
        e.extend(spans(promo_hits));
        ev.fire("promo.shared-post", e);
    }
    let promo = ev.has("promo.selling") || ev.has("promo.spam") || ev.has("promo.shared-post");

    // ---- Troll/Iseng -----------------------------------------------------------------------
    let personal = bk.list(L::Personal);
    // A contact detail ("nomor hp", "ig", the rule's patterns) asked of the admin/agent in
    // person, with no service request around it, is a personal request too: "boleh minta nomor
    // hp mbaknya?" but not "minta nomor wa cs buat lapor gangguan".
    let contacts = bk.rule(comp.slots.pos(Rid::TrollPersonalContact));
    // Whose contact: a person ("mbak", "mas", "the admin" = "adminnya"), not the service
    // ("min, minta nomor wa nya?" may well ask for the official WhatsApp line).
    // Looked for only when a contact detail was asked for (rarely).
    let asks_agent = || words.iter().any(|w| PERSON_ADDRESS.contains(&w.key));
    let contact_ask = !contacts.is_empty()
        && asks_agent()
        && services.is_empty()
        && service_objects.is_empty()
        && pending.is_empty()
        && own_problem.is_empty();
    if slots.on(Rid::TrollPersonalContact) && (!personal.is_empty() || contact_ask) {
        let mut e = spans(personal);
        if contact_ask {
            e.extend(spans(contacts));
            order::sort_dedup(&mut e);
        }
        ev.fire("troll.personal-contact", e);
    }
    let flirt = bk.rule(comp.slots.pos(Rid::TrollFlirting));
    let agents = bk.list(L::Agent);
    let flirt = keep(flirt, &|h| !(h.w0 >= 1 && words[h.w0 - 1].is("tidak")));
    if slots.on(Rid::TrollFlirting) && !flirt.is_empty() && (!agents.is_empty() || admin_vocative) {
        let mut e = spans(&flirt);
        e.extend(spans(agents));
        order::sort_dedup(&mut e);
        ev.fire("troll.flirting", e);
    }
    // "pelanggan XL", "kartu Indosat": the writer says whose customer they are (W-21's own
    // example), which outweighs a generic "sinyal" or "internet" near the fault.
    let customer_of_other = subject_providers
        .iter()
        .any(|h| h.w0 >= 1 && CUSTOMER_OF.iter().any(|k| words[h.w0 - 1].is(k)));
    if slots.on(Rid::TrollOtherProvider)
        && !subject_providers.is_empty()
        && wanted_products.is_empty()
        && !any_switch
        && (own_problem_named.is_empty() || customer_of_other)
    {
        let mut e = spans(&subject_providers);
        e.extend(spans(&other_problem));
        order::sort(&mut e);
        ev.fire("troll.other-provider", e);
    }
    let offtopic = bk.rule(comp.slots.pos(Rid::TrollOffTopic));
    if slots.on(Rid::TrollOffTopic)
        && !offtopic.is_empty()
        && !inscope_product
        && service_objects.is_empty()
        && own_problem.is_empty()
        && pending.is_empty()
    {
        ev.fire("troll.off-topic", spans(offtopic));
    }
    let real_negatives = bk.list(L::Negative);
    if slots.on(Rid::TrollInsultOnly)
        && !insults.is_empty()
        && !inscope_product
        && service_objects.is_empty()
        && problems.is_empty()
        && services.is_empty()
        && pending.is_empty()
        && real_negatives.is_empty()
        && subject_providers.is_empty()
    {
        ev.fire("troll.insult-only", spans(insults));
    }
    let mut user_troll = false;
    let mut forced_reply = false;
    let mut user_cat: Option<(Category, String)> = None;
    for &ri in &comp.phrase_rules {
        // The rule's own bucket: its hits in the order found.
        let hs = bk.rule(Some(ri));
        if hs.is_empty() {
            continue;
        }
        let Some(rule) = book.rules.get(ri) else {
            continue;
        };
        ev.fire(&rule.id, spans(hs));
        match rule.category {
            Some(Category::Troll) => user_troll = true,
            Some(c) if user_cat.is_none() => user_cat = Some((c, rule.id.clone())),
            Some(_) => {}
            None => forced_reply = true,
        }
    }
    if slots.on(Rid::TrollPeerChatter) && peer_led && !complaint_peer {
        let chain_spans: Vec<Span> = m.all.iter().take(m.chain).map(|x| toks[x.0].span).collect();
        ev.fire("troll.peer-chatter", chain_spans);
    }
    // A mention is only "in passing" when something shows it: a figure of speech, a hashtag
    // alone, other users tagged, a shared link with no first person, or chatter words
    // (laughter, praise, greetings). Without such a sign an unaddressed tweet about IndiHome is
    // read as a possible complaint: missing a complaint is the worst error.
    let chatter = bk.list(L::Chatter);
    let figurative = keep(products, &is_figurative);
    let tag_only = wanted_products
        .iter()
        .all(|h| words[h.w0].kind == TokKind::Hashtag);
    let peers_tagged = m.all.iter().any(|x| !x.2);
    let shared_link = !urls.is_empty() && !first_person && !qmark;
    let passing_signs: Vec<Span> = {
        let mut e = spans(chatter);
        e.extend(spans(&figurative));
        if tag_only || shared_link {
            e.extend(spans(products));
            e.extend(tok_spans(&toks, &|t| {
                t.kind == TokKind::Hashtag && comp.is_product_tag(&t.norm)
            }));
        }
        if peers_tagged {
            e.extend(m.all.iter().filter(|x| !x.2).map(|x| toks[x.0].span));
        }
        order::sort_dedup(&mut e);
        e
    };
    let passing = !passing_signs.is_empty() || tag_only;
    if slots.on(Rid::TrollPassingMention)
        && unaddressed
        && any_product
        && !complaint_unaddressed
        && passing
    {
        let mut e = passing_signs;
        if e.is_empty() {
            e = spans(products);
        }
        ev.fire("troll.passing-mention", e);
    }

    // Chatting with the admin: praise, laughter or cheering addressed to the brand with nothing
    // about the service (no fault, request, question, product detail or pending matter). A bare
    // greeting is not chatter: it often opens a case ("halo min").
    let chit = bk.rule(comp.slots.pos(Rid::TrollChitchat));
    if slots.on(Rid::TrollChitchat)
        && addressed
        && !chit.is_empty()
        && (!qmark || questions.is_empty())
        && problems.is_empty()
        && negatives.is_empty()
        && services.is_empty()
        && service_objects.is_empty()
        && pending.is_empty()
        && ev.refs.is_empty()
    {
        ev.fire("troll.chitchat", spans(chit));
    }

    // ---- Reply signals -----------------------------------------------------------------
    if slots.on(Rid::ReplyProductProblem) && standing {
        let mut e = spans(&own_problem);
        if inscope_product || addressed {
            e.extend(spans(&negatives));
        }
        if unaddressed && e.is_empty() && complaint_unaddressed {
            e.extend(spans(&why_q));
        }
        order::sort_dedup(&mut e);
        if !e.is_empty() {
            ev.fire("reply.product-problem", e);
        }
    }
    if slots.on(Rid::ReplyServiceRequest) && standing {
        let mut e = spans(services);
        e.extend(spans(pending));
        order::sort_dedup(&mut e);
        if !e.is_empty() {
            ev.fire("reply.service-request", e);
        }
    }
    if slots.on(Rid::ReplyAddressedToBrand) && addressed {
        let mut e = brand_spans.clone();
        if e.is_empty() {
            e = admin_words.iter().map(|w| w.span).collect();
        }
        ev.fire("reply.addressed-to-brand", e);
    }
    // As a reason of its own, only an explicit ping or customer data counts as a follow-up.
    let data = bk.rule(comp.slots.pos(Rid::ReplyFollowUp));
    let explicit_followup = (!pings.is_empty() && content_count <= 2)
        || bare
        || ((!ev.refs.is_empty() || !data.is_empty()) && content_count <= 6);
    if slots.on(Rid::ReplyFollowUp) && explicit_followup && standing {
        let mut e = ev.ping_spans.clone();
        e.extend(ev.refs.iter().map(|r| r.1));
        e.extend(spans(data));
        order::sort_dedup(&mut e);
        ev.fire("reply.follow-up", e);
    }
    if slots.on(Rid::ReplyCompetitorMention)
        && !providers.is_empty()
        && !ev.has("troll.other-provider")
        && (standing && (any_switch || !own_problem_named.is_empty() || !negatives.is_empty()))
    {
        let mut e = spans(providers);
        e.extend(spans(switch_hits));
        order::sort_dedup(&mut e);
        ev.fire("reply.competitor-mention", e);
    }

    // ---- Decision (precedence: Kuis, Promo, Troll/Iseng; Multi is decided over the thread) --
    if forced_reply {
        if let Some(id) = fired_phrase_rule(&ev, comp, book, None) {
            ev.decide(Decision::Reply, None, &id);
        }
    } else if kuis {
        let rule = ev
            .first_of(&[
                "kuis.answer",
                "kuis.hashtag",
                "kuis.invite-friends",
                "kuis.topic",
            ])
            .unwrap_or_default();
        if !kuis_strong && strong_issue && slots.on(Rid::ReviewConflict) {
            conflict(&mut ev, "kuis.topic");
        } else {
            ev.decide(Decision::NoReply, Some(Category::Kuis), &rule);
        }
    } else if let Some((Category::Kuis, id)) = user_cat.clone() {
        ev.decide(Decision::NoReply, Some(Category::Kuis), &id);
    } else if promo {
        let rule = ev
            .first_of(&["promo.spam", "promo.shared-post", "promo.selling"])
            .unwrap_or_default();
        if strong_issue && first_person && slots.on(Rid::ReviewConflict) {
            conflict(&mut ev, &rule);
        } else {
            ev.decide(Decision::NoReply, Some(Category::Promo), &rule);
        }
    } else if let Some((Category::Promo, id)) = user_cat.clone() {
        ev.decide(Decision::NoReply, Some(Category::Promo), &id);
    } else if let Some(rule) = ev.first_of(&[
        "troll.personal-contact",
        "troll.flirting",
        "troll.off-topic",
    ]) {
        if strong_issue && slots.on(Rid::ReviewConflict) {
            conflict(&mut ev, &rule);
        } else {
            ev.decide(Decision::NoReply, Some(Category::Troll), &rule);
        }
    } else if user_troll {
        let id = fired_phrase_rule(&ev, comp, book, Some(Category::Troll)).unwrap_or_default();
        if strong_issue && slots.on(Rid::ReviewConflict) {
            conflict(&mut ev, &id);
        } else {
            ev.decide(Decision::NoReply, Some(Category::Troll), &id);
        }
    } else if let Some(rule) = ev.first_of(&["troll.other-provider", "troll.insult-only"]) {
        ev.decide(Decision::NoReply, Some(Category::Troll), &rule);
    } else if let Some(rule) = ev.first_of(&[
        "troll.peer-chatter",
        "troll.passing-mention",
        "troll.chitchat",
    ]) {
        ev.decide(Decision::NoReply, Some(Category::Troll), &rule);
        ev.weak_troll = true;
    } else {
        let rule = ev.first_of(&[
            "reply.product-problem",
            "reply.service-request",
            "reply.follow-up",
            "reply.competitor-mention",
            "reply.addressed-to-brand",
        ]);
        match rule {
            Some(r) => ev.decide(Decision::Reply, None, &r),
            None => {
                ev.fire("reply.default", vec![]);
                ev.decide(Decision::Reply, None, "reply.default");
            }
        }
    }
    ev
}

/// Sends the message to review: the no-reply rule `against` fired, but so did a reply signal
/// (a fault or a service request). The evidence is both rules' together.
#[inline(never)]
fn conflict(ev: &mut MsgEval, against: &str) {
    let of = |rule: &str| -> Vec<Span> {
        ev.fired
            .iter()
            .filter(|f| f.rule == rule)
            .flat_map(|f| f.evidence.iter().copied())
            .collect()
    };
    let mut e = of(against);
    let mut issue = of("reply.product-problem");
    issue.extend(of("reply.service-request"));
    if issue.is_empty() {
        issue = ev.problem.clone();
    }
    let issue_rule = if ev.has("reply.product-problem") {
        "reply.product-problem"
    } else {
        "reply.service-request"
    };
    e.extend(issue);
    order::sort_dedup(&mut e);
    let pair = format!("{against} ↔ {issue_rule}");
    ev.fired.push(Fired {
        detail: Some((pair.clone(), pair)),
        conflicts: vec![against.to_string(), issue_rule.to_string()],
        ..Fired::new("review.conflict", e)
    });
    ev.decision = Decision::Review;
    ev.category = None;
    ev.decisive = Some("review.conflict".into());
}

/// An Indonesian mobile number: 08..., 628..., 10 to 14 digits.
fn is_phone(d: &str) -> bool {
    let n = d.len();
    (d.starts_with("08") && (10..=13).contains(&n))
        || (d.starts_with("628") && (11..=14).contains(&n))
}

/// Prices: "20rb", "170 ribuan", "Rp 50.000", "240k".
fn price_spans(toks: &[Token], words: &[Word]) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if w.kind != TokKind::Number {
            continue;
        }
        let unit = words
            .get(i + 1)
            .map(|n| {
                ["rb", "ribu", "ribuan", "rban", "k", "jt", "juta", "jutaan"]
                    .iter()
                    .any(|u| n.is(u))
            })
            .unwrap_or(false);
        let rp = i >= 1 && words[i - 1].is("rp");
        let grouped =
            toks.get(w.tok).map(|_| w.key.len() >= 4).unwrap_or(false) && w.key.ends_with("000");
        if unit || rp || grouped {
            out.push(w.span);
        }
    }
    out
}

/// Finds an agent's signature at the end of a text ("... ya kak. -Sari", "^RA") in a text that
/// also sounds like an agent (one of `context.agent-signature`'s courtesy phrases).
pub fn agent_signature(book: &Rulebook, comp: &Compiled, text: &str) -> Option<Span> {
    let trimmed = text.trim_end();
    let end = trimmed.len();
    // Walk back over the name (letters and spaces, at most 3 words, 20 letters).
    let bytes = trimmed.as_bytes();
    let mut i = end;
    let mut letters = 0;
    let mut words_seen = 0;
    let mut in_word = false;
    while i > 0 {
        let Some(c) = trimmed[..i].chars().next_back() else {
            break;
        };
        if c.is_alphabetic() {
            letters += 1;
            if !in_word {
                words_seen += 1;
                in_word = true;
            }
        } else if c == ' ' {
            in_word = false;
        } else {
            break;
        }
        i -= c.len_utf8();
        if letters > 20 || words_seen > 3 {
            return None;
        }
    }
    if letters < 2 || i == 0 {
        return None;
    }
    let mark = bytes[i - 1];
    if !matches!(mark, b'-' | b'^' | b'~' | b'/') {
        return None;
    }
    let name = trimmed[i..].trim();
    if !name
        .chars()
        .next()
        .map(|c| c.is_uppercase())
        .unwrap_or(false)
    {
        return None;
    }
    // The mark must stand apart from the word before it ("kak. -Sari", not "e-mail").
    if i >= 2
        && trimmed[..i - 1]
            .chars()
            .next_back()
            .map(|c| c.is_alphanumeric())
            .unwrap_or(false)
    {
        return None;
    }
    let toks = tokenize(text);
    let words = comp.words(&toks);
    let hits = comp.hits(&words);
    let pos = comp.slots.pos(Rid::ContextAgentSignature)?;
    let courteous = hits.iter().any(|h| h.class == Class::Rule(pos as u16));
    let _ = book;
    if courteous {
        Some(Span { start: i - 1, end })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::normalize::word_key;

    #[test]
    fn word_literals_are_written_in_normal_form() {
        for list in [PURPOSE, NOUN_FAULTS, AVOID, CUSTOMER_OF, PERSON_ADDRESS] {
            for w in list {
                assert_eq!(word_key(w), *w, "write {w:?} as {:?}", word_key(w));
            }
        }
    }
}
