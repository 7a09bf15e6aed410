-- One payment per order: charging an order again never creates a second row (or a second charge).
-- Amounts are whole minor units of the currency; times are UTC epoch milliseconds.
CREATE TABLE payments (
  order_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
  status       VARCHAR(20)  NOT NULL,
  amount_minor BIGINT       NOT NULL CHECK (amount_minor > 0),
  currency     CHAR(3)      NOT NULL,
  token        VARCHAR(255) NOT NULL,
  charge_id    VARCHAR(64),
  refund_id    VARCHAR(64),
  reason       VARCHAR(500),
  created_at   BIGINT       NOT NULL,
  updated_at   BIGINT       NOT NULL
);

CREATE INDEX payments_by_status ON payments (status);
