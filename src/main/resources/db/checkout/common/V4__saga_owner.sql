-- Which instance drives a saga, and until when its lease runs (epoch ms; 0: none). A saga stored before
-- sagas had owners has none and an expired lease: the first instance to look takes it over.
ALTER TABLE sagas ADD COLUMN owner VARCHAR(200);
ALTER TABLE sagas ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
