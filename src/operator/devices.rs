//! The admin's list of officers' devices, with revocation: "deliver first" lets a device send what it
//! still holds and then wipe itself; "discard" wipes it at its next contact and the desk refuses what
//! it still sends.

use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::device::Device;

use super::{api, fetched};
use crate::api::CallError;
use crate::components::{call_error, error_note};
use crate::i18n::{tr, use_lang, T};

#[component]
pub fn DevicesCard() -> impl IntoView {
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let error = RwSignal::new(None::<CallError>);
    let devices = fetched(move || {
        reload.track();
        api::devices()
    });
    let revoke = move |device_id: String, discard: bool| {
        spawn_local(async move {
            error.set(api::revoke_device(&device_id, discard).await.err());
            reload.update(|n| *n += 1);
        })
    };
    let row = move |d: Device| {
        let (id, id2) = (d.device_id.clone(), d.device_id.clone());
        let revoked = d.revoked_at.is_some().to_string();
        view! {
            <li data-id=d.device_id.clone() data-revoked=revoked>
                <p><strong>{d.owner}</strong>" · "<span class="value">{d.label}</span></p>
                <p class="meta">{tr(T::Registered)}" "{d.registered_at}</p>
                {match d.revoked_at {
                    Some(at) => view! {
                        <p class="meta">{tr(T::Revoked)}" "{at}" · "
                            {if d.discard_queue { tr(T::QueueDiscarded) } else { tr(T::QueueDeliveredFirst) }}</p>
                    }.into_any(),
                    None => view! {
                        <div class="actions">
                            <button type="button" class="secondary" data-action="revoke" on:click=move |_| revoke(id.clone(), false)>
                                {tr(T::RevokeDeliverFirst)}</button>
                            <button type="button" class="secondary danger" data-action="revoke-discard" on:click=move |_| revoke(id2.clone(), true)>
                                {tr(T::RevokeDiscard)}</button>
                        </div>
                    }.into_any(),
                }}
            </li>
        }
    };
    view! {
        <section class="card" data-testid="devices">
            <h2>{tr(T::Devices)}</h2>
            {call_error(error)}
            {move || match devices.get() {
                None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
                Some(Err(e)) => error_note(&e, lang.get()).into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{tr(T::NoDevices)}</p> }.into_any(),
                Some(Ok(list)) => view! { <ul class="accounts">{list.into_iter().map(row).collect_view()}</ul> }.into_any(),
            }}
        </section>
    }
}
