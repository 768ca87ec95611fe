//! The user's settings: one plain, versioned struct. Loading and saving it (localStorage) lives
//! in the UI's storage module; this file stays pure so its round trip is testable natively.
use crate::engine::Channel;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub version: u32,
    pub lang: Lang,
    pub default_channel: Channel,
    pub multi_window_minutes: u32,
    pub keep_history: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { version: 1, lang: Lang::Id, default_channel: Channel::Twitter, multi_window_minutes: 10, keep_history: true }
    }
}
