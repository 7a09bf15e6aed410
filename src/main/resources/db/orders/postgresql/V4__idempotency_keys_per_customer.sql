-- Idempotency keys belong to the customer who places the order: another customer's use of the same
-- key places their own order instead of learning (422) that it is taken. Each existing key takes the
-- customer of the order it answered (written in the same transaction, so every key has its order)
-- and keeps replaying.
ALTER TABLE order_requests ADD COLUMN customer_id VARCHAR(64);
UPDATE order_requests r SET customer_id = v.customer_id
  FROM order_view v WHERE v.order_id = (r.response::json ->> 'orderId');
DELETE FROM order_requests WHERE customer_id IS NULL;
ALTER TABLE order_requests ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE order_requests DROP CONSTRAINT order_requests_pkey;
ALTER TABLE order_requests ADD PRIMARY KEY (customer_id, idempotency_key);
