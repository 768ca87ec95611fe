//! The batch audit screen (`#/audit`): upload or paste a day's cases (CSV with a header, or case
//! JSONL), classify them all in the browser without freezing the page, and compare the rules
//! with how the agents tagged them: counts per category, a filterable results table with the
//! disagreements first, a row opens in the main screen, and the results download as CSV.
//!
//! The audit itself is `engine::audit` (pure, tested natively); this file only runs it in time
//! slices (`batch::runner`), shows its progress and renders its results. It never puts message
//! text into the page as HTML. It must not touch the main screen's state except to open a row
//! there (`AppState::paste`/`channel`, then `#/`).

pub mod runner;

use super::state::{effect, tr, use_state};
use crate::engine::audit::{
    bucket, AgentTag, Agreement, AgreementFilter, Audit, AuditOptions, Filter, Phase, Problem,
};
use crate::engine::{Category, Channel, Decision};
use crate::settings::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Rows per page of the results table; a batch of 100,000 is never rendered at once.
const PAGE_SIZE: usize = 200;
/// Rows added to the table per animation frame when a big batch's page is drawn.
const RENDER_STEP: usize = 50;
/// Problems listed before "and N more".
const PROBLEMS_SHOWN: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RunState {
    Idle,
    Running,
    Done,
    Cancelled,
    Failed,
}

impl RunState {
    fn as_str(self) -> &'static str {
        match self {
            RunState::Idle => "idle",
            RunState::Running => "running",
            RunState::Done => "done",
            RunState::Cancelled => "cancelled",
            RunState::Failed => "failed",
        }
    }
}

/// Everything the screen's pieces share; all handles are `Copy`.
#[derive(Clone, Copy)]
struct Batch {
    audit: StoredValue<Option<Audit>>,
    /// Bumped whenever the audit's results change, so views that read `audit` re-render.
    version: RwSignal<u32>,
    run: RwSignal<RunState>,
    done: RwSignal<usize>,
    total: RwSignal<usize>,
    phase: RwSignal<Phase>,
    run_id: StoredValue<u32>,
    cancel: StoredValue<bool>,
    fatal: RwSignal<Option<Problem>>,
    source: RwSignal<String>,
    elapsed_ms: RwSignal<Option<f64>>,
    bucket: RwSignal<String>,
    agreement: RwSignal<String>,
    page: RwSignal<usize>,
    default_channel: RwSignal<Channel>,
}

impl Batch {
    fn new(default_channel: Channel) -> Batch {
        Batch {
            audit: StoredValue::new(None),
            version: RwSignal::new(0),
            run: RwSignal::new(RunState::Idle),
            done: RwSignal::new(0),
            total: RwSignal::new(0),
            phase: RwSignal::new(Phase::Reading),
            run_id: StoredValue::new(0),
            cancel: StoredValue::new(false),
            fatal: RwSignal::new(None),
            source: RwSignal::new(String::new()),
            elapsed_ms: RwSignal::new(None),
            bucket: RwSignal::new(String::new()),
            agreement: RwSignal::new(String::new()),
            page: RwSignal::new(0),
            default_channel: RwSignal::new(default_channel),
        }
    }

    fn bump(&self) {
        self.version.update(|v| *v = v.wrapping_add(1));
    }

    /// The table's filter from the two selects.
    fn filter(&self) -> Filter {
        let b = self.bucket.get();
        let a = self.agreement.get();
        Filter {
            bucket: (!b.is_empty()).then_some(b),
            agreement: match a.as_str() {
                "" => AgreementFilter::All,
                "disagreements" => AgreementFilter::Disagreements,
                other => Agreement::parse(other)
                    .map(AgreementFilter::Only)
                    .unwrap_or_default(),
            },
        }
    }
}

/// Starts auditing `text` (from a file called `source`, or a paste). A running batch is
/// superseded: its loop notices the new run id and stops.
fn start(b: Batch, state: super::state::AppState, text: String, source: String) {
    let id = b.run_id.get_value().wrapping_add(1);
    b.run_id.set_value(id);
    b.cancel.set_value(false);
    let settings = state.settings.get_untracked();
    let mut book = state.rulebook.get_untracked();
    book.multi_window_minutes = settings.multi_window_minutes;
    let opts = AuditOptions {
        default_channel: b.default_channel.get_untracked(),
        window_minutes: settings.multi_window_minutes,
        ..AuditOptions::default()
    };
    b.source.set(source);
    b.elapsed_ms.set(None);
    b.page.set(0);
    match Audit::new(text, opts) {
        Err(problem) => {
            b.audit.set_value(None);
            b.fatal.set(Some(problem));
            b.run.set(RunState::Failed);
            b.done.set(0);
            b.total.set(0);
            b.bump();
        }
        Ok(audit) => {
            let p = audit.progress();
            b.audit.set_value(Some(audit));
            b.fatal.set(None);
            b.done.set(p.done);
            b.total.set(p.total);
            b.phase.set(p.phase);
            b.run.set(RunState::Running);
            b.bump();
            spawn_local(run_loop(b, id, book));
        }
    }
}

/// Runs the audit in slices of about `SLICE_MS`, yielding to the browser between slices, until
/// it is done, cancelled or superseded by a newer run.
async fn run_loop(b: Batch, id: u32, book: crate::engine::rulebook::Rulebook) {
    let started = runner::now_ms();
    loop {
        if b.run_id.try_get_value() != Some(id) {
            return;
        }
        if b.cancel.try_get_value() == Some(true) {
            if b.run.get_untracked() != RunState::Cancelled {
                b.run.set(RunState::Cancelled);
                b.bump();
            }
            return;
        }
        let slice_start = runner::now_ms();
        let outcome = b
            .audit
            .try_update_value(|slot| {
                let audit = slot.as_mut()?;
                let finished = loop {
                    if audit.step(&book, runner::STEP_BUDGET) {
                        break true;
                    }
                    if runner::now_ms() - slice_start >= runner::SLICE_MS {
                        break false;
                    }
                };
                Some((finished, audit.progress()))
            })
            .flatten();
        let Some((finished, p)) = outcome else { return };
        if finished {
            // Drawing the results is a task of its own, not the tail of the last slice. The
            // progress reaches its total in that same task, so whoever sees done == total also
            // sees the rows.
            runner::yield_to_browser().await;
            if b.run_id.try_get_value() != Some(id) || b.cancel.try_get_value() == Some(true) {
                return;
            }
            b.elapsed_ms.set(Some(runner::now_ms() - started));
            b.done.set(p.done);
            b.total.set(p.total);
            b.phase.set(p.phase);
            b.run.set(RunState::Done);
            b.bump();
            return;
        }
        b.done.set(p.done);
        b.total.set(p.total);
        b.phase.set(p.phase);
        runner::yield_to_browser().await;
    }
}

#[component]
pub fn BatchView() -> impl IntoView {
    let state = use_state();
    let b = Batch::new(state.settings.with_untracked(|s| s.default_channel));
    // A batch keeps running if the user leaves the screen; stop it instead.
    on_cleanup(move || {
        let _ = b.run_id.try_update_value(|v| *v = v.wrapping_add(1));
    });
    // Build the rulebook's matcher now, while nothing runs, so the first slice of a batch does
    // not pay for it (a no-op when the check screen already did).
    set_timeout(
        move || {
            let _ = state.rulebook.try_with_untracked(|book| book.compiled());
        },
        std::time::Duration::from_millis(50),
    );

    view! {
        <section class="batch" aria-labelledby="batch-title">
            <h1 id="batch-title">{tr("Audit batch", "Batch audit")}</h1>
            <p class="batch-intro">
                {tr(
                    "Unggah atau tempel CSV (header minimal berisi kolom text; opsional author, time, channel, conversation, note, reply_type) atau JSONL case. Semua diperiksa di browser ini; tidak ada teks yang dikirim ke mana pun.",
                    "Upload or paste a CSV (a header with at least a text column; optional author, time, channel, conversation, note, reply_type) or case JSONL. Everything is checked in this browser; no text is sent anywhere.",
                )}
            </p>
            <BatchInput b=b />
            <BatchProgress b=b />
            <BatchResults b=b />
        </section>
    }
}

#[component]
fn BatchInput(b: Batch) -> impl IntoView {
    let state = use_state();
    let pasted = RwSignal::new(String::new());
    let read_error = RwSignal::new(None::<String>);

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        let name = file.name();
        read_error.set(None);
        spawn_local(async move {
            match runner::read_file(&file).await {
                Ok(text) => {
                    runner::yield_to_browser().await;
                    start(b, state, text, name)
                }
                Err(e) => read_error.set(Some(e)),
            }
        });
    };
    let run_paste = move |_| {
        let text = pasted.get_untracked();
        if !text.trim().is_empty() {
            start(b, state, text, String::new());
        }
    };
    let on_channel = move |ev: leptos::ev::Event| {
        if let Some(c) = Channel::parse(&event_target_value(&ev)) {
            b.default_channel.set(c);
        }
    };
    let lang = move || state.lang();

    view! {
        <div class="batch-input">
            <div class="batch-file">
                <label for="batch-file">{tr("File CSV / JSONL", "CSV / JSONL file")}</label>
                <input
                    id="batch-file"
                    type="file"
                    data-testid="batch-input"
                    accept=".csv,.jsonl,.json,.txt,.tsv"
                    on:change=on_file
                />
            </div>
            <div class="batch-channel">
                <label for="batch-channel">{tr("Channel bila tidak ada kolom channel", "Channel when a row has none")}</label>
                <select id="batch-channel" on:change=on_channel prop:value=move || b.default_channel.get().as_str().to_string()>
                    <option value="twitter">"Twitter / X"</option>
                    <option value="facebook">"Facebook"</option>
                </select>
            </div>
            <details class="batch-paste">
                <summary>{tr("…atau tempel teks CSV/JSONL", "…or paste CSV/JSONL text")}</summary>
                <label for="batch-paste" class="visually-hidden">{tr("Teks batch", "Batch text")}</label>
                <textarea
                    id="batch-paste"
                    data-testid="batch-paste"
                    rows="6"
                    spellcheck="false"
                    placeholder="author,time,text,note,reply_type"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                ></textarea>
                <button type="button" class="btn" data-testid="batch-paste-run" on:click=run_paste>
                    {tr("Periksa teks ini", "Audit this text")}
                </button>
            </details>
            {move || {
                read_error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="batch-error" role="alert">
                                {move || lang().pick("File tidak bisa dibaca: ", "The file could not be read: ")}
                                {e.clone()}
                            </p>
                        }
                    })
            }}
            {move || {
                b.fatal
                    .get()
                    .map(|p| {
                        let en = lang() == Lang::En;
                        view! {
                            <p class="batch-error" role="alert" data-testid="batch-fatal">
                                {format!("{} {}: {}", if en { "Line" } else { "Baris" }, p.line, p.kind.message(en))}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

#[component]
fn BatchProgress(b: Batch) -> impl IntoView {
    let state = use_state();
    let visible = move || b.run.get() != RunState::Idle && b.run.get() != RunState::Failed;
    let phase_text = move || {
        let l = state.lang();
        match (b.run.get(), b.phase.get()) {
            (RunState::Cancelled, _) => l.pick("Dibatalkan", "Cancelled"),
            (RunState::Done, _) => l.pick("Selesai", "Done"),
            (_, Phase::Reading) => l.pick("Membaca…", "Reading…"),
            (_, Phase::Grouping) => l.pick("Mengelompokkan thread…", "Grouping threads…"),
            (_, Phase::Classifying) => l.pick("Memeriksa…", "Checking…"),
            (_, Phase::Done) => l.pick("Selesai", "Done"),
        }
    };
    // Stop at once: the running loop sees the flag before its next slice; the state changes
    // now so the button's effect is immediate.
    let cancel = move |_| {
        b.cancel.set_value(true);
        if b.run.get_untracked() == RunState::Running {
            b.run.set(RunState::Cancelled);
            b.bump();
        }
    };
    view! {
        <Show when=visible>
            <div
                class="batch-progress"
                data-testid="batch-progress"
                data-done=move || b.done.get().to_string()
                data-total=move || b.total.get().to_string()
                data-state=move || b.run.get().as_str()
                data-phase=move || match b.phase.get() {
                    Phase::Reading => "reading",
                    Phase::Grouping => "grouping",
                    Phase::Classifying => "classifying",
                    Phase::Done => "done",
                }
            >
                <progress
                    max=move || b.total.get().max(1).to_string()
                    value=move || b.done.get().to_string()
                    aria-label=move || state.lang().pick("Kemajuan audit", "Audit progress")
                ></progress>
                <span class="batch-progress-text" aria-live="polite">
                    {phase_text}
                    " "
                    {move || format!("{} / {}", fmt_int(b.done.get()), fmt_int(b.total.get()))}
                    {move || {
                        b.elapsed_ms
                            .get()
                            .map(|ms| {
                                let secs = ms / 1000.0;
                                format!(" ({})", state.lang().pick(&format!("{secs:.2} detik"), &format!("{secs:.2} s")))
                            })
                    }}
                </span>
                <Show when=move || b.run.get() == RunState::Running>
                    <button type="button" class="btn batch-cancel" data-testid="batch-cancel" on:click=cancel>
                        {tr("Batalkan", "Cancel")}
                    </button>
                </Show>
            </div>
        </Show>
    }
}

/// 100000 as "100.000" (Indonesian grouping; also readable in English).
fn fmt_int(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn bucket_label(key: &str, lang: Lang) -> &'static str {
    match key {
        "reply" => lang.pick("Perlu dijawab", "Needs a reply"),
        "review" => lang.pick("Periksa manual", "Manual review"),
        "context" => lang.pick("Pesan brand", "Brand message"),
        "no_reply" => lang.pick("Tidak perlu dijawab (semua)", "No reply (all)"),
        "troll" => "Troll/Iseng",
        "multi" => "Multi Tweet/Post",
        "kuis" => "Kuis",
        "promo" => "Promo",
        "oot" => lang.pick("OOT tanpa catatan", "OOT without a note"),
        _ => "?",
    }
}

const BUCKETS: [&str; 7] = [
    "reply", "troll", "multi", "kuis", "promo", "review", "context",
];

#[component]
fn BatchResults(b: Batch) -> impl IntoView {
    let state = use_state();
    let has_results = move || {
        b.version.track();
        matches!(b.run.get(), RunState::Done | RunState::Cancelled)
            && b.audit.with_value(|a| a.is_some())
    };
    view! {
        <Show when=has_results>
            <BatchSummary b=b />
            <BatchProblems b=b />
            <BatchTable b=b />
        </Show>
        {move || {
            (b.run.get() == RunState::Cancelled)
                .then(|| {
                    view! {
                        <p class="batch-note">
                            {move || {
                                state
                                    .lang()
                                    .pick(
                                        "Audit dibatalkan; tabel berisi pesan yang sudah diperiksa.",
                                        "Audit cancelled; the table holds the messages checked so far.",
                                    )
                            }}
                        </p>
                    }
                })
        }}
    }
}

#[component]
fn BatchSummary(b: Batch) -> impl IntoView {
    let state = use_state();
    let counts = Memo::new(move |_| {
        b.version.track();
        b.audit
            .with_value(|a| a.as_ref().map(|a| (a.counts(), a.columns.has_agent_tag())))
    });
    let download = move |_| {
        let name = runner::result_name(&b.source.get_untracked());
        let csv = b.audit.with_value(|a| a.as_ref().map(|a| a.to_csv()));
        if let Some(csv) = csv {
            if let Err(e) = runner::download_csv(&name, &csv) {
                leptos::logging::warn!("download failed: {e}");
            }
        }
    };
    let set_filter = move |bucket: &'static str, agreement: &'static str| {
        b.bucket.set(bucket.to_string());
        b.agreement.set(agreement.to_string());
        b.page.set(0);
    };
    view! {
        <div class="batch-summary">
            <table class="batch-counts" data-testid="batch-counts">
                <caption>{tr("Jumlah per kategori", "Counts per category")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("Kategori", "Category")}</th>
                        <th scope="col">{tr("Aturan W-21", "W-21 rules")}</th>
                        <Show when=move || counts.with(|c| c.as_ref().is_some_and(|c| c.1))>
                            <th scope="col">{tr("Tag agent", "Agent tag")}</th>
                        </Show>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = state.lang();
                        let Some((c, tagged)) = counts.get() else { return Vec::new() };
                        let mut keys: Vec<&'static str> = BUCKETS.to_vec();
                        if c.agent.contains_key("oot") {
                            keys.push("oot");
                        }
                        keys.into_iter()
                            .filter(|k| c.rules.contains_key(*k) || c.agent.contains_key(*k))
                            .map(|k| {
                                let rules = c.rules.get(k).copied().unwrap_or(0);
                                let agent = c.agent.get(k).copied().unwrap_or(0);
                                view! {
                                    <tr data-bucket=k>
                                        <th scope="row">
                                            <button type="button" class="link-btn" on:click=move |_| set_filter(k, "")>
                                                {bucket_label(k, lang)}
                                            </button>
                                        </th>
                                        <td data-testid=format!("batch-count-{k}")>{fmt_int(rules)}</td>
                                        {tagged.then(|| view! { <td>{fmt_int(agent)}</td> })}
                                    </tr>
                                }
                            })
                            .collect::<Vec<_>>()
                    }}
                </tbody>
            </table>
            {move || {
                let lang = state.lang();
                let (c, tagged) = counts.get()?;
                if !tagged {
                    return Some(
                        view! {
                            <p class="batch-note">
                                {lang
                                    .pick(
                                        "File ini tidak punya kolom note/reply_type agent, jadi kesesuaian tidak bisa dinilai.",
                                        "This file has no agent note/reply_type column, so agreement cannot be judged.",
                                    )}
                            </p>
                        }
                            .into_any(),
                    );
                }
                let items = Agreement::ALL
                    .into_iter()
                    .filter(|a| c.agreement.get(a).copied().unwrap_or(0) > 0)
                    .map(|a| {
                        let n = c.agreement.get(&a).copied().unwrap_or(0);
                        let (id, en) = a.label();
                        let class = if a.is_disagreement() { "btn small agree-chip disagree" } else { "btn small agree-chip" };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class=class
                                    data-agreement=a.as_str()
                                    on:click=move |_| set_filter("", a.as_str())
                                >
                                    {lang.pick(id, en)}
                                    ": "
                                    <strong>{fmt_int(n)}</strong>
                                </button>
                            </li>
                        }
                    })
                    .collect::<Vec<_>>();
                Some(
                    view! {
                        <div class="batch-agreement">
                            <h2>{lang.pick("Dibandingkan dengan tag agent", "Compared with the agents' tags")}</h2>
                            <ul>{items}</ul>
                        </div>
                    }
                        .into_any(),
                )
            }}
            <button type="button" class="btn primary batch-download" data-testid="batch-download" on:click=download>
                {tr("Unduh hasil (CSV)", "Download results (CSV)")}
            </button>
        </div>
    }
}

#[component]
fn BatchProblems(b: Batch) -> impl IntoView {
    let state = use_state();
    let problems = Memo::new(move |_| {
        b.version.track();
        b.audit.with_value(|a| {
            a.as_ref().map(|a| {
                (
                    a.problems
                        .iter()
                        .take(PROBLEMS_SHOWN)
                        .cloned()
                        .collect::<Vec<_>>(),
                    a.problems.len(),
                )
            })
        })
    });
    move || {
        let (list, total) = problems.get()?;
        if total == 0 {
            return None;
        }
        let en = state.lang() == Lang::En;
        let items = list
            .into_iter()
            .map(|p| {
                let class = if p.kind.skips_row() { "problem skipped" } else { "problem warning" };
                view! {
                    <li class=class data-testid="batch-problem" data-line=p.line.to_string()>
                        <strong>{format!("{} {}", if en { "Line" } else { "Baris" }, p.line)}</strong>
                        ": "
                        {p.kind.message(en)}
                    </li>
                }
            })
            .collect::<Vec<_>>();
        let more = (total > PROBLEMS_SHOWN).then(|| {
            let n = total - PROBLEMS_SHOWN;
            view! { <p>{if en { format!("…and {n} more (all are in the downloaded CSV).") } else { format!("…dan {n} lagi (semuanya ada di CSV unduhan).") }}</p> }
        });
        Some(view! {
            <details class="batch-problems" open=true>
                <summary>{if en { format!("{total} line(s) with problems") } else { format!("{total} baris bermasalah") }}</summary>
                <ul>{items}</ul>
                {more}
            </details>
        })
    }
}

/// One rendered row of the table (copied out of the audit so the view owns its strings).
#[derive(Clone, PartialEq)]
struct RowView {
    /// The batch and language the row was built for: part of the key, so a new batch or a
    /// language switch re-renders rows instead of reusing stale ones.
    version: u32,
    lang: Lang,
    index: usize,
    line: usize,
    author: String,
    time: String,
    channel: Channel,
    text: String,
    decision: Decision,
    category: Option<Category>,
    note: String,
    reasons: String,
    agreement: Agreement,
    agent: String,
}

#[component]
fn BatchTable(b: Batch) -> impl IntoView {
    let state = use_state();
    let view_rows = Memo::new(move |_| {
        b.version.track();
        let f = b.filter();
        b.audit
            .with_value(|a| a.as_ref().map(|a| a.view(&f)).unwrap_or_default())
    });
    let pages = move || view_rows.with(|v| v.len().div_ceil(PAGE_SIZE)).max(1);
    let page_rows = Memo::new(move |_| {
        let page = b.page.get();
        let version = b.version.get();
        let lang = state.lang();
        view_rows.with(|v| {
            let start = (page * PAGE_SIZE).min(v.len());
            let end = (start + PAGE_SIZE).min(v.len());
            b.audit.with_value(|a| {
                let Some(a) = a.as_ref() else {
                    return Vec::new();
                };
                v[start..end]
                    .iter()
                    .filter_map(|&i| {
                        let row = a.rows.get(i as usize)?;
                        let res = row.result.as_ref()?;
                        Some(RowView {
                            version,
                            lang,
                            index: i as usize,
                            line: row.line,
                            author: a.field(row, a.columns.author).unwrap_or("").to_string(),
                            time: a.field(row, a.columns.time).unwrap_or("").to_string(),
                            channel: row.channel,
                            text: a.text(row).to_string(),
                            decision: res.decision,
                            category: res.category,
                            note: res.note.clone().unwrap_or_default(),
                            reasons: res.reasons_text(),
                            agreement: res.agreement,
                            agent: match &row.agent {
                                // A brand message is context; the agent's tag does not apply.
                                _ if res.decision == Decision::Context => String::new(),
                                None => String::new(),
                                Some(AgentTag::Reply) => "reply".to_string(),
                                Some(AgentTag::Oot { note, .. }) if !note.is_empty() => {
                                    note.clone()
                                }
                                Some(AgentTag::Oot { .. }) => "OOT Reply".to_string(),
                            },
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let tagged = Memo::new(move |_| {
        b.version.track();
        b.audit
            .with_value(|a| a.as_ref().is_some_and(|a| a.columns.has_agent_tag()))
    });
    // A page of a big batch is drawn 50 rows per frame, so the moment a 100,000-message batch
    // finishes never holds the page for long. A small batch (one page) is drawn at once, so
    // every row is there as soon as the progress says done. `grown` remembers how far the
    // current page (identified by `page_key`) has been drawn.
    let page_key = Memo::new(move |_| {
        (
            b.version.get(),
            b.page.get(),
            b.bucket.get(),
            b.agreement.get(),
            state.lang() == Lang::En,
        )
    });
    let grown = RwSignal::new((None, 0usize));
    let limit = Memo::new(move |_| {
        let key = page_key.get();
        let base = if view_rows.with(|v| v.len() <= PAGE_SIZE) {
            PAGE_SIZE
        } else {
            RENDER_STEP
        };
        grown.with(|(k, n)| {
            if k.as_ref() == Some(&key) {
                (*n).max(base)
            } else {
                base
            }
        })
    });
    effect(move || {
        if limit.get() < page_rows.with(Vec::len) {
            request_animation_frame(move || {
                let key = page_key.get_untracked();
                let next = limit.get_untracked() + RENDER_STEP;
                let _ = grown.try_set((Some(key), next));
            });
        }
    });

    let open_row = move |index: usize| {
        let Some((text, channel)) = b
            .audit
            .with_value(|a| a.as_ref().and_then(|a| a.paste_for(index)))
        else {
            return;
        };
        state.channel.set(Some(channel));
        state.paste.set(text);
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash("#/");
        }
    };

    let on_bucket = move |ev: leptos::ev::Event| {
        b.bucket.set(event_target_value(&ev));
        b.page.set(0);
    };
    let on_agreement = move |ev: leptos::ev::Event| {
        b.agreement.set(event_target_value(&ev));
        b.page.set(0);
    };

    view! {
        <div class="batch-table-wrap">
            <div class="batch-filters" role="group" aria-label=move || state.lang().pick("Saring hasil", "Filter results")>
                <label>
                    {tr("Keputusan / kategori", "Decision / category")}
                    <select data-testid="batch-filter-decision" on:change=on_bucket prop:value=move || b.bucket.get()>
                        <option value="">{tr("Semua", "All")}</option>
                        {move || {
                            let lang = state.lang();
                            ["reply", "no_reply", "troll", "multi", "kuis", "promo", "review", "context"]
                                .into_iter()
                                .map(|k| view! { <option value=k>{bucket_label(k, lang)}</option> })
                                .collect::<Vec<_>>()
                        }}
                    </select>
                </label>
                <label>
                    {tr("Dibanding tag agent", "Against the agent's tag")}
                    <select
                        data-testid="batch-filter-agreement"
                        on:change=on_agreement
                        prop:value=move || b.agreement.get()
                        disabled=move || !tagged.get()
                    >
                        <option value="">{tr("Semua", "All")}</option>
                        <option value="disagreements">{tr("Semua yang tidak sesuai", "All disagreements")}</option>
                        {move || {
                            let lang = state.lang();
                            Agreement::ALL
                                .into_iter()
                                .map(|a| {
                                    let (id, en) = a.label();
                                    view! { <option value=a.as_str()>{lang.pick(id, en)}</option> }
                                })
                                .collect::<Vec<_>>()
                        }}
                    </select>
                </label>
                <span class="batch-shown" data-testid="batch-shown" data-count=move || view_rows.with(Vec::len).to_string()>
                    {move || {
                        let n = view_rows.with(Vec::len);
                        state.lang().pick(&format!("{} pesan", fmt_int(n)), &format!("{} messages", fmt_int(n))).to_string()
                    }}
                </span>
            </div>
            <div class="batch-table-scroll">
                <table class="batch-table">
                    <thead>
                        <tr>
                            <th scope="col">{tr("Baris", "Line")}</th>
                            <th scope="col">{tr("Pengirim / waktu", "Author / time")}</th>
                            <th scope="col">{tr("Pesan", "Message")}</th>
                            <th scope="col">{tr("Aturan W-21", "W-21 rules")}</th>
                            <Show when=move || tagged.get()>
                                <th scope="col">{tr("Tag agent", "Agent tag")}</th>
                            </Show>
                            <th scope="col">{tr("Alasan", "Reasons")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || {
                                let n = limit.get();
                                page_rows.with(|r| r.iter().take(n).cloned().collect::<Vec<_>>())
                            }
                            key=|r| (r.version, r.lang == Lang::En, r.index)
                            children=move |r: RowView| {
                                let index = r.index;
                                let lang = r.lang;
                                let decision_text = match (r.decision, r.category) {
                                    (Decision::NoReply, _) => lang.pick("Tidak perlu dijawab", "No reply needed"),
                                    (Decision::Reply, _) => lang.pick("Perlu dijawab", "Needs a reply"),
                                    (Decision::Review, _) => lang.pick("Periksa manual", "Manual review"),
                                    (Decision::Context, _) => lang.pick("Pesan brand", "Brand message"),
                                };
                                let (ag_id, ag_en) = r.agreement.label();
                                let row_class = if r.agreement.is_disagreement() {
                                    format!("batch-row disagree {}", r.agreement.as_str())
                                } else {
                                    format!("batch-row {}", r.agreement.as_str())
                                };
                                let title = lang.pick("Buka di layar Periksa", "Open in the Check screen");
                                view! {
                                    <tr
                                        class=row_class
                                        data-testid="batch-row"
                                        data-decision=r.decision.as_str()
                                        data-note=r.note.clone()
                                        data-category=r.category.map(|c| c.as_str()).unwrap_or("")
                                        data-line=r.line.to_string()
                                        data-agreement=r.agreement.as_str()
                                        tabindex="0"
                                        title=title
                                        on:click=move |_| open_row(index)
                                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                            if ev.key() == "Enter" || ev.key() == " " {
                                                ev.prevent_default();
                                                open_row(index);
                                            }
                                        }
                                    >
                                        <td class="num">{r.line}</td>
                                        <td class="who">
                                            <span class="author">{r.author.clone()}</span>
                                            <span class="time">{r.time.clone()}</span>
                                            <span class="channel">{r.channel.as_str()}</span>
                                        </td>
                                        <td class="text">{r.text.clone()}</td>
                                        <td class="rules-cell">
                                            <span class=format!("batch-decision {}", bucket(r.decision, r.category))>{decision_text}</span>
                                            {(!r.note.is_empty()).then(|| view! { <code class="note">{r.note.clone()}</code> })}
                                            {r
                                                .agreement
                                                .is_disagreement()
                                                .then(|| view! { <span class="agreement">{lang.pick(ag_id, ag_en)}</span> })}
                                        </td>
                                        {tagged.get_untracked().then(|| view! { <td class="agent">{r.agent.clone()}</td> })}
                                        <td class="reasons">{r.reasons.clone()}</td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <nav class="batch-pager" aria-label=move || state.lang().pick("Halaman hasil", "Result pages")>
                <button
                    type="button" class="btn"
                    data-testid="batch-prev"
                    disabled=move || b.page.get() == 0
                    on:click=move |_| b.page.update(|p| *p = p.saturating_sub(1))
                >
                    {tr("‹ Sebelumnya", "‹ Previous")}
                </button>
                <span data-testid="batch-page">
                    {move || {
                        let l = state.lang();
                        format!("{} {} / {}", l.pick("Halaman", "Page"), b.page.get() + 1, pages())
                    }}
                </span>
                <button
                    type="button" class="btn"
                    data-testid="batch-next"
                    disabled=move || { b.page.get() + 1 >= pages() }
                    on:click=move |_| {
                        let last = pages() - 1;
                        b.page.update(|p| *p = (*p + 1).min(last));
                    }
                >
                    {tr("Berikutnya ›", "Next ›")}
                </button>
            </nav>
        </div>
    }
}
