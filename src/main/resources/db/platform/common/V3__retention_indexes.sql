-- Retention deletes published outbox rows and applied inbox rows by age, a batch at a time:
-- these indexes find the oldest rows without scanning the tables inside the writer's transaction.
CREATE INDEX outbox_by_published_at ON outbox (published_at);
CREATE INDEX inbox_by_processed_at ON inbox (processed_at);
