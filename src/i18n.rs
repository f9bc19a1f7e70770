//! The UI's words in Danish (default) and English. One table, one line per text with both languages
//! side by side, so a missing translation is visible in review and impossible at compile time.
//! The desk's own words carry `#[cfg(feature = "desk")]`, variant and line alike: the table is one
//! function, so every word in it would otherwise ship in the officer's bundle.

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
    NoSealKey,
    SendAgain,
    Passkey,
    PasskeyHelp,
    AddPasskey,
    PasskeyReady,
    UnlockWithPasskey,
    PrivateWindow,
    StorageMaybePrivate,
    StorageNotKept,
    StorageSendSoon,
    SealedNote,
    Locked,
    LockedHelp,
    Unlock,
    Unlocking,
    Passphrase,
    RepeatPassphrase,
    SetPassphrase,
    SetPassphraseHelp,
    SavePassphrase,
    PassphraseTooShort,
    PassphrasesDiffer,
    WrongPassphrase,
    ForgotPassphrase,
    ForgotPassphraseHelp,
    ResetPassphrase,
    LockNow,
    AutoLock,
    DraftsLocked,
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
    SpocUnreachable,
    NoNetwork,
    SignInNeeded,
    Since,
    NextTry,
    KeptOnDevice,
    TryNow,
    SignInAgain,
    StorageTitle,
    StorageUnknown,
    StoragePersisted,
    StorageNotPersisted,
    StorageUsed,
    StorageAskPersist,
    StorageNearlyFull,
    InstallOnIos,
    Withdrawn,
    Devices,
    NoDevices,
    Registered,
    Revoked,
    QueueDiscarded,
    QueueDeliveredFirst,
    RevokeDeliverFirst,
    RevokeDiscard,
    RefusedBySpoc,
    // Settings
    OfficerName,
    BadgeNumber,
    District,
    ChooseDistrict,
    Phone,
    SaveSettings,
    SavedOnDevice,
    SettingsHelp,
    // Updates
    UpdateAvailable,
    UpdateNow,
    // Guidance
    Guidance,
    GuidanceIntro,
    Search,
    NoMatches,
    CaseTypes,
    Platforms,
    Emergency,
    CallDuty,
    Donts,
    Steps,
    VictimAdvice,
    CommonSteps,
    Critical,
    Verify,
    Sources,
    Provider,
    IdentifiersNeeded,
    Mandatory,
    RequestRoute,
    PreservationPeriod,
    Days,
    Extension,
    EmergencyRoute,
    NoEmergencyRoute,
    Formats,
    PackVersion,
    PackPublished,
    NewPackArrived,
    PreviousVersion,
    Prosecution,
    ProsecutionHelp,
    ProsecutionRequested,
    ProsecutionNotRequested,
    ProsecutionNotYetKnown,
    ProsecutionMissing,
    ProsecutionAsk,
    StartCapture,
    Checklist,
    ChecklistHelp,
    TickNote,
    UntickedCritical,
    SubmitAnyway,
    SkippedRecorded,
    Skipped,
    SendMinimumNow,
    ChooseCaseFirst,
    Attachments,
    AttachFile,
    AttachHelp,
    CsamNoAttachments,
    RemoveAttachments,
    // The capture form's steps (issue 15)
    CaseStep,
    NoneYet,
    Added,
    Of,
    CriticalMissing,
    CriticalDone,
    AttachmentRefused,
    Expires,
    IfExtended,
    NoKnownPeriod,
    DaysLeft,
    RenewNow,
    Expired,
    RequestDrafts,
    Copy,
    Copied,
    CopyFailed,
    FollowUp,
    FollowUpOf,
    ShortLinkPrompt,
    Missing,
    TickedAt,
    AttachOnlyMedia,
    AttachTooMuch,
    AttachUnreadable,
    // Session and sign-in
    SignIn,
    SignOut,
    SignInHelp,
    Username,
    Password,
    SignedInAs,
    NotSignedIn,
    BadCredentials,
    TooManyAttempts,
    PasswordChangeRequired,
    NotForYourRole,
    SignedOutNow,
    NoConnection,
    ChangePassword,
    ChangePasswordHelp,
    CurrentPassword,
    NewPassword,
    RepeatPassword,
    PasswordRule,
    PasswordTooShort,
    PasswordsDiffer,
    WrongCurrentPassword,
    Continue,
    // The SPOC desk: in the desk bundle only (a phone carries none of these words)
    #[cfg(feature = "desk")]
    Desk,
    #[cfg(feature = "desk")]
    DeskSignIn,
    DeskSignInTitle,
    DeskSignInHelp,
    #[cfg(feature = "desk")]
    Inbox,
    #[cfg(feature = "desk")]
    Lookup,
    #[cfg(feature = "desk")]
    Deadlines,
    #[cfg(feature = "desk")]
    Accounts,
    #[cfg(feature = "desk")]
    Status,
    #[cfg(feature = "desk")]
    All,
    #[cfg(feature = "desk")]
    Assignee,
    #[cfg(feature = "desk")]
    Unassigned,
    #[cfg(feature = "desk")]
    Linked,
    #[cfg(feature = "desk")]
    NoCaptures,
    #[cfg(feature = "desk")]
    ShowMore,
    #[cfg(feature = "desk")]
    Export,
    #[cfg(feature = "desk")]
    Reload,
    StatusTriaged,
    StatusPreservationSent,
    StatusConfirmed,
    StatusClosed,
    StatusRejected,
    LastSeen,
    UrgencyRoutine,
    UrgencyElevated,
    UrgencyHigh,
    StatusChanged,
    #[cfg(feature = "desk")]
    Receipt,
    #[cfg(feature = "desk")]
    SubmittedBy,
    Officer,
    #[cfg(feature = "desk")]
    MoveTo,
    #[cfg(feature = "desk")]
    RejectionReason,
    #[cfg(feature = "desk")]
    Reject,
    #[cfg(feature = "desk")]
    Cancel,
    #[cfg(feature = "desk")]
    AddNote,
    #[cfg(feature = "desk")]
    NoNotes,
    DeskNotes,
    #[cfg(feature = "desk")]
    Links,
    #[cfg(feature = "desk")]
    NoLinks,
    #[cfg(feature = "desk")]
    Capture,
    #[cfg(feature = "desk")]
    LookupHelp,
    #[cfg(feature = "desk")]
    Find,
    #[cfg(feature = "desk")]
    NotHeldAnywhere,
    #[cfg(feature = "desk")]
    NoDeadlines,
    #[cfg(feature = "desk")]
    DisplayName,
    #[cfg(feature = "desk")]
    Role,
    #[cfg(feature = "desk")]
    RoleOfficer,
    #[cfg(feature = "desk")]
    RoleSpoc,
    #[cfg(feature = "desk")]
    RoleAdmin,
    #[cfg(feature = "desk")]
    CreateAccount,
    #[cfg(feature = "desk")]
    UsernameHelp,
    #[cfg(feature = "desk")]
    OneTimePassword,
    #[cfg(feature = "desk")]
    ShownOnce,
    #[cfg(feature = "desk")]
    Disable,
    #[cfg(feature = "desk")]
    Enable,
    #[cfg(feature = "desk")]
    Disabled,
    #[cfg(feature = "desk")]
    ResetPassword,
    #[cfg(feature = "desk")]
    MustChange,
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
            T::DeskNotes => ("SPOC-noter", "SPOC notes"),
            T::Submit => ("Send til SPOC", "Send to the SPOC"),
            T::DraftSaved => ("Kladden er gemt på enheden", "Draft saved on this device"),
            T::DraftNotSaved => ("Kladden kunne ikke gemmes", "The draft could not be saved"),
            T::CannotSubmit => ("Kan ikke sendes endnu", "Cannot be sent yet"),
            T::SettingsMissing => (
                "Udfyld navn, ID-nummer og politikreds under Indstillinger først.",
                "Fill in your name, badge number and district in Settings first.",
            ),
            T::TimeZone => ("Tidszone", "Time zone"),
            T::PrivateWindow => ("Dette er et privat vindue: alt gemt her slettes, når vinduet lukkes. Der kan ikke registreres sager her. Åbn SPOC Field i et almindeligt vindue, eller installér appen.", "This is a private window: everything saved here is deleted when it closes. Captures cannot be made here. Open SPOC Field in a normal window, or install the app."),
            T::Passkey => ("Adgangsnøgle (passkey)", "Passkey"),
            T::PasskeyHelp => ("Lås op med telefonens fingeraftryk, ansigt eller skærmlås i stedet for adgangssætningen. Bekræft med adgangssætningen for at oprette den.", "Unlock with the phone's fingerprint, face or screen lock instead of the passphrase. Confirm with the passphrase to set it up."),
            T::AddPasskey => ("Opret adgangsnøgle", "Set up a passkey"),
            T::PasskeyReady => ("Adgangsnøglen kan nu låse appen op.", "The passkey can now unlock the app."),
            T::UnlockWithPasskey => ("Lås op med adgangsnøgle", "Unlock with the passkey"),
            T::SendAgain => ("Send igen", "Send again"),
            T::NoSealKey => ("Enheden har endnu ikke SPOC's nøgle. Gå online én gang (log ind), og send igen. Kladden er gemt.", "This device does not have the SPOC's key yet. Go online once (sign in) and send again. The draft is kept."),
            T::SealedNote => ("Indholdet er forseglet til SPOC og kan ikke længere læses på denne enhed.", "The content is sealed for the SPOC and can no longer be read on this device."),
            T::Locked => ("Appen er låst", "The app is locked"),
            T::LockedHelp => ("Kladder er krypteret på enheden. Lås op med din adgangssætning. Vejledningen kan læses uden.", "Drafts are encrypted on this device. Unlock with your passphrase. The guidance can be read without."),
            T::Unlock => ("Lås op", "Unlock"),
            T::Unlocking => ("Låser op…", "Unlocking…"),
            T::Passphrase => ("Adgangssætning", "Passphrase"),
            T::RepeatPassphrase => ("Gentag adgangssætning", "Repeat the passphrase"),
            T::SetPassphrase => ("Vælg en adgangssætning", "Choose a passphrase"),
            T::SetPassphraseHelp => ("Adgangssætningen låser kladderne på denne telefon – alt, hvad du skriver og vedhæfter – så ingen kan læse dem, hvis telefonen mistes. Mindst 12 tegn – gerne flere ord. En PIN-kode er ikke nok: den knækkes på under et minut.", "The passphrase locks the drafts on this phone – everything you write and attach – so nobody can read them if the phone is lost. At least 12 characters – several words are best. A PIN is not enough: it is cracked in under a minute."),
            T::SavePassphrase => ("Gem og lås op", "Save and unlock"),
            T::PassphraseTooShort => ("Adgangssætningen skal have mindst 12 tegn.", "The passphrase needs at least 12 characters."),
            T::PassphrasesDiffer => ("De to adgangssætninger er ikke ens.", "The two passphrases differ."),
            T::WrongPassphrase => ("Forkert adgangssætning.", "Wrong passphrase."),
            T::ForgotPassphrase => ("Glemt adgangssætningen?", "Forgot the passphrase?"),
            T::ForgotPassphraseHelp => ("En ny adgangssætning sletter alle kladder på enheden: de kan ikke læses uden den gamle, og du skal logge ind igen. Sendte sager sendes stadig, når du er logget ind.", "A new passphrase deletes every draft on this device: they cannot be read without the old one, and you must sign in again. Sent captures are still delivered after you sign in."),
            T::ResetPassphrase => ("Slet kladder og vælg ny", "Delete drafts and choose a new one"),
            T::LockNow => ("Lås", "Lock"),
            T::AutoLock => ("Lås efter (minutter uden brug)", "Lock after (minutes unused)"),
            T::DraftsLocked => ("kladder – lås op for at se dem", "drafts – unlock to see them"),
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
            T::SpocUnreachable => ("SPOC kan ikke nås", "The SPOC cannot be reached"),
            T::NoNetwork => ("Ingen forbindelse", "No connection"),
            T::SignInNeeded => ("Log ind igen", "Sign in again"),
            T::Since => ("siden", "since"),
            T::NextTry => ("næste forsøg", "next try"),
            T::KeptOnDevice => ("gemt på enheden", "kept on this device"),
            T::TryNow => ("Prøv nu", "Try now"),
            T::SignInAgain => ("Log ind igen for at sende", "Sign in again to send"),
            T::StorageMaybePrivate => (
                "Dette kan være et privat vindue: det, der gemmes her, kan forsvinde, når vinduet lukkes.",
                "This may be a private window: what is saved here may vanish when the window closes.",
            ),
            T::StorageNotKept => (
                "Browseren har ikke lovet at beholde data og kan slette dem, hvis enheden mangler plads.",
                "The browser has not promised to keep the data and may delete it if the device runs low on space.",
            ),
            T::StorageSendSoon => (
                "Du kan stadig registrere: send, så snart der er forbindelse, og brug helst den installerede app.",
                "You can still capture: send as soon as there is a connection, and preferably use the installed app.",
            ),
            T::StorageTitle => ("Lager på enheden", "Storage on this device"),
            T::StorageUnknown => ("Browseren oplyser ikke sit lager", "The browser does not report its storage"),
            T::StoragePersisted => (
                "Vedvarende: browseren sletter ikke data, når der mangler plads",
                "Persistent: the browser will not delete data when space runs low",
            ),
            T::StorageNotPersisted => (
                "Ikke vedvarende: browseren kan slette data, hvis enheden mangler plads",
                "Not persistent: the browser may delete data if the device runs low on space",
            ),
            T::StorageUsed => ("Brugt", "Used"),
            T::StorageAskPersist => ("Bed om vedvarende lager", "Ask for persistent storage"),
            T::StorageNearlyFull => (
                "Enheden er næsten fuld: send ventende sager og frigør plads, før du optager mere",
                "The device is nearly full: send what is waiting and free space before capturing more",
            ),
            T::Devices => ("Enheder", "Devices"),
            T::NoDevices => ("Ingen enheder er registreret", "No devices are registered"),
            T::Registered => ("Registreret", "Registered"),
            T::Revoked => ("Tilbagekaldt", "Revoked"),
            T::QueueDiscarded => ("ventende sager kasseres", "waiting captures discarded"),
            T::QueueDeliveredFirst => ("ventende sager sendes først", "waiting captures delivered first"),
            T::RevokeDeliverFirst => ("Tilbagekald (send ventende først)", "Revoke (deliver what waits first)"),
            T::RevokeDiscard => ("Tilbagekald og kassér ventende", "Revoke and discard what waits"),
            T::Withdrawn => (
                "SPOC har trukket denne enhed tilbage. Alt, der lå på den, er slettet; det, der ventede, var sendt først, medmindre SPOC bad om andet.",
                "The SPOC withdrew this device. Everything on it was deleted; what was waiting was sent first unless the SPOC said otherwise.",
            ),
            T::InstallOnIos => (
                "På iPhone og iPad: føj appen til hjemmeskærmen (Del → Føj til hjemmeskærm). Ellers sletter Safari data, der ikke er sendt, efter 7 dage.",
                "On iPhone and iPad: add the app to the home screen (Share → Add to Home Screen). Otherwise Safari deletes unsent data after 7 days.",
            ),
            T::RefusedBySpoc => ("Afvist af SPOC", "Refused by the SPOC"),
            T::OfficerName => ("Navn", "Name"),
            T::BadgeNumber => ("ID-nummer", "Badge number"),
            T::District => ("Politikreds", "District"),
            T::ChooseDistrict => ("Vælg politikreds", "Choose district"),
            T::Phone => ("Telefon", "Phone"),
            T::SaveSettings => ("Gem indstillinger", "Save settings"),
            T::SavedOnDevice => ("Gemt på enheden", "Saved on this device"),
            T::SettingsHelp => (
                "Oplysningerne gemmes kun på denne enhed og sendes med hver sikring.",
                "Kept on this device only, and sent with every capture.",
            ),
            T::UpdateAvailable => ("En ny version er klar.", "A new version is ready."),
            T::UpdateNow => ("Opdatér", "Update"),
            T::Guidance => ("Vejledning", "Guidance"),
            T::GuidanceIntro => ("Hvad du gør, i rækkefølge, i hastende onlinesager. Virker uden forbindelse.", "What to do, in order, in urgent online cases. Works without a connection."),
            T::Search => ("Søg i vejledningen", "Search the guidance"),
            T::NoMatches => ("Intet fundet.", "Nothing found."),
            T::CaseTypes => ("Sagstyper", "Case types"),
            T::Platforms => ("Platforme", "Platforms"),
            T::Emergency => ("Fare for liv: nødspor", "Danger to life: emergency path"),
            T::CallDuty => ("Ring til", "Call"),
            T::Donts => ("Gør ikke", "Don't"),
            T::Steps => ("Trin", "Steps"),
            T::VictimAdvice => ("Råd til offeret", "Advice for the victim"),
            T::CommonSteps => ("I alle sager", "In every case"),
            T::Critical => ("Kritisk", "Critical"),
            T::Verify => ("Skal bekræftes af SPOC", "To be confirmed by the SPOC"),
            T::Sources => ("Kilder", "Sources"),
            T::Provider => ("Udbyder", "Provider"),
            T::IdentifiersNeeded => ("Identifikatorer at notere", "Identifiers to capture"),
            T::Mandatory => ("påkrævet", "mandatory"),
            T::RequestRoute => ("Sådan når anmodningen frem", "How a request reaches the provider"),
            T::PreservationPeriod => ("Sikringsperiode", "Preservation period"),
            T::Days => ("dage", "days"),
            T::Extension => ("forlængelse", "extension"),
            T::EmergencyRoute => ("Nødrute", "Emergency route"),
            T::NoEmergencyRoute => ("Ingen kendt nødrute: ring til SPOC.", "No known emergency route: call the SPOC."),
            T::Formats => ("Formater du vil møde", "Formats you will meet"),
            T::PackVersion => ("Vejledningsversion", "Guidance version"),
            T::PackPublished => ("udgivet", "published"),
            T::NewPackArrived => ("Ny vejledning siden dit sidste besøg: version", "New guidance since your last visit: version"),
            T::PreviousVersion => ("før", "before"),
            T::Prosecution => ("Påtale (§ 264 d)", "Prosecution (§ 264 d)"),
            T::ProsecutionHelp => ("Deling af intime billeder påtales kun offentligt, hvis offeret begærer det (straffeloven § 275, stk. 2). Spørg offeret, og notér svaret.", "Sharing of intimate images is prosecuted publicly only at the victim's request (Criminal Code § 275(2)). Ask the victim and record the answer."),
            T::ProsecutionRequested => ("Offeret ønsker påtale", "The victim asks for prosecution"),
            T::ProsecutionNotRequested => ("Offeret ønsker ikke påtale", "The victim does not ask for prosecution"),
            T::ProsecutionNotYetKnown => ("Ikke afklaret endnu", "Not known yet"),
            T::ProsecutionMissing => ("Offerets svar om påtale mangler: uden en begæring ingen offentlig påtale.", "The victim's answer about prosecution is missing: without a request, no public prosecution."),
            T::ProsecutionAsk => ("SPOC skal have offerets svar om påtale.", "The SPOC must get the victim's answer about prosecution."),
            T::StartCapture => ("Ny sikring af denne type", "New capture of this type"),
            T::Checklist => ("Tjekliste", "Checklist"),
            T::ChecklistHelp => ("Afkryds når det er gjort: tidspunktet gemmes.", "Tick when done: the time is recorded."),
            T::TickNote => ("Note (valgfri)", "Note (optional)"),
            T::UntickedCritical => ("Disse kritiske punkter er ikke afkrydset:", "These critical items are not ticked:"),
            T::SubmitAnyway => ("Send alligevel", "Send anyway"),
            T::SkippedRecorded => ("Det registreres, at de blev sprunget over.", "It is recorded that they were skipped."),
            T::Skipped => ("Sprunget over", "Skipped"),
            T::SendMinimumNow => ("Send det mindste nu", "Send the minimum now"),
            T::ChooseCaseFirst => ("Vælg sagstype for at se tjeklisten.", "Choose a case type to see its checklist."),
            T::Attachments => ("Billeder og optagelser", "Photos and recordings"),
            T::AttachFile => ("Vedhæft fil", "Attach file"),
            T::AttachHelp => ("Kun billeder, video og lyd, højst 10 MB i alt.", "Images, video and audio only, at most 10 MB in all."),
            T::CsamNoAttachments => ("Ingen vedhæftning i denne sagstype: materialet må aldrig kopieres, gemmes eller sendes – heller ikke til SPOC. Notér kun hvor det er (URL, konto-ID'er, sammenhæng).", "No attachments for this case type: the material must never be copied, stored or sent – not even to the SPOC. Record only where it is (URL, account IDs, context)."),
            T::RemoveAttachments => ("Fjern vedhæftningerne", "Remove the attachments"),
            // The capture form's steps (issue 15)
            T::CaseStep => ("Sagen", "The case"),
            T::NoneYet => ("ingen endnu", "none yet"),
            T::Added => ("tilføjet", "added"),
            T::Of => ("af", "of"),
            T::CriticalMissing => ("kritiske mangler", "critical missing"),
            T::CriticalDone => ("alle kritiske afkrydset", "all critical ticked"),
            T::AttachmentRefused => ("Filen kan ikke vedhæftes", "The file cannot be attached"),
            T::Expires => ("Udløber", "Expires"),
            T::IfExtended => ("Med forlængelse", "If extended"),
            T::NoKnownPeriod => ("Ingen kendt sikringsperiode for denne udbyder: SPOC bekræfter.", "No known preservation period for this provider: the SPOC confirms."),
            T::DaysLeft => ("dage tilbage", "days left"),
            T::RenewNow => ("Forlæng nu", "Renew now"),
            T::Expired => ("Udløbet", "Expired"),
            T::RequestDrafts => ("Udkast til sikringsanmodning (engelsk)", "Preservation request draft (English)"),
            T::Copy => ("Kopiér", "Copy"),
            T::Copied => ("Kopieret", "Copied"),
            T::CopyFailed => ("Kunne ikke kopiere: markér teksten og kopiér selv.", "Could not copy: select the text and copy it yourself."),
            T::FollowUp => ("Udbyg i en ny sikring", "Complete it in a new capture"),
            T::FollowUpOf => ("Opfølgning på sikring", "Follow-up of capture"),
            T::ShortLinkPrompt => ("kort link – beholdes som det er og slås op hos SPOC. Notér også den fulde adresse, hvis den kan ses.", "short link – kept as it is and resolved at the SPOC. Also record the full address if it can be seen."),
            T::Missing => ("mangler", "missing"),
            T::TickedAt => ("Afkrydset", "Ticked"),
            T::AttachOnlyMedia => ("Kun billeder, video og lyd.", "Images, video and audio only."),
            T::AttachTooMuch => ("Højst 10 filer og 10 MB i alt.", "At most 10 files and 10 MB in all."),
            T::AttachUnreadable => ("Filen kunne ikke læses.", "The file could not be read."),
            // Session and sign-in
            T::SignIn => ("Log ind", "Sign in"),
            T::SignOut => ("Log ud", "Sign out"),
            T::SignInHelp => ("Log ind for at sende sikringer til SPOC. Sikringer lavet uden login venter sikkert på enheden.", "Sign in to send captures to the SPOC. Captures made while signed out wait safely on this device."),
            T::Username => ("Brugernavn", "Username"),
            T::Password => ("Adgangskode", "Password"),
            T::SignedInAs => ("Logget ind som", "Signed in as"),
            T::NotSignedIn => ("Ikke logget ind", "Not signed in"),
            T::BadCredentials => ("Forkert brugernavn eller adgangskode.", "Wrong username or password."),
            T::TooManyAttempts => ("For mange forsøg. Vent, og prøv igen om lidt", "Too many attempts. Wait and try again shortly"),
            T::PasswordChangeRequired => ("Skift din adgangskode, før du fortsætter.", "Change your password before you continue."),
            T::NotForYourRole => ("Denne side er ikke for din rolle.", "This page is not for your role."),
            T::SignedOutNow => ("Du er ikke logget ind (længere).", "You are not signed in (any more)."),
            T::NoConnection => ("Ingen forbindelse til SPOC. Prøv igen, når der er forbindelse.", "No connection to the SPOC. Try again when there is one."),
            T::ChangePassword => ("Skift adgangskode", "Change password"),
            T::ChangePasswordHelp => ("Du er logget ind med en engangsadgangskode. Vælg din egen, før du fortsætter.", "You signed in with a one-time password. Choose your own before you continue."),
            T::CurrentPassword => ("Nuværende adgangskode", "Current password"),
            T::NewPassword => ("Ny adgangskode", "New password"),
            T::RepeatPassword => ("Gentag ny adgangskode", "Repeat the new password"),
            T::PasswordRule => ("Mindst 12 tegn. En sætning, du kan huske, er bedst.", "At least 12 characters. A sentence you can remember is best."),
            T::PasswordTooShort => ("Adgangskoden skal have mindst 12 tegn.", "The password needs at least 12 characters."),
            T::WrongCurrentPassword => ("Den nuværende adgangskode er forkert.", "The current password is wrong."),
            T::PasswordsDiffer => ("De to nye adgangskoder er ikke ens.", "The two new passwords are not the same."),
            T::Continue => ("Fortsæt", "Continue"),
            // The SPOC desk
            #[cfg(feature = "desk")]
            T::Desk => ("SPOC-skrivebord", "SPOC desk"),
            #[cfg(feature = "desk")]
            T::DeskSignIn => ("Log ind for at se SPOC-skrivebordet.", "Sign in to see the SPOC desk."),
            T::DeskSignInTitle => ("Log ind på SPOC-skrivebordet", "Sign in to the SPOC desk"),
            T::DeskSignInHelp => ("For SPOC-operatører og administratorer. Betjente logger ind i SPOC Field på telefonen.", "For SPOC operators and administrators. Officers sign in to SPOC Field on their phone."),
            #[cfg(feature = "desk")]
            T::Inbox => ("Indbakke", "Inbox"),
            #[cfg(feature = "desk")]
            T::Lookup => ("Opslag", "Lookup"),
            #[cfg(feature = "desk")]
            T::Deadlines => ("Frister", "Deadlines"),
            #[cfg(feature = "desk")]
            T::Accounts => ("Konti", "Accounts"),
            #[cfg(feature = "desk")]
            T::Status => ("Status", "Status"),
            #[cfg(feature = "desk")]
            T::All => ("Alle", "All"),
            #[cfg(feature = "desk")]
            T::Assignee => ("Ansvarlig", "Assignee"),
            #[cfg(feature = "desk")]
            T::Unassigned => ("Ikke tildelt", "Unassigned"),
            #[cfg(feature = "desk")]
            T::Linked => ("Forbundet", "Linked"),
            #[cfg(feature = "desk")]
            T::NoCaptures => ("Ingen sikringer.", "No captures."),
            #[cfg(feature = "desk")]
            T::ShowMore => ("Vis flere", "Show more"),
            #[cfg(feature = "desk")]
            T::Export => ("Eksportér", "Export"),
            #[cfg(feature = "desk")]
            T::Reload => ("Genindlæs", "Reload"),
            T::StatusTriaged => ("Vurderet", "Triaged"),
            T::StatusPreservationSent => ("Sikring anmodet", "Preservation sent"),
            T::StatusConfirmed => ("Sikring bekræftet", "Confirmed"),
            T::StatusClosed => ("Afsluttet", "Closed"),
            T::StatusRejected => ("Afvist", "Rejected"),
            T::LastSeen => ("senest set", "last seen"),
            T::UrgencyRoutine => ("Normal", "Routine"),
            T::UrgencyElevated => ("Forhøjet", "Elevated"),
            T::UrgencyHigh => ("Høj", "High"),
            T::StatusChanged => ("En anden har lige ændret status. Sikringen er hentet igen: se den, før du ændrer den.", "Someone else has just changed the status. The capture has been fetched again: look at it before you change it."),
            #[cfg(feature = "desk")]
            T::Receipt => ("Kvittering", "Receipt"),
            #[cfg(feature = "desk")]
            T::SubmittedBy => ("Sendt af kontoen", "Submitted by the account"),
            T::Officer => ("Betjent", "Officer"),
            #[cfg(feature = "desk")]
            T::MoveTo => ("Flyt til", "Move to"),
            #[cfg(feature = "desk")]
            T::RejectionReason => ("Begrundelse for afvisning", "Reason for rejection"),
            #[cfg(feature = "desk")]
            T::Reject => ("Afvis", "Reject"),
            #[cfg(feature = "desk")]
            T::Cancel => ("Annullér", "Cancel"),
            #[cfg(feature = "desk")]
            T::AddNote => ("Tilføj note", "Add note"),
            #[cfg(feature = "desk")]
            T::NoNotes => ("Ingen noter.", "No notes."),
            #[cfg(feature = "desk")]
            T::Links => ("Forbundne sikringer", "Linked captures"),
            #[cfg(feature = "desk")]
            T::NoLinks => ("Ingen anden sikring deler en identifikator med denne.", "No other capture shares an identifier with this one."),
            #[cfg(feature = "desk")]
            T::Capture => ("Sikring", "Capture"),
            #[cfg(feature = "desk")]
            T::LookupHelp => ("Indsæt en identifikator for at se alle sikringer, der har den.", "Paste an identifier to see every capture that holds it."),
            #[cfg(feature = "desk")]
            T::Find => ("Søg", "Find"),
            #[cfg(feature = "desk")]
            T::NotHeldAnywhere => ("Ingen sikring har denne identifikator.", "No capture holds this identifier."),
            #[cfg(feature = "desk")]
            T::NoDeadlines => ("Ingen frister.", "No deadlines."),
            #[cfg(feature = "desk")]
            T::DisplayName => ("Fulde navn", "Full name"),
            #[cfg(feature = "desk")]
            T::Role => ("Rolle", "Role"),
            #[cfg(feature = "desk")]
            T::RoleOfficer => ("Betjent", "Officer"),
            #[cfg(feature = "desk")]
            T::RoleSpoc => ("SPOC-medarbejder", "SPOC operator"),
            #[cfg(feature = "desk")]
            T::RoleAdmin => ("Administrator", "Administrator"),
            #[cfg(feature = "desk")]
            T::CreateAccount => ("Opret konto", "Create account"),
            #[cfg(feature = "desk")]
            T::UsernameHelp => ("Små bogstaver, tal og . - _ (2–64 tegn, først et bogstav).", "Lower-case letters, digits and . - _ (2–64 characters, a letter first)."),
            #[cfg(feature = "desk")]
            T::OneTimePassword => ("Engangsadgangskode til", "One-time password for"),
            #[cfg(feature = "desk")]
            T::ShownOnce => ("Vises kun denne ene gang. Giv den til personen ad en sikker vej; ved første login skal den skiftes.", "Shown this once only. Give it to the person by a safe route; it must be changed at the first sign-in."),
            #[cfg(feature = "desk")]
            T::Disable => ("Spær", "Disable"),
            #[cfg(feature = "desk")]
            T::Enable => ("Genåbn", "Enable"),
            #[cfg(feature = "desk")]
            T::Disabled => ("Spærret", "Disabled"),
            #[cfg(feature = "desk")]
            T::ResetPassword => ("Ny engangsadgangskode", "New one-time password"),
            #[cfg(feature = "desk")]
            T::MustChange => ("skal skifte adgangskode", "must change password"),
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
