//! Pieces the practice round and the presenter share: an example's thread as the trainee sees
//! it, the expected answer, the tool's own verdict with its reasons, and links into the
//! procedure view. Text is rendered as text, never as HTML.

use crate::engine::training::{Answer, Example};
use crate::engine::{Case, Decision, Verdict};
use crate::settings::Lang;
use crate::ui::state::{use_state, AppState};
use leptos::prelude::*;

/// A link to a W-21 clause in the procedure view.
pub fn clause_link(clause: String) -> impl IntoView {
    let href = format!("#/prosedur/{clause}");
    view! { <a class="clause-link" href=href>{format!("W-21 §{clause}")}</a> }
}

/// `2017-06-05T09:00:00+07:00` as `09:00` (the clock as written, in the case's own zone).
fn clock(time: &str) -> String {
    let t = time.trim();
    match (t.get(11..13), t.get(13..14), t.get(14..16)) {
        (Some(h), Some(":"), Some(m)) => format!("{h}:{m}"),
        _ => t.to_string(),
    }
}

/// The example's messages; the one to judge is marked when the thread has several.
#[component]
pub fn ExampleThread(example: Example, #[prop(optional)] big: bool) -> impl IntoView {
    let state = use_state();
    let thread = example.thread();
    let several = thread.len() > 1;
    let channel = example.channel;
    let items = thread
        .into_iter()
        .map(|m| {
            let asked = several && m.id == example.ask;
            let context = !example.expect.contains_key(&m.id);
            let class = match (asked, context) {
                (true, _) => "tr-msg asked",
                (_, true) => "tr-msg context",
                _ => "tr-msg",
            };
            let author = m.author.clone();
            let time = m.time.as_deref().map(clock);
            view! {
                <li class=class data-message=m.id.clone()>
                    <div class="tr-msg-meta">
                        <span class="tr-msg-num">{format!("#{}", m.id)}</span>
                        {author.map(|a| view! { <span class="tr-msg-author">{a}</span> })}
                        {time.map(|t| view! { <span class="tr-msg-time">{t}</span> })}
                        {context
                            .then(|| {
                                view! {
                                    <span class="tr-msg-tag">
                                        {move || state.lang().pick("brand · konteks", "brand · context")}
                                    </span>
                                }
                            })}
                        {asked
                            .then(|| {
                                view! {
                                    <span class="tr-msg-tag asked-tag">
                                        {move || state.lang().pick("pesan yang dinilai", "message to judge")}
                                    </span>
                                }
                            })}
                    </div>
                    <p class="tr-msg-text">{m.text.clone()}</p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let class = if big {
        "example-thread big"
    } else {
        "example-thread"
    };
    view! {
        <div class=class>
            <span class=format!("channel-badge {}", channel.as_str())>
                {match channel {
                    crate::engine::Channel::Twitter => "Twitter / X",
                    crate::engine::Channel::Facebook => "Facebook",
                }}
            </span>
            <ol class="tr-msgs">{items}</ol>
        </div>
    }
}

/// "Perlu dijawab" or "Tidak perlu dijawab · [Note]".
pub fn answer_text(a: &Answer, lang: Lang) -> String {
    if a.reply {
        lang.pick("Perlu dijawab", "Needs a reply").to_string()
    } else {
        format!(
            "{} · {}",
            lang.pick("Tidak perlu dijawab", "No reply needed"),
            a.note
        )
    }
}

fn verdict_text(v: &Verdict, lang: Lang) -> String {
    match v.decision {
        Decision::Reply => lang.pick("Perlu dijawab", "Needs a reply").to_string(),
        Decision::NoReply => format!(
            "{} · {}",
            lang.pick("Tidak perlu dijawab", "No reply needed"),
            v.note.clone().unwrap_or_default()
        ),
        Decision::Review => lang.pick("Periksa manual", "Manual review").to_string(),
        Decision::Context => lang
            .pick("Pesan brand (konteks)", "Brand message (context)")
            .to_string(),
    }
}

/// What the tool says about the asked message, with its reasons. When it differs from the
/// library's answer, it says so plainly: the library follows W-21, and the difference is worth
/// reporting.
#[component]
pub fn ToolVerdict(example: Example) -> impl IntoView {
    let state = use_state();
    let expected = example.expected_answer();
    let verdict = Memo::new(move |_| state.rulebook.with(|book| example.tool_verdict(book)));
    move || {
        let lang = state.lang();
        let Some(v) = verdict.get() else {
            return view! { <p class="tool-verdict">{lang.pick("Alat tidak memberi putusan.", "The tool gave no verdict.")}</p> }
                .into_any();
        };
        let agrees = match v.decision {
            Decision::Reply => expected.reply,
            Decision::NoReply => {
                !expected.reply && v.note.as_deref() == Some(expected.note.as_str())
            }
            _ => false,
        };
        let reasons = v
            .reasons
            .iter()
            .map(|r| {
                let why = if lang == Lang::En && !r.why_en.is_empty() {
                    r.why_en.clone()
                } else {
                    r.why.clone()
                };
                let class = if r.decisive {
                    "tv-reason decisive"
                } else {
                    "tv-reason"
                };
                view! {
                    <li class=class>
                        <code>{r.rule.clone()}</code>
                        " "
                        {why}
                        " "
                        {clause_link(r.clause.clone())}
                    </li>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <div class="tool-verdict" data-testid="trainer-tool-verdict" data-decision=v.decision.as_str() data-agrees=agrees.to_string()>
                <p>
                    <strong>{lang.pick("Kata alat: ", "The tool says: ")}</strong>
                    {verdict_text(&v, lang)}
                </p>
                {(!agrees)
                    .then(|| {
                        view! {
                            <p class="tool-disagrees">
                                {lang
                                    .pick(
                                        "Alat berbeda dengan jawaban pustaka. Jawaban pustaka mengikuti W-21; laporkan perbedaan ini.",
                                        "The tool differs from the library's answer. The library follows W-21; please report the difference.",
                                    )}
                            </p>
                        }
                    })}
                {(!reasons.is_empty()).then(|| view! { <ul class="tv-reasons">{reasons}</ul> })}
            </div>
        }
            .into_any()
    }
}

/// The example as a paste for the main screen: the bare text for a lone message without
/// metadata, otherwise one line of the JSON case format.
pub fn paste_for(example: &Example) -> String {
    let case = example.to_case();
    if let [m] = case.messages.as_slice() {
        if m.author.is_none() && m.time.is_none() {
            return m.text.clone();
        }
    }
    let case = Case {
        id: String::new(),
        expect: None,
        ..case
    };
    serde_json::to_string(&case).unwrap_or_default()
}

/// Opens an example in the main screen.
pub fn open_in_check(state: AppState, example: &Example) {
    state.channel.set(Some(example.channel));
    state.paste.set(paste_for(example));
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash("#/");
    }
}
