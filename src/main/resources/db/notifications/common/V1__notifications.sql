-- One message of each kind per customer: a redelivered or replayed event cannot add a second one.
CREATE TABLE notifications (
  id          VARCHAR(36)   NOT NULL PRIMARY KEY,
  customer_id VARCHAR(36)   NOT NULL,
  kind        VARCHAR(40)   NOT NULL,
  message     VARCHAR(2000) NOT NULL,
  event_id    VARCHAR(64)   NOT NULL,
  created_at  BIGINT        NOT NULL,
  UNIQUE (customer_id, kind)
);
