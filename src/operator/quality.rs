//! A capture's findings (spoc-core's `quality`): what the first assessment must still get or check.
//! Captured text is shown as text only.

use leptos::prelude::*;
use spoc_core::quality::Finding;

use super::words::W;
use crate::i18n::Lang;

/// The findings of one capture, as a list with one line per finding.
pub fn findings_view(findings: Vec<Finding>, lang: Lang) -> impl IntoView {
    let count = findings.len();
    view! {
        <section class="card" data-testid="findings" data-count=count>
            <h2>{W::Findings.text(lang)}" ("{count}")"</h2>
            <p class="help">{W::FindingsHelp.text(lang)}</p>
            {(count == 0).then(|| view! { <p class="muted">{W::NoFindings.text(lang)}</p> })}
            <ul class="list">
                {findings.into_iter().map(|f| view! { <li data-kind=kind_code(&f)>{line(&f, lang)}</li> }).collect_view()}
            </ul>
        </section>
    }
}

fn kind_code(finding: &Finding) -> &'static str {
    match finding {
        Finding::MissingIdentifier { .. } => "missing_identifier",
        Finding::UnresolvedShortLink { .. } => "unresolved_short_link",
        Finding::TimeWithoutZone { .. } => "time_without_zone",
        Finding::DisplayNameAsText { .. } => "display_name_as_text",
        Finding::NoPreservation { .. } => "no_preservation",
        Finding::ProsecutionAnswerMissing => "prosecution_answer_missing",
        Finding::ProsecutionAnswerNotYetKnown => "prosecution_answer_not_yet_known",
    }
}

fn line(finding: &Finding, lang: Lang) -> String {
    match finding {
        Finding::MissingIdentifier { platform, kinds } => {
            let kinds: Vec<&str> = kinds.iter().map(|k| k.label(lang)).collect();
            format!(
                "{} · {}: {}",
                W::MissingIdentifier.text(lang),
                platform.name(lang),
                kinds.join(" / ")
            )
        }
        Finding::UnresolvedShortLink { platform, raw } => {
            format!(
                "{} · {}: {raw}",
                W::UnresolvedShortLink.text(lang),
                platform.name(lang)
            )
        }
        Finding::TimeWithoutZone { field } => format!("{} · {field}", W::TimeWithoutZone.text(lang)),
        Finding::DisplayNameAsText { field } => format!("{} · {field}", W::DisplayNameAsText.text(lang)),
        Finding::NoPreservation { platform } => {
            format!("{} · {}", W::NoPreservation.text(lang), platform.name(lang))
        }
        Finding::ProsecutionAnswerMissing => W::ProsecutionMissing.text(lang).into(),
        Finding::ProsecutionAnswerNotYetKnown => W::ProsecutionNotYetKnown.text(lang).into(),
    }
}
