//! Renders one `Checked` result: the headline verdict and the Sociomedia fields with copy
//! buttons, plus the labels the message cards (`check/card.rs`) share. The headline is text
//! nodes (it can name the paste's authors); the fields block is markup from `markup::fields`,
//! engine and rulebook values escaped. Pasted text is never parsed as HTML. No rule logic lives
//! here; the engine has decided everything this file shows.
use super::card::fill_note_list;
use super::copy::Copier;
use super::present;
use crate::engine::check::Checked;
use crate::engine::time::{format_rfc3339, parse_timestamp};
use crate::engine::{Category, Channel, Decision, Message, Reason, Sociomedia, Verdict};
use crate::markup::{self, fields::Field};
use crate::settings::Lang;
use crate::ui::dom;
use leptos::prelude::*;

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
pub(super) fn wib(time: &str) -> Option<String> {
    let t = parse_timestamp(time)?;
    let local = format_rfc3339(t.checked_add(7 * 3600)?);
    Some(format!("{} WIB", present::short_time(&local)))
}

/// The message's author as pasted, if the paste named one.
pub(super) fn author(m: Option<&Message>) -> Option<String> {
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
    // A long thread lists dozens of messages here, and this block renders in the same task as
    // the verdict: the items are written as plain DOM (see `card::fill_note_list`).
    let also_view = (!also.is_empty()).then(|| {
        view! {
            <div class="verdict-also">
                <span>{lang.pick("Tidak perlu dijawab, catat note-nya:", "No reply needed, record the note:")}</span>
                <ul use:fill_note_list=also></ul>
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

/// The test ids of the fields block's values, in `field_list`'s order.
const FIELD_TESTIDS: [&str; 5] = ["field-category", "field-product", "field-sub-product", "field-reply-type", "note"];

/// The Sociomedia fields of the case-level no-reply verdict, each with a copy button, and
/// "copy all": fixed markup from `markup::fields`, wired with one click handler. The copy
/// confirmation and the test ids are the check view's (`card::show_copied`,
/// `card::offer_test_ids` on the element with id `fields`).
pub fn fields_block(copier: Copier, s: &Sociomedia, note: &str, offered: bool, lang: Lang) -> AnyView {
    let list = field_list(s, note);
    let fields: Vec<Field> = list
        .iter()
        .zip(FIELD_TESTIDS)
        .map(|((name, value), testid)| Field { name, value, testid })
        .collect();
    // The button that copied last keeps its confirmation when the block is built again.
    let copied = copier.last.get_untracked();
    let html = markup::fields::html(&fields, offered, copied.as_deref(), lang == Lang::En);
    let all = copy_all_text(s, note);
    let on_click = move |e: leptos::ev::MouseEvent| {
        let Some(key) = dom::target(&e)
            .and_then(|t| t.closest("button[data-key]").ok().flatten())
            .and_then(|b| b.get_attribute("data-key"))
        else {
            return;
        };
        if key == "case:all" {
            copier.copy(key, "semua kolom".into(), "all fields".into(), all.clone());
        } else if let Some((name, value)) = FIELD_TESTIDS
            .iter()
            .position(|t| key.strip_prefix("case:") == Some(t))
            .and_then(|i| list.get(i))
        {
            copier.copy(key, name.to_string(), name.to_string(), value.clone());
        }
    };
    view! { <section class="fields" id="fields" aria-labelledby="fields-title" on:click=on_click inner_html=html></section> }
        .into_any()
}
