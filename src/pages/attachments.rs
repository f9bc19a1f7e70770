use base64::Engine;
use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::canonical::sha256_hex;
use spoc_core::capture::Attachment;
use spoc_core::validate::{MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES};
use spoc_core::CaseType;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

use crate::draft::Draft;
use crate::i18n::{tr, use_lang, T};

/// Photos and recordings the officer attaches (a screenshot of a demand, a recording of a threat).
/// For child sexual abuse material there is no file picker at all, and the reason is given; should a
/// draft already hold files when that case type is chosen, they are listed with a button to remove
/// them, and spoc-core refuses to seal the capture until they are gone.
#[component]
pub fn AttachmentsField(draft: RwSignal<Draft>) -> impl IntoView {
    let lang = use_lang();
    let csam = Memo::new(move |_| draft.with(|d| d.case_type == Some(CaseType::ChildSexualAbuseMaterial)));
    let problem = RwSignal::new(None::<String>);

    let add = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        let files: Vec<File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        input.set_value(""); // the same file can be chosen again after a removal
        problem.set(None);
        spawn_local(async move {
            for file in files {
                match read(&file, draft).await {
                    Ok(attachment) => draft.update(|d| d.attachments.push(attachment)),
                    Err(why) => {
                        let lang = lang.get_untracked();
                        let why = why.text(lang);
                        problem.set(Some(format!("{}: {why}", T::AttachmentRefused.text(lang))));
                        return;
                    }
                }
            }
        });
    };

    view! {
        <div data-testid="attachments">
            {move || if csam.get() {
                view! { <p class="refusal" role="note" data-testid="csam-refusal">{tr(T::CsamNoAttachments)}</p> }
                    .into_any()
            } else {
                view! {
                    <p class="help">{tr(T::AttachHelp)}</p>
                    <label class="button" for="attach-file">{tr(T::AttachFile)}</label>
                    <input id="attach-file" class="visually-hidden" type="file" multiple
                        accept="image/*,video/*,audio/*" on:change=add/>
                }
                .into_any()
            }}
            <ul class="plain">
                {move || draft.with(|d| d.attachments.iter().enumerate().map(|(i, a)| view! {
                    <li>
                        <span class="value">{a.name.clone()}</span>
                        " · "{format!("{} KB", a.size.div_ceil(1024))}" · "{a.media_type.clone()}" "
                        <button type="button" class="secondary"
                            on:click=move |_| draft.update(|d| { d.attachments.remove(i); })>
                            {tr(T::Remove)}
                        </button>
                    </li>
                }).collect_view())}
            </ul>
            {move || (csam.get() && draft.with(|d| !d.attachments.is_empty())).then(|| view! {
                <button type="button" class="primary" on:click=move |_| draft.update(|d| d.attachments.clear())>
                    {tr(T::RemoveAttachments)}
                </button>
            })}
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </div>
    }
}

/// Reads one file into an attachment, refusing what spoc-core would refuse before it is read.
async fn read(file: &File, draft: RwSignal<Draft>) -> Result<Attachment, T> {
    let media_type = file.type_();
    if !["image/", "video/", "audio/"]
        .iter()
        .any(|m| media_type.starts_with(m))
    {
        return Err(T::AttachOnlyMedia);
    }
    let (count, held) = draft.with_untracked(|d| {
        (
            d.attachments.len(),
            d.attachments.iter().map(|a| a.size).sum::<u64>(),
        )
    });
    let size = file.size() as u64;
    if count >= MAX_ATTACHMENTS || held + size > MAX_ATTACHMENT_BYTES {
        return Err(T::AttachTooMuch);
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| T::AttachUnreadable)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Ok(Attachment {
        name: file.name(),
        media_type,
        size: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
        data: base64::engine::general_purpose::STANDARD.encode(&bytes),
    })
}
