CREATE TABLE applied (
  event_id     VARCHAR(64) NOT NULL,
  event_key    VARCHAR(16) NOT NULL,
  seq          INTEGER     NOT NULL,
  previous_seq INTEGER
);
