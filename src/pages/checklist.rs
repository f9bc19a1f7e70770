use leptos::prelude::*;
use spoc_core::CaseType;

use crate::clock;
use crate::components::{item_view, verify_view};
use crate::draft::Draft;
use crate::guidance::use_guidance;
use crate::i18n::{tr, use_lang, T};

/// The case type's checklist inside the capture: its "don't" items first, then each step with a box
/// to tick. A tick records the time (with the device's zone) and takes an optional note; both go
/// into the capture. The list is rebuilt only when the case type, pack or language changes, so
/// typing a note never loses focus.
#[component]
pub fn ChecklistField(draft: RwSignal<Draft>) -> impl IntoView {
    let pack = use_guidance();
    let lang = use_lang();
    let case_type = Memo::new(move |_| draft.with(|d| d.case_type));
    move || {
        let lang = lang.get();
        let Some(case_type) = case_type.get() else {
            return view! { <p class="muted">{T::ChooseCaseFirst.text(lang)}</p> }.into_any();
        };
        let Some(pack) = pack.get() else {
            return ().into_any();
        };
        let donts = pack.case(case_type).map(|c| c.donts.clone()).unwrap_or_default();
        let items: Vec<_> = pack.checklist(case_type).into_iter().cloned().collect();
        view! {
            {(!donts.is_empty()).then(|| view! {
                <section class="card donts" data-testid="donts">
                    <h2>{T::Donts.text(lang)}</h2>
                    <ul class="plain">{donts.iter().map(|i| item_view(i, lang)).collect_view()}</ul>
                </section>
            })}
            <fieldset class="checklist" data-testid="checklist">
                // The step's summary shows the same word: the legend is for screen readers only.
                <legend class="visually-hidden">{T::Checklist.text(lang)}</legend>
                <p class="help">{T::ChecklistHelp.text(lang)}</p>
                <ol class="steps">
                    {items.into_iter().map(|item| check_item(draft, case_type, item, lang)).collect_view()}
                </ol>
            </fieldset>
        }
        .into_any()
    }
}

fn check_item(
    draft: RwSignal<Draft>,
    case_type: CaseType,
    item: spoc_core::guidance::Item,
    lang: spoc_core::Lang,
) -> impl IntoView {
    let id = item.id.clone();
    let tick = {
        let id = id.clone();
        Memo::new(move |_| draft.with(|d| d.ticks.iter().find(|t| t.item == id).cloned()))
    };
    let ticked = Memo::new(move |_| tick.with(Option::is_some));
    let input_id = format!("check-{}-{}", case_type.code(), id);
    let toggle = {
        let id = id.clone();
        move |ev| {
            let on = event_target_checked(&ev);
            draft.update(|d| d.set_ticked(&id, on, clock::now()));
        }
    };
    let note = move |ev| {
        let text = event_target_value(&ev);
        draft.update(|d| {
            d.ticks
                .iter_mut()
                .filter(|t| t.item == id)
                .for_each(|t| t.note = text.clone())
        });
    };
    view! {
        <li class="check-item" class:critical=item.critical data-item=item.id.clone()>
            <label class="choice" for=input_id.clone()>
                <input id=input_id.clone() type="checkbox" prop:checked=move || ticked.get() on:change=toggle/>
                <span>{item.text.get(lang).to_string()}</span>
                {item.critical.then(|| view! { <span class="badge">{T::Critical.text(lang)}</span> })}
            </label>
            {verify_view(item.verify.as_ref(), lang)}
            {move || ticked.get().then(|| {
                let note_id = format!("{input_id}-note");
                view! {
                    <p class="meta">
                        {tr(T::TickedAt)}" "{move || tick.with(|t| t.as_ref().map(|t| clock::display(&t.at)))}
                    </p>
                    <label for=note_id.clone()>{tr(T::TickNote)}</label>
                    <input id=note_id type="text" autocomplete="off"
                        prop:value=move || tick.with_untracked(|t| t.as_ref().map(|t| t.note.clone()))
                        on:input=note.clone()/>
                }
            })}
        </li>
    }
}
