//! Identifier parsing against what officers actually paste, platform by platform, and what must be
//! refused. Expected values are written out by hand: these tables are the specification.
//!
//! Every accepted case is also checked for idempotence: the value, parsed again with its platform as
//! the hint, gives the same identifier back.

use spoc_core::identifier::{Identifier, IdentifierKind as K, ParseError, Platform as P};
use spoc_core::Lang;

/// (pasted text, hint, platform, kind, value)
type Case = (&'static str, Option<P>, P, K, &'static str);

fn check(cases: &[Case]) {
    for &(raw, hint, platform, kind, value) in cases {
        let expected = Identifier {
            platform,
            kind,
            value: value.to_string(),
        };
        assert_eq!(
            Identifier::parse(raw, hint),
            Ok(expected.clone()),
            "input {raw:?} (hint {hint:?})"
        );
        assert_eq!(
            Identifier::parse(value, Some(platform)),
            Ok(expected),
            "value {value:?} of {raw:?}"
        );
    }
}

fn refuse(cases: &[(&str, Option<P>, ParseError)]) {
    for (raw, hint, expected) in cases {
        assert_eq!(
            Identifier::parse(raw, *hint),
            Err(expected.clone()),
            "input {raw:?} (hint {hint:?})"
        );
    }
}

const SOME_USER: &str = "@some.user";
const XH_VIDEO: &str = "https://xhamster.com/videos/some-title-xhABC12";

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn tiktok() {
    let t = Some(P::Tiktok);
    check(&[
        ("https://www.tiktok.com/@Some.User?lang=da", None, P::Tiktok, K::Username, SOME_USER),
        ("tiktok.com/@some.user/", None, P::Tiktok, K::Username, SOME_USER),
        ("  https://m.tiktok.com/@some.user?_t=8kX&_r=1  ", None, P::Tiktok, K::Username, SOME_USER),
        ("\u{200E}https://www.tiktok.com/@some.user\u{200B}", None, P::Tiktok, K::Username, SOME_USER),
        ("HTTPS://WWW.TIKTOK.COM/@SOME.USER", None, P::Tiktok, K::Username, SOME_USER),
        ("https://www.tiktok.com/%40some.user", None, P::Tiktok, K::Username, SOME_USER),
        ("https://www.tiktok.com/@some.user/live", None, P::Tiktok, K::Username, SOME_USER),
        ("@Some.User", t, P::Tiktok, K::Username, SOME_USER),
        // The TikTok example handle, without `@`: with TikTok chosen it is a handle, not a web site.
        ("some.user", t, P::Tiktok, K::Username, SOME_USER),
        ("\u{00A0}some.user\u{FEFF}\n", t, P::Tiktok, K::Username, SOME_USER),
        ("some_user.99", t, P::Tiktok, K::Username, "@some_user.99"),
        // Shaped like an IBAN (two letters, two digits…), but with TikTok chosen it is a handle.
        ("mk99thebestgamer", t, P::Tiktok, K::Username, "@mk99thebestgamer"),
        (
            "https://www.tiktok.com/@some.user/video/7234567890123456789?is_from_webapp=1&sender_device=pc",
            None,
            P::Tiktok,
            K::ContentUrl,
            "https://www.tiktok.com/@some.user/video/7234567890123456789",
        ),
        (
            "https://m.tiktok.com/@Some.User/photo/7234567890123456789/",
            Some(P::Instagram),
            P::Tiktok,
            K::ContentUrl,
            "https://www.tiktok.com/@some.user/photo/7234567890123456789",
        ),
        ("vm.tiktok.com/ZMabc123/", None, P::Tiktok, K::ShortLink, "https://vm.tiktok.com/ZMabc123"),
        ("https://vt.tiktok.com/ZSxYz987/?k=1", None, P::Tiktok, K::ShortLink, "https://vt.tiktok.com/ZSxYz987"),
        ("https://www.tiktok.com/t/ZTRxYz9/", None, P::Tiktok, K::ShortLink, "https://www.tiktok.com/t/ZTRxYz9"),
        ("tiktok.com/t/ZTRxYz9", None, P::Tiktok, K::ShortLink, "https://www.tiktok.com/t/ZTRxYz9"),
        // TikTok's support page states no length ("2–24" is commonly cited, not by TikTok): neither a
        // one-letter name nor one past 24 is refused for its length.
        ("https://www.tiktok.com/@a", None, P::Tiktok, K::Username, "@a"),
        ("@this.name.is.longer.than.24", t, P::Tiktok, K::Username, "@this.name.is.longer.than.24"),
    ]);
    let invalid = ParseError::InvalidHandle { platform: P::Tiktok };
    refuse(&[
        // Not ending in `.`; letters, digits, `_` and `.` only.
        ("@some.user.", t, invalid.clone()),
        ("@some-user", t, invalid.clone()),
        // Our own bound against a pasted paragraph, far above any handle seen.
        (&*format!("@{}", "a".repeat(65)), t, invalid),
        ("https://www.tiktok.com/@some.user/video/abc", None, ParseError::UnsupportedUrl { platform: P::Tiktok }),
        ("https://www.tiktok.com/explore", None, ParseError::UnsupportedUrl { platform: P::Tiktok }),
        ("www.tiktok.com", t, ParseError::UnsupportedUrl { platform: P::Tiktok }),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn instagram() {
    let i = Some(P::Instagram);
    let user = "@some_user";
    check(&[
        ("https://www.instagram.com/Some_User/?igsh=MWx0bXo=", None, P::Instagram, K::Username, user),
        ("instagram.com/some_user", None, P::Instagram, K::Username, user),
        ("https://m.instagram.com/some_user/tagged/", None, P::Instagram, K::Username, user),
        ("https://www.instagram.com/stories/some_user/", None, P::Instagram, K::Username, user),
        ("https://ig.me/m/some_user", None, P::Instagram, K::Username, user),
        ("@some_user", i, P::Instagram, K::Username, user),
        (" \u{200D}Some_User ", i, P::Instagram, K::Username, user),
        ("anna.dk", i, P::Instagram, K::Username, "@anna.dk"),
        (
            "https://www.instagram.com/p/CxYz_12-AbC/?utm_source=ig_web_copy_link",
            None,
            P::Instagram,
            K::ContentUrl,
            "https://www.instagram.com/p/CxYz_12-AbC",
        ),
        (
            "https://www.instagram.com/some_user/p/CxYz_12-AbC/",
            None,
            P::Instagram,
            K::ContentUrl,
            "https://www.instagram.com/p/CxYz_12-AbC",
        ),
        (
            "https://instagram.com/reels/C5aBcDeFgHi/",
            None,
            P::Instagram,
            K::ContentUrl,
            "https://www.instagram.com/reel/C5aBcDeFgHi",
        ),
        ("instagr.am/p/CxYz_12-AbC", None, P::Instagram, K::ContentUrl, "https://www.instagram.com/p/CxYz_12-AbC"),
        (
            "https://www.instagram.com/stories/Some_User/3312345678901234567/",
            None,
            P::Instagram,
            K::ContentUrl,
            "https://www.instagram.com/stories/some_user/3312345678901234567",
        ),
        (
            "https://www.instagram.com/share/reel/BAabc123XYZ?igsh=x",
            None,
            P::Instagram,
            K::ShortLink,
            "https://www.instagram.com/share/reel/BAabc123XYZ",
        ),
        ("1234567890", i, P::Instagram, K::UserId, "1234567890"),
    ]);
    refuse(&[
        ("https://www.instagram.com/explore/tags/x/", None, ParseError::UnsupportedUrl { platform: P::Instagram, }),
        ("@some user", i, ParseError::DisplayName { platform: P::Instagram, }),
        ("@this_name_is_longer_than_thirty_characters", i, ParseError::InvalidHandle { platform: P::Instagram, }),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn facebook_and_messenger() {
    let f = Some(P::Facebook);
    let id = "100012345678901";
    check(&[
        ("https://www.facebook.com/profile.php?id=100012345678901&mibextid=ZbWKwL", None, P::Facebook, K::UserId, id),
        ("m.facebook.com/profile.php?id=100012345678901&sk=photos", None, P::Facebook, K::UserId, id),
        ("https://www.facebook.com/people/Some-Name/100012345678901/", None, P::Facebook, K::UserId, id),
        ("https://www.facebook.com/100012345678901", None, P::Facebook, K::UserId, id),
        ("100012345678901", f, P::Facebook, K::UserId, id),
        ("https://m.facebook.com/Some.Name/", None, P::Facebook, K::Username, "@some.name"),
        ("https://da-dk.facebook.com/some.name/about", None, P::Facebook, K::Username, "@some.name"),
        ("fb.com/some.name", None, P::Facebook, K::Username, "@some.name"),
        ("https://m.me/some.name", None, P::Facebook, K::Username, "@some.name"),
        ("https://www.messenger.com/t/100012345678901/", None, P::Facebook, K::UserId, id),
        ("some.name", f, P::Facebook, K::Username, "@some.name"),
        (
            "https://www.facebook.com/groups/123456789/",
            None,
            P::Facebook,
            K::Group,
            "https://www.facebook.com/groups/123456789",
        ),
        (
            "https://www.facebook.com/groups/123456789/posts/987654321/?mibextid=abc",
            None,
            P::Facebook,
            K::ContentUrl,
            "https://www.facebook.com/groups/123456789/posts/987654321",
        ),
        (
            "https://www.facebook.com/share/r/1AbCdEf/",
            None,
            P::Facebook,
            K::ShortLink,
            "https://www.facebook.com/share/r/1AbCdEf",
        ),
        ("https://fb.watch/abcDEF12/", None, P::Facebook, K::ShortLink, "https://fb.watch/abcDEF12"),
        (
            "https://www.facebook.com/permalink.php?story_fbid=pfbid02abc&id=100012345678901&rdid=x",
            None,
            P::Facebook,
            K::ContentUrl,
            "https://www.facebook.com/permalink.php?story_fbid=pfbid02abc&id=100012345678901",
        ),
        (
            "https://www.facebook.com/watch/?v=1234567890&ref=sharing",
            None,
            P::Facebook,
            K::ContentUrl,
            "https://www.facebook.com/watch?v=1234567890",
        ),
        (
            "https://www.facebook.com/marketplace/item/1234567890/",
            None,
            P::Facebook,
            K::ContentUrl,
            "https://www.facebook.com/marketplace/item/1234567890",
        ),
    ]);
    refuse(&[
        // The link shim points away from Facebook: what it wraps is never read.
        (
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example%2F",
            None,
            ParseError::UnsupportedUrl {
                platform: P::Facebook,
            },
        ),
        ("Sofie Jensen", f, ParseError::DisplayName { platform: P::Facebook, }),
        ("abc", f, ParseError::InvalidHandle { platform: P::Facebook, }),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn snapchat() {
    let s = Some(P::Snapchat);
    let user = "@some_user";
    check(&[
        ("https://www.snapchat.com/add/Some_User?share_id=abc&locale=da-DK", None, P::Snapchat, K::Username, user),
        ("snapchat.com/add/some_user/", None, P::Snapchat, K::Username, user),
        ("https://www.snapchat.com/@some_user", None, P::Snapchat, K::Username, user),
        ("https://story.snapchat.com/s/some_user", None, P::Snapchat, K::Username, user),
        ("@Some_User", s, P::Snapchat, K::Username, user),
        ("\u{2066}some_user\u{2069}", s, P::Snapchat, K::Username, user),
        ("some-user", s, P::Snapchat, K::Username, "@some-user"),
        ("a.b", s, P::Snapchat, K::Username, "@a.b"),
        ("abcdefghijklmn1", s, P::Snapchat, K::Username, "@abcdefghijklmn1"),
        // The user ID, a hex UUID (Snap's guide § IV), beside the username: it never changes.
        (
            "8F2A1C3E-4B5D-4E6F-9A7B-0C1D2E3F4A5B",
            s,
            P::Snapchat,
            K::UserId,
            "8f2a1c3e-4b5d-4e6f-9a7b-0c1d2e3f4a5b",
        ),
        (
            " 12345678-1234-1234-1234-123456789012\u{200B}",
            s,
            P::Snapchat,
            K::UserId,
            "12345678-1234-1234-1234-123456789012",
        ),
        ("https://snapchat.com/t/AbCdEf12", None, P::Snapchat, K::ShortLink, "https://www.snapchat.com/t/AbCdEf12"),
        ("https://t.snapchat.com/AbCdEf12", None, P::Snapchat, K::ShortLink, "https://t.snapchat.com/AbCdEf12"),
        (
            "https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYdmVkcGFhcGRqAZKtOZpbAZKtOZogAAAAAQ",
            None,
            P::Snapchat,
            K::ContentUrl,
            "https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYdmVkcGFhcGRqAZKtOZpbAZKtOZogAAAAAQ",
        ),
    ]);
    let invalid = ParseError::InvalidHandle {
        platform: P::Snapchat,
    };
    refuse(&[
        ("1user", s, invalid.clone()),
        ("_someone", s, invalid.clone()),
        ("ab", s, invalid.clone()),
        ("a_name_far_too_long", s, invalid.clone()),
        // At most one of `-`, `_`, `.`, and never last (Snap's guide § IV).
        ("some.user_1", s, invalid.clone()),
        ("some__user", s, invalid.clone()),
        ("someuser-", s, invalid.clone()),
        ("some_user.", s, invalid.clone()),
        ("https://www.snapchat.com/add/some.user_1", None, invalid.clone()),
        // Cut short or with a letter that is not hex: not a UUID, and not a username either.
        ("8f2a1c3e-4b5d-4e6f-9a7b-0c1d2e3f4a5", s, invalid.clone()),
        ("8f2a1c3e-4b5d-4e6f-9a7b-0c1d2e3f4a5g", s, invalid),
        ("Sofie ❤️ Jensen", s, ParseError::DisplayName { platform: P::Snapchat, }),
        // Digits are not Snapchat's user IDs; a UUID is nobody's in particular without the platform.
        ("123456789", s, ParseError::InvalidUserId { platform: P::Snapchat }),
        ("8f2a1c3e-4b5d-4e6f-9a7b-0c1d2e3f4a5b", None, ParseError::NeedsPlatform),
        ("12345678-1234-1234-1234-123456789012", None, ParseError::NeedsPlatform),
        ("8f2a1c3e-4b5d-4e6f-9a7b-0c1d2e3f4a5b", Some(P::Tiktok), ParseError::InvalidHandle { platform: P::Tiktok }),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn x_twitter() {
    let x = Some(P::X);
    let handle = "@some_handle";
    check(&[
        ("https://x.com/Some_Handle", None, P::X, K::Username, handle),
        ("https://mobile.twitter.com/some_handle/", None, P::X, K::Username, handle),
        ("twitter.com/some_handle/with_replies?lang=da", None, P::X, K::Username, handle),
        ("https://twitter.com/#!/some_handle", None, P::X, K::Username, handle),
        ("https://x.com/intent/user?screen_name=Some_Handle", None, P::X, K::Username, handle),
        ("@Some_Handle", x, P::X, K::Username, handle),
        ("  some_handle\u{200B}", x, P::X, K::Username, handle),
        // An all-digit handle keeps its `@`, which is what tells it from a numeric ID.
        ("https://x.com/123456", None, P::X, K::Username, "@123456"),
        ("@123456", x, P::X, K::Username, "@123456"),
        ("1234567890123456789", x, P::X, K::UserId, "1234567890123456789"),
        ("https://x.com/i/user/1234567890123456789", None, P::X, K::UserId, "1234567890123456789"),
        ("https://twitter.com/intent/user?user_id=1234567890123456789", None, P::X, K::UserId, "1234567890123456789"),
        (
            "https://twitter.com/Some_Handle/status/1790000000000000000?s=20&t=abc",
            None,
            P::X,
            K::ContentUrl,
            "https://x.com/some_handle/status/1790000000000000000",
        ),
        (
            "https://mobile.twitter.com/some_handle/status/1790000000000000000/photo/1",
            None,
            P::X,
            K::ContentUrl,
            "https://x.com/some_handle/status/1790000000000000000",
        ),
        (
            "https://x.com/i/web/status/1790000000000000000",
            None,
            P::X,
            K::ContentUrl,
            "https://x.com/i/status/1790000000000000000",
        ),
        ("https://t.co/AbC123xyZ", None, P::X, K::ShortLink, "https://t.co/AbC123xyZ"),
    ]);
    refuse(&[
        ("@this_handle_is_too_long", x, ParseError::InvalidHandle { platform: P::X }),
        ("@some.handle", x, ParseError::InvalidHandle { platform: P::X }),
        ("https://x.com/login", None, ParseError::UnsupportedUrl { platform: P::X }),
        ("https://x.com/home", None, ParseError::UnsupportedUrl { platform: P::X }),
        ("0123", x, ParseError::InvalidUserId { platform: P::X }),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn telegram() {
    let t = Some(P::Telegram);
    let user = "@some_user";
    check(&[
        ("https://t.me/Some_User", None, P::Telegram, K::Username, user),
        ("telegram.me/some_user", None, P::Telegram, K::Username, user),
        ("https://telegram.dog/some_user/", None, P::Telegram, K::Username, user),
        ("https://some_user.t.me/", None, P::Telegram, K::Username, user),
        ("https://t.me/s/some_user", None, P::Telegram, K::Username, user),
        ("@some_user", t, P::Telegram, K::Username, user),
        ("SOME_USER", t, P::Telegram, K::Username, user),
        // Collectible usernames may be shorter than 5 (Telegram FAQ).
        ("@abc", t, P::Telegram, K::Username, "@abc"),
        ("https://t.me/Abcd", None, P::Telegram, K::Username, "@abcd"),
        ("https://abcd.t.me", None, P::Telegram, K::Username, "@abcd"),
        ("https://t.me/+AbCdEfGh123", None, P::Telegram, K::Invite, "https://t.me/+AbCdEfGh123"),
        ("t.me/+AbC", None, P::Telegram, K::Invite, "https://t.me/+AbC"),
        ("https://t.me/joinchat/AbCdEfGh123", None, P::Telegram, K::Invite, "https://t.me/+AbCdEfGh123"),
        ("+AbCdEfGh123", t, P::Telegram, K::Invite, "https://t.me/+AbCdEfGh123"),
        ("https://t.me/+4512345678", None, P::Telegram, K::Phone, "+4512345678"),
        ("+45 12 34 56 78", t, P::Telegram, K::Phone, "+4512345678"),
        ("1234567890", t, P::Telegram, K::UserId, "1234567890"),
        ("https://t.me/c/1234567890/55", None, P::Telegram, K::Message, "https://t.me/c/1234567890/55"),
        ("https://t.me/c/1234567890/12/55", None, P::Telegram, K::Message, "https://t.me/c/1234567890/12/55"),
        ("https://t.me/c/1234567890", None, P::Telegram, K::Channel, "https://t.me/c/1234567890"),
        ("https://t.me/some_channel/123?single", None, P::Telegram, K::Message, "https://t.me/some_channel/123"),
        ("https://t.me/s/Some_Channel/123", None, P::Telegram, K::Message, "https://t.me/some_channel/123"),
    ]);
    let invalid = ParseError::InvalidHandle {
        platform: P::Telegram,
    };
    refuse(&[
        ("@1user_name", t, invalid.clone()),
        ("@some.user", t, invalid.clone()),
        (&*format!("@a{}", "b".repeat(32)), t, invalid),
        ("https://t.me/iv?url=https://evil.example&rhash=1", None, ParseError::UnsupportedUrl { platform: P::Telegram }),
        ("https://t.me/c", None, ParseError::UnsupportedUrl { platform: P::Telegram }),
        (
            "https://t.me/share/url?url=https://evil.example",
            None,
            ParseError::UnsupportedUrl {
                platform: P::Telegram,
            },
        ),
        ("https://t.me/addstickers/SomePack", None, ParseError::UnsupportedUrl { platform: P::Telegram, }),
        ("https://t.me/c/12/55", None, ParseError::UnsupportedUrl { platform: P::Telegram, }),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn discord() {
    let d = Some(P::Discord);
    let id = "123456789012345678";
    check(&[
        ("https://discord.com/users/123456789012345678", None, P::Discord, K::UserId, id),
        ("discordapp.com/users/123456789012345678/", None, P::Discord, K::UserId, id),
        ("https://ptb.discord.com/users/123456789012345678", None, P::Discord, K::UserId, id),
        ("123456789012345678", d, P::Discord, K::UserId, id),
        (" 123456789012345678\u{200B}", d, P::Discord, K::UserId, id),
        ("some_user.1", d, P::Discord, K::Username, "@some_user.1"),
        ("@Some_User.1", d, P::Discord, K::Username, "@some_user.1"),
        ("https://discord.gg/AbCdEf", None, P::Discord, K::Invite, "https://discord.gg/AbCdEf"),
        ("discord.gg/AbCdEf/", None, P::Discord, K::Invite, "https://discord.gg/AbCdEf"),
        ("https://discord.com/invite/AbCdEf?utm_source=x", None, P::Discord, K::Invite, "https://discord.gg/AbCdEf"),
        (
            "https://discord.com/channels/123456789012345678/223456789012345678/323456789012345678",
            None,
            P::Discord,
            K::Message,
            "https://discord.com/channels/123456789012345678/223456789012345678/323456789012345678",
        ),
        (
            "https://canary.discord.com/channels/@me/223456789012345678/323456789012345678",
            None,
            P::Discord,
            K::Message,
            "https://discord.com/channels/@me/223456789012345678/323456789012345678",
        ),
        (
            "https://discord.com/channels/123456789012345678/223456789012345678",
            None,
            P::Discord,
            K::Channel,
            "https://discord.com/channels/123456789012345678/223456789012345678",
        ),
        (
            "https://discord.com/channels/123456789012345678",
            None,
            P::Discord,
            K::Group,
            "https://discord.com/channels/123456789012345678",
        ),
    ]);
    let bad_id = ParseError::InvalidUserId { platform: P::Discord };
    refuse(&[
        ("12345678", d, bad_id.clone()),
        ("1234567890123456", d, bad_id.clone()),
        ("https://discord.com/users/1234567890123456", None, bad_id.clone()),
        ("123456789012345678901", d, bad_id),
        ("some_user#1234", d, ParseError::InvalidHandle { platform: P::Discord }),
        ("@a", d, ParseError::InvalidHandle { platform: P::Discord }),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn youtube() {
    let y = Some(P::Youtube);
    let video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
    check(&[
        ("https://www.youtube.com/@Some.Handle", None, P::Youtube, K::Username, "@some.handle"),
        ("youtube.com/@some.handle/videos", None, P::Youtube, K::Username, "@some.handle"),
        ("@Some.Handle", y, P::Youtube, K::Username, "@some.handle"),
        // Any script, and the middle dot (YouTube Help, handle guidelines).
        ("@Søren", y, P::Youtube, K::Username, "@søren"),
        ("søren", y, P::Youtube, K::Username, "@søren"),
        ("https://www.youtube.com/@S%C3%B8ren", None, P::Youtube, K::Username, "@søren"),
        ("youtube.com/@Søren/videos", None, P::Youtube, K::Username, "@søren"),
        ("@anna·maria", y, P::Youtube, K::Username, "@anna·maria"),
        ("@ΣΟΦΙΑ_22", y, P::Youtube, K::Username, "@σοφια_22"),
        ("@नमस्ते", y, P::Youtube, K::Username, "@नमस्ते"),
        ("@たなか.ch", y, P::Youtube, K::Username, "@たなか.ch"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42s&si=abc", None, P::Youtube, K::ContentUrl, video),
        ("https://youtu.be/dQw4w9WgXcQ?si=xyz", None, P::Youtube, K::ContentUrl, video),
        ("youtu.be/dQw4w9WgXcQ", Some(P::Tiktok), P::Youtube, K::ContentUrl, video),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", None, P::Youtube, K::ContentUrl, video),
        ("https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RD", None, P::Youtube, K::ContentUrl, video),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", None, P::Youtube, K::ContentUrl, video),
        ("https://www.youtube.com/live/dQw4w9WgXcQ?feature=share", None, P::Youtube, K::ContentUrl, video),
        (
            "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv",
            None,
            P::Youtube,
            K::UserId,
            "UCabcdefghijklmnopqrstuv",
        ),
        ("UCabcdefghijklmnopqrstuv", y, P::Youtube, K::UserId, "UCabcdefghijklmnopqrstuv"),
        (
            "https://www.youtube.com/user/SomeName",
            None,
            P::Youtube,
            K::ProfileUrl,
            "https://www.youtube.com/user/somename",
        ),
    ]);
    refuse(&[
        ("https://www.youtube.com/watch?v=dQw4w9WgXc", None, ParseError::UnsupportedUrl { platform: P::Youtube }),
        ("https://www.youtube.com/channel/UCshort", None, ParseError::UnsupportedUrl { platform: P::Youtube }),
        ("https://www.youtube.com/feed/trending", None, ParseError::UnsupportedUrl { platform: P::Youtube }),
        ("@ab", y, ParseError::InvalidHandle { platform: P::Youtube }),
        ("@øå", y, ParseError::InvalidHandle { platform: P::Youtube }),
        (&*format!("@{}", "ø".repeat(31)), y, ParseError::InvalidHandle { platform: P::Youtube }),
        ("Søren Jensen", y, ParseError::DisplayName { platform: P::Youtube }),
        ("@søren❤️", y, ParseError::DisplayName { platform: P::Youtube }),
        ("@søren!", y, ParseError::DisplayName { platform: P::Youtube }),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn whatsapp() {
    let w = Some(P::Whatsapp);
    check(&[
        ("https://wa.me/4512345678", None, P::Whatsapp, K::Phone, "+4512345678"),
        ("wa.me/4512345678?text=hej", None, P::Whatsapp, K::Phone, "+4512345678"),
        // Click-to-chat numbers are international; foreign ones are common in sextortion.
        ("https://wa.me/2250701234567", None, P::Whatsapp, K::Phone, "+2250701234567"),
        ("https://api.whatsapp.com/send?phone=46701234567&text=hi", None, P::Whatsapp, K::Phone, "+46701234567"),
        ("12 34 56 78", w, P::Whatsapp, K::Phone, "+4512345678"),
        ("+46 70 123 45 67", w, P::Whatsapp, K::Phone, "+46701234567"),
        (
            "https://chat.whatsapp.com/AbCdEfGhIjK123",
            None,
            P::Whatsapp,
            K::Invite,
            "https://chat.whatsapp.com/AbCdEfGhIjK123",
        ),
        (
            "chat.whatsapp.com/invite/AbCdEfGhIjK123/",
            None,
            P::Whatsapp,
            K::Invite,
            "https://chat.whatsapp.com/AbCdEfGhIjK123",
        ),
        (
            "https://wa.me/message/ABCDEF123XYZ1",
            None,
            P::Whatsapp,
            K::ShortLink,
            "https://wa.me/message/ABCDEF123XYZ1",
        ),
        (
            "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMn1o2p",
            None,
            P::Whatsapp,
            K::Channel,
            "https://www.whatsapp.com/channel/0029VaAbCdEfGhIjKlMn1o2p",
        ),
    ]);
    refuse(&[
        ("https://wa.me/12", None, ParseError::InvalidPhone),
        ("https://wa.me/someone", None, ParseError::InvalidPhone),
        ("@someone", w, ParseError::InvalidPhone),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn phone_and_email() {
    check(&[
        ("+45 12 34 56 78", None, P::Phone, K::Phone, "+4512345678"),
        ("12345678", None, P::Phone, K::Phone, "+4512345678"),
        ("12 34 56 78", None, P::Phone, K::Phone, "+4512345678"),
        ("0045 12-34-56-78", None, P::Phone, K::Phone, "+4512345678"),
        ("(+45) 12 34 56 78", None, P::Phone, K::Phone, "+4512345678"),
        ("\u{00A0}+45\u{00A0}1234\u{00A0}5678\u{200F}", None, P::Phone, K::Phone, "+4512345678"),
        ("tel:+4512345678", None, P::Phone, K::Phone, "+4512345678"),
        ("+299 12 34 56", None, P::Phone, K::Phone, "+299123456"),
        ("+46 70-123 45 67", Some(P::Phone), P::Phone, K::Phone, "+46701234567"),
        ("0045-12345678", Some(P::Mobilepay), P::Mobilepay, K::Phone, "+4512345678"),
        ("12345678", Some(P::Mobilepay), P::Mobilepay, K::Phone, "+4512345678"),
        // `00` is the international prefix, whatever the platform.
        ("004512345678", Some(P::X), P::X, K::Phone, "+4512345678"),
        ("Some.One@Example.COM", None, P::Email, K::Email, "Some.One@example.com"),
        (" some.one@example.com\u{200B}", Some(P::Facebook), P::Email, K::Email, "some.one@example.com"),
        ("mailto:Some.One@Example.dk", None, P::Email, K::Email, "Some.One@example.dk"),
    ]);
    refuse(&[
        ("123", None, ParseError::InvalidPhone),
        ("+45 1234 567", None, ParseError::InvalidPhone),
        ("+45 0123 4567", None, ParseError::InvalidPhone),
        ("1234567", Some(P::Phone), ParseError::InvalidPhone),
        ("+45 12ab5678", None, ParseError::InvalidPhone),
        ("some.one@", None, ParseError::InvalidEmail),
        ("someone@example", None, ParseError::InvalidEmail),
        ("some one@example.com", Some(P::Email), ParseError::InvalidEmail),
        ("12345678", Some(P::Email), ParseError::InvalidEmail),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn pornhub_and_xhamster() {
    let key = "https://www.pornhub.com/view_video.php?viewkey=ph5f1234567890a";
    check(&[
        ("https://de.pornhub.com/view_video.php?viewkey=ph5f1234567890a&pkey=1", None, P::Pornhub, K::ContentUrl, key),
        ("pornhub.com/view_video.php?viewkey=ph5f1234567890a", None, P::Pornhub, K::ContentUrl, key),
        ("https://www.pornhub.org/view_video.php?viewkey=ph5f1234567890a#comments", None, P::Pornhub, K::ContentUrl, key),
        ("https://www.pornhub.com/embed/ph5f1234567890a", None, P::Pornhub, K::ContentUrl, key),
        (
            "pornhub.com/model/Some-Model/videos",
            None,
            P::Pornhub,
            K::ProfileUrl,
            "https://www.pornhub.com/model/some-model",
        ),
        (
            "https://fr.pornhub.com/users/some_user/",
            None,
            P::Pornhub,
            K::ProfileUrl,
            "https://www.pornhub.com/users/some_user",
        ),
        (
            "https://www.pornhub.com/channels/some-channel",
            None,
            P::Pornhub,
            K::ProfileUrl,
            "https://www.pornhub.com/channels/some-channel",
        ),
        ("@some_user", Some(P::Pornhub), P::Pornhub, K::Username, "@some_user"),
        (
            "https://xhamster.com/videos/some-title-xhABC12",
            None,
            P::Xhamster,
            K::ContentUrl,
            "https://xhamster.com/videos/some-title-xhABC12",
        ),
        (
            "https://de.xhamster.com/videos/a-much-longer-title-with-many-words-in-it-that-goes-on-and-on-xhABC12?utm_source=x",
            None,
            P::Xhamster,
            K::ContentUrl,
            "https://xhamster.com/videos/a-much-longer-title-with-many-words-in-it-that-goes-on-and-on-xhABC12",
        ),
        (
            "xhamster.com/videos/some-title-1234567/",
            None,
            P::Xhamster,
            K::ContentUrl,
            "https://xhamster.com/videos/some-title-1234567",
        ),
        (
            "https://de.xhamster.com/users/SomeOne",
            None,
            P::Xhamster,
            K::ProfileUrl,
            "https://xhamster.com/users/someone",
        ),
        (
            "https://xhamster.com/creators/some-creator",
            None,
            P::Xhamster,
            K::ProfileUrl,
            "https://xhamster.com/creators/some-creator",
        ),
        ("someone", Some(P::Xhamster), P::Xhamster, K::Username, "@someone"),
        ("https://m.xhamster.com/videos/some-title-xhABC12#comments", None, P::Xhamster, K::ContentUrl, XH_VIDEO),
        ("  https://xhamster.com/videos/some-title-xhABC12/\u{200B}", None, P::Xhamster, K::ContentUrl, XH_VIDEO),
        ("XHAMSTER.COM/users/SomeOne/", None, P::Xhamster, K::ProfileUrl, "https://xhamster.com/users/someone"),
    ]);
    refuse(&[
        ("https://www.pornhub.com/view_video.php", None, ParseError::UnsupportedUrl { platform: P::Pornhub }),
        ("https://www.pornhub.com/categories", None, ParseError::UnsupportedUrl { platform: P::Pornhub }),
        ("https://xhamster.com/videos/no-id-here", None, ParseError::UnsupportedUrl { platform: P::Xhamster, }),
        ("https://xhamster19.com/videos/some-title-xhABC12", None, ParseError::UnknownSite),
        // Mirror domains are confirmed by no public source (corrections-2026-12.md): not xHamster.
        ("xhamster2.com/videos/some-title-1234567/", None, ParseError::UnknownSite),
        ("https://xhamster.desi/users/SomeOne", Some(P::Xhamster), ParseError::UnknownSite),
        ("https://xhamster3.com/videos/some-title-xhABC12", None, ParseError::UnknownSite),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn payments() {
    check(&[
        ("DK50 0040 0440 1162 43", None, P::Bank, K::Iban, "DK5000400440116243"),
        ("DK5000400440116243", None, P::Bank, K::Iban, "DK5000400440116243"),
        ("dk50 0040 0440 1162 43", Some(P::Bank), P::Bank, K::Iban, "DK5000400440116243"),
        ("DE89 3704 0044 0532 0130 00", Some(P::Tiktok), P::Bank, K::Iban, "DE89370400440532013000"),
        ("\u{200B}SE45 5000 0000 0583 9825 7466 ", None, P::Bank, K::Iban, "SE4550000000058398257466"),
        (
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            None,
            P::Bitcoin,
            K::Wallet,
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        ),
        (
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            Some(P::Bitcoin),
            P::Bitcoin,
            K::Wallet,
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        ),
        ("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", None, P::Bitcoin, K::Wallet, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"),
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", None, P::Bitcoin, K::Wallet, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        (
            "0x52908400098527886E0F7030069857D2E4169EE7",
            None,
            P::Ethereum,
            K::Wallet,
            "0x52908400098527886e0f7030069857d2e4169ee7",
        ),
    ]);
    refuse(&[
        ("DK51 0040 0440 1162 43", None, ParseError::InvalidIban),
        ("DK50 0040 0440 1162 4", None, ParseError::InvalidIban),
        ("not an iban", Some(P::Bank), ParseError::InvalidIban),
        ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp", None, ParseError::InvalidWallet { platform: P::Bitcoin }),
        ("1BoatSLRHtKNngkdXEeobR76b53LETtpyX", None, ParseError::InvalidWallet { platform: P::Bitcoin }),
        ("0x1234", Some(P::Ethereum), ParseError::InvalidWallet { platform: P::Ethereum, }),
    ]);
}

#[test]
#[rustfmt::skip] // one row per paste: the tables read as the specification
fn refused() {
    for lookalike in [
        "https://tiktok.com.evil.example/@some.user",
        "tiktok.com.evil.example/@some.user",
        "tiktok.com.evil.example",
        "https://evil-tiktok.com/@some.user",
        "https://www.tiktok.co/@some.user",
        "https://xn--tktok-bva.com/@some.user",
        "https://tіktok.com/@some.user",
        "https://tiktok.com@evil.example/@some.user",
        "https://www.tiktok.com:443@evil.example/@some.user",
        "https://evil.example\\@www.tiktok.com/@some.user",
        "https://evil.example/?u=https://www.tiktok.com/@some.user",
        "evil.example/redirect?to=https%3A%2F%2Finstagram.com%2Fsome_user",
        "https://evil.example/#https://t.me/some_user",
        "https://bit.ly/3abcDEF",
        "https://vxtwitter.com/some_handle/status/1790000000000000000",
        "tg://resolve?domain=some_user",
        "javascript://www.tiktok.com/%0aalert(1)",
    ] {
        // The hint never rescues an address that is not on the platform.
        for hint in [None, Some(P::Tiktok)] {
            assert_eq!(
                Identifier::parse(lookalike, hint),
                Err(ParseError::UnknownSite),
                "{lookalike:?} (hint {hint:?})"
            );
        }
    }
    refuse(&[
        ("", None, ParseError::Empty),
        ("   \t\n", Some(P::Tiktok), ParseError::Empty),
        (" \u{200B}\u{FEFF}\u{2060}\u{00AD}\u{202E} ", None, ParseError::Empty),
        ("@some.user", None, ParseError::NeedsPlatform),
        ("some.user", None, ParseError::NeedsPlatform),
        ("123456789012345678", None, ParseError::InvalidPhone),
        ("Sofie ❤️ Jensen", Some(P::Instagram), ParseError::DisplayName { platform: P::Instagram, }),
        ("Sofie Jensen", Some(P::Tiktok), ParseError::DisplayName { platform: P::Tiktok }),
        ("Søren", Some(P::Tiktok), ParseError::DisplayName { platform: P::Tiktok }),
        ("some random words", None, ParseError::Unrecognised),
    ]);
    assert_eq!(
        Identifier::parse(&"a".repeat(5000), None),
        Err(ParseError::TooLong)
    );
    // The limit is in characters, like the capture record's: 4096 `ø` are 8192 bytes, and allowed.
    assert_ne!(
        Identifier::parse(&"ø".repeat(4096), Some(P::Tiktok)),
        Err(ParseError::TooLong)
    );
    assert_eq!(
        Identifier::parse(&"ø".repeat(4097), Some(P::Tiktok)),
        Err(ParseError::TooLong)
    );
}

#[test]
fn errors_speak_both_languages_and_never_echo_the_input() {
    let secret = "Sofie ❤️ Jensen";
    let error = Identifier::parse(secret, Some(P::Snapchat)).unwrap_err();
    assert!(!error.to_string().contains("Sofie"));
    assert!(error.message(Lang::Da).contains("visningsnavn"));
    assert!(error.message(Lang::En).contains("display name"));

    let site = Identifier::parse("https://evil.example/secret-path", None).unwrap_err();
    assert!(site.message(Lang::Da).contains("Set indhold"));
    let discord = Identifier::parse("1234", Some(P::Discord)).unwrap_err();
    assert!(discord.message(Lang::Da).contains("17–20 cifre"));
    let tiktok = Identifier::parse("@some.user.", Some(P::Tiktok)).unwrap_err();
    assert!(tiktok.message(Lang::En).contains("not ending in ."));
    assert!(
        !tiktok.message(Lang::En).contains("24"),
        "TikTok states no length"
    );
    let snap = Identifier::parse("some.user_1", Some(P::Snapchat)).unwrap_err();
    assert!(
        snap.message(Lang::Da).contains("højst ét af -, _ og ."),
        "{}",
        snap.message(Lang::Da)
    );
    assert!(snap.message(Lang::En).contains("at most one of -, _ and ."));
    let snap_id = Identifier::parse("123456789", Some(P::Snapchat)).unwrap_err();
    assert!(snap_id.message(Lang::Da).contains("hexadecimalt UUID"));
    assert!(snap_id.message(Lang::En).contains("hexadecimal UUID"));
    let youtube = Identifier::parse("@øå", Some(P::Youtube)).unwrap_err();
    assert!(youtube.message(Lang::Da).contains("alle skriftsystemer"));
    assert!(youtube.message(Lang::En).contains("any script"));
    let telegram = Identifier::parse("@1abc", Some(P::Telegram)).unwrap_err();
    assert!(telegram.message(Lang::En).contains("starting with a letter"));

    let pasted = [
        "https://evil.example/secret-path",
        "https://www.tiktok.com/@secret.user/video/abc",
        "secret user",
        "@secret.user",
        "secret@",
        "DK51 0040 0440 1162 43",
    ];
    for raw in pasted {
        for hint in [None, Some(P::Tiktok), Some(P::Email), Some(P::Bank)] {
            if let Err(e) = Identifier::parse(raw, hint) {
                for text in [e.to_string(), e.message(Lang::Da), e.message(Lang::En)] {
                    assert!(
                        !text.contains("secret") && !text.contains("0440"),
                        "{raw:?}: {text}"
                    );
                }
            }
        }
    }
}
