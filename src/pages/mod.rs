//! One module per route.

mod capture;
mod capture_form;
mod home;
mod not_found;
mod settings;
mod submitted;

pub use capture::CapturePage;
pub use home::Home;
pub use not_found::NotFound;
pub use settings::SettingsPage;
