-- Who got to an order's stock first: a reservation ('reserve') or a release ('release'). Both
-- insert here before anything else, so a reservation that arrives after its order was released
-- (the checkout turned back at its deadline meanwhile) is refused instead of holding stock for a
-- cancelled order, and on PostgreSQL two instances racing for one order wait on this key.
CREATE TABLE reservation_claims (
  order_id   VARCHAR(64) NOT NULL PRIMARY KEY,
  claim      VARCHAR(8)  NOT NULL,
  claimed_at BIGINT      NOT NULL
);
INSERT INTO reservation_claims (order_id, claim, claimed_at)
  SELECT order_id, CASE WHEN MIN(state) = 'RELEASED' THEN 'release' ELSE 'reserve' END, MAX(updated_at)
  FROM reservations GROUP BY order_id;
