-- A score's detail (components, explanation, vintages as JSON, a few hundred to a few thousand characters) moves
-- from a CLOB to a long VARCHAR: H2 keeps CLOBs in a separate LOB store and reads each through a stream, which made
-- comparing a recompute with the stored scores the largest cost of scoring. SET DATA TYPE is standard SQL (H2 and
-- PostgreSQL both take it).
ALTER TABLE score ALTER COLUMN detail SET DATA TYPE VARCHAR(1000000);
