-- Confirmed orders and their revenue per minute of event time and currency (amounts in minor units).
CREATE TABLE orders_per_minute (
  minute_start  BIGINT     NOT NULL,
  currency      VARCHAR(3) NOT NULL,
  orders        BIGINT     NOT NULL,
  revenue_minor BIGINT     NOT NULL,
  PRIMARY KEY (minute_start, currency)
);

-- Units sold per sku in confirmed orders.
CREATE TABLE sku_sales (
  sku      VARCHAR(64) NOT NULL PRIMARY KEY,
  quantity BIGINT      NOT NULL
);
