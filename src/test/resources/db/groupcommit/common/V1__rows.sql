CREATE TABLE rows_written (
  id      VARCHAR(64)  NOT NULL PRIMARY KEY,
  payload VARCHAR(400) NOT NULL
);
