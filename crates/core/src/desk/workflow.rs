//! The SPOC's workflow for one capture: received → triaged → preservation sent → confirmed → closed,
//! or rejected with a reason. Operators may skip ahead (a capture can arrive with its preservation
//! already sent), never go back except by reopening a closed or rejected capture, which puts it back
//! to triaged. Every move is journalled by the desk.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Received,
    Triaged,
    PreservationSent,
    Confirmed,
    Closed,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusChangeError {
    #[error("a capture cannot move from {from} to {to}")]
    NotAllowed { from: &'static str, to: &'static str },
    #[error("a rejection needs a reason")]
    ReasonRequired,
    #[error("a reason is given only when rejecting")]
    ReasonNotExpected,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 6] = [
        CaseStatus::Received,
        CaseStatus::Triaged,
        CaseStatus::PreservationSent,
        CaseStatus::Confirmed,
        CaseStatus::Closed,
        CaseStatus::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CaseStatus::Received => "received",
            CaseStatus::Triaged => "triaged",
            CaseStatus::PreservationSent => "preservation_sent",
            CaseStatus::Confirmed => "confirmed",
            CaseStatus::Closed => "closed",
            CaseStatus::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_final(self) -> bool {
        matches!(self, CaseStatus::Closed | CaseStatus::Rejected)
    }

    /// The moves an operator is offered from here.
    pub fn next(self) -> Vec<CaseStatus> {
        CaseStatus::ALL
            .into_iter()
            .filter(|to| self.can_move_to(*to))
            .collect()
    }

    pub fn can_move_to(self, to: CaseStatus) -> bool {
        use CaseStatus::*;
        match (self, to) {
            (Closed | Rejected, Triaged) => true,
            (Closed | Rejected, _) => false,
            (_, Rejected) => true,
            (_, Received) => false,
            (from, to) => to > from,
        }
    }

    /// Checks a requested move and its reason (trimmed); the reason is kept only for a rejection.
    pub fn check_move(self, to: CaseStatus, reason: &str) -> Result<(), StatusChangeError> {
        if !self.can_move_to(to) {
            return Err(StatusChangeError::NotAllowed {
                from: self.code(),
                to: to.code(),
            });
        }
        match (to, reason.trim().is_empty()) {
            (CaseStatus::Rejected, true) => Err(StatusChangeError::ReasonRequired),
            (CaseStatus::Rejected, false) | (_, true) => Ok(()),
            (_, false) => Err(StatusChangeError::ReasonNotExpected),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CaseStatus::*;
    use super::*;

    #[test]
    fn forward_moves_and_skips_are_allowed() {
        assert!(Received.can_move_to(Triaged));
        assert!(Received.can_move_to(PreservationSent));
        assert!(Triaged.can_move_to(Closed));
        assert!(Confirmed.can_move_to(Rejected));
    }

    #[test]
    fn backward_moves_and_standing_still_are_not() {
        assert!(!Triaged.can_move_to(Received));
        assert!(!Confirmed.can_move_to(PreservationSent));
        assert!(!Triaged.can_move_to(Triaged));
        assert!(!Rejected.can_move_to(Rejected));
        assert!(!Closed.can_move_to(Confirmed));
    }

    #[test]
    fn a_final_capture_reopens_to_triaged_only() {
        assert_eq!(Closed.next(), vec![Triaged]);
        assert_eq!(Rejected.next(), vec![Triaged]);
    }

    #[test]
    fn rejection_needs_a_reason_and_nothing_else_takes_one() {
        assert_eq!(
            Received.check_move(Rejected, "  "),
            Err(StatusChangeError::ReasonRequired)
        );
        assert_eq!(Received.check_move(Rejected, "duplicate of 12"), Ok(()));
        assert_eq!(
            Received.check_move(Triaged, "why"),
            Err(StatusChangeError::ReasonNotExpected)
        );
        assert!(matches!(
            Closed.check_move(Received, ""),
            Err(StatusChangeError::NotAllowed { .. })
        ));
    }

    #[test]
    fn codes_round_trip() {
        for status in CaseStatus::ALL {
            assert_eq!(CaseStatus::from_code(status.code()), Some(status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.code());
        }
    }
}
