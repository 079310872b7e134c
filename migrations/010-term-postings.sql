-- The articles of each common term (in more than 64 articles), stored as a set of article keys:
-- a bitmap, or the keys in ascending order, whichever is smaller (src/store/key-set.ts). A
-- conjunction of common words is then an intersection of a few such sets, where FTS5 walks each
-- word's postings list to its end (tens of thousands of entries at 100,000 articles) to find
-- that few articles have them all. Rarer terms are searched through article_fts.
-- Filled by the next index run (src/store/term-postings.ts); until then the matcher uses FTS5 alone.
CREATE TABLE term_postings (
  term TEXT PRIMARY KEY,
  keys BLOB NOT NULL
);
