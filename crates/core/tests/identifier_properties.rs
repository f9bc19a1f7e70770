//! Properties of identifier parsing over generated input: it never panics, and normalising is
//! idempotent. The grammar-based generator makes sure the Ok path is really exercised.

use proptest::prelude::*;
use spoc_core::identifier::{Identifier, Platform};

fn any_hint() -> impl Strategy<Value = Option<Platform>> {
    prop_oneof![
        Just(None),
        proptest::sample::select(Platform::ALL.to_vec()).prop_map(Some)
    ]
}

/// Pastes built from the pieces real ones are made of: schemes, hosts (real and look-alike),
/// handles, ids, tracking noise, invisible characters.
fn pasted() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![Just(""), Just("https://"), Just("http://"), Just("HTTPS://")];
    let host = proptest::sample::select(vec![
        "www.tiktok.com",
        "m.tiktok.com",
        "vm.tiktok.com",
        "instagram.com",
        "www.facebook.com",
        "m.me",
        "x.com",
        "twitter.com",
        "t.me",
        "discord.com",
        "discord.gg",
        "youtube.com",
        "youtu.be",
        "wa.me",
        "de.pornhub.com",
        "xhamster.com",
        "snapchat.com",
        "story.snapchat.com",
        "fb.watch",
        "ig.me",
        "some_user.t.me",
        "chat.whatsapp.com",
        "api.whatsapp.com",
        "music.youtube.com",
        "xhamster2.com",
        "l.facebook.com",
        "tiktok.com.evil.example",
        "tiktok.com@evil.example",
        "evil.example\\@tiktok.com",
        "evil.example",
    ]);
    let segment = prop_oneof![
        "@[a-zA-Z0-9_.]{1,26}",
        "[a-zA-Z0-9_.-]{1,20}",
        "[0-9]{5,20}",
        Just("video".to_string()),
        Just("status".to_string()),
        Just("p".to_string()),
        Just("+AbC123xyz".to_string()),
        "%40[a-z][a-z0-9_.]{2,12}",
        "@\\p{L}[\\p{L}\\p{M}·]{2,20}",
        "[a-zA-Z0-9_-]{11}",
        "UC[a-zA-Z0-9_-]{22}",
        "\\+[1-9][0-9]{9,11}",
        "[a-z-]{3,30}-xh[A-Za-z0-9]{5}",
        proptest::sample::select(vec![
            "c",
            "s",
            "t",
            "i",
            "add",
            "users",
            "channels",
            "invite",
            "joinchat",
            "groups",
            "reel",
            "shorts",
            "watch",
            "view_video.php",
            "profile.php",
            "model",
            "videos",
            "@me",
            "..",
            "%",
        ])
        .prop_map(String::from),
        "\\PC{1,6}",
    ];
    let query = prop_oneof![
        Just(String::new()),
        Just("?lang=da&utm_source=x".to_string()),
        "\\?v=[a-zA-Z0-9_-]{11}",
        "\\?id=[0-9]{5,16}",
        "\\?viewkey=ph[0-9a-f]{13}",
        "\\?phone=[1-9][0-9]{9,11}",
        "#!/[a-z_]{1,15}",
    ];
    let noise = prop_oneof![
        Just(""),
        Just(" "),
        Just("\u{200B}"),
        Just("\u{200E}"),
        Just("\u{00A0}"),
        Just("\u{FEFF}"),
        Just("/"),
    ];
    (
        scheme,
        host,
        proptest::collection::vec(segment, 0..4),
        query,
        noise,
    )
        .prop_map(|(s, h, segs, q, n)| {
            let path: String = segs.iter().map(|seg| format!("/{seg}")).collect();
            format!("{n}{s}{h}{path}{q}{n}")
        })
}

fn bare() -> impl Strategy<Value = String> {
    prop_oneof![
        "@?[a-zA-Z][a-zA-Z0-9_.]{1,20}",
        "\\+?[0-9 ]{8,14}",
        "[a-zA-Z0-9.]{1,10}@[a-z]{1,8}\\.(dk|com)",
        "0x[0-9a-fA-F]{40}",
        "bc1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{20,40}",
        "\\+[A-Za-z][A-Za-z0-9_-]{4,20}",
        "(tel:|00)45[2-9][0-9]{7}",
        "UC[a-zA-Z0-9_-]{22}",
        "[1-9][0-9]{16,19}",
        // Snapchat user IDs, and handles in any script (YouTube's, and display names elsewhere).
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
        "@?\\p{L}[\\p{L}\\p{M}\\p{N}·_.-]{2,29}",
        "\\PC{0,12}",
        proptest::sample::select(vec![
            "DK50 0040 0440 1162 43",
            "de89370400440532013000",
            "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            "mailto:Some.One@Example.dk",
        ])
        .prop_map(String::from),
    ]
}

/// Whole addresses of the kinds a random walk over segments rarely assembles: messages, channels,
/// groups.
fn templated() -> impl Strategy<Value = String> {
    let snowflake = "[1-9][0-9]{17}";
    prop_oneof![
        ("[1-9][0-9]{9}", "[1-9][0-9]{0,4}").prop_map(|(c, m)| format!("https://t.me/c/{c}/{m}")),
        ("[a-z][a-z0-9_]{4,12}", "[1-9][0-9]{0,4}").prop_map(|(n, m)| format!("t.me/{n}/{m}?single")),
        (snowflake, snowflake).prop_map(|(g, c)| format!("https://discord.com/channels/{g}/{c}")),
        (snowflake, snowflake, snowflake).prop_map(|(g, c, m)| format!("discord.com/channels/{g}/{c}/{m}/")),
        "[1-9][0-9]{8,14}".prop_map(|g| format!("https://m.facebook.com/groups/{g}/?ref=share")),
        "[A-Za-z0-9]{22}".prop_map(|c| format!("https://whatsapp.com/channel/{c}")),
    ]
}

/// Strings glued from URL-ish fragments and arbitrary characters: the shapes a hand-written splitter
/// is most likely to slice wrongly.
fn fragments() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(vec![
            "https://",
            "http:",
            "//",
            "\\",
            "@",
            "+",
            "?",
            "#",
            "&",
            "=",
            ":",
            ".",
            "/",
            "%",
            "%4",
            "%40",
            "%E2%80",
            "www.",
            "tiktok.com",
            "t.me",
            "x.com",
            "wa.me",
            "youtu.be",
            "discord.gg",
            "bc1",
            "0x",
            "DK50",
            "\u{200B}",
            "\u{00A0}",
            "ø",
            "❤️",
            "İ",
            "\u{0301}",
        ])
        .prop_map(String::from),
        any::<char>().prop_map(String::from),
        "[a-zA-Z0-9]{1,8}",
    ];
    proptest::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

proptest! {
    // 2000 cases by default; `PROPTEST_CASES=100000` for a longer hunt.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2000)
    ))]

    #[test]
    fn never_panics_on_anything(raw in any::<String>(), hint in any_hint()) {
        let _ = Identifier::parse(&raw, hint);
    }

    #[test]
    fn never_panics_on_url_ish_fragments(raw in fragments(), hint in any_hint()) {
        if let Ok(id) = Identifier::parse(&raw, hint) {
            prop_assert_eq!(Identifier::parse(&id.value, Some(id.platform)), Ok(id));
        }
    }

    #[test]
    fn normalising_is_idempotent(raw in prop_oneof![pasted(), bare(), templated()], hint in any_hint()) {
        if let Ok(id) = Identifier::parse(&raw, hint) {
            prop_assert_eq!(Identifier::parse(&id.value, Some(id.platform)), Ok(id));
        }
    }
}

/// The generators are only useful if they reach the Ok path often enough to mean something.
#[test]
fn generated_pastes_are_often_understood() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (prop_oneof![pasted(), bare(), templated()], any_hint());
    let total = 4000;
    let mut kinds = std::collections::BTreeSet::new();
    let mut platforms = std::collections::BTreeSet::new();
    let mut understood = 0;
    for _ in 0..total {
        let (raw, hint) = strategy.new_tree(&mut runner).unwrap().current();
        if let Ok(id) = Identifier::parse(&raw, hint) {
            understood += 1;
            kinds.insert(id.kind);
            platforms.insert(id.platform);
        }
    }
    println!("{understood} of {total} generated pastes understood; kinds {kinds:?}");
    assert!(
        understood * 4 >= total,
        "only {understood} of {total} generated pastes parsed"
    );
    // …and reach most kinds and platforms, not just one easy shape.
    assert!(kinds.len() >= 11, "kinds reached: {kinds:?}");
    assert!(platforms.len() >= 15, "platforms reached: {platforms:?}");
}
