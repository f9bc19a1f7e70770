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
