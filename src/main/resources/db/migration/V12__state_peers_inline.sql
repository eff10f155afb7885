-- A peers JSON is a few hundred bytes: as a large object each row's peers lived in H2's LOB storage, so reading
-- 10,000 last-known states at start meant 10,000 LOB reads, and every poll wrote (and later swept) new LOBs.
ALTER TABLE relationship_state ALTER COLUMN peers SET DATA TYPE CHARACTER VARYING;
