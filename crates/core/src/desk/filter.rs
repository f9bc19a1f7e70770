//! The inbox's filters, one type for both ends: the desk view keeps them in the address bar and asks
//! with them; the desk narrows its queries by them. `None` is "any".

use crate::desk::CaseStatus;
use crate::{CaseType, District, Platform};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InboxFilter {
    pub status: Option<CaseStatus>,
    pub case_type: Option<CaseType>,
    pub district: Option<District>,
    pub platform: Option<Platform>,
}

impl InboxFilter {
    /// `status=received&platform=tiktok`: the wire codes the desk's inbox and export take.
    pub fn query(&self) -> String {
        let pairs = [
            ("status", self.status.map(CaseStatus::code)),
            ("case_type", self.case_type.map(CaseType::code)),
            ("district", self.district.map(District::code)),
            ("platform", self.platform.map(Platform::code)),
        ];
        let set = pairs
            .into_iter()
            .filter_map(|(key, code)| Some(format!("{key}={}", code?)));
        set.collect::<Vec<_>>().join("&")
    }

    /// The inverse, from an address bar's `?…`. Anything but a known code is ignored: the address bar
    /// is not trusted input. (The desk refuses an unknown code instead, naming it.)
    pub fn from_query(search: &str) -> InboxFilter {
        let mut filter = InboxFilter::default();
        for (key, code) in search
            .trim_start_matches('?')
            .split('&')
            .filter_map(|p| p.split_once('='))
        {
            match key {
                "status" => filter.status = CaseStatus::from_code(code),
                "case_type" => filter.case_type = CaseType::from_code(code),
                "district" => filter.district = District::from_code(code),
                "platform" => filter.platform = Platform::from_code(code),
                _ => {}
            }
        }
        filter
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_round_trips_through_the_address_bar() {
        assert_eq!(InboxFilter::default().query(), "");
        let filter = InboxFilter {
            status: Some(CaseStatus::PreservationSent),
            case_type: Some(CaseType::ThreatToLife),
            district: Some(District::Koebenhavn),
            platform: Some(Platform::Tiktok),
        };
        let query = filter.query();
        assert_eq!(
            query,
            "status=preservation_sent&case_type=threat_to_life&district=koebenhavn&platform=tiktok"
        );
        assert_eq!(InboxFilter::from_query(&format!("?{query}")), filter);
        // Unknown keys and values are dropped, never passed on to the desk.
        let odd = InboxFilter::from_query("?status=nonsense&platform=x&evil=%3Cscript%3E");
        assert_eq!(
            odd,
            InboxFilter {
                platform: Some(Platform::X),
                ..InboxFilter::default()
            }
        );
    }
}
