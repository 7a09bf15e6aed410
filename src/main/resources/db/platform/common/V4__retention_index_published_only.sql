-- Retention looks for published outbox rows only (published_at < the cutoff), which both databases find through
-- a partial index. Indexing unpublished rows too made every outbox insert add a NULL entry and the relay's marking
-- move it (delete and insert): marking 200,000 rows in batches of 2,000 took 30 % less CPU in SQLite without them.
DROP INDEX outbox_by_published_at;
CREATE INDEX outbox_by_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
