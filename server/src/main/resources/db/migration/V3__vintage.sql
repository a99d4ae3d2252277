-- Vintages: the release of its source an observation belongs to (World Bank "lastupdated", a WDI file's "Last Updated
-- Date", or what a client posted), and the vintage each (series, region) currently holds, so that a newer release
-- replaces the values of that series in that region and an unchanged one is skipped.
ALTER TABLE observation ADD COLUMN vintage VARCHAR(200);

CREATE TABLE series_vintage (
    series_code VARCHAR(64)   NOT NULL,
    region      VARCHAR(8)    NOT NULL,
    vintage     VARCHAR(200)  NOT NULL,
    origin      VARCHAR(500)  NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT series_vintage_key PRIMARY KEY (series_code, region)
);
