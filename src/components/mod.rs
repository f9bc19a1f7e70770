//! Pieces of UI used by more than one page.

mod call_error;
mod capture_record;
mod guidance_item;
mod identifier_prompts;
mod identifier_row;
mod language_toggle;
mod preservation_clock;
mod sign_out;
mod spoc_status;
mod storage_status;
mod sync_indicator;
mod update_banner;

pub use call_error::{call_error, error_note};
pub use capture_record::{prosecution_name, prosecution_warning_text, CaptureRecord};
pub use guidance_item::{emergency_call, item_view, source_titles, verify_view};
pub use identifier_prompts::IdentifierPrompts;
pub use identifier_row::IdentifierRow;
pub use language_toggle::LanguageToggle;
pub use preservation_clock::preservation_clock;
pub use sign_out::SignOutButton;
pub use spoc_status::{spoc_status_text, status_name};
pub use storage_status::{InstallAdvice, StorageCard, StorageWarning, WindowStorageNotice};
pub use sync_indicator::SyncIndicator;
pub use update_banner::UpdateBanner;
