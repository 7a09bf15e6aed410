-- The checkout asks orders for the payment token when it charges; it keeps no copy.
ALTER TABLE sagas DROP COLUMN payment_token;
