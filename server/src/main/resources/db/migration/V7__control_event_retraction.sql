-- Events can now be added, corrected and retracted while the server runs (the events API, the Federal Register
-- connector). A retracted event is deleted, and its key remembered here: a connector that meets the same document
-- again must not bring back what a person took out. Adding the key again by hand (POST) forgets the retraction.
CREATE TABLE control_event_retraction (
    event_key      VARCHAR(200)  NOT NULL PRIMARY KEY,
    retracted_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
