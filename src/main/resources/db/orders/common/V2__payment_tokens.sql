-- The payment token of each order, kept out of its events: they travel on Kafka, land in dead
-- letters and stay in the event store forever; the checkout asks for the token when it needs it.
CREATE TABLE payment_tokens (
  order_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
  token      VARCHAR(255) NOT NULL,
  created_at BIGINT       NOT NULL
);
