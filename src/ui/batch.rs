//! Skeleton view; its issue fills it in.
use leptos::prelude::*;

#[component]
pub fn BatchView() -> impl IntoView {
    view! { <section><h1>"BatchView"</h1></section> }
}
