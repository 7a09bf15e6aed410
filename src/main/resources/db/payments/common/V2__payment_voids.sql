-- Orders whose payment was called off by a refund (the checkout compensating). Written by the same
-- writer as a charge's PENDING row, so a charge that arrives after its refund is refused instead of
-- capturing money on a cancelled order.
CREATE TABLE payment_voids (
  order_id  VARCHAR(64) NOT NULL PRIMARY KEY,
  voided_at BIGINT      NOT NULL
);
