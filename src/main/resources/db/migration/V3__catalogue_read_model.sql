-- The read model the public API serves: one row per entity, built from the entity layer by
-- CataloguePublisher: the columns the three clicks, search and facets filter on, so no request has to
-- open a JSON document to filter. The document itself is read from the entity (not copied: copying
-- 300,000 documents doubled the time a first national import takes), and its private details are
-- removed as it is read (JdbcCatalogueReader).

CREATE TABLE catalogue_entry (
    entity_id        uuid PRIMARY KEY REFERENCES entity (id),
    entity_type      text        NOT NULL,
    status           text        NOT NULL,
    last_modified    timestamptz NOT NULL,
    assured_date     date,
    source           text        NOT NULL,
    -- References as the source gives them (its own ids), and the entities they resolve to. A reference
    -- whose target has not arrived yet stays unresolved until it does.
    organization_ref text,
    organization_id  uuid,
    service_ref      text,
    service_id       uuid,
    location_ref     text,
    location_id      uuid,
    -- Byte order ("C"): the same on every server, and it puts å, ä and ö after z as Finnish does.
    sort_name        text COLLATE "C" NOT NULL,
    categories       text[]      NOT NULL,
    needs            text[]      NOT NULL,
    -- Municipality codes the entry is offered in, with wellbeing services counties expanded; entries
    -- offered in the whole country have coverage 'whole-country' (or '...-except-aland') instead.
    municipalities   text[]      NOT NULL,
    coverage         text        NOT NULL CHECK (coverage IN ('whole-country', 'whole-country-except-aland', 'limited')),
    languages        text[]      NOT NULL,
    search_vector    tsvector    NOT NULL,
    published_at     timestamptz NOT NULL
);

CREATE INDEX catalogue_entry_listing ON catalogue_entry (entity_type, status, sort_name, entity_id);
CREATE INDEX catalogue_entry_changes ON catalogue_entry (entity_type, last_modified, entity_id);
CREATE INDEX catalogue_entry_categories ON catalogue_entry USING gin (categories);
CREATE INDEX catalogue_entry_needs ON catalogue_entry USING gin (needs);
CREATE INDEX catalogue_entry_municipalities ON catalogue_entry USING gin (municipalities);
CREATE INDEX catalogue_entry_search ON catalogue_entry USING gin (search_vector);
CREATE INDEX catalogue_entry_by_organization ON catalogue_entry (organization_id);
CREATE INDEX catalogue_entry_by_service ON catalogue_entry (service_id);
CREATE INDEX catalogue_entry_by_location ON catalogue_entry (location_id);
CREATE INDEX catalogue_entry_unresolved ON catalogue_entry (entity_id)
    WHERE (organization_ref IS NOT NULL AND organization_id IS NULL)
       OR (service_ref IS NOT NULL AND service_id IS NULL)
       OR (location_ref IS NOT NULL AND location_id IS NULL);

-- What the read model was last built with (the publisher's format version and the taxonomy tables):
-- a different fingerprint at start-up rebuilds every entry.
CREATE TABLE catalogue_state (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    fingerprint text        NOT NULL,
    built_at    timestamptz NOT NULL
);

-- Advanced after every publish: an instance whose in-memory service index was loaded at another value
-- loads it again (ServiceIndex).
CREATE SEQUENCE catalogue_generation;

-- The search query for a list of words typed by a user: every word must match (AND), and a word of
-- three or more letters matches as a prefix of a Finnish, Swedish or English stem ("muisti" finds "muistisairaiden",
-- "anhörig" finds "anhörigvårdare"). Long words also match by their first letters less the last two,
-- which catches Finnish consonant gradation the stemmer misses ("mielenterveys" -> "mielenterveyden").
-- Words are passed as an array (bound parameter) and quoted here, so no user text reaches the
-- tsquery syntax.
CREATE FUNCTION catalogue_search_query(words text[]) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    result tsquery;
    word text;
    term text;
    alternatives tsquery;
BEGIN
    FOREACH word IN ARRAY words LOOP
        -- One or two letters as a prefix would match almost everything: those must match a whole word.
        term := quote_literal(word) || CASE WHEN char_length(word) >= 3 THEN ':*' ELSE '' END;
        alternatives := to_tsquery('finnish', term) || to_tsquery('swedish', term) || to_tsquery('english', term);
        IF char_length(word) >= 8 THEN
            alternatives := alternatives
                         || to_tsquery('simple', quote_literal(left(word, char_length(word) - 2)) || ':*');
        END IF;
        IF numnode(alternatives) > 0 THEN
            result := CASE WHEN result IS NULL THEN alternatives ELSE result && alternatives END;
        END IF;
    END LOOP;
    RETURN result;
END
$$;
