-- Which articles contain each very common term, as a bitmap over article keys (bit key & 7 of
-- byte key >> 3; see src/store/key-bitmap.ts). A conjunction of common words is then an AND of a
-- few bitmaps, where FTS5 walks each word's postings list (tens of thousands of entries at
-- 100,000 articles). Kept for the terms whose bitmap is smaller than their postings as 32-bit
-- keys (in more than 1 in 32 articles); other terms are searched through article_fts.
-- Filled by the next index run (src/store/term-bitmaps.ts); until then the matcher uses FTS5 alone.
CREATE TABLE term_bitmaps (
  term TEXT PRIMARY KEY,
  bits BLOB NOT NULL
);
