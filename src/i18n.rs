//! The UI's words in Danish (default) and English. One table, one line per text with both languages
//! side by side, so a missing translation is visible in review and impossible at compile time.

use leptos::prelude::*;
pub use spoc_core::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    Home,
    Settings,
    NewCapture,
    SwitchLanguage,
    Drafts,
    NoDrafts,
    Sent,
    NothingSent,
    ContinueDraft,
    DeleteDraft,
    Untitled,
    // Capture form
    CaseType,
    ChooseCaseType,
    JournalNumber,
    Urgency,
    DangerToLife,
    VictimMinor,
    Ongoing,
    UrgencyLevel,
    Identifiers,
    IdentifiersHelp,
    IdentifierRaw,
    PlatformHint,
    AnyPlatform,
    AddIdentifier,
    Remove,
    Understood,
    ItemsSeen,
    ItemWhat,
    ItemWhatHelp,
    SeenAt,
    AddItem,
    Preservations,
    PreservationPlatform,
    RequestedAt,
    Reference,
    AddPreservation,
    Notes,
    Submit,
    DraftSaved,
    DraftNotSaved,
    CannotSubmit,
    SettingsMissing,
    TimeZone,
    // Captures and receipts
    Waiting,
    Received,
    Refused,
    Conflict,
    ServerNumber,
    ReceivedAt,
    Hash,
    BackHome,
    // Sync indicator
    AllSent,
    NothingWaiting,
    NeverSynced,
    LastSync,
    Sending,
    OfflineKept,
    SignInAgain,
    RefusedBySpoc,
    // Settings
    OfficerName,
    BadgeNumber,
    District,
    ChooseDistrict,
    Phone,
    Save,
    SavedOnDevice,
    SettingsHelp,
    // Updates
    UpdateAvailable,
    UpdateNow,
}

impl T {
    pub fn text(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            T::Home => ("Forside", "Home"),
            T::Settings => ("Indstillinger", "Settings"),
            T::NewCapture => ("Ny sikring", "New capture"),
            T::SwitchLanguage => ("English", "Dansk"),
            T::Drafts => ("Kladder", "Drafts"),
            T::NoDrafts => ("Ingen kladder.", "No drafts."),
            T::Sent => ("Sendt til SPOC", "Sent to the SPOC"),
            T::NothingSent => ("Intet sendt endnu.", "Nothing sent yet."),
            T::ContinueDraft => ("Fortsæt", "Continue"),
            T::DeleteDraft => ("Slet kladde", "Delete draft"),
            T::Untitled => ("Uden journalnummer", "No journal number"),
            T::CaseType => ("Sagstype", "Case type"),
            T::ChooseCaseType => ("Vælg sagstype", "Choose case type"),
            T::JournalNumber => ("Journalnummer", "Police journal number"),
            T::Urgency => ("Hastegrad", "Urgency"),
            T::DangerToLife => ("Fare for liv eller helbred", "Danger to life"),
            T::VictimMinor => ("Offeret er under 18 år", "Victim is a minor"),
            T::Ongoing => ("Forholdet er i gang", "Ongoing"),
            T::UrgencyLevel => ("Beregnet hastegrad", "Urgency level"),
            T::Identifiers => ("Identifikatorer", "Identifiers"),
            T::IdentifiersHelp => (
                "Indsæt brugernavn, profil-URL, telefonnummer, e-mail eller betalingsoplysning præcis som på offerets telefon.",
                "Paste a username, profile URL, phone number, e-mail or payment detail exactly as on the victim's phone.",
            ),
            T::IdentifierRaw => ("Indsat tekst", "Pasted text"),
            T::PlatformHint => ("Platform", "Platform"),
            T::AnyPlatform => ("Genkend automatisk", "Recognise automatically"),
            T::AddIdentifier => ("Tilføj identifikator", "Add identifier"),
            T::Remove => ("Fjern", "Remove"),
            T::Understood => ("Forstået som", "Understood as"),
            T::ItemsSeen => ("Set indhold", "Items seen"),
            T::ItemWhat => ("URL eller beskrivelse", "URL or description"),
            T::ItemWhatHelp => (
                "URL'er gemmes som tekst og åbnes aldrig.",
                "URLs are kept as text and never opened.",
            ),
            T::SeenAt => ("Set tidspunkt", "Time seen"),
            T::AddItem => ("Tilføj indhold", "Add item"),
            T::Preservations => ("Sikring allerede anmodet", "Preservation already requested"),
            T::PreservationPlatform => ("Platform", "Platform"),
            T::RequestedAt => ("Anmodet", "Requested"),
            T::Reference => ("Reference", "Reference"),
            T::AddPreservation => ("Tilføj anmodning", "Add request"),
            T::Notes => ("Noter", "Notes"),
            T::Submit => ("Send til SPOC", "Send to the SPOC"),
            T::DraftSaved => ("Kladden er gemt på enheden", "Draft saved on this device"),
            T::DraftNotSaved => ("Kladden kunne ikke gemmes", "The draft could not be saved"),
            T::CannotSubmit => ("Kan ikke sendes endnu", "Cannot be sent yet"),
            T::SettingsMissing => (
                "Udfyld navn, ID-nummer og politikreds under Indstillinger først.",
                "Fill in your name, badge number and district in Settings first.",
            ),
            T::TimeZone => ("Tidszone", "Time zone"),
            T::Waiting => ("Venter på afsendelse", "Waiting to send"),
            T::Received => ("Modtaget af SPOC", "Received by the SPOC"),
            T::Refused => ("Afvist af SPOC", "Refused by the SPOC"),
            T::Conflict => (
                "Konflikt: SPOC har en anden udgave med samme ID",
                "Conflict: the SPOC holds another version with this id",
            ),
            T::ServerNumber => ("SPOC-nummer", "SPOC number"),
            T::ReceivedAt => ("Modtaget", "Received"),
            T::Hash => ("SHA-256", "SHA-256"),
            T::BackHome => ("Til forsiden", "Back to home"),
            T::AllSent => ("Alt er sendt", "Everything sent"),
            T::NothingWaiting => ("Intet venter på afsendelse", "Nothing waiting to send"),
            T::NeverSynced => ("Endnu ikke sendt", "Not synced yet"),
            T::LastSync => ("Sidst sendt", "Last sync"),
            T::Sending => ("Sender…", "Sending…"),
            T::OfflineKept => ("Ingen forbindelse – gemt på enheden", "No connection – kept on this device"),
            T::SignInAgain => ("Log ind igen for at sende", "Sign in again to send"),
            T::RefusedBySpoc => ("Afvist af SPOC", "Refused by the SPOC"),
            T::OfficerName => ("Navn", "Name"),
            T::BadgeNumber => ("ID-nummer", "Badge number"),
            T::District => ("Politikreds", "District"),
            T::ChooseDistrict => ("Vælg politikreds", "Choose district"),
            T::Phone => ("Telefon", "Phone"),
            T::Save => ("Gem", "Save"),
            T::SavedOnDevice => ("Gemt på enheden", "Saved on this device"),
            T::SettingsHelp => (
                "Oplysningerne gemmes kun på denne enhed og sendes med hver sikring.",
                "Kept on this device only, and sent with every capture.",
            ),
            T::UpdateAvailable => ("En ny version er klar.", "A new version is ready."),
            T::UpdateNow => ("Opdatér", "Update"),
        };
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

/// The current language, provided at the root. Reading it inside a view makes the text reactive.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<Language>().0
}

/// `tr(T::Submit)` gives a closure for use in `view!`: it re-renders when the language changes.
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || key.text(lang.get())
}
