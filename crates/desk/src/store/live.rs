//! Inbox events: a capture arrived, moved or was assigned. Each is numbered by the journal entry that
//! recorded it — entries are numbered in commit order (see [`journal`](super::journal)) — so an event
//! stream can say `id:` and a browser that reconnects with `Last-Event-ID` is caught up from the
//! journal ([`events_since`](super::Store::events_since)).
//!
//! How an event reaches the desks' open streams is the one thing the engines do differently:
//! - SQLite (one desk): after the commit, straight to this desk's broadcast;
//! - PostgreSQL (several desks): `pg_notify` inside the transaction, so it is sent on commit and never
//!   for a rollback; every desk holds one `LISTEN` connection of its own ([`Engine::listen`]) and
//!   forwards what it hears to its broadcast. Notifications sent while that connection was down are
//!   lost, so after every reconnect the desk reads what it missed from the journal first.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use spoc_core::desk::InboxEvent;
use sqlx::postgres::{PgListener, PgPoolOptions};
use sqlx::{Postgres, Sqlite, Transaction};

use super::dialect::Columns;
use super::link_alerts::alert_of;
use super::{Engine, StoreError};

/// The channel every desk listens on.
const CHANNEL: &str = "spoc_inbox";
/// A quiet `LISTEN` connection is pinged this often; one that does not answer is replaced.
const PING_EVERY: Duration = Duration::from_secs(10);
const PING_TIMEOUT: Duration = Duration::from_secs(5);
/// Reconnecting waits this long after a failure, doubling up to [`RECONNECT_MAX`].
const RECONNECT_FIRST: Duration = Duration::from_millis(100);
const RECONNECT_MAX: Duration = Duration::from_secs(5);
/// After a reconnect, at most this many missed events are read back from the journal at a time.
const CATCH_UP_BATCH: i64 = 500;

/// The journal actions that are inbox events.
const EVENT_ACTIONS: &str = "('capture.create', 'capture.status', 'capture.assign')";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// The number of the journal entry that recorded it: the event stream's `id:`.
    pub seq: i64,
    #[serde(flatten)]
    pub event: InboxEvent,
}

/// What a desk's open streams hear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Live {
    Event(LiveEvent),
    /// Events were missed that cannot be told one by one: reload.
    Resync,
}

impl LiveEvent {
    pub(crate) fn new(seq: i64, event: InboxEvent) -> LiveEvent {
        LiveEvent { seq, event }
    }
}

both_engines! {
    pub(crate) async fn events_since(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Option<Vec<LiveEvent>>, StoreError> {
        let head: i64 = sqlx::query_scalar("SELECT seq FROM journal_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        // Not worth reading a whole day of journal to find out it is too much anyway.
        if head - after > limit * 200 {
            return Ok(None);
        }
        // An arrival's alert was decided when it was stored: told again exactly as it was then.
        let rows = sqlx::query(&format!(
            "SELECT j.seq, c.server_seq, c.id, la.cases AS alert_cases, la.districts AS alert_districts \
             FROM journal j \
             JOIN captures c ON c.id = j.object \
             LEFT JOIN link_alerts la ON la.server_seq = c.server_seq AND j.action = 'capture.create' \
             WHERE j.seq > $1 AND j.action IN {EVENT_ACTIONS} ORDER BY j.seq LIMIT $2"
        ))
        .bind(after)
        .bind(limit + 1)
        .fetch_all(&self.pool)
        .await?;
        if rows.len() as i64 > limit {
            return Ok(None);
        }
        rows.iter()
            .map(|row| {
                Ok(LiveEvent::new(
                    row.value("seq")?,
                    InboxEvent {
                        server_seq: row.value("server_seq")?,
                        id: row.value("id")?,
                        alert: alert_of(row)?,
                    },
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()
            .map(Some)
    }
}

impl Engine<Sqlite> {
    /// Commits, then tells this desk's streams.
    pub(crate) async fn commit_publishing(
        &self,
        tx: Transaction<'static, Sqlite>,
        events: &[LiveEvent],
    ) -> Result<(), StoreError> {
        tx.commit().await?;
        for event in events {
            // No open stream is not an error.
            let _ = self.events.send(Live::Event(event.clone()));
        }
        Ok(())
    }
}

impl Engine<Postgres> {
    /// Notifies inside the transaction, then commits: PostgreSQL delivers on commit, in commit order,
    /// to every desk (this one too, through its own listener).
    pub(crate) async fn commit_publishing(
        &self,
        mut tx: Transaction<'static, Postgres>,
        events: &[LiveEvent],
    ) -> Result<(), StoreError> {
        for event in events {
            let payload = serde_json::to_string(event).map_err(|_| StoreError::Canonical)?;
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Spawns the task that holds this desk's `LISTEN` connection until the pool closes.
    pub(crate) fn listen(&self) {
        let engine = self.clone();
        tokio::spawn(async move { engine.forward_notifications().await });
    }

    async fn forward_notifications(&self) {
        // Its own pool of one: the listener never takes a connection from the requests' pool.
        let options = self
            .pool
            .connect_options()
            .as_ref()
            .clone()
            .application_name("spoc-desk-listener");
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(PING_TIMEOUT)
            .connect_lazy_with(options);
        // Events up to here are the journal's to tell; from here on, the listener's.
        let mut last = loop {
            match self.head().await {
                Ok(head) => break head,
                Err(_) if self.pool.is_closed() => return,
                Err(error) => {
                    tracing::warn!(%error, "cannot read the journal head; retrying");
                    tokio::time::sleep(RECONNECT_MAX).await;
                }
            }
        };
        let mut wait = RECONNECT_FIRST;
        while !self.pool.is_closed() {
            match self.listen_once(&pool, &mut last).await {
                Ok(()) => wait = RECONNECT_FIRST,
                Err(error) => {
                    tracing::warn!(%error, "the event listener lost its connection; reconnecting");
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(RECONNECT_MAX);
                }
            }
        }
        pool.close().await;
    }

    /// One `LISTEN` connection's life: listen, catch up from the journal, then forward until the
    /// connection fails (an error) or turns out dead (a ping that does not answer, an error too).
    async fn listen_once(&self, pool: &sqlx::PgPool, last: &mut i64) -> Result<(), StoreError> {
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(CHANNEL).await?;
        // Listening before reading what was missed: nothing committed in between falls through.
        self.catch_up(last).await?;
        tracing::info!("listening for other desks' events");
        loop {
            match tokio::time::timeout(PING_EVERY, listener.try_recv()).await {
                Ok(Ok(Some(notification))) => match serde_json::from_str::<LiveEvent>(notification.payload())
                {
                    Ok(event) if event.seq > *last => {
                        *last = event.seq;
                        let _ = self.events.send(Live::Event(event));
                    }
                    Ok(_) => {}
                    Err(_) => tracing::warn!("an inbox notification that is not an event; ignored"),
                },
                // The connection was lost and (eagerly) made again: what was sent meanwhile is lost.
                Ok(Ok(None)) => self.catch_up(last).await?,
                Ok(Err(error)) => return Err(error.into()),
                Err(_quiet) => {
                    let ping = sqlx::query("SELECT 1").execute(&mut listener);
                    match tokio::time::timeout(PING_TIMEOUT, ping).await {
                        Ok(Ok(_)) => {}
                        Ok(Err(error)) => return Err(error.into()),
                        Err(_) => return Err(sqlx::Error::PoolTimedOut.into()),
                    }
                }
            }
        }
    }

    /// Forwards what was committed after `last`, from the journal.
    async fn catch_up(&self, last: &mut i64) -> Result<(), StoreError> {
        loop {
            let missed = match self.events_since(*last, CATCH_UP_BATCH).await? {
                Some(missed) => missed,
                None => {
                    // Too far behind to replay: views are told to reload, and this desk goes on from
                    // the head.
                    let head = self.head().await?;
                    tracing::warn!(missed_from = *last, head, "too many events missed to replay");
                    *last = head;
                    let _ = self.events.send(Live::Resync);
                    return Ok(());
                }
            };
            let done = (missed.len() as i64) < CATCH_UP_BATCH;
            for event in missed {
                *last = event.seq;
                let _ = self.events.send(Live::Event(event));
            }
            if done {
                return Ok(());
            }
        }
    }

    async fn head(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT seq FROM journal_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?)
    }
}
