-- The few articles that pin patterns, found without reading every article row: the matcher loads
-- their patterns each time the index changes (at start-up, after a re-index), and the scan of
-- the whole table took about 0.1 s at 100,000 articles. The condition is the very one the store's
-- query asks (src/store/article-store.ts, PINNED_PATTERNS_QUERY), or SQLite would not use it.

CREATE INDEX articles_with_patterns ON articles (key) WHERE patterns <> '[]';
