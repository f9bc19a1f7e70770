-- The journal's head as one row: the newest entry's number and hash. Appending takes its lock
-- (`UPDATE journal_head ... RETURNING`), numbers the entry from it and moves it on, all in the
-- appending transaction; `journal verify` compares the chain's end with it, which is how entries cut
-- off the end are noticed (before, SQLite's AUTOINCREMENT counter said it). A database from the
-- release before starts its head where its counter and its newest entry say.
CREATE TABLE journal_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO journal_head (id, seq, hash) VALUES (
    1,
    MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'journal'), 0),
        COALESCE((SELECT MAX(seq) FROM journal), 0)),
    COALESCE((SELECT hash FROM journal ORDER BY seq DESC LIMIT 1),
             '0000000000000000000000000000000000000000000000000000000000000000')
);
CREATE TRIGGER journal_head_forward BEFORE UPDATE OF seq ON journal_head WHEN NEW.seq < OLD.seq
BEGIN
    SELECT RAISE (ABORT, 'the journal head only moves forward');
END;
CREATE TRIGGER journal_head_kept BEFORE DELETE ON journal_head
BEGIN
    SELECT RAISE (ABORT, 'the journal head is kept');
END;

-- Entries are now written whole, hash included: none may change after its INSERT.
DROP TRIGGER journal_sealed;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE (ABORT, 'the journal is append-only');
END;
