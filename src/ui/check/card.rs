//! The message cards of the check screen: one card per message with its author, time, own
//! verdict, the text with the triggering words highlighted, its note with copy buttons (no-reply
//! messages) and its reasons.
//!
//! A pasted thread renders dozens of cards, so they are built cheaply: a card never changes once
//! built (it is keyed on everything it shows and rebuilt when any of it changes), so the list is
//! plain DOM kept by [`render_list`] in an element Leptos leaves alone: elements, classes and
//! text nodes, no reactive closures, no render markers and no listener per button, and new
//! cards enter the page in one insertion. The few live parts are handled once for the whole
//! list by the check view: test ids ([`offer_test_ids`]), copy clicks ([`copy_clicked`]) and
//! the copy confirmation ([`show_copied`]). Pasted text is only ever set as text, never parsed
//! as HTML.
//! No rule logic lives here; the engine has decided everything this file shows.
use super::copy::Copier;
use super::present;
use super::result::{
    author, category_label, clause_anchor, copy_all_text, decision_icon, decision_label, wib,
};
use crate::engine::check::Checked;
use crate::engine::{Channel, Decision, Message, Reason, Sociomedia, Verdict};
use crate::settings::Lang;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// How many messages of a thread get a full card (text with highlights and every reason).
/// Later ones get a compact card (verdict, note and copy buttons, the start of the text) so a
/// pasted thread of thousands of messages still renders quickly; the agent can ask for all.
pub const FULL_CARDS: usize = 60;

/// Everything one message card shows, owned, with a key that changes whenever anything shown
/// changes. The card list is keyed on it, so when the agent edits a long paste only the cards
/// whose message or verdict changed are rebuilt.
#[derive(Debug, Clone, PartialEq)]
pub struct CardData {
    pub key: u64,
    channel: Channel,
    message: Option<Message>,
    verdict: Verdict,
    number: String,
    thread: bool,
    full: bool,
    lang: Lang,
}

impl CardData {
    /// True for the message the agent should answer in a thread ("Jawab yang ini").
    fn answer_this(&self) -> bool {
        self.verdict.primary
            && self.thread
            && matches!(self.verdict.decision, Decision::Reply | Decision::Review)
    }

    fn text(&self) -> &str {
        self.message.as_ref().map(|m| m.text.as_str()).unwrap_or("")
    }
}

/// The cards for a checked paste, in paste order. `show_all` lifts the full-card limit.
pub fn card_data(c: &Checked, show_all: bool, lang: Lang) -> Vec<Arc<CardData>> {
    let thread = c.verdicts.len() > 1;
    c.verdicts
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // The parser keeps paste order, so the message at the same position is the one;
            // the search is only a fallback.
            let message = c
                .parsed
                .messages
                .get(i)
                .filter(|m| m.id == v.message)
                .or_else(|| c.parsed.messages.iter().find(|m| m.id == v.message))
                .or_else(|| c.parsed.messages.get(i))
                .cloned();
            // Pasted messages are numbered "1", "2", ... by the parser; fall back to the
            // position should a message ever arrive without an id.
            let number = if v.message.is_empty() {
                (i + 1).to_string()
            } else {
                v.message.clone()
            };
            let full = show_all || i < FULL_CARDS;
            let mut card = CardData {
                key: 0,
                channel: c.channel,
                message,
                verdict: v.clone(),
                number,
                thread,
                full,
                lang,
            };
            card.key = card_key(i, &card);
            Arc::new(card)
        })
        .collect()
}

/// A hash of everything a card shows (and its position), field by field: cheaper than
/// formatting the values. A field that a card starts to show must be added here too, or an
/// edit that changes only that field would keep the old card.
fn card_key(position: usize, card: &CardData) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let CardData { channel, message, verdict: v, number, thread, full, lang, .. } = card;
    (position, number, *thread, *full, lang.code(), channel.as_str()).hash(&mut h);
    if let Some(m) = message {
        (&m.id, &m.author, &m.time, &m.text).hash(&mut h);
    }
    (&v.message, v.decision.as_str(), v.category.map(|c| c.as_str()), &v.note, v.primary)
        .hash(&mut h);
    if let Some(s) = &v.sociomedia {
        (&s.category, &s.product, &s.sub_product, &s.reply_type).hash(&mut h);
    }
    for r in &v.reasons {
        (&r.rule, &r.clause, r.category.map(|c| c.as_str()), &r.why, &r.why_en, r.decisive)
            .hash(&mut h);
        for span in &r.evidence {
            (span.start, span.end).hash(&mut h);
        }
    }
    h.finish()
}

/// The note under the cards when later messages are shown compact, with the button that shows
/// them all in full.
pub fn cards_limit(total: usize, show_all: RwSignal<bool>, lang: Lang) -> Option<AnyView> {
    let hidden = total.saturating_sub(FULL_CARDS);
    if show_all.get_untracked() || hidden == 0 {
        return None;
    }
    let text = match lang {
        Lang::Id => format!(
            "Pesan #{} dan seterusnya ({hidden}) ditampilkan ringkas agar halaman tetap cepat.",
            FULL_CARDS + 1
        ),
        Lang::En => format!(
            "Messages from #{} on ({hidden}) are shown compact to keep the page fast.",
            FULL_CARDS + 1
        ),
    };
    Some(
        view! {
            <p class="cards-limit">
                {text}" "
                <button type="button" class="link-btn" on:click=move |_| show_all.set(true)>
                    {lang.pick("Tampilkan semua lengkap", "Show all in full")}
                </button>
            </p>
        }
        .into_any(),
    )
}

/// The first `max` characters of `text`, with "…" when cut.
fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// What a card's copy buttons copy: the note, or every Sociomedia field with the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CopyWhat {
    Note,
    All,
}

impl CopyWhat {
    fn parse(s: &str) -> Option<CopyWhat> {
        match s {
            "note" => Some(CopyWhat::Note),
            "all" => Some(CopyWhat::All),
            _ => None,
        }
    }
}

/// The key of a card's copy button (also `Copier::last` while its confirmation shows).
fn copy_key(number: &str, what: CopyWhat) -> String {
    match what {
        CopyWhat::Note => format!("msg:{number}:note"),
        CopyWhat::All => format!("msg:{number}:all"),
    }
}

/// Class that marks the elements of a card carrying a test id (in `data-tid`), so
/// [`offer_test_ids`] finds them. The note and "copy all" prototypes spell it out too.
const TID_CLASS: &str = "has-tid";

/// The class of a card's note: a field value that carries a test id.
const NOTE_CLASS: &str = "field-value has-tid";

/// What [`fill_card`] needs: the card, whether its test ids are offered now, and the copy
/// button that shows its confirmation now.
struct Built<'a> {
    card: &'a CardData,
    offered: bool,
    copied: Option<&'a str>,
}

/// Brings the cards in `list` (an element only this function fills) in line with `next`,
/// keyed: the element of a card still shown is kept, where it is when the order allows; new
/// cards are built off the page and inserted in batches, one insertion per run of new cards;
/// the others are removed. `shown` holds the keys and elements in `list`, in order. `offered`
/// says whether new cards carry their test ids ([`offer_test_ids`] follows later changes).
pub fn render_list(
    list: &Element,
    shown: &mut Vec<(u64, Element)>,
    next: &[Arc<CardData>],
    copier: Copier,
    offered: bool,
) {
    let Some(doc) = list.owner_document() else {
        return;
    };
    let copied = copier.last.get_untracked();
    let mut old: HashMap<u64, Element> = shown.drain(..).collect();
    let kept: HashSet<u64> = next
        .iter()
        .map(|c| c.key)
        .filter(|k| old.contains_key(k))
        .collect();
    if kept.is_empty() {
        list.set_text_content(None);
        old.clear();
    } else {
        old.retain(|k, el| {
            let keep = kept.contains(k);
            if !keep {
                el.remove();
            }
            keep
        });
    }
    // Only kept cards are in `list` now, in their old order.
    let mut cursor = list.first_child();
    let mut batch: Option<web_sys::DocumentFragment> = None;
    let flush = |batch: &mut Option<web_sys::DocumentFragment>, before: Option<&web_sys::Node>| {
        if let Some(frag) = batch.take() {
            let _ = list.insert_before(&frag, before);
        }
    };
    for card in next {
        match old.remove(&card.key) {
            Some(el) => {
                flush(&mut batch, cursor.as_ref());
                if cursor.as_ref().is_some_and(|c| c.is_same_node(Some(&el))) {
                    cursor = el.next_sibling();
                } else {
                    let _ = list.insert_before(&el, cursor.as_ref());
                }
                shown.push((card.key, el));
            }
            None => {
                let Ok(el) = doc.create_element("article") else {
                    continue;
                };
                fill_card(
                    &el,
                    Built {
                        card,
                        offered,
                        copied: copied.as_deref(),
                    },
                );
                let frag = batch.get_or_insert_with(|| doc.create_document_fragment());
                let _ = frag.append_child(&el);
                shown.push((card.key, el));
            }
        }
    }
    flush(&mut batch, cursor.as_ref());
}

/// Sets `data-testid` from `data-tid` on every card element that has one when `offered`, and
/// removes it otherwise. The check view calls it whenever the cards turn stale or current.
pub fn offer_test_ids(list: &Element, offered: bool) {
    let marked = list.get_elements_by_class_name(TID_CLASS);
    for i in 0..marked.length() {
        let Some(el) = marked.item(i) else {
            continue;
        };
        if offered {
            if let Some(id) = el.get_attribute("data-tid") {
                let _ = el.set_attribute("data-testid", &id);
            }
        } else {
            let _ = el.remove_attribute("data-testid");
        }
    }
}

/// The copy buttons of the cards are plain DOM: one click listener on the list (this), and
/// [`show_copied`] for the confirmation. Copies what the clicked button names, from the card
/// data on screen.
pub fn copy_clicked(event: &web_sys::Event, copier: Copier, shown: &[Arc<CardData>]) {
    use wasm_bindgen::JsCast;
    let Some(button) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest("button[data-copy]").ok().flatten())
    else {
        return;
    };
    let Some((number, what)) = copy_target(&button) else {
        return;
    };
    let Some(card) = shown.iter().find(|c| c.number == number) else {
        return;
    };
    let Some(note) = card.verdict.note.clone() else {
        return;
    };
    let key = copy_key(&number, what);
    match what {
        CopyWhat::Note => copier.copy(
            key,
            format!("note pesan #{number}"),
            format!("note of message #{number}"),
            note,
        ),
        CopyWhat::All => {
            let s = card.verdict.sociomedia.clone().unwrap_or_else(Sociomedia::oot);
            copier.copy(
                key,
                format!("semua kolom pesan #{number}"),
                format!("all fields of message #{number}"),
                copy_all_text(&s, &note),
            )
        }
    }
}

/// The message number and what a card's copy button copies, from its data attributes.
fn copy_target(button: &Element) -> Option<(String, CopyWhat)> {
    let number = button.get_attribute("data-message")?;
    let what = button.get_attribute("data-copy").as_deref().and_then(CopyWhat::parse)?;
    Some((number, what))
}

/// Moves the copy confirmation ("Tersalin ✓") among the copy buttons in `root` (the cards', or
/// the fields block's, whose buttons name their key in `data-key`): `before` loses it, `now`
/// gets it (keys as in `Copier::last`).
pub fn show_copied(root: &Element, before: Option<&str>, now: Option<&str>, lang: Lang) {
    let buttons = root.get_elements_by_class_name("copy-btn");
    for i in 0..buttons.length() {
        let Some(b) = buttons.item(i) else {
            continue;
        };
        let all = b.get_attribute("data-copy").as_deref() == Some("all");
        let key = match b.get_attribute("data-key") {
            Some(key) => key,
            None => match copy_target(&b) {
                Some((number, what)) => copy_key(&number, what),
                None => continue,
            },
        };
        if Some(key.as_str()) == now {
            set_copy_state(&b, all, true, lang);
        } else if Some(key.as_str()) == before {
            set_copy_state(&b, all, false, lang);
        }
    }
}

/// A copy button in its idle or confirmed state (`all`: a "copy all" button).
fn set_copy_state(button: &Element, all: bool, done: bool, lang: Lang) {
    button.set_text_content(Some(crate::markup::fields::copy_label(all, done, lang == Lang::En)));
    let _ = button.class_list().toggle_with_force("is-done", done);
}

/// Writes static DOM: elements with a class, and text nodes. Every element is a clone of a
/// cached prototype (tag and class set once), and fixed words are clones of cached text nodes,
/// so building a card passes only the changing text from wasm to the browser: each string
/// passed costs a decode, and a thread has thousands of them. A DOM call that fails (it should
/// not) leaves that part out rather than panicking: a panic in wasm kills the page.
struct Dom {
    doc: web_sys::Document,
}

thread_local! {
    /// Prototype elements by (tag, class).
    static ELEMENTS: RefCell<HashMap<(&'static str, &'static str), web_sys::Node>> =
        RefCell::new(HashMap::new());
    /// Prototype text nodes for fixed words (labels), by their text.
    static WORDS: RefCell<HashMap<&'static str, web_sys::Node>> = RefCell::new(HashMap::new());
}

impl Dom {
    fn of(el: &Element) -> Option<Dom> {
        el.owner_document().map(|doc| Dom { doc })
    }

    /// Appends `<tag class="class">` to `parent` and returns it.
    fn child(&self, parent: &Element, tag: &'static str, class: &'static str) -> Option<Element> {
        self.child_with(parent, tag, class, &[])
    }

    /// Appends `<tag class="class" attrs…>` to `parent` and returns it. The prototype is
    /// cached by tag and class, so one (tag, class) pair must always come with the same
    /// attributes.
    fn child_with(
        &self,
        parent: &Element,
        tag: &'static str,
        class: &'static str,
        attrs: &[(&'static str, &'static str)],
    ) -> Option<Element> {
        let proto = ELEMENTS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(node) = cache.get(&(tag, class)) {
                return Some(node.clone());
            }
            let el = self.doc.create_element(tag).ok()?;
            if !class.is_empty() {
                el.set_class_name(class);
            }
            for (name, value) in attrs {
                let _ = el.set_attribute(name, value);
            }
            let node: web_sys::Node = el.into();
            cache.insert((tag, class), node.clone());
            Some(node)
        })?;
        let el: Element = proto.clone_node().ok()?.unchecked_into();
        parent.append_child(&el).ok()?;
        Some(el)
    }

    /// Appends `<tag class="class">text</tag>` to `parent` and returns it.
    fn text_child(
        &self,
        parent: &Element,
        tag: &'static str,
        class: &'static str,
        text: &str,
    ) -> Option<Element> {
        let el = self.child(parent, tag, class)?;
        el.set_text_content(Some(text));
        Some(el)
    }

    /// Appends `<tag class="class">word</tag>` for a fixed word.
    fn word_child(
        &self,
        parent: &Element,
        tag: &'static str,
        class: &'static str,
        word: &'static str,
    ) -> Option<Element> {
        let el = self.child(parent, tag, class)?;
        self.word(&el, word);
        Some(el)
    }

    /// Gives `el` the test id `id` (kept in `data-tid`; offered as `data-testid` when `offered`).
    fn tid(&self, el: &Element, id: &str, offered: bool) {
        let _ = el.set_attribute("data-tid", id);
        if offered {
            let _ = el.set_attribute("data-testid", id);
        }
    }

    /// Appends a text node (never parsed as HTML).
    fn text(&self, parent: &Element, text: &str) {
        if !text.is_empty() {
            let _ = parent.append_with_str_1(text);
        }
    }

    /// Appends a text node for a fixed word.
    fn word(&self, parent: &Element, word: &'static str) {
        let proto = WORDS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(node) = cache.get(word) {
                return node.clone();
            }
            let node: web_sys::Node = self.doc.create_text_node(word).into();
            cache.insert(word, node.clone());
            node
        });
        if let Ok(node) = proto.clone_node() {
            let _ = parent.append_child(&node);
        }
    }
}

/// `use:` directive on the headline's list of messages that need only a note: one
/// `<li>#2 <code>[Multi tweet]</code></li>` per (message, note).
pub fn fill_note_list(list: Element, items: Vec<(String, String)>) {
    let Some(dom) = Dom::of(&list) else {
        return;
    };
    for (number, note) in items {
        if let Some(li) = dom.child(&list, "li", "") {
            dom.text(&li, &format!("#{number} "));
            dom.text_child(&li, "code", "", &note);
        }
    }
}

/// Writes the whole card into an empty `<article>`.
fn fill_card(article: &Element, built: Built) {
    let Some(dom) = Dom::of(article) else {
        return;
    };
    let card = built.card;
    let lang = card.lang;
    let v = &card.verdict;
    let d = v.decision;
    let number = card.number.as_str();
    let note = v.note.as_deref().unwrap_or("");
    let mut class = format!("msg msg--{}", d.as_str());
    if card.answer_this() {
        class.push_str(" is-primary");
    }
    if !card.full {
        class.push_str(" is-compact");
    }
    class.push(' ');
    class.push_str(TID_CLASS);
    article.set_class_name(&class);
    dom.tid(article, "message-verdict", built.offered);
    let _ = article.set_attribute("data-message", number);
    let _ = article.set_attribute("data-decision", d.as_str());
    let _ = article.set_attribute("data-note", note);
    let card_label = match lang {
        Lang::Id => format!("Pesan #{number}: {}", decision_label(d, lang)),
        Lang::En => format!("Message #{number}: {}", decision_label(d, lang)),
    };
    let _ = article.set_attribute("aria-label", &card_label);

    head(&dom, article, card);
    let text = card.text();
    if let Some(p) = dom.child(article, "p", "msg-text") {
        if card.full {
            let spans: Vec<(usize, usize)> = v
                .reasons
                .iter()
                .flat_map(|r| r.evidence.iter().map(|s| (s.start, s.end)))
                .collect();
            for piece in present::pieces(text, &spans) {
                let part = text.get(piece.start..piece.end).unwrap_or("");
                if piece.marked {
                    dom.text_child(&p, "mark", "", part);
                } else {
                    dom.text(&p, part);
                }
            }
        } else {
            dom.text(&p, &truncate_chars(text, 160));
        }
    }
    if d == Decision::NoReply && !note.is_empty() {
        note_block(&dom, article, &built, note);
    }
    if d == Decision::Context || !card.full {
        return;
    }
    if v.reasons.is_empty() {
        let none = match d {
            Decision::Reply => lang.pick(
                "Tidak ada aturan W-21 yang cocok: ini case biasa yang perlu dijawab.",
                "No W-21 rule matched: an ordinary case that needs a reply.",
            ),
            _ => lang.pick("Tidak ada alasan yang dicatat.", "No reason recorded."),
        };
        dom.word_child(article, "p", "reason-none", none);
    } else if let Some(list) = dom.child(article, "ul", "reasons") {
        let _ = list.set_attribute("aria-label", lang.pick("Alasan", "Reasons"));
        reasons(&dom, &list, card);
    }
}

/// The card's header: number, author, time, its verdict and "answer this one".
fn head(dom: &Dom, article: &Element, card: &CardData) {
    let Some(head) = dom.child(article, "header", "msg-head") else {
        return;
    };
    let lang = card.lang;
    let d = card.verdict.decision;
    let m = card.message.as_ref();
    dom.text_child(&head, "span", "msg-num", &format!("#{}", card.number));
    if let Some(name) = author(m) {
        dom.text_child(&head, "span", "msg-author", &name);
    }
    if let Some(t) = m.and_then(|m| m.time.as_deref()).filter(|t| !t.trim().is_empty()) {
        let shown = wib(t).unwrap_or_else(|| present::short_time(t));
        if let Some(time) = dom.text_child(&head, "time", "", &shown) {
            let _ = time.set_attribute("datetime", t);
            let _ = time.set_attribute("title", t);
        }
    }
    let badge_class = match d {
        Decision::Reply => "badge badge--reply",
        Decision::NoReply => "badge badge--no_reply",
        Decision::Review => "badge badge--review",
        Decision::Context => "badge badge--context",
    };
    if let Some(badge) = dom.child(&head, "span", badge_class) {
        if let Some(el) = dom.child_with(&badge, "span", "badge-icon", &[("aria-hidden", "true")]) {
            dom.word(&el, decision_icon(d));
            dom.word(&el, " ");
        }
        let label = decision_label(d, lang);
        match card.verdict.category.map(|c| category_label(c, card.channel, lang)) {
            Some(c) => dom.text(&badge, &format!("{label} · {c}")),
            None => dom.word(&badge, label),
        }
    }
    if card.answer_this() {
        dom.word_child(
            &head,
            "span",
            "badge badge-answer",
            lang.pick("➜ Jawab yang ini", "➜ Answer this one"),
        );
    }
}

/// A no-reply message's note with its two copy buttons (see [`copy_clicked`]).
fn note_block(dom: &Dom, article: &Element, built: &Built, note: &str) {
    let Some(block) = dom.child(article, "div", "msg-note") else {
        return;
    };
    let lang = built.card.lang;
    let number = built.card.number.as_str();
    dom.word_child(&block, "span", "msg-note-label", "Note");
    if let Some(code) = dom.text_child(&block, "code", NOTE_CLASS, note) {
        dom.tid(&code, "message-note", built.offered);
    }
    for what in [CopyWhat::Note, CopyWhat::All] {
        let class = match what {
            CopyWhat::Note => "copy-btn",
            CopyWhat::All => "copy-btn has-tid",
        };
        let Some(button) = dom.child_with(&block, "button", class, &[("type", "button")]) else {
            continue;
        };
        let _ = button.set_attribute("data-message", number);
        let (tag, aria) = match (what, lang) {
            (CopyWhat::Note, Lang::Id) => ("note", format!("Salin note pesan #{number}")),
            (CopyWhat::Note, Lang::En) => ("note", format!("Copy note of message #{number}")),
            (CopyWhat::All, Lang::Id) => ("all", format!("Salin semua kolom pesan #{number}")),
            (CopyWhat::All, Lang::En) => ("all", format!("Copy all fields of message #{number}")),
        };
        let _ = button.set_attribute("data-copy", tag);
        let _ = button.set_attribute("aria-label", &aria);
        if what == CopyWhat::All {
            dom.tid(&button, "message-copy-all", built.offered);
        }
        let done = built.copied == Some(copy_key(number, what).as_str());
        set_copy_state(&button, what == CopyWhat::All, done, lang);
    }
}

/// The reasons: the deciding reason(s) first and in full; the other rules that matched stay
/// visible (W-21 reasons are shown in full) but quieter, folded unless the agent must decide,
/// so the decision is read first.
fn reasons(dom: &Dom, list: &Element, card: &CardData) {
    let lang = card.lang;
    let text = card.text();
    let (decisive, others): (Vec<&Reason>, Vec<&Reason>) =
        card.verdict.reasons.iter().partition(|r| r.decisive);
    for r in decisive {
        reason_item(dom, list, text, r, lang);
    }
    if others.is_empty() {
        return;
    }
    let title = match lang {
        Lang::Id => format!("Juga cocok, tidak menentukan ({})", others.len()),
        Lang::En => format!("Also matched, not deciding ({})", others.len()),
    };
    let Some(li) = dom.child(list, "li", "reasons-other") else {
        return;
    };
    let Some(details) = dom.child(&li, "details", "") else {
        return;
    };
    if card.verdict.decision == Decision::Review {
        let _ = details.set_attribute("open", "");
    }
    dom.text_child(&details, "summary", "reasons-other-title", &title);
    if let Some(ul) = dom.child(&details, "ul", "") {
        for r in others {
            reason_item(dom, &ul, text, r, lang);
        }
    }
}

/// One reason: why, the rule, the W-21 clause (a link into the procedure) and the words that
/// triggered it.
fn reason_item(dom: &Dom, list: &Element, text: &str, r: &Reason, lang: Lang) {
    let class = if r.decisive { "reason is-decisive" } else { "reason" };
    let Some(li) = dom.child(list, "li", class) else {
        return;
    };
    let why = match lang {
        Lang::En if !r.why_en.trim().is_empty() => r.why_en.as_str(),
        _ => r.why.as_str(),
    };
    if let Some(p) = dom.child(&li, "p", "reason-why") {
        if r.decisive {
            dom.word_child(&p, "span", "badge badge-decisive", lang.pick("★ penentu", "★ decisive"));
            dom.text(&p, &format!(" {why}"));
        } else {
            dom.text(&p, why);
        }
    }
    let Some(meta) = dom.child(&li, "p", "reason-meta") else {
        return;
    };
    if let Some(rule) = dom.child(&meta, "span", "reason-rule") {
        dom.word(&rule, lang.pick("Aturan ", "Rule "));
        if let Some(a) = dom.child(&rule, "a", "") {
            let _ = a.set_attribute("href", &format!("#/prosedur/rule-{}", r.rule));
            dom.text_child(&a, "code", "", &r.rule);
        }
    }
    let clause_label = if r.clause.trim().is_empty() {
        "W-21".to_string()
    } else {
        format!("W-21 §{}", r.clause.trim())
    };
    if let Some(a) = dom.text_child(&meta, "a", "reason-clause", &clause_label) {
        let _ = a.set_attribute("href", &format!("#/prosedur/{}", clause_anchor(r)));
        let link_label = match lang {
            Lang::Id => format!("{clause_label}: buka di prosedur"),
            Lang::En => format!("{clause_label}: open in the procedure"),
        };
        let _ = a.set_attribute("aria-label", &link_label);
    }
    let spans: Vec<(usize, usize)> = r.evidence.iter().map(|s| (s.start, s.end)).collect();
    let words = present::quoted(text, &spans);
    if !words.is_empty() {
        if let Some(span) = dom.child(&meta, "span", "reason-words") {
            dom.word(&span, lang.pick("Kata pemicu: ", "Triggered by: "));
            for w in words {
                dom.text_child(&span, "mark", "word", &w);
            }
        }
    }
}
