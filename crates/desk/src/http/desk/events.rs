//! `GET /desk/events`: server-sent events telling open inboxes that a capture arrived or changed.
//! Events carry ids only; the view reloads what it shows through the journalled endpoints. The stream
//! ends within [`SESSION_CHECK`] of its session ending (sign-out, expiry, a disabled account).

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use futures_util::StreamExt;
use spoc_core::api::ErrorBody;
use tokio_stream::wrappers::BroadcastStream;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Spoc;
use crate::error::AppError;
use crate::AppState;

pub const SESSION_CHECK: Duration = Duration::from_secs(5);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(events))
}

/// A stream of `capture` events (data: `InboxEvent` JSON). A view that fell behind gets one
/// `resync` event and should reload.
#[utoipa::path(get, path = "/desk/events", tag = "desk",
    responses(
        (status = 200, description = "text/event-stream of `capture` and `resync` events", content_type = "text/event-stream"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 429, description = "This session already holds the most open streams (`too_many_streams`)", body = ErrorBody),
    ))]
async fn events(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let slot = state
        .streams
        .take(&caller.session.token_hash)
        .ok_or(AppError::TooManyStreams)?;
    let (store, policy, token_hash) = (state.store.clone(), state.sessions, caller.session.token_hash);
    let session_ended = async move {
        loop {
            tokio::time::sleep(SESSION_CHECK).await;
            if !matches!(store.session_alive(&token_hash, policy).await, Ok(true)) {
                break;
            }
        }
    };
    let stream = BroadcastStream::new(state.events.subscribe())
        .map(move |message| {
            // The slot lives as long as the stream: dropped with it when it ends or the browser leaves.
            let _held = &slot;
            Ok(match message {
                Ok(event) => Event::default()
                    .event("capture")
                    .json_data(&event)
                    .unwrap_or_else(|_| Event::default().event("resync").data("")),
                Err(_lagged) => Event::default().event("resync").data(""),
            })
        })
        .take_until(Box::pin(session_ended));
    // Keep-alives stop proxies from closing a quiet stream.
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
