-- Idempotency keys belong to the customer who places the order: another customer's use of the same
-- key places their own order instead of learning (422) that it is taken. SQLite cannot change a
-- primary key in place: the table is copied, with the retention's index. Each existing key takes the
-- customer of the order it answered (written in the same transaction, so every key has its order)
-- and keeps replaying.
CREATE TABLE order_requests_per_customer (
  customer_id     VARCHAR(64)  NOT NULL,
  idempotency_key VARCHAR(200) NOT NULL,
  fingerprint     TEXT         NOT NULL,
  response        TEXT         NOT NULL,
  created_at      BIGINT       NOT NULL,
  PRIMARY KEY (customer_id, idempotency_key)
);
INSERT INTO order_requests_per_customer (customer_id, idempotency_key, fingerprint, response, created_at)
  SELECT v.customer_id, r.idempotency_key, r.fingerprint, r.response, r.created_at
  FROM order_requests r JOIN order_view v ON v.order_id = json_extract(r.response, '$.orderId');
DROP TABLE order_requests;
ALTER TABLE order_requests_per_customer RENAME TO order_requests;
CREATE INDEX order_requests_by_created_at ON order_requests (created_at);
