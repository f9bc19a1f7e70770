-- When a capture's workflow status last changed, for the officer's device (`POST /captures/status`).
-- NULL until the first move; the receipt's time stands for it then. Captures moved before this
-- migration take the time of their last status move from the journal.
ALTER TABLE captures ADD COLUMN status_changed_at TIMESTAMPTZ;
UPDATE captures SET status_changed_at = moves.at
FROM (SELECT object, max(at) AS at FROM journal WHERE action = 'capture.status' GROUP BY object) AS moves
WHERE moves.object = captures.id;
