-- The card token is kept only while a charge may still be sent (or sent again to resolve an
-- uncertain one): CAPTURED, DECLINED and REFUNDED payments, and FAILED ones whose order was called
-- off, lose it. The column becomes nullable by a copy, which SQLite and PostgreSQL both allow.
ALTER TABLE payments ADD COLUMN pending_token VARCHAR(255);
UPDATE payments SET pending_token = token
  WHERE status NOT IN ('CAPTURED', 'DECLINED', 'REFUNDED')
    AND NOT (status = 'FAILED' AND order_id IN (SELECT order_id FROM payment_claims WHERE claim = 'void'));
ALTER TABLE payments DROP COLUMN token;
ALTER TABLE payments RENAME COLUMN pending_token TO token;
