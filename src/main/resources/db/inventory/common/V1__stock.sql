-- available + reserved = what is on hand; a commit takes reserved stock out for good.
CREATE TABLE stock (
  sku       VARCHAR(64) NOT NULL PRIMARY KEY,
  available BIGINT      NOT NULL CHECK (available >= 0),
  reserved  BIGINT      NOT NULL CHECK (reserved >= 0)
);

-- One row per order and sku: reserving, releasing or committing an order twice changes nothing.
CREATE TABLE reservations (
  order_id   VARCHAR(64) NOT NULL,
  sku        VARCHAR(64) NOT NULL,
  quantity   BIGINT      NOT NULL,
  state      VARCHAR(16) NOT NULL,
  updated_at BIGINT      NOT NULL,
  PRIMARY KEY (order_id, sku)
);
