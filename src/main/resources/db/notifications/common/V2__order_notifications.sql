-- One message per order and kind (confirmed, cancelled): a redelivered or replayed event adds none.
CREATE TABLE order_notifications (
  id          VARCHAR(36)   NOT NULL PRIMARY KEY,
  customer_id VARCHAR(36)   NOT NULL,
  order_id    VARCHAR(64)   NOT NULL,
  kind        VARCHAR(40)   NOT NULL,
  message     VARCHAR(2000) NOT NULL,
  event_id    VARCHAR(64)   NOT NULL,
  created_at  BIGINT        NOT NULL,
  UNIQUE (order_id, kind)
);
CREATE INDEX order_notifications_by_customer ON order_notifications (customer_id, created_at);
