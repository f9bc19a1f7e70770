//! Failed sign-ins, by key (`user:NAME`, `addr:IP`), for the throttle ([`crate::auth::throttle`]):
//! in the database, so every desk counts the same failures and a restart forgets none.

use super::StoreError;

both_engines! {
    pub(crate) async fn record_login_failure(
        &self,
        keys: &[String],
        at_ms: i64,
        window_ms: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        for key in keys {
            sqlx::query("INSERT INTO login_failures (key, at_ms) VALUES ($1, $2)")
                .bind(key)
                .bind(at_ms)
                .execute(&mut *tx)
                .await?;
        }
        // What has left every window counts for nothing: the table stays as small as the last
        // quarter of an hour's failures.
        sqlx::query("DELETE FROM login_failures WHERE at_ms <= $1")
            .bind(at_ms - window_ms)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn login_failures(
        &self,
        key: &str,
        since_ms: i64,
    ) -> Result<(i64, Option<i64>), StoreError> {
        Ok(
            sqlx::query_as("SELECT COUNT(*), MIN(at_ms) FROM login_failures WHERE key = $1 AND at_ms > $2")
                .bind(key)
                .bind(since_ms)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    pub(crate) async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
