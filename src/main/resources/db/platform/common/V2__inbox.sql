-- Inbox: the events a consumer group has applied, written with the effect, so a redelivery has none.
CREATE TABLE inbox (
  consumer_group VARCHAR(200) NOT NULL,
  event_id       VARCHAR(64)  NOT NULL,
  processed_at   BIGINT       NOT NULL,
  PRIMARY KEY (consumer_group, event_id)
);
