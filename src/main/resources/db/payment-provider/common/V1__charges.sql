CREATE TABLE charges (
  id           VARCHAR(40) NOT NULL PRIMARY KEY,
  order_id     VARCHAR(64) NOT NULL,
  amount_minor BIGINT      NOT NULL,
  currency     CHAR(3)     NOT NULL,
  status       VARCHAR(20) NOT NULL,
  refunded_minor BIGINT    NOT NULL,
  created_at   BIGINT      NOT NULL
);

-- One answer per idempotency key: a retried request gets the stored answer, never a second effect.
CREATE TABLE idempotency_keys (
  idempotency_key VARCHAR(255)  NOT NULL PRIMARY KEY,
  request_hash    VARCHAR(64)   NOT NULL,
  status          INTEGER       NOT NULL,
  body            VARCHAR(4000) NOT NULL,
  created_at      BIGINT        NOT NULL
);
