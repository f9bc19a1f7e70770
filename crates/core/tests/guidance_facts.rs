//! The pack against `shared/facts/corrections-2026-12.md`: one test per correction and per addition,
//! each naming the pack source it rests on (and checking the pack cites it there). Where the file
//! says "not found", the pack must say "to be confirmed by the SPOC" rather than state a fact.

use spoc_core::guidance::{GuidancePack, Item, PlatformGuidance, Text};
use spoc_core::{CaseType, Identifier, IdentifierKind, Lang, ParseError, Platform};

fn pack() -> GuidancePack {
    GuidancePack::bundled()
}

fn guide(pack: &GuidancePack, platform: Platform) -> &PlatformGuidance {
    pack.platform(platform).unwrap()
}

fn item<'a>(pack: &'a GuidancePack, id: &str) -> &'a Item {
    pack.item(id).unwrap_or_else(|| panic!("{id} is missing"))
}

/// The pack lists the source, and `cited` cites it.
fn cites(pack: &GuidancePack, cited: &[String], source: &str) {
    assert!(
        pack.source(source).is_some(),
        "{source} is not in the source list"
    );
    assert!(
        cited.iter().any(|s| s == source),
        "{source} is not cited: {cited:?}"
    );
}

fn both(text: &Text) -> String {
    format!("{} || {}", text.da, text.en)
}

/// "To be confirmed by the SPOC", in both languages.
fn says_to_confirm(text: &Option<Text>) -> bool {
    text.as_ref()
        .is_some_and(|t| t.da.contains("bekræftes af SPOC") && t.en.contains("confirmed by the SPOC"))
}

#[test]
fn tiktok_has_an_emergency_route_through_its_law_enforcement_webform() {
    // tiktok-le-2026: TikTok Law Enforcement Guidelines (July 2026), §§ 1, 5, 6.
    let pack = pack();
    let tiktok = guide(&pack, Platform::Tiktok);
    cites(&pack, &tiktok.sources, "tiktok-le-2026");
    let form = "tiktok.com/legal/report/lawenforcementrequest";
    assert!(
        both(tiktok.emergency_route.as_ref().unwrap())
            .matches(form)
            .count()
            == 2
    );
    assert!(both(&tiktok.request_route).matches(form).count() == 2);
    assert!(tiktok.verify.is_none(), "the route is confirmed now");
}

#[test]
fn tiktok_preserves_90_days_with_one_90_day_extension() {
    // tiktok-le-2026, § 5.
    let pack = pack();
    let rule = &guide(&pack, Platform::Tiktok).preservation;
    assert_eq!((rule.days, rule.extension_days), (Some(90), Some(90)));
    assert!(rule.verify.is_none());
    assert!(rule.basis.en.contains("Provider policy") && rule.basis.en.contains("formal request"));
}

#[test]
fn tiktok_no_longer_says_public_videos_are_not_produced() {
    // tiktok-le-2026 lists content data as available with a domestic court order. The item keeps its
    // id (ids are forever) and now says what the 2026 text says.
    let pack = pack();
    let note = item(&pack, "tiktok.public-videos");
    cites(&pack, &note.sources, "tiktok-le-2026");
    assert!(note.text.en.contains("domestic court order"), "{}", note.text.en);
    for (_, _, any) in pack.items() {
        let text = both(&any.text).to_lowercase();
        assert!(
            !text.contains("not produced") && !text.contains("udleveres ikke"),
            "{}",
            any.id
        );
    }
}

#[test]
fn snapchat_has_an_emergency_form_without_an_account_staffed_around_the_clock() {
    // snap-le-2025: Snap Law Enforcement Guide (1 July 2025), § VII.
    let pack = pack();
    let snap = guide(&pack, Platform::Snapchat);
    cites(&pack, &snap.sources, "snap-le-2025");
    let route = snap.emergency_route.as_ref().unwrap();
    assert!(
        route.en.contains("less.snapchat.com/emergency") && route.da.contains("less.snapchat.com/emergency")
    );
    assert!(route.en.contains("No account needed") && route.en.contains("24 hours"));
}

#[test]
fn snapchat_preserves_up_to_a_year_for_non_us_police_with_one_180_day_extension() {
    // snap-le-2025, § VI; 90 + 90 days is the US rule, not Danish police's.
    let pack = pack();
    let snap = guide(&pack, Platform::Snapchat);
    assert_eq!(
        (snap.preservation.days, snap.preservation.extension_days),
        (Some(365), Some(180))
    );
    assert!(snap.preservation.basis.en.contains("up to one year"));
    assert!(both(&snap.request_route).contains("Law Enforcement Service System (LESS)"));
    assert!(!both(&snap.request_route).contains("Service Site"));
}

#[test]
fn no_period_rests_on_18_usc_2703f() {
    // usc-2703f: § 2703(f) binds providers only towards US governmental entities (§ 2711(4)). Every
    // period the pack gives is the provider's own policy, citing the provider's own guide.
    let pack = pack();
    let own_guide = [
        (Platform::Tiktok, "tiktok-le-2026"),
        (Platform::Instagram, "meta-le"),
        (Platform::Facebook, "meta-le"),
        (Platform::Snapchat, "snap-le-2025"),
        (Platform::X, "x-le"),
    ];
    for guide in &pack.platforms {
        let rule = &guide.preservation;
        assert!(
            !rule.basis.en.starts_with("18 U.S.C.") && !rule.basis.en.contains("under 18 U.S.C."),
            "{:?}: {}",
            guide.platform,
            rule.basis.en
        );
        if rule.days.is_some() {
            let (_, source) = own_guide
                .iter()
                .find(|(p, _)| *p == guide.platform)
                .unwrap_or_else(|| panic!("{:?} has a period without its own guide", guide.platform));
            cites(&pack, &guide.sources, source);
            assert!(rule.basis.en.starts_with("Provider policy"), "{}", rule.basis.en);
        }
    }
    let source = pack.source("usc-2703f").unwrap();
    assert!(source.title.contains("2711(4)"));
}

#[test]
fn meta_states_90_days_and_no_extension() {
    // meta-le: Meta, "Information for law enforcement authorities".
    let pack = pack();
    for platform in [Platform::Facebook, Platform::Instagram] {
        let meta = guide(&pack, platform);
        cites(&pack, &meta.sources, "meta-le");
        assert_eq!(
            (meta.preservation.days, meta.preservation.extension_days),
            (Some(90), None)
        );
        assert!(meta.preservation.basis.en.contains("states no extension"));
    }
}

#[test]
fn meta_emergencies_go_to_facebook_com_records() {
    // meta-le: "imminent harm to a child or risk of death or serious physical injury".
    let pack = pack();
    for platform in [Platform::Facebook, Platform::Instagram] {
        let route = guide(&pack, platform).emergency_route.clone().unwrap();
        assert!(route.en.contains("facebook.com/records"));
        assert!(route
            .en
            .contains("imminent harm to a child or risk of death or serious physical injury"));
    }
}

#[test]
fn x_is_twitter_international_with_legal_requests_and_an_early_extension() {
    // x-le: X law-enforcement guidelines.
    let pack = pack();
    let x = guide(&pack, Platform::X);
    cites(&pack, &x.sources, "x-le");
    assert!(x.provider.en.contains("Twitter International Unlimited Company"));
    assert!(x.request_route.en.contains("legalrequests.x.com"));
    assert!(x
        .emergency_route
        .as_ref()
        .unwrap()
        .en
        .contains("legalrequests.x.com"));
    assert_eq!(x.preservation.days, Some(90));
    // An extension "may" be honoured, of no stated length: no clock for it, and the SPOC confirms.
    assert_eq!(x.preservation.extension_days, None);
    assert!(x.preservation.basis.en.contains("at least 7 days before expiry"));
    assert!(says_to_confirm(&x.preservation.verify));
    assert!(x.verify.is_none(), "the general US emergency route is gone");
}

#[test]
fn youtube_is_google_ireland_and_google_takes_emergencies_from_any_country() {
    // youtube-terms-eea, google-emergency.
    let pack = pack();
    let youtube = guide(&pack, Platform::Youtube);
    cites(&pack, &youtube.sources, "youtube-terms-eea");
    cites(&pack, &youtube.sources, "google-emergency");
    assert!(youtube.provider.en.contains("Google Ireland Limited"));
    assert!(youtube
        .emergency_route
        .as_ref()
        .unwrap()
        .en
        .contains("from any country"));
    // Google's own period is not in the sources: no clock, and the SPOC confirms.
    assert_eq!(youtube.preservation.days, None);
    assert!(says_to_confirm(&youtube.preservation.verify));
}

#[test]
fn whatsapp_has_its_own_request_system_and_cannot_produce_content() {
    // whatsapp-le, whatsapp-privacy-eea.
    let pack = pack();
    let whatsapp = guide(&pack, Platform::Whatsapp);
    cites(&pack, &whatsapp.sources, "whatsapp-le");
    cites(&pack, &whatsapp.sources, "whatsapp-privacy-eea");
    assert!(whatsapp.provider.en.contains("WhatsApp Ireland Limited"));
    assert!(whatsapp.request_route.en.contains("whatsapp.com/records"));
    assert!(!both(&whatsapp.request_route).contains("Meta"));
    let note = item(&pack, "whatsapp.no-content");
    assert!(note.text.en.contains("cannot produce message content"));
    cites(&pack, &note.sources, "whatsapp-le");
    // No emergency route or period in the sources.
    assert!(whatsapp.emergency_route.is_none() && says_to_confirm(&whatsapp.verify));
    assert!(says_to_confirm(&whatsapp.preservation.verify));
}

#[test]
fn discord_goes_through_kodex_and_its_period_is_to_be_confirmed() {
    // discord-le: Discord, "Working with law enforcement".
    let pack = pack();
    let discord = guide(&pack, Platform::Discord);
    cites(&pack, &discord.sources, "discord-le");
    assert!(discord.request_route.en.contains("app.kodex.us/discord/signin"));
    assert!(discord
        .emergency_route
        .as_ref()
        .unwrap()
        .en
        .contains("immediate danger and/or self-harm"));
    assert_eq!(discord.preservation.days, None);
    assert!(says_to_confirm(&discord.preservation.verify));
}

#[test]
fn telegram_discloses_on_a_judicial_order_and_is_reached_through_edsr() {
    // telegram-privacy (§ 8.3), telegram-dsa.
    let pack = pack();
    let telegram = guide(&pack, Platform::Telegram);
    cites(&pack, &telegram.sources, "telegram-privacy");
    cites(&pack, &telegram.sources, "telegram-dsa");
    assert!(telegram.request_route.en.contains("dsa.telegram@edsr.eu"));
    assert!(telegram.request_route.en.contains("§ 8.3"));
    assert_eq!(telegram.preservation.days, None);
    assert!(says_to_confirm(&telegram.preservation.verify));
    assert!(telegram.emergency_route.is_none() && says_to_confirm(&telegram.verify));
}

#[test]
fn pornhub_requests_go_through_aylos_platform_and_statistics_are_not_a_route() {
    // aylo-le, pornhub-removal.
    let pack = pack();
    let pornhub = guide(&pack, Platform::Pornhub);
    cites(&pack, &pornhub.sources, "aylo-le");
    assert!(pornhub
        .request_route
        .en
        .contains("legalservice.aylo.com/legal/datarequest"));
    let route = both(&pornhub.request_route);
    assert!(!route.contains("median") && !route.contains("12"), "{route}");
    let removal = item(&pack, "pornhub.content-removal");
    cites(&pack, &removal.sources, "pornhub-removal");
    assert!(removal.text.en.contains("pornhub.com/content-removal") && removal.text.en.contains("verified"));
    assert_eq!(pornhub.preservation.days, None);
    assert!(says_to_confirm(&pornhub.preservation.verify));
}

#[test]
fn xhamster_is_hammy_media_and_no_mirror_is_recognised() {
    // xhamster-press: press reports; no law-enforcement guide found, mirrors not confirmed.
    let pack = pack();
    let xhamster = guide(&pack, Platform::Xhamster);
    cites(&pack, &xhamster.sources, "xhamster-press");
    assert!(xhamster.provider.en.contains("Hammy Media Ltd (Cyprus)"));
    assert!(says_to_confirm(&xhamster.verify));
    let mirrors = item(&pack, "xhamster.mirrors");
    assert!(mirrors.text.en.contains("recognises only xhamster.com"));
    // The parser agrees with the pack.
    for mirror in [
        "https://xhamster2.com/videos/some-title-xhABC12",
        "xhamster.desi/users/someone",
    ] {
        assert_eq!(
            Identifier::parse(mirror, None),
            Err(ParseError::UnknownSite),
            "{mirror}"
        );
    }
}

#[test]
fn take_it_down_is_for_images_taken_before_18_and_not_on_encrypted_platforms() {
    // take-it-down: takeitdown.ncmec.org FAQ.
    let pack = pack();
    let ids = [
        "sextortion.advice-take-it-down",
        "grooming.advice-take-it-down",
        "csam.advice-take-it-down",
    ];
    for id in ids {
        let advice = item(&pack, id);
        cites(&pack, &advice.sources, "take-it-down");
        assert!(
            advice
                .text
                .en
                .contains("does not work on end-to-end encrypted platforms"),
            "{id}"
        );
        assert!(
            !advice.text.en.starts_with("Under 18"),
            "{id}: eligibility is the age when taken"
        );
    }
    for id in ["sextortion.advice-take-it-down", "csam.advice-take-it-down"] {
        assert!(item(&pack, id).text.en.contains("an adult now"), "{id}");
    }
}

#[test]
fn stopncii_is_for_adults_and_hashes_on_the_victims_device() {
    // stopncii: stopncii.org / SWGfL.
    let pack = pack();
    for id in ["sextortion.advice-stopncii", "intimate.advice-stopncii"] {
        let advice = item(&pack, id);
        cites(&pack, &advice.sources, "stopncii");
        assert!(advice.text.en.contains("18 or over"), "{id}");
        assert!(advice.text.en.contains("hashed on your own device"), "{id}");
    }
}

#[test]
fn sletdet_serves_children_and_young_people_and_an_adult_service_is_to_be_confirmed() {
    // sletdet: redbarnet.dk.
    let pack = pack();
    for id in ["sextortion.advice-sletdet", "intimate.advice-sletdet"] {
        let advice = item(&pack, id);
        cites(&pack, &advice.sources, "sletdet");
        assert!(advice.text.en.starts_with("Children and young people"), "{id}");
        assert!(says_to_confirm(&advice.verify), "{id}");
    }
}

#[test]
fn the_prosecution_question_of_264_d_is_critical_and_points_to_the_field() {
    // straffeloven-275: § 264 d is prosecuted publicly only at the victim's request (§ 275, stk. 2).
    let pack = pack();
    let step = item(&pack, "intimate.prosecution");
    cites(&pack, &step.sources, "straffeloven-275");
    assert!(step.critical);
    assert!(step.text.da.contains("§ 275, stk. 2") && step.text.en.contains("§ 275(2)"));
    assert!(step.text.en.contains("\"Prosecution\" field"));
    let case = pack.case(CaseType::IntimateImageSharing).unwrap();
    assert!(case.steps.iter().any(|s| s.id == "intimate.prosecution"));
}

#[test]
fn danish_numbers_112_and_114_are_confirmed_and_the_spoc_line_is_not() {
    // dk-112: politi.dk "Kontakt politiet".
    let pack = pack();
    let alarm = pack.contact("alarm-112").unwrap();
    assert_eq!(alarm.phone, "112");
    cites(&pack, &alarm.sources, "dk-112");
    let duty = pack.emergency_contact().unwrap();
    assert_eq!(duty.phone, "114");
    cites(&pack, &duty.sources, "dk-112");
    assert!(
        says_to_confirm(&duty.verify),
        "no public direct number for the NCIK SPOC was found"
    );
}

#[test]
fn encrypted_chats_exist_only_on_the_devices() {
    // facts-corrections, missing 1; whatsapp-le; snap-le-2025.
    let pack = pack();
    let step = item(&pack, "common.encrypted-chats");
    assert!(step.critical);
    cites(&pack, &step.sources, "facts-corrections");
    assert!(pack.common_steps.iter().any(|s| s.id == step.id));
    for words in ["WhatsApp", "Messenger", "opened Snaps"] {
        assert!(step.text.en.contains(words), "{words}");
    }
    cites(
        &pack,
        &item(&pack, "facebook.messenger-encrypted").sources,
        "facts-corrections",
    );
    cites(
        &pack,
        &item(&pack, "snapchat.opened-snaps").sources,
        "snap-le-2025",
    );
}

#[test]
fn a_cybertipline_report_id_belongs_in_every_request() {
    // facts-corrections, missing 2; meta-le (Meta asks for it).
    let pack = pack();
    let step = item(&pack, "common.cybertip-id");
    cites(&pack, &step.sources, "meta-le");
    assert!(step.text.en.contains("CyberTipline") && step.text.en.contains("every request"));
}

#[test]
fn the_identifiers_worth_asking_for_are_asked_for() {
    // facts-corrections, missing 3: Snapchat user ID; TikTok user ID and video ID; the Instagram
    // username with the date seen; usernames change (TikTok every 30 days, Snapchat once a year).
    let pack = pack();
    let asks = |platform, kind| {
        guide(&pack, platform)
            .identifiers
            .iter()
            .any(|need| need.kinds.contains(&kind))
    };
    assert!(asks(Platform::Snapchat, IdentifierKind::UserId));
    assert!(asks(Platform::Tiktok, IdentifierKind::UserId));
    assert!(asks(Platform::Tiktok, IdentifierKind::ContentUrl));
    let instagram = &guide(&pack, Platform::Instagram).identifiers[0];
    assert!(instagram.why.en.contains("date it was seen"));
    let changes = item(&pack, "tiktok.username-changes");
    assert!(changes.text.en.contains("every 30 days"));
    cites(&pack, &changes.sources, "facts-corrections");
    assert!(item(&pack, "common.identifiers")
        .text
        .en
        .contains("Snapchat once a year"));
    cites(&pack, &item(&pack, "instagram.username-date").sources, "meta-le");
    // The parser takes the Snapchat user ID as its own identifier.
    let id = Identifier::parse("8f2a1c3e-4b5d-4e6f-9a7b-0c1d2e3f4a5b", Some(Platform::Snapchat)).unwrap();
    assert_eq!(id.kind, IdentifierKind::UserId);
}

#[test]
fn capture_first_then_block_and_say_snap_has_not_confirmed_it() {
    // facts-corrections, missing 4.
    let pack = pack();
    let steps = &pack.case(CaseType::Sextortion).unwrap().steps;
    let first = steps
        .iter()
        .position(|s| s.id == "sextortion.capture-before-blocking")
        .unwrap();
    let advise = steps.iter().position(|s| s.id == "sextortion.advise").unwrap();
    assert!(first < advise, "capture comes before the advice to block");
    let step = &steps[first];
    assert!(step.critical);
    cites(&pack, &step.sources, "facts-corrections");
    assert!(step.verify.as_ref().unwrap().en.contains("not confirmed by Snap"));
    let note = item(&pack, "snapchat.blocking");
    assert_eq!(note.verify.as_ref().unwrap().en, "Not confirmed by Snap.");
    assert!(item(&pack, "sextortion.dont-delete")
        .text
        .en
        .starts_with("Block only once the chat is captured"));
}

#[test]
fn dates_are_written_with_the_month_in_words() {
    // facts-corrections, missing 5: providers answer in UTC; 01/03 is 3 January to a US provider.
    let pack = pack();
    let step = item(&pack, "common.dates-written-out");
    cites(&pack, &step.sources, "facts-corrections");
    assert!(step.text.en.contains("1 March 2026") && step.text.en.contains("UTC"));
    assert!(step.text.da.contains("1. marts 2026"));
}

#[test]
fn every_new_source_has_a_title_with_its_date() {
    let pack = pack();
    let new = [
        "facts-corrections",
        "tiktok-le-2026",
        "tiktok-username",
        "snap-le-2025",
        "meta-le",
        "x-le",
        "youtube-terms-eea",
        "google-emergency",
        "youtube-handles",
        "whatsapp-privacy-eea",
        "whatsapp-le",
        "discord-le",
        "telegram-privacy",
        "telegram-dsa",
        "telegram-faq",
        "aylo-le",
        "pornhub-removal",
        "xhamster-press",
        "take-it-down",
        "stopncii",
        "sletdet",
        "dk-112",
    ];
    for id in new {
        let source = pack.source(id).unwrap_or_else(|| panic!("{id}"));
        let dated = ["2024", "2025", "2026"].iter().any(|y| source.title.contains(y));
        assert!(dated, "{id}: {}", source.title);
    }
}

#[test]
fn the_pack_is_version_2_in_both_languages() {
    let pack = pack();
    assert_eq!(pack.version, 2);
    assert_eq!(pack.published, "2026-12-01");
    for (_, _, item) in pack.items() {
        assert!(!item.text.get(Lang::Da).is_empty() && !item.text.get(Lang::En).is_empty());
    }
}
