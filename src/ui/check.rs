//! The agent's screen (`#/`): the paste box, the channel, and the live verdict with its reasons
//! and the Sociomedia fields ready to copy. This file owns the screen's state flow: the paste is
//! checked after a short pause in typing (or at once on Ctrl+Enter), through
//! `engine::check::check_paste`, the same entry point as the CLI, so the page and
//! `oot-triage classify` never disagree. It must not hold rule logic: it only shows what the
//! engine decided. Rendering of one result is in `check/result.rs` (headline, fields) and
//! `check/card.rs` (message cards), copy feedback in `check/copy.rs`, pure helpers (highlight
//! pieces, copy block) in `check/present.rs`.
//!
//! The headline verdict (and the fields of a no-reply case) render in the same task as the
//! check; the message cards follow once the browser has painted the verdict, in chunks (see
//! `Cards`), so a long thread never holds the verdict back. Until the cards match the
//! verdict shown, their test ids are withheld and old cards are dimmed.
pub mod card;
pub mod copy;
pub mod present;
pub mod result;

use self::card::CardData;
use self::copy::{Copier, CopyStatusLine};
use crate::engine::check::{check_paste, Checked};
use crate::engine::paste::PasteFormat;
use crate::engine::rulebook::Rulebook;
use crate::engine::{Channel, Decision, Sociomedia};
use crate::markup;
use crate::settings::Lang;
use crate::ui::dom;
use crate::ui::state::{effect, tr, use_state};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

/// Runs the engine with the channel rule of this screen: the agent's choice, else the parser's
/// guess, else the default channel from the settings.
fn run_check(
    book: &Rulebook,
    text: &str,
    chosen: Option<Channel>,
    default: Channel,
    now: i64,
) -> Checked {
    let first = check_paste(book, text, chosen, Some(now));
    if chosen.is_none() && first.parsed.channel_guess.is_none() && first.channel != default {
        check_paste(book, text, Some(default), Some(now))
    } else {
        first
    }
}

/// What the copy shortcuts copy: the case-level no-reply note and fields, else the first
/// no-reply message of the thread (e.g. the `[Multi tweet]` of a burst's later messages).
fn copy_target(c: &Checked) -> Option<(String, Sociomedia)> {
    let first_no_reply = c
        .verdicts
        .iter()
        .find(|v| v.decision == Decision::NoReply)?;
    let note = match (&c.overall.note, c.overall.decision) {
        (Some(n), Decision::NoReply) => n.clone(),
        _ => first_no_reply.note.clone()?,
    };
    Some((
        note,
        first_no_reply
            .sociomedia
            .clone()
            .unwrap_or_else(Sociomedia::oot),
    ))
}

#[component]
pub fn CheckView() -> impl IntoView {
    let state = use_state();
    let copier = Copier::new();

    // The text last checked. It trails `state.paste` by the debounce delay; Ctrl+Enter, a
    // channel change and clearing the box bring it level at once.
    let debounced = RwSignal::new(state.paste.get_untracked());
    let generation = StoredValue::new(0u64);
    let bump = move || {
        let next = generation.try_get_value().unwrap_or(0).wrapping_add(1);
        let _ = generation.try_set_value(next);
        next
    };

    effect(move || {
        let text = state.paste.get();
        if debounced.with_untracked(|d| *d == text) {
            return;
        }
        let mine = bump();
        let delay = present::debounce_ms(text.len());
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine) {
                    let _ = debounced.try_set(text);
                }
            },
            Duration::from_millis(u64::from(delay)),
        );
    });

    // Checks the current paste now, skipping the debounce delay.
    let flush = move || {
        bump();
        let text = state.paste.get_untracked();
        if debounced.with_untracked(|d| *d != text) {
            debounced.set(text);
        }
    };

    // Takes the box's current value (in case no input event reached us, e.g. a script set it)
    // and checks now. Only for user actions on the box: after a programmatic change of
    // `state.paste` the box may not show the new text yet.
    let sync_and_flush = move || {
        if let Some(el) = paste_box() {
            let value = el.value();
            if state.paste.with_untracked(|p| *p != value) {
                if value.trim().is_empty() {
                    state.channel.set(None);
                }
                state.paste.set(value);
            }
        }
        flush();
    };

    let checked: Memo<Option<Checked>> = Memo::new(move |_| {
        let text = debounced.get();
        if text.trim().is_empty() {
            return None;
        }
        let chosen = state.channel.get();
        let (default, window) = state
            .settings
            .with(|s| (s.default_channel, s.multi_window_minutes));
        let now = dom::now_secs();
        Some(state.rulebook.with(|book| {
            if book.multi_window_minutes == window {
                run_check(book, &text, chosen, default, now)
            } else {
                let mut book = book.clone();
                book.multi_window_minutes = window;
                run_check(&book, &text, chosen, default, now)
            }
        }))
    });
    // True while the box holds text that has not been checked yet.
    let pending = Memo::new(move |_| state.paste.with(|p| debounced.with(|d| p != d)));
    // Hands every finished check to the history recorder (ui::history), which keeps it once
    // its verdict has stood for a moment, or at once after Ctrl+Enter.
    effect(move || {
        checked.with(|c| {
            if let Some(c) = c {
                debounced.with_untracked(|text| crate::ui::history::publish_check(&state, text, c));
            }
        });
    });

    let channel_used = move || {
        checked
            .with(|c| c.as_ref().map(|c| c.channel))
            .or_else(|| state.channel.get())
            .unwrap_or_else(|| state.settings.with(|s| s.default_channel))
    };

    let copy_note = move || {
        flush();
        match checked.with_untracked(|c| c.as_ref().and_then(copy_target)) {
            Some((note, _)) => copier.copy("case:note".into(), "Note".into(), "Note".into(), note),
            None => copier.nothing(),
        }
    };
    let copy_all = move || {
        flush();
        match checked.with_untracked(|c| c.as_ref().and_then(copy_target)) {
            Some((note, s)) => copier.copy(
                "case:all".into(),
                "semua kolom".into(),
                "all fields".into(),
                result::copy_all_text(&s, &note),
            ),
            None => copier.nothing(),
        }
    };
    let focus_paste = || dom::focus_id("case-input");

    // Shortcuts: Ctrl/Cmd+Enter checks now; Alt+C copies the note, Alt+A copies all fields,
    // Alt+P or "/" (outside text fields) goes to the paste box. `code` is used for the Alt
    // shortcuts because Alt changes the produced character on some layouts.
    let handle = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if e.default_prevented() || e.is_composing() {
            return;
        }
        let (ctrl, meta, alt, shift) = (e.ctrl_key(), e.meta_key(), e.alt_key(), e.shift_key());
        if (ctrl || meta) && !alt && e.key() == "Enter" {
            e.prevent_default();
            sync_and_flush();
            return;
        }
        if alt && !ctrl && !meta && !shift {
            match e.code().as_str() {
                "KeyC" => {
                    e.prevent_default();
                    copy_note();
                }
                "KeyA" => {
                    e.prevent_default();
                    copy_all();
                }
                "KeyP" => {
                    e.prevent_default();
                    focus_paste();
                }
                _ => {}
            }
            return;
        }
        if e.key() == "/" && !ctrl && !meta && !alt && !dom::focus_is_in_text_field() {
            e.prevent_default();
            focus_paste();
        }
    });
    on_cleanup(move || handle.remove());

    let on_input = move |value: String| {
        let empty = value.trim().is_empty();
        if empty {
            // A cleared box starts a new case: follow the next paste's channel again.
            state.channel.set(None);
        }
        state.paste.set(value);
        if empty {
            flush();
        }
    };
    // The paste box and its controls are fixed markup (`markup::CHECK_INPUT`), wired here by
    // element id: one handler each for input, change and click.
    let on_box_input = move |e: ev::Event| {
        if dom::target(&e).is_some_and(|t| t.id() == "case-input") {
            on_input(event_target_value(&e));
        }
    };
    let on_box_change = move |e: ev::Event| {
        let id = dom::target(&e).map(|t| t.id()).unwrap_or_default();
        if id == "case-input" {
            on_input(event_target_value(&e));
        } else if id == "channel" {
            if let Some(ch) = Channel::parse(&event_target_value(&e)) {
                state.channel.set(Some(ch));
                flush();
            }
        }
    };
    let on_box_click = move |e: ev::MouseEvent| match dom::action_of(&e).map(|(a, _)| a).as_deref() {
        Some("check") => sync_and_flush(),
        Some("clear") => {
            state.channel.set(None);
            state.paste.set(String::new());
            flush();
            focus_paste();
        }
        Some("follow-guess") => {
            state.channel.set(None);
            flush();
        }
        _ => {}
    };

    // Sets the markup again when the language changes, and keeps the box, the channel and
    // where the channel comes from in step with the state.
    let input_holder = NodeRef::<html::Div>::new();
    effect(move || {
        let lang = state.lang();
        let Some(holder) = input_holder.get() else {
            return;
        };
        dom::set_html_in(&holder, lang.code(), || markup::render(markup::CHECK_INPUT, lang == Lang::En));
        if let Some(el) = paste_box() {
            state.paste.with(|p| {
                if el.value() != *p {
                    el.set_value(p);
                }
            });
        }
        dom::set_prop("channel", "value", channel_used().as_str().into());
        let chosen = state.channel.with(Option::is_some);
        let guessed = !chosen && checked.with(|c| c.as_ref().and_then(|c| c.parsed.channel_guess).is_some());
        dom::show_id("channel-chosen", chosen);
        dom::show_id("channel-guessed", guessed);
        dom::show_id("channel-default", !chosen && !guessed);
        dom::show_id("follow-guess", chosen);
    });

    let verdict_class = move || {
        let d = checked.with(|c| c.as_ref().map(|c| c.overall.decision));
        match d {
            Some(d) => format!("verdict verdict--{}", d.as_str()),
            None => "verdict verdict--empty".to_string(),
        }
    };
    let verdict_testid =
        move || (!pending.get() && checked.with(|c| c.is_some())).then_some("verdict");
    let verdict_decision =
        move || checked.with(|c| c.as_ref().map(|c| c.overall.decision.as_str()));
    let headline = move || {
        let lang = state.lang();
        checked.with(|c| match c {
            Some(c) => result::headline(c, lang),
            None => view! {
                <p class="verdict-empty">
                    {lang.pick(
                        "Tempel satu tweet/post atau satu thread di kotak paste. Hasilnya muncul sambil Anda mengetik.",
                        "Paste one tweet/post or a whole thread into the paste box. The verdict appears as you type.",
                    )}
                </p>
            }
            .into_any(),
        })
    };

    // Lifts the full-card limit for very long threads (see `card::FULL_CARDS`); a new paste
    // goes back to the limit.
    let show_all = RwSignal::new(false);
    effect(move || {
        debounced.track();
        // Only when lifted: setting a signal notifies even when the value is unchanged, and
        // that would render the whole result a second time.
        if show_all.get_untracked() {
            show_all.set(false);
        }
    });
    // The fields block, or the examples while the box is empty.
    let top = move || {
        let lang = state.lang();
        checked.with(|c| match c {
            None => Some(examples_view(lang, state.paste, state.channel, flush)),
            Some(c) => (c.overall.decision == Decision::NoReply)
                .then(|| copy_target(c))
                .flatten()
                .map(|(note, s)| result::fields_block(copier, &s, &note, !pending.get_untracked(), lang)),
        })
    };
    // One card per message, keyed so that an edit rebuilds only the cards that changed. The
    // list on screen trails `checked` by a painted frame: see `Cards`.
    let phase = RwSignal::new(CardsPhase::Done);
    // Card test ids are offered only while the whole list belongs to the verdict shown.
    let cards_stale = Memo::new(move |_| pending.get() || phase.with(|p| *p != CardsPhase::Done));
    let cards = Cards {
        list: NodeRef::new(),
        elements: StoredValue::new_local(Vec::new()),
        shown: StoredValue::new(Vec::new()),
        target: StoredValue::new(Vec::new()),
        phase,
        generation: StoredValue::new(0),
        copier,
        stale: cards_stale,
    };
    effect(move || {
        let lang = state.lang();
        let all = show_all.get();
        let has = checked.with(|c| c.is_some());
        let mine = cards.bump();
        if !has {
            // Nothing checked: the list is gone with its section; forget it at once.
            cards.clear();
            cards.set_phase(CardsPhase::Done);
            return;
        }
        cards.set_phase(CardsPhase::Old);
        after_paint(move || {
            if cards.generation.try_get_value() != Some(mine) {
                return;
            }
            let target = checked.with_untracked(|c| {
                c.as_ref()
                    .map(|c| card::card_data(c, all, lang))
                    .unwrap_or_default()
            });
            let _ = cards.target.try_set_value(target);
            cards.render_step(mine, 0);
        });
    });
    // The cards are plain DOM (see `check/card.rs`); their live parts are handled here, once
    // for the whole list: test ids, copy clicks and the copy confirmation.
    let list_ref = NodeRef::<html::Section>::new();
    effect(move || {
        let offered = !cards_stale.get();
        if let Some(list) = list_ref.get_untracked() {
            card::offer_test_ids(&list, offered);
        }
    });
    // The same for the fields block (plain markup too, see `result::fields_block`), whose test
    // ids wait only for the check.
    effect(move || {
        let offered = !pending.get();
        if let Some(fields) = dom::by_id("fields") {
            card::offer_test_ids(&fields, offered);
        }
    });
    Effect::new(move |before: Option<Option<String>>| {
        let now = copier.last.get();
        let before = before.flatten();
        let lang = state.settings.with_untracked(|s| s.lang);
        for root in [list_ref.get_untracked().map(|l| l.into()), dom::by_id("fields")].into_iter().flatten() {
            card::show_copied(&root, before.as_deref(), now.as_deref(), lang);
        }
        now
    });
    let on_list_click = move |e: ev::MouseEvent| {
        cards.shown.with_value(|shown| card::copy_clicked(&e, copier, shown));
    };
    let has_result = move || checked.with(|c| c.is_some());
    let messages_title = move || {
        let lang = state.lang();
        let count = checked.with(|c| c.as_ref().map(|c| c.verdicts.len()).unwrap_or(0));
        if count > 1 {
            match lang {
                Lang::Id => format!("Pesan dalam thread ({count})"),
                Lang::En => format!("Messages in the thread ({count})"),
            }
        } else {
            lang.pick("Pesan", "Message").to_string()
        }
    };
    let limit = move || {
        let lang = state.lang();
        show_all.track();
        let total = checked.with(|c| c.as_ref().map(|c| c.verdicts.len()).unwrap_or(0));
        card::cards_limit(total, show_all, lang)
    };
    let details = move || {
        view! {
            {top}
            <Show when=has_result>
                <section
                    class="messages"
                    class:is-old=move || cards.phase.with(|p| *p == CardsPhase::Old)
                    aria-labelledby="messages-title"
                    node_ref=list_ref
                    on:click=on_list_click
                >
                    <h2 id="messages-title">{messages_title}</h2>
                    // Filled by `Cards::render_step`, never by Leptos.
                    <div class="msg-list" node_ref=cards.list></div>
                    {limit}
                </section>
            </Show>
        }
    };

    view! {
        <div class="check">
            <section class="check-input" aria-labelledby="paste-label">
                <div node_ref=input_holder on:input=on_box_input on:change=on_box_change on:click=on_box_click></div>
                {move || checked.with(|c| c.as_ref().map(|c| split_summary(c, state.lang())))}
            </section>
            <section
                class="check-result"
                class:is-stale=move || pending.get()
                aria-label=tr("Hasil pemeriksaan", "Check result")
            >
                <div
                    class=verdict_class
                    class:is-stale=move || pending.get()
                    data-testid=verdict_testid
                    data-decision=verdict_decision
                    aria-live="polite"
                    aria-busy=move || pending.get().then_some("true")
                >
                    {headline}
                </div>
                {details}
            </section>
        </div>
        <CopyStatusLine copier />
    }
}

/// Where the message cards are, relative to the verdict shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CardsPhase {
    /// The cards on screen are from an earlier result (or none yet): dimmed, no test ids.
    Old,
    /// The first cards of the current result are on screen, the rest are coming.
    Partial,
    /// Every card of the current result is on screen.
    Done,
}

/// Cards rendered in the first step, right after the verdict is painted: every card of an
/// ordinary thread (rendering one costs a fraction of a millisecond).
const FIRST_CARDS: usize = 60;
/// Cards added by each later step of a long thread; each step is its own task, so typing and
/// painting go on in between.
const MORE_CARDS: usize = 60;

/// The message cards on screen and the work that brings them level with the current check.
#[derive(Clone, Copy)]
struct Cards {
    /// The element holding the cards (see `card::render_list`).
    list: NodeRef<html::Div>,
    /// The card elements in `list`, by key, in order.
    elements: StoredValue<Vec<(u64, web_sys::Element)>, LocalStorage>,
    /// The cards rendered, in order.
    shown: StoredValue<Vec<Arc<CardData>>>,
    /// Every card of the current check (computed by the first step).
    target: StoredValue<Vec<Arc<CardData>>>,
    phase: RwSignal<CardsPhase>,
    /// Bumped by every new check, so steps scheduled for an older one stop.
    generation: StoredValue<u64>,
    copier: Copier,
    /// True while the cards' test ids are withheld.
    stale: Memo<bool>,
}

impl Cards {
    fn bump(self) -> u64 {
        let next = self.generation.try_get_value().unwrap_or(0).wrapping_add(1);
        let _ = self.generation.try_set_value(next);
        next
    }

    fn set_phase(self, phase: CardsPhase) {
        if self.phase.get_untracked() != phase {
            self.phase.set(phase);
        }
    }

    /// Forgets the cards (their element is gone, or about to go, with its section).
    fn clear(self) {
        let _ = self.elements.try_update_value(Vec::clear);
        let _ = self.shown.try_update_value(Vec::clear);
        let _ = self.target.try_update_value(Vec::clear);
    }

    /// Shows the target's first `done + step` cards (plus every card of the target already on
    /// screen, so an edit keeps the cards that did not change), then schedules the next step.
    fn render_step(self, mine: u64, done: usize) {
        if self.generation.try_get_value() != Some(mine) {
            return;
        }
        let Some(list) = self.list.get_untracked() else {
            return;
        };
        let total = self.target.with_value(Vec::len);
        let upto = (done + if done == 0 { FIRST_CARDS } else { MORE_CARDS }).min(total);
        let on_screen: HashSet<u64> =
            self.shown.with_value(|s| s.iter().map(|c| c.key).collect());
        let next: Vec<Arc<CardData>> = self.target.with_value(|t| {
            t.iter()
                .enumerate()
                .filter(|(i, c)| *i < upto || on_screen.contains(&c.key))
                .map(|(_, c)| Arc::clone(c))
                .collect()
        });
        let complete = next.len() == total;
        self.set_phase(if complete { CardsPhase::Done } else { CardsPhase::Partial });
        let offered = !self.stale.get_untracked();
        let _ = self.elements.try_update_value(|elements| {
            card::render_list(&list, elements, &next, self.copier, offered);
        });
        let _ = self.shown.try_set_value(next);
        if !complete {
            set_timeout(move || self.render_step(mine, upto), Duration::ZERO);
        }
    }
}

/// Runs `f` once the browser has painted what the current task changed: in a task queued from
/// the next animation frame. Hidden tabs get no frames, so a timer runs it after 100 ms at the
/// latest; whichever comes first runs it, once.
fn after_paint(f: impl FnOnce() + 'static) {
    let slot = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = {
        let slot = slot.clone();
        move || {
            if let Some(f) = slot.take() {
                f();
            }
        }
    };
    let run2 = run.clone();
    request_animation_frame(move || set_timeout(run2, Duration::ZERO));
    set_timeout(run, Duration::from_millis(100));
}

/// "How the paste was split": the format the parser recognised, how many messages it found,
/// the channel it guessed and any lines it could not use, so the agent can fix the paste.
fn split_summary(c: &Checked, lang: Lang) -> AnyView {
    let format = c.parsed.format.as_str();
    let format_label = format_label(c.parsed.format, lang);
    let n = c.parsed.messages.len();
    let brand = c
        .verdicts
        .iter()
        .filter(|v| v.decision == Decision::Context)
        .count();
    let counts = match lang {
        Lang::Id => {
            format!("{n} pesan")
                + &if brand > 0 {
                    format!(", {brand} dari akun brand (konteks)")
                } else {
                    String::new()
                }
        }
        Lang::En => {
            format!("{n} message{}", if n == 1 { "" } else { "s" })
                + &if brand > 0 {
                    format!(", {brand} from the brand account (context)")
                } else {
                    String::new()
                }
        }
    };
    let guess = c.parsed.channel_guess.map(|ch| match ch {
        Channel::Twitter => "Twitter / X",
        Channel::Facebook => "Facebook",
    });
    let problems = c.parsed.problems.clone();
    let problems_view = (!problems.is_empty()).then(|| {
        let items = problems
            .into_iter()
            .map(|p| {
                let line = match lang {
                    Lang::Id => format!("Baris {}: ", p.line),
                    Lang::En => format!("Line {}: ", p.line),
                };
                view! { <li><strong>{line}</strong>{p.message}</li> }
            })
            .collect_view();
        view! {
            <div class="split-problems">
                <p>{lang.pick("⚠ Bagian yang tidak terbaca:", "⚠ Parts that could not be read:")}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        <section class="split" aria-labelledby="split-title" data-testid="split">
            <h2 id="split-title">{lang.pick("Cara paste dipisah", "How the paste was split")}</h2>
            <dl class="split-facts">
                <div><dt>{lang.pick("Format", "Format")}</dt><dd data-testid="split-format" data-format=format>{format_label}</dd></div>
                <div><dt>{lang.pick("Isi", "Contents")}</dt><dd>{counts}</dd></div>
                <div>
                    <dt>{lang.pick("Tebakan kanal", "Channel guess")}</dt>
                    <dd>{guess.map(str::to_string).unwrap_or_else(|| lang.pick("tidak ada", "none").to_string())}</dd>
                </div>
            </dl>
            {problems_view}
            <p class="split-help">
                {lang.pick(
                    "Salah pisah? Beri tiap pesan barisnya sendiri: [10:01] @akun: teks",
                    "Split wrong? Give each message its own line: [10:01] @handle: text",
                )}
            </p>
        </section>
    }
    .into_any()
}

/// A readable name for the parser's format (the tag itself is kept in `data-format`).
fn format_label(format: PasteFormat, lang: Lang) -> &'static str {
    let (id, en) = match format {
        PasteFormat::Empty => ("kosong", "empty"),
        PasteFormat::Plain => ("satu pesan tanpa metadata", "one message, no metadata"),
        PasteFormat::LinePrefixed => (
            "baris berawalan waktu/akun",
            "lines prefixed with time/handle",
        ),
        PasteFormat::TwitterWeb => ("salinan dari X/Twitter web", "copied from X/Twitter web"),
        PasteFormat::FacebookWeb => (
            "salinan dari halaman Facebook",
            "copied from a Facebook page",
        ),
        PasteFormat::Json => ("JSON (format case)", "JSON (case format)"),
        PasteFormat::Csv => ("CSV dengan header", "CSV with a header"),
    };
    lang.pick(id, en)
}

/// Buttons that load an invented example into the paste box (shown while the box is empty).
fn examples_view(
    lang: Lang,
    paste: RwSignal<String>,
    channel: RwSignal<Option<Channel>>,
    flush: impl Fn() + Copy + 'static,
) -> AnyView {
    let load = move |e: ev::MouseEvent| {
        let example = dom::action_of(&e)
            .and_then(|(_, button)| button.get_attribute("data-example"))
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| markup::EXAMPLE_CASES.get(i));
        if let Some(&(text, ch)) = example {
            channel.set(ch);
            paste.set(text.to_string());
            flush();
        }
    };
    view! {
        <section
            class="examples"
            aria-labelledby="examples-title"
            on:click=load
            inner_html=markup::render(markup::EXAMPLES, lang == Lang::En)
        ></section>
    }
    .into_any()
}

/// The paste box (in the markup set by the check view).
fn paste_box() -> Option<web_sys::HtmlTextAreaElement> {
    use wasm_bindgen::JsCast;
    dom::by_id("case-input")?.dyn_into().ok()
}
