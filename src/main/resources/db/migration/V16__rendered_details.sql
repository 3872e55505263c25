-- Details as fast as lists (issue 17): the API's detail of each service and organisation, rendered at publish
-- time, per language, by the code that renders it on request. A detail request reads one row and writes its
-- bytes; nothing is parsed or rendered. CataloguePublisher writes a detail in the transaction that publishes its
-- entry, and the trigger below queues, in the same transaction, every other detail that embeds an entry that
-- changed (a service nests its organisation and its locations; an organisation lists its services).

CREATE TABLE catalogue_detail (
    entity_id     uuid    NOT NULL REFERENCES entity (id),
    language      text    NOT NULL,
    -- The JSON exactly as the API answers it, and the weak ETag of those bytes.
    body          text    NOT NULL,
    etag          text    NOT NULL,
    -- A service's detail up to its own list of locations (in UTF-8 bytes): what a service at a location nests.
    nested_length integer,
    -- The Helsinki date on which a "stale" flag inside turns true (tarjotin.reminders.stale-after): the copy is
    -- not served from that day on and is rendered again. Null when no flag can turn.
    fresh_until   date,
    rendered_on   date    NOT NULL,
    PRIMARY KEY (entity_id, language)
);

CREATE INDEX catalogue_detail_expiring ON catalogue_detail (fresh_until) WHERE fresh_until IS NOT NULL;

-- Details to render again because an entry they embed changed. Rows are only ever added (never updated), so a
-- writer queueing a detail waits for no other transaction; a renderer deletes the rows it read before it rendered.
CREATE TABLE catalogue_detail_pending (
    seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_id uuid NOT NULL
);

CREATE INDEX catalogue_detail_pending_by_entity ON catalogue_detail_pending (entity_id);

-- Which details show an entry: its own (services, organisations), its organisation's (a service is listed in it),
-- its service's (a service at a location is listed in it), the details of the services of an organisation (they
-- nest it) and of the services at a location (they nest the location).
CREATE FUNCTION catalogue_details_of_inserted_entries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalogue_detail_pending (entity_id)
    SELECT id FROM (
        SELECT entity_id AS id FROM changed WHERE entity_type IN ('service', 'organization')
        UNION SELECT organization_id FROM changed WHERE entity_type = 'service'
        UNION SELECT service_id FROM changed WHERE entity_type = 'service_at_location'
        UNION SELECT c.entity_id FROM catalogue_entry c JOIN changed t ON c.organization_id = t.entity_id
               WHERE t.entity_type = 'organization' AND c.entity_type = 'service'
        UNION SELECT c.service_id FROM catalogue_entry c JOIN changed t ON c.location_id = t.entity_id
               WHERE t.entity_type = 'location' AND c.entity_type = 'service_at_location') shown
     WHERE id IS NOT NULL ORDER BY id;
    RETURN NULL;
END
$$;

-- The same for changed entries, and the details that showed them before: an organisation a service left, the
-- service a link was moved from.
CREATE FUNCTION catalogue_details_of_updated_entries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalogue_detail_pending (entity_id)
    SELECT id FROM (
        SELECT entity_id AS id FROM changed WHERE entity_type IN ('service', 'organization')
        UNION SELECT organization_id FROM changed WHERE entity_type = 'service'
        UNION SELECT organization_id FROM previous WHERE entity_type = 'service'
        UNION SELECT service_id FROM changed WHERE entity_type = 'service_at_location'
        UNION SELECT service_id FROM previous WHERE entity_type = 'service_at_location'
        UNION SELECT c.entity_id FROM catalogue_entry c JOIN changed t ON c.organization_id = t.entity_id
               WHERE t.entity_type = 'organization' AND c.entity_type = 'service'
        UNION SELECT c.service_id FROM catalogue_entry c JOIN changed t ON c.location_id = t.entity_id
               WHERE t.entity_type = 'location' AND c.entity_type = 'service_at_location') shown
     WHERE id IS NOT NULL ORDER BY id;
    RETURN NULL;
END
$$;

-- Statement triggers with transition tables: one set-based insert per statement (a publish batch is one
-- statement of up to 1,000 entries), whichever package writes the entries (entity resolution unresolves
-- references too).
CREATE TRIGGER catalogue_details_of_inserted_entries AFTER INSERT ON catalogue_entry
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_details_of_inserted_entries();

CREATE TRIGGER catalogue_details_of_updated_entries AFTER UPDATE ON catalogue_entry
    REFERENCING OLD TABLE AS previous NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_details_of_updated_entries();
