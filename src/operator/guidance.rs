use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::desk::Role;
use spoc_core::guidance::{ChangeKind, PackDiff, PublishedPack};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

use super::{api, fetched, when, DeskGate};
use crate::api::CallError;
use crate::components::{call_error, error_note};
use crate::i18n::{use_lang, Lang};

/// `/desk/guidance`: the SPOC publishes the pack officers read. A file is checked and compared with
/// what devices have now before it can be published; every version stays listed, downloadable, and
/// comparable with any other. spoc-core checks and compares (on the desk); this page only shows.
#[component]
pub fn GuidancePacksPage() -> impl IntoView {
    view! { <DeskGate role=Role::Spoc also=Role::Admin><Packs/></DeskGate> }
}

/// The page's own words: the desk bundle's only, so they cost the officer's phone nothing.
#[derive(Clone, Copy)]
enum W {
    Title,
    DevicesGet,
    Publish,
    PublishHelp,
    ChooseFile,
    NotNewer,
    PublishVersion,
    Published,
    Versions,
    Version,
    Dated,
    PublishedAt,
    By,
    Download,
    Compare,
    From,
    To,
    Show,
    Both,
    Danish,
    English,
    Summary,
    Added,
    Removed,
    Changed,
    NoChanges,
    Before,
    After,
    Unreadable,
}

fn w(word: W, lang: Lang) -> &'static str {
    let (da, en) = match word {
        W::Title => ("Vejledningspakker", "Guidance packs"),
        W::DevicesGet => ("Enhederne får nu version", "Devices now get version"),
        W::Publish => ("Udgiv en ny pakke", "Publish a new pack"),
        W::PublishHelp => (
            "Vælg pakkefilen (JSON). Den kontrolleres og sammenlignes med den gældende version, før du udgiver. Enhederne henter den ved næste forbindelse; den indbyggede pakke gælder, indtil en nyere er kommet.",
            "Choose the pack file (JSON). It is checked and compared with the current version before you publish. Devices fetch it at their next connection; the built-in pack applies until a newer one has arrived.",
        ),
        W::ChooseFile => ("Pakkefil", "Pack file"),
        W::NotNewer => (
            "Versionen er ikke nyere end den udgivne: hæv versionsnummeret.",
            "The version is not newer than the published one: raise the version number.",
        ),
        W::PublishVersion => ("Udgiv version", "Publish version"),
        W::Published => ("Udgivet: version", "Published: version"),
        W::Versions => ("Alle versioner", "Every version"),
        W::Version => ("Version", "Version"),
        W::Dated => ("Dateret", "Dated"),
        W::PublishedAt => ("Udgivet", "Published"),
        W::By => ("Af", "By"),
        W::Download => ("Hent", "Download"),
        W::Compare => ("Hvad er ændret", "What changed"),
        W::From => ("Fra version", "From version"),
        W::To => ("Til version", "To version"),
        W::Show => ("Vis", "Show"),
        W::Both => ("begge sprog", "both languages"),
        W::Danish => ("dansk", "Danish"),
        W::English => ("engelsk", "English"),
        W::Summary => ("tilføjet · fjernet · ændret", "added · removed · changed"),
        W::Added => ("tilføjet", "added"),
        W::Removed => ("fjernet", "removed"),
        W::Changed => ("ændret", "changed"),
        W::NoChanges => ("Ingen ændringer.", "No changes."),
        W::Before => ("før", "before"),
        W::After => ("nu", "now"),
        W::Unreadable => ("Filen kan ikke læses.", "The file cannot be read."),
    };
    if lang == Lang::En {
        en
    } else {
        da
    }
}

fn wr(word: W) -> impl Fn() -> &'static str + Copy {
    let lang = use_lang();
    move || w(word, lang.get())
}

/// A file chosen, checked by the desk and compared with the current version, waiting to be
/// published.
#[derive(Clone)]
struct Candidate {
    text: String,
    newer: bool,
    diff: PackDiff,
}

#[component]
fn Packs() -> impl IntoView {
    let lang = use_lang();
    // Bumped after a publication, so the list is asked again.
    let published = RwSignal::new(0u32);
    let list = fetched(move || {
        published.track();
        api::guidance_packs()
    });
    let candidate = RwSignal::new(None::<Candidate>);
    let problem = RwSignal::new(None::<CallError>);
    let unreadable = RwSignal::new(false);
    let done = RwSignal::new(None::<PublishedPack>);

    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        let file: Option<File> = input.files().and_then(|list| list.get(0));
        input.set_value("");
        candidate.set(None);
        problem.set(None);
        done.set(None);
        unreadable.set(false);
        let Some(file) = file else { return };
        spawn_local(async move {
            let Some(text) = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) else {
                unreadable.set(true);
                return;
            };
            match api::preview_pack(&text).await {
                Ok(preview) => candidate.set(Some(Candidate {
                    text,
                    newer: preview.newer,
                    diff: preview.diff,
                })),
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let publish = move |_| {
        let Some(chosen) = candidate.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match api::publish_pack(&chosen.text).await {
                Ok(info) => {
                    candidate.set(None);
                    done.set(Some(info));
                    published.update(|n| *n += 1);
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };

    let versions = move || match list.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Err(e)) => error_note(&e, lang.get()).into_any(),
        Some(Ok(packs)) => versions_view(packs, lang.get()).into_any(),
    };
    let current = move || {
        let newest = list.get().and_then(Result::ok)?.into_iter().next()?;
        Some(view! {
            <p data-testid="current-pack">
                {wr(W::DevicesGet)}" "<strong>{newest.version}</strong>" ("{wr(W::Dated)}" "{newest.published.clone()}")"
            </p>
        })
    };
    view! {
        <h1>{wr(W::Title)}</h1>
        {current}
        <section class="card" data-testid="publish-pack">
            <h2>{wr(W::Publish)}</h2>
            <p class="help">{wr(W::PublishHelp)}</p>
            <label for="pack-file">{wr(W::ChooseFile)}</label>
            <input id="pack-file" type="file" accept=".json,application/json" on:change=choose/>
            {move || unreadable.get().then(|| view! { <p class="error" role="alert">{wr(W::Unreadable)}</p> })}
            {call_error(problem)}
            {move || candidate.get().map(|c| {
                let version = c.diff.to_version;
                view! {
                    <div data-testid="pack-preview">
                        {diff_view("preview", c.diff.clone(), lang.get())}
                        {if c.newer {
                            view! {
                                <button type="button" class="primary big" data-testid="publish" on:click=publish>
                                    {wr(W::PublishVersion)}" "{version}
                                </button>
                            }.into_any()
                        } else {
                            view! { <p class="error" role="alert">{wr(W::NotNewer)}</p> }.into_any()
                        }}
                    </div>
                }
            })}
            {move || done.get().map(|info| view! {
                <p class="notice" role="status" data-testid="pack-published">
                    {wr(W::Published)}" "{info.version}" · "{when(&info.published_at)}
                </p>
            })}
        </section>
        <section class="card">
            <h2>{wr(W::Versions)}</h2>
            {versions}
        </section>
        {move || list.get().and_then(Result::ok).filter(|p| p.len() >= 2).map(|packs| view! { <Compare packs=packs/> })}
    }
}

fn versions_view(packs: Vec<PublishedPack>, lang: Lang) -> impl IntoView {
    view! {
        <table class="packs" data-testid="pack-versions">
            <thead><tr>
                <th scope="col">{w(W::Version, lang)}</th>
                <th scope="col">{w(W::Dated, lang)}</th>
                <th scope="col">{w(W::PublishedAt, lang)}</th>
                <th scope="col">{w(W::By, lang)}</th>
                <th scope="col">"SHA-256"</th>
                <th scope="col"><span class="visually-hidden">{w(W::Download, lang)}</span></th>
            </tr></thead>
            <tbody>
                {packs.into_iter().map(|p| view! {
                    <tr data-version=p.version>
                        <td>{p.version}</td>
                        <td>{p.published.clone()}</td>
                        <td>{when(&p.published_at)}</td>
                        <td class="value">{p.published_by.clone()}</td>
                        <td><code class="value">{p.sha256.chars().take(12).collect::<String>()}"…"</code></td>
                        <td><a class="button" href=api::guidance_pack_url(p.version) download>{w(W::Download, lang)}</a></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Two versions side by side, the newest against the one before by default.
#[component]
fn Compare(packs: Vec<PublishedPack>) -> impl IntoView {
    let lang = use_lang();
    let to = RwSignal::new(packs[0].version);
    let from = RwSignal::new(packs[1].version);
    let diff = fetched(move || {
        let (from, to) = (from.get(), to.get());
        api::guidance_diff(from, to)
    });
    let select = |id: &'static str, label: W, value: RwSignal<u32>, packs: &[PublishedPack]| {
        let options = packs
            .iter()
            .map(|p| {
                let v = p.version;
                view! { <option value=v.to_string() selected=move || value.get() == v>{v}</option> }
            })
            .collect_view();
        view! {
            <label for=id>{wr(label)}</label>
            <select id=id on:change=move |ev| {
                if let Ok(v) = event_target_value(&ev).parse() { value.set(v) }
            }>{options}</select>
        }
    };
    view! {
        <section class="card" data-testid="pack-compare">
            <h2>{wr(W::Compare)}</h2>
            <div class="compare-versions">
                {select("diff-from", W::From, from, &packs)}
                {select("diff-to", W::To, to, &packs)}
            </div>
            {move || match diff.get() {
                None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
                Some(Err(e)) => error_note(&e, lang.get()).into_any(),
                Some(Ok(d)) => diff_view("compare", d, lang.get()).into_any(),
            }}
        </section>
    }
}

/// The changes: how many, then each subject with its fields, before and after, one language or both.
fn diff_view(id: &'static str, diff: PackDiff, lang: Lang) -> impl IntoView {
    let only = RwSignal::new(None::<Lang>);
    let summary = format!(
        "{} → {}: {} {} · {} {} · {} {} (da {}, en {})",
        diff.from_version,
        diff.to_version,
        diff.count(ChangeKind::Added),
        w(W::Added, lang),
        diff.count(ChangeKind::Removed),
        w(W::Removed, lang),
        diff.count(ChangeKind::Changed),
        w(W::Changed, lang),
        diff.changed_in(Lang::Da),
        diff.changed_in(Lang::En),
    );
    let changes = StoredValue::new(diff.changes);
    let show = move |ev| {
        only.set(match event_target_value(&ev).as_str() {
            "da" => Some(Lang::Da),
            "en" => Some(Lang::En),
            _ => None,
        })
    };
    view! {
        <div class="diff" data-testid="pack-diff">
            <p class="meta" data-testid="diff-summary" title=w(W::Summary, lang)>{summary}</p>
            <label for=format!("{id}-lang")>{w(W::Show, lang)}</label>
            <select id=format!("{id}-lang") on:change=show>
                <option value="">{w(W::Both, lang)}</option>
                <option value="da">{w(W::Danish, lang)}</option>
                <option value="en">{w(W::English, lang)}</option>
            </select>
            {move || {
                let only = only.get();
                let list = changes.with_value(|changes| {
                    changes
                        .iter()
                        .filter(|c| only.is_none() || c.kind != ChangeKind::Changed || c.fields.iter().any(|f| f.lang.is_none_or(|l| Some(l) == only)))
                        .map(|c| {
                            let kind = match c.kind {
                                ChangeKind::Added => W::Added,
                                ChangeKind::Removed => W::Removed,
                                ChangeKind::Changed => W::Changed,
                            };
                            let fields = c.fields.iter()
                                .filter(|f| only.is_none() || f.lang.is_none_or(|l| Some(l) == only))
                                .map(|f| {
                                    let tag = f.lang.map(|l| if l == Lang::En { " [en]" } else { " [da]" }).unwrap_or_default();
                                    view! {
                                        <li>
                                            <strong>{f.field.clone()}{tag}</strong>
                                            {f.before.clone().map(|b| view! { <br/><span class="meta">{w(W::Before, lang)}": "</span><del class="value">{b}</del> })}
                                            {f.after.clone().map(|a| view! { <br/><span class="meta">{w(W::After, lang)}": "</span><ins class="value">{a}</ins> })}
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <li data-subject=c.subject.clone() data-kind=format!("{:?}", c.kind).to_lowercase()>
                                    <span class="badge">{w(kind, lang)}</span>" "<code>{c.subject.clone()}</code>
                                    " "<span class="meta">{c.place.clone()}</span>
                                    <ul class="plain">{fields}</ul>
                                </li>
                            }
                        })
                        .collect::<Vec<_>>()
                });
                if list.is_empty() {
                    view! { <p class="muted">{w(W::NoChanges, lang)}</p> }.into_any()
                } else {
                    view! { <ul class="plain changes">{list}</ul> }.into_any()
                }
            }}
        </div>
    }
}
