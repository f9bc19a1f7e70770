-- The inbox's order as one number the database keeps: open captures (0-3) before closed and
-- rejected ones (4-7), and within each threat to life (critical) first, then high, elevated, the
-- rest. With the server number it is the inbox's keyset: a page starts after the last line of the
-- page before, and the index serves every page without sorting the table.
ALTER TABLE captures ADD COLUMN inbox_rank BIGINT GENERATED ALWAYS AS (
    CASE WHEN status IN ('closed', 'rejected') THEN 4 ELSE 0 END
    + CASE urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'elevated' THEN 2 ELSE 3 END
) STORED;
CREATE INDEX captures_inbox_order ON captures (inbox_rank, server_seq DESC);
