-- Registrations per minute of the event time, so that a replay rebuilds the same figures.
CREATE TABLE registrations_per_minute (
  minute_start  BIGINT NOT NULL PRIMARY KEY,
  registrations BIGINT NOT NULL
);
