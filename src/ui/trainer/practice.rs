//! The practice round: pick a round, show one case at a time, let the trainee choose reply / no
//! reply, the category and the note, then reveal the library's answer, the tool's verdict and
//! the explanation; keep a score per category and end with what to review. Keyboard first:
//! 1 / 2 choose reply / no reply, K P T M the category, N the note field, Enter submits and moves
//! on. Grading and the summary are `engine::training`; this file only holds the round's state.

use super::case_view::{answer_text, clause_link, open_in_check, ExampleThread, ToolVerdict};
use crate::engine::training::{grade, Answer, Grade, Group, Library, Mistake, Scorecard};
use crate::engine::Category;
use crate::settings::Lang;
use crate::ui::state::{tr, use_state};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Setup,
    Asking,
    Summary,
}

/// The notes the note field suggests (W-21 §5.3), both multi notes included on purpose.
const NOTES: [&str; 6] = [
    "[Troll/Iseng]",
    "[Multi tweet]",
    "[Multi Post]",
    "[Kuis]",
    "[Promo]",
    "",
];

fn category_key(c: Category) -> &'static str {
    match c {
        Category::Kuis => "K",
        Category::Promo => "P",
        Category::Troll => "T",
        Category::Multi => "M",
    }
}

fn category_label(c: Category) -> &'static str {
    match c {
        Category::Kuis => "Kuis",
        Category::Promo => "Promo",
        Category::Troll => "Troll/Iseng",
        Category::Multi => "Multi Tweet/Post",
    }
}

fn group_label(g: Group, lang: Lang) -> &'static str {
    let (id, en) = g.label();
    lang.pick(id, en)
}

/// True when the keyboard focus is in a field that takes typing, where letter keys are text.
fn typing() -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    tag == "input"
        || tag == "textarea"
        || tag == "select"
        || el
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|h| h.is_content_editable())
}

fn mistake_text(m: &Mistake, lang: Lang) -> String {
    match m {
        Mistake::MissedReply => lang
            .pick(
                "Ini case nyata: menandainya \"tidak perlu dijawab\" membuat pelanggan diabaikan (kesalahan paling mahal).",
                "This is a real case: tagging it \"no reply\" leaves a customer ignored (the costliest mistake).",
            )
            .to_string(),
        Mistake::NeedlessReply => lang
            .pick("Case ini tidak perlu dijawab; catat sebagai OOT.", "This case needs no reply; record it as OOT.")
            .to_string(),
        Mistake::WrongCategory { expected, given } => {
            let e = expected.map(category_label).unwrap_or("?");
            let g = given.map(category_label).unwrap_or_else(|| lang.pick("(tidak dipilih)", "(none chosen)"));
            format!("{} {e}, {} {g}.", lang.pick("Kategori yang benar:", "The right category:"), lang.pick("jawabanmu:", "yours:"))
        }
        Mistake::WrongNote { expected, given, close } => {
            let given = if given.is_empty() { lang.pick("(kosong)", "(empty)").to_string() } else { given.clone() };
            let hint = if *close {
                lang.pick(" Hampir: W-21 §5.3 meminta catatan persis, termasuk huruf besar/kecil, kurung, dan Twitter/Facebook.", " Close: W-21 §5.3 wants the note exact, including case, brackets and Twitter/Facebook.")
            } else {
                ""
            };
            format!("{} {expected}, {} {given}.{hint}", lang.pick("Catatan yang benar:", "The right note:"), lang.pick("catatanmu:", "yours:"))
        }
    }
}

#[component]
pub fn Practice(
    library: StoredValue<Result<Library, String>>,
    active: Signal<bool>,
) -> impl IntoView {
    let state = use_state();
    let stage = RwSignal::new(Stage::Setup);
    let size = RwSignal::new(10usize);
    let chosen_groups = RwSignal::new(Vec::<Group>::new());
    let round = RwSignal::new(Vec::<usize>::new());
    let pos = RwSignal::new(0usize);
    let reply = RwSignal::new(None::<bool>);
    let category = RwSignal::new(None::<Category>);
    let note = RwSignal::new(String::new());
    let graded = RwSignal::new(None::<Grade>);
    let card = RwSignal::new(Scorecard::default());
    let hint = RwSignal::new(false);
    let note_ref = NodeRef::<leptos::html::Input>::new();

    let current = Memo::new(move |_| {
        let i = round.with(|r| r.get(pos.get()).copied())?;
        library.with_value(|l| l.as_ref().ok().and_then(|l| l.examples.get(i).cloned()))
    });

    let reset_answer = move || {
        reply.set(None);
        category.set(None);
        note.set(String::new());
        graded.set(None);
        hint.set(false);
    };
    let begin = move |indices: Vec<usize>| {
        if indices.is_empty() {
            return;
        }
        round.set(indices);
        pos.set(0);
        card.set(Scorecard::default());
        reset_answer();
        stage.set(Stage::Asking);
    };
    let start = move || {
        let seed = js_sys::Date::now() as u64;
        let groups = chosen_groups.get_untracked();
        let n = size.get_untracked();
        let picked = library.with_value(|l| {
            l.as_ref()
                .map(|l| l.round(&groups, seed, n))
                .unwrap_or_default()
        });
        begin(picked);
    };
    let submit = move || {
        if graded.get_untracked().is_some() {
            return;
        }
        let Some(r) = reply.get_untracked() else {
            hint.set(true);
            return;
        };
        let Some(ex) = current.get_untracked() else {
            return;
        };
        let answer = Answer {
            reply: r,
            category: if r { None } else { category.get_untracked() },
            note: if r {
                String::new()
            } else {
                note.get_untracked()
            },
        };
        let g = grade(&ex, &answer);
        card.update(|c| c.record(&ex, g.clone()));
        graded.set(Some(g));
    };
    let next = move || {
        if graded.get_untracked().is_none() {
            return;
        }
        let last = round.with_untracked(Vec::len);
        if pos.get_untracked() + 1 >= last {
            stage.set(Stage::Summary);
        } else {
            pos.update(|p| *p += 1);
            reset_answer();
        }
    };
    let choose_category = move |c: Category| {
        if graded.get_untracked().is_none() {
            reply.set(Some(false));
            category.set(Some(c));
        }
    };

    let handle = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if !active.get_untracked()
            || stage.get_untracked() != Stage::Asking
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.alt_key()
        {
            return;
        }
        let key = ev.key();
        if key == "Enter" {
            // Enter on a focused button is that button's click; don't do it twice.
            let on_button = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .is_some_and(|e| e.tag_name().eq_ignore_ascii_case("button"));
            if on_button || typing() {
                return;
            }
            ev.prevent_default();
            if graded.get_untracked().is_some() {
                next();
            } else {
                submit();
            }
            return;
        }
        if typing() {
            return;
        }
        let answered = graded.get_untracked().is_some();
        match key.as_str() {
            "1" if !answered => reply.set(Some(true)),
            "2" if !answered => reply.set(Some(false)),
            "k" | "K" => choose_category(Category::Kuis),
            "p" | "P" => choose_category(Category::Promo),
            "t" | "T" => choose_category(Category::Troll),
            "m" | "M" => choose_category(Category::Multi),
            "n" | "N" if !answered => {
                ev.prevent_default();
                reply.set(Some(false));
                if let Some(el) = note_ref.get_untracked() {
                    let _ = el.focus();
                }
            }
            "ArrowRight" if answered => next(),
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());

    view! {
        <div class="practice" data-testid="trainer-practice">
            {move || match stage.get() {
                Stage::Setup => view! { <Setup library=library size=size groups=chosen_groups on_start=Callback::new(move |_| start()) /> }.into_any(),
                Stage::Summary => view! {
                    <Summary
                        library=library
                        card=card
                        on_again=Callback::new(move |_| stage.set(Stage::Setup))
                        on_retry=Callback::new(move |ids: Vec<String>| {
                            let idx = library.with_value(|l| {
                                l.as_ref()
                                    .map(|l| ids.iter().filter_map(|id| l.examples.iter().position(|e| &e.id == id)).collect::<Vec<_>>())
                                    .unwrap_or_default()
                            });
                            begin(idx);
                        })
                    />
                }
                    .into_any(),
                Stage::Asking => {
                    view! {
                        <div class="practice-main">
                            <div class="practice-case">
                                <p class="practice-count" data-testid="trainer-count">
                                    {move || {
                                        let l = state.lang();
                                        format!("{} {} / {}", l.pick("Case", "Case"), pos.get() + 1, round.with(Vec::len))
                                    }}
                                </p>
                                {move || {
                                    current
                                        .get()
                                        .map(|ex| {
                                            view! {
                                                <div class="trainer-case" data-testid="trainer-case" data-example=ex.id.clone() data-ask=ex.ask.clone()>
                                                    <ExampleThread example=ex.clone() />
                                                </div>
                                            }
                                        })
                                }}
                                <AnswerForm reply=reply category=category note=note graded=graded hint=hint note_ref=note_ref
                                    on_submit=Callback::new(move |_| submit())
                                    on_category=Callback::new(choose_category)
                                />
                                {move || {
                                    let g = graded.get()?;
                                    let ex = current.get()?;
                                    let lang = state.lang();
                                    let expected = ex.expected_answer();
                                    let correct = g.correct();
                                    let mistakes = g.mistakes.iter().map(|m| view! { <li>{mistake_text(m, lang)}</li> }).collect::<Vec<_>>();
                                    let explanation = lang.pick(&ex.explanation.id, &ex.explanation.en).to_string();
                                    let title = lang.pick(&ex.title.id, &ex.title.en).to_string();
                                    let ex_open = ex.clone();
                                    Some(view! {
                                        <div class=if correct { "trainer-result correct" } else { "trainer-result wrong" }
                                            data-testid="trainer-result" data-correct=correct.to_string() role="status">
                                            <h2>{if correct { lang.pick("Benar", "Correct") } else { lang.pick("Belum tepat", "Not quite") }}
                                                " · " {title}</h2>
                                            <p class="expected"><strong>{lang.pick("Jawaban: ", "Answer: ")}</strong>{answer_text(&expected, lang)}</p>
                                            {(!correct).then(|| view! { <ul class="mistakes">{mistakes}</ul> })}
                                            <p class="explanation" data-testid="trainer-explanation">{explanation}" "{clause_link(ex.clause.clone())}</p>
                                            <ToolVerdict example=ex.clone() />
                                            <div class="result-actions">
                                                <button type="button" class="btn primary" data-testid="trainer-next" on:click=move |_| next()>
                                                    {if pos.get_untracked() + 1 >= round.with_untracked(Vec::len) { lang.pick("Lihat ringkasan", "See the summary") } else { lang.pick("Berikutnya (Enter)", "Next (Enter)") }}
                                                </button>
                                                <button type="button" class="btn" on:click=move |_| open_in_check(state, &ex_open)>
                                                    {lang.pick("Buka di layar Periksa", "Open in the Check screen")}
                                                </button>
                                            </div>
                                        </div>
                                    })
                                }}
                            </div>
                            <ScoreTable card=card />
                        </div>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
fn Setup(
    library: StoredValue<Result<Library, String>>,
    size: RwSignal<usize>,
    groups: RwSignal<Vec<Group>>,
    on_start: Callback<()>,
) -> impl IntoView {
    let state = use_state();
    let total = library.with_value(|l| l.as_ref().map(|l| l.examples.len()).unwrap_or(0));
    view! {
        <div class="practice-setup">
            <p>
                {tr(
                    "Setiap case: pilih Perlu dijawab (1) atau Tidak perlu dijawab (2), lalu kategori (K/P/T/M) dan tulis catatannya persis seperti W-21 §5.3. Enter untuk menjawab dan lanjut.",
                    "For each case: choose Needs a reply (1) or No reply (2), then the category (K/P/T/M), and type the note exactly as W-21 §5.3 has it. Enter answers and moves on.",
                )}
            </p>
            <fieldset>
                <legend>{tr("Jumlah case", "Number of cases")}</legend>
                {[10usize, 20, 0]
                    .into_iter()
                    .map(|n| {
                        view! {
                            <label class="inline">
                                <input type="radio" name="practice-size" data-testid=format!("trainer-size-{n}")
                                    prop:checked=move || size.get() == n on:change=move |_| size.set(n) />
                                {move || if n == 0 { state.lang().pick("Semua", "All").to_string() } else { n.to_string() }}
                                {move || (n == 0).then(|| format!(" ({total})"))}
                            </label>
                        }
                    })
                    .collect::<Vec<_>>()}
            </fieldset>
            <fieldset>
                <legend>{tr("Kategori (kosong = semua)", "Categories (none = all)")}</legend>
                {Group::ALL
                    .into_iter()
                    .map(|g| {
                        view! {
                            <label class="inline">
                                <input type="checkbox" data-testid=format!("trainer-group-{}", g.as_str())
                                    prop:checked=move || groups.with(|v| v.contains(&g))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        groups.update(|v| { v.retain(|x| *x != g); if on { v.push(g); } });
                                    } />
                                {move || group_label(g, state.lang())}
                            </label>
                        }
                    })
                    .collect::<Vec<_>>()}
            </fieldset>
            <button type="button" class="btn primary" data-testid="trainer-start" on:click=move |_| on_start.run(())>
                {tr("Mulai latihan", "Start practising")}
            </button>
        </div>
    }
}

#[component]
fn AnswerForm(
    reply: RwSignal<Option<bool>>,
    category: RwSignal<Option<Category>>,
    note: RwSignal<String>,
    graded: RwSignal<Option<Grade>>,
    hint: RwSignal<bool>,
    note_ref: NodeRef<leptos::html::Input>,
    on_submit: Callback<()>,
    on_category: Callback<Category>,
) -> impl IntoView {
    let state = use_state();
    let locked = move || graded.get().is_some();
    let choice = move |value: bool,
                       testid: &'static str,
                       id: &'static str,
                       en: &'static str,
                       key: &'static str| {
        view! {
            <button type="button" data-testid=testid
                class=move || if reply.get() == Some(value) { "btn choice chosen" } else { "btn choice" }
                aria-pressed=move || (reply.get() == Some(value)).to_string()
                disabled=locked
                on:click=move |_| { reply.set(Some(value)); hint.set(false); }>
                {move || state.lang().pick(id, en)} <kbd>{key}</kbd>
            </button>
        }
    };
    view! {
        <form class="answer-form" on:submit=move |ev| { ev.prevent_default(); on_submit.run(()); }>
            <div class="choices" role="group" aria-label=move || state.lang().pick("Keputusan", "Decision")>
                {choice(true, "trainer-reply", "Perlu dijawab", "Needs a reply", "1")}
                {choice(false, "trainer-noreply", "Tidak perlu dijawab", "No reply needed", "2")}
            </div>
            <Show when=move || reply.get() == Some(false)>
                <div class="categories" role="radiogroup" aria-label=move || state.lang().pick("Kategori", "Category")>
                    {Category::ALL
                        .into_iter()
                        .map(|c| {
                            view! {
                                <button type="button" role="radio" data-testid=format!("trainer-category-{}", c.as_str())
                                    class=move || if category.get() == Some(c) { "btn choice chosen" } else { "btn choice" }
                                    aria-checked=move || (category.get() == Some(c)).to_string()
                                    disabled=locked
                                    on:click=move |_| on_category.run(c)>
                                    {category_label(c)} <kbd>{category_key(c)}</kbd>
                                </button>
                            }
                        })
                        .collect::<Vec<_>>()}
                </div>
                <label class="note-field">
                    {move || state.lang().pick("Catatan Sociomedia (N)", "Sociomedia note (N)")}
                    <input type="text" data-testid="trainer-note" list="trainer-notes" autocomplete="off" spellcheck="false"
                        node_ref=note_ref placeholder="[...]"
                        prop:value=move || note.get() disabled=locked
                        on:input=move |ev| note.set(event_target_value(&ev)) />
                </label>
                <datalist id="trainer-notes">
                    {NOTES.iter().filter(|n| !n.is_empty()).map(|n| view! { <option value=*n></option> }).collect::<Vec<_>>()}
                </datalist>
            </Show>
            <Show when=move || hint.get()>
                <p class="practice-hint" role="alert">{move || state.lang().pick("Pilih dulu: perlu dijawab atau tidak.", "Choose first: reply or no reply.")}</p>
            </Show>
            <button type="submit" class="btn primary" data-testid="trainer-submit" disabled=locked>
                {move || state.lang().pick("Jawab (Enter)", "Answer (Enter)")}
            </button>
        </form>
    }
}

#[component]
fn ScoreTable(card: RwSignal<Scorecard>) -> impl IntoView {
    let state = use_state();
    view! {
        <aside class="score" aria-labelledby="score-title">
            <h2 id="score-title">{tr("Skor per kategori", "Score per category")}</h2>
            <table data-testid="trainer-score">
                <thead><tr>
                    <th scope="col">{tr("Kategori", "Category")}</th>
                    <th scope="col">{tr("Benar", "Right")}</th>
                    <th scope="col">{tr("Keputusan", "Decision")}</th>
                    <th scope="col">{tr("Catatan", "Note")}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let lang = state.lang();
                        card.with(|c| c.tallies())
                            .into_iter()
                            .map(|(g, t)| view! {
                                <tr data-group=g.as_str() data-correct=t.correct.to_string() data-asked=t.asked.to_string()>
                                    <th scope="row">{group_label(g, lang)}</th>
                                    <td>{format!("{}/{}", t.correct, t.asked)}</td>
                                    <td>{format!("{}/{}", t.decision_ok, t.asked)}</td>
                                    <td>{format!("{}/{}", t.note_ok, t.asked)}</td>
                                </tr>
                            })
                            .collect::<Vec<_>>()
                    }}
                </tbody>
            </table>
        </aside>
    }
}

#[component]
fn Summary(
    library: StoredValue<Result<Library, String>>,
    card: RwSignal<Scorecard>,
    on_again: Callback<()>,
    on_retry: Callback<Vec<String>>,
) -> impl IntoView {
    let state = use_state();
    let summary = Memo::new(move |_| {
        library.with_value(|l| l.as_ref().ok().map(|l| card.with(|c| c.summary(l))))
    });
    move || {
        let s = summary.get()?;
        let lang = state.lang();
        let missed: Vec<String> = s.review.iter().flat_map(|r| r.examples.clone()).collect();
        let titles = move |ids: &[String]| -> String {
            library.with_value(|l| {
                let Ok(l) = l.as_ref() else {
                    return String::new();
                };
                ids.iter()
                    .filter_map(|id| l.get(id))
                    .map(|e| lang.pick(&e.title.id, &e.title.en).to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        };
        let review = s
            .review
            .iter()
            .map(|r| {
                let text = lang.pick(&r.text.id, &r.text.en).to_string();
                let extra = (r.missed_replies > 0).then(|| {
                    view! { <p class="missed-replies">{format!("{} {}", r.missed_replies, lang.pick("case nyata ditandai tidak perlu dijawab: pelanggan akan diabaikan.", "real case(s) tagged no reply: customers would be ignored."))}</p> }
                });
                let notes_only = r.notes_only.then(|| view! { <p>{lang.pick("Kategorinya benar; yang salah hanya penulisan catatan (§5.3).", "The category was right; only the note's wording was wrong (§5.3).")}</p> });
                view! {
                    <li data-testid="trainer-review" data-group=r.group.as_str()>
                        <h3>{group_label(r.group, lang)} " · " {clause_link(r.clause.clone())}</h3>
                        {extra}
                        {notes_only}
                        <p>{text}</p>
                        <p class="review-examples">{lang.pick("Contoh yang salah: ", "Examples missed: ")}{titles(&r.examples)}</p>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        let rows = s
            .per_group
            .iter()
            .map(|(g, t)| view! { <tr><th scope="row">{group_label(*g, lang)}</th><td>{format!("{}/{}", t.correct, t.asked)}</td></tr> })
            .collect::<Vec<_>>();
        let has_missed = !missed.is_empty();
        Some(view! {
            <div class="practice-summary" data-testid="trainer-summary" data-correct=s.correct.to_string() data-asked=s.asked.to_string()>
                <h2>{lang.pick("Ringkasan", "Summary")}</h2>
                <p class="big-score">{format!("{} / {}", s.correct, s.asked)} " " {lang.pick("benar", "right")}</p>
                <table class="summary-table"><tbody>{rows}</tbody></table>
                {if s.review.is_empty() {
                    view! { <p class="all-right">{lang.pick("Semua benar. Hebat!", "All right. Well done!")}</p> }.into_any()
                } else {
                    view! { <div><h3>{lang.pick("Yang perlu dipelajari lagi", "What to review")}</h3><ol class="review">{review}</ol></div> }.into_any()
                }}
                <div class="result-actions">
                    {has_missed.then(|| view! {
                        <button type="button" class="btn primary" data-testid="trainer-retry" on:click=move |_| on_retry.run(missed.clone())>
                            {lang.pick("Ulangi yang salah", "Retry the ones missed")}
                        </button>
                    })}
                    <button type="button" class="btn" data-testid="trainer-again" on:click=move |_| on_again.run(())>
                        {lang.pick("Latihan baru", "New round")}
                    </button>
                </div>
            </div>
        })
    }
}
