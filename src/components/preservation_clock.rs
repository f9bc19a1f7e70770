use leptos::prelude::*;
use spoc_core::guidance::GuidancePack;
use spoc_core::preservation::{unix_ms, utc_text, ClockState, PreservationClock};
use spoc_core::{Lang, Platform, ZonedTime};

use crate::clock;
use crate::components::verify_view;
use crate::i18n::T;

/// When a preservation request made at `requested_at` runs out, in the device's zone and in UTC, how
/// many days are left, and until when one extension would keep it. Where the pack knows no period,
/// it says so in its own words instead of inventing a date.
pub fn preservation_clock(
    pack: &GuidancePack,
    platform: Platform,
    requested_at: &ZonedTime,
    lang: Lang,
) -> Option<AnyView> {
    let rule = &pack.platform(platform)?.preservation;
    let view = match PreservationClock::start(rule, requested_at).ok()? {
        Some(c) => {
            let state = match c.state_at_unix_ms(clock::now_ms()) {
                ClockState::Running { days_left } => format!("{days_left} {}", T::DaysLeft.text(lang)),
                ClockState::RenewNow { days_left } => {
                    format!(
                        "{days_left} {} · {}",
                        T::DaysLeft.text(lang),
                        T::RenewNow.text(lang)
                    )
                }
                ClockState::Expired => T::Expired.text(lang).to_string(),
            };
            let expires = unix_ms(c.expires);
            view! {
                <p class="clock" data-testid="preservation-clock" data-expires-utc=utc_text(c.expires)>
                    <strong>{T::Expires.text(lang)}": "{clock::display_instant(expires)}</strong>
                    " · "{utc_text(c.expires)}" · "{state}
                    {c.extended_until.map(|until| view! {
                        <br/>{T::IfExtended.text(lang)}": "{clock::display_instant(unix_ms(until))}
                    })}
                </p>
            }
            .into_any()
        }
        None => view! {
            <div class="clock unknown" data-testid="preservation-clock">
                // The pack's reason, not a second "no known period" beside its "to be confirmed".
                <p>{rule.basis.get(lang).to_string()}</p>
                {verify_view(rule.verify.as_ref(), lang)}
            </div>
        }
        .into_any(),
    };
    Some(view)
}
