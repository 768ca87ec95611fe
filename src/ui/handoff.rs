//! What a tab carries from one of the site's two pages to the other (see `ui::app`): the text in
//! the paste box, its channel, and the storage notices not yet dismissed. Settings, history and
//! the rulebook are saved as they change and every page reads them at start-up; these three
//! live only in the page, so they would be lost on the switch. They wait in sessionStorage
//! (this tab only) for the moment of the switch, and the page that opens takes them (reads and
//! removes them).
use super::state::AppState;
use crate::engine::model::Channel;
use crate::settings::Notice;
use leptos::prelude::*;

const PASTE_KEY: &str = "oot-triage.handoff.paste";
const CHANNEL_KEY: &str = "oot-triage.handoff.channel";
const NOTICES_KEY: &str = "oot-triage.handoff.notices";
/// Separators for the notices: between notices, and between a notice's fields. Notices are the
/// app's own messages and never contain these control characters.
const RECORD: char = '\u{1e}';
const FIELD: char = '\u{1f}';

fn session() -> Option<web_sys::Storage> {
    // Reading `window.sessionStorage` throws when storage is blocked: then nothing is carried.
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Leaves this page's paste, channel and notices for the page the tab opens next.
pub fn leave(state: AppState) {
    let Some(s) = session() else {
        return;
    };
    let paste = state.paste.get_untracked();
    if !paste.is_empty() {
        let _ = s.set_item(PASTE_KEY, &paste);
    }
    if let Some(ch) = state.channel.get_untracked() {
        let _ = s.set_item(CHANNEL_KEY, ch.as_str());
    }
    let notices = state.notices.with_untracked(|list| encode_notices(list));
    if !notices.is_empty() {
        let _ = s.set_item(NOTICES_KEY, &notices);
    }
}

/// Takes what the previous page of this tab left (see [`leave`]) into `state`.
pub fn take(state: AppState) {
    let Some(s) = session() else {
        return;
    };
    let get = |key: &str| {
        let value = s.get_item(key).ok().flatten();
        let _ = s.remove_item(key);
        value
    };
    let (paste, channel, notices) = (get(PASTE_KEY), get(CHANNEL_KEY), get(NOTICES_KEY));
    if let Some(paste) = paste {
        state.channel.set(channel.as_deref().and_then(Channel::parse));
        state.paste.set(paste);
    }
    if let Some(text) = notices {
        let carried = decode_notices(&text);
        state.notices.update(|list| {
            for n in carried {
                if !list.iter().any(|m| m.subject == n.subject) {
                    list.push(n);
                }
            }
        });
    }
}

fn encode_notices(list: &[Notice]) -> String {
    let clean = |s: &str| s.replace([RECORD, FIELD], " ");
    list.iter()
        .map(|n| format!("{}{FIELD}{}{FIELD}{}", clean(&n.subject), clean(&n.id), clean(&n.en)))
        .collect::<Vec<_>>()
        .join(&RECORD.to_string())
}

fn decode_notices(text: &str) -> Vec<Notice> {
    text.split(RECORD)
        .filter_map(|record| {
            let mut fields = record.split(FIELD);
            match (fields.next(), fields.next(), fields.next()) {
                (Some(subject), Some(id), Some(en)) if !subject.is_empty() => Some(Notice::new(subject, id, en)),
                _ => None,
            }
        })
        .collect()
}
