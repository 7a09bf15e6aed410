-- The OrderPlaced event a saga answers: its confirm and cancel events name it as their cause (ce_causationid).
ALTER TABLE sagas ADD COLUMN causation_id TEXT;
