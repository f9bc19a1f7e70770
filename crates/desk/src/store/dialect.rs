//! Everything that differs between SQLite and PostgreSQL, in one place. The rest of `store/` writes
//! each statement once (`$1` placeholders are valid on both) and is compiled once per engine by
//! `both_engines!` (in `store/mod.rs`); what it cannot say the same way it takes from here:
//!
//! - [`Dialect`]: the few SQL fragments the engines spell differently (the clock, JSON, how a writing
//!   transaction begins);
//! - [`DbTime`]: a timestamp, a TEXT column on SQLite (as the released databases have it) and a
//!   TIMESTAMPTZ on PostgreSQL, always RFC 3339 UTC with milliseconds on the Rust side;
//! - [`Columns`]: reading a column of either engine's row.

use sqlx::error::BoxDynError;
use sqlx::postgres::{PgRow, PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteRow, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Database, Decode, Encode, Postgres, Row, Sqlite, Type};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use super::StoreError;

pub(crate) trait Dialect: Database {
    /// The engine's name, as logs and `spoc-desk` messages say it.
    const ENGINE_NAME: &'static str;
    /// The database clock now, as a timestamp column takes it, to the millisecond. PostgreSQL's is the
    /// statement's time, not the transaction's: the journal's entries are in the order of their times.
    const NOW: &'static str;
    /// Begins a transaction that will write. SQLite takes its write lock at once, so a transaction that
    /// reads first cannot fail to upgrade when another writer committed meanwhile; PostgreSQL's
    /// default, READ COMMITTED, is what the journal head's row lock is designed for.
    const BEGIN: &'static str;
    /// Begins a transaction that only reads, and reads one snapshot throughout (`journal verify`).
    const BEGIN_SNAPSHOT: &'static str;
    /// The distinct platforms of capture `c`, as a JSON array of codes.
    const PLATFORMS_OF_C: &'static str;
    /// `(id, server_seq, request)` for every preservation request (its JSON) of every capture not
    /// rejected.
    const PRESERVATIONS: &'static str;

    // The charts page's pieces (store/charts.rs).
    /// The Europe/Copenhagen day, `YYYY-MM-DD`, of `c.received_at`.
    const RECEIVED_DAY_OF_C: &'static str;
    /// Whole seconds from the capture's start on scene (`created_at.at` in its body, RFC 3339 with
    /// the device's offset) to `c.received_at`.
    const CAPTURE_TO_RECEIPT_OF_C: &'static str;
    /// Whole seconds from `p.received_at` to `p.sent_at`.
    const RECEIPT_TO_SENT_OF_P: &'static str;
}

impl Dialect for Sqlite {
    const ENGINE_NAME: &'static str = "SQLite";
    const NOW: &'static str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
    const BEGIN: &'static str = "BEGIN IMMEDIATE";
    const BEGIN_SNAPSHOT: &'static str = "BEGIN";
    const PLATFORMS_OF_C: &'static str =
        "(SELECT json_group_array(DISTINCT platform) FROM capture_identifiers WHERE server_seq = c.server_seq)";
    const PRESERVATIONS: &'static str = "SELECT c.id, c.server_seq, p.value AS request \
        FROM captures c, json_each(c.body, '$.preservations') p WHERE c.status <> 'rejected'";
    // SQLite has no zone database: Denmark's offset is the EU rule written out (as in spoc-core's
    // `copenhagen_offset`), +2 hours from 01:00 UTC on the last Sunday of March (the first Sunday on
    // or after the 25th: `date(…-03-25, 'weekday 0')`) until 01:00 UTC on the last Sunday of
    // October, +1 hour otherwise. `received_at` is always `YYYY-MM-DDTHH:MM:SS.sssZ`, so the text
    // comparisons are comparisons of instants. The desk's tests check it against PostgreSQL's
    // zone database across a change of the clocks.
    const RECEIVED_DAY_OF_C: &'static str = "date(c.received_at, CASE \
        WHEN c.received_at >= date(substr(c.received_at, 1, 4) || '-03-25', 'weekday 0') || 'T01:00:00.000Z' \
        AND c.received_at < date(substr(c.received_at, 1, 4) || '-10-25', 'weekday 0') || 'T01:00:00.000Z' \
        THEN '+2 hours' ELSE '+1 hours' END)";
    const CAPTURE_TO_RECEIPT_OF_C: &'static str = "CAST(round((julianday(c.received_at) \
        - julianday(json_extract(c.body, '$.created_at.at'))) * 86400) AS INTEGER)";
    const RECEIPT_TO_SENT_OF_P: &'static str =
        "CAST(round((julianday(p.sent_at) - julianday(p.received_at)) * 86400) AS INTEGER)";
}

impl Dialect for Postgres {
    const ENGINE_NAME: &'static str = "PostgreSQL";
    const NOW: &'static str = "date_trunc('milliseconds', clock_timestamp())";
    const BEGIN: &'static str = "BEGIN";
    const BEGIN_SNAPSHOT: &'static str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    const PLATFORMS_OF_C: &'static str = "(SELECT COALESCE(json_agg(DISTINCT platform), '[]')::text \
        FROM capture_identifiers WHERE server_seq = c.server_seq)";
    const PRESERVATIONS: &'static str = "SELECT c.id, c.server_seq, p.value::text AS request \
        FROM captures c, json_array_elements(c.body::json -> 'preservations') p WHERE c.status <> 'rejected'";
    // The zone database's Europe/Copenhagen, whatever the session's TimeZone.
    const RECEIVED_DAY_OF_C: &'static str =
        "to_char(c.received_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD')";
    const CAPTURE_TO_RECEIPT_OF_C: &'static str = "CAST(round(extract(epoch FROM c.received_at \
        - (c.body::json #>> '{created_at,at}')::timestamptz)) AS BIGINT)";
    const RECEIPT_TO_SENT_OF_P: &'static str =
        "CAST(round(extract(epoch FROM p.sent_at - p.received_at)) AS BIGINT)";
}

/// A point in time as the desk shows and hashes it: `2026-11-22T13:03:00.000Z`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DbTime(pub String);

impl DbTime {
    pub(crate) fn of(at: OffsetDateTime) -> DbTime {
        let format =
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
        DbTime(at.to_offset(UtcOffset::UTC).format(&format).unwrap_or_default())
    }
}

impl Type<Sqlite> for DbTime {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <String as Type<Sqlite>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Sqlite> for DbTime {
    fn encode_by_ref(
        &self,
        buf: &mut <Sqlite as Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, BoxDynError> {
        <String as Encode<'q, Sqlite>>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> Decode<'r, Sqlite> for DbTime {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(DbTime(<String as Decode<'r, Sqlite>>::decode(value)?))
    }
}

impl Type<Postgres> for DbTime {
    fn type_info() -> PgTypeInfo {
        <OffsetDateTime as Type<Postgres>>::type_info()
    }
    fn compatible(ty: &PgTypeInfo) -> bool {
        <OffsetDateTime as Type<Postgres>>::compatible(ty)
    }
}

impl Encode<'_, Postgres> for DbTime {
    fn encode_by_ref(
        &self,
        buf: &mut sqlx::postgres::PgArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, BoxDynError> {
        let at = OffsetDateTime::parse(&self.0, &Rfc3339)?;
        <OffsetDateTime as Encode<Postgres>>::encode_by_ref(&at, buf)
    }
}

impl<'r> Decode<'r, Postgres> for DbTime {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(DbTime::of(<OffsetDateTime as Decode<'r, Postgres>>::decode(
            value,
        )?))
    }
}

/// A Rust type both engines can read a column into.
pub(crate) trait Column:
    for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}

impl<T> Column for T where
    T: for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}

/// A row of either engine, read by column name: the row readers of `store/` are written once.
pub(crate) trait Columns {
    fn value<T: Column>(&self, name: &str) -> Result<T, StoreError>;

    /// A timestamp column, as text.
    fn time(&self, name: &str) -> Result<String, StoreError> {
        Ok(self.value::<DbTime>(name)?.0)
    }

    fn time_or_none(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self.value::<Option<DbTime>>(name)?.map(|t| t.0))
    }
}

impl Columns for SqliteRow {
    fn value<T: Column>(&self, name: &str) -> Result<T, StoreError> {
        Ok(self.try_get::<T, _>(name)?)
    }
}

impl Columns for PgRow {
    fn value<T: Column>(&self, name: &str) -> Result<T, StoreError> {
        Ok(self.try_get::<T, _>(name)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_is_written_in_utc_to_the_millisecond() {
        let at = OffsetDateTime::parse("2026-11-22T14:03:00.123456+01:00", &Rfc3339).unwrap();
        assert_eq!(DbTime::of(at).0, "2026-11-22T13:03:00.123Z");
    }
}
