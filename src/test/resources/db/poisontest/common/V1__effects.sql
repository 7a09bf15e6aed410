CREATE TABLE effects (
  event_id VARCHAR(64) NOT NULL,
  applied_at BIGINT NOT NULL
);
