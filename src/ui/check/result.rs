//! Renders one `Checked` result: the headline verdict, the Sociomedia fields with copy buttons,
//! and one card per message with its verdict, its reasons and the triggering words highlighted.
//! Everything is built from engine values as text nodes: pasted text is never parsed as HTML.
//! No rule logic lives here; the engine has decided everything this file shows.
use super::copy::{copy_button, Copier, CopySpec};
use super::present;
use crate::engine::check::Checked;
use crate::engine::time::{format_rfc3339, parse_timestamp};
use crate::engine::{Category, Channel, Decision, Message, Reason, Sociomedia, Verdict};
use crate::settings::Lang;
use leptos::prelude::*;

/// The test id to put on an element, withheld while the shown result is stale (the paste
/// changed and the check has not run yet), so nobody reads an old verdict as the current one.
/// Reactive, so a stale/fresh switch touches attributes only and never rebuilds the cards.
pub fn tid(
    stale: Memo<bool>,
    id: &'static str,
) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
    move || (!stale.get()).then_some(id)
}

/// The headline words for a decision.
pub fn decision_label(d: Decision, lang: Lang) -> &'static str {
    match d {
        Decision::Reply => lang.pick("Perlu dijawab", "Needs a reply"),
        Decision::NoReply => lang.pick("Tidak perlu dijawab", "No reply needed"),
        Decision::Review => lang.pick("Periksa manual", "Check manually"),
        Decision::Context => lang.pick("Konteks (akun brand)", "Context (brand account)"),
    }
}

/// A symbol that goes with the decision's colour and words, so colour is never the only signal.
pub fn decision_icon(d: Decision) -> &'static str {
    match d {
        Decision::Reply => "↩",
        Decision::NoReply => "⊘",
        Decision::Review => "⚠",
        Decision::Context => "⋯",
    }
}

pub fn category_label(c: Category, channel: Channel, lang: Lang) -> &'static str {
    match (c, channel) {
        (Category::Troll, _) => "Troll/Iseng",
        (Category::Multi, Channel::Twitter) => "Multi Tweet",
        (Category::Multi, Channel::Facebook) => "Multi Post",
        (Category::Kuis, _) => lang.pick("Kuis", "Quiz (Kuis)"),
        (Category::Promo, _) => "Promo",
    }
}

/// The anchor in the procedure view a reason links to: the category's paragraph of §5.1 when
/// the reason decides a category there, otherwise the clause itself.
pub fn clause_anchor(reason: &Reason) -> String {
    let clause = reason.clause.trim();
    let clause = if clause.is_empty() { "5.1" } else { clause };
    match reason.category {
        Some(c) if clause == "5.1" => format!("5.1-{}", c.as_str()),
        _ => clause.to_string(),
    }
}

/// The four Sociomedia fields and the note, in Sociomedia's order and with its English names.
pub fn field_list(s: &Sociomedia, note: &str) -> Vec<(&'static str, String)> {
    vec![
        ("Category", s.category.clone()),
        ("Product", s.product.clone()),
        ("Sub Product", s.sub_product.clone()),
        ("Reply Type", s.reply_type.clone()),
        ("Note", note.to_string()),
    ]
}

pub fn copy_all_text(s: &Sociomedia, note: &str) -> String {
    let fields = field_list(s, note);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    present::copy_block(&pairs)
}

/// A message time as the agent reads it: Indonesian local time (WIB, UTC+07:00), which is how
/// the parser read wall-clock times in the paste (it stores them in UTC).
fn wib(time: &str) -> Option<String> {
    let t = parse_timestamp(time)?;
    let local = format_rfc3339(t.checked_add(7 * 3600)?);
    Some(format!("{} WIB", present::short_time(&local)))
}

/// The message's author as pasted, if the paste named one.
fn author(m: Option<&Message>) -> Option<String> {
    m.and_then(|m| m.author.clone())
        .filter(|a| !a.trim().is_empty())
}

/// The headline block's contents (the block itself is persistent, see the check view).
pub fn headline(c: &Checked, lang: Lang) -> AnyView {
    let d = c.overall.decision;
    let category = c
        .overall
        .category
        .map(|cat| category_label(cat, c.channel, lang));
    let counted: Vec<&Verdict> = c
        .verdicts
        .iter()
        .filter(|v| v.decision != Decision::Context)
        .collect();
    let thread = c.verdicts.len() > 1;
    // Every message to answer (a thread can hold more than one case, e.g. a new turn after a
    // brand reply), with its author when the paste named one.
    let to_answer: Vec<String> = c
        .verdicts
        .iter()
        .enumerate()
        .filter(|(_, v)| v.primary && v.decision == Decision::Reply)
        .map(|(i, v)| {
            let m = c
                .parsed
                .messages
                .iter()
                .find(|m| m.id == v.message)
                .or(c.parsed.messages.get(i));
            let name = author(m).map(|a| format!(" ({a})")).unwrap_or_default();
            format!("#{}{name}", v.message)
        })
        .collect();
    let hint = match d {
        Decision::Reply => {
            match (thread, to_answer.is_empty()) {
                (true, false) => {
                    let list = to_answer.join(lang.pick(" dan ", " and "));
                    match lang {
                        Lang::Id => format!("Jawab pesan {list}; tangani sesuai IN.OCC.TELK.P-01 Customer Handling."),
                        Lang::En => format!("Answer message {list}, under IN.OCC.TELK.P-01 Customer Handling."),
                    }
                }
                _ => lang
                    .pick(
                        "Tangani sesuai IN.OCC.TELK.P-01 Customer Handling.",
                        "Handle it under IN.OCC.TELK.P-01 Customer Handling.",
                    )
                    .to_string(),
            }
        }
        Decision::NoReply => lang
            .pick(
                "Jangan dijawab. Isi kolom Sociomedia di bawah dan tulis note-nya.",
                "Do not reply. Fill in the Sociomedia fields below and write the note.",
            )
            .to_string(),
        Decision::Review => lang
            .pick(
                "Sinyalnya bertentangan. Baca pesannya dan putuskan sendiri; bila ragu, jawab.",
                "The signals conflict. Read the message and decide; when in doubt, reply.",
            )
            .to_string(),
        Decision::Context => lang
            .pick(
                "Hanya ada pesan dari akun brand/agent: tidak ada case untuk dijawab.",
                "Only brand/agent messages: there is no case to answer.",
            )
            .to_string(),
    };
    // In a thread whose headline is not "no reply", list the messages that still need a note.
    let also: Vec<(String, String)> = if d == Decision::NoReply {
        vec![]
    } else {
        counted
            .iter()
            .filter(|v| v.decision == Decision::NoReply)
            .map(|v| (v.message.clone(), v.note.clone().unwrap_or_default()))
            .collect()
    };
    let also_view = (!also.is_empty()).then(|| {
        let items = also
            .into_iter()
            .map(|(n, note)| view! { <li>"#"{n}" " <code>{note}</code></li> })
            .collect_view();
        view! {
            <div class="verdict-also">
                <span>{lang.pick("Tidak perlu dijawab, catat note-nya:", "No reply needed, record the note:")}</span>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        <p class="verdict-decision">
            <span class="verdict-icon" aria-hidden="true">{decision_icon(d)}</span>
            <strong class="verdict-word">{decision_label(d, lang)}</strong>
        </p>
        {category.map(|label| view! {
            <p class="verdict-category">
                {lang.pick("Kategori: ", "Category: ")}
                <strong data-testid="verdict-category">{label}</strong>
            </p>
        })}
        <p class="verdict-hint">{hint}</p>
        {also_view}
    }
    .into_any()
}

/// The Sociomedia fields of the case-level no-reply verdict, each with a copy button, and
/// "copy all". `key` namespaces the copy buttons.
pub fn fields_block(
    copier: Copier,
    s: &Sociomedia,
    note: &str,
    stale: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let testids = [
        "field-category",
        "field-product",
        "field-sub-product",
        "field-reply-type",
        "note",
    ];
    let rows = field_list(s, note)
        .into_iter()
        .zip(testids)
        .map(|((name, value), testid)| {
            let key = format!("case:{testid}");
            view! {
                <div class="field-row" class:is-note=name == "Note">
                    <dt>{name}</dt>
                    <dd>
                        <code class="field-value" data-testid=tid(stale, testid)>{value.clone()}</code>
                        {copy_button(copier, CopySpec::new(key, name.to_string(), name.to_string(), value), lang)}
                    </dd>
                </div>
            }
        })
        .collect_view();
    let all = copy_all_text(s, note);
    view! {
        <section class="fields" aria-labelledby="fields-title">
            <div class="fields-head">
                <h2 id="fields-title">{lang.pick("Isi di Sociomedia", "Enter in Sociomedia")}</h2>
                <span class="fields-clause">
                    <a href="#/prosedur/5.2">"W-21 §5.2"</a>" · "<a href="#/prosedur/5.3">"§5.3"</a>
                </span>
            </div>
            <dl class="field-list">{rows}</dl>
            <div class="fields-actions">
                {copy_button(
                    copier,
                    CopySpec::new("case:all".into(), "semua kolom".into(), "all fields".into(), all)
                        .testid("copy-all", stale)
                        .label("Salin semua", "Copy all")
                        .primary(),
                    lang,
                )}
                <span class="shortcut-hint">
                    <kbd>"Alt"</kbd>"+"<kbd>"A"</kbd>" "{lang.pick("salin semua", "copy all")}
                    " · "<kbd>"Alt"</kbd>"+"<kbd>"C"</kbd>" "{lang.pick("salin note", "copy note")}
                </span>
            </div>
        </section>
    }
    .into_any()
}

/// A message's text as plain text and `<mark>` pieces built from the evidence offsets.
fn highlighted(text: &str, reasons: &[Reason]) -> AnyView {
    let spans: Vec<(usize, usize)> = reasons
        .iter()
        .flat_map(|r| r.evidence.iter().map(|s| (s.start, s.end)))
        .collect();
    present::pieces(text, &spans)
        .into_iter()
        .map(|p| {
            let piece = text.get(p.start..p.end).unwrap_or("").to_string();
            if p.marked {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
        .into_any()
}

fn reason_item(text: &str, r: &Reason, lang: Lang) -> AnyView {
    let why = match lang {
        Lang::En if !r.why_en.trim().is_empty() => r.why_en.clone(),
        _ => r.why.clone(),
    };
    let spans: Vec<(usize, usize)> = r.evidence.iter().map(|s| (s.start, s.end)).collect();
    let words = present::quoted(text, &spans);
    let words_view = (!words.is_empty()).then(|| {
        let list = words
            .into_iter()
            .map(|w| view! { <mark class="word">{w}</mark> })
            .collect_view();
        view! {
            <span class="reason-words">{lang.pick("Kata pemicu: ", "Triggered by: ")}{list}</span>
        }
    });
    let href = format!("#/prosedur/{}", clause_anchor(r));
    let clause_label = if r.clause.trim().is_empty() {
        "W-21".to_string()
    } else {
        format!("W-21 §{}", r.clause.trim())
    };
    let link_label = match lang {
        Lang::Id => format!("{clause_label}: buka di prosedur"),
        Lang::En => format!("{clause_label}: open in the procedure"),
    };
    let decisive = r.decisive.then(|| {
        view! { <span class="badge badge-decisive">{lang.pick("★ penentu", "★ decisive")}</span> }
    });
    view! {
        <li class="reason" class:is-decisive=r.decisive>
            <p class="reason-why">{decisive}" "{why}</p>
            <p class="reason-meta">
                <span class="reason-rule">
                    {lang.pick("Aturan ", "Rule ")}
                    <a href=format!("#/prosedur/rule-{}", r.rule)><code>{r.rule.clone()}</code></a>
                </span>
                <a class="reason-clause" href=href aria-label=link_label>{clause_label.clone()}</a>
                {words_view}
            </p>
        </li>
    }
    .into_any()
}

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

/// The cards for a checked paste, in paste order. `show_all` lifts the full-card limit.
pub fn card_data(c: &Checked, show_all: bool, lang: Lang) -> Vec<CardData> {
    use std::hash::{Hash, Hasher};
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
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (i, &number, thread, full, lang.code(), c.channel.as_str()).hash(&mut h);
            format!("{message:?}{v:?}").hash(&mut h);
            CardData {
                key: h.finish(),
                channel: c.channel,
                message,
                verdict: v.clone(),
                number,
                thread,
                full,
                lang,
            }
        })
        .collect()
}

/// Renders one card of `card_data`.
pub fn card_view(copier: Copier, card: CardData, stale: Memo<bool>) -> AnyView {
    message_card(
        copier,
        card.channel,
        card.message.as_ref(),
        &card.verdict,
        &card.number,
        card.thread,
        card.full,
        stale,
        card.lang,
    )
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

#[allow(clippy::too_many_arguments)]
fn message_card(
    copier: Copier,
    channel: Channel,
    m: Option<&Message>,
    v: &Verdict,
    number: &str,
    thread: bool,
    full: bool,
    stale: Memo<bool>,
    lang: Lang,
) -> AnyView {
    let text = m.map(|m| m.text.clone()).unwrap_or_default();
    let number = number.to_string();
    let name = author(m);
    let time = m
        .and_then(|m| m.time.clone())
        .filter(|t| !t.trim().is_empty());
    let note = v.note.clone().unwrap_or_default();
    let d = v.decision;
    let answer_this = v.primary && thread && matches!(d, Decision::Reply | Decision::Review);
    let category = v.category.map(|cat| category_label(cat, channel, lang));
    let time_view = time.map(|t| {
        let shown = wib(&t).unwrap_or_else(|| present::short_time(&t));
        view! { <time datetime=t.clone() title=t>{shown}</time> }
    });
    let note_view = (d == Decision::NoReply && !note.is_empty()).then(|| {
        let s = v.sociomedia.clone().unwrap_or_else(Sociomedia::oot);
        let all = copy_all_text(&s, &note);
        view! {
            <div class="msg-note">
                <span class="msg-note-label">"Note"</span>
                <code class="field-value" data-testid=tid(stale, "message-note")>{note.clone()}</code>
                {copy_button(
                    copier,
                    CopySpec::new(
                        format!("msg:{number}:note"),
                        format!("note pesan #{number}"),
                        format!("note of message #{number}"),
                        note.clone(),
                    ),
                    lang,
                )}
                {copy_button(
                    copier,
                    CopySpec::new(
                        format!("msg:{number}:all"),
                        format!("semua kolom pesan #{number}"),
                        format!("all fields of message #{number}"),
                        all,
                    )
                    .testid("message-copy-all", stale)
                    .label("Salin semua", "Copy all"),
                    lang,
                )}
            </div>
        }
    });
    let reasons = if d == Decision::Context || !full {
        None
    } else if v.reasons.is_empty() {
        Some(
            view! {
                <p class="reason-none">
                    {match d {
                        Decision::Reply => lang.pick(
                            "Tidak ada aturan W-21 yang cocok: ini case biasa yang perlu dijawab.",
                            "No W-21 rule matched: an ordinary case that needs a reply.",
                        ),
                        _ => lang.pick("Tidak ada alasan yang dicatat.", "No reason recorded."),
                    }}
                </p>
            }
            .into_any(),
        )
    } else {
        // The deciding reason(s) first and in full; the other rules that matched stay visible
        // (W-21 reasons are shown in full) but quieter, so the agent reads the decision first.
        let (decisive, others): (Vec<&Reason>, Vec<&Reason>) =
            v.reasons.iter().partition(|r| r.decisive);
        let main = decisive
            .iter()
            .map(|r| reason_item(&text, r, lang))
            .collect_view();
        let rest = (!others.is_empty()).then(|| {
            let count = others.len();
            let items = others
                .iter()
                .map(|r| reason_item(&text, r, lang))
                .collect_view();
            let title = match lang {
                Lang::Id => format!("Juga cocok, tidak menentukan ({count})"),
                Lang::En => format!("Also matched, not deciding ({count})"),
            };
            // Open when the agent must decide: the conflicting signals are the point then.
            view! {
                <li class="reasons-other">
                    <details open=d == Decision::Review>
                        <summary class="reasons-other-title">{title}</summary>
                        <ul>{items}</ul>
                    </details>
                </li>
            }
        });
        Some(
            view! {
                <ul class="reasons" aria-label=lang.pick("Alasan", "Reasons")>{main}{rest}</ul>
            }
            .into_any(),
        )
    };
    let card_label = match lang {
        Lang::Id => format!("Pesan #{number}: {}", decision_label(d, lang)),
        Lang::En => format!("Message #{number}: {}", decision_label(d, lang)),
    };
    view! {
        <article
            class=format!("msg msg--{}", d.as_str())
            class:is-primary=answer_this
            class:is-compact=!full
            data-testid=tid(stale, "message-verdict")
            data-message=number.clone()
            data-decision=d.as_str()
            data-note=note.clone()
            aria-label=card_label
        >
            <header class="msg-head">
                <span class="msg-num">"#"{number.clone()}</span>
                {name.map(|n| view! { <span class="msg-author">{n}</span> })}
                {time_view}
                <span class=format!("badge badge--{}", d.as_str())>
                    <span aria-hidden="true">{decision_icon(d)}" "</span>
                    {decision_label(d, lang)}
                    {category.map(|c| format!(" · {c}"))}
                </span>
                {answer_this.then(|| view! {
                    <span class="badge badge-answer">{lang.pick("➜ Jawab yang ini", "➜ Answer this one")}</span>
                })}
            </header>
            <p class="msg-text">
                {if full { highlighted(&text, &v.reasons) } else { truncate_chars(&text, 160).into_any() }}
            </p>
            {note_view}
            {reasons}
        </article>
    }
    .into_any()
}
