//! Skeleton view; its issue fills it in.
use leptos::prelude::*;

#[component]
pub fn SettingsView() -> impl IntoView {
    view! { <section><h1>"SettingsView"</h1></section> }
}
