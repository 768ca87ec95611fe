//! The presenter view: a trainer steps through the library on a projector, one example at a
//! time in large type, with the expected verdict, the tool's verdict and the explanation shown
//! (or hidden until the room has guessed). Arrow keys and Page Up/Down (presentation clickers
//! send those) move between examples; H hides or shows the answer.

use super::case_view::{answer_text, clause_link, open_in_check, ExampleThread, ToolVerdict};
use crate::engine::training::{Group, Library};
use crate::ui::state::{tr, use_state};
use leptos::prelude::*;

#[component]
pub fn Presenter(
    library: StoredValue<Result<Library, String>>,
    active: Signal<bool>,
) -> impl IntoView {
    let state = use_state();
    let group = RwSignal::new(None::<Group>);
    let index = RwSignal::new(0usize);
    let hide_answer = RwSignal::new(false);

    // The examples shown, in library order (grouped by category as the file is).
    let shown = Memo::new(move |_| {
        let g = group.get();
        library.with_value(|l| {
            l.as_ref()
                .map(|l| {
                    l.examples
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| g.is_none_or(|g| e.group == g))
                        .map(|(i, _)| i)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let current = Memo::new(move |_| {
        let i = shown.with(|s| s.get(index.get()).copied())?;
        library.with_value(|l| l.as_ref().ok().and_then(|l| l.examples.get(i).cloned()))
    });
    let count = move || shown.with(Vec::len);
    let prev = move || index.update(|i| *i = i.saturating_sub(1));
    let next = move || {
        let n = count();
        index.update(|i| *i = (*i + 1).min(n.saturating_sub(1)));
    };

    let handle = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if !active.get_untracked() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let in_field = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|e| {
                matches!(
                    e.tag_name().to_ascii_lowercase().as_str(),
                    "input" | "textarea" | "select"
                )
            });
        if in_field {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" => {
                ev.prevent_default();
                next();
            }
            "ArrowLeft" | "PageUp" => {
                ev.prevent_default();
                prev();
            }
            "h" | "H" => hide_answer.update(|h| *h = !*h),
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());

    let on_group = move |ev: leptos::ev::Event| {
        group.set(Group::parse(&event_target_value(&ev)));
        index.set(0);
    };

    view! {
        <div class="presenter" data-testid="presenter">
            <div class="presenter-bar">
                <label>
                    {tr("Kategori", "Category")}
                    <select data-testid="presenter-group" on:change=on_group>
                        <option value="">{tr("Semua", "All")}</option>
                        {Group::ALL
                            .into_iter()
                            .map(|g| {
                                view! {
                                    <option value=g.as_str()>
                                        {move || {
                                            let (id, en) = g.label();
                                            state.lang().pick(id, en)
                                        }}
                                    </option>
                                }
                            })
                            .collect::<Vec<_>>()}
                    </select>
                </label>
                <button type="button" class="btn" data-testid="presenter-prev" on:click=move |_| prev() disabled=move || index.get() == 0>
                    {tr("‹ Sebelumnya", "‹ Previous")}
                </button>
                <span class="presenter-count" data-testid="presenter-count">
                    {move || format!("{} / {}", (index.get() + 1).min(count()), count())}
                </span>
                <button
                    type="button" class="btn"
                    data-testid="presenter-next"
                    on:click=move |_| next()
                    disabled=move || { index.get() + 1 >= count() }
                >
                    {tr("Berikutnya ›", "Next ›")}
                </button>
                <button
                    type="button" class="btn"
                    data-testid="presenter-toggle"
                    aria-pressed=move || hide_answer.get().to_string()
                    on:click=move |_| hide_answer.update(|h| *h = !*h)
                >
                    {move || {
                        if hide_answer.get() {
                            state.lang().pick("Tampilkan jawaban (H)", "Show the answer (H)")
                        } else {
                            state.lang().pick("Sembunyikan jawaban (H)", "Hide the answer (H)")
                        }
                    }}
                </button>
            </div>
            {move || {
                current
                    .get()
                    .map(|ex| {
                        let lang = state.lang();
                        let title = lang.pick(&ex.title.id, &ex.title.en).to_string();
                        let explanation = lang.pick(&ex.explanation.id, &ex.explanation.en).to_string();
                        let expected = answer_text(&ex.expected_answer(), lang);
                        let (gid, gen) = ex.group.label();
                        let ex_open = ex.clone();
                        view! {
                            <article class="presenter-slide" data-testid="presenter-slide" data-example=ex.id.clone()>
                                <p class="slide-group">{lang.pick(gid, gen).to_string()}</p>
                                <h2>{title}</h2>
                                <ExampleThread example=ex.clone() big=true />
                                <div class="slide-answer" hidden=move || hide_answer.get()>
                                    <p class="expected" data-testid="presenter-expected">
                                        <strong>{lang.pick("Jawaban: ", "Answer: ")}</strong>
                                        {expected}
                                    </p>
                                    <p class="explanation" data-testid="presenter-explanation">
                                        {explanation}
                                        " "
                                        {clause_link(ex.clause.clone())}
                                    </p>
                                    <ToolVerdict example=ex.clone() />
                                </div>
                                <button type="button" class="btn" data-testid="presenter-open" on:click=move |_| open_in_check(state, &ex_open)>
                                    {lang.pick("Buka di layar Periksa", "Open in the Check screen")}
                                </button>
                            </article>
                        }
                    })
            }}
        </div>
    }
}
