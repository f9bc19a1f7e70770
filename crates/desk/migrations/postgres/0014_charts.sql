-- The charts page (issue 17): captures by time of receipt for a period, and each capture's moves in
-- the workflow (the journal's `capture.status` entries, object = the capture's id) for the time from
-- receipt to "preservation sent", without reading the whole journal.
CREATE INDEX captures_by_received ON captures (received_at);
CREATE INDEX journal_status_moves ON journal (object) WHERE action = 'capture.status';
