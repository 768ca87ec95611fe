//! Skeleton view; its issue fills it in.
use leptos::prelude::*;

#[component]
pub fn RulebookView() -> impl IntoView {
    view! { <section><h1>"RulebookView"</h1></section> }
}
