-- The journal's head as one row: the newest entry's number and hash. Appending takes its row lock
-- (`UPDATE journal_head ... RETURNING`), last in its transaction and until the commit, so writers on
-- every desk queue there, entries are numbered in commit order and a rollback leaves no gap;
-- `journal verify` compares the chain's end with it.
CREATE TABLE journal_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO journal_head (id, seq, hash) VALUES (
    1,
    COALESCE((SELECT MAX(seq) FROM journal), 0),
    COALESCE((SELECT hash FROM journal ORDER BY seq DESC LIMIT 1),
             '0000000000000000000000000000000000000000000000000000000000000000')
);
CREATE FUNCTION journal_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'the journal head is kept';
    END IF;
    IF NEW.seq < OLD.seq THEN
        RAISE EXCEPTION 'the journal head only moves forward';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER journal_head_forward BEFORE UPDATE ON journal_head
    FOR EACH ROW EXECUTE FUNCTION journal_head_forward();
CREATE TRIGGER journal_head_kept BEFORE DELETE ON journal_head
    FOR EACH ROW EXECUTE FUNCTION journal_head_forward();
CREATE TRIGGER journal_head_not_truncated BEFORE TRUNCATE ON journal_head
    FOR EACH STATEMENT EXECUTE FUNCTION journal_head_forward();
