-- Prices are exact: minor units (cents) of the item's currency, never a floating-point number.
CREATE TABLE items (
  sku         VARCHAR(64)   NOT NULL PRIMARY KEY,
  name        VARCHAR(200)  NOT NULL,
  description VARCHAR(2000) NOT NULL,
  price_minor BIGINT        NOT NULL CHECK (price_minor >= 0),
  currency    CHAR(3)       NOT NULL,
  updated_at  BIGINT        NOT NULL
);
