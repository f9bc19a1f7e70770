//! Every store operation has a bounded wait: IndexedDB can leave a request or a transaction pending
//! forever (a connection elsewhere holding an upgrade, a page frozen in the back/forward cache with a
//! transaction open, a storage backend that stopped answering), and the app must say so rather than
//! hang.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

use gloo_timers::future::TimeoutFuture;

use super::StoreError;

/// How long one store operation may take before it is given up, in ms. A strict write on a slow,
/// busy phone takes well under a second; this is for what never finishes.
pub const WAIT_LIMIT_MS: u32 = 10_000;

/// `op`, or [`StoreError::NotAnswering`] once `limit_ms` has passed. Giving up drops `op`, which
/// aborts its transaction if it has not asked to commit yet: nothing is half-written, and what was
/// stored before (the draft in particular) is still there.
pub(super) async fn within<R>(
    limit_ms: u32,
    mut op: Pin<&mut dyn Future<Output = Result<R, StoreError>>>,
) -> Result<R, StoreError> {
    let mut deadline = TimeoutFuture::new(limit_ms);
    poll_fn(|cx| match op.as_mut().poll(cx) {
        Poll::Ready(outcome) => Poll::Ready(outcome),
        Poll::Pending => match Pin::new(&mut deadline).poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(StoreError::NotAnswering {
                seconds: limit_ms.div_ceil(1000),
            })),
            Poll::Pending => Poll::Pending,
        },
    })
    .await
}
