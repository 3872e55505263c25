-- The coordinators' console (issue 16).

-- One row a day of the coverage figures, so the console can show a trend over time. Written by the
-- coverage-snapshot route (routes/coverage-snapshot.yaml); a second snapshot the same day replaces the first.
CREATE TABLE coverage_snapshot (
    day                   date PRIMARY KEY,
    taken_at              timestamptz NOT NULL,
    organisations         integer     NOT NULL,
    services              integer     NOT NULL,
    -- active organisations and services neither assured nor changed within tarjotin.reminders.stale-after
    stale                 integer     NOT NULL,
    -- active organisations and services never assured by their maintainer
    unconfirmed           integer     NOT NULL,
    -- (municipality, need) pairs of the console's municipalities that no active service meets
    needs_without_service integer     NOT NULL
);

-- Each field's contribution (in bits) to a review pair's score, so a coordinator sees why the pair is in doubt.
ALTER TABLE match_review ADD COLUMN contributions jsonb;
