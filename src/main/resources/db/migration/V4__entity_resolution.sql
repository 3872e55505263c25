-- Entity resolution across sources (fi.tarjotin.dedup.EntityResolution): the pairs waiting for a
-- coordinator, and the decisions every later run honours. Both name records by (source, kind, source id),
-- which never change meaning, rather than by entity ids, which merges and splits move.

CREATE TABLE match_review (
    id            bigserial PRIMARY KEY,
    entity_type   text             NOT NULL CHECK (entity_type IN ('organization', 'service')),
    -- The pair in a fixed order (a before b by source, then source id), so a pair has one row.
    source_a      text             NOT NULL,
    source_id_a   text             NOT NULL,
    source_b      text             NOT NULL,
    source_id_b   text             NOT NULL,
    score         double precision NOT NULL,
    decided_by    text             NOT NULL,
    -- open: waiting; decided: a coordinator answered (match_decision); withdrawn: the data changed and the
    -- engine no longer suggests the pair.
    status        text             NOT NULL CHECK (status IN ('open', 'decided', 'withdrawn')),
    first_seen_at timestamptz      NOT NULL,
    last_seen_at  timestamptz      NOT NULL,
    UNIQUE (entity_type, source_a, source_id_a, source_b, source_id_b)
);

CREATE INDEX match_review_open ON match_review (entity_type, score DESC) WHERE status = 'open';

CREATE TABLE match_decision (
    id          bigserial PRIMARY KEY,
    entity_type text        NOT NULL CHECK (entity_type IN ('organization', 'service')),
    source_a    text        NOT NULL,
    source_id_a text        NOT NULL,
    source_b    text        NOT NULL,
    source_id_b text        NOT NULL,
    decision    text        NOT NULL CHECK (decision IN ('merge', 'keep-apart')),
    decided_by  text        NOT NULL,
    decided_at  timestamptz NOT NULL,
    note        text,
    review_id   bigint REFERENCES match_review (id),
    UNIQUE (entity_type, source_a, source_id_a, source_b, source_id_b)
);

-- A merged-away entity stays, inactive, pointing to the entity that took its place; the API answers its id
-- with a redirect there. The index finds the entities pointing to one that merges on in turn.
ALTER TABLE catalogue_entry ADD COLUMN successor_id uuid;
CREATE INDEX entity_by_successor ON entity (successor_id) WHERE successor_id IS NOT NULL;
