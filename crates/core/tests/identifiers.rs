//! Identifier parsing against what officers actually paste, platform by platform, and what must be
//! refused. Expected values are written out by hand: this table is the specification.

use spoc_core::identifier::{Identifier, IdentifierKind as K, ParseError, Platform as P};

fn ok(raw: &str, hint: Option<P>, platform: P, kind: K, value: &str) {
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
    // Normalising is idempotent: the value parses back to the same identifier.
    assert_eq!(
        Identifier::parse(value, Some(platform)),
        Ok(expected),
        "value {value:?} of {raw:?}"
    );
}

fn err(raw: &str, hint: Option<P>, expected: ParseError) {
    assert_eq!(
        Identifier::parse(raw, hint),
        Err(expected),
        "input {raw:?} (hint {hint:?})"
    );
}

#[test]
fn tiktok() {
    let user = |raw| ok(raw, None, P::Tiktok, K::Username, "@some.user");
    user("https://www.tiktok.com/@Some.User?lang=da");
    user("tiktok.com/@some.user/");
    user("  https://m.tiktok.com/@some.user?_t=8kX&_r=1  ");
    user("\u{200E}https://www.tiktok.com/@some.user\u{200B}");
    user("HTTPS://WWW.TIKTOK.COM/@SOME.USER");
    ok(
        "@Some.User",
        Some(P::Tiktok),
        P::Tiktok,
        K::Username,
        "@some.user",
    );
    ok(
        "some_user.99",
        Some(P::Tiktok),
        P::Tiktok,
        K::Username,
        "@some_user.99",
    );
    ok(
        "https://www.tiktok.com/@some.user/video/7234567890123456789?is_from_webapp=1&sender_device=pc",
        None,
        P::Tiktok,
        K::ContentUrl,
        "https://www.tiktok.com/@some.user/video/7234567890123456789",
    );
    ok(
        "vm.tiktok.com/ZMabc123/",
        None,
        P::Tiktok,
        K::ShortLink,
        "https://vm.tiktok.com/ZMabc123",
    );
    ok(
        "https://www.tiktok.com/t/ZTRxYz9/",
        None,
        P::Tiktok,
        K::ShortLink,
        "https://www.tiktok.com/t/ZTRxYz9",
    );
    err(
        "@some.user.",
        Some(P::Tiktok),
        ParseError::InvalidHandle { platform: P::Tiktok },
    );
    err(
        "https://www.tiktok.com/@a",
        None,
        ParseError::InvalidHandle { platform: P::Tiktok },
    );
}

#[test]
fn instagram() {
    ok(
        "https://www.instagram.com/Some_User/?igsh=MWx0bXo=",
        None,
        P::Instagram,
        K::Username,
        "@some_user",
    );
    ok(
        "instagram.com/some_user",
        None,
        P::Instagram,
        K::Username,
        "@some_user",
    );
    ok(
        "@some_user",
        Some(P::Instagram),
        P::Instagram,
        K::Username,
        "@some_user",
    );
    ok(
        "https://www.instagram.com/p/CxYz_12-AbC/?utm_source=ig_web_copy_link",
        None,
        P::Instagram,
        K::ContentUrl,
        "https://www.instagram.com/p/CxYz_12-AbC",
    );
    ok(
        "https://instagram.com/reels/C5aBcDeFgHi/",
        None,
        P::Instagram,
        K::ContentUrl,
        "https://www.instagram.com/reel/C5aBcDeFgHi",
    );
    ok(
        "https://www.instagram.com/stories/Some_User/3312345678901234567/",
        None,
        P::Instagram,
        K::ContentUrl,
        "https://www.instagram.com/stories/some_user/3312345678901234567",
    );
    ok(
        "1234567890",
        Some(P::Instagram),
        P::Instagram,
        K::UserId,
        "1234567890",
    );
    err(
        "https://www.instagram.com/explore/tags/x/",
        None,
        ParseError::UnsupportedUrl {
            platform: P::Instagram,
        },
    );
}

#[test]
fn facebook_and_messenger() {
    ok(
        "https://www.facebook.com/profile.php?id=100012345678901&mibextid=ZbWKwL",
        None,
        P::Facebook,
        K::UserId,
        "100012345678901",
    );
    ok(
        "https://m.facebook.com/Some.Name/",
        None,
        P::Facebook,
        K::Username,
        "@some.name",
    );
    ok("fb.com/some.name", None, P::Facebook, K::Username, "@some.name");
    ok(
        "https://www.facebook.com/groups/123456789/",
        None,
        P::Facebook,
        K::Group,
        "https://www.facebook.com/groups/123456789",
    );
    ok(
        "https://m.me/some.name",
        None,
        P::Facebook,
        K::Username,
        "@some.name",
    );
    ok(
        "100012345678901",
        Some(P::Facebook),
        P::Facebook,
        K::UserId,
        "100012345678901",
    );
    ok(
        "https://www.facebook.com/share/r/1AbCdEf/",
        None,
        P::Facebook,
        K::ShortLink,
        "https://www.facebook.com/share/r/1AbCdEf",
    );
    ok(
        "https://www.facebook.com/permalink.php?story_fbid=pfbid02abc&id=100012345678901&rdid=x",
        None,
        P::Facebook,
        K::ContentUrl,
        "https://www.facebook.com/permalink.php?story_fbid=pfbid02abc&id=100012345678901",
    );
}

#[test]
fn snapchat() {
    ok(
        "https://www.snapchat.com/add/Some_User?share_id=abc&locale=da-DK",
        None,
        P::Snapchat,
        K::Username,
        "@some_user",
    );
    ok(
        "some-user",
        Some(P::Snapchat),
        P::Snapchat,
        K::Username,
        "@some-user",
    );
    ok(
        "https://snapchat.com/t/AbCdEf12",
        None,
        P::Snapchat,
        K::ShortLink,
        "https://snapchat.com/t/AbCdEf12",
    );
    err(
        "1user",
        Some(P::Snapchat),
        ParseError::InvalidHandle {
            platform: P::Snapchat,
        },
    );
    err(
        "Sofie ❤️ Jensen",
        Some(P::Snapchat),
        ParseError::DisplayName {
            platform: P::Snapchat,
        },
    );
    err(
        "_someone",
        Some(P::Snapchat),
        ParseError::InvalidHandle {
            platform: P::Snapchat,
        },
    );
}

#[test]
fn x_twitter() {
    ok(
        "https://x.com/Some_Handle",
        None,
        P::X,
        K::Username,
        "@some_handle",
    );
    ok(
        "https://mobile.twitter.com/some_handle/",
        None,
        P::X,
        K::Username,
        "@some_handle",
    );
    ok("@Some_Handle", Some(P::X), P::X, K::Username, "@some_handle");
    ok(
        "1234567890123456789",
        Some(P::X),
        P::X,
        K::UserId,
        "1234567890123456789",
    );
    ok(
        "https://twitter.com/Some_Handle/status/1790000000000000000?s=20&t=abc",
        None,
        P::X,
        K::ContentUrl,
        "https://x.com/some_handle/status/1790000000000000000",
    );
    ok(
        "https://t.co/AbC123xyZ",
        None,
        P::X,
        K::ShortLink,
        "https://t.co/AbC123xyZ",
    );
    err(
        "@this_handle_is_too_long",
        Some(P::X),
        ParseError::InvalidHandle { platform: P::X },
    );
}

#[test]
fn telegram() {
    ok(
        "https://t.me/Some_User",
        None,
        P::Telegram,
        K::Username,
        "@some_user",
    );
    ok(
        "telegram.me/some_user",
        None,
        P::Telegram,
        K::Username,
        "@some_user",
    );
    ok(
        "https://t.me/+AbCdEfGh123",
        None,
        P::Telegram,
        K::Invite,
        "https://t.me/+AbCdEfGh123",
    );
    ok(
        "https://t.me/joinchat/AbCdEfGh123",
        None,
        P::Telegram,
        K::Invite,
        "https://t.me/+AbCdEfGh123",
    );
    ok(
        "https://t.me/c/1234567890/55",
        None,
        P::Telegram,
        K::Message,
        "https://t.me/c/1234567890/55",
    );
    ok(
        "https://t.me/some_channel/123?single",
        None,
        P::Telegram,
        K::Message,
        "https://t.me/some_channel/123",
    );
    ok(
        "@some_user",
        Some(P::Telegram),
        P::Telegram,
        K::Username,
        "@some_user",
    );
    err(
        "@abc",
        Some(P::Telegram),
        ParseError::InvalidHandle {
            platform: P::Telegram,
        },
    );
}

#[test]
fn discord() {
    ok(
        "https://discord.com/users/123456789012345678",
        None,
        P::Discord,
        K::UserId,
        "123456789012345678",
    );
    ok(
        "123456789012345678",
        Some(P::Discord),
        P::Discord,
        K::UserId,
        "123456789012345678",
    );
    ok(
        "some_user.1",
        Some(P::Discord),
        P::Discord,
        K::Username,
        "@some_user.1",
    );
    ok(
        "https://discord.gg/AbCdEf",
        None,
        P::Discord,
        K::Invite,
        "https://discord.gg/AbCdEf",
    );
    ok(
        "https://discord.com/invite/AbCdEf",
        None,
        P::Discord,
        K::Invite,
        "https://discord.gg/AbCdEf",
    );
    ok(
        "https://discord.com/channels/123456789012345678/223456789012345678/323456789012345678",
        None,
        P::Discord,
        K::Message,
        "https://discord.com/channels/123456789012345678/223456789012345678/323456789012345678",
    );
    err(
        "12345678",
        Some(P::Discord),
        ParseError::InvalidUserId { platform: P::Discord },
    );
}

#[test]
fn youtube() {
    ok(
        "https://www.youtube.com/@Some.Handle",
        None,
        P::Youtube,
        K::Username,
        "@some.handle",
    );
    ok(
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42s&si=abc",
        None,
        P::Youtube,
        K::ContentUrl,
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    );
    ok(
        "https://youtu.be/dQw4w9WgXcQ?si=xyz",
        None,
        P::Youtube,
        K::ContentUrl,
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    );
    ok(
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        None,
        P::Youtube,
        K::ContentUrl,
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    );
    ok(
        "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv",
        None,
        P::Youtube,
        K::UserId,
        "UCabcdefghijklmnopqrstuv",
    );
}

#[test]
fn whatsapp_phone_email() {
    ok(
        "https://wa.me/4512345678",
        None,
        P::Whatsapp,
        K::Phone,
        "+4512345678",
    );
    ok(
        "https://chat.whatsapp.com/AbCdEfGhIjK123",
        None,
        P::Whatsapp,
        K::Invite,
        "https://chat.whatsapp.com/AbCdEfGhIjK123",
    );
    ok("+45 12 34 56 78", None, P::Phone, K::Phone, "+4512345678");
    ok("12345678", None, P::Phone, K::Phone, "+4512345678");
    ok(
        "0045-12345678",
        Some(P::Mobilepay),
        P::Mobilepay,
        K::Phone,
        "+4512345678",
    );
    ok(
        "Some.One@Example.COM",
        None,
        P::Email,
        K::Email,
        "Some.One@example.com",
    );
    err("123", None, ParseError::InvalidPhone);
}

#[test]
fn pornhub_and_xhamster() {
    ok(
        "https://de.pornhub.com/view_video.php?viewkey=ph5f1234567890a&pkey=1",
        None,
        P::Pornhub,
        K::ContentUrl,
        "https://www.pornhub.com/view_video.php?viewkey=ph5f1234567890a",
    );
    ok(
        "pornhub.com/model/Some-Model/videos",
        None,
        P::Pornhub,
        K::ProfileUrl,
        "https://www.pornhub.com/model/some-model",
    );
    ok(
        "https://xhamster.com/videos/some-title-xhABC12",
        None,
        P::Xhamster,
        K::ContentUrl,
        "https://xhamster.com/videos/some-title-xhABC12",
    );
    ok(
        "https://xhamster.desi/users/SomeOne",
        None,
        P::Xhamster,
        K::ProfileUrl,
        "https://xhamster.com/users/someone",
    );
}

#[test]
fn payments() {
    ok(
        "DK50 0040 0440 1162 43",
        None,
        P::Bank,
        K::Iban,
        "DK5000400440116243",
    );
    ok(
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        None,
        P::Bitcoin,
        K::Wallet,
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    );
    ok(
        "0x52908400098527886E0F7030069857D2E4169EE7",
        None,
        P::Ethereum,
        K::Wallet,
        "0x52908400098527886e0f7030069857d2e4169ee7",
    );
    err("DK51 0040 0440 1162 43", None, ParseError::InvalidIban);
}

#[test]
fn refused() {
    for lookalike in [
        "https://tiktok.com.evil.example/@some.user",
        "https://evil-tiktok.com/@some.user",
        "https://www.tiktok.co/@some.user",
        "https://xn--tktok-bva.com/@some.user",
        "https://tiktok.com@evil.example/@some.user",
        "https://evil.example/?u=https://www.tiktok.com/@some.user",
        "https://bit.ly/3abcDEF",
    ] {
        err(lookalike, None, ParseError::UnknownSite);
    }
    err("", None, ParseError::Empty);
    err(" \u{200B}\u{FEFF} ", None, ParseError::Empty);
    err("@some.user", None, ParseError::NeedsPlatform);
    err(
        "Sofie ❤️ Jensen",
        Some(P::Instagram),
        ParseError::DisplayName {
            platform: P::Instagram,
        },
    );
    err(
        "Sofie Jensen",
        Some(P::Tiktok),
        ParseError::DisplayName { platform: P::Tiktok },
    );
    err("some random words", None, ParseError::Unrecognised);
    err(&"a".repeat(5000), None, ParseError::TooLong);
}

#[test]
fn errors_speak_both_languages_and_never_echo_the_input() {
    let secret = "Sofie ❤️ Jensen";
    let error = Identifier::parse(secret, Some(P::Snapchat)).unwrap_err();
    assert!(!error.to_string().contains("Sofie"));
    assert!(error.message(spoc_core::Lang::Da).contains("visningsnavn"));
    assert!(error.message(spoc_core::Lang::En).contains("display name"));
}
