-- Each article's signal keys, kept on its row as a JSON array of [kind, key] pairs in (kind, key)
-- order, the same pairs as its postings in `signals`. The matcher reads a candidate's analyzed
-- text and its signals in one lookup of the article's row instead of a second walk of
-- signals_by_article: at 100,000 articles that walk cost as much as the rest of the read when
-- the pages were not cached. `signals` stays the postings (which articles carry a signal).

ALTER TABLE articles ADD COLUMN signal_keys TEXT NOT NULL DEFAULT '[]';

UPDATE articles SET signal_keys = coalesce(
  (SELECT json_group_array(json_array(kind, key)) FROM (SELECT kind, key FROM signals WHERE article_key = articles.key ORDER BY kind, key)),
  '[]');
