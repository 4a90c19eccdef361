// Lookthrough graph schema. Applied at every start; every statement is idempotent (IF NOT EXISTS).
//
// Nodes: every party and place is an :Entity with one kind label
//   (:Company | :Person | :Government | :Facility | :SensitiveSite) and a unique `id`.
//   Sanctions listings are (:Listing) nodes: (entity)-[:LISTED_ON]->(listing).
// Relationships point from holder to held: (:Entity)-[:OWNS|CONTROLS|OPERATES|LINKED_TO]->(:Entity).
// Provenance on every node and relationship: sourceDataset, sourceRecordId, sourceDate.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT listing_id IF NOT EXISTS FOR (l:Listing) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT owns_id IF NOT EXISTS FOR ()-[r:OWNS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT controls_id IF NOT EXISTS FOR ()-[r:CONTROLS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT operates_id IF NOT EXISTS FOR ()-[r:OPERATES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT linked_to_id IF NOT EXISTS FOR ()-[r:LINKED_TO]-() REQUIRE r.id IS UNIQUE;

CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX entity_country IF NOT EXISTS FOR (n:Entity) ON (n.country);
CREATE INDEX entity_identifiers IF NOT EXISTS FOR (n:Entity) ON (n.identifiers);
CREATE INDEX entity_source IF NOT EXISTS FOR (n:Entity) ON (n.sourceDataset, n.sourceRecordId);
CREATE INDEX site_category IF NOT EXISTS FOR (s:SensitiveSite) ON (s.category);
CREATE POINT INDEX entity_location IF NOT EXISTS FOR (n:Entity) ON (n.location);
CREATE INDEX listing_authority IF NOT EXISTS FOR (l:Listing) ON (l.authority, l.program);

CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.searchText];
