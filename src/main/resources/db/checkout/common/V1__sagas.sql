-- One checkout saga per order, written at every step so that an unfinished saga resumes after a restart.
CREATE TABLE sagas (
  order_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
  customer_id    VARCHAR(64)  NOT NULL,
  orchestration  VARCHAR(8)   NOT NULL,
  state          VARCHAR(16)  NOT NULL,
  step           VARCHAR(16)  NOT NULL,
  reason         VARCHAR(32),
  lines          TEXT         NOT NULL,
  amount         VARCHAR(32)  NOT NULL,
  currency       VARCHAR(3)   NOT NULL,
  payment_token  VARCHAR(255) NOT NULL,
  correlation_id VARCHAR(200),
  deadline_at    BIGINT       NOT NULL,
  attempts       INTEGER      NOT NULL,
  last_error     TEXT,
  history_size   INTEGER      NOT NULL,
  created_at     BIGINT       NOT NULL,
  updated_at     BIGINT       NOT NULL
);
CREATE INDEX sagas_by_state ON sagas (state, created_at);

-- The step history of each saga, in order.
CREATE TABLE saga_steps (
  order_id VARCHAR(64) NOT NULL,
  seq      INTEGER     NOT NULL,
  step     VARCHAR(16) NOT NULL,
  outcome  VARCHAR(16) NOT NULL,
  detail   TEXT,
  at       BIGINT      NOT NULL,
  PRIMARY KEY (order_id, seq)
);
