-- Articles, their sections, snippets and signals, and the files they came from.

CREATE TABLE kb_files (
  path        TEXT PRIMARY KEY,          -- absolute path of the file
  root        TEXT NOT NULL,             -- the KB folder it was found under
  source      TEXT NOT NULL,             -- path relative to root, as shown to people
  hash        TEXT NOT NULL,             -- sha256 of the bytes
  article_key INTEGER,                   -- NULL when the file failed to read
  error       TEXT,                      -- why it failed, NULL when indexed
  indexed_at  TEXT NOT NULL
);

CREATE TABLE articles (
  key       INTEGER PRIMARY KEY,
  id        TEXT NOT NULL UNIQUE,
  title     TEXT NOT NULL,
  product   TEXT,
  url       TEXT,
  tags      TEXT NOT NULL DEFAULT '[]',  -- JSON array
  patterns  TEXT NOT NULL DEFAULT '[]',  -- JSON array
  source    TEXT NOT NULL,
  path      TEXT NOT NULL
);

CREATE TABLE sections (
  article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  role        TEXT NOT NULL,
  heading     TEXT NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (article_key, ord)
);

CREATE TABLE snippets (
  article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  section     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  lang        TEXT,
  text        TEXT NOT NULL,
  PRIMARY KEY (article_key, ord)
);

CREATE TABLE signals (
  article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (kind, key, article_key)
) WITHOUT ROWID;
CREATE INDEX signals_by_article ON signals(article_key);

-- How many articles carry each signal: the matcher's rarity weights.
CREATE TABLE signal_df (
  kind TEXT NOT NULL,
  key  TEXT NOT NULL,
  df   INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- Analyzed terms (see src/signals/terms.ts) per field; rowid = articles.key.
CREATE VIRTUAL TABLE article_fts USING fts5(
  title, symptoms, diagnosis, cause, solution, snippets, other,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE article_fts_vocab USING fts5vocab(article_fts, 'row');

CREATE TABLE kb_meta (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
