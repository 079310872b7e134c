-- Signatures (X-Slack-Signature) of the signed requests the bot accepted, kept while their
-- timestamp is inside Slack's 5-minute window: the identical request sent again (a replay of a
-- slash command, a button click or an event) is refused, also after a restart.

CREATE TABLE request_signatures (
  signature  TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL            -- unix seconds; after it the timestamp check refuses the request anyway
) WITHOUT ROWID;
CREATE INDEX request_signatures_by_expiry ON request_signatures(expires_at);
