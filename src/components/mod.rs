//! Pieces of UI used by more than one page.

mod identifier_row;
mod language_toggle;
mod sync_indicator;
mod update_banner;

pub use identifier_row::IdentifierRow;
pub use language_toggle::LanguageToggle;
pub use sync_indicator::SyncIndicator;
pub use update_banner::UpdateBanner;
