//! Which identifiers make two captures "the same offender".
//!
//! Two identifiers link when platform, kind and normalised value are equal. A phone number, an e-mail
//! address, a wallet or an account number is the same person's whatever platform it was seen on (a
//! WhatsApp number and a Telegram number are one phone), so for those kinds the platform is left out.
//! Short links are never linked: they are unresolved and two of them say nothing yet.

use crate::identifier::{Identifier, IdentifierKind};

/// The key the desk indexes and looks up; `None` for what must not link.
pub fn link_key(identifier: &Identifier) -> Option<String> {
    let kind = kind_code(identifier.kind)?;
    let scope = match identifier.kind {
        IdentifierKind::Phone | IdentifierKind::Email | IdentifierKind::Wallet | IdentifierKind::Iban => {
            "any"
        }
        _ => identifier.platform.code(),
    };
    Some(format!("{scope}|{kind}|{}", identifier.value))
}

fn kind_code(kind: IdentifierKind) -> Option<&'static str> {
    Some(match kind {
        IdentifierKind::Username => "username",
        IdentifierKind::UserId => "user_id",
        IdentifierKind::ProfileUrl => "profile_url",
        IdentifierKind::ContentUrl => "content_url",
        IdentifierKind::Group => "group",
        IdentifierKind::Channel => "channel",
        IdentifierKind::Invite => "invite",
        IdentifierKind::Message => "message",
        IdentifierKind::Phone => "phone",
        IdentifierKind::Email => "email",
        IdentifierKind::Wallet => "wallet",
        IdentifierKind::Iban => "iban",
        IdentifierKind::ShortLink => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Platform;

    fn parse(raw: &str, hint: Option<Platform>) -> Identifier {
        Identifier::parse(raw, hint).expect(raw)
    }

    #[test]
    fn the_same_account_pasted_differently_links() {
        let a = parse("https://www.tiktok.com/@Some.User?lang=da", None);
        let b = parse("@some.user", Some(Platform::Tiktok));
        assert_eq!(link_key(&a), link_key(&b));
        assert_eq!(link_key(&a).unwrap(), "tiktok|username|@some.user");
    }

    #[test]
    fn the_same_handle_on_two_platforms_does_not() {
        let tiktok = parse("@some.user", Some(Platform::Tiktok));
        let instagram = parse("@some.user", Some(Platform::Instagram));
        assert_ne!(link_key(&tiktok), link_key(&instagram));
    }

    #[test]
    fn a_phone_links_across_platforms() {
        let whatsapp = parse("+45 20 12 34 56", Some(Platform::Whatsapp));
        let telegram = parse("0045 20123456", Some(Platform::Telegram));
        let plain = parse("+4520123456", None);
        assert_eq!(link_key(&whatsapp), link_key(&telegram));
        assert_eq!(link_key(&whatsapp), link_key(&plain));
    }

    #[test]
    fn short_links_never_link() {
        let short = parse("https://vm.tiktok.com/ZMabc123/", None);
        assert_eq!(short.kind, IdentifierKind::ShortLink);
        assert_eq!(link_key(&short), None);
    }
}
