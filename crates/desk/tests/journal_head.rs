//! The journal's one head row under load: writers on two desks at once, some of whose transactions
//! fail after they took their number from the head and roll back. The chain stays whole, the numbers
//! have no gap (a rolled-back transaction gives its number back), and every entry that was
//! acknowledged is there. Runs on both engines (on SQLite the two "desks" are two pools on one file).

mod common;

use common::*;
use spoc_desk::store::{Store, Verification, Who};

const WRITERS_PER_DESK: usize = 4;
const WRITES_PER_WRITER: usize = 40;

/// A trigger that refuses journal entries about the object `refuse-me`: the entry's transaction has
/// already moved the head when its INSERT fails, so the whole transaction rolls back.
async fn refuse_some_entries(desk: &Desk) {
    let statements: &[&str] = match desk.db.engine {
        Engine::Sqlite => &[
            "CREATE TRIGGER test_refuse BEFORE INSERT ON journal WHEN NEW.object = 'refuse-me' \
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
        ],
        Engine::Postgres => &[
            "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF NEW.object = 'refuse-me' THEN RAISE EXCEPTION 'refused by the test'; END IF; \
             RETURN NEW; END $$",
            "CREATE TRIGGER test_refuse BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION test_refuse()",
        ],
    };
    for statement in statements {
        desk.execute(statement).await.expect(statement);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_on_two_desks_with_rollbacks_keep_one_gapless_chain() {
    let desk = Desk::start().await;
    refuse_some_entries(&desk).await;
    let other = Store::open(&desk.db.url).await.expect("a second desk's store");
    let before = desk.raw().await.fetch_i64("SELECT COUNT(*) FROM journal").await;

    let tasks: Vec<_> = [desk.store.clone(), other.clone()]
        .into_iter()
        .flat_map(|store| (0..WRITERS_PER_DESK).map(move |w| (store.clone(), w)))
        .enumerate()
        .map(|(writer, (store, _))| {
            tokio::spawn(async move {
                let mut written = 0;
                for n in 0..WRITES_PER_WRITER {
                    // Every fifth write fails after taking the head, and rolls back.
                    let object = if n % 5 == 4 { "refuse-me" } else { "ok" };
                    let done = store
                        .journal(
                            &Who::cli(),
                            "test.write",
                            object,
                            &format!("writer {writer} #{n}"),
                        )
                        .await;
                    assert_eq!(done.is_ok(), object == "ok", "writer {writer} #{n}: {done:?}");
                    written += usize::from(done.is_ok());
                }
                written
            })
        })
        .collect();
    let mut written = 0;
    for task in tasks {
        written += task.await.unwrap();
    }
    assert_eq!(written, 2 * WRITERS_PER_DESK * WRITES_PER_WRITER * 4 / 5);

    let mut raw = desk.raw().await;
    let count = raw.fetch_i64("SELECT COUNT(*) FROM journal").await;
    let first = raw.fetch_i64("SELECT MIN(seq) FROM journal").await;
    let last = raw.fetch_i64("SELECT MAX(seq) FROM journal").await;
    let head = raw.fetch_i64("SELECT seq FROM journal_head WHERE id = 1").await;
    let refused = raw
        .fetch_i64("SELECT COUNT(*) FROM journal WHERE object = 'refuse-me'")
        .await;
    let ours = raw
        .fetch_i64("SELECT COUNT(*) FROM journal WHERE action = 'test.write'")
        .await;
    raw.close().await;
    assert_eq!(
        count - before,
        written as i64,
        "every acknowledged entry is there"
    );
    assert_eq!((ours, refused), (written as i64, 0));
    assert_eq!((first, last - first + 1), (1, count), "numbers without a gap");
    assert_eq!(head, last, "the head is the last entry");
    let verified = desk.store.verify_journal().await.unwrap();
    assert!(
        matches!(verified, Verification::Intact { entries, .. } if entries == count),
        "{verified:?}"
    );
    other.close().await;
}
