-- Where a location is, for services at locations near a postcode or a point (issue 17): the WGS84
-- point, postal code and municipality of the location's address, taken from the address that has
-- coordinates (else the first one). CatalogueEntryFacts gives them to the publisher for every entry
-- with an address; rows published before this version are filled here from their documents.

ALTER TABLE catalogue_entry
    ADD COLUMN latitude             double precision,
    ADD COLUMN longitude            double precision,
    ADD COLUMN postal_code          text,
    ADD COLUMN address_municipality text;

UPDATE catalogue_entry c
   SET latitude = (p.address #>> '{coordinates,latitude}')::double precision,
       longitude = (p.address #>> '{coordinates,longitude}')::double precision,
       postal_code = p.address ->> 'postalCode',
       address_municipality = p.address ->> 'municipality'
  FROM entity e
 CROSS JOIN LATERAL (
       SELECT a.address FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.document -> 'addresses') = 'array'
                                                      THEN e.document -> 'addresses' ELSE '[]' END)
                             WITH ORDINALITY AS a(address, position)
        ORDER BY a.address ? 'coordinates' DESC, a.position
        LIMIT 1) p
 WHERE e.id = c.entity_id;

-- The centroid of a postcode: the located, active locations with that postal code.
CREATE INDEX catalogue_entry_by_postal_code ON catalogue_entry (postal_code)
    WHERE entity_type = 'location' AND latitude IS NOT NULL;
-- Locations within a distance: a latitude band first, then the exact distance.
CREATE INDEX catalogue_entry_by_latitude ON catalogue_entry (latitude)
    WHERE entity_type = 'location' AND latitude IS NOT NULL;
