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
        "tiktok.com.evil.example",
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
    ];
    let query = prop_oneof![
        Just(String::new()),
        Just("?lang=da&utm_source=x".to_string()),
        "\\?v=[a-zA-Z0-9_-]{11}",
        "\\?id=[0-9]{5,16}"
    ];
    let noise = prop_oneof![Just(""), Just(" "), Just("\u{200B}"), Just("\u{200E}"), Just("/")];
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
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_anything(raw in any::<String>(), hint in any_hint()) {
        let _ = Identifier::parse(&raw, hint);
    }

    #[test]
    fn normalising_is_idempotent(raw in prop_oneof![pasted(), bare()], hint in any_hint()) {
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
    let strategy = (prop_oneof![pasted(), bare()], any_hint());
    let total = 2000;
    let understood = (0..total)
        .filter(|_| {
            let (raw, hint) = strategy.new_tree(&mut runner).unwrap().current();
            Identifier::parse(&raw, hint).is_ok()
        })
        .count();
    assert!(
        understood * 5 >= total,
        "only {understood} of {total} generated pastes parsed"
    );
}
