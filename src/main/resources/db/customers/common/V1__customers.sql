CREATE TABLE customers (
  id            VARCHAR(36)  NOT NULL PRIMARY KEY,
  email         VARCHAR(254) NOT NULL UNIQUE,
  name          VARCHAR(200) NOT NULL,
  registered_at BIGINT       NOT NULL
);
