-- The four layers of docs/architecture.md: source records -> mapped records -> entities (-> read model,
-- added with the API), plus the bookkeeping of import runs and rejected records.

CREATE TABLE import_run (
    id             bigserial PRIMARY KEY,
    source         text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('full', 'incremental', 'remap')),
    status         text        NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'abandoned')),
    triggered_by   text        NOT NULL,
    source_version text,
    changes_since  timestamptz,
    started_at     timestamptz NOT NULL,
    heartbeat_at   timestamptz NOT NULL,
    finished_at    timestamptz,
    fetched        integer     NOT NULL DEFAULT 0,
    created        integer     NOT NULL DEFAULT 0,
    updated        integer     NOT NULL DEFAULT 0,
    unchanged      integer     NOT NULL DEFAULT 0,
    rejected       integer     NOT NULL DEFAULT 0,
    skipped        integer     NOT NULL DEFAULT 0,
    retired        integer     NOT NULL DEFAULT 0,
    pages_done     integer     NOT NULL DEFAULT 0,
    pages_total    integer,
    error          text
);

-- One running import per source across every instance sharing this database.
CREATE UNIQUE INDEX import_run_one_running_per_source ON import_run (source) WHERE status = 'running';
CREATE INDEX import_run_by_source ON import_run (source, started_at DESC);

CREATE TABLE source_record (
    id                 bigserial PRIMARY KEY,
    source             text        NOT NULL,
    kind               text        NOT NULL,
    source_id          text        NOT NULL,
    source_url         text,
    mapping_set        text        NOT NULL,
    payload            jsonb       NOT NULL,
    content_hash       text        NOT NULL,
    source_modified_at timestamptz,
    first_seen_at      timestamptz NOT NULL,
    last_seen_at       timestamptz NOT NULL,
    last_seen_run_id   bigint      REFERENCES import_run (id),
    changed_run_id     bigint      REFERENCES import_run (id),
    retired_at         timestamptz,
    retired_run_id     bigint      REFERENCES import_run (id),
    UNIQUE (source, kind, source_id)
) WITH (fillfactor = 80);
-- No index on last_seen_*: every run rewrites them for every record it sees, and without an index on
-- them (and with free space on each page) PostgreSQL can do that as a cheap in-place (HOT) update.
-- Retiring what a full run did not see scans the table once per full run instead.

CREATE TABLE mapped_record (
    source_record_id bigint PRIMARY KEY REFERENCES source_record (id),
    entity_type      text        NOT NULL,
    document         jsonb       NOT NULL,
    mapping_hash     text        NOT NULL,
    mapped_at        timestamptz NOT NULL
);

CREATE TABLE entity (
    id            uuid PRIMARY KEY,
    entity_type   text        NOT NULL CHECK (entity_type IN ('organization', 'service', 'location', 'service_at_location')),
    status        text        NOT NULL CHECK (status IN ('active', 'inactive')),
    document      jsonb       NOT NULL,
    successor_id  uuid REFERENCES entity (id),
    created_at    timestamptz NOT NULL,
    last_modified timestamptz NOT NULL,
    assured_date  date,
    assured_by    text
);

CREATE INDEX entity_by_type_and_modification ON entity (entity_type, last_modified);

CREATE TABLE entity_member (
    source_record_id bigint PRIMARY KEY REFERENCES source_record (id),
    entity_id        uuid NOT NULL REFERENCES entity (id)
);

CREATE INDEX entity_member_by_entity ON entity_member (entity_id);

CREATE TABLE rejected_record (
    id          bigserial PRIMARY KEY,
    run_id      bigint      NOT NULL REFERENCES import_run (id),
    source      text        NOT NULL,
    kind        text,
    source_id   text,
    reason      text        NOT NULL,
    location    text,
    payload     text        NOT NULL,
    rejected_at timestamptz NOT NULL
);

CREATE INDEX rejected_record_by_run ON rejected_record (run_id, id);
