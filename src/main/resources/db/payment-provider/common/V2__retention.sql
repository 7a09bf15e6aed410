-- Idempotency keys expire: retention deletes them by age.
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);
