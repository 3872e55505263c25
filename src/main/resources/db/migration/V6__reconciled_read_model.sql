-- The read model is a function of entity state, not of timing (docs/architecture.md, "Read model").
--
-- Every entity carries a version that moves whenever anything the read model shows of it changes. The
-- version is set by a trigger, so no writer (ingest, entity resolution, reminder answers, …) can forget
-- it. The same trigger queues the entity in catalogue_pending in the same transaction: a change that
-- committed is queued, one that rolled back is not, whatever crashed when. The publisher drains the
-- queue; each read-model entry records the version it was built from, and a start-up check queues every
-- entity whose entry is missing or older, so nothing stored can stay unpublished.

CREATE SEQUENCE entity_version_sequence;

ALTER TABLE entity ADD COLUMN version bigint;
UPDATE entity SET version = nextval('entity_version_sequence');
ALTER TABLE entity ALTER COLUMN version SET NOT NULL;

CREATE TABLE catalogue_pending (
    entity_id uuid PRIMARY KEY REFERENCES entity (id),
    version   bigint NOT NULL
);

CREATE FUNCTION entity_versioned() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.status IS NOT DISTINCT FROM OLD.status
       AND NEW.successor_id IS NOT DISTINCT FROM OLD.successor_id
       AND NEW.last_modified IS NOT DISTINCT FROM OLD.last_modified
       AND NEW.assured_date IS NOT DISTINCT FROM OLD.assured_date
       AND NEW.assured_by IS NOT DISTINCT FROM OLD.assured_by
       AND NEW.entity_type IS NOT DISTINCT FROM OLD.entity_type
       AND NEW.document IS NOT DISTINCT FROM OLD.document THEN
        NEW.version := OLD.version;
        RETURN NEW;
    END IF;
    NEW.version := nextval('entity_version_sequence');
    RETURN NEW;
END
$$;

CREATE TRIGGER entity_versioned BEFORE INSERT OR UPDATE ON entity
    FOR EACH ROW EXECUTE FUNCTION entity_versioned();

-- AFTER, so the queued version is the one the row got (and the entity row exists for the foreign key).
CREATE FUNCTION entity_queued_for_publishing() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.version <> OLD.version THEN
        INSERT INTO catalogue_pending (entity_id, version) VALUES (NEW.id, NEW.version)
        ON CONFLICT (entity_id) DO UPDATE SET version = EXCLUDED.version;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER entity_queued_for_publishing AFTER INSERT OR UPDATE ON entity
    FOR EACH ROW EXECUTE FUNCTION entity_queued_for_publishing();

ALTER TABLE catalogue_entry ADD COLUMN entity_version bigint;

-- Existing entries were built by publishing "what changed since a run began": trust none of them.
INSERT INTO catalogue_pending (entity_id, version) SELECT id, version FROM entity;

-- The start-up check compares these two without reading documents.
CREATE INDEX entity_version_by_id ON entity (id) INCLUDE (version);
CREATE INDEX catalogue_entry_version_by_id ON catalogue_entry (entity_id) INCLUDE (entity_version);

-- An entity that could not be published (its reason), until its next change is published. Every other
-- entity is published meanwhile; the admin API lists these.
CREATE TABLE catalogue_publish_failure (
    entity_id      uuid PRIMARY KEY REFERENCES entity (id),
    entity_version bigint      NOT NULL,
    reason         text        NOT NULL,
    failed_at      timestamptz NOT NULL
);

-- The listing index held the whole sort name, so one over-long name stopped every publish. The entry keeps
-- a bounded sort key (CatalogueEntryFacts) and the mapping layer bounds names; this makes sure of the first.
UPDATE catalogue_entry SET sort_name = left(sort_name, 200) WHERE char_length(sort_name) > 200;
ALTER TABLE catalogue_entry ADD CONSTRAINT catalogue_entry_sort_name_bounded CHECK (char_length(sort_name) <= 200);

-- Which instance, and which start of it, runs an import: a restarted instance abandons the runs its previous
-- life left running at once, and leaves another live instance's runs alone.
ALTER TABLE import_run ADD COLUMN instance_id text;
ALTER TABLE import_run ADD COLUMN boot_id uuid;
