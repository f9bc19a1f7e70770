//! Fixed reference lists the UI and the desk both show: case types and police districts, with their
//! Danish and English names. Kept here so a new district or case type is one change, in one place.

use crate::capture::{CaseType, District};

impl CaseType {
    pub const ALL: [CaseType; 6] = [
        CaseType::Sextortion,
        CaseType::Grooming,
        CaseType::IntimateImageSharing,
        CaseType::ChildSexualAbuseMaterial,
        CaseType::ThreatToLife,
        CaseType::OtherOnline,
    ];

    /// The stable wire name (snake_case), as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            CaseType::Sextortion => "sextortion",
            CaseType::Grooming => "grooming",
            CaseType::IntimateImageSharing => "intimate_image_sharing",
            CaseType::ChildSexualAbuseMaterial => "child_sexual_abuse_material",
            CaseType::ThreatToLife => "threat_to_life",
            CaseType::OtherOnline => "other_online",
        }
    }

    pub fn from_code(code: &str) -> Option<CaseType> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn name_da(self) -> &'static str {
        match self {
            CaseType::Sextortion => "Sextortion (afpresning)",
            CaseType::Grooming => "Grooming af barn",
            CaseType::IntimateImageSharing => "Deling af intime billeder (§ 264 d)",
            CaseType::ChildSexualAbuseMaterial => "Seksuelt misbrugsmateriale af børn",
            CaseType::ThreatToLife => "Trussel mod liv",
            CaseType::OtherOnline => "Anden onlinesag",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            CaseType::Sextortion => "Sextortion",
            CaseType::Grooming => "Grooming of a child",
            CaseType::IntimateImageSharing => "Sharing of intimate images (§ 264 d)",
            CaseType::ChildSexualAbuseMaterial => "Child sexual abuse material",
            CaseType::ThreatToLife => "Threat to life",
            CaseType::OtherOnline => "Other online case",
        }
    }
}

impl District {
    pub const ALL: [District; 14] = [
        District::Nordjylland,
        District::Oestjylland,
        District::MidtVestjylland,
        District::Sydoestjylland,
        District::SydSoenderjylland,
        District::Fyn,
        District::SydsjaellandLollandFalster,
        District::MidtVestsjaelland,
        District::Nordsjaelland,
        District::KoebenhavnsVestegn,
        District::Koebenhavn,
        District::Bornholm,
        District::Groenland,
        District::Faeroeerne,
    ];

    pub fn code(self) -> &'static str {
        match self {
            District::Nordjylland => "nordjylland",
            District::Oestjylland => "oestjylland",
            District::MidtVestjylland => "midt_vestjylland",
            District::Sydoestjylland => "sydoestjylland",
            District::SydSoenderjylland => "syd_soenderjylland",
            District::Fyn => "fyn",
            District::SydsjaellandLollandFalster => "sydsjaelland_lolland_falster",
            District::MidtVestsjaelland => "midt_vestsjaelland",
            District::Nordsjaelland => "nordsjaelland",
            District::KoebenhavnsVestegn => "koebenhavns_vestegn",
            District::Koebenhavn => "koebenhavn",
            District::Bornholm => "bornholm",
            District::Groenland => "groenland",
            District::Faeroeerne => "faeroeerne",
        }
    }

    pub fn from_code(code: &str) -> Option<District> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The district's own name; it is the same in both UI languages.
    pub fn name(self) -> &'static str {
        match self {
            District::Nordjylland => "Nordjyllands Politi",
            District::Oestjylland => "Østjyllands Politi",
            District::MidtVestjylland => "Midt- og Vestjyllands Politi",
            District::Sydoestjylland => "Sydøstjyllands Politi",
            District::SydSoenderjylland => "Syd- og Sønderjyllands Politi",
            District::Fyn => "Fyns Politi",
            District::SydsjaellandLollandFalster => "Sydsjællands og Lolland-Falsters Politi",
            District::MidtVestsjaelland => "Midt- og Vestsjællands Politi",
            District::Nordsjaelland => "Nordsjællands Politi",
            District::KoebenhavnsVestegn => "Københavns Vestegns Politi",
            District::Koebenhavn => "Københavns Politi",
            District::Bornholm => "Bornholms Politi",
            District::Groenland => "Grønlands Politi",
            District::Faeroeerne => "Færøernes Politi",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_serde_wire_names() {
        for c in CaseType::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.code());
            assert_eq!(CaseType::from_code(c.code()), Some(c));
        }
        for d in District::ALL {
            assert_eq!(serde_json::to_value(d).unwrap(), d.code());
            assert_eq!(District::from_code(d.code()), Some(d));
        }
    }
}

use crate::identifier::{IdentifierKind, Platform};
use crate::Lang;

impl Platform {
    pub const ALL: [Platform; 17] = [
        Platform::Tiktok,
        Platform::Instagram,
        Platform::Facebook,
        Platform::Snapchat,
        Platform::X,
        Platform::Telegram,
        Platform::Discord,
        Platform::Youtube,
        Platform::Whatsapp,
        Platform::Pornhub,
        Platform::Xhamster,
        Platform::Phone,
        Platform::Email,
        Platform::Bitcoin,
        Platform::Ethereum,
        Platform::Bank,
        Platform::Mobilepay,
    ];

    /// The stable wire name (snake_case), as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            Platform::Tiktok => "tiktok",
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
            Platform::Snapchat => "snapchat",
            Platform::X => "x",
            Platform::Telegram => "telegram",
            Platform::Discord => "discord",
            Platform::Youtube => "youtube",
            Platform::Whatsapp => "whatsapp",
            Platform::Pornhub => "pornhub",
            Platform::Xhamster => "xhamster",
            Platform::Phone => "phone",
            Platform::Email => "email",
            Platform::Bitcoin => "bitcoin",
            Platform::Ethereum => "ethereum",
            Platform::Bank => "bank",
            Platform::Mobilepay => "mobilepay",
        }
    }

    pub fn from_code(code: &str) -> Option<Platform> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// Brand names stay as they are; the generic ones are translated.
    pub fn name(self, lang: Lang) -> &'static str {
        let da_en = match self {
            Platform::Tiktok => ("TikTok", "TikTok"),
            Platform::Instagram => ("Instagram", "Instagram"),
            Platform::Facebook => ("Facebook / Messenger", "Facebook / Messenger"),
            Platform::Snapchat => ("Snapchat", "Snapchat"),
            Platform::X => ("X (Twitter)", "X (Twitter)"),
            Platform::Telegram => ("Telegram", "Telegram"),
            Platform::Discord => ("Discord", "Discord"),
            Platform::Youtube => ("YouTube", "YouTube"),
            Platform::Whatsapp => ("WhatsApp", "WhatsApp"),
            Platform::Pornhub => ("Pornhub", "Pornhub"),
            Platform::Xhamster => ("xHamster", "xHamster"),
            Platform::Phone => ("Telefonnummer", "Phone number"),
            Platform::Email => ("E-mail", "E-mail"),
            Platform::Bitcoin => ("Bitcoin", "Bitcoin"),
            Platform::Ethereum => ("Ethereum", "Ethereum"),
            Platform::Bank => ("Bankkonto (IBAN)", "Bank account (IBAN)"),
            Platform::Mobilepay => ("MobilePay", "MobilePay"),
        };
        pick(lang, da_en)
    }
}

impl IdentifierKind {
    pub fn label(self, lang: Lang) -> &'static str {
        let da_en = match self {
            IdentifierKind::Username => ("brugernavn", "username"),
            IdentifierKind::UserId => ("bruger-ID", "user ID"),
            IdentifierKind::ProfileUrl => ("profil-URL", "profile URL"),
            IdentifierKind::ContentUrl => ("indholds-URL", "content URL"),
            IdentifierKind::Group => ("gruppe", "group"),
            IdentifierKind::Channel => ("kanal", "channel"),
            IdentifierKind::Invite => ("invitationslink", "invite"),
            IdentifierKind::Message => ("besked", "message"),
            IdentifierKind::Phone => ("telefonnummer", "phone number"),
            IdentifierKind::Email => ("e-mail", "e-mail"),
            IdentifierKind::Wallet => ("wallet", "wallet"),
            IdentifierKind::Iban => ("IBAN", "IBAN"),
            IdentifierKind::ShortLink => (
                "kort link – slås op hos SPOC",
                "short link – resolved at the SPOC",
            ),
        };
        pick(lang, da_en)
    }
}

fn pick(lang: Lang, (da, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

#[cfg(test)]
mod platform_tests {
    use super::*;

    #[test]
    fn platform_codes_match_the_serde_wire_names() {
        for p in Platform::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.code());
            assert_eq!(Platform::from_code(p.code()), Some(p));
        }
    }
}
