-- The audit trail: who changed what, when, with the changed fields before and after (JSON). Times are UTC,
-- stored as ISO 8601 text so that they sort and compare as text. Entries are only ever added: the triggers
-- refuse every UPDATE and DELETE, so not even the app can rewrite history.
CREATE TABLE audit_entries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT    NOT NULL,
    actor        TEXT    NOT NULL COLLATE NOCASE,
    action       TEXT    NOT NULL,
    subject_type TEXT    NOT NULL,
    subject_id   TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    before_json  TEXT    NULL,
    after_json   TEXT    NULL,
    ip           TEXT    NULL
);
CREATE INDEX ix_audit_entries_at ON audit_entries (at);
CREATE INDEX ix_audit_entries_actor ON audit_entries (actor, at);
CREATE INDEX ix_audit_entries_action ON audit_entries (action, at);
CREATE INDEX ix_audit_entries_subject ON audit_entries (subject_type, subject_id, at);

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;
