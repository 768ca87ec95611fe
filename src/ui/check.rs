//! Skeleton view; its issue fills it in.
use leptos::prelude::*;

#[component]
pub fn CheckView() -> impl IntoView {
    view! { <section><h1>"CheckView"</h1></section> }
}
