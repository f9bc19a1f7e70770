//! One module per route.

mod attachments;
mod capture;
mod capture_form;
mod checklist;
mod guidance;
mod guidance_case;
mod guidance_platform;
mod home;
mod login;
mod not_found;
mod request_drafts;
mod settings;
mod submitted;
mod unlock;

pub use capture::{case_type_name, urgency_name, CapturePage};
pub use guidance::GuidancePage;
pub use guidance_case::GuidanceCasePage;
pub use guidance_platform::GuidancePlatformPage;
pub use home::Home;
pub use login::{home_of, LoginPage};
pub use not_found::NotFound;
pub use settings::SettingsPage;
pub use unlock::{LockScreen, PasskeyCard};
