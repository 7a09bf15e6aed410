-- The event store: an order is the stream of its events; (stream_id, version) unique makes a
-- concurrent append a conflict instead of a merge.
CREATE TABLE order_events (
  stream_id      VARCHAR(64)  NOT NULL,
  version        BIGINT       NOT NULL,
  event_id       VARCHAR(64)  NOT NULL UNIQUE,
  event_type     VARCHAR(200) NOT NULL,
  data           TEXT         NOT NULL,
  correlation_id VARCHAR(200),
  recorded_at    BIGINT       NOT NULL,
  PRIMARY KEY (stream_id, version)
);

-- The read model, maintained in the transaction of each append and rebuildable from order_events.
CREATE TABLE order_view (
  order_id         VARCHAR(64) NOT NULL PRIMARY KEY,
  customer_id      VARCHAR(64) NOT NULL,
  status           VARCHAR(16) NOT NULL,
  reason           VARCHAR(64),
  cancel_requested INTEGER     NOT NULL,
  version          BIGINT      NOT NULL,
  currency         VARCHAR(3)  NOT NULL,
  total_minor      BIGINT      NOT NULL,
  lines            TEXT        NOT NULL,
  placed_at        BIGINT      NOT NULL,
  updated_at       BIGINT      NOT NULL
);
CREATE INDEX order_view_by_customer ON order_view (customer_id, placed_at, order_id);
CREATE INDEX order_view_by_status ON order_view (status, placed_at, order_id);

-- Idempotency keys of POST /api/v1/orders: the request's fingerprint and the answer it got.
CREATE TABLE order_requests (
  idempotency_key VARCHAR(200) NOT NULL PRIMARY KEY,
  fingerprint     TEXT         NOT NULL,
  response        TEXT         NOT NULL,
  created_at      BIGINT       NOT NULL
);
