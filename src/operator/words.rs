//! The analysis views' words, Danish first. Kept here rather than in `crate::i18n` so that none of
//! them reaches the field bundle (this module is compiled into the desk bundle only).

use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    Findings,
    NoFindings,
    FindingsHelp,
    MissingIdentifier,
    UnresolvedShortLink,
    TimeWithoutZone,
    DisplayNameAsText,
    NoPreservation,
    ProsecutionMissing,
    ProsecutionNotYetKnown,
    Identifier,
    Forms,
    Captures,
    Districts,
    CaseTypes,
    FirstSeen,
    LastSeen,
    CoIdentifiers,
    NoCoIdentifiers,
    SharedBy,
    OpenIdentifier,
    PreservationsForIt,
    Graph,
    Hops,
    Nodes,
    Edges,
    GraphCapped,
    GraphLegend,
    GraphTable,
    Node,
    Distance,
    LinkedTo,
    FirstAssessment,
    ResolveShortLink,
    Resolve,
    AssessmentNote,
    MarkAssessed,
    AssessmentDone,
    // The charts page (charts.rs).
    Charts,
    ZoneNote,
    Period,
    Last,
    DaysWord,
    DownloadCsv,
    PerDay,
    PerDayLegend,
    PerDayInCsv,
    ShowTable,
    Day,
    CapturesWord,
    From,
    MostOn,
    MostFor,
    Of,
    SentAsEmergency,
    NoneInPeriod,
    NoDistrict,
    ByCaseType,
    ByPlatform,
    ByDistrict,
    Paces,
    Pace,
    CaptureToReceipt,
    ReceiptToSent,
    Median,
    P90,
}

impl W {
    pub fn text(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            W::Findings => ("Mangler og tvivl", "Missing or doubtful"),
            W::NoFindings => ("Intet mangler efter reglerne.", "Nothing missing by the rules."),
            W::FindingsHelp => (
                "Efter de samme regler som betjentens påmindelser ved optagelsen.",
                "By the same rules as the officer's prompts while capturing.",
            ),
            W::MissingIdentifier => ("Mangler identifikator", "Identifier missing"),
            W::UnresolvedShortLink => ("Kort link ikke opløst", "Short link not resolved"),
            W::TimeWithoutZone => ("Klokkeslæt uden tidszone", "A time without its zone"),
            W::DisplayNameAsText => (
                "Ligner et visningsnavn skrevet som tekst",
                "Looks like a display name typed as text",
            ),
            W::NoPreservation => ("Ingen sikring registreret", "No preservation recorded"),
            W::ProsecutionMissing => (
                "Offerets svar om påtale mangler",
                "The victim's answer on prosecution is missing",
            ),
            W::ProsecutionNotYetKnown => (
                "Offerets svar om påtale er endnu ukendt",
                "The victim's answer on prosecution is not yet known",
            ),
            W::Identifier => ("Identifikator", "Identifier"),
            W::Forms => ("Set som", "Seen as"),
            W::Captures => ("Optagelser", "Captures"),
            W::Districts => ("Politikredse", "Districts"),
            W::CaseTypes => ("Sagstyper", "Case types"),
            W::FirstSeen => ("Først set", "First seen"),
            W::LastSeen => ("Sidst set", "Last seen"),
            W::CoIdentifiers => (
                "Andre identifikatorer i de samme optagelser",
                "Other identifiers in the same captures",
            ),
            W::NoCoIdentifiers => ("Ingen andre.", "None."),
            W::SharedBy => ("optagelser", "captures"),
            W::OpenIdentifier => ("Åbn identifikatorens side", "Open the identifier's page"),
            W::PreservationsForIt => ("Sikringer og frister for den", "Its preservations and deadlines"),
            W::Graph => ("Forbindelser", "Link graph"),
            W::Hops => ("Led ud", "Links out"),
            W::Nodes => ("punkter", "nodes"),
            W::Edges => ("forbindelser", "edges"),
            W::GraphCapped => (
                "Grafen er skåret af ved det højeste antal punkter; vælg færre led for resten",
                "The graph was cut at the most nodes shown; choose fewer links out to see the rest",
            ),
            W::GraphLegend => (
                "Rød: udgangspunktet · blå cirkel: optagelse · grøn firkant: identifikator. Hvert punkt er et link.",
                "Red: the start · blue circle: capture · green square: identifier. Every node is a link.",
            ),
            W::GraphTable => ("Grafen som tabel", "The graph as a table"),
            W::Node => ("Punkt", "Node"),
            W::Distance => ("Afstand", "Distance"),
            W::LinkedTo => ("Forbundet med", "Linked to"),
            W::FirstAssessment => ("Første vurdering", "First assessment"),
            W::ResolveShortLink => ("Hvad peger det korte link på?", "What does the short link point to?"),
            W::Resolve => ("Gem opløsning", "Save resolution"),
            W::AssessmentNote => ("Note til vurderingen", "Note on the assessment"),
            W::MarkAssessed => ("Første vurdering udført", "First assessment done"),
            W::AssessmentDone => ("Første vurdering udført", "First assessment done"),
            W::Charts => ("Tal og grafer", "Charts"),
            W::ZoneNote => (
                "Dagene er danske døgn (Europe/Copenhagen). Alle modtagne optagelser tæller, også afviste.",
                "Days are Danish days (Europe/Copenhagen). Every capture received counts, rejected ones too.",
            ),
            W::Period => ("Periode", "Period"),
            W::Last => ("Sidste", "Last"),
            W::DaysWord => ("dage", "days"),
            W::DownloadCsv => ("Hent tallene som CSV", "Download the numbers as CSV"),
            W::PerDay => ("Optagelser pr. dag", "Captures per day"),
            W::PerDayLegend => (
                "Blå: alle optagelser · rød: sendt som nødsituation.",
                "Blue: every capture · red: sent as emergency.",
            ),
            W::PerDayInCsv => (
                "Tallene pr. dag for hver værdi er i CSV-filen.",
                "The numbers per day for each value are in the CSV file.",
            ),
            W::ShowTable => ("Vis tallene som tabel", "Show the numbers as a table"),
            W::Day => ("Dag", "Day"),
            W::CapturesWord => ("optagelser", "captures"),
            W::From => ("fra", "from"),
            W::MostOn => ("Flest den", "Most on"),
            W::MostFor => ("flest for", "most for"),
            W::Of => ("af", "of"),
            W::SentAsEmergency => ("sendt som nødsituation", "sent as emergency"),
            W::NoneInPeriod => ("Ingen i perioden.", "None in the period."),
            W::NoDistrict => ("Ingen kreds", "No district"),
            W::ByCaseType => ("Efter sagstype", "By case type"),
            W::ByPlatform => ("Efter platform", "By platform"),
            W::ByDistrict => ("Efter politikreds", "By district"),
            W::Paces => ("Tempo", "Pace"),
            W::Pace => ("Strækning", "Stretch"),
            W::CaptureToReceipt => (
                "Fra optagelse på stedet til modtagelse",
                "From capture on scene to receipt",
            ),
            W::ReceiptToSent => (
                "Fra modtagelse til sikringsanmodning sendt",
                "From receipt to preservation sent",
            ),
            W::Median => ("median", "median"),
            W::P90 => ("90 % inden for", "90th percentile"),
        };
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

/// "Forbundet med 3 sager i 2 andre kredse": what the inbox says of a capture that arrived linked to
/// open cases in other districts (spoc-core's `link_alert`).
pub fn link_alert_text(alert: spoc_core::desk::LinkAlert, lang: Lang) -> String {
    let (cases, districts) = (alert.cases, alert.districts);
    let one = |n: u32, single: &'static str, plural: &'static str| if n == 1 { single } else { plural };
    match lang {
        Lang::Da => format!(
            "Forbundet med {cases} {} i {districts} {}",
            one(cases, "sag", "sager"),
            one(districts, "anden kreds", "andre kredse")
        ),
        Lang::En => format!(
            "Linked to {cases} {} in {districts} {}",
            one(cases, "case", "cases"),
            one(districts, "other district", "other districts")
        ),
    }
}
