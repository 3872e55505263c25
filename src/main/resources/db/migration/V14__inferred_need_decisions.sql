-- Coordinators' decisions on inferred needs (fi.tarjotin.needs.NeedDecisions). Keyed like match_decision by
-- the source record (source, source id: services only), which never changes meaning, and the need code, so a
-- decision outlives re-imports, remaps and merges: the inference stage honours it whenever it runs.
CREATE TABLE need_decision (
    source     text        NOT NULL,
    source_id  text        NOT NULL,
    need       text        NOT NULL,
    decision   text        NOT NULL CHECK (decision IN ('confirm', 'reject')),
    -- The inferred need as the coordinator saw it (score, evidence): a confirmed need whose words are gone
    -- keeps it, and rejected needs, which leave the document, are listed with it.
    inferred   jsonb       NOT NULL,
    decided_by text        NOT NULL,
    decided_at timestamptz NOT NULL,
    note       text,
    PRIMARY KEY (source, source_id, need)
);
