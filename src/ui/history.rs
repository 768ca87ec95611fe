//! Skeleton view; its issue fills it in.
use leptos::prelude::*;

#[component]
pub fn HistoryView() -> impl IntoView {
    view! { <section><h1>"HistoryView"</h1></section> }
}
