-- Full-text index of the knowledge base. It is derived from the Markdown files in the content
-- folder and rebuilt from them at start-up and whenever a file changes, so it holds no data of its own.
CREATE VIRTUAL TABLE article_search USING fts5(
    slug UNINDEXED,
    title,
    summary,
    tags,
    body,
    signatures,
    category UNINDEXED,
    tag_list UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);
