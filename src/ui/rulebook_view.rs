//! The rulebook screen (`#/aturan`) for team leads: see the rulebook in force, edit its lists and
//! the multi window, import or export it as JSON, or go back to the built-in one.
//!
//! Nothing edited here applies directly. Every candidate goes through the test bench
//! (`engine::testbench::evaluate`): it is refused, with what and where, when it is invalid or
//! breaks its own examples; otherwise the screen lists which decisions on the example cases would
//! change, and only "Apply" puts it in force. The current book stays in force until then. The
//! accepted book is saved as it is applied (`ui::storage::store_rulebook`). No rule logic lives
//! here, and imported text is only ever shown as text.
use super::check::result::decision_label;
use super::state::{effect, tr, use_state, AppState};
use super::storage;
use crate::engine::rulebook::{Lists, Rulebook};
use crate::engine::testbench::{admit, evaluate, BenchReport, Outcome, Refusal, Source};
use crate::engine::training::Library;
use crate::engine::Case;
use crate::settings::Lang;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Reads a stored custom rulebook at start-up; `Err` says why it cannot be applied (invalid, or
/// it breaks its own examples under this version of the engine).
pub fn accept_stored(text: &str) -> Result<Rulebook, String> {
    admit(text).map_err(|refusal| match &refusal {
        // A start-up notice names the first broken example only; the Rulebook page shows all.
        Refusal::BrokenExamples(list) if list.len() > 1 => {
            format!(
                "{} of its own examples fail, the first at {} (rule `{}`)",
                list.len(),
                list[0].path,
                list[0].failure.rule
            )
        }
        _ => refusal.to_string(),
    })
}

/// The text a custom rulebook is stored (and exported) as.
pub fn stored_text(book: &Rulebook) -> String {
    book.to_json_pretty()
}

/// Whether two rulebooks hold the same rules (the multi window is a setting and is ignored).
pub fn same_rules(a: &Rulebook, b: &Rulebook) -> bool {
    let mut b = b.clone();
    b.multi_window_minutes = a.multi_window_minutes;
    *a == b
}

/// The rulebook in force as the check screen applies it: the stored book with the multi window
/// from the settings.
fn effective_book(state: &AppState) -> Rulebook {
    let window = state.settings.with_untracked(|s| s.multi_window_minutes);
    let mut book = state.rulebook.get_untracked();
    book.multi_window_minutes = window;
    book
}

/// The lists a team lead edits here, one entry per line. Other lists are edited in the JSON.
struct ListField {
    name: &'static str,
    id: &'static str,
    en: &'static str,
    get: fn(&Lists) -> &Vec<String>,
    get_mut: fn(&mut Lists) -> &mut Vec<String>,
}

/// One `ListField` for the `Lists` field `$field`, with its Indonesian and English labels.
macro_rules! list_field {
    ($field:ident, $id:literal, $en:literal) => {
        ListField {
            name: stringify!($field),
            id: $id,
            en: $en,
            get: |l| &l.$field,
            get_mut: |l| &mut l.$field,
        }
    };
}

const LIST_FIELDS: [ListField; 8] = [
    list_field!(brand_handles, "Akun brand", "Brand handles"),
    list_field!(products_in_scope, "Produk & layanan Telkom", "Telkom products & services"),
    list_field!(other_providers, "Provider lain", "Other providers"),
    list_field!(personal_request_phrases, "Frasa permintaan pribadi", "Personal-request phrases"),
    list_field!(quiz_markers, "Penanda kuis", "Quiz markers"),
    list_field!(quiz_hashtags, "Hashtag kuis", "Quiz hashtags"),
    list_field!(promo_markers, "Penanda promo", "Promo markers"),
    list_field!(follow_up_pings, "Pesan susulan (ping)", "Follow-up pings"),
];

/// One entry per line; blank lines and surrounding spaces are dropped.
fn parse_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The trainer's labelled cases, added to the bench (the rule examples are always in it).
fn extra_cases() -> Vec<Case> {
    Library::builtin()
        .map(|lib| lib.examples.iter().map(|e| e.to_case()).collect())
        .unwrap_or_default()
}

/// Where a candidate came from, for the report's wording.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Lists,
    Json,
    Import,
}

/// The bench's verdict on the last candidate.
#[derive(Clone)]
enum Tested {
    Accepted {
        book: Box<Rulebook>,
        report: BenchReport,
        unchanged: bool,
    },
    Refused(Refusal),
}

fn outcome_text(o: &Option<Outcome>, lang: Lang) -> String {
    let Some(o) = o else {
        return "—".to_string();
    };
    let d = decision_label(o.decision, lang);
    let cat = o.category.map(|c| format!(" · {}", c.as_str())).unwrap_or_default();
    let rule = o.rule.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
    format!("{d}{cat}{rule}")
}

fn source_text(s: &Source, lang: Lang) -> String {
    match s {
        Source::RuleExample {
            rule,
            must_match,
            index,
        } => {
            let kind = match (must_match, lang) {
                (true, Lang::Id) => "contoh cocok",
                (true, Lang::En) => "match example",
                (false, Lang::Id) => "contoh tidak cocok",
                (false, Lang::En) => "no-match example",
            };
            format!("{rule} · {kind} {}", index + 1)
        }
        Source::Case { id } => match lang {
            Lang::Id => format!("contoh pelatihan {id}"),
            Lang::En => format!("training example {id}"),
        },
    }
}

/// Offers `text` as a file download (export). Nothing leaves the machine: the browser saves a
/// blob it holds in memory.
fn download(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "url")?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("document")?;
    let a = doc
        .create_element("a")
        .map_err(|_| "a")?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "a")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[component]
pub fn RulebookView() -> impl IntoView {
    let state = use_state();
    // The editors start from the book in force and are refilled whenever it changes.
    let list_texts: Vec<RwSignal<String>> = LIST_FIELDS.iter().map(|_| RwSignal::new(String::new())).collect();
    let list_texts = StoredValue::new(list_texts);
    let window_text = RwSignal::new(String::new());
    let json_text = RwSignal::new(String::new());
    let tested: RwSignal<Option<(Origin, Tested)>> = RwSignal::new(None);
    let applied: RwSignal<Option<String>> = RwSignal::new(None);
    let confirm_reset = RwSignal::new(false);
    let rejected = RwSignal::new(storage::rejected_rulebook());

    let refill = move || {
        let book = effective_book(&state);
        list_texts.with_value(|texts| {
            for (field, text) in LIST_FIELDS.iter().zip(texts) {
                text.set((field.get)(&book.lists).join("\n"));
            }
        });
        window_text.set(book.multi_window_minutes.to_string());
        json_text.set(book.to_json_pretty());
    };
    effect(move || {
        state.rulebook.track();
        state.settings.with(|s| s.multi_window_minutes);
        refill();
    });

    // Runs the bench on a candidate's JSON text against the book in force.
    let run_bench = move |origin: Origin, text: String| {
        applied.set(None);
        let current = effective_book(&state);
        let result = match evaluate(&current, &text, &extra_cases()) {
            Ok((book, report)) => {
                let unchanged =
                    same_rules(&book, &current) && book.multi_window_minutes == current.multi_window_minutes;
                Tested::Accepted {
                    book: Box::new(book),
                    report,
                    unchanged,
                }
            }
            Err(refusal) => Tested::Refused(refusal),
        };
        tested.set(Some((origin, result)));
        // The report sits above the editors: bring it into view (and focus) once it is drawn.
        set_timeout(
            move || {
                super::dom::reveal_id("rulebook-bench");
            },
            std::time::Duration::from_millis(0),
        );
    };

    let test_lists = move |_| {
        let current = effective_book(&state);
        let mut book = current.clone();
        list_texts.with_value(|texts| {
            for (field, text) in LIST_FIELDS.iter().zip(texts) {
                *(field.get_mut)(&mut book.lists) = parse_lines(&text.get_untracked());
            }
        });
        // A window that is not a number is sent as -1 so the rulebook's own validation reports
        // it with its place, like any other invalid value.
        let window = window_text.get_untracked().trim().parse::<i64>().unwrap_or(-1);
        let mut value = book.to_json_value();
        value.insert("multi_window_minutes", window.into());
        let edited = book != current || window != i64::from(current.multi_window_minutes);
        if edited {
            value.insert("edition", (u64::from(current.edition) + 1).into());
        }
        let text = value.to_json_pretty();
        run_bench(Origin::Lists, text);
    };
    let test_json = move |_| run_bench(Origin::Json, json_text.get_untracked());

    let on_import = move |e: ev::Event| {
        let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(_) => {
                    tested.set(Some((
                        Origin::Import,
                        Tested::Refused(Refusal::Invalid(crate::engine::rulebook::RulebookError {
                            path: String::new(),
                            line: None,
                            column: None,
                            message: "the file could not be read".into(),
                        })),
                    )));
                    return;
                }
            };
            json_text.set(text.clone());
            run_bench(Origin::Import, text);
        });
    };

    let apply = move |_| {
        let Some((_, Tested::Accepted { book, .. })) = tested.get_untracked() else {
            return;
        };
        let window = book.multi_window_minutes;
        let edition = book.edition;
        storage::store_rulebook(&state, &book);
        state.rulebook.set(*book);
        if state.settings.with_untracked(|s| s.multi_window_minutes != window) {
            state.settings.update(|s| s.multi_window_minutes = window);
        }
        tested.set(None);
        let msg = match state.lang() {
            Lang::Id => format!("Aturan baru berlaku (edisi {edition}) dan tersimpan di browser ini."),
            Lang::En => format!("The new rulebook is in force (edition {edition}) and saved in this browser."),
        };
        applied.set(Some(msg));
    };
    let discard = move |_| {
        tested.set(None);
        refill();
    };
    let reset = move |_| {
        let builtin = Rulebook::builtin();
        let window = builtin.multi_window_minutes;
        storage::store_rulebook(&state, &builtin);
        state.rulebook.set(builtin);
        state.settings.update(|s| s.multi_window_minutes = window);
        confirm_reset.set(false);
        tested.set(None);
        applied.set(Some(
            state
                .lang()
                .pick(
                    "Aturan bawaan W-21 berlaku lagi.",
                    "The built-in W-21 rulebook is in force again.",
                )
                .to_string(),
        ));
    };
    let export = move |_| {
        let book = effective_book(&state);
        let name = format!("oot-triage-aturan-edisi-{}.json", book.edition);
        if let Err(e) = download(&name, &book.to_json_pretty()) {
            leptos::logging::warn!("oot-triage: export failed: {e}");
        }
    };

    let status = move || {
        let lang = state.lang();
        let book = state.rulebook.get();
        let custom = !same_rules(&book, &Rulebook::builtin());
        let kind = if custom {
            lang.pick("Aturan khusus", "Custom rulebook")
        } else {
            lang.pick("Aturan bawaan", "Built-in rulebook")
        };
        let window = state.settings.with(|s| s.multi_window_minutes);
        let detail = match lang {
            Lang::Id => format!(
                "{} · edisi {} · {} aturan · jendela multi {} menit",
                book.document_label(),
                book.edition,
                book.rules.len(),
                window
            ),
            Lang::En => format!(
                "{} · edition {} · {} rules · multi window {} min",
                book.document_label(),
                book.edition,
                book.rules.len(),
                window
            ),
        };
        view! {
            <p class="rulebook-status" data-testid="rulebook-status" data-custom=custom.to_string() data-edition=book.edition.to_string()>
                <strong>{kind}</strong>" · "{detail}
            </p>
        }
    };

    let rules_table = move || {
        let lang = state.lang();
        let rows = state
            .rulebook
            .with(|b| b.rules.clone())
            .into_iter()
            .map(|r| {
                let cat = r.category.map(|c| c.as_str()).unwrap_or("—");
                let why = lang.pick(&r.why_id, &r.why_en).to_string();
                let examples = format!("{} / {}", r.examples.must_match.len(), r.examples.no_match.len());
                view! {
                    <tr class:rule-off=!r.enabled>
                        <td><code>{r.id.clone()}</code></td>
                        <td>{format!("§{}", r.clause)}</td>
                        <td>{cat}</td>
                        <td>{why}</td>
                        <td class="num">{examples}</td>
                        <td>{if r.enabled { lang.pick("aktif", "on") } else { lang.pick("mati", "off") }}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="rules-table" data-testid="rules-table">
                <thead><tr>
                    <th>{lang.pick("Aturan", "Rule")}</th><th>{lang.pick("Pasal", "Clause")}</th><th>{lang.pick("Kategori", "Category")}</th>
                    <th>{lang.pick("Penjelasan", "Explanation")}</th><th>{lang.pick("Contoh cocok / tidak", "Examples match / not")}</th><th>{lang.pick("Status", "Status")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };

    let list_editors = move || {
        let lang = state.lang();
        list_texts.with_value(|texts| {
            LIST_FIELDS
                .iter()
                .zip(texts.iter().copied())
                .map(|(field, text)| {
                    let id = format!("list-{}", field.name);
                    let count = move || parse_lines(&text.get()).len();
                    view! {
                        <div class="list-editor">
                            <label for=id.clone()>{lang.pick(field.id, field.en)}" "<span class="count">{count}</span></label>
                            <textarea
                                id=id.clone()
                                data-testid=id
                                rows="6"
                                spellcheck="false"
                                prop:value=move || text.get()
                                on:input=move |e| text.set(event_target_value(&e))
                            ></textarea>
                        </div>
                    }
                })
                .collect_view()
        })
    };

    let report = move || {
        let lang = state.lang();
        let (origin, result) = tested.get()?;
        let from = match (origin, lang) {
            (Origin::Lists, Lang::Id) => "Perubahan daftar",
            (Origin::Lists, Lang::En) => "The list changes",
            (Origin::Json, Lang::Id) => "JSON yang diedit",
            (Origin::Json, Lang::En) => "The edited JSON",
            (Origin::Import, Lang::Id) => "Berkas yang diimpor",
            (Origin::Import, Lang::En) => "The imported file",
        };
        Some(match result {
            Tested::Refused(refusal) => {
                let (headline, items): (String, Vec<(String, String)>) = match &refusal {
                    Refusal::Invalid(e) => {
                        let place = if e.path.is_empty() {
                            "—".to_string()
                        } else {
                            e.path.clone()
                        };
                        let place = match (e.line, e.column) {
                            (Some(l), Some(c)) => match lang {
                                Lang::Id => format!("{place} (baris {l}, kolom {c})"),
                                Lang::En => format!("{place} (line {l}, column {c})"),
                            },
                            _ => place,
                        };
                        let head = match lang {
                            Lang::Id => {
                                format!("{from} ditolak: bukan aturan yang sah. Aturan yang berlaku tidak berubah.")
                            }
                            Lang::En => {
                                format!("{from} was refused: not a valid rulebook. The rulebook in force is unchanged.")
                            }
                        };
                        (head, vec![(place, e.message.clone())])
                    }
                    Refusal::BrokenExamples(list) => {
                        let head = match lang {
                            Lang::Id => format!("{from} ditolak: {} contohnya sendiri tidak berlaku. Aturan yang berlaku tidak berubah.", list.len()),
                            Lang::En => format!("{from} was refused: {} of its own examples fail. The rulebook in force is unchanged.", list.len()),
                        };
                        let items = list
                            .iter()
                            .map(|b| {
                                let want = match (b.failure.expected_match, lang) {
                                    (true, Lang::Id) => "harus cocok",
                                    (true, Lang::En) => "must match",
                                    (false, Lang::Id) => "tidak boleh cocok",
                                    (false, Lang::En) => "must not match",
                                };
                                let got = match lang {
                                    Lang::Id => "hasil",
                                    Lang::En => "got",
                                };
                                (
                                    b.path.clone(),
                                    format!(
                                        "{} {want}: “{}” — {got}: {}",
                                        b.failure.rule, b.failure.example, b.failure.got
                                    ),
                                )
                            })
                            .collect();
                        (head, items)
                    }
                };
                let items = items
                    .into_iter()
                    .map(|(place, what)| view! { <li><code data-testid="rulebook-error-where">{place}</code>" "<span>{what}</span></li> })
                    .collect_view();
                view! {
                    <div id="rulebook-bench" tabindex="-1" class="bench bench--refused" role="alert" data-testid="rulebook-refused">
                        <p><strong>{headline}</strong></p>
                        <ul>{items}</ul>
                        <button type="button" class="btn" data-testid="rulebook-discard" on:click=discard>{lang.pick("Tutup", "Close")}</button>
                    </div>
                }
                .into_any()
            }
            Tested::Accepted {
                book,
                report,
                unchanged,
            } => {
                let summary = match lang {
                    Lang::Id => format!(
                        "{from} lolos uji: semua contohnya sendiri berlaku. Dijalankan pada {} contoh ({} pesan): {} keputusan berubah.",
                        report.cases_run,
                        report.messages_compared,
                        report.changes.len()
                    ),
                    Lang::En => format!(
                        "{from} passed: all its own examples hold. Run on {} examples ({} messages): {} decisions change.",
                        report.cases_run,
                        report.messages_compared,
                        report.changes.len()
                    ),
                };
                let rows = report
                    .changes
                    .iter()
                    .map(|c| {
                        view! {
                            <tr data-testid="bench-change">
                                <td>{source_text(&c.source, lang)}</td>
                                <td class="bench-text">{c.label.clone()}</td>
                                <td>{outcome_text(&c.before, lang)}</td>
                                <td>{outcome_text(&c.after, lang)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let table = (!report.changes.is_empty()).then(|| {
                    view! {
                        <table class="bench-table">
                            <thead><tr>
                                <th>{lang.pick("Contoh", "Example")}</th><th>{lang.pick("Teks", "Text")}</th>
                                <th>{lang.pick("Sekarang", "Now")}</th><th>{lang.pick("Dengan aturan baru", "With the new rulebook")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                });
                let unchanged_note = unchanged.then(|| {
                    view! { <p>{lang.pick("Tidak ada yang berbeda dari aturan yang berlaku.", "Nothing differs from the rulebook in force.")}</p> }
                });
                let edition = book.edition;
                view! {
                    <div id="rulebook-bench" tabindex="-1" class="bench bench--ok" data-testid="bench-report" data-changes=report.changes.len().to_string()>
                        <p><strong>{summary}</strong></p>
                        {unchanged_note}
                        {table}
                        <div class="bench-actions">
                            <button type="button" class="btn primary" data-testid="rulebook-apply" on:click=apply disabled=unchanged>
                                {match lang {
                                    Lang::Id => format!("Terapkan (edisi {edition})"),
                                    Lang::En => format!("Apply (edition {edition})"),
                                }}
                            </button>
                            <button type="button" class="btn" data-testid="rulebook-discard" on:click=discard>{lang.pick("Batalkan", "Discard")}</button>
                        </div>
                    </div>
                }
                .into_any()
            }
        })
    };

    let rejected_box = move || {
        let text = rejected.get()?;
        let lang = state.lang();
        let open = {
            let text = text.clone();
            move |_| {
                json_text.set(text.clone());
                run_bench(Origin::Json, text.clone());
            }
        };
        Some(view! {
            <div class="bench bench--refused" data-testid="rulebook-rejected">
                <p>{lang.pick(
                    "Aturan khusus yang tersimpan sebelumnya tidak bisa dipakai saat aplikasi dibuka; teksnya disimpan di sini.",
                    "A previously saved custom rulebook could not be applied when the app opened; its text was kept here.",
                )}</p>
                <button type="button" class="btn" on:click=open>{lang.pick("Buka di editor JSON dan uji", "Open in the JSON editor and test")}</button>
                <button type="button" class="btn" on:click=move |_| {
                    storage::forget_rejected_rulebook();
                    rejected.set(None);
                }>{lang.pick("Hapus teks ini", "Delete this text")}</button>
            </div>
        })
    };

    view! {
        <section class="view rulebook-view" aria-labelledby="rulebook-title">
            <header class="view-head">
                <h1 id="rulebook-title">{tr("Aturan", "Rulebook")}</h1>
                {status}
                <p class="view-lead">{tr(
                    "Untuk team leader: ubah daftar kata, jendela multi, atau impor aturan (JSON). Setiap perubahan diuji dulu pada contoh bawaan; aturan yang berlaku tidak berubah sampai Anda menekan Terapkan.",
                    "For team leads: edit the word lists, the multi window, or import a rulebook (JSON). Every change is tested on the built-in examples first; the rulebook in force stays until you press Apply.",
                )}</p>
                {move || applied.get().map(|m| view! { <p class="applied" role="status" data-testid="rulebook-applied">{m}</p> })}
            </header>
            {rejected_box}
            <div class="rulebook-actions">
                <button type="button" class="btn" data-testid="rulebook-export" on:click=export>{tr("Ekspor JSON", "Export JSON")}</button>
                <label class="btn file-btn">
                    {tr("Impor JSON…", "Import JSON…")}
                    <input type="file" accept=".json,application/json" data-testid="rulebook-import" on:change=on_import />
                </label>
                {move || if confirm_reset.get() {
                    view! {
                        <span class="confirm">
                            {tr("Kembali ke aturan bawaan W-21 (termasuk jendela multi)?", "Go back to the built-in W-21 rulebook (multi window included)?")}
                            <button type="button" class="btn danger" data-testid="rulebook-reset-confirm" on:click=reset>{tr("Ya", "Yes")}</button>
                            <button type="button" class="btn" on:click=move |_| confirm_reset.set(false)>{tr("Batal", "Cancel")}</button>
                        </span>
                    }.into_any()
                } else {
                    view! { <button type="button" class="btn" data-testid="rulebook-reset" on:click=move |_| confirm_reset.set(true)>{tr("Kembalikan bawaan", "Reset to built-in")}</button> }.into_any()
                }}
            </div>
            {report}
            <details class="rulebook-edit" open>
                <summary>{tr("Ubah daftar dan jendela multi", "Edit the lists and the multi window")}</summary>
                <p class="hint">{tr("Satu entri per baris.", "One entry per line.")}</p>
                <div class="list-grid">{list_editors}</div>
                <label for="rulebook-window">{tr("Jendela multi (menit, 1–60)", "Multi window (minutes, 1–60)")}</label>
                <input id="rulebook-window" data-testid="rulebook-window" type="number" min="1" max="60" prop:value=move || window_text.get() on:input=move |e| window_text.set(event_target_value(&e)) />
                <p><button type="button" class="btn primary" data-testid="rulebook-test-lists" on:click=test_lists>{tr("Uji perubahan", "Test the changes")}</button></p>
            </details>
            <details class="rulebook-json">
                <summary>{tr("Lanjutan: seluruh aturan sebagai JSON", "Advanced: the whole rulebook as JSON")}</summary>
                <textarea data-testid="rulebook-json" rows="20" spellcheck="false" prop:value=move || json_text.get() on:input=move |e| json_text.set(event_target_value(&e))></textarea>
                <p><button type="button" class="btn primary" data-testid="rulebook-test-json" on:click=test_json>{tr("Uji JSON ini", "Test this JSON")}</button></p>
            </details>
            <h2>{tr("Aturan yang berlaku", "Rules in force")}</h2>
            {rules_table}
        </section>
    }
}
