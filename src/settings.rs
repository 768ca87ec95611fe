//! The user's settings: one plain, versioned struct, and the notices that tell the user what the
//! app had to reset when something it stored could not be read back.
//!
//! Loading and saving (localStorage) lives in the UI's storage module; this file stays pure so the
//! round trip and every recovery path are testable natively. It must not touch the browser, the
//! clock or any I/O. Reading is forgiving on purpose: a stored value from an older or newer
//! version, or one that was edited by hand, is read field by field, keeping every field that still
//! makes sense and resetting only the rest, each reset reported as a [`Notice`].
use crate::engine::json::{self, ObjectBuilder, Value};
use crate::engine::Channel;
use std::ops::RangeInclusive;

/// The format version written by this build. Bump it (and teach [`Settings::from_value`] the old
/// shape) whenever a field changes meaning.
pub const SETTINGS_VERSION: u32 = 1;

/// The multi window the user may choose, in minutes (SPEC: "setting, 1–60").
pub const MULTI_WINDOW_RANGE: RangeInclusive<u32> = 1..=60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// Picks the Indonesian or the English text.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
    /// Reads a language code as stored or typed ("id", "EN", "en-US").
    pub fn parse(s: &str) -> Option<Lang> {
        let code = s.trim().to_ascii_lowercase();
        match code.split(['-', '_']).next().unwrap_or("") {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Something the app could not read back from storage and therefore reset, dropped or could not
/// save, in both languages. `subject` names what was affected (e.g. `settings.lang`,
/// `history[3]`, `rulebook`) so tests and the UI can tell notices apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub subject: String,
    pub id: String,
    pub en: String,
}

impl Notice {
    pub fn new(subject: impl Into<String>, id: impl Into<String>, en: impl Into<String>) -> Notice {
        Notice {
            subject: subject.into(),
            id: id.into(),
            en: en.into(),
        }
    }
    /// The text in the user's language.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.id, &self.en)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub version: u32,
    pub lang: Lang,
    pub default_channel: Channel,
    pub multi_window_minutes: u32,
    pub keep_history: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            lang: Lang::Id,
            default_channel: Channel::Twitter,
            multi_window_minutes: 10,
            keep_history: true,
        }
    }
}

/// Shortens a stored value for a notice, so a huge corrupt blob does not flood the banner.
pub(crate) fn preview(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 40 {
        text
    } else {
        let cut: String = text.chars().take(40).collect();
        format!("{cut}…")
    }
}

impl Settings {
    /// The JSON this build stores.
    pub fn to_stored(&self) -> String {
        ObjectBuilder::new()
            .field("version", self.version)
            .field("lang", self.lang.code())
            .field("default_channel", self.default_channel.as_str())
            .field("multi_window_minutes", self.multi_window_minutes)
            .field("keep_history", self.keep_history)
            .build()
            .to_string()
    }

    /// Reads stored settings text, recovering what it can (see [`Settings::from_value`]).
    pub fn from_stored(text: &str) -> (Settings, Vec<Notice>) {
        match json::parse(text) {
            Ok(value) => Settings::from_value(&value),
            Err(e) => (
                Settings::default(),
                vec![Notice::new(
                    "settings",
                    format!("Pengaturan tersimpan rusak (bukan JSON: {e}); semua pengaturan dikembalikan ke bawaan."),
                    format!("Saved settings were corrupt (not JSON: {e}); all settings were reset to the defaults."),
                )],
            ),
        }
    }

    /// Reads a stored settings value field by field. Every field that is present and valid is
    /// kept; a missing or invalid one takes its default and yields a notice saying which field
    /// and what was there. Values written by an older format (no `version`) or a newer one are
    /// read the same way, with a notice that they were converted. Unknown fields are ignored.
    pub fn from_value(value: &Value) -> (Settings, Vec<Notice>) {
        let mut notices = Vec::new();
        let defaults = Settings::default();
        if value.as_object().is_none() {
            notices.push(Notice::new(
                "settings",
                format!(
                    "Pengaturan tersimpan tidak berbentuk objek ({}); semua pengaturan dikembalikan ke bawaan.",
                    preview(value)
                ),
                format!(
                    "Saved settings were not an object ({}); all settings were reset to the defaults.",
                    preview(value)
                ),
            ));
            return (defaults, notices);
        }

        let version = value.get("version").and_then(Value::as_u64);
        // Fields missing from an old or a newer format are expected, not corruption: they take
        // their defaults quietly and one notice covers the conversion.
        let same_version = version == Some(u64::from(SETTINGS_VERSION));
        if !same_version {
            let found = version
                .map(|v| v.to_string())
                .unwrap_or_else(|| "-".to_string());
            notices.push(Notice::new(
                "settings.version",
                format!(
                    "Pengaturan tersimpan memakai format lain (versi {found}); yang masih terbaca dipakai, sisanya kembali ke bawaan."
                ),
                format!(
                    "Saved settings used another format (version {found}); what could be read was kept, the rest was reset to the defaults."
                ),
            ));
        }

        let mut field = |name: &str, label_id: &str, label_en: &str| -> Option<&Value> {
            let v = value.get(name);
            if v.is_none() && same_version {
                notices.push(Notice::new(
                    format!("settings.{name}"),
                    format!("Pengaturan \"{label_id}\" hilang dari data tersimpan; dikembalikan ke bawaan."),
                    format!("The \"{label_en}\" setting was missing from saved data; reset to the default."),
                ));
            }
            v
        };
        let lang_v = field("lang", "bahasa", "language");
        let channel_v = field("default_channel", "kanal bawaan", "default channel");
        let window_v = field("multi_window_minutes", "jendela multi", "multi window");
        let history_v = field("keep_history", "simpan riwayat", "keep history");

        let mut invalid = |name: &str, label_id: &str, label_en: &str, v: &Value, default: &str| {
            notices.push(Notice::new(
                format!("settings.{name}"),
                format!(
                    "Pengaturan \"{label_id}\" tersimpan tidak sah ({}); dikembalikan ke {default}.",
                    preview(v)
                ),
                format!(
                    "The saved \"{label_en}\" setting was invalid ({}); reset to {default}.",
                    preview(v)
                ),
            ));
        };

        let lang = match lang_v {
            None => defaults.lang,
            Some(v) => match v.as_str().and_then(Lang::parse) {
                Some(l) => l,
                None => {
                    invalid("lang", "bahasa", "language", v, defaults.lang.code());
                    defaults.lang
                }
            },
        };
        let default_channel = match channel_v {
            None => defaults.default_channel,
            Some(v) => match v.as_str().and_then(Channel::parse) {
                Some(c) => c,
                None => {
                    invalid(
                        "default_channel",
                        "kanal bawaan",
                        "default channel",
                        v,
                        defaults.default_channel.as_str(),
                    );
                    defaults.default_channel
                }
            },
        };
        let multi_window_minutes = match window_v {
            None => defaults.multi_window_minutes,
            Some(v) => match v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| MULTI_WINDOW_RANGE.contains(n))
            {
                Some(n) => n,
                None => {
                    let default = format!("{}", defaults.multi_window_minutes);
                    invalid(
                        "multi_window_minutes",
                        "jendela multi",
                        "multi window",
                        v,
                        &default,
                    );
                    defaults.multi_window_minutes
                }
            },
        };
        let keep_history = match history_v {
            None => defaults.keep_history,
            Some(v) => match v.as_bool() {
                Some(b) => b,
                None => {
                    let default = defaults.keep_history.to_string();
                    invalid(
                        "keep_history",
                        "simpan riwayat",
                        "keep history",
                        v,
                        &default,
                    );
                    defaults.keep_history
                }
            },
        };

        let settings = Settings {
            version: SETTINGS_VERSION,
            lang,
            default_channel,
            multi_window_minutes,
            keep_history,
        };
        (settings, notices)
    }
}
