-- What the Slack bot remembers: queries it answered (redacted), feedback, handled events,
-- per-channel settings and the threads it takes part in.

CREATE TABLE queries (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  surface     TEXT NOT NULL,            -- mention, message, dm, command, shortcut, file, thread, cli
  channel     TEXT,
  user        TEXT,
  text        TEXT NOT NULL,            -- redacted (src/redact), never the raw paste
  article_id  TEXT,                     -- the answer, NULL when it abstained
  confidence  REAL NOT NULL
);
CREATE INDEX queries_by_at ON queries(at);

CREATE TABLE feedback (
  id          INTEGER PRIMARY KEY,
  query_id    INTEGER REFERENCES queries(id) ON DELETE SET NULL,
  article_id  TEXT NOT NULL,
  user        TEXT NOT NULL,
  helpful     INTEGER NOT NULL,         -- 1 helpful, 0 not helpful
  at          TEXT NOT NULL,
  UNIQUE (query_id, article_id, user)
);

-- Events and messages already answered: Slack retries, and one mention arrives as two events.
CREATE TABLE handled (
  key TEXT PRIMARY KEY,
  at  TEXT NOT NULL
);

CREATE TABLE channel_settings (
  channel     TEXT PRIMARY KEY,
  auto_answer INTEGER NOT NULL,
  changed_by  TEXT,
  changed_at  TEXT NOT NULL
);

-- Threads the bot answered in or was mentioned in, and who asked: follow-ups there need no mention.
CREATE TABLE threads (
  channel   TEXT NOT NULL,
  thread_ts TEXT NOT NULL,
  asker     TEXT,
  at        TEXT NOT NULL,
  PRIMARY KEY (channel, thread_ts)
);
