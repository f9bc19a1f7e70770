//! `GET /desk/events`: server-sent events telling open inboxes that a capture arrived or changed, on
//! this desk or on any other desk on the same database. Events carry ids only; the view reloads what
//! it shows through the journalled endpoints.
//!
//! Each event's `id:` is the number of the journal entry that recorded it, and journal numbers follow
//! the commits: a browser that reconnects with `Last-Event-ID` (EventSource does that by itself) is
//! first told, from the journal, every event it missed, then what happens next. One that missed more
//! than [`MAX_REPLAY`] gets one `resync` event instead and should reload. The stream ends within
//! [`SESSION_CHECK`] of its session ending (sign-out, expiry, a disabled account).

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use futures_util::StreamExt;
use spoc_core::api::ErrorBody;
use tokio_stream::wrappers::BroadcastStream;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Spoc;
use crate::error::AppError;
use crate::store::{Live, LiveEvent};
use crate::AppState;

pub const SESSION_CHECK: Duration = Duration::from_secs(5);
/// A browser that missed more than this many events reloads rather than being told each.
pub const MAX_REPLAY: i64 = 500;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(events))
}

/// A stream of `capture` events (`id:` the event's number, data: `InboxEvent` JSON). Send the last
/// id seen as `Last-Event-ID` to be told what was missed first. A view that fell too far behind gets
/// one `resync` event and should reload.
#[utoipa::path(get, path = "/desk/events", tag = "desk",
    params(("Last-Event-ID" = Option<i64>, Header, description = "The id of the last event seen: what came after it is sent first")),
    responses(
        (status = 200, description = "text/event-stream of `capture` and `resync` events", content_type = "text/event-stream"),
        (status = 400, description = "A Last-Event-ID that is not an event id", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 429, description = "This session already holds the most open streams (`too_many_streams`)", body = ErrorBody),
        (status = 503, description = "Storage unavailable (catching up); retry", body = ErrorBody),
    ))]
async fn events(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let last_seen = last_event_id(&headers)?;
    let slot = state
        .streams
        .take(&caller.session.token_hash)
        .ok_or(AppError::TooManyStreams)?;
    // Subscribed before reading what was missed, so nothing committed in between falls through; what
    // both deliver is told once.
    let live = BroadcastStream::new(state.store.subscribe());
    let (missed, resync) = match last_seen {
        None => (Vec::new(), false),
        Some(after) => match state.store.events_since(after, MAX_REPLAY).await? {
            Some(missed) => (missed, false),
            None => (Vec::new(), true),
        },
    };
    let told_up_to = missed.last().map(|e| e.seq).or(last_seen).unwrap_or(0);
    let catch_up: Vec<Event> = resync
        .then(resync_event)
        .into_iter()
        .chain(missed.iter().map(capture_event))
        .collect();
    let catch_up = stream::iter(catch_up);
    let live = live.filter_map(move |message| async move {
        match message {
            Ok(Live::Event(event)) if event.seq <= told_up_to => None,
            Ok(Live::Event(event)) => Some(capture_event(&event)),
            // This desk's listener, or this stream, fell behind.
            Ok(Live::Resync) | Err(_) => Some(resync_event()),
        }
    });

    let (store, policy, token_hash) = (state.store.clone(), state.sessions, caller.session.token_hash);
    let session_ended = async move {
        loop {
            tokio::time::sleep(SESSION_CHECK).await;
            if !matches!(store.session_alive(&token_hash, policy).await, Ok(true)) {
                break;
            }
        }
    };
    let stream = catch_up
        .chain(live)
        .map(move |event| {
            // The slot lives as long as the stream: dropped with it when it ends or the browser leaves.
            let _held = &slot;
            Ok(event)
        })
        .take_until(Box::pin(session_ended));
    // Keep-alives stop proxies from closing a quiet stream.
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

fn capture_event(event: &LiveEvent) -> Event {
    Event::default()
        .id(event.seq.to_string())
        .event("capture")
        .json_data(&event.event)
        .unwrap_or_else(|_| resync_event())
}

fn resync_event() -> Event {
    Event::default().event("resync").data("")
}

/// `Last-Event-ID`, if sent: an event's number.
fn last_event_id(headers: &HeaderMap) -> Result<Option<i64>, AppError> {
    let Some(value) = headers.get("last-event-id") else {
        return Ok(None);
    };
    if value.is_empty() {
        return Ok(None);
    }
    value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|text| !text.is_empty() && text.len() <= 19 && text.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|text| text.parse::<i64>().ok())
        .map(Some)
        .ok_or(AppError::BadQuery {
            field: "Last-Event-ID",
            message: "an event id is the number an event of this stream carried".into(),
        })
}
