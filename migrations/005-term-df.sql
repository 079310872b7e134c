-- How many articles contain each analyzed term: the matcher's idf, read with one B-tree lookup.
-- (article_fts_vocab counts a term's whole posting list on every lookup: ~100 ms for a common
-- word at 100,000 articles.) Kept current by the indexer, like signal_df.

CREATE TABLE term_df (
  term TEXT PRIMARY KEY,
  df   INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO term_df (term, df) SELECT term, doc FROM article_fts_vocab;
