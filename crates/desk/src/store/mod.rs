//! Where the desk keeps everything: an SQLite file (WAL, `synchronous=FULL`: an acknowledged capture
//! survives a power cut of the desk itself) for one desk, or PostgreSQL for several desks that behave
//! as one.
//!
//! One module per table family. Every write and every read of a capture goes through a transaction
//! that also appends to the journal ([`journal`]), so an action and its journal entry commit together
//! or not at all.
//!
//! Both engines run the same code: each module's methods are written once inside [`both_engines!`],
//! which compiles them for `Engine<Sqlite>` and for `Engine<Postgres>` (typed pools, no `Any`
//! driver), and [`Store`] hands every call to the engine it opened. Where the engines differ, the
//! difference is named in [`dialect`] (SQL fragments, timestamps) or [`live`] (how events travel);
//! the migrations are one folder per engine with the same versions.

/// Compiles the methods inside it once per engine, as inherent methods of `Engine<Sqlite>` and of
/// `Engine<Postgres>`: inside, `Self` is concrete, so `Conn<Self>` is that engine's connection and
/// `Self::NOW` its clock.
macro_rules! both_engines {
    ($($body:tt)*) => {
        impl $crate::store::Engine<::sqlx::Sqlite> { $($body)* }
        impl $crate::store::Engine<::sqlx::Postgres> { $($body)* }
    };
}

mod accounts;
mod analysis;
mod assessment;
mod captures;
mod charts;
mod desk;
mod devices;
mod dialect;
mod graph;
mod guidance;
pub mod journal;
mod link_alerts;
mod live;
mod login_failures;
mod seal_keys;
mod statuses;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

pub use accounts::{AccountRow, LoginOutcome, SessionPolicy, SignedIn};
pub use assessment::{AssessOutcome, ResolveOutcome};
pub use captures::Insert;
pub use desk::{InboxCursor, InboxPage, MoveOutcome};
pub use devices::{DeviceKey, Registered};
pub use guidance::{Publication, StoredPack};
pub use journal::{Verification, Who};
pub use live::{Live, LiveEvent};
pub use seal_keys::SealKeyInfo;

use p256::SecretKey;
use spoc_core::api::Submission;
use spoc_core::desk::{
    Account, AccountChange, CaptureDetail, CaptureRef, Deadline, InboxFilter, JournalEntry, Role,
    StatusChange,
};
use spoc_core::device::Device;
use spoc_core::guidance::GuidancePack;
use spoc_core::sealed::SealKey;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Database, Pool, Postgres, Sqlite};
use tokio::sync::broadcast;

use crate::kek::{KekError, Keks};
use dialect::Dialect;

/// Writers queue behind SQLite's single write lock; this long they wait before giving up with a 503
/// (which the field app retries), rather than failing at the first sign of contention.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request waits for a free connection before it is answered 503.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections per desk to PostgreSQL. Several replicas share the server's `max_connections`.
const PG_CONNECTIONS: u32 = 16;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("cannot create the database directory: {0}")]
    Directory(std::io::Error),
    #[error(
        "the database URL must start with sqlite: (an embedded file) or postgres: (a PostgreSQL \
         server); got one starting with {0:?}"
    )]
    UnsupportedUrl(String),
    #[error("capture cannot be written as canonical JSON")]
    Canonical,
    #[error("stored capture {server_seq} cannot be read back")]
    CorruptRow { server_seq: i64 },
    #[error("the row that blocked an insert is gone")]
    Vanished,
    #[error("password hashing failed")]
    PasswordHash,
    #[error("seal key {kid} in the database is not a P-256 private key")]
    CorruptSealKey { kid: String },
    #[error("guidance pack version {version} in the database fails its checks")]
    CorruptPack { version: u32 },
    #[error(transparent)]
    Kek(#[from] KekError),
}

/// One engine's pool and what travels with it.
pub(crate) struct Engine<DB: Database> {
    pool: Pool<DB>,
    /// Committed inbox events, to this desk's open event streams.
    events: broadcast::Sender<Live>,
    /// The key-encryption keys that wrap the seal keys' private halves.
    keks: Arc<Keks>,
}

impl<DB: Database> Clone for Engine<DB> {
    fn clone(&self) -> Self {
        Engine {
            pool: self.pool.clone(),
            events: self.events.clone(),
            keks: self.keks.clone(),
        }
    }
}

/// `Conn<Self>` inside [`both_engines!`]: the engine's connection type.
pub(crate) trait EngineTypes {
    type Db: Database;
}

impl<DB: Database> EngineTypes for Engine<DB> {
    type Db = DB;
}

pub(crate) type Conn<E> = <<E as EngineTypes>::Db as Database>::Connection;

impl<DB: Dialect> Engine<DB> {
    const NOW: &'static str = DB::NOW;
    const BEGIN_SNAPSHOT: &'static str = DB::BEGIN_SNAPSHOT;
    const PLATFORMS_OF_C: &'static str = DB::PLATFORMS_OF_C;
    const PRESERVATIONS: &'static str = DB::PRESERVATIONS;

    fn new(pool: Pool<DB>, keks: Keks) -> Engine<DB> {
        Engine {
            pool,
            // Events carry ids only; a view that falls this far behind reloads anyway.
            events: broadcast::channel(256).0,
            keks: Arc::new(keks),
        }
    }

    /// A transaction that will write (every transaction here does: at least the journal).
    async fn begin(&self) -> Result<sqlx::Transaction<'static, DB>, StoreError> {
        Ok(self.pool.begin_with(DB::BEGIN).await?)
    }
}

#[derive(Clone)]
enum Db {
    Sqlite(Engine<Sqlite>),
    Postgres(Engine<Postgres>),
}

#[derive(Clone)]
pub struct Store {
    db: Db,
}

/// Runs the same expression on whichever engine the store opened.
macro_rules! on_engine {
    ($store:expr, $engine:ident => $body:expr) => {
        match &$store.db {
            Db::Sqlite($engine) => $body,
            Db::Postgres($engine) => $body,
        }
    };
}

/// The public methods of [`Store`], each handed to the engine's implementation of the same name.
macro_rules! delegate {
    ($($(#[$meta:meta])* fn $name:ident(&self $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty;)*) => {
        impl Store {
            $($(#[$meta])*
            pub async fn $name(&self $(, $arg: $ty)*) -> $ret {
                on_engine!(self, engine => engine.$name($($arg),*).await)
            })*
        }
    };
}

impl Store {
    /// Opens and migrates the database, with no key-encryption key: enough for everything but
    /// making, rotating or opening wrapped seal keys.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Store::open_with(url, Keks::default()).await
    }

    /// Opens (an SQLite file and its directory are created if missing) and migrates the database.
    /// Several desks opening one PostgreSQL database at once apply each migration once: sqlx holds
    /// an advisory lock while it migrates.
    pub async fn open_with(url: &str, keks: Keks) -> Result<Store, StoreError> {
        let db = if url.starts_with("sqlite:") {
            Db::Sqlite(Engine::new(open_sqlite(url).await?, keks))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Db::Postgres(Engine::new(open_postgres(url).await?, keks))
        } else {
            let scheme: String = url.chars().take_while(|c| *c != ':').take(16).collect();
            return Err(StoreError::UnsupportedUrl(scheme));
        };
        let store = Store { db };
        on_engine!(store, engine => engine.fill_link_keys().await)?;
        Ok(store)
    }

    /// `SQLite` or `PostgreSQL`.
    pub fn engine_name(&self) -> &'static str {
        match &self.db {
            Db::Sqlite(_) => Sqlite::ENGINE_NAME,
            Db::Postgres(_) => Postgres::ENGINE_NAME,
        }
    }

    /// Closes every connection; an SQLite file is checkpointed into one file again.
    pub async fn close(&self) {
        on_engine!(self, engine => engine.pool.close().await)
    }

    /// This desk's open event streams hear of every committed inbox event through this.
    pub fn subscribe(&self) -> broadcast::Receiver<Live> {
        on_engine!(self, engine => engine.events.subscribe())
    }

    /// Starts forwarding events other desks commit (PostgreSQL's `LISTEN`); on SQLite there are no
    /// other desks and this does nothing. Runs until the store is closed.
    pub fn listen(&self) {
        if let Db::Postgres(engine) = &self.db {
            engine.listen();
        }
    }
}

delegate! {
    /// Whether the database answers at all (`SELECT 1`).
    fn health_check(&self) -> Result<(), StoreError>;

    // accounts.rs
    /// On an empty database: an admin named `admin` with a one-time password, returned to be shown
    /// once. `None` when accounts exist (or another desk starting at the same moment made it).
    fn create_first_admin(&self) -> Result<Option<String>, StoreError>;
    /// `None` if the username is taken.
    fn create_account(
        &self,
        who: &Who,
        username: &str,
        display_name: &str,
        role: Role,
        password_hash: &str,
        must_change_password: bool,
    ) -> Result<Option<Account>, StoreError>;
    fn accounts(&self) -> Result<Vec<Account>, StoreError>;
    fn account(&self, username: &str) -> Result<Option<AccountRow>, StoreError>;
    /// Role and disabled flag; disabling ends the account's sessions in the same transaction.
    fn change_account(
        &self,
        who: &Who,
        username: &str,
        change: &AccountChange,
    ) -> Result<Option<Account>, StoreError>;
    /// Sets a new password hash. `keep_session` survives (the person who changed their own password);
    /// every other session of the account ends.
    fn set_password(
        &self,
        who: &Who,
        username: &str,
        password_hash: &str,
        must_change_password: bool,
        keep_session: Option<&str>,
    ) -> Result<Option<Account>, StoreError>;
    /// Checks the password and opens a session. Journalled either way.
    fn login(&self, source: &str, username: &str, password: String) -> Result<LoginOutcome, StoreError>;
    /// The session a cookie names, if it is still valid; an expired one is deleted.
    fn session(&self, token: &str, policy: SessionPolicy) -> Result<Option<SignedIn>, StoreError>;
    /// Whether a session is still valid, without counting this as activity (an open event stream
    /// must not keep an idle session alive).
    fn session_alive(&self, token_hash: &str, policy: SessionPolicy) -> Result<bool, StoreError>;
    fn logout(&self, who: &Who, token_hash: &str) -> Result<(), StoreError>;
    /// Moves every session's clock back, for tests of expiry.
    #[doc(hidden)]
    fn age_sessions(&self, by: Duration) -> Result<(), StoreError>;

    // login_failures.rs
    /// Records a failed sign-in under each key (`user:…`, `addr:…`) at `at_ms`, and forgets failures
    /// older than `window_ms`.
    fn record_login_failure(&self, keys: &[String], at_ms: i64, window_ms: i64) -> Result<(), StoreError>;
    /// How many failures `key` has since `since_ms`, and when the oldest of them was.
    fn login_failures(&self, key: &str, since_ms: i64) -> Result<(i64, Option<i64>), StoreError>;
    fn clear_login_failures(&self, key: &str) -> Result<(), StoreError>;

    // captures.rs
    /// Stores a validated submission exactly once, with its identifiers, in one transaction; returns
    /// only after the commit. Two concurrent calls with the same new id (on one desk or on two) give
    /// one `Created` and one `Existing` (or `Conflict`), never two rows and never an error.
    fn insert_or_get(&self, who: &Who, submission: &Submission) -> Result<Insert, StoreError>;
    /// A capture with its receipt for whoever may read it: `only_of` limits it to one account's own
    /// captures (an officer's). Journalled as a read when found.
    fn get(
        &self,
        who: &Who,
        id: &str,
        only_of: Option<i64>,
    ) -> Result<Option<spoc_core::api::StoredCapture>, StoreError>;
    /// The workflow status of those of `ids` that `who` sent, in server order; any other id is left
    /// out. Journalled once, with counts only.
    fn statuses(&self, who: &Who, ids: &[String]) -> Result<Vec<spoc_core::api::CaptureStatus>, StoreError>;
    /// Stores captures as they are, with their identifiers and without journal entries or events:
    /// how tests and benchmarks fill a desk with 100,000 captures in seconds. Never used by the desk.
    #[doc(hidden)]
    fn load_captures(&self, submissions: &[Submission], submitted_by: Option<i64>) -> Result<(), StoreError>;

    // desk.rs
    /// One page of the inbox: open captures before closed and rejected ones, threat to life first,
    /// then by urgency, then newest; `after` is where the page before ended.
    fn inbox(
        &self,
        who: &Who,
        filter: InboxFilter,
        after: Option<InboxCursor>,
        limit: i64,
        pack: &GuidancePack,
    ) -> Result<InboxPage, StoreError>;
    /// Everything about one capture, journalled as a read.
    fn detail(&self, who: &Who, id: &str, pack: &GuidancePack) -> Result<Option<CaptureDetail>, StoreError>;
    /// Up to `limit` of the captures the filter selects with a server number above `after`, in full
    /// and in server-number order, each journalled as exported (in the transaction that reads them).
    fn export_page(
        &self,
        who: &Who,
        filter: InboxFilter,
        after: i64,
        limit: i64,
        pack: &GuidancePack,
    ) -> Result<Vec<CaptureDetail>, StoreError>;
    /// One capture in full for export, journalled as exported.
    fn export_one(
        &self,
        who: &Who,
        id: &str,
        pack: &GuidancePack,
    ) -> Result<Option<CaptureDetail>, StoreError>;
    /// A workflow move, checked by spoc-core, applied only if the capture is still where the
    /// operator saw it.
    fn move_status(&self, who: &Who, id: &str, change: &StatusChange) -> Result<MoveOutcome, StoreError>;
    /// `Ok(None)` if there is no such capture. The assignee is checked by the caller.
    fn assign(
        &self,
        who: &Who,
        id: &str,
        assignee: Option<i64>,
        name: &str,
    ) -> Result<Option<()>, StoreError>;
    fn add_note(&self, who: &Who, id: &str, text: &str) -> Result<Option<()>, StoreError>;
    /// Every capture holding an identifier with this link key; journalled with the count only.
    fn lookup(&self, who: &Who, key: &str) -> Result<Vec<CaptureRef>, StoreError>;
    /// Every recorded preservation of every capture not rejected, soonest expiry first.
    fn deadlines(&self, who: &Who, pack: &GuidancePack) -> Result<Vec<Deadline>, StoreError>;

    // devices.rs
    fn register_device(
        &self,
        who: &Who,
        account_id: i64,
        device_id: &str,
        public_key: &str,
        label: &str,
    ) -> Result<Registered, StoreError>;
    fn device_key(&self, device_id: &str) -> Result<Option<DeviceKey>, StoreError>;
    fn devices(&self) -> Result<Vec<Device>, StoreError>;
    /// Revokes a device (again, if it was: the instruction may change). `None` if unknown.
    fn revoke_device(
        &self,
        who: &Who,
        device_id: &str,
        discard_queue: bool,
    ) -> Result<Option<Device>, StoreError>;

    // journal.rs
    /// One action journalled on its own (sign-ins, lists, lookups).
    fn journal(&self, who: &Who, action: &str, object: &str, detail: &str) -> Result<(), StoreError>;
    /// Newest first, `limit` entries older than `before` (or the newest).
    fn journal_page(&self, before: Option<i64>, limit: i64) -> Result<Vec<JournalEntry>, StoreError>;
    /// Walks the chain from the first entry and names the first one that was altered, inserted or
    /// removed, then checks the head row: entries cut off the end show there.
    fn verify_journal(&self) -> Result<Verification, StoreError>;

    // live.rs
    /// The inbox events committed after event `after` (a journal number), oldest first; `None` when
    /// more than `limit` were missed (the view should reload instead).
    fn events_since(&self, after: i64, limit: i64) -> Result<Option<Vec<LiveEvent>>, StoreError>;

    // guidance.rs
    /// Puts each pack built into the desk (oldest first) into the database if its version is not
    /// there yet; a version already held with other bytes is left as it is.
    fn seed_packs(&self, releases: &[&str]) -> Result<(), StoreError>;
    /// Publishes `json`, already checked as `pack`, if it is newer than every version published.
    fn publish_pack(&self, who: &Who, json: &str, pack: &GuidancePack) -> Result<Publication, StoreError>;
    /// A pack that was refused, journalled with why (the checker's words, never captured content).
    fn journal_refused_pack(&self, who: &Who, reason: &str) -> Result<(), StoreError>;
    /// The newest version's record: what devices get.
    fn newest_pack(&self) -> Result<Option<spoc_core::guidance::PublishedPack>, StoreError>;
    /// One version with its JSON as published.
    fn pack(&self, version: u32) -> Result<Option<StoredPack>, StoreError>;
    /// Every version, newest first.
    fn packs(&self) -> Result<Vec<spoc_core::guidance::PublishedPack>, StoreError>;

    // seal_keys.rs
    /// The key devices seal to now; `None` only before the desk's first start made one.
    fn active_seal_key(&self) -> Result<Option<SealKey>, StoreError>;
    /// The private key named `kid`, retired or not; `None` if the desk never had it.
    fn seal_secret(&self, kid: &str) -> Result<Option<SecretKey>, StoreError>;
    /// Checks at start that every wrapped seal key opens with the key-encryption keys given, and
    /// wraps keys kept in clear by an older release. A key that does not open is an error: the desk
    /// must not start and make a new key beside it.
    fn unlock_seal_keys(&self) -> Result<(), StoreError>;
    /// Makes a key if there is no active one (the desk's first start); the new key, or `None` if
    /// there was one. One statement decides, so desks starting at once make one key.
    fn ensure_seal_key(&self, who: &Who) -> Result<Option<SealKey>, StoreError>;
    /// A new active key; the one before is retired but kept, so what was sealed to it still opens.
    fn rotate_seal_key(&self, who: &Who) -> Result<SealKey, StoreError>;
    /// Wraps every seal key with the current key-encryption key (after a KEK rotation); how many
    /// were wrapped anew.
    fn rewrap_seal_keys(&self, who: &Who) -> Result<usize, StoreError>;
    /// Every key, newest first.
    fn seal_keys(&self) -> Result<Vec<SealKeyInfo>, StoreError>;
}

both_engines! {
    pub(crate) async fn health_check(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

async fn open_sqlite(url: &str) -> Result<Pool<Sqlite>, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    if let Some(dir) = std::path::Path::new(options.get_filename())
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(StoreError::Directory)?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
    Ok(pool)
}

async fn open_postgres(url: &str) -> Result<Pool<Postgres>, StoreError> {
    let options = PgConnectOptions::from_str(url)?.application_name("spoc-desk");
    let pool = PgPoolOptions::new()
        .max_connections(PG_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations/postgres").run(&pool).await?;
    Ok(pool)
}

/// The wire name of a unit enum (`"critical"`, `"username"`): the same text the JSON body holds, so a
/// column and the body never disagree.
pub(crate) fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Unix time in milliseconds, as sessions and the throttle count it.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

// analysis.rs: the SPOC's analysis views, kept apart so their methods stay in one place.
delegate! {
    /// One identifier (by link key) across every capture naming it; `None` if none does. Journalled
    /// with the count only.
    fn identifier_page(
        &self,
        who: &Who,
        key: &str,
        pack: &GuidancePack,
    ) -> Result<Option<spoc_core::desk::IdentifierPage>, StoreError>;
    /// Captures and identifiers up to `hops` links out from `root`, at most `max_nodes`; `None` if
    /// the root is unknown. Journalled with the node count only.
    fn link_graph(
        &self,
        who: &Who,
        root: &spoc_core::desk::GraphRoot,
        hops: u8,
        max_nodes: u32,
    ) -> Result<Option<spoc_core::desk::LinkGraph>, StoreError>;

    // assessment.rs
    /// Resolves a short link the capture holds into `identifier` (parsed by the caller), once.
    fn resolve_short_link(
        &self,
        who: &Who,
        id: &str,
        short_link: &str,
        identifier: &spoc_core::Identifier,
    ) -> Result<ResolveOutcome, StoreError>;
    /// Marks the capture's first assessment done with the operator's note, once.
    fn assess(&self, who: &Who, id: &str, note: &str) -> Result<AssessOutcome, StoreError>;
}

// charts.rs: the charts page's numbers (issue 17).
delegate! {
    /// The counts per day by case type, platform and district, the emergencies and the two paces
    /// for the `days` Copenhagen days ending on `now`'s. Not journalled here: the caller says why it
    /// read them.
    fn charts(&self, days: u16, now: time::OffsetDateTime) -> Result<spoc_core::desk::Charts, StoreError>;
}
