-- The incident tracker. Times are UTC, stored as ISO 8601 text so that they sort and compare as text.
-- version columns are optimistic concurrency tokens: every change bumps them, and a change made against
-- an older version is refused instead of silently overwriting someone else's.
CREATE TABLE incidents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT    NOT NULL,
    service         TEXT    NOT NULL,
    environment     TEXT    NULL,
    proxy           TEXT    NULL,
    severity        TEXT    NOT NULL CHECK (severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')),
    status          TEXT    NOT NULL CHECK (status IN ('investigating', 'identified', 'mitigated', 'resolved')),
    started_at      TEXT    NOT NULL,
    detected_at     TEXT    NULL,
    identified_at   TEXT    NULL,
    mitigated_at    TEXT    NULL,
    resolved_at     TEXT    NULL,
    error_log       TEXT    NOT NULL DEFAULT '',
    suggestions     TEXT    NOT NULL DEFAULT '[]',
    cause           TEXT    NULL,
    cause_revision  TEXT    NULL,
    resolution_note TEXT    NULL,
    fixed_by_step   INTEGER NULL,
    created_at      TEXT    NOT NULL,
    created_by      TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_incidents_started_at ON incidents (started_at);
CREATE INDEX ix_incidents_status ON incidents (status);
CREATE INDEX ix_incidents_cause ON incidents (cause);

CREATE TABLE checklist_items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,
    done_by     TEXT    NULL,
    done_at     TEXT    NULL,
    note        TEXT    NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_checklist_items_incident ON checklist_items (incident_id, position);

CREATE TABLE timeline_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    who         TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL
);
CREATE INDEX ix_timeline_entries_incident ON timeline_entries (incident_id, at);
