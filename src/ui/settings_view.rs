//! The settings screen (`#/pengaturan`): language, default channel, multi window, whether history
//! is kept, and what this browser stores (with a way to delete all of it).
//!
//! It only edits `AppState.settings`; `App` saves every change (ui::storage). Validation of the
//! window bounds is the pure `settings::MULTI_WINDOW_RANGE`. It must not touch localStorage
//! directly except through `ui::storage`.
use super::state::{tr, use_state};
use super::storage;
use crate::engine::Channel;
use crate::settings::{Lang, Settings, MULTI_WINDOW_RANGE};
use leptos::prelude::*;

/// Reads the multi window field: whole minutes within [`MULTI_WINDOW_RANGE`].
fn parse_window(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| MULTI_WINDOW_RANGE.contains(n))
}

#[component]
pub fn SettingsView() -> impl IntoView {
    let state = use_state();
    let window_error = RwSignal::new(false);
    let confirm_wipe = RwSignal::new(false);

    let on_lang = move |e: leptos::ev::Event| {
        if let Some(l) = Lang::parse(&event_target_value(&e)) {
            state.settings.update(|s| s.lang = l);
        }
    };
    let on_channel = move |e: leptos::ev::Event| {
        if let Some(c) = Channel::parse(&event_target_value(&e)) {
            state.settings.update(|s| s.default_channel = c);
        }
    };
    let on_window = move |e: leptos::ev::Event| match parse_window(&event_target_value(&e)) {
        Some(n) => {
            window_error.set(false);
            if state.settings.with_untracked(|s| s.multi_window_minutes != n) {
                state.settings.update(|s| s.multi_window_minutes = n);
            }
        }
        None => window_error.set(true),
    };
    let on_history = move |e: leptos::ev::Event| {
        let on = event_target_checked(&e);
        state.settings.update(|s| s.keep_history = on);
    };
    let reset = move |_| {
        window_error.set(false);
        state.settings.set(Settings::default());
    };
    let wipe = move |_| {
        storage::wipe_all();
        state.history.update(|h| h.clear());
        state.settings.set(Settings::default());
        state.rulebook.set(crate::engine::rulebook::Rulebook::builtin());
        confirm_wipe.set(false);
    };

    let window_value = move || state.settings.with(|s| s.multi_window_minutes.to_string());
    let storage_status = move || {
        let lang = state.lang();
        if storage::available() {
            lang.pick(
                "Pengaturan, riwayat (jika dinyalakan) dan aturan khusus disimpan hanya di browser ini (localStorage). Tidak ada yang dikirim ke mana pun.",
                "Settings, history (if on) and a custom rulebook are kept only in this browser (localStorage). Nothing is sent anywhere.",
            )
        } else {
            lang.pick(
                "Penyimpanan browser tidak tersedia: perubahan berlaku sampai halaman ditutup.",
                "Browser storage is not available: changes last until the page is closed.",
            )
        }
    };
    let offline_status = move || {
        let lang = state.lang();
        match storage::offline_ready() {
            Some(true) => lang.pick(
                "Siap dipakai tanpa jaringan: aplikasi ini tersimpan di browser dan terbuka walau jaringan mati.",
                "Ready offline: this app is stored in the browser and opens with the network off.",
            ),
            Some(false) => lang.pick(
                "Sedang disimpan untuk dipakai tanpa jaringan; muat ulang sekali lagi untuk memastikan.",
                "Being stored for offline use; reload once more to be sure.",
            ),
            None => lang.pick(
                "Dibuka sebagai file atau tanpa HTTPS: berjalan tanpa jaringan langsung dari file ini.",
                "Opened as a file or without HTTPS: runs with no network straight from this file.",
            ),
        }
    };

    view! {
        <section class="view settings-view" aria-labelledby="settings-title">
            <header class="view-head">
                <h1 id="settings-title">{tr("Pengaturan", "Settings")}</h1>
            </header>
            <div class="form-grid">
                <label for="settings-lang">{tr("Bahasa", "Language")}</label>
                <select id="settings-lang" data-testid="settings-lang" on:change=on_lang prop:value=move || state.settings.with(|s| s.lang.code())>
                    <option value="id" prop:selected=move || state.lang() == Lang::Id>"Bahasa Indonesia"</option>
                    <option value="en" prop:selected=move || state.lang() == Lang::En>"English"</option>
                </select>

                <label for="settings-channel">{tr("Kanal bawaan", "Default channel")}</label>
                <div>
                    <select id="settings-channel" data-testid="settings-channel" on:change=on_channel prop:value=move || state.settings.with(|s| s.default_channel.as_str())>
                        <option value="twitter" prop:selected=move || state.settings.with(|s| s.default_channel == Channel::Twitter)>"Twitter / X"</option>
                        <option value="facebook" prop:selected=move || state.settings.with(|s| s.default_channel == Channel::Facebook)>"Facebook"</option>
                    </select>
                    <p class="hint">{tr(
                        "Dipakai bila kanal tidak bisa ditebak dari paste. Menentukan note multi: [Multi tweet] atau [Multi Post].",
                        "Used when the paste does not show its channel. Decides the multi note: [Multi tweet] or [Multi Post].",
                    )}</p>
                </div>

                <label for="settings-window">{tr("Jendela multi (menit)", "Multi window (minutes)")}</label>
                <div>
                    <input
                        id="settings-window"
                        data-testid="settings-window"
                        type="number"
                        min=*MULTI_WINDOW_RANGE.start()
                        max=*MULTI_WINDOW_RANGE.end()
                        step="1"
                        inputmode="numeric"
                        prop:value=window_value
                        on:change=on_window
                        aria-invalid=move || window_error.get().then_some("true")
                        aria-describedby="settings-window-hint"
                    />
                    <p class="hint" id="settings-window-hint">
                        {move || if window_error.get() {
                            view! { <span class="field-error" data-testid="settings-window-error">{state.lang().pick(
                                "Isi bilangan bulat 1 sampai 60; nilai sebelumnya tetap berlaku.",
                                "Enter a whole number from 1 to 60; the previous value still applies.",
                            )}</span> }.into_any()
                        } else {
                            view! { <span>{state.lang().pick(
                                "Pesan berurutan dari penulis yang sama dalam jendela ini (dan saling terkait) dihitung satu case (W-21 §5.1).",
                                "Consecutive related messages by one author within this window count as one case (W-21 §5.1).",
                            )}</span> }.into_any()
                        }}
                    </p>
                </div>

                <span class="label">{tr("Riwayat", "History")}</span>
                <div>
                    <label class="check-label">
                        <input type="checkbox" data-testid="settings-history" prop:checked=move || state.settings.with(|s| s.keep_history) on:change=on_history />
                        {tr("Simpan case yang diperiksa (50 terakhir) di browser ini", "Keep checked cases (the last 50) in this browser")}
                    </label>
                    <p class="hint">{tr(
                        "Mematikan riwayat langsung menghapus riwayat yang tersimpan.",
                        "Turning history off deletes the saved history at once.",
                    )}</p>
                </div>
            </div>
            <p><button type="button" class="btn" data-testid="settings-reset" on:click=reset>{tr("Kembalikan pengaturan bawaan", "Restore default settings")}</button></p>

            <h2>{tr("Privasi dan penyimpanan", "Privacy and storage")}</h2>
            <p data-testid="storage-status">{storage_status}</p>
            <p data-testid="offline-status">{offline_status}</p>
            {move || if confirm_wipe.get() {
                view! {
                    <div class="confirm" role="group">
                        <span>{tr("Hapus semua data aplikasi ini dari browser (pengaturan, riwayat, aturan khusus)?", "Delete all of this app's data from the browser (settings, history, custom rulebook)?")}</span>
                        <button type="button" class="btn danger" data-testid="settings-wipe-confirm" on:click=wipe>{tr("Ya, hapus", "Yes, delete")}</button>
                        <button type="button" class="btn" on:click=move |_| confirm_wipe.set(false)>{tr("Batal", "Cancel")}</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="btn" data-testid="settings-wipe" on:click=move |_| confirm_wipe.set(true)>
                        {tr("Hapus semua data tersimpan", "Delete all saved data")}
                    </button>
                }.into_any()
            }}
        </section>
    }
}
