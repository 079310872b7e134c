-- What a file's size and modification time were when its sha256 was last computed, and when that
-- was. A re-index trusts an unchanged size and mtime instead of reading the file again (reading
-- 100,000 files costs seconds), but only for a file that was already older than 2 seconds when
-- it was hashed: a same-size edit within the file system's timestamp granularity cannot hide.
-- NULL (files indexed before this migration) means: read and hash it.

ALTER TABLE kb_files ADD COLUMN size INTEGER;
ALTER TABLE kb_files ADD COLUMN mtime_ms REAL;
ALTER TABLE kb_files ADD COLUMN hashed_at_ms REAL;
