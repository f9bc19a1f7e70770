//! The officer's own details, kept on the device and copied into every capture; and the UI language,
//! kept in localStorage so the first paint is already in the right language.

use serde::{Deserialize, Serialize};
use spoc_core::capture::Officer;
use spoc_core::Lang;

pub const SETTINGS_KEY: &str = "officer";
const LANG_KEY: &str = "spoc-field.lang";

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Settings {
    pub officer: Officer,
    /// Minutes without use before the app locks; 0 (never set) means the default.
    #[serde(default)]
    pub lock_after_minutes: u32,
}

impl Settings {
    pub fn lock_after(&self) -> u32 {
        match self.lock_after_minutes {
            0 => crate::lock::DEFAULT_IDLE_MINUTES,
            minutes => minutes.clamp(1, 60),
        }
    }

    /// Enough to sign a capture: the desk refuses captures without these.
    pub fn is_complete(&self) -> bool {
        let o = &self.officer;
        !o.name.trim().is_empty() && !o.badge_number.trim().is_empty() && o.district.is_some()
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn stored_lang() -> Lang {
    match local_storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .as_deref()
    {
        Some("en") => Lang::En,
        _ => Lang::Da,
    }
}

pub fn store_lang(lang: Lang) {
    if let Some(storage) = local_storage() {
        // Losing this preference is harmless; a full or blocked storage must not break the UI.
        let _ = storage.set_item(LANG_KEY, if lang == Lang::En { "en" } else { "da" });
    }
}
