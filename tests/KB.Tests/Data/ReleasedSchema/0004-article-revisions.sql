-- Every save of an article from the editor, with its full text, so the history can show diffs and restore any
-- revision. number counts 1, 2, 3… per article. Times are UTC, stored as ISO 8601 text so that they sort as text.
CREATE TABLE article_revisions (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    slug     TEXT    NOT NULL,
    number   INTEGER NOT NULL,
    saved_at TEXT    NOT NULL,
    saved_by TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    comment  TEXT    NULL
);
CREATE UNIQUE INDEX ux_article_revisions_slug_number ON article_revisions (slug, number);
