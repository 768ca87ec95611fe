//! Skeleton view; its issue fills it in.
use leptos::prelude::*;

#[component]
pub fn ProcedureView() -> impl IntoView {
    view! { <section><h1>"ProcedureView"</h1></section> }
}
