-- Values an import left out of a record it still took in (a placeholder e-mail such as "value", a web
-- page on example.com, the phone 012 345 6789): counted on the run and kept with their reasons, so a
-- coordinator can ask the maintainer to fix them at the source.
ALTER TABLE import_run ADD COLUMN warnings integer NOT NULL DEFAULT 0;

CREATE TABLE import_warning (
    id        bigserial PRIMARY KEY,
    run_id    bigint      NOT NULL REFERENCES import_run (id),
    source    text        NOT NULL,
    kind      text        NOT NULL,
    source_id text        NOT NULL,
    warning   text        NOT NULL,
    warned_at timestamptz NOT NULL
);

CREATE INDEX import_warning_by_run ON import_warning (run_id, id);
