-- Start-up (issue 19, docs/performance.md): an identity column hands out the values it has cached, and writes its
-- state to the file each time the cache runs out. With H2's default cache of 32 values and WRITE_DELAY=0, seeding the
-- 2,143 bundled observations into a new database wrote that state 67 times and took half of the insert's time. Ids are
-- surrogate keys only (nothing orders or counts by them), so the gaps a larger cache can leave after a crash are
-- harmless. Valid on PostgreSQL too, where the cache is per connection.
ALTER TABLE observation ALTER COLUMN id SET CACHE 1024;
ALTER TABLE score ALTER COLUMN id SET CACHE 1024;
ALTER TABLE control_event ALTER COLUMN id SET CACHE 1024;
