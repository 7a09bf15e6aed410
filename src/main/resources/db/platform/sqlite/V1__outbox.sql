-- Transactional outbox: written in the same transaction as the state change it announces.
CREATE TABLE outbox (
  seq          INTEGER      PRIMARY KEY AUTOINCREMENT,
  event_id     VARCHAR(64)  NOT NULL UNIQUE,
  topic        VARCHAR(249) NOT NULL,
  event_key    VARCHAR(200) NOT NULL,
  attributes   TEXT         NOT NULL,
  payload      TEXT         NOT NULL,
  created_at   BIGINT       NOT NULL,
  published_at BIGINT
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
