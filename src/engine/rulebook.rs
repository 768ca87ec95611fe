//! The W-21 rulebook as data. (Skeleton: the engine issue fills this in.)
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Rulebook {
    pub brand_handles: Vec<String>,
    pub multi_window_minutes: u32,
}

impl Rulebook {
    pub fn builtin() -> Rulebook {
        Rulebook { brand_handles: vec!["@TelkomCare".into(), "@IndiHome".into()], multi_window_minutes: 10 }
    }
}
