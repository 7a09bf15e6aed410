-- Idempotency keys expire (retention by created_at); a settled order's payment token is no longer
-- needed: orders settled before tokens were deleted at settlement lose theirs here.
CREATE INDEX order_requests_by_created_at ON order_requests (created_at);
DELETE FROM payment_tokens WHERE order_id IN (SELECT order_id FROM order_view WHERE status IN ('CONFIRMED', 'CANCELLED'));
