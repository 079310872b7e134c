-- Where a private answer's "Post in thread" button posts it: the thread of the message the
-- shortcut was used on, kept with the query (which already holds who asked and where), so that
-- a button's value names only the query and cannot choose another thread, channel or person's
-- question.

ALTER TABLE queries ADD COLUMN share_thread_ts TEXT;
