//! The SPOC desk's domain: who may do what, how a capture moves through the SPOC's workflow, which
//! identifiers link captures, and the messages the desk and its views exchange. Shared by the desk
//! (which enforces it) and the desk view in the app (which only shows it), so they cannot disagree.

mod alert;
mod analysis;
mod charts;
mod deadline;
mod filter;
mod graph;
mod link;
mod messages;
mod workflow;

pub use alert::{link_alert, LinkAlert};
pub use analysis::{
    is_link_key, Assessment, CoIdentifier, IdentifierPage, NewAssessment, ResolvedShortLink,
    ShortLinkResolution, MAX_LINK_KEY_CHARS,
};
pub use charts::{
    copenhagen_day, copenhagen_midnight, day_text, fill_days, percentile, period_days, Charts, DayCount,
    Dimension, Durations, KeyDayCount, CHART_PERIODS, CHART_ZONE, NO_DISTRICT,
};
pub use deadline::{deadline, sort_deadlines};
pub use filter::InboxFilter;
pub use graph::{
    capture_node, identifier_node, GraphEdge, GraphNode, GraphRoot, LinkGraph, MAX_GRAPH_NODES, MAX_HOPS,
};
pub use link::link_key;
pub use messages::*;
pub use workflow::{CaseStatus, StatusChangeError};

use serde::{Deserialize, Serialize};

/// What an account may do. Enforced by the desk on every endpoint and every object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Submits captures; reads only their own.
    Officer,
    /// A SPOC operator: reads and works every capture.
    Spoc,
    /// Manages accounts. Reads no capture (separation of duties).
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Officer, Role::Spoc, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Spoc => "spoc",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }
}

/// Usernames are short, lower-case and plain, so that one person cannot hold two look-alike accounts
/// and a username never needs escaping in a log line or the journal.
pub fn valid_username(name: &str) -> bool {
    (2..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_'))
        && name.as_bytes()[0].is_ascii_lowercase()
}

/// Long passphrases beat complexity rules (NIST SP 800-63B); 12 characters at least, 1,024 at most
/// (hashing has a cost that an attacker must not be able to inflate).
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_BYTES: usize = 1024;

pub fn password_problem(password: &str) -> Option<&'static str> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Some("a password needs at least 12 characters")
    } else if password.len() > MAX_PASSWORD_BYTES {
        Some("a password may have at most 1024 bytes")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        for good in ["anna", "a.b-c_d", "k9", "officer.1234"] {
            assert!(valid_username(good), "{good}");
        }
        for bad in [
            "",
            "a",
            "Anna",
            "1abc",
            "an na",
            "anna@x",
            "ånna",
            &"a".repeat(65),
        ] {
            assert!(!valid_username(bad), "{bad}");
        }
    }

    #[test]
    fn roles_round_trip_their_wire_names() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
            assert_eq!(serde_json::to_value(role).unwrap(), role.code());
        }
    }

    #[test]
    fn passwords() {
        assert!(password_problem("short").is_some());
        assert!(password_problem("twelve chars").is_none());
        assert!(password_problem(&"x".repeat(1025)).is_some());
    }
}
