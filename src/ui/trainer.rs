//! Skeleton view; its issue fills it in.
use leptos::prelude::*;

#[component]
pub fn TrainerView() -> impl IntoView {
    view! { <section><h1>"TrainerView"</h1></section> }
}
