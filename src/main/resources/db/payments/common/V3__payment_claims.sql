-- Who got to an order's payment first: a charge ('charge') or a refund calling it off ('void').
-- Both insert here before anything else, so on PostgreSQL two instances racing for one order wait
-- on this key and the later one sees the earlier one's claim (payment_voids alone could not be
-- seen by a charge still uncommitted in another instance).
CREATE TABLE payment_claims (
  order_id   VARCHAR(64) NOT NULL PRIMARY KEY,
  claim      VARCHAR(8)  NOT NULL,
  claimed_at BIGINT      NOT NULL
);
INSERT INTO payment_claims (order_id, claim, claimed_at) SELECT order_id, 'void', voided_at FROM payment_voids;
INSERT INTO payment_claims (order_id, claim, claimed_at)
  SELECT order_id, 'charge', created_at FROM payments WHERE order_id NOT IN (SELECT order_id FROM payment_claims);
DROP TABLE payment_voids;
