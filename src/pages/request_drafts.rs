use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::guidance::{preservation_request, SERVICES};
use spoc_core::Capture;
use wasm_bindgen_futures::JsFuture;

use crate::guidance::use_guidance;
use crate::i18n::{tr, use_lang, T};

/// One English preservation-request draft per platform in the capture, each copied with one tap. The
/// text is also shown (read-only, selectable) so it can be copied by hand where the clipboard is
/// refused.
#[component]
pub fn RequestDrafts(capture: Capture) -> impl IntoView {
    let pack = use_guidance();
    let lang = use_lang();
    let mut platforms: Vec<_> = capture.identifiers.iter().map(|i| i.parsed.platform).collect();
    platforms.retain(|p| SERVICES.contains(p));
    platforms.sort_unstable();
    platforms.dedup();
    move || {
        let pack = pack.get()?;
        (!platforms.is_empty()).then(|| {
            view! {
                <section class="card" data-testid="request-drafts">
                    <h2>{tr(T::RequestDrafts)}</h2>
                    {platforms.iter().map(|&platform| {
                        let text = preservation_request(&pack, &capture, platform);
                        let copied = RwSignal::new(None::<bool>);
                        let copy = {
                            let text = text.clone();
                            move |_| {
                                let text = text.clone();
                                spawn_local(async move { copied.set(Some(copy_text(&text).await)) });
                            }
                        };
                        let id = format!("request-{}", platform.code());
                        view! {
                            <details>
                                <summary>{platform.name(lang.get())}</summary>
                                <button type="button" class="primary" on:click=copy data-testid=format!("copy-{}", platform.code())>
                                    {tr(T::Copy)}
                                </button>
                                <span role="status">{move || copied.get().map(|ok| if ok { tr(T::Copied)() } else { tr(T::CopyFailed)() })}</span>
                                <label for=id.clone() class="visually-hidden">{platform.name(lang.get())}</label>
                                <textarea id=id readonly rows="14" class="request-draft">{text}</textarea>
                            </details>
                        }
                    }).collect_view()}
                </section>
            }
        })
    }
}

async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}
