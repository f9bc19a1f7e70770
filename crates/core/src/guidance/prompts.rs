//! What the officer is told while entering identifiers: for each platform met so far, what the SPOC
//! still needs (the numeric ID on X), and what needs care (a short link, which only the SPOC resolves).

use super::{GuidancePack, IdentifierNeed};
use crate::identifier::{Identifier, IdentifierKind, Platform};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt<'a> {
    /// The platform's guidance names this need as mandatory and no captured identifier meets it.
    Missing {
        platform: Platform,
        need: &'a IdentifierNeed,
    },
    /// A short link is kept as it is: it cannot be resolved offline, and must never be opened here.
    ShortLink { platform: Platform },
}

/// Prompts for `identifiers`, platform by platform in the order they were entered.
pub fn prompts<'a>(pack: &'a GuidancePack, identifiers: &[Identifier]) -> Vec<Prompt<'a>> {
    let mut platforms: Vec<Platform> = Vec::new();
    for id in identifiers {
        if !platforms.contains(&id.platform) {
            platforms.push(id.platform);
        }
    }
    let mut out = Vec::new();
    for platform in platforms {
        let has = |kind: IdentifierKind| {
            identifiers
                .iter()
                .any(|id| id.platform == platform && id.kind == kind)
        };
        if has(IdentifierKind::ShortLink) {
            out.push(Prompt::ShortLink { platform });
        }
        let Some(guide) = pack.platform(platform) else {
            continue;
        };
        for need in guide.identifiers.iter().filter(|n| n.mandatory) {
            if !need.kinds.iter().any(|&kind| has(kind)) {
                out.push(Prompt::Missing { platform, need });
            }
        }
    }
    out
}
