-- Ingest compares a batch with the stored cells of each region in the batch's years. The unique key (region, series,
-- period) cannot narrow a range of years across series, so that look-up scanned every stored value of the region; this
-- index makes it a range read of the years the batch touches.
CREATE INDEX observation_region_period ON observation (region, period);
